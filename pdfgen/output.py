"""Writing output files atomically: a complete new file, or the old one untouched.

The bytes go to a temporary file in the destination's folder, are flushed to disk, and only then
take the destination's name. A full disk, a crash or Ctrl-C leaves no truncated PDF and no
temporary file behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from functools import cache
from pathlib import Path

from pdfgen.errors import OutputError


@cache
def _umask() -> int:
    # The only way to read the umask is to set it; do that once, not on every write.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, data: bytes, *, force: bool = False) -> Path:
    """Write `data` to `path` atomically; refuse to replace an existing file unless `force`."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target} is a folder; give a file name for the PDF.")
    if target.exists() and not force:
        raise OutputError(f"{target} already exists; use --force to replace it.")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {target}: the folder {folder} does not exist.")
    fd, tmp_name = -1, ""
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); a PDF should get the usual permissions.
        os.chmod(tmp_name, 0o666 & ~_umask())
        os.replace(tmp_name, target)
        tmp_name = ""
    except OSError as exc:
        raise OutputError(_describe(target, exc)) from None
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    return target


def _describe(target: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return f"cannot write {target}: the disk is full. Nothing was changed."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write {target}: permission denied. Nothing was changed."
    return f"cannot write {target}: {exc.strerror or exc}. Nothing was changed."
