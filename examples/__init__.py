"""Example plans and layouts; installed as package data of pdfgen, so `pdfgen plans` can copy them."""
