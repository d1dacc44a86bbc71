"""`python -m reader` runs the command-line interface."""

from reader.cli import main

if __name__ == "__main__":
    main()
