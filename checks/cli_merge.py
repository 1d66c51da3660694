"""The ``merge`` subcommand: ``coherence merge SHARD.json… [--format F] [--output FILE]``.

Joins the JSON reports of ``coherence check --shard K/N`` runs (one per CI-matrix job)
into the report of the whole suite: every verdict once, in file and line order, the
summary recounted, in any report format. Exit 0 when every verdict is as expected, 1
when one is not, 2 when a report cannot be read or two reports disagree on a claim.

>>> import argparse
>>> p = argparse.ArgumentParser(prog="coherence merge")
>>> add_arguments(p)
>>> p.parse_args(["a.json", "b.json", "--format", "junit"]).format
'junit'
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from coherence.algebra.errors import InputError
from coherence.checks.verdict import Verdict

FORMATS = ("json", "text", "junit", "markdown")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare ``REPORT…``, ``--format`` and ``--output`` on ``parser``.

    >>> p = argparse.ArgumentParser()
    >>> add_arguments(p)
    >>> p.parse_args(["a.json"]).format
    'json'
    """
    parser.add_argument("reports", nargs="+", metavar="REPORT",
                        help="JSON reports of `coherence check --shard K/N --format json`")
    parser.add_argument("--format", choices=FORMATS, default="json",
                        help="json (default; the input of `coherence diff`), text, junit or "
                             "markdown")
    parser.add_argument("--output", "-o", metavar="FILE",
                        help="write the merged report to FILE instead of standard output")


def merge_verdicts(reports: Sequence[Sequence[Verdict]]) -> tuple[Verdict, ...]:
    """Every verdict once, ordered by file, line and id; a claim decided differently in
    two reports is an input error (shards of one run never overlap).

    >>> from coherence.checks.verdict import Location, Outcome
    >>> a = Verdict("a", Outcome.PROVED, location=Location("x.toml", 9))
    >>> b = Verdict("b", Outcome.REFUTED, location=Location("x.toml", 3))
    >>> [v.id for v in merge_verdicts([[a], [b, a]])]
    ['b', 'a']
    """
    seen: dict[tuple[str, int, str], Verdict] = {}
    for verdicts in reports:
        for v in verdicts:
            loc = v.location
            key = (loc.file or "" if loc else "", (loc.line or 0) if loc else 0, v.id)
            old = seen.get(key)
            if old is None:
                seen[key] = v
            elif (old.outcome, old.witness) != (v.outcome, v.witness):
                where = f"{key[0]}:{key[1]}" if key[0] else v.id
                raise InputError("expected shards that agree on each claim",
                                 got=f"{v.id} ({where}) {old.outcome.value} in one report, "
                                     f"{v.outcome.value} in another")
    return tuple(seen[k] for k in sorted(seen))


def run(args: argparse.Namespace) -> int:
    """Merge the reports named in ``args``; return the exit code (0 or 1; 2 via InputError).

    >>> from coherence.algebra.errors import InputError
    >>> try:
    ...     run(argparse.Namespace(reports=["missing.json"], format="json", output=None))
    ... except InputError as err:
    ...     print(err)
    missing.json: expected a readable JSON report, got no such file
    """
    from coherence.checks.diff import read_report
    from coherence.checks.render import render

    verdicts = merge_verdicts([read_report(r) for r in args.reports])
    title = f"merged from {len(args.reports)} report{'s' if len(args.reports) != 1 else ''}"
    text = render(verdicts, args.format, title=title, noun="claim")
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")
    return 0 if all(v.matches() for v in verdicts) else 1
