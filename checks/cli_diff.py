"""The ``diff`` subcommand: ``coherence diff OLD.json NEW.json``.

Compares two JSON reports (from ``coherence check --format json`` or the pytest
plugin's ``--coherence-report``) with :mod:`coherence.checks.diff` and prints which
verdicts changed, appeared and disappeared. Exit 1 when a previously proved or refuted
verdict changed (with ``--strict``: or disappeared), 0 otherwise, 2 when a report
cannot be read.

>>> import argparse
>>> p = argparse.ArgumentParser(prog="coherence diff")
>>> add_arguments(p)
>>> p.parse_args(["old.json", "new.json", "--format", "markdown"]).format
'markdown'
"""

from __future__ import annotations

import argparse

from coherence.checks.diff import DIFF_FORMATS, diff_verdicts, read_report, render_diff


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare ``OLD NEW``, ``--format``, ``--output`` and ``--strict`` on ``parser``.

    >>> p = argparse.ArgumentParser()
    >>> add_arguments(p)
    >>> p.parse_args(["a.json", "b.json"]).strict
    False
    """
    parser.add_argument("old", metavar="OLD", help="the baseline JSON report")
    parser.add_argument("new", metavar="NEW", help="the JSON report of this run")
    parser.add_argument("--format", choices=DIFF_FORMATS, default="text",
                        help="text (default), markdown for a pull-request comment, or json")
    parser.add_argument("--output", "-o", metavar="FILE",
                        help="write the diff to FILE instead of standard output")
    parser.add_argument("--strict", action="store_true",
                        help="a proved or refuted verdict that disappeared also fails")


def run(args: argparse.Namespace) -> int:
    """Diff the two reports named in ``args``; return the exit code (0 or 1).

    Unreadable reports raise :class:`~coherence.algebra.errors.InputError`, which the
    ``coherence`` command turns into exit code 2.

    >>> from coherence.algebra.errors import InputError
    >>> try:
    ...     run(argparse.Namespace(old="missing.json", new="b.json", format="text",
    ...                            output=None, strict=False))
    ... except InputError as err:
    ...     print(err)
    missing.json: expected a readable JSON report, got no such file
    """
    from coherence.checks import report_files

    if args.output:
        report_files.prepare(args.output, option="--output")
    old = read_report(args.old)
    new = read_report(args.new)
    d = diff_verdicts(old, new, strict=args.strict)
    text = render_diff(d, args.format)
    report_files.emit(text, args.output)
    return 1 if d.failed else 0
