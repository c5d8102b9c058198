"""User text made safe to print: cleaned, escaped for reportlab markup, and fitted into boxes.

Pure functions; text widths come from a `measure` callable so nothing here needs a font file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from html import escape
from typing import Any

Measure = Callable[[str], float]

# C0 and C1 controls (but tab and newline), the bidi embedding/override/isolate controls,
# which would reorder what prints after them, and the noncharacters, which are not text.
_UNPRINTABLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]"
)
_SURROGATE = re.compile(r"[\ud800-\udfff]")
ELLIPSIS = "…"


def clean(text: str) -> str:
    """Text as it should print: NFC, no control or bidi-override characters, no lone surrogates.

    >>> clean("Zoe\\u0308 \\u202eevil\\x07")
    'Zoë evil'
    """
    if text.isascii() and text.isprintable():  # most text: nothing to take out or compose
        return text
    text = _SURROGATE.sub("\ufffd", text)
    text = _UNPRINTABLE.sub("", text.replace("\t", " "))
    return unicodedata.normalize("NFC", text)


def one_line(text: str) -> str:
    r"""Cleaned text on a single line, for headers and footers.

    >>> one_line("Zoë\n  Ørsted\t")
    'Zoë Ørsted'
    """
    return " ".join(clean(text).split())


def markup(text: str) -> str:
    """User text for a reportlab Paragraph: cleaned and escaped, so it can never become markup.

    >>> markup('<img src="/etc/hostname"> & <b>')
    '&lt;img src="/etc/hostname"&gt; &amp; &lt;b&gt;'
    """
    return escape(clean(text), quote=False).replace("\n", "<br/>")


def fit_lines(text: str, width: float, max_lines: int, measure: Measure) -> list[str]:
    """Wrap `text` into at most `max_lines` lines no wider than `width`.

    A number stays with its unit ("60–90 s", "3 × 10"). A word longer than a line is broken
    after a slash or hyphen it has, or else hyphenated where its syllables allow; text that
    still does not fit ends in an ellipsis.

    >>> fit_lines("Incline dumbbell row", 12, 2, len)
    ['Incline', 'dumbbell row']
    >>> fit_lines("Reps/time", 6, 2, len), fit_lines("Hyperextension", 8, 2, len)
    (['Reps/', 'time'], ['Hyperex-', 'tension'])
    >>> fit_lines("Rest 60–90 s", 8, 2, len)
    ['Rest', '60–90 s']
    """
    text = clean(text)
    if "\n" not in text and measure(text) <= width:
        return [text]
    lines: list[str] = []
    for word in _tokens(text):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and measure(candidate) <= width:
            lines[-1] = candidate
            continue
        while measure(word) > width and len(word) > 1:
            head, word = _break_word(word, width, measure)
            lines.append(head)
        lines.append(word)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    kept[-1] = _with_ellipsis(kept[-1], width, measure)
    return kept


# A number and its unit ("90 s", "2 min", "42.5 kg", "60–90 s"), "3 × 10": kept on one line.
_UNIT = r"(?:s|min|h|kg|lb|lbs|m|km|mi|%|reps?|×)"
_TOKEN = re.compile(rf"\d[\d.,–-]*(?:\s{_UNIT}(?=\s|$|[·,;)]))+(?:\s\d[\d.,–-]*)?|\S+")


def _tokens(text: str) -> list[str]:
    """The words of `text`, a number with its unit counted as one.

    >>> _tokens("Rest 60–90 s · 3 × 10–12 at 42.5 kg")
    ['Rest', '60–90 s', '·', '3 × 10–12', 'at', '42.5 kg']
    """
    return _TOKEN.findall(text)


def _break_word(word: str, width: float, measure: Measure) -> tuple[str, str]:
    """A word too long for a line, as the piece that fits and the rest: broken after a slash
    or hyphen, or hyphenated at a syllable, or (a word with neither, wider than a line) cut."""
    for index in range(len(word) - 1, 0, -1):
        if word[index - 1] in "/-–" and measure(word[:index]) <= width:
            return word[:index], word[index:]
    for index in sorted(_syllables(word), reverse=True):
        if measure(word[:index] + "-") <= width:
            return word[:index] + "-", word[index:]
    cut = _longest_prefix(word, width, measure)
    return word[:cut], word[cut:]


def _syllables(word: str) -> list[int]:
    """Where English hyphenation may break a word (pyphen's dictionaries, as reportlab's own
    hyphenation uses); none for a word with digits."""
    if any(c.isdigit() for c in word) or len(word) < 5:
        return []
    return list(_hyphenator().positions(word))


@cache
def _hyphenator() -> Any:
    from pyphen import Pyphen  # loaded when a word must be broken: rare, and not cheap

    return Pyphen(lang="en_GB")


def wrap_address(address: str, width: float, max_lines: int, measure: Measure) -> list[str]:
    """A web address on lines no wider than `width`, broken after a `/`, `?`, `&` or `=` where
    it can be (inside a part only when the part alone is too long), cut with an ellipsis after
    `max_lines`. No spaces are added: each line is a piece of the address.

    >>> wrap_address("https://www.youtube.com/watch?v=eGo4IYlbE5g", 20, 3, len)
    ['https://', 'www.youtube.com/', 'watch?v=eGo4IYlbE5g']
    >>> wrap_address("https://example.com/" + "x" * 40, 20, 2, len)
    ['https://example.com/', 'xxxxxxxxxxxxxxxxxxx…']
    """
    lines: list[str] = []
    for piece in re.findall(r"[^/?&=]*[/?&=]+|[^/?&=]+", one_line(address)):
        if lines and measure(lines[-1] + piece) <= width:
            lines[-1] += piece
        else:
            lines += fit_lines(piece, width, len(piece), measure)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    kept[-1] = _with_ellipsis(kept[-1], width, measure)
    return kept


def _longest_prefix(word: str, width: float, measure: Measure) -> int:
    low, high = 1, len(word)
    while low < high:
        mid = (low + high + 1) // 2
        if measure(word[:mid]) <= width:
            low = mid
        else:
            high = mid - 1
    return low


def _with_ellipsis(line: str, width: float, measure: Measure) -> str:
    while line and measure(line + ELLIPSIS) > width:
        line = line[:-1]
    return line.rstrip() + ELLIPSIS


def spreadsheet_safe(text: str) -> str:
    """A CSV cell that a spreadsheet shows as text: a client's `=...` must not run as a formula
    when the trainer opens the file.

    >>> spreadsheet_safe("=HYPERLINK(1)"), spreadsheet_safe("Zoë")
    ("'=HYPERLINK(1)", 'Zoë')
    """
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def bytes_at_most(text: str, limit: int) -> str:
    """`text` cut to at most `limit` bytes of UTF-8, on a character boundary: file systems
    count a name's bytes (255 at most), not its characters.

    >>> bytes_at_most("東京東京", 7)
    '東京'
    """
    return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


def without_invisibles(text: str) -> str:
    """`text` without control and format characters (bidi overrides, zero-width joiners...),
    which have no place in a file name: a right-to-left override makes 'fdp.exe' look like
    'exe.pdf'.

    >>> without_invisibles("Ann\u202egpj.pdf\u200b")
    'Anngpj.pdf'
    """
    return "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf"))
