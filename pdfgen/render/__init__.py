"""Drawing with reportlab: the document, its flowables, marks, form fields and fonts."""
