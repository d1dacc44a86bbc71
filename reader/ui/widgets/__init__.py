"""Widgets of the reader. They render what they are given and post messages; no I/O."""
