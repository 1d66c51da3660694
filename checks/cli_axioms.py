"""The ``axioms`` and ``catalog`` subcommands: per-law verdicts for a named structure.

``coherence axioms NAME|FILE`` resolves NAME in the finite-dimensional catalogue
(``sweedler``, ``taft:3``, ``tensor(sweedler, group:C2)`` …), in the graded catalogue
(``shuffle:ab``, ``qsym`` …, checked through ``--degree``), or reads a structure file
(``*.toml``), and prints one verdict per Hopf axiom and per derived fact. Exit 0 when
every Hopf axiom is proved (or, by the random/numeric method, holds on every trial),
1 when one is refuted (or not decided), 2 on bad input.

``--method`` chooses how finite-dimensional laws are checked: ``exhaustive`` (every
basis tuple, exact), ``random`` (identity testing mod p with a Schwartz–Zippel bound,
refutations re-checked exactly; :mod:`coherence.checks.random_laws`), ``numeric``
(floats, evidence only) or ``auto`` (the default: exhaustive unless dim³ exceeds
:data:`EXHAUSTIVE_BUDGET` basis triples). The report says which method ran and why.
Structures with parameters (``field = "QQ(q)"``) get exact conditions on the
parameters instead (:mod:`coherence.checks.parametric`), and with ``--assume`` a Z3
verdict per law on that region.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from coherence.checks.render import FORMATS, clean, render, summary_line, version
from coherence.checks.verdict import Outcome, Verdict, select_ids

EXHAUSTIVE_BUDGET = 3_000_000
"""Basis triples (dim³) up to which ``--method auto`` checks every basis tuple."""

EXHAUSTIVE_LIMIT = 1_000_000
"""Basis pairs (dim²) beyond which even ``--method exhaustive`` is refused: the laws are
streamed over blocks of basis tuples (memory O(block)), but the structure's own maps are
built as exact tables of about dim² entries."""

BYTES_PER_PAIR = 1000
"""Memory an exhaustive check takes per basis pair: the laws are streamed, the structure's
maps are exact tables of about dim² entries (an estimate, not re-measured after the
streaming rewrite; before it, 200 bytes per basis *triple* were measured)."""

BASE_BYTES = 100 * 1024**2
"""Memory of the interpreter with coherence imported, before any law is checked."""


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
    p.add_argument("--method", choices=("auto", "exhaustive", "random", "numeric"),
                   default="auto",
                   help="exhaustive: every basis tuple, exact; random: identity testing mod p "
                        "(refutations re-checked exactly, evidence with an error bound); "
                        "numeric: floats, evidence only; auto (default): exhaustive unless "
                        f"dim³ > {EXHAUSTIVE_BUDGET:,} basis triples")
    p.add_argument("--confidence", type=float, default=1e-12, metavar="P",
                   help="random method: allowed error probability per law (default 1e-12)")
    p.add_argument("--seed", type=int, default=0, help="random/numeric method: the seed")
    p.add_argument("--assume", action="append", metavar="COND",
                   help="parametric structures: also decide each law with Z3 on the region "
                        "COND (e.g. 'q > 0'; repeatable)")
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("--output", "-o", metavar="FILE",
                   help="write the report here instead of stdout")
    p.add_argument("--root", metavar="DIR", default=None,
                   help="a structure file must lie inside this folder (default: the nearest "
                        "folder above it with pyproject.toml or .git)")
    p.add_argument("--timeout", type=float, default=None, metavar="S",
                   help="safety stop per law in seconds: a law it stops is unknown "
                        "(default: as coherence check)")
    p.add_argument("--memory", default="2G", metavar="SIZE",
                   help="memory limit of each law's process, e.g. 2G or 512M; an exhaustive "
                        "check estimated to exceed it is refused before it starts (default 2G)")
    p.set_defaults(run=run_axioms)

    c = sub.add_parser("catalog", help="list every named structure",
                       description="Every named structure: name, dimension (or graded "
                                   "basis) and coefficient field.")
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.set_defaults(run=run_catalog)


def run_axioms(args: argparse.Namespace) -> int:
    """Check the structure named on the command line; print the table; return the exit code."""
    from coherence.checks import laws

    method = getattr(args, "method", "auto")
    if args.output:  # a bad destination is found before any law is checked
        from coherence.checks.report_files import prepare

        prepare(args.output, option="--output")
    _limits(args)
    fast = _fast_load(args.name) if args.degree is None else None
    if fast is not None and method == "exhaustive":
        _refuse_exhaustive(fast.dim, args.memory_bytes)
    if fast is not None and method != "exhaustive" and (
            method != "auto" or fast.dim**3 > EXHAUSTIVE_BUDGET):
        return _run_random(args, fast, method, fast.dim)
    structure, is_graded = _load(args.name, args.degree, getattr(args, "root", None))
    if not is_graded and method in ("exhaustive", "auto") and not _parametric(structure):
        if method == "exhaustive" or structure.dim**3 <= EXHAUSTIVE_BUDGET:
            _refuse_exhaustive(structure.dim, args.memory_bytes)
    if is_graded and method != "auto":
        from coherence.algebra.errors import InputError

        raise InputError("expected no --method for a graded algebra (checked degree by degree)",
                         got=f"--method {method}")
    if not is_graded:
        from coherence.checks.parametric import is_parametric

        if is_parametric(structure):
            return _run_parametric(args, structure)
        if method in ("random", "numeric") or (
                method == "auto" and structure.dim**3 > EXHAUSTIVE_BUDGET):
            return _run_random(args, structure, method, structure.dim)
    if is_graded:
        from coherence.checks import graded_laws

        degree = 4 if args.degree is None else args.degree
        verdicts = _per_law(lambda ids: graded_laws.check_graded_laws(structure, degree,
                                                                      only=ids),
                            graded_laws.LAW_IDS, args,
                            f"through degree {degree}")
        axioms = graded_laws.AXIOMS
        title = f"{args.name} — {structure.description}, through degree {degree}"
        qualifier = f" through degree {degree}"
    else:
        verdicts = _per_law(lambda ids: laws.check_laws(structure, only=ids),
                            laws.LAW_IDS, args, "on every basis tuple")
        axioms = laws.AXIOMS
        title = f"{args.name} — {structure.title()}"
        qualifier = ""
    text = _report(verdicts, axioms, args.format, title, qualifier)
    _emit(text, args.output)
    return _exit_code(verdicts, axioms)


def _limits(args: argparse.Namespace) -> None:
    """Validate ``--timeout`` and ``--memory`` (set ``args.memory_bytes``)."""
    from coherence.algebra.errors import InputError
    from coherence.checks.run import parse_memory

    timeout = getattr(args, "timeout", None)
    if timeout is not None and not timeout > 0:
        raise InputError("expected --timeout > 0", got=str(timeout))
    args.memory_bytes = parse_memory(getattr(args, "memory", "2G"))


def _parametric(structure: Any) -> bool:
    from coherence.checks.parametric import is_parametric

    return is_parametric(structure)


def _refuse_exhaustive(dim: int, memory: int | None = None) -> None:
    """Refuse, before it starts, an exhaustive check too big for the limits.

    >>> _refuse_exhaustive(1000, 512 * 1024**2)
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: expected an exhaustive check within the memory \
limit of 512 MB (use --method random, or raise --memory), got dim² = 1,000,000 basis \
pairs, about 1.0 GB
    """
    from coherence.algebra.errors import InputError

    if dim**2 > EXHAUSTIVE_LIMIT:
        raise InputError(f"expected at most {EXHAUSTIVE_LIMIT:,} basis pairs for --method "
                         "exhaustive (use --method random)", got=f"dim² = {dim**2:,}")
    if memory is not None:
        need = BASE_BYTES + BYTES_PER_PAIR * dim**2
        if need > memory:
            from coherence.checks.run import memory_text

            raise InputError(f"expected an exhaustive check within the memory limit of "
                             f"{memory_text(memory)} (use --method random, or raise --memory)",
                             got=f"dim² = {dim**2:,} basis pairs, about "
                             f"{need / 1024**3:.1f} GB")


def _per_law(check: Any, ids: Sequence[str], args: argparse.Namespace,
             scope: str) -> list[Verdict]:
    """``check(ids)`` law by law, each in a supervised child under ``--timeout`` and
    ``--memory`` (:func:`coherence.checks.run.supervise`): a law that runs out is
    ``unknown``, one that crashes is ``error``, and the others still get their verdicts.
    On a terminal, standard error shows which law is being checked."""
    from coherence.checks.run import KILL_GRACE, Ending, ending_verdict, supervise
    from coherence.checks.verdict import DEFAULT_TIMEOUT

    timeout = DEFAULT_TIMEOUT if args.timeout is None else args.timeout
    chosen = select_ids(args.law, ids)  # an unknown --law is bad input, said here
    ids = [i for i in ids if i in chosen]
    show = sys.stderr.isatty()
    started = [0]

    def done(k: int, ending: Ending) -> None:
        started[0] = k + 1
        if show and k + 1 < len(ids):
            sys.stderr.write(f"\r\033[Kchecking {ids[k + 1]} {scope} ({k + 2}/{len(ids)})")
            sys.stderr.flush()

    if show and ids:
        sys.stderr.write(f"\r\033[Kchecking {ids[0]} {scope} (1/{len(ids)})")
        sys.stderr.flush()
    tasks = [lambda law=law: tuple(check([law])) for law in ids]
    try:
        endings = supervise(tasks, limit=timeout + KILL_GRACE, memory=args.memory_bytes,
                            done=done)
    finally:
        if show:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
    out: list[Verdict] = []
    for law, ending in zip(ids, endings, strict=True):
        if ending.kind == "value":
            out.extend(ending.value)
        else:
            out.append(ending_verdict(Verdict(law, Outcome.UNKNOWN), ending, timeout=timeout,
                                      memory=args.memory_bytes, what="law"))
    return out


def _why(method: str, dim: int) -> str:
    triples = f"dim³ = {dim**3:,} basis triples"
    if method == "auto":
        return (f"method: random identity testing mod random primes, chosen automatically: {triples} "
                f"exceed the exhaustive budget of {EXHAUSTIVE_BUDGET:,}")
    if method == "numeric":
        return ("method: numeric (float64), as asked with --method numeric: evidence only; a "
                "float failure is re-checked mod p and exactly before it is reported")
    return (f"method: random identity testing mod random primes, as asked with --method random "
            f"({triples})")


def _run_random(args: argparse.Namespace, structure: Any, method: str, dim: int) -> int:
    from coherence.checks.random_laws import check_laws_random

    verdicts = check_laws_random(structure, only=args.law,
                                 method="numeric" if method == "numeric" else "random",
                                 confidence=args.confidence, seed=args.seed)
    from coherence.checks import laws

    title = f"{args.name} — {_title(structure)}\n{_why(method, dim)}"
    text = _report(verdicts, laws.AXIOMS, args.format, title, random=True)
    _emit(text, args.output)
    return _exit_code(verdicts, laws.AXIOMS, random=True)


def _title(structure: Any) -> str:
    if hasattr(structure, "title"):
        return structure.title()
    from coherence.algebra.domains import describe

    return f"{structure.description or structure.name} over {describe(structure.domain)}, " \
           f"{structure.dim} basis elements"


def _run_parametric(args: argparse.Namespace, H: Any) -> int:
    from coherence.algebra.hopf import HopfAlgebra
    from coherence.checks import laws, parametric

    given = isinstance(H, HopfAlgebra)
    order = [a for a in laws.AXIOMS if given or not a.startswith("antipode-")]
    order += [] if given else ["antipode"]
    order += ["commutative", "cocommutative", "hopf"]
    if args.law:
        wanted = set(select_ids(args.law, [*laws.AXIOMS, "commutative", "cocommutative",
                                           "antipode", "hopf"]))
        if not given and any(n.startswith("antipode-") for n in wanted):
            wanted.add("antipode")  # no S given: the antipode laws are its existence
    else:
        wanted = set(order) - {"commutative", "cocommutative"}
    every = argparse.Namespace(**{**vars(args), "law": None})
    verdicts = _per_law(lambda one: parametric.check_parametric(H, only=one),
                        [i for i in order if i in wanted], every,
                        "as a condition on the parameters")
    if args.assume:
        region = [parametric.parse_assumption(a) for a in args.assume]
        for law_id in [v.id for v in verdicts if v.id in laws.AXIOMS]:
            z = parametric.z3_law(H, law_id, assumptions=region)
            verdicts.append(z.with_(id=f"{law_id} [z3: {', '.join(args.assume)}]"))
    axioms = tuple(v.id for v in verdicts if v.id in laws.AXIOMS or v.id == "antipode")
    title = (f"{args.name} — {H.title()}\nmethod: exact conditions on the parameters "
             "(residual equations over ℚ(params), reduced Gröbner basis; every failing value "
             "re-checked by substitution)")
    shown = verdicts
    if args.format == "text":
        shown = [_condition_view(v) for v in verdicts]
    text = _report(shown, axioms, args.format, title)
    _emit(text, args.output)
    return _exit_code(verdicts, axioms)


def _condition_view(v: Verdict) -> Verdict:
    """For the text table: the condition where the method goes, the failure at the witness."""
    if v.outcome is not Outcome.REFUTED or not v.detail:
        return v
    if v.lhs is None and "; at " in v.detail:  # antipode, hopf: no sides, an explanation
        head, _, tail = v.detail.rpartition("; at ")
        return v.with_(method=head, detail=tail.split(" ", 3)[-1] if tail else tail)
    head = v.detail.split("; fails at")[0].split("; solutions re-checked")[0]
    return v.with_(method=head)


_FAST = ("group:S", "group:C")


def _fast_load(name: str) -> Any:
    """Large group algebras and their tensor products as arrays (no Python tables)."""
    from coherence.algebra import modular

    text = name.replace(" ", "")
    if text.startswith(_FAST) and text[7:].isdigit():
        try:
            return modular.group_structure(text[6:])
        except Exception:  # noqa: BLE001 - fall back to the catalogue's own message
            return None
    if text.startswith("tensor(") and text.endswith(")"):
        inner = text[7:-1]
        depth = 0
        for i, ch in enumerate(inner):
            depth += ch == "("
            depth -= ch == ")"
            if ch == "," and depth == 0:
                a, b = _fast_load(inner[:i]), _fast_load(inner[i + 1:])
                if a is not None and b is not None:
                    return modular.tensor_structure(a, b)
                return None
    return None


def _load(name: str, degree: int | None, root: str | None = None) -> tuple[Any, bool]:
    from coherence.algebra.errors import InputError

    if name.endswith(".toml") or os.path.lexists(name):
        from coherence.algebra.files import confine, project_root
        from coherence.algebra.structure_file import read_structure

        top = root if root is not None else project_root(os.path.abspath(name))
        return read_structure(confine(name, base=os.getcwd(), root=top), shown=name), False
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


def _exit_code(verdicts: Sequence[Verdict], axioms: Sequence[str], *, random: bool = False
               ) -> int:
    checked = [v for v in verdicts if v.id in axioms]
    ok = (Outcome.PROVED, Outcome.EVIDENCE) if random else (Outcome.PROVED,)
    return 0 if all(v.outcome in ok for v in checked) else 1


def _report(verdicts: Sequence[Verdict], axioms: Sequence[str], fmt: str, title: str,
            qualifier: str = "", *, random: bool = False) -> str:
    if fmt != "text":
        return render(verdicts, fmt, title=title)
    ax = [v for v in verdicts if v.id in axioms]
    facts = [v for v in verdicts if v.id not in axioms]
    out = [clean(title, multiline=True), ""]
    if ax:
        out += ["Hopf axioms", _indent(render(ax, "text").rsplit("\n\n", 1)[0]), ""]
    if facts:
        out += ["derived facts (properties, not axioms)",
                _indent(render(facts, "text").rsplit("\n\n", 1)[0]), ""]
    line = summary_line(ax, noun="axiom")
    if ax:
        refuted = any(v.outcome is not Outcome.PROVED for v in ax)
        complete = len(ax) == len(axioms)
        if random and not any(v.outcome is Outcome.REFUTED for v in ax):
            line += " — holds on every trial (evidence, not a proof)" if complete else ""
        else:
            failed = any(v.outcome in (Outcome.REFUTED, Outcome.ERROR) for v in ax)
            if refuted and complete:
                line += " — not a Hopf algebra" if failed else " — not decided"
            line += f" — a Hopf algebra{qualifier}" if not refuted and complete else ""
        line += f" (exit {_exit_code(verdicts, axioms, random=random)})"
    out.append(line)
    return "\n".join(out)


def _indent(text: str) -> str:
    return "\n".join("  " + line if line else line for line in text.splitlines())


def _emit(text: str, output: str | None) -> None:
    from coherence.checks.report_files import emit

    emit(text, output)


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
