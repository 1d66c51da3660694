"""The ``coherence`` command: ``check``, ``axioms``, ``catalog``, ``diff``, ``merge`` and ``report``.

Also runs as ``python -m coherence``. Exit codes: 0 when every verdict is as expected
(for ``axioms``: every Hopf axiom proved), 1 when one is not, 2 on unreadable input.
No traceback ever reaches the user: input errors print ``file:line: expected …, got …``.

>>> main(["catalog", "--format", "nonsense"])  # doctest: +SKIP
2
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from coherence.algebra.errors import InputError

#: Subcommands implemented in their own modules: ``add_arguments(parser)``, ``run(args)``.
_DELEGATED = {
    "check": ("coherence.checks.cli_check", "decide the claims in claim files"),
    "diff": ("coherence.checks.cli_diff", "compare two JSON reports and show changed verdicts"),
    "merge": ("coherence.checks.cli_merge", "join the JSON reports of `check --shard K/N` runs"),
    "report": ("coherence.checks.cli_report",
               "convert a stored JSON report to html, junit, markdown or text"),
}

EXIT_STATUS = """\
exit status:
  0  every verdict is as expected (axioms: every Hopf axiom proved)
  1  a verdict is not as expected (axioms: an axiom refuted or not decided)
  2  unreadable input: a bad path, file, name or option, or a report that cannot be written

`coherence COMMAND --help` tells more about each command.
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``coherence`` command.

    >>> build_parser().parse_args(["axioms", "sweedler"]).name
    'sweedler'
    """
    from coherence.checks import render

    parser = argparse.ArgumentParser(
        prog="coherence",
        description="Executable checks, with trustworthy verdicts, for the algebra in papers.",
        epilog=EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-V", "--version", action="version",
                        version=f"coherence {render.version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    for name, (module_name, help_text) in _DELEGATED.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue
        p = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(p)
        p.set_defaults(run=module.run)

    from coherence.checks import cli_axioms

    cli_axioms.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (also the console script's entry)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse prints its own usage message
        return int(exc.code or 0)
    try:
        return int(args.run(args))
    except InputError as err:
        from coherence.checks.render import clean

        print(f"coherence: {clean(str(err))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        print("coherence: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # pragma: no cover - e.g. `coherence catalog | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
