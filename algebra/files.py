"""Reading input files that may be hostile: confined to the project, regular files only, bounded.

A claim file in a pull request may name a structure file with ``structure('…toml')``.
That path is resolved relative to the claim file and must stay inside the *project
root*: the nearest folder above the claim file holding ``pyproject.toml`` or ``.git``
(or an explicit root, ``--root`` on the CLI). Absolute paths and ``..`` that leave the
root, symlinks whose target lies outside it, symlink loops, FIFOs, devices and folders
are refused — before anything is opened, and without saying whether the file exists.
Every file is read with :data:`~coherence.algebra.limits.MAX_FILE_BYTES` as a cap,
stated in the error; :func:`load_toml` turns every way TOML can fail (not UTF-8, a
syntax error, nesting too deep) into one located :class:`InputError`, and accepts a
UTF-8 byte-order mark.

>>> import tempfile, os
>>> root = Path(tempfile.mkdtemp())
>>> _ = (root / "pyproject.toml").write_text("")
>>> (root / "claims").mkdir()
>>> _ = (root / "claims" / "h.toml").write_text("name = 'h'")
>>> confine("h.toml", base=root / "claims", root=root) == (root / "claims" / "h.toml")
True
>>> confine("/etc/passwd", base=root / "claims", root=root)
Traceback (most recent call last):
...
coherence.algebra.errors.InputError: expected a file inside the project root ..., got '/etc/passwd'
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

from coherence.algebra.errors import InputError
from coherence.algebra.limits import MAX_FILE_BYTES

__all__ = ["project_root", "confine", "read_bounded", "decode", "load_toml"]

_MARKERS = ("pyproject.toml", ".git")


def project_root(start: str | Path) -> Path:
    """The nearest folder at or above ``start`` (a file or folder) with ``pyproject.toml``
    or ``.git``; the folder of ``start`` itself when there is none.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> project_root(d / "a.claims.toml") == d.resolve()
    True
    """
    p = Path(os.path.abspath(start))  # a symlinked file must not move the root
    folder = Path(os.path.realpath(p if p.is_dir() and not p.is_symlink() else p.parent))
    for candidate in (folder, *folder.parents):
        if any(os.path.lexists(candidate / m) for m in _MARKERS):
            return candidate
    return folder


def confine(name: str | Path, *, base: str | Path, root: str | Path) -> Path:
    """``name`` resolved against ``base`` (symlinks followed), refused unless it stays
    inside ``root``. Nothing is opened; existence is not revealed.

    >>> confine("a/../b.toml", base="/srv/p", root="/srv/p")
    PosixPath('/srv/p/b.toml')
    >>> confine("../../etc/passwd", base="/srv/p/c", root="/srv/p")
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: expected a file inside the project root /srv/p,
    got '../../etc/passwd'
    """
    text = str(name)
    if "\x00" in text:
        raise InputError("expected a file name without NUL characters", got=repr(text[:60]))
    top = Path(os.path.realpath(root))
    real = Path(os.path.realpath(os.path.join(os.path.realpath(base), text)))
    if real != top and top not in real.parents:
        raise InputError(f"expected a file inside the project root {top}", got=repr(text[:200]))
    return real


def read_bounded(path: str | Path, *, what: str = "file", limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    The last component is opened without following a symlink (callers resolve and
    confine first), non-blocking, so a FIFO cannot hang the reader; anything but a
    regular file is refused.

    >>> read_bounded("/dev/zero")
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: /dev/zero: expected a regular file, got a character device
    """
    p = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) \
        | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(p, flags)
    except OSError as err:
        got = "a symlink loop or a symlink" if err.errno == 40 else (err.strerror or "unreadable")
        raise InputError(f"expected a readable {what}", got=got, file=p) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError("expected a regular file", got=_kind(info.st_mode), file=p)
        if info.st_size > limit:
            raise InputError(f"expected a {what} of at most {limit} bytes",
                             got=f"{info.st_size} bytes", file=p)
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise InputError(f"expected a {what} of at most {limit} bytes",
                                 got=f"more than {limit} bytes", file=p)
        return b"".join(chunks)
    except OSError as err:
        raise InputError(f"expected a readable {what}", got=err.strerror or "unreadable",
                         file=p) from None
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISLNK, "a symlink")):
        if test(mode):
            return name
    return "not a regular file"


def decode(raw: bytes, file: str) -> str:
    """UTF-8 text (a leading byte-order mark dropped); undecodable bytes are an error at
    their line.

    >>> decode(b"\\xef\\xbb\\xbfa = 1", "f.toml")
    'a = 1'
    >>> decode(b"a = 1\\n\\xff", "f.toml")
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: f.toml:2: expected UTF-8 text, got undecodable bytes
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError("expected UTF-8 text", got="undecodable bytes", file=file,
                         line=line) from None
    return text[1:] if text.startswith("\ufeff") else text


def load_toml(text: str, file: str) -> dict[str, Any]:
    """Parse TOML; every failure is an :class:`InputError` with the line.

    >>> load_toml("a = 1", "f.toml")
    {'a': 1}
    >>> load_toml("a = " + "[" * 3000, "f.toml")
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: f.toml:1: expected valid TOML, got nesting too deep
    """
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        # "(at end of document)" carries no line: point at the last line of the file.
        line = int(m.group(1)) if m else max(1, text.count("\n") + (not text.endswith("\n")))
        reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", msg)
        raise InputError("expected valid TOML", got=reason or "invalid TOML", file=file,
                         line=line) from None
    except (RecursionError, MemoryError):
        raise InputError("expected valid TOML", got="nesting too deep", file=file,
                         line=1) from None
    except ValueError as exc:  # e.g. an integer of more than 4 300 digits
        raise InputError("expected valid TOML", got=str(exc).split(";")[0][:80], file=file,
                         line=1) from None
