"""Reading YAML safely, keeping where every value came from.

We never hand user YAML to a constructor. The parser's event stream is turned into plain values
(dict, list, str, int, float, bool, None) by a small loop that:

* refuses anchors, aliases and tags (an alias bomb costs nothing; no object is ever built);
* refuses duplicate keys and caps the nesting depth (PyYAML's C composer crashes the interpreter
  on deep input, so depth is checked on the raw text before the parser sees it);
* resolves plain scalars by the YAML 1.2 core rules, so ``NO``, ``on``, ``1:30``, ``012`` and
  ``2027-02-30`` stay the text that was written;
* records the line and column of every key and value, so that validation errors can point at them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pdfgen.errors import InputError, Problem, input_error

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_NUMBER_DIGITS = 30

Path_ = tuple[str | int, ...]

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+\.[0-9]*)([eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUES = {"true", "True", "TRUE"}
_FALSES = {"false", "False", "FALSE"}
_PLAIN_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


@dataclass
class Document:
    """A parsed YAML file: its value and the 1-based (line, column) of each key and value."""

    file: str
    value: Any
    value_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # Where each scalar value is in the text (start and end index), and the closing brace of
    # each flow mapping ({...}): what a tool that edits the file in place needs.
    spans: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    flow_ends: dict[Path_, int] = field(default_factory=dict)

    def locate(
        self, path: Path_, *, prefer_key: bool = False
    ) -> tuple[str, int | None, int | None]:
        """File, line and column for `path`, or for its nearest ancestor that has a mark."""
        marks = (self.key_marks, self.value_marks) if prefer_key else (self.value_marks,)
        for end in range(len(path), -1, -1):
            for table in marks:
                if path[:end] in table:
                    return (self.file, *table[path[:end]])
        return self.file, None, None


def resolve_plain(text: str) -> Any:
    """The value of an unquoted scalar under YAML 1.2 core rules, with no YAML 1.1 surprises.

    >>> [resolve_plain(s) for s in ["12", "6-8", "NO", "yes", "1:30", "012", "2.5", "true", "~"]]
    [12, '6-8', 'NO', 'yes', '1:30', '012', 2.5, True, None]
    """
    if text in _NULLS:
        return None
    if text in _TRUES:
        return True
    if text in _FALSES:
        return False
    if len(text) <= MAX_NUMBER_DIGITS:
        if _INT.fullmatch(text):
            return int(text)
        if _FLOAT.fullmatch(text):
            return float(text)
    return text


def decode(data: bytes, file: str) -> str:
    """UTF-8 text from bytes, or an error that says how to save the file as UTF-8."""
    head = data[:4096]
    # UTF-16 text has a NUL beside most ASCII characters; a stray NUL means it is not text.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or head.count(b"\x00") > len(head) // 4:
        raise input_error(file, "the file is saved as UTF-16; save it as UTF-8 and try again.")
    if b"\x00" in data:
        at = data.index(b"\x00")
        raise input_error(
            file,
            "the file holds a NUL byte, so it is not a text file.",
            data.count(b"\n", 0, at) + 1,
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise input_error(
            file,
            f"byte 0x{data[exc.start]:02X} is not UTF-8 (the file looks like a Windows or Latin-1 "
            "export); save it as UTF-8 and try again.",
            line,
            column,
        ) from None


def check_flow_depth(text: str, file: str) -> None:
    """Refuse bracket nesting deeper than MAX_DEPTH before any parser sees the text.

    Brackets inside quotes and comments count too: erring towards refusing keeps this a single
    cheap pass, and no real plan nests anything forty deep.
    """
    depth = 0
    line = 1
    for char in text:
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise input_error(file, f"brackets are nested more than {MAX_DEPTH} deep.", line)
        elif char in "]}":
            depth = max(0, depth - 1)
        elif char == "\n":
            line += 1


def read_yaml(source: str | Path, *, text: str | None = None, what: str = "YAML") -> Document:
    """Parse one YAML document safely into plain values with marks.

    `source` names the file in messages; pass `text` to parse a string instead of reading it.
    """
    file = str(source)
    if text is None:
        from pdfgen.io.reading import read_input

        data = read_input(source, what=what, limit=MAX_BYTES)
        text = decode(data, file)
    elif len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise input_error(file, f"the {what} is larger than {MAX_BYTES:,} bytes.")
    text = text.removeprefix("\ufeff")
    check_flow_depth(text, file)
    try:
        return _Builder(file).build(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "this is not valid YAML"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        if mark and text[mark.index : mark.index + 1] == "\t":
            problem += " (a tab: indent YAML with spaces)"
        raise input_error(file, f"this is not valid YAML: {problem}.", line, column) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise input_error(
            file,
            f"the control character U+{exc.character:04X} cannot be in a YAML file.",
            line,
            column,
        ) from None
    except yaml.YAMLError as exc:
        raise input_error(file, f"this is not valid YAML: {exc}.") from None


_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Builder:
    """Turns parser events into plain values, refusing what we do not accept."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.doc = Document(file, None)
        self.problems: list[Problem] = []

    def build(self, text: str) -> Document:
        # Each open container: (value, path, pending key or None, path of the pending key).
        stack: list[list[Any]] = []
        documents = 0
        root_set = False
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self._fail(event, "the file holds more than one YAML document ('---').")
                continue
            if isinstance(event, yaml.AliasEvent):
                self._fail(event, "anchors and aliases (& and *) are not allowed; write it out.")
            if isinstance(
                event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
            ):
                self._check_node(event)
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                value, path, _, flow = stack.pop()
                if flow and isinstance(value, dict) and event.start_mark:
                    self.doc.flow_ends[path] = event.start_mark.index
                root_set = self._attach(stack, value, event) or root_set
                continue
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    self._fail(event, f"the data is nested more than {MAX_DEPTH} deep.")
                path = self._child_path(stack, event)
                self._mark(path, event)
                container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                stack.append([container, path, None, bool(event.flow_style)])
                continue
            if isinstance(event, yaml.ScalarEvent):
                if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is None:
                    self._take_key(stack[-1], event)
                    continue
                path = self._child_path(stack, event)
                self._mark(path, event)
                if event.start_mark and event.end_mark:
                    self.doc.spans[path] = (event.start_mark.index, event.end_mark.index)
                root_set = self._attach(stack, self._scalar(event), event) or root_set
        if self.problems:
            raise InputError(self.problems)
        if not root_set or self.doc.value is None:
            raise input_error(self.file, "the file is empty.")
        return self.doc

    def _fail(self, event: Any, message: str) -> None:
        mark = event.start_mark
        raise input_error(self.file, message, mark.line + 1, mark.column + 1)

    def _check_node(self, event: Any) -> None:
        if getattr(event, "anchor", None):
            self._fail(event, "anchors and aliases (& and *) are not allowed; write it out.")
        tag = event.tag
        if tag not in _PLAIN_TAGS:
            tag = tag.replace("tag:yaml.org,2002:", "!!")  # as the user wrote it
            self._fail(event, f"the tag {tag} is not allowed; plans hold plain text and numbers.")

    def _scalar(self, event: Any) -> Any:
        # Only an untagged, unquoted scalar is resolved; quoting or `!!str` keeps the text.
        # (The C parser reports a plain scalar's style as '', the Python one as None.)
        if not event.style and event.tag is None:
            return resolve_plain(event.value)
        return event.value

    def _child_path(self, stack: list[list[Any]], event: Any) -> Path_:
        if not stack:
            return ()
        container, path, key, _ = stack[-1]
        if isinstance(container, dict):
            return (*path, key)
        return (*path, len(container))

    def _take_key(self, frame: list[Any], event: Any) -> None:
        path = frame[1]
        key = event.value
        if (*path, key) in self.doc.key_marks:
            first = self.doc.key_marks.get((*path, key))
            where = f" (first on line {first[0]})" if first else ""
            self.problems.append(
                Problem(
                    self.file,
                    f"the key '{key}' appears twice{where}; keep one.",
                    event.start_mark.line + 1,
                    event.start_mark.column + 1,
                    field=dotted((*path, key)),
                )
            )
            key = _Duplicate(key)
        else:
            self.doc.key_marks[(*path, key)] = (
                event.start_mark.line + 1,
                event.start_mark.column + 1,
            )
        frame[2] = key

    def _mark(self, path: Path_, event: Any) -> None:
        self.doc.value_marks.setdefault(
            path, (event.start_mark.line + 1, event.start_mark.column + 1)
        )

    def _attach(self, stack: list[list[Any]], value: Any, event: Any) -> bool:
        if not stack:
            self.doc.value = value
            return True
        frame = stack[-1]
        container = frame[0]
        if isinstance(container, dict):
            if frame[2] is None:
                self._fail(event, "a key must be plain text, not a list or mapping.")
            if not isinstance(frame[2], _Duplicate):
                container[frame[2]] = value
            frame[2] = None
        else:
            container.append(value)
        return False


class _Duplicate(str):
    """A repeated key: reported, and its value dropped so the first one stands."""


def dotted(path: Path_) -> str:
    """A field path as people read it: list positions count from 1.

    >>> dotted(("sessions", 0, "exercises", 2, "reps"))
    'sessions[1].exercises[3].reps'
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out
