"""``coherence report REPORT.json --format html|junit|markdown|text``: convert a stored report.

A JSON report (from ``coherence check --format json``, ``--report json:…`` or the
pytest plugin's ``--coherence-report``) holds every verdict, so any other report can be
written from it later without deciding anything again. Exit 0 when every verdict in it
is as expected, 1 when one is not, 2 when the report cannot be read.

>>> import argparse
>>> p = argparse.ArgumentParser(prog="coherence report"); add_arguments(p)
>>> p.parse_args(["r.json", "--format", "html", "-o", "r.html"]).output
'r.html'
"""

from __future__ import annotations

import argparse

from coherence.checks.render import FORMATS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare ``REPORT``, ``--format``, ``--output`` and ``--title`` on ``parser``."""
    parser.add_argument("source", metavar="REPORT", help="a JSON report written by coherence")
    parser.add_argument("--format", choices=FORMATS, default="html",
                        help="the report to write (default: html)")
    parser.add_argument("--output", "-o", metavar="FILE",
                        help="write it to FILE instead of standard output")
    parser.add_argument("--title", default=None, help="the report's title (default: REPORT)")


def run(args: argparse.Namespace) -> int:
    """Convert the report named in ``args``; return 0, or 1 when a verdict missed.

    >>> from coherence.algebra.errors import InputError
    >>> try:
    ...     run(argparse.Namespace(source="missing.json", format="html", output=None, title=None))
    ... except InputError as err:
    ...     print(err)
    missing.json: expected a readable JSON report, got no such file
    """
    from coherence.checks import report_files
    from coherence.checks.diff import read_report
    from coherence.checks.render import render, render_text

    if args.output:
        report_files.prepare(args.output, option="--output")
    verdicts = read_report(args.source)
    code = 0 if all(v.matches() for v in verdicts) else 1
    if args.format == "text":
        text = render_text(verdicts, exit_code=code)
    else:
        text = render(verdicts, args.format, title=args.title or str(args.source))
    report_files.emit(text, args.output)
    return code
