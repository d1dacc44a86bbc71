"""The Textual user interface. Only this package (and the CLI launcher) imports Textual."""
