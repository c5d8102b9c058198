"""Writing output files: a complete new file or nothing, and never over a file that is not ours.

The bytes go to a temporary file in the destination's folder, are flushed to disk, and only then
take the destination's name, in one step that fails if the name was taken meanwhile (a hard link
of the finished file; `renameat2(RENAME_NOREPLACE)` where hard links are not supported). So two
runs started together cannot both "win": one writes, the other reports that the file exists.
With `force`, only a regular file (or a symbolic link, which is replaced by the new file; what it
pointed to is untouched) is replaced, and a replaced file keeps its permission bits. A full
disk, a crash or Ctrl-C leaves no truncated file, and clean-up removes only the temporary file
this write made.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import secrets
import stat
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import IO

from pdfgen.errors import OutputError

# Where hard links are not supported (some network and FAT file systems).
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words ("" for a regular file).

    >>> kind_of(stat.S_IFIFO), kind_of(stat.S_IFREG)
    ('a named pipe (FIFO)', '')
    """
    for test, name in _KINDS:
        if test(mode):
            return name
    return "" if stat.S_ISREG(mode) else "not a regular file"


@cache
def _umask() -> int:
    # The only way to read the umask is to set it; do that once, not on every write.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def check_destination(path: str | Path, *, force: bool = False) -> Path:
    """The destination as a Path if a file can be written there, else an OutputError saying why.

    Checked before any work, so that a run that could not keep its result does none; the final
    step checks again, atomically.
    """
    if not str(path):
        raise OutputError("the output file name is empty; give a file name.")
    target = Path(path)
    existing = _lstat(target)
    if existing is not None:
        if stat.S_ISLNK(existing.st_mode):
            if not force:
                raise OutputError(f"{target} already exists (a link); use --force to replace it.")
        elif kind_of(existing.st_mode):
            raise OutputError(
                f"cannot write {target}: it is {kind_of(existing.st_mode)}, not a file; pdfgen "
                "replaces only regular files."
            )
        elif not force:
            raise OutputError(f"{target} already exists; use --force to replace it.")
    _check_folder(target)
    return target


def _lstat(target: Path) -> os.stat_result | None:
    try:
        return os.lstat(target)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return None  # reported by _check_folder, which names the file in the way
    except OSError as exc:
        raise OutputError(describe(target, exc)) from None


def _check_folder(target: Path) -> None:
    folder = target.parent
    for ancestor in (folder, *folder.parents):
        try:
            mode = os.stat(ancestor).st_mode
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as exc:
            raise OutputError(describe(target, exc)) from None
        if not stat.S_ISDIR(mode):
            raise OutputError(f"cannot write {target}: {ancestor} is a file, not a folder.")
        if ancestor != folder:
            raise OutputError(f"cannot write {target}: the folder {folder} does not exist.")
        return


def write_atomic(
    path: str | Path, data: bytes, *, force: bool = False, temp_name: str | None = None
) -> Path:
    """Write `data` to `path` atomically; refuse to replace an existing file unless `force`.

    `temp_name` names the temporary file exactly (in the destination's folder), so that a caller
    that may have to clean up after a killed writer knows which file is its own.
    """
    with open_atomic(path, force=force, temp_name=temp_name) as handle:
        try:
            handle.write(data)
        except OSError as exc:
            raise OutputError(describe(path, exc)) from None
    return Path(path)


@contextlib.contextmanager
def open_atomic(
    path: str | Path, *, force: bool = False, temp_name: str | None = None
) -> Iterator[IO[bytes]]:
    """A binary file to write the whole of `path` to; published when the block ends without an
    exception, removed otherwise. Raises OutputError as `write_atomic` does."""
    target = check_destination(path, force=force)
    temp = target.parent / (temp_name or f".pdfgen-{secrets.token_hex(6)}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        raise OutputError(describe(target, exc)) from None
    published = False
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            _finish(handle, target)
        try:
            _publish(temp, target, force)
        except OSError as exc:
            raise OutputError(describe(target, exc)) from None
        published = True
    finally:
        if not published:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def _finish(handle: IO[bytes], target: Path) -> None:
    try:
        handle.flush()
        os.fsync(handle.fileno())
    except OSError as exc:
        raise OutputError(describe(target, exc)) from None


def _publish(temp: Path, target: Path, force: bool) -> None:
    """Give the finished temporary file the destination's name, in one atomic step."""
    existing = _lstat(target)
    mode = 0o666 & ~_umask()
    if existing is not None:
        if not force:
            raise OutputError(f"{target} already exists; use --force to replace it.")
        if kind_of(existing.st_mode) and not stat.S_ISLNK(existing.st_mode):
            raise OutputError(
                f"cannot write {target}: it is {kind_of(existing.st_mode)}, not a file; pdfgen "
                "replaces only regular files."
            )
        if stat.S_ISREG(existing.st_mode):
            mode = stat.S_IMODE(existing.st_mode)
    # mkstemp-like private files (0600) would surprise: a PDF gets the usual permissions, or
    # the ones the file it replaces had.
    os.chmod(temp, mode)
    if force:
        os.replace(temp, target)
        return
    _rename_no_replace(temp, target)


def _rename_no_replace(temp: Path, target: Path) -> None:
    try:
        os.link(temp, target)
    except FileExistsError:
        raise OutputError(f"{target} already exists; use --force to replace it.") from None
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        _renameat2_no_replace(temp, target)
        return
    os.unlink(temp)


_RENAME_NOREPLACE = 1
_AT_FDCWD = -100


def _renameat2_no_replace(temp: Path, target: Path) -> None:
    """`renameat2(RENAME_NOREPLACE)`: Linux's own "rename unless the name is taken"."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOTSUP, "the file system cannot publish a file without replacing")
    result = renameat2(
        _AT_FDCWD, os.fsencode(temp), _AT_FDCWD, os.fsencode(target), _RENAME_NOREPLACE
    )
    if result != 0:
        code = ctypes.get_errno()
        if code == errno.EEXIST:
            raise OutputError(f"{target} already exists; use --force to replace it.")
        raise OSError(code, os.strerror(code))


def describe(target: Path | str, exc: OSError, action: str = "write") -> str:
    """Why `target` could not be written (or made: `action`), as a sentence."""
    if exc.errno == errno.ENOSPC:
        why = "the disk is full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "permission denied"
    elif exc.errno == errno.ENAMETOOLONG:
        why = "the file name is too long"
    else:
        why = exc.strerror or str(exc)
    return f"cannot {action} {target}: {why}. Nothing was changed."


def write_stream(handle: IO[bytes], data: bytes) -> None:
    """Write `data` to a file object a caller gave; any failure is an OutputError."""
    try:
        handle.write(data)
        handle.flush()
    except OSError as exc:
        raise OutputError(f"cannot write the output: {exc.strerror or exc}.") from None
    except (TypeError, ValueError) as exc:
        # A text-mode file (TypeError), or one already closed (ValueError).
        why = "it takes text, not bytes" if isinstance(exc, TypeError) else str(exc)
        raise OutputError(f"cannot write the output: {why}; give a binary file.") from None
