"""`python -m dyad` runs the command line."""
from dyad.cli import main

main()
