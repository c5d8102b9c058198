"""Reading input files: regular files only, and never more than a limit.

`stat()` says 0 bytes for /dev/zero, a pipe or a device, so a size checked that way lets them
be read for ever (or hang, for a FIFO nobody writes to). Each input is opened without blocking,
checked to be a regular file on the open descriptor, and read up to its limit plus one byte.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from pdfgen.errors import InputError, input_error
from pdfgen.io.writing import kind_of


def read_input(path: str | Path, *, what: str, limit: int) -> bytes:
    """The bytes of the regular file `path` (a `what`: "plan", "roster", ...), or an InputError
    naming the file: missing, not a regular file, unreadable, or larger than `limit` bytes."""
    file = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise _unreadable(file, what, exc) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise input_error(
                file, f"this is {kind_of(mode)}, not a {what} file; pdfgen reads regular files."
            )
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise _unreadable(file, what, exc) from None
    finally:
        os.close(fd)
    if size > limit:
        raise _too_large(file, what, limit)
    return b"".join(chunks)


def check_input(path: str | Path, *, what: str, limit: int | None = None) -> int:
    """Check, without reading it, that `path` is a regular file (of at most `limit` bytes);
    its size, or an InputError as `read_input` gives."""
    file = str(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise _unreadable(file, what, exc) from None
    if not stat.S_ISREG(info.st_mode):
        raise input_error(
            file, f"this is {kind_of(info.st_mode)}, not a {what} file; pdfgen reads regular files."
        )
    if limit is not None and info.st_size > limit:
        raise _too_large(file, what, limit)
    return info.st_size


def exists(path: str | Path) -> bool:
    """Whether `path` names something on disk (of any kind, through links); a name too long,
    or with a NUL, is simply not there (pathlib's own check raises for those)."""
    try:
        os.stat(path)
    except (OSError, ValueError):
        return False
    return True


def _too_large(file: str, what: str, limit: int) -> InputError:
    return input_error(
        file, f"the {what} file is larger than {limit:,} bytes, the most pdfgen reads."
    )


def _unreadable(file: str, what: str, exc: OSError) -> InputError:
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return input_error(file, f"no such {what} file.")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return input_error(file, f"cannot read the {what} file: permission denied.")
    if exc.errno == errno.ENAMETOOLONG:
        return input_error(file, "the file name is too long.")
    if exc.errno == errno.EISDIR:
        return input_error(file, f"this is a folder, not a {what} file.")
    return input_error(file, f"cannot read the {what} file: {exc.strerror or exc}.")
