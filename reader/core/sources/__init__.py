"""Readers for each kind of document source: bytes to text, Markdown, HTML, URLs and titles.

``reader.core.documents.load_source`` composes these; nothing here imports a slow library at
import time (trafilatura and markdown-it are imported inside the functions that use them).
"""
