"""Where reports go: ``--output FILE``, ``--report FORMAT:PATH``, ``--coherence-report PATH``.

A report path is made ready *before* any claim is decided — missing folders created,
the file opened for writing once — so a typo in a path costs a second, not a whole run
followed by a traceback. Every failure is one located :class:`InputError` line
(``--output out/r.json: expected a writable file, got a folder``).

Examples
--------
>>> import tempfile, os
>>> d = tempfile.mkdtemp()
>>> p = prepare(os.path.join(d, "new", "folder", "r.json"), option="--output")
>>> p.parent.is_dir()
True
>>> prepare(d, option="--output")
Traceback (most recent call last):
...
coherence.algebra.errors.InputError: --output ...: expected a writable file, got a folder
>>> parse_report_option("junit:out/r.xml")
('junit', 'out/r.xml')
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from coherence.algebra.errors import InputError


def parse_report_option(text: str) -> tuple[str, str]:
    """``FORMAT:PATH`` split in two; the format checked against the report formats.

    >>> parse_report_option("html:reports/claims.html")
    ('html', 'reports/claims.html')
    >>> parse_report_option("htm:r.html")
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: --report: expected FORMAT:PATH with FORMAT one of
    text, json, junit, markdown, html, got 'htm:r.html'
    """
    from coherence.checks.render import FORMATS

    fmt, sep, path = text.partition(":")
    if not sep or fmt not in FORMATS or not path:
        raise InputError(f"expected FORMAT:PATH with FORMAT one of {', '.join(FORMATS)}",
                         got=repr(text), context="--report")
    return fmt, path


def prepare(path: str | Path, *, option: str) -> Path:
    """Make ``path`` ready to receive a report: create its folders, check it is writable.

    An existing file is left as it is (it is replaced only when the report is written);
    a file this call had to create is removed again, so a run that stops early leaves
    nothing behind.
    """
    p = Path(path)
    if p.is_dir():
        raise _unwritable(p, option, "a folder")
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise _unwritable(p, option, f"cannot create its folder ({_reason(err)})") from None
    existed = p.exists()
    try:
        with open(p, "a", encoding="utf-8"):
            pass
    except OSError as err:
        raise _unwritable(p, option, _reason(err)) from None
    if not existed:
        try:
            p.unlink()
        except OSError:  # pragma: no cover - removed under our feet; nothing to undo
            pass
    return p


def write(path: str | Path, text: str, *, option: str) -> None:
    """Write a report (a trailing newline added), as one located error on failure."""
    p = Path(path)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except IsADirectoryError:
        raise _unwritable(p, option, "a folder") from None
    except OSError as err:
        raise _unwritable(p, option, _reason(err)) from None


def emit(text: str, output: str | Path | None, *, option: str = "--output") -> None:
    """Write a report to ``output`` when given (see :func:`write`), else to standard output.

    >>> emit("1 law: 1 proved", None)
    1 law: 1 proved
    """
    if output:
        write(output, text, option=option)
    else:
        import sys

        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _reason(err: OSError) -> str:
    if err.errno == errno.EISDIR:
        return "a folder"
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied" if err.errno != errno.EROFS else "a read-only file system"
    if err.errno == errno.ENOTDIR:
        return "a file where a folder should be"
    return (err.strerror or type(err).__name__).lower() if err.errno else type(err).__name__


def _unwritable(p: Path, option: str, got: str) -> InputError:
    return InputError("expected a writable file", got=got, context=f"{option} {os.fspath(p)}")
