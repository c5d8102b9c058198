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
    "BookletResult": "pdfgen.app.booklet",
    "render_booklet": "pdfgen.app.booklet",
    "render_log": "pdfgen.app.booklet",
    "InputError": "pdfgen.errors",
    "OutputError": "pdfgen.errors",
    "PdfgenError": "pdfgen.errors",
    "Layout": "pdfgen.style.layout",
    "load_layout": "pdfgen.style.layout",
    "load_library": "pdfgen.plan.loading",
    "load_plan": "pdfgen.plan.loading",
    "Plan": "pdfgen.plan.model",
    "expand": "pdfgen.schedule.expand",
    "read_log": "pdfgen.logbook.readlog",
}

if TYPE_CHECKING:
    from pdfgen.app.booklet import BookletResult, render_booklet, render_log
    from pdfgen.errors import InputError, OutputError, PdfgenError
    from pdfgen.logbook.readlog import read_log
    from pdfgen.plan.loading import load_library, load_plan
    from pdfgen.plan.model import Plan
    from pdfgen.schedule.expand import expand
    from pdfgen.style.layout import Layout, load_layout


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'pdfgen' has no attribute {name!r}")
