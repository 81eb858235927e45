"""`python -m attrib` runs the command-line interface."""

from attrib.cli import main

if __name__ == "__main__":
    main()
