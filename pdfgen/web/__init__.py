"""`pdfgen serve`: a local web page and a small JSON API over the library, for trainers who
never open a terminal (the `serve` extra: Starlette and uvicorn)."""
