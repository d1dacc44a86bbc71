"""Analysis: entities and attributed quotations. spaCy is imported only inside this package."""
