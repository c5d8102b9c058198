"""Built-in page layouts; installed as package data of pdfgen."""
