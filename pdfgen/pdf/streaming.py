"""Writing a PDF object by object, straight to its file, and copying a whole PDF's objects into
it: how many booklets become one print file in memory that does not grow with their number.

`PdfStream` numbers objects (ahead of time where a later object is referred to first), packs
the small ones into object streams as they come, notes where each is for the cross-reference
stream, and names the file by a digest of what it wrote, so the same booklets always give the
same bytes. `Copier` writes the objects one booklet (opened with pikepdf) refers to, each once,
renumbered; a font or picture identical to one written before is referred to, not written again.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from pdfgen.pdf.packing import PER_STREAM, cross_reference_stream, object_stream

if TYPE_CHECKING:
    import pikepdf

HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")  # what a page takes from its tree
# Streams worth writing once when booklets repeat them: embedded fonts and pictures. Never an
# appearance stream, which must stay each field's own (a filler writes into it).
_FONT_FILE_KEYS = ("/Length1", "/Length2", "/Length3")
_SHARED_SUBTYPES = ("/Image", "/Type1C", "/CIDFontType0C", "/OpenType")


class PdfStream:
    """A PDF written as it is made: streams as they come, every other object packed with the
    next ones into compressed object streams, then a cross-reference stream."""

    def __init__(self, handle: IO[bytes]) -> None:
        self._handle = handle
        self._rows: dict[int, tuple[int, int, int]] = {}  # as cross_reference_stream takes them
        self._waiting: list[tuple[int, bytes]] = []  # objects for the next object stream
        self._written: set[int] = set()
        self._position = 0
        self._last = 0
        self._digest = hashlib.md5(usedforsecurity=False)
        self._put(HEADER)

    def reserve(self) -> int:
        """A number for an object to be written later, so that others can refer to it now."""
        self._last += 1
        return self._last

    def write(self, number: int, body: bytes, stream: bytes | None = None) -> None:
        """Object `number`: `body`, the dictionary of a `stream` if there is one."""
        assert number not in self._written and 0 < number <= self._last, number
        self._written.add(number)
        if stream is None:
            # A print file's pages, annotations and fields are thousands of small objects:
            # packed, they take a fraction of the room. Only a few wait at a time.
            self._waiting.append((number, body))
            if len(self._waiting) == PER_STREAM:
                self._pack()
            return
        self._rows[number] = (1, self._position, 0)
        self._put(b"%d 0 obj\n%s\nstream\n%s\nendstream\nendobj\n" % (number, body, stream))

    def finish(self, root: int, info: int) -> None:
        """The cross-reference stream; every reserved number must have been written."""
        self._pack()
        missing = set(range(1, self._last + 1)) - set(self._rows)
        assert not missing, f"objects reserved and never written: {sorted(missing)[:5]}"
        file_id = self._digest.hexdigest().encode()
        number, start = self.reserve(), self._position
        rows = [(0, 0, 65535), *(self._rows[n] for n in range(1, number)), (1, start, 0)]
        trailer = b"/Root %d 0 R/Info %d 0 R/ID[<%s><%s>]" % (root, info, file_id, file_id)
        self._put(cross_reference_stream(number, rows, trailer))
        self._put(b"startxref\n%d\n%%%%EOF\n" % start)

    def _pack(self) -> None:
        """The waiting objects, written as one object stream."""
        if not self._waiting:
            return
        number = self.reserve()
        self._rows[number] = (1, self._position, 0)
        for index, (member, _) in enumerate(self._waiting):
            self._rows[member] = (2, number, index)
        self._put(object_stream(number, self._waiting))
        self._waiting = []

    def _put(self, data: bytes) -> None:
        self._handle.write(data)
        self._digest.update(data)
        self._position += len(data)


class Copier:
    """Copies what one source PDF's objects refer to into a `PdfStream`, each object once.

    `shared` maps a digest of a font or picture stream to the number it was written as, and
    lives as long as the output file, across copiers."""

    def __init__(self, out: PdfStream, shared: dict[bytes, int]) -> None:
        self.out, self.shared = out, shared
        self._numbers: dict[tuple[int, int], int] = {}
        self._pending: list[tuple[Any, int, bytes | None]] = []
        self._pages: dict[tuple[int, int], tuple[bytes, dict[str, Any]]] = {}

    def alias(self, obj: pikepdf.Object, number: int) -> None:
        """Refer to `obj` as `number`, an object the caller writes itself."""
        self._numbers[obj.objgen] = number

    def page(self, page: pikepdf.Page, parent: int) -> bytes:
        """A reference to `page`, which is written with `parent` as its page-tree node and
        with the attributes it inherited from its own tree."""
        own = page.obj
        inherited: dict[str, Any] = {}
        node = own.get("/Parent")
        for _ in range(64):  # a page tree deeper than this is damaged
            if node is None:
                break
            for key in INHERITED:
                if key not in own and key not in inherited and key in node:
                    inherited[key] = node[key]
            node = node.get("/Parent")
        self._pages[own.objgen] = (b"%d 0 R" % parent, inherited)
        return self.ref(own)

    def ref(self, obj: pikepdf.Object) -> bytes:
        """A reference to an indirect object, written (or found written) under its new number."""
        number = self._numbers.get(obj.objgen)
        if number is None:
            raw = _raw_if_shareable(obj)
            key = (
                None if raw is None else hashlib.sha256(self.value(obj.stream_dict) + raw).digest()
            )
            number = self.shared.get(key) if key is not None else None
            if number is None:
                number = self.out.reserve()
                self._pending.append((obj, number, raw))
                if key is not None:
                    self.shared[key] = number
            self._numbers[obj.objgen] = number
        return b"%d 0 R" % number

    def value(self, value: Any) -> bytes:
        """`value` in PDF syntax, its indirect objects referred to by their new numbers."""
        import pikepdf

        if isinstance(value, pikepdf.Object) and value.is_indirect:
            return self.ref(value)
        if isinstance(value, pikepdf.Dictionary):
            return self.dictionary(value)
        if isinstance(value, pikepdf.Array):
            return b"[" + b" ".join(self.value(item) for item in value) + b"]"
        if isinstance(value, pikepdf.Name | pikepdf.String):
            return bytes(value.unparse())
        if isinstance(value, bool):
            return b"true" if value else b"false"
        if isinstance(value, int):
            return b"%d" % value
        if isinstance(value, Decimal | float):
            return _real(value)
        if value is None:
            return b"null"
        raise ValueError(f"an object of a kind a PDF does not have ({type(value).__name__})")

    def dictionary(self, items: Any, **replace: bytes) -> bytes:
        """A dictionary in PDF syntax, with the entries in `replace` (already in PDF syntax,
        named without their slash) instead of its own."""
        parts = [b"<<"]
        for key, item in items.items():
            if key[1:] not in replace:
                parts += [_name(key), b" ", self.value(item)]
        for key, text in replace.items():
            parts += [_name("/" + key), b" ", text]
        parts.append(b">>")
        return b"".join(parts)

    def drain(self) -> None:
        """Write every object referred to so far, and what they refer to in turn."""
        import pikepdf

        while self._pending:
            obj, number, raw = self._pending.pop()
            if isinstance(obj, pikepdf.Stream):
                data = bytes(obj.read_raw_bytes()) if raw is None else raw
                length = b"%d" % len(data)
                self.out.write(number, self.dictionary(obj.stream_dict, Length=length), data)
            elif obj.objgen in self._pages:
                parent, inherited = self._pages[obj.objgen]
                extra = {key[1:]: self.value(item) for key, item in inherited.items()}
                self.out.write(number, self.dictionary(obj, Parent=parent, **extra))
            else:
                self.out.write(number, self.value_of_object(obj))

    def value_of_object(self, obj: Any) -> bytes:
        """An indirect object's own value (not a reference to it)."""
        import pikepdf

        if isinstance(obj, pikepdf.Dictionary):
            return self.dictionary(obj)
        if isinstance(obj, pikepdf.Array):
            return b"[" + b" ".join(self.value(item) for item in obj) + b"]"
        return bytes(obj.unparse()) if isinstance(obj, pikepdf.Object) else self.value(obj)


def _raw_if_shareable(obj: Any) -> bytes | None:
    """A font or picture stream's encoded bytes, if its dictionary refers to nothing else."""
    import pikepdf

    if not isinstance(obj, pikepdf.Stream):
        return None
    info = obj.stream_dict
    if not (any(k in info for k in _FONT_FILE_KEYS) or info.get("/Subtype") in _SHARED_SUBTYPES):
        return None
    if any(isinstance(v, pikepdf.Object) and v.is_indirect for v in info.values()):
        return None
    return bytes(obj.read_raw_bytes())


_NAMES: dict[str, bytes] = {}


def _name(key: str) -> bytes:
    # The same few dozen keys come up in every object.
    text = _NAMES.get(key)
    if text is None:
        import pikepdf

        text = _NAMES[key] = bytes(pikepdf.Name(key).unparse())
    return text


def _real(value: Decimal | float) -> bytes:
    text = format(Decimal(value), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return (text if text not in ("", "-0") else "0").encode()
