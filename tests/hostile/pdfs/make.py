"""Make the hostile filled PDFs in this folder: `python tests/hostile/pdfs/make.py`.

Each PDF is written from this script, never edited by hand, and each is small (under 20 KB);
what `pdfgen read-log` must do with it is in its sidecar `NAME.expect`, written by hand (see
README.md). The script is deterministic: run twice, it writes the same bytes.

Kinds of file:

* a real pdfgen fillable log sheet, filled in (`filled`): rendered by pdfgen, filled with
  pikepdf, then slimmed (the embedded fonts dropped, objects packed into compressed object
  streams) to stay small. The record, control-character, formula and password cases change it
  a little, so everything else about them is exactly what pdfgen writes;
* the same log sheet cut short (`truncated.pdf`);
* sound PDFs pdfgen did not make, from reportlab (`reportlab_pdf`);
* hand-made bytes (`assemble`, `xref_stream_pdf`), for damage no PDF library would write:
  cross-reference loops, broken object streams, a huge declared stream length, nesting
  thousands deep.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pikepdf
from reportlab.lib.pagesizes import A5
from reportlab.pdfgen.canvas import Canvas

HERE = Path(__file__).parent
MAX_BYTES = 20_000

# A small plan: one session, one exercise, two sets; one week of log sheet.
PLAN = """\
program: Upper back
sessions:
  - name: Pull
    exercises:
      - exercise: pull-up
        kind: weighted   # a weight column to type into, as on a weighted pull-up
        sets: 2
        reps: 6-8
"""
CLIENT = "Zoë Ørsted"
INFO = "w01_d1_info"
# What the client typed, by field name (check boxes take /Yes).
TYPED = {
    "w01_d1_pull-up_s1_weight": "62,5",
    "w01_d1_pull-up_s1_reps": "8",
    "w01_d1_pull-up_s1_done": "/Yes",
    "w01_d1_pull-up_s2_weight": "62.5 kg",
    "w01_d1_pull-up_s2_reps": "7",
    "w01_d1_rpe": "8",
    "w01_d1_notes": "Felt strong.",
    "w01_notes": "Good week.",
}
# Terminal escapes (clear the screen, retitle the window, a C1 CSI, a bell) and bidi
# overrides, which a filled PDF can carry to the trainer's terminal through read-log.
ESCAPES = "\x1b[2J\x1b]0;owned\x07\x9b31m"
BIDI = "\u202egnp.exe\u202c \u2066x\u2069"


# -- a real pdfgen log sheet, filled ---------------------------------------------------------------


def pdfgen_log() -> bytes:
    """pdfgen's fillable log sheet of PLAN, week 1, as `pdfgen log --fillable` writes it."""
    import pdfgen

    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "plan.yaml"
        plan.write_text(PLAN, encoding="utf-8")
        buffer = io.BytesIO()
        pdfgen.render_log(str(plan), buffer, weeks="1", fillable=True, client=CLIENT)
    return buffer.getvalue()


def fields(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Dictionary]:
    return {str(field.T): field for field in pdf.Root.AcroForm.Fields}


def fill(pdf: pikepdf.Pdf, values: dict[str, str]) -> None:
    """Set fields' values as a PDF app does: text as a string, a check box as a name."""
    found = fields(pdf)
    for name, value in values.items():
        field = found[name]
        if value.startswith("/"):
            field.V = field.AS = pikepdf.Name(value)
        else:
            field.V = pikepdf.String(value)


def slim(pdf: pikepdf.Pdf) -> bytes:
    """The PDF without its embedded fonts (read-log never looks at them), objects packed in
    compressed object streams, and a fixed /ID: the same bytes on every run."""
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
            for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                if key in obj:
                    del obj[key]
    pdf.remove_unreferenced_resources()
    buffer = io.BytesIO()
    pdf.save(
        buffer,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        static_id=True,
    )
    return buffer.getvalue()


def filled(change: Callable[[pikepdf.Pdf], None] | None = None, **typed: str) -> bytes:
    """The log sheet filled with TYPED (and `typed`, by field name), then `change`d."""
    with pikepdf.open(io.BytesIO(pdfgen_log())) as pdf:
        fill(pdf, TYPED | typed)
        if change:
            change(pdf)
        return slim(pdf)


def record() -> dict[str, object]:
    """The day's record as pdfgen wrote it."""
    with pikepdf.open(io.BytesIO(pdfgen_log())) as pdf:
        value = json.loads(str(fields(pdf)[INFO].V))
    assert isinstance(value, dict)
    return value


def set_record(text: str) -> Callable[[pikepdf.Pdf], None]:
    """A change: the day's record (the hidden field) replaced by `text`."""

    def change(pdf: pikepdf.Pdf) -> None:
        field = fields(pdf)[INFO]
        field.V = field.DV = pikepdf.String(text)

    return change


def with_record(**changes: object) -> Callable[[pikepdf.Pdf], None]:
    return set_record(json.dumps(record() | changes, separators=(",", ":")))


def nested(depth: int, inner: str = "0") -> str:
    return "[" * depth + inner + "]" * depth


# -- other PDFs ------------------------------------------------------------------------------------


def reportlab_pdf(form: Callable[[Canvas], None] | None = None) -> bytes:
    """A one-page A5 PDF with text on it, and the form `form` adds (with standard fonts only)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A5, invariant=1)
    canvas.drawString(50, 500, "Week 1 - a PDF pdfgen did not make")
    if form:
        form(canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def unrelated_fields(canvas: Canvas) -> None:
    form = canvas.acroForm
    # Plain names, and near misses of pdfgen's (a dot, a capital, one digit for the week).
    for y, (name, value) in enumerate(
        [
            ("name", "Zoë"),
            ("email", "zoe@example.com"),
            ("w01.d1.info", '{"pdfgen":1}'),
            ("W01_D1_INFO", '{"pdfgen":1}'),
            ("w1_d1_info", '{"pdfgen":1}'),
        ]
    ):
        form.textfield(name=name, value=value, x=50, y=400 - 30 * y, width=200, height=20)


def encrypted(user_password: str) -> bytes:
    """The filled log sheet encrypted with `user_password` and an owner password. RC4-128
    (revision 3), since AES would need a random initialisation vector for every string and
    stream, and the bytes would change on every run; read-log is refused the same either way."""
    with pikepdf.open(io.BytesIO(filled())) as pdf:
        buffer = io.BytesIO()
        pdf.save(
            buffer,
            encryption=pikepdf.Encryption(
                owner="owner-secret", user=user_password, R=3, aes=False, metadata=False
            ),
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            static_id=True,
        )
    return buffer.getvalue()


def assemble(objects: dict[int, bytes], root: int = 1, trailer: bytes = b"") -> bytes:
    """A PDF of hand-written objects with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        if number in offsets:
            out += b"%010d 00000 n \n" % offsets[number]
        else:
            out += b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\n" % (size, root, trailer)
    out += b"startxref\n%d\n%%%%EOF\n" % start
    return bytes(out)


def form_objects(field: bytes, *more: bytes) -> dict[int, bytes]:
    """Catalog (1), pages (2), a page (3) and a form whose one field is object 4 (`field`,
    the inside of its dictionary); `more` become objects 5, 6, ..."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] /Annots [4 0 R] >>",
        4: b"<< /FT /Tx /Subtype /Widget /Rect [0 0 1 1] /P 3 0 R " + field + b" >>",
    }
    for number, body in enumerate(more, start=5):
        objects[number] = body
    return objects


# A day's record as pdfgen writes it, for the hand-made files: one set of one exercise.
HAND_MADE = {
    "pdfgen": 1,
    "client": "Hand Made",
    "week": 1,
    "day": 1,
    "session": "Pull",
    "sets": [{"key": "pull-up_s1", "exercise": "Pull-up", "exercise_id": "pull-up", "set": "1"}],
}
RECORD = b"(" + json.dumps(HAND_MADE, separators=(",", ":")).encode() + b")"


def xref_loop() -> bytes:
    """Two cross-reference sections whose /Prev point at each other (and the objects fine)."""
    base = assemble(form_objects(b"/T (w01_d1_info) /V " + RECORD))
    first = int(base.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    body = base[: base.rindex(b"trailer")]
    # A second, empty update section, whose /Prev is the first; the first's /Prev is the second.
    second = len(base)
    loop = body.replace(b"trailer\n", b"") + b"trailer\n<< /Size 5 /Root 1 0 R /Prev %d >>\n" % (
        second
    )
    loop += b"startxref\n%d\n%%%%EOF\n" % first
    loop = bytearray(loop)
    second = len(loop)
    loop += b"xref\n0 0\ntrailer\n<< /Size 5 /Root 1 0 R /Prev %d >>\n" % first
    loop += b"startxref\n%d\n%%%%EOF\n" % second
    return bytes(loop)


def kids_loop() -> bytes:
    """A field whose kid is its own parent: a field tree that never ends."""
    objects = form_objects(
        b"/T (w01_d1_info) /Kids [5 0 R] /V " + RECORD,
        b"<< /T (w01_d1_rpe) /Parent 4 0 R /Kids [4 0 R] /V (8) >>",
    )
    return assemble(objects)


def page_tree_loop() -> bytes:
    """The page tree holds itself as a kid, and the form's field is a pdfgen record."""
    objects = form_objects(b"/T (w01_d1_info) /V " + RECORD)
    objects[2] = b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>"
    return assemble(objects)


def object_stream(body: bytes, header: bytes, extra: bytes = b"") -> bytes:
    return (
        b"<< /Type /ObjStm /N 1 /First %d /Length %d /Filter /FlateDecode %s>>\nstream\n"
        % (len(header), len(zlib.compress(header + body)), extra)
        + zlib.compress(header + body)
        + b"\nendstream"
    )


def xref_stream_pdf(objects: dict[int, bytes], in_stream: dict[int, tuple[int, int]]) -> bytes:
    """A PDF whose cross-reference is a stream: `objects` written plainly, `in_stream` (object
    number → (object stream number, index)) said to be inside object streams."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref_number = max([*objects, *in_stream]) + 1
    size = xref_number + 1
    offsets[xref_number] = len(out)
    rows = bytearray()
    for number in range(size):
        if number in offsets:
            rows += bytes([1]) + offsets[number].to_bytes(4, "big") + bytes([0])
        elif number in in_stream:
            stream, index = in_stream[number]
            rows += bytes([2]) + stream.to_bytes(4, "big") + bytes([index])
        else:
            rows += bytes([0, 0, 0, 0, 0, 255])
    out += (
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 1] /Root 1 0 R /Length %d >>\nstream\n"
        % (xref_number, size, len(rows))
        + bytes(rows)
        + b"\nendstream\nendobj\n"
    )
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    return bytes(out)


def broken_object_stream() -> bytes:
    """The field lives in an object stream whose header points past its end, and whose
    compressed data is cut short."""
    objects = form_objects(b"")
    field = objects.pop(4)
    stream = object_stream(field, b"4 99999 ")
    stream = stream.replace(b"/N 1", b"/N 1000000000")
    cut = stream.index(b"stream\n") + len(b"stream\n") + 20
    objects[5] = stream[:cut] + b"\nendstream"
    return xref_stream_pdf(objects, {4: (5, 0)})


def self_containing_object_stream() -> bytes:
    """An object stream said to hold itself, and the field inside it."""
    objects = form_objects(b"")
    field = objects.pop(4)
    objects[5] = object_stream(field, b"4 0 ", extra=b"/Extends 5 0 R ")
    return xref_stream_pdf(objects, {4: (5, 0), 6: (6, 0)}).replace(
        b"/Type /XRef", b"/Type /XRef /Prev 0"
    )


def huge_stream_length() -> bytes:
    """The field's value is a stream declaring 10^15 bytes (and holding six)."""
    return assemble(
        form_objects(
            b"/T (w01_d1_info) /V 5 0 R",
            b'<< /Length 1000000000000000 >>\nstream\n{"a":\nendstream',
        )
    )


def deep_arrays(depth: int) -> bytes:
    """The field's value is an array nested `depth` deep."""
    return assemble(form_objects(b"/T (w01_d1_info) /V " + nested(depth).encode()))


def deep_dictionaries(depth: int) -> bytes:
    """The form itself is dictionaries nested `depth` deep, where its fields should be."""
    objects = form_objects(b"/T (w01_d1_info) /V " + RECORD)
    deep = b"<< /A " * depth + b"1" + b" >>" * depth
    objects[1] = (
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /DR " + deep + b" >> >>"
    )
    return assemble(objects)


# -- the cases -------------------------------------------------------------------------------------

CASES: dict[str, Callable[[], bytes]] = {
    "filled.pdf": filled,
    "not-a-pdf.pdf": lambda: b"client,week,day\nZo\xc3\xab,1,1\n",
    "empty.pdf": lambda: b"",
    "truncated.pdf": lambda: pdfgen_log()[:16_384],
    "no-form.pdf": lambda: reportlab_pdf(),
    "unrelated-fields.pdf": lambda: reportlab_pdf(unrelated_fields),
    "record-broken-json.pdf": lambda: filled(set_record(json.dumps(record())[:-40])),
    "record-not-an-object.pdf": lambda: filled(set_record("[1, 2, 3]")),
    "record-wrong-version.pdf": lambda: filled(with_record(pdfgen=99)),
    "record-wrong-types.pdf": lambda: filled(with_record(week="1", sets="all")),
    "record-nested-deep.pdf": lambda: filled(set_record(nested(100_000))),
    "record-nested-in-a-set.pdf": lambda: filled(
        with_record(sets=[{"key": "pull-up_s1", "exercise": json.loads(nested(500))}])
    ),
    "record-20000-sets.pdf": lambda: filled(with_record(sets=[{}] * 20_000)),
    "xref-loop.pdf": xref_loop,
    "field-kids-loop.pdf": kids_loop,
    "page-tree-loop.pdf": page_tree_loop,
    "object-stream-broken.pdf": broken_object_stream,
    "object-stream-self.pdf": self_containing_object_stream,
    "huge-stream-length.pdf": huge_stream_length,
    "deep-arrays.pdf": lambda: deep_arrays(5_000),
    "deep-dictionaries.pdf": lambda: deep_dictionaries(2_000),
    "password-to-open.pdf": lambda: encrypted("secret"),
    "owner-password-only.pdf": lambda: encrypted(""),
    "control-characters.pdf": lambda: filled(
        w01_d1_notes=f"Felt {ESCAPES}strong {BIDI}",
        w01_notes=f"Good\r\nweek{ESCAPES}",
        **{"w01_d1_pull-up_s1_weight": f"62{ESCAPES}"},
    ),
    "record-control-characters.pdf": lambda: filled(
        with_record(client=f"Zo{ESCAPES}ë {BIDI}", session=f"Pull{BIDI}")
    ),
    "formulas.pdf": lambda: filled(
        w01_d1_notes='=HYPERLINK("http://evil.example/","click")',
        w01_d1_date="@SUM(1+1)",
        w01_d1_rpe="+cmd|' /C calc'!A0",
        w01_notes="\t=1+1",
        **{"w01_d1_pull-up_s1_weight": "-2+3", "w01_d1_pull-up_s2_reps": "=1+1"},
    ),
    "record-formulas.pdf": lambda: filled(
        with_record(client="=cmd|' /C calc'!A0", session="@SUM(1+1)", date="=1+1")
    ),
}


def main(argv: list[str]) -> int:
    """Write every case (or those named on the command line) into this folder."""
    names = argv or list(CASES)
    for name in names:
        data = CASES[name]()
        assert len(data) < MAX_BYTES, f"{name} is {len(data):,} bytes; keep it under {MAX_BYTES:,}"
        (HERE / name).write_bytes(data)
        print(f"{name}: {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
