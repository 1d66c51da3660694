"""The ``axioms`` and ``catalog`` subcommands: per-law verdicts for a named structure.

``coherence axioms NAME|FILE`` resolves NAME in the finite-dimensional catalogue
(``sweedler``, ``taft:3``, ``tensor(sweedler, group:C2)`` …), in the graded catalogue
(``shuffle:ab``, ``qsym`` …, checked through ``--degree``), or reads a structure file
(``*.toml``), and prints one verdict per Hopf axiom and per derived fact. Exit 0 when
every Hopf axiom is proved, 1 when one is refuted (or not decided), 2 on bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from coherence.checks.render import FORMATS, render, summary_line, version
from coherence.checks.verdict import Outcome, Verdict


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``axioms`` and ``catalog`` on the CLI's subparsers."""
    p = sub.add_parser(
        "axioms", help="check every Hopf axiom and derived fact of a structure",
        description="One exact verdict per Hopf axiom and per derived fact of a catalogue "
                    "structure or a structure file. Exit 0 if every axiom is proved.")
    p.add_argument("name", help="a catalogue name (see `coherence catalog`) or a structure "
                                "file (.toml)")
    p.add_argument("--law", action="append", metavar="LAW",
                   help="check only this law (repeatable)")
    p.add_argument("--degree", type=int, default=None, metavar="N",
                   help="for graded algebras: check all basis tuples of total degree ≤ N "
                        "(default 4)")
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("--output", metavar="FILE", help="write the report here instead of stdout")
    p.set_defaults(run=run_axioms)

    c = sub.add_parser("catalog", help="list every named structure",
                       description="Every named structure: name, dimension (or graded "
                                   "basis) and coefficient field.")
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.set_defaults(run=run_catalog)


def run_axioms(args: argparse.Namespace) -> int:
    """Check the structure named on the command line; print the table; return the exit code."""
    from coherence.checks import laws

    structure, is_graded = _load(args.name, args.degree)
    if is_graded:
        from coherence.checks import graded_laws

        degree = 4 if args.degree is None else args.degree
        verdicts = graded_laws.check_graded_laws(structure, degree, only=args.law)
        axioms = graded_laws.AXIOMS
        title = f"{args.name} — {structure.description}, through degree {degree}"
        qualifier = f" through degree {degree}"
    else:
        verdicts = laws.check_laws(structure, only=args.law)
        axioms = laws.AXIOMS
        title = f"{args.name} — {structure.title()}"
        qualifier = ""
    text = _report(verdicts, axioms, args.format, title, qualifier)
    _emit(text, args.output)
    return _exit_code(verdicts, axioms)


def _load(name: str, degree: int | None) -> tuple[Any, bool]:
    from coherence.algebra.errors import InputError

    if name.endswith(".toml") or Path(name).is_file():
        from coherence.algebra.structure_file import read_structure

        return read_structure(name), False
    from coherence.algebra import catalogue, graded_examples

    try:
        return graded_examples.get(name), True
    except InputError:
        pass
    try:
        H = catalogue.get(name)
    except InputError:
        raise InputError("expected a catalogue name or a structure file", got=repr(name),
                         choices=[*catalogue.names(), *graded_examples.names()]) from None
    if degree is not None:
        raise InputError("expected no --degree for a finite-dimensional structure",
                         got=f"--degree {degree}")
    return H, False


def _exit_code(verdicts: Sequence[Verdict], axioms: Sequence[str]) -> int:
    checked = [v for v in verdicts if v.id in axioms]
    return 0 if all(v.outcome is Outcome.PROVED for v in checked) else 1


def _report(verdicts: Sequence[Verdict], axioms: Sequence[str], fmt: str, title: str,
            qualifier: str = "") -> str:
    if fmt != "text":
        return render(verdicts, fmt, title=title)
    ax = [v for v in verdicts if v.id in axioms]
    facts = [v for v in verdicts if v.id not in axioms]
    out = [title, ""]
    if ax:
        out += ["Hopf axioms", _indent(render(ax, "text").rsplit("\n\n", 1)[0]), ""]
    if facts:
        out += ["derived facts (properties, not axioms)",
                _indent(render(facts, "text").rsplit("\n\n", 1)[0]), ""]
    line = summary_line(ax, noun="axiom")
    if ax:
        refuted = any(v.outcome is not Outcome.PROVED for v in ax)
        line += " — not a Hopf algebra" if refuted and len(ax) == len(axioms) else ""
        line += f" — a Hopf algebra{qualifier}" if not refuted and len(ax) == len(axioms) else ""
        line += f" (exit {_exit_code(verdicts, axioms)})"
    out.append(line)
    return "\n".join(out)


def _indent(text: str) -> str:
    return "\n".join("  " + line if line else line for line in text.splitlines())


def _emit(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")


def run_catalog(args: argparse.Namespace) -> int:
    """List the catalogue (finite-dimensional and graded)."""
    from coherence.algebra import catalogue, graded_examples
    from coherence.algebra.domains import describe

    rows = []
    for entry in catalogue.entries():
        for name in entry.examples:
            H = catalogue.get(name)
            rows.append({"name": name, "family": entry.pattern, "dimension": H.dim,
                         "field": describe(H.domain), "kind": type(H).__name__,
                         "description": entry.summary, "reference": entry.reference})
    for g in graded_examples.entries():
        rows.append({"name": g.name, "family": g.name, "dimension": "graded",
                     "field": "QQ", "kind": "GradedHopfAlgebra", "basis": g.basis,
                     "description": g.description, "reference": g.reference})
    if args.format == "json":
        sys.stdout.write(json.dumps({"tool": "coherence", "version": version(),
                                     "catalog": rows}, indent=2, ensure_ascii=False) + "\n")
        return 0
    w = max(len(r["name"]) for r in rows)
    lines = [f"{'name':<{w}}  {'dim':>6}  {'field':<8}  description", ""]
    for r in rows:
        dim = str(r["dimension"])
        desc = r["description"] + (f" (basis: {r['basis']})" if "basis" in r else "")
        lines.append(f"{r['name']:<{w}}  {dim:>6}  {r['field']:<8}  {desc}")
    lines += ["", "Families take parameters: taft:N, group:CN|DN|SN (N ≤ 7 for SN), functions:G, "
              "words:concat-deconcat:L,", "dual(NAME), tensor(NAME, NAME); graded word algebras "
              "take an alphabet (shuffle:xyz). `coherence axioms NAME` checks one."]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
