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
from typing import TYPE_CHECKING, Any

from pdfgen.compose.formspec import FieldSpec
from pdfgen.pdf.saving import compact_bytes

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
        maker = _WidgetMaker(document, fonts, color)
        pages = [page.obj for page in document.pages]
        annots: dict[int, list[pikepdf.Object]] = {}
        fields = []
        for spec in specs:
            widget = maker(spec, pages[spec.page])
            annots.setdefault(spec.page, []).append(widget)
            fields.append(widget)
        for number, widgets in annots.items():
            page = pages[number]
            before = list(page.Annots) if "/Annots" in page else []
            page.Annots = pikepdf.Array(before + widgets)
        document.Root.AcroForm = document.make_indirect(
            pikepdf.Dictionary(
                Fields=pikepdf.Array(fields),
                DR=pikepdf.Dictionary(Font=fonts),
                DA=pikepdf.String(f"{TEXT_FONT} 0 Tf 0 g"),
            )
        )
        # A new document: both halves of its ID a digest of its content, fields and all.
        del document.trailer["/ID"]
        return compact_bytes(document)


def _fonts(document: pikepdf.Pdf) -> pikepdf.Dictionary:
    """The form's fonts, one object each, which every field names."""
    import pikepdf

    def font(base: str, extra: str = "") -> pikepdf.Object:
        text = f"<</Type/Font/Subtype/Type1/BaseFont{base}{extra}>>"
        return document.make_indirect(pikepdf.Object.parse(text.encode()))

    return pikepdf.Dictionary(
        {
            TEXT_FONT: font("/Helvetica", "/Encoding/WinAnsiEncoding"),
            TICK_FONT: font("/ZapfDingbats"),
        }
    )


class _WidgetMaker:
    """Makes each field's widget, with appearances of its own that share their resources."""

    def __init__(self, document: pikepdf.Pdf, fonts: pikepdf.Dictionary, color: Color) -> None:
        import pikepdf

        self.document = document
        self.rgb = " ".join(_num(c) for c in color)
        self.tick_look = pikepdf.String(f"{TICK_FONT} 0 Tf {self.rgb} rg")
        self.text_resources = document.make_indirect(
            pikepdf.Dictionary(Font=pikepdf.Dictionary({TEXT_FONT: fonts[TEXT_FONT]}))
        )
        self.tick_resources = document.make_indirect(
            pikepdf.Dictionary(Font=pikepdf.Dictionary({TICK_FONT: fonts[TICK_FONT]}))
        )

    def __call__(self, spec: FieldSpec, page: pikepdf.Object) -> pikepdf.Object:
        import pikepdf

        x0, y0, x1, y1 = spec.rect
        width, height = x1 - x0, y1 - y0
        entries: dict[str, object] = {
            "/Type": pikepdf.Name.Annot,
            "/Subtype": pikepdf.Name.Widget,
            "/T": pikepdf.String(spec.name),
            "/Rect": [_real(x0), _real(y0), _real(x1), _real(y1)],
            "/P": page,
        }
        if spec.tooltip:
            entries["/TU"] = pikepdf.String(spec.tooltip)
        if spec.kind == "tick":
            entries |= {
                "/FT": pikepdf.Name.Btn,
                "/F": PRINT,
                "/Ff": 0,
                "/DA": self.tick_look,
                "/V": pikepdf.Name.Off,
                "/AS": pikepdf.Name.Off,
                "/MK": pikepdf.Dictionary(CA=pikepdf.String(TICK)),
                "/AP": pikepdf.Dictionary(
                    N=pikepdf.Dictionary(
                        Yes=self._look(width, height, _tick(width, height, self.rgb), tick=True),
                        Off=self._look(width, height, b"0 0 m n", tick=True),
                    )
                ),
            }
        else:
            entries |= {
                "/FT": pikepdf.Name.Tx,
                "/V": pikepdf.String(spec.value),
                "/DV": pikepdf.String(spec.value),
                "/DA": pikepdf.String(f"{TEXT_FONT} {_num(spec.size)} Tf {self.rgb} rg"),
                "/AP": pikepdf.Dictionary(N=self._look(width, height, b"/Tx BMC EMC")),
            }
            if spec.kind == "record":
                entries |= {"/F": HIDDEN, "/Ff": READ_ONLY}
            else:
                entries |= {"/F": PRINT, "/Ff": MULTILINE if spec.multiline else 0}
                entries["/MaxLen"] = spec.max_length
                if spec.centred:
                    entries["/Q"] = 1
        return self.document.make_indirect(pikepdf.Dictionary(entries))

    def _look(self, width: float, height: float, content: bytes, tick: bool = False) -> Any:
        import pikepdf

        info = {
            "/Type": pikepdf.Name.XObject,
            "/Subtype": pikepdf.Name.Form,
            "/BBox": [0, 0, _real(width), _real(height)],
            "/Resources": self.tick_resources if tick else self.text_resources,
        }
        return self.document.make_stream(content, info)


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


def _real(value: float) -> float:
    # Hundredths of a point: the same figure in every run, and in every reader.
    return round(value, 2)


def _num(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text
