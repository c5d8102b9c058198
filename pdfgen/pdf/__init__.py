"""Finished PDFs: imposition and merging."""
