"""The version of pdfgen: printed by `pdfgen --version`, written into every PDF's metadata,
and read from here by the packaging (pyproject.toml)."""

__version__ = "0.1.0"
