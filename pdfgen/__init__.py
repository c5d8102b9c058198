"""pdfgen: training plans in YAML to printable PDF booklets and workout log sheets.

The library API (the command line only wraps it)::

    import pdfgen
    plan = pdfgen.load_plan("upper-back")          # a file, or a built-in plan id
    pdfgen.render_booklet(plan, "booklet.pdf", client="Zoë Ørsted", weeks=6, start="2027-01-04")

Names are imported on first use, so `import pdfgen` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "BookletResult",
    "InputError",
    "Layout",
    "OutputError",
    "PdfgenError",
    "Plan",
    "expand",
    "load_layout",
    "load_library",
    "load_plan",
    "read_log",
    "render_booklet",
    "render_log",
]

_HOMES = {
    "BookletResult": "pdfgen.booklet",
    "render_booklet": "pdfgen.booklet",
    "render_log": "pdfgen.booklet",
    "InputError": "pdfgen.errors",
    "OutputError": "pdfgen.errors",
    "PdfgenError": "pdfgen.errors",
    "Layout": "pdfgen.layout",
    "load_layout": "pdfgen.layout",
    "load_library": "pdfgen.loader",
    "load_plan": "pdfgen.loader",
    "Plan": "pdfgen.plan",
    "expand": "pdfgen.schedule",
    "read_log": "pdfgen.readlog",
}

if TYPE_CHECKING:
    from pdfgen.booklet import BookletResult, render_booklet, render_log
    from pdfgen.errors import InputError, OutputError, PdfgenError
    from pdfgen.layout import Layout, load_layout
    from pdfgen.loader import load_library, load_plan
    from pdfgen.plan import Plan
    from pdfgen.readlog import read_log
    from pdfgen.schedule import expand


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'pdfgen' has no attribute {name!r}")
