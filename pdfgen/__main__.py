"""`python -m pdfgen` runs the command line."""

from pdfgen.cli import main

main()
