"""Reading and writing files safely: YAML with positions, schema helpers, input and output files,
the files that install with pdfgen.
"""
