"""Built-in plans and the exercise library; installed as package data of pdfgen."""
