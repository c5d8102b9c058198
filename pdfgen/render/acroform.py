"""Form fields written into the document as its pages are drawn, as reportlab writes the rest.

Each field is a widget on its page with an appearance of its own: a filler that draws a typed
value into one field's appearance must not draw it into another's (MuPDF and Ghostscript print
appearances, not values). Text is typed in Helvetica and ticks are ZapfDingbats' check mark,
both named in the form's resources, as viewers that draw a field afresh look them up there.
Text outside Latin-1 is stored and read back, but a viewer may not show it: PDF viewers draw
form fields with the 14 standard fonts only.

A booklet has a thousand fields and more, so each object is made once as PDF text and handed to
reportlab's document whole: reportlab's own AcroForm took ten times as long, and a second pass
with pikepdf, building each object one value at a time, three times.
"""

from __future__ import annotations

import functools
import re

from reportlab.pdfbase.pdfdoc import PDFDocument, PDFObject, PDFObjectReference
from reportlab.pdfgen.canvas import Canvas

from pdfgen.compose.formspec import FieldSpec

Color = tuple[float, float, float]
TEXT_FONT, TICK_FONT = "/Helv", "/ZaDb"
PRINT, HIDDEN = 4, 2  # annotation flags
READ_ONLY, MULTILINE = 1, 1 << 12  # field flags
TICK = "4"  # ZapfDingbats' check mark
TICK_WIDTH = 0.846  # of its font size
TICK_SHARE = 0.8  # of the box the mark's font size takes


class FormWriter:
    """Writes form fields into the document of the canvas they are drawn on."""

    def __init__(self, color: Color) -> None:
        self.rgb = " ".join(_num(c) for c in color)
        self._doc: PDFDocument | None = None
        self._fields: list[int] = []  # object numbers of the widgets, in the order drawn
        self._fonts: dict[str, int] = {}
        self._resources: dict[str, int] = {}

    def add(self, canv: Canvas, spec: FieldSpec) -> None:
        """`spec`'s widget, on the canvas's current page."""
        doc = canv._doc
        self._start(doc)
        x0, y0, x1, y1 = (_num(v, 2) for v in spec.rect)
        width, height = spec.rect[2] - spec.rect[0], spec.rect[3] - spec.rect[1]
        head = f"/Type/Annot/Subtype/Widget/T{_string(spec.name)}/Rect[{x0} {y0} {x1} {y1}]"
        if spec.tooltip:
            head += f"/TU{_string(spec.tooltip)}"
        if spec.kind == "tick":
            body = self._tick_entries(width, height)
        else:
            body = self._text_entries(spec, width, height)
        widget = _Raw(f"<<{head}{body}>>".encode("latin-1"))
        doc.updateSignature(widget.data)  # the file's ID tells a fillable booklet from a plain one
        reference = doc.Reference(widget)
        canv._annotationrefs.append(reference)
        self._fields.append(self._number(reference))

    def _text_entries(self, spec: FieldSpec, width: float, height: float) -> str:
        value = _string(spec.value)
        look = self._look(width, height, b"/Tx BMC EMC", TEXT_FONT)
        entries = (
            f"/FT/Tx/V{value}/DV{value}/DA({TEXT_FONT} {_num(spec.size)} Tf {self.rgb} rg)"
            f"/AP<</N {look} 0 R>>"
        )
        if spec.kind == "record":
            return entries + f"/F {HIDDEN}/Ff {READ_ONLY}"
        entries += f"/F {PRINT}/Ff {MULTILINE if spec.multiline else 0}"
        if spec.max_length:  # 0 is no limit, which PDF says by leaving the key out
            entries += f"/MaxLen {spec.max_length}"
        return entries + ("/Q 1" if spec.centred else "")

    def _tick_entries(self, width: float, height: float) -> str:
        on = self._look(width, height, _tick(width, height, self.rgb), TICK_FONT)
        off = self._look(width, height, b"0 0 m n", TICK_FONT)
        return (
            f"/FT/Btn/F {PRINT}/Ff 0/DA({TICK_FONT} 0 Tf {self.rgb} rg)/V/Off/AS/Off"
            f"/MK<</CA({TICK})>>/AP<</N<</Yes {on} 0 R/Off {off} 0 R>>>>"
        )

    def _look(self, width: float, height: float, content: bytes, font: str) -> int:
        """A new appearance stream (never shared: see the module's note); its object number."""
        look = _appearance(_num(width, 2), _num(height, 2), self._resources[font], content)
        return self._add_object(look)

    def _start(self, doc: PDFDocument) -> None:
        """The form's fonts, their resources and the catalog's /AcroForm, once per document."""
        if doc is self._doc:
            return
        self._doc, self._fields = doc, []
        helvetica = "/Helvetica/Encoding/WinAnsiEncoding"
        for name, base in ((TEXT_FONT, helvetica), (TICK_FONT, "/ZapfDingbats")):
            self._fonts[name] = self._add_object(f"<</Type/Font/Subtype/Type1/BaseFont{base}>>")
            font = f"<</Font<<{name} {self._fonts[name]} 0 R>>>>"
            self._resources[name] = self._add_object(font)
        doc.Catalog.AcroForm = _AcroForm(self)

    def form(self) -> bytes:
        """The /AcroForm dictionary, as it stands when the document is written."""
        fields = " ".join(f"{number} 0 R" for number in self._fields)
        fonts = "".join(f"{name} {number} 0 R" for name, number in self._fonts.items())
        return f"<</Fields[{fields}]/DR<</Font<<{fonts}>>>>/DA({TEXT_FONT} 0 Tf 0 g)>>".encode()

    def _add_object(self, data: str | bytes) -> int:
        assert self._doc is not None
        raw = _Raw(data.encode("ascii") if isinstance(data, str) else data)
        return self._number(self._doc.Reference(raw))

    def _number(self, reference: PDFObjectReference) -> int:
        # reportlab numbers an object when it is first referenced, not when it is written.
        assert self._doc is not None
        return int(self._doc.idToObjectNumberAndVersion[reference.name][0])


class _Raw(PDFObject):  # type: ignore[misc]
    """An object reportlab writes as given: PDF text made whole beforehand."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: PDFDocument) -> bytes:
        return self.data


class _AcroForm(PDFObject):  # type: ignore[misc]
    """The catalog's /AcroForm: written last of all, when every field is known."""

    def __init__(self, writer: FormWriter) -> None:
        self.writer = writer

    def format(self, document: PDFDocument) -> bytes:
        return self.writer.form()


@functools.lru_cache(maxsize=1024)  # a booklet's cells come in a few sizes
def _appearance(width: str, height: str, resources: int, content: bytes) -> bytes:
    """An appearance stream's object: `content` drawn in a box of `width` by `height`."""
    info = (
        f"<</Type/XObject/Subtype/Form/BBox[0 0 {width} {height}]"
        f"/Resources {resources} 0 R/Length {len(content)}>>"
    )
    return info.encode("ascii") + b"stream\n" + content + b"\nendstream"


@functools.lru_cache(maxsize=256)
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


def _string(text: str) -> str:
    """A PDF string, as characters of one byte each (the caller encodes it as Latin-1): literal
    in PDFDocEncoding where that has every character (it is Latin-1 from U+00A1 on), else
    UTF-16 with its byte-order mark."""
    if _NOT_PDFDOC.search(text):
        text = (b"\xfe\xff" + text.encode("utf-16-be")).decode("latin-1")
    if _SPECIAL.search(text):
        for character, escaped in _ESCAPES:
            text = text.replace(character, escaped)
    return f"({text})"


_NOT_PDFDOC = re.compile("[^\x20-\x7e\xa1-\xac\xae-\xff]")
# In a literal string: the delimiters, the escape, and line ends (which readers would normalise).
_ESCAPES = (("\\", "\\\\"), ("(", "\\("), (")", "\\)"), ("\r", "\\r"), ("\n", "\\n"))
_SPECIAL = re.compile(r"[\\()\r\n]")


@functools.lru_cache(maxsize=4096)  # a page's cells share a few widths, heights and rows
def _num(value: float, places: int = 3) -> str:
    # A fixed number of places: the same figure in every run, and in every reader.
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text
