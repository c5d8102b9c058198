"""The bundled DejaVu fonts (see LICENSE-DejaVu.txt)."""
