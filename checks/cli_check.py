"""``coherence check PATH…``: decide the claims in claim files and report them.

The text report (:func:`coherence.checks.render.render_text`) follows pytest and ruff:
one line per claim, a full block only for a verdict that misses its ``expect`` and for
an error, then the summary line; ``-q`` keeps only what missed, ``-v`` shows every
block. ``--format`` chooses the report on standard output (``text``, ``json``,
``junit``, ``markdown``, ``html``), ``--output FILE`` sends it to a file, and
``--report FORMAT:PATH`` (repeatable) writes more reports from the same run. Every
report path is checked before any claim is decided. A ``rich`` progress bar is shown
on standard error only when it is a terminal.

A block, for a verdict that misses its ``expect``::

    docs/examples/la.claims.toml:9: refuted positive-eigenvalues-symmetric (…, 0.01 s) — expected proved
      statement  A real matrix whose eigenvalues are real and positive is symmetric
      witness    A = [[1, 1],
                      [0, 1]]
      …
      reproduce  coherence check docs/examples/la.claims.toml --only positive-eigenv… --seed 0

and a closing line ``12 claims: 5 proved, 4 refuted, … — all as expected (exit 0)``.

>>> import argparse
>>> p = argparse.ArgumentParser(); add_arguments(p)
>>> a = p.parse_args(["x.claims.toml", "-q", "--report", "json:r.json", "-x"])
>>> a.verbosity, a.report, a.exitfirst
(-1, ['json:r.json'], True)
"""

from __future__ import annotations

import argparse
import sys

from coherence.algebra.errors import InputError
from coherence.algebra.limits import MAX_TIMEOUT
from coherence.checks.render import FORMATS, render_text
from coherence.checks.verdict import DEFAULT_TIMEOUT, Verdict

EXIT_STATUS = """\
exit status:
  0  every verdict is the one its claim expects
  1  a verdict is not the one expected (a claim without `expect` fails when refuted or error)
  2  unreadable input: a missing path, a claim file that is not valid, an unknown --only id,
     a report path that cannot be written
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``coherence check``.

    >>> p = argparse.ArgumentParser(); add_arguments(p)
    >>> a = p.parse_args(["x.claims.toml", "--seed", "7", "--only", "a", "--only", "b*"])
    >>> a.seed, a.only, a.format
    (7, ['a', 'b*'], 'text')
    """
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EXIT_STATUS
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="claim files (*.claims.toml) or folders containing them")
    parser.add_argument("--format", default="text", choices=FORMATS,
                        help="report format on standard output or --output (default: text)")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    parser.add_argument("--report", action="append", metavar="FORMAT:PATH", default=[],
                        help="also write a report in FORMAT to PATH (repeatable), e.g. "
                             "--report junit:out/r.xml --report html:out/r.html")
    parser.add_argument("--root", metavar="DIR", default=None,
                        help="project root: structure files named in claims must lie inside "
                             "it (default: nearest folder with pyproject.toml or .git)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S",
                        help="safety stop per claim in seconds: a claim it stops is unknown "
                        f"(default: {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--memory", default="2G", metavar="SIZE",
                        help="memory limit of each claim's process, e.g. 2G or 512M; a claim "
                        "that reaches it is unknown (default: 2G)")
    parser.add_argument("--seed", type=int, default=0, metavar="N",
                        help="seed of every random choice (default: 0)")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="decide claims in N processes (default: 1)")
    parser.add_argument("--only", action="append", metavar="ID",
                        help="decide only the claims with this id or glob pattern, e.g. "
                             "'attention-*' (repeatable)")
    parser.add_argument("-x", "--exitfirst", action="store_true",
                        help="stop at the first verdict that is not as expected")
    parser.add_argument("--list", action="store_true",
                        help="list the claims (file:line: id) without deciding them")
    parser.set_defaults(verbosity=0)
    parser.add_argument("-q", "--quiet", dest="verbosity", action="store_const", const=-1,
                        help="show only the verdicts that are not as expected, and the summary")
    parser.add_argument("-v", "--verbose", dest="verbosity", action="store_const", const=1,
                        help="show the full block of every verdict and the stages it went through, "
                             "with their counts and times")
    parser.add_argument("--shard", metavar="K/N", default=None,
                        help="decide only shard K of N (a stable split by claim id, for a CI "
                             "matrix); `coherence merge` joins the shards' JSON reports")


def run(args: argparse.Namespace) -> int:
    """Run ``coherence check`` with parsed arguments; return the exit code."""
    from coherence.checks import report_files
    from coherence.checks.render import clean, render
    from coherence.checks.run import (
        cap_jobs,
        check_paths,
        collect,
        parse_memory,
        parse_shard,
        unreadable_verdicts,
    )

    if not 0 < args.timeout <= MAX_TIMEOUT:  # also refuses nan
        raise InputError(f"expected 0 < --timeout ≤ {MAX_TIMEOUT:g}", got=str(args.timeout))
    if args.jobs < 1:
        raise InputError("expected --jobs ≥ 1", got=str(args.jobs))
    raw_shard = getattr(args, "shard", None)
    shard = None if raw_shard is None else parse_shard(raw_shard)  # bad K/N: exit 2 at once
    # Every destination is made ready before a single claim is decided.
    targets = [report_files.parse_report_option(r) for r in args.report]
    for _, path in targets:
        report_files.prepare(path, option="--report")
    if args.output:
        report_files.prepare(args.output, option="--output")

    if args.list:
        found = collect(args.paths, only=args.only, root=args.root)
        lines = []
        for x in found.items:
            where = f"{x.location}: " if x.location is not None else ""
            lines.append(clean(f"{where}{x.id}"))
        n = len(found.items)
        lines.append(f"{n} claim{'' if n == 1 else 's'} in {len(found.files)} file"
                     f"{'' if len(found.files) == 1 else 's'}")
        sys.stdout.write("\n".join(lines) + "\n")
        for err in found.unreadable:
            print(f"coherence: {clean(str(err))}", file=sys.stderr)
        return 2 if found.unreadable else 0

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
            bar.update(task, completed=done, total=total, description=clean(v.id))
    try:
        result = check_paths(args.paths, seed=args.seed, timeout=args.timeout, jobs=jobs,
                             only=args.only, progress=progress, exitfirst=args.exitfirst,
                             root=args.root, shard=shard, memory=memory)
    finally:
        if bar is not None:
            bar.stop()

    title = ", ".join(str(p) for p in args.paths)
    everything = [*unreadable_verdicts(result), *result.verdicts]

    def report(fmt: str) -> str:
        if fmt == "text":
            return render_text(result.verdicts, exit_code=result.exit_code, seed=args.seed,
                               unreadable=result.unreadable, verbosity=args.verbosity)
        return render(everything, fmt, title=title)

    for fmt, path in targets:
        report_files.write(path, report(fmt), option="--report")
    report_files.emit(report(args.format), args.output)
    for err in result.unreadable:
        print(f"coherence: {clean(str(err))}", file=sys.stderr)
    return result.exit_code
