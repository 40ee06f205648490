"""Writing output files whole or not at all.

Every file qqtext writes (graph files, quiz and pack exports, reports, 错题本, the CLI's ``-o``) goes
through :func:`atomic_write_bytes`, :func:`atomic_write_text` or :func:`atomic_open`: the data is
written to a temporary file in the target's own folder (so the rename never crosses a file system),
flushed to disk, and then renamed over the target with :func:`os.replace`. A full disk, a killed
process or an exception half way leaves the old file (or none) and no temporary file; it never
leaves a truncated or empty output.

The new file gets the mode an ordinary ``open(path, "w")`` would give it (``0o666`` less the umask);
a file that is replaced keeps its mode. A target that is a symbolic link is written through (the
file the link points at is replaced), as ``open`` would.

A failure is an :class:`OutputError`: a :class:`~qqtext.errors.QqtextError` (one line naming the file
and the reason) that is also an :class:`OSError` (so ``except OSError`` still catches it).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> atomic_write_text(folder / "a.txt", "第一条\\n").read_text(encoding="utf-8")
'第一条\\n'
>>> with atomic_open(folder / "b.csv", "w", encoding="utf-8-sig", newline="") as handle:
...     _ = handle.write("甲,乙\\n")
>>> (folder / "b.csv").read_bytes()
b'\\xef\\xbb\\xbf\\xe7\\x94\\xb2,\\xe4\\xb9\\x99\\n'
>>> sorted(p.name for p in folder.iterdir())
['a.txt', 'b.csv']
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from qqtext.errors import QqtextError
from qqtext.textsafe import utf8_safe

__all__ = ["OutputError", "atomic_write_bytes", "atomic_write_text", "atomic_open", "write_stdout", "discard_stdout"]

TEMP_PREFIX = ".qqtext-"
TEMP_SUFFIX = ".part"


class OutputError(QqtextError, OSError):
    """An output file (or standard output) that cannot be written: an unwritable folder, a folder
    where a file should go, a full disk. ``str()`` is one line: ``PATH: cannot write (REASON)``."""

    def __init__(self, path: str | os.PathLike[str], reason: str, error_number: int | None = None) -> None:
        super().__init__(error_number or 0, reason, os.fspath(path))
        self.path = os.fspath(path)
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: cannot write ({self.reason})"


def _umask() -> int:
    """The process umask, read without changing it where the system allows (Linux), else set back at once."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _target(path: str | os.PathLike[str]) -> Path:
    """The file to replace: ``path``, or what it links to; refused when it is a folder."""
    file = Path(os.path.realpath(os.fspath(path))) if os.path.islink(path) else Path(path)
    try:
        mode = file.stat().st_mode
    except FileNotFoundError:
        return file
    except OSError as error:
        raise OutputError(path, error.strerror or str(error), error.errno) from None
    if stat.S_ISDIR(mode):
        raise OutputError(path, "it is a folder", errno.EISDIR)
    return file


@contextlib.contextmanager
def atomic_open(
    path: str | os.PathLike[str], mode: str = "wb", *, encoding: str | None = None, newline: str | None = None
) -> Iterator[IO[Any]]:
    """A file object to write ``path`` through; the file appears (whole) only when the block ends without error.

    ``mode`` is ``"wb"`` or ``"w"`` (text: ``encoding`` default UTF-8, ``newline`` as for :func:`open`).
    The folder is made when missing. A target that is not a regular file (``/dev/null``, a FIFO) is
    written directly.

    Raises:
        OutputError: the folder cannot be made, the target is a folder, or writing fails.
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_open writes ('w' or 'wb'), not {mode!r}")
    if mode == "w" and encoding is None:
        encoding = "utf-8"
    file = _target(path)
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(file.parent, error.strerror or str(error), error.errno) from None
    try:
        existing = file.stat()
    except OSError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):  # a device or FIFO: no rename possible
        try:
            with open(file, mode, encoding=encoding, newline=newline) as handle:
                yield handle
        except OSError as error:
            raise OutputError(path, error.strerror or str(error), error.errno) from None
        return
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=TEMP_PREFIX + file.name[:40] + ".", suffix=TEMP_SUFFIX,
                                                 dir=file.parent)
    except OSError as error:
        raise OutputError(path, error.strerror or str(error), error.errno) from None
    try:
        try:
            with os.fdopen(descriptor, mode, encoding=encoding, newline=newline) as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, stat.S_IMODE(existing.st_mode) if existing else 0o666 & ~_umask())
            os.replace(temporary, file)
        except OSError as error:
            raise OutputError(path, error.strerror or str(error), error.errno) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` whole or not at all (see the module documentation); return the path.

    Raises:
        OutputError: the folder cannot be made, the target is a folder, or writing fails.
    """
    with atomic_open(path, "wb") as handle:
        handle.write(data)
    return Path(path)


def atomic_write_text(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` (lone surrogates replaced, see :func:`~qqtext.textsafe.utf8_safe`) whole or not at all.

    Line ends are written as they are in ``text``. Returns the path.

    Raises:
        OutputError: the folder cannot be made, the target is a folder, or writing fails.
    """
    return atomic_write_bytes(path, utf8_safe(text).encode(encoding))


def write_stdout(text: str) -> None:
    """Write ``text`` to standard output and flush it, so that a full disk or a closed pipe shows here.

    Lone surrogates are replaced (:func:`~qqtext.textsafe.utf8_safe`). A failure is an
    :class:`OutputError` naming ``standard output``; what is left in the buffer is dropped, so that
    Python does not fail a second time when it flushes at exit. A closed pipe stays a
    :class:`BrokenPipeError` (the command line ends quietly on it).
    """
    import sys

    try:
        sys.stdout.write(utf8_safe(text))
    except OSError as error:
        _stdout_failed(error)
    flush_stdout()


def flush_stdout() -> None:
    """Flush standard output, failing as :func:`write_stdout` does (a full disk, a closed pipe)."""
    import sys

    try:
        sys.stdout.flush()
    except OSError as error:
        _stdout_failed(error)


def _stdout_failed(error: OSError) -> None:
    discard_stdout()
    if isinstance(error, BrokenPipeError):
        raise error
    raise OutputError("standard output", error.strerror or str(error), error.errno) from None


def discard_stdout() -> None:
    """Point standard output at the null device, dropping what is buffered (after a failed write).

    Only the interpreter's own standard output of a command-line process is touched: a stream a
    notebook or a test put in its place is left alone.
    """
    import sys

    if sys.stdout is not sys.__stdout__ or sys.stdout is None:
        return
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # a captured or replaced stream: nothing to point away
        return
    if descriptor != 1:
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, descriptor)
        os.close(null)
    except OSError:
        pass
