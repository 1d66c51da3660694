"""``coherence check PATH…``: decide the claims in claim files and report them.

Formats: ``text`` (the readable report below), ``json``, ``junit``, ``markdown`` (the
last three through :func:`coherence.checks.render.render`). ``--output FILE`` writes the
report to a file instead of standard output. A ``rich`` progress bar is shown on
standard error only when it is a terminal. Exit 0 when every verdict is as expected, 1
when one is not, 2 when an input is unreadable.

The text report, one block per claim::

    docs/examples/la.claims.toml:9: refuted positive-eigenvalues-symmetric (canonical seeds, …, 0.01 s)
      statement  A real matrix whose eigenvalues are real and positive is symmetric
      witness    A = [[1, 1], [0, 1]]
      lhs        [[1, 1], [0, 1]]
      rhs        [[1, 0], [1, 1]]
      found by   canonical seeds, seed 0; confirmed exactly
      reproduce  coherence check docs/examples/la.claims.toml --only positive-eigenvalues-symmetric

and a closing line ``12 claims: 5 proved, 4 refuted, … — all as expected (exit 0)``.

>>> from coherence.checks.verdict import Verdict, Outcome, Location
>>> v = Verdict("one", Outcome.PROVED, method="exact evaluation", location=Location("a.toml", 3),
...             expect="proved")
>>> print(render_text([v], exit_code=0, seed=0))
a.toml:3: proved one (exact evaluation, 0.00 s)
<BLANKLINE>
1 claim: 1 proved — all as expected (exit 0)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from coherence.algebra.errors import InputError
from coherence.algebra.limits import MAX_TIMEOUT
from coherence.checks.render import FORMATS
from coherence.checks.verdict import DEFAULT_TIMEOUT, Outcome, Verdict, summary

_LABEL = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``coherence check``.

    >>> p = argparse.ArgumentParser(); add_arguments(p)
    >>> a = p.parse_args(["x.claims.toml", "--seed", "7", "--only", "a", "--only", "b"])
    >>> a.seed, a.only, a.format
    (7, ['a', 'b'], 'text')
    """
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="claim files (*.claims.toml) or folders containing them")
    parser.add_argument("--format", default="text", choices=FORMATS,
                        help="report format (default: text)")
    parser.add_argument("--output", metavar="FILE", help="write the report to FILE")
    parser.add_argument("--root", metavar="DIR", default=None,
                        help="project root: structure files named in claims must lie inside "
                             "it (default: nearest folder with pyproject.toml or .git)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S",
                        help="safety stop per claim in seconds: a claim it stops is unknown "
                        f"(default: {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--memory", default="2G", metavar="SIZE",
                        help="memory limit of each claim's process, e.g. 2G or 512M; a claim "
                        "that reaches it is unknown (default: 2G)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list the stages tried for each claim, with counts and times")
    parser.add_argument("--seed", type=int, default=0, metavar="N",
                        help="seed of every random choice (default: 0)")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="decide claims in N processes (default: 1)")
    parser.add_argument("--only", action="append", metavar="ID",
                        help="decide only the claim with this id (repeatable)")
    parser.add_argument("--shard", metavar="K/N", default=None,
                        help="decide only shard K of N (a stable split by claim id, for a CI "
                             "matrix); `coherence merge` joins the shards' JSON reports")


def _stages(v: Verdict) -> list[str]:
    """``-v``: one line per stage tried, with what it counted and its time."""
    lines = []
    if v.budget_used is not None:
        lines.append(f"  {'budget':<{_LABEL}} {v.budget_used:.0%} of the --timeout used")
    for name, count, seconds in v.stages:
        lines.append(f"  {'stage':<{_LABEL}} {name}: {count or 'done'} ({_seconds(seconds)})")
    return lines


def _block(v: Verdict, *, seed: int) -> list[str]:
    where = f"{v.location}: " if v.location else ""
    head = f"{where}{v.outcome.value} {v.id}"
    if v.outcome is not Outcome.ERROR and v.method:
        head += f" ({v.method}, {_seconds(v.seconds)})"
    if v.expect is not None and not v.matches():
        head += f" — expected {v.expect}"
    lines = [head]

    def row(label: str, text: str | None) -> None:
        if text:
            lines.append(f"  {label:<{_LABEL}} {text}")

    if v.outcome is Outcome.ERROR:
        detail = v.detail
        if v.location and detail.startswith(f"{v.location}: "):
            detail = detail[len(f"{v.location}: "):]
        row("error", detail)
        return lines
    if v.outcome is Outcome.PROVED:
        if v.vacuous:
            row("vacuous", "no point of the domain satisfies the assumptions (with every "
                "expression defined): the claim says nothing")
        row("detail", v.detail)
        return lines
    row("statement", v.statement)
    if v.outcome is Outcome.REFUTED:
        row("witness", v.witness_text)
        row("fails", v.failing)
        row("lhs", v.lhs)
        row("rhs", v.rhs)
        row("residual", v.residual)
        row("found by", v.detail)
        if v.location and v.location.file and not v.location.file.startswith("<"):
            row("reproduce", f"coherence check {v.location.file} --only {v.id} --seed {seed}")
    else:
        row("samples", f"{v.samples} exact samples, seed {seed}" if v.samples else None)
        row("detail", v.detail)
    return lines


def _seconds(s: float) -> str:
    return f"{s:.2f} s" if s < 10 else f"{s:.0f} s"


def summary_line(verdicts: Sequence[Verdict], exit_code: int, unreadable: int = 0) -> str:
    """``12 claims: 5 proved, 4 refuted — all as expected (exit 0)``.

    >>> summary_line([Verdict("a", Outcome.REFUTED, expect="proved")], 1)
    '1 claim: 1 refuted — 1 not as expected (exit 1)'
    """
    n = len(verdicts)
    counts = summary(list(verdicts))
    parts = [f"{c} {o}" for o, c in counts.items() if c]
    text = f"{n} claim{'' if n == 1 else 's'}" + (": " + ", ".join(parts) if parts else "")
    bad = sum(not v.matches() for v in verdicts)
    if unreadable:
        text += f" — {unreadable} input{'' if unreadable == 1 else 's'} unreadable"
    elif bad:
        text += f" — {bad} not as expected"
    else:
        text += " — all as expected"
    return f"{text} (exit {exit_code})"


def render_text(verdicts: Sequence[Verdict], *, exit_code: int, seed: int,
                unreadable: Sequence[InputError] = (), verbose: bool = False) -> str:
    """The text report of a run (blocks, then the closing line); ``verbose`` adds the
    stages each claim went through."""
    lines: list[str] = []
    for err in unreadable:
        lines.append(f"{err.where + ': ' if err.where else ''}unreadable: {err.message}")
    for v in verdicts:
        lines.extend(_block(v, seed=seed))
        if verbose:
            lines.extend(_stages(v))
    lines.append("")
    lines.append(summary_line(verdicts, exit_code, len(unreadable)))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Run ``coherence check`` with parsed arguments; return the exit code."""
    from coherence.checks.render import render
    from coherence.checks.run import cap_jobs, check_paths, parse_memory, parse_shard, unreadable_verdicts

    if not 0 < args.timeout <= MAX_TIMEOUT:  # also refuses nan
        raise InputError(f"expected 0 < --timeout ≤ {MAX_TIMEOUT:g}", got=str(args.timeout))
    if args.jobs < 1:
        raise InputError("expected --jobs ≥ 1", got=str(args.jobs))
    raw_shard = getattr(args, "shard", None)
    shard = None if raw_shard is None else parse_shard(raw_shard)  # bad K/N: exit 2 at once
    memory = parse_memory(args.memory)
    jobs, note = cap_jobs(args.jobs)
    if note:
        print(f"coherence: note: {note}", file=sys.stderr)
    progress = None
    bar = None
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import Progress

        # The bar goes to stderr, so piped stdout stays plain.
        bar = Progress(transient=True, console=Console(stderr=True))
        task = bar.add_task("deciding claims", total=None)
        bar.start()

        def progress(v: Verdict, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=f"{v.id}")
    try:
        result = check_paths(args.paths, seed=args.seed, timeout=args.timeout, jobs=jobs,
                             only=args.only, progress=progress, root=args.root,
                             shard=shard, memory=memory)
    finally:
        if bar is not None:
            bar.stop()
    if args.format == "text":
        text = render_text(result.verdicts, exit_code=result.exit_code, seed=args.seed,
                           unreadable=result.unreadable, verbose=args.verbose)
    else:
        title = ", ".join(str(p) for p in args.paths)
        text = render([*unreadable_verdicts(result), *result.verdicts], args.format, title=title)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")
    for err in result.unreadable:
        print(f"coherence: {err}", file=sys.stderr)
    return result.exit_code
