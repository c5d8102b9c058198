"""pdfgen: training plans in YAML to printable PDF booklets and workout log sheets.

The library API; every command of `pdfgen` is one call of it::

    import pdfgen
    plan = pdfgen.load_plan("upper-back")          # a file, or a built-in plan id
    pdfgen.render_booklet(plan, "booklet.pdf", client="Zoë Ørsted", weeks=6, start="2027-01-04")

Names are imported on first use, so `import pdfgen` stays cheap for the command line.
"""

from __future__ import annotations

import importlib
from typing import Any

from pdfgen.version import __version__

# Every public name, by the module it lives in: the one list of the API.
_API = {
    "pdfgen.errors": ("PdfgenError", "InputError", "OutputError", "UsageError", "Problem"),
    "pdfgen.plan.loading": ("load_plan",),
    "pdfgen.plan.library": ("load_library",),
    "pdfgen.plan.model": ("Plan",),
    "pdfgen.plan.options": ("OPTIONS",),
    "pdfgen.schedule.expand": ("expand",),
    "pdfgen.style.loading": ("load_layout",),
    "pdfgen.style.layout": ("Layout",),
    "pdfgen.app.booklet": ("render_booklet", "render_log", "BookletResult"),
    "pdfgen.app.batch": ("run_batch",),
    "pdfgen.app.checks": ("check_file",),
    "pdfgen.logbook.readlog": ("read_log",),
    "pdfgen.logbook.nextblock": ("next_block",),
}
_HOMES = {name: module for module, names in _API.items() for name in names}

__all__ = ["__version__", *_HOMES]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'pdfgen' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
