"""reader: a terminal reader for news articles that highlights who said what."""

__version__ = "0.1.0"
