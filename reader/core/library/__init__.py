"""The reading life of documents: metadata, reading states, the document's own note and tags,
library filters and sorting, citations. Plain functions over ``Document`` records; the
service part ``reader.core.service.library`` connects them to the store.
"""
