"""Example plans and layouts, installed as package data of pdfgen so that `pdfgen plans` can
list and copy them from any folder."""
