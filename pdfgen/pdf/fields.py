"""Writing a document's form fields into its PDF, all at once, with pikepdf (qpdf).

Every field is a widget on its page with an appearance of its own: a filler that draws a typed
value into one field's appearance must not draw it into another's (MuPDF and Ghostscript print
appearances, not values). Text is typed in Helvetica and ticks are ZapfDingbats' check mark,
both named in the form's resources, as viewers that draw a field afresh look them up there.
Text outside Latin-1 is stored and read back, but a viewer may not show it: PDF viewers draw
form fields with the 14 standard fonts only.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pdfgen.compose.formspec import FieldSpec

if TYPE_CHECKING:
    import pikepdf

Color = tuple[float, float, float]
TEXT_FONT, TICK_FONT = "/Helv", "/ZaDb"
PRINT, HIDDEN = 4, 2  # annotation flags
READ_ONLY, MULTILINE = 1, 1 << 12  # field flags
TICK = "4"  # ZapfDingbats' check mark
TICK_WIDTH = 0.846  # of its font size
TICK_SHARE = 0.8  # of the box the mark's font size takes


def add_fields(pdf: bytes, specs: Sequence[FieldSpec], color: Color) -> bytes:
    """`pdf` with the form fields `specs`, typed and ticked in `color`."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        fonts = _fonts(document)
        fields = pikepdf.Array()
        pages = document.pages
        for spec in specs:
            page = pages[spec.page].obj
            widget = document.make_indirect(_widget(document, spec, fonts, color))
            widget.P = page
            if "/Annots" not in page:
                page.Annots = pikepdf.Array()
            page.Annots.append(widget)
            fields.append(widget)
        document.Root.AcroForm = document.make_indirect(
            pikepdf.Dictionary(
                Fields=fields,
                DR=pikepdf.Dictionary(Font=fonts),
                DA=pikepdf.String(f"{TEXT_FONT} 0 Tf 0 g"),
            )
        )
        # A new document: both halves of its ID a digest of its content, fields and all.
        del document.trailer["/ID"]
        out = io.BytesIO()
        document.save(
            out,
            deterministic_id=True,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
    return out.getvalue()


def _fonts(document: pikepdf.Pdf) -> pikepdf.Dictionary:
    """The form's fonts, one object each, which every field names."""
    import pikepdf

    def font(base: str, **extra: pikepdf.Object) -> pikepdf.Object:
        entries: dict[str, pikepdf.Object] = {"/Type": pikepdf.Name.Font}
        entries["/Subtype"] = pikepdf.Name.Type1
        entries["/BaseFont"] = pikepdf.Name(base)
        entries |= {f"/{key}": value for key, value in extra.items()}
        return document.make_indirect(pikepdf.Dictionary(entries))

    return pikepdf.Dictionary(
        {
            TEXT_FONT: font("/Helvetica", Encoding=pikepdf.Name.WinAnsiEncoding),
            TICK_FONT: font("/ZapfDingbats"),
        }
    )


def _widget(
    document: pikepdf.Pdf, spec: FieldSpec, fonts: pikepdf.Dictionary, color: Color
) -> pikepdf.Dictionary:
    import pikepdf

    x0, y0, x1, y1 = spec.rect
    rgb = " ".join(_num(c) for c in color)
    widget = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Widget,
        T=pikepdf.String(spec.name),
        Rect=pikepdf.Array([_real(x0), _real(y0), _real(x1), _real(y1)]),
    )
    if spec.tooltip:
        widget.TU = pikepdf.String(spec.tooltip)
    width, height = x1 - x0, y1 - y0
    if spec.kind == "tick":
        widget.FT = pikepdf.Name.Btn
        widget.F = PRINT
        widget.Ff = 0
        widget.DA = pikepdf.String(f"{TICK_FONT} 0 Tf {rgb} rg")
        widget.V = widget.AS = pikepdf.Name.Off
        widget.MK = pikepdf.Dictionary(CA=pikepdf.String(TICK))
        resources = pikepdf.Dictionary(Font=pikepdf.Dictionary({TICK_FONT: fonts[TICK_FONT]}))
        widget.AP = pikepdf.Dictionary(
            N=pikepdf.Dictionary(
                Yes=_appearance(document, width, height, _tick(width, height, rgb), resources),
                Off=_appearance(document, width, height, b"0 0 m n", resources),
            )
        )
        return widget
    widget.FT = pikepdf.Name.Tx
    widget.V = widget.DV = pikepdf.String(spec.value)
    widget.DA = pikepdf.String(f"{TEXT_FONT} {_num(spec.size)} Tf {rgb} rg")
    resources = pikepdf.Dictionary(Font=pikepdf.Dictionary({TEXT_FONT: fonts[TEXT_FONT]}))
    if spec.kind == "record":
        widget.F, widget.Ff = HIDDEN, READ_ONLY
    else:
        widget.F, widget.Ff = PRINT, MULTILINE if spec.multiline else 0
        widget.MaxLen = spec.max_length
        if spec.centred:
            widget.Q = 1
    widget.AP = pikepdf.Dictionary(
        N=_appearance(document, width, height, b"/Tx BMC EMC", resources)
    )
    return widget


def _tick(width: float, height: float, rgb: str) -> bytes:
    """A check mark centred in its box. It first ends any path left open before it: some
    fillers write a text field's appearance that clips without ending its path (`re W` with no
    `n`), and Ghostscript carried that path into the next widget drawn, where the tick's fill
    filled the text cell too, a solid black square."""
    size = min(width, height) * TICK_SHARE
    x = (width - size * TICK_WIDTH) / 2
    y = (height - size * 0.7) / 2
    place = f"{TICK_FONT} {_num(size)} Tf {_num(x)} {_num(y)} Td"
    return f"0 0 m n q {rgb} rg BT {place} ({TICK}) Tj ET Q".encode()


def _appearance(
    document: pikepdf.Pdf,
    width: float,
    height: float,
    content: bytes,
    resources: pikepdf.Dictionary,
) -> pikepdf.Stream:
    import pikepdf

    stream = pikepdf.Stream(document, content)
    stream.Type = pikepdf.Name.XObject
    stream.Subtype = pikepdf.Name.Form
    stream.BBox = pikepdf.Array([0, 0, _real(width), _real(height)])
    stream.Resources = resources
    return document.make_indirect(stream)


def _real(value: float) -> float:
    # Hundredths of a point: the same figure in every run, and in every reader.
    return round(value, 2)


def _num(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text
