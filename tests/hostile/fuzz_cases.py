"""Fuzz cases for the readers, shared by tests/hostile/test_hostile_fuzz.py (a fixed-seed
Hypothesis run in CI) and tests/benchmarks/bench_fuzz.py (≥ 100 000 cases, child processes).

Two kinds of generator, both driven by a ``random.Random`` so a seed fixes every case:

* *grammar*: claim files and structure files built from their grammar — valid keys and
  invalid ones, expressions from the vocabulary and outside it, numbers small and huge;
* *mutation*: the real example files of docs/examples, with a few edits each (bytes
  deleted or duplicated, nasty tokens inserted: quotes, brackets, ``[[claim]]``, a BOM,
  NUL, ``^99999999999``, U+2028, …).

:func:`check_claim_text` and :func:`check_structure_text` run one case and return the
problems found — a traceback (any exception but a located ``InputError``), an internal
error verdict, an error without a file:line — so the test asserts ``== []`` and the
benchmark counts them.
"""

from __future__ import annotations

import random
import traceback
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED_CLAIMS = tuple(p.read_text(encoding="utf-8")
                    for p in sorted((ROOT / "docs" / "examples").glob("*.claims.toml")))
SEED_STRUCTURES = tuple(p.read_text(encoding="utf-8")
                        for p in sorted((ROOT / "docs" / "examples" / "structures").glob("*.toml")))

NASTY = ('"""', "'''", '"', "'", "[[claim]]", "[claim]", "[source]", "\ufeff", "\x00", "\\",
         "{", "}", "[", "]", "=", "\n", "\r\n", "#", "9" * 60, "^99999999999", "**99999999999",
         "zeta^", "⊗", "(x)", "\u2028", "\u0085", "1e999999999", "-", "*", "/0", "(" * 50,
         "id = ", 'then = "', "expect = ", "tolerance = ", "for_all = { x = ", "basis = [",
         "[product]", "[coproduct]", "[counit]", "[antipode]", 'field = "QQ(zeta)"',
         "\x1b[31m", "(" * 600, ")" * 600, "é", "\t", " ", "\x7f", "0.", ".5", "1_0", "0x1F", "nan", "inf")

VARIABLES = ("x", "y", "n", "A", "B", "v", "w", "H")
FUNCTIONS = ("det", "inverse", "exp", "log", "sqrt", "abs", "max", "min", "implies", "trace",
             "eigenvalues", "S", "Delta", "eps", "id", "conv", "compose", "dim", "tensor",
             "is_equivalent", "dot", "shuffle", "concat", "at", "structure", "formula_net",
             "relu", "softmax", "frobnicate", "__import__", "eval", "open")
NUMBERS = ("0", "1", "2", "-1", "1/2", "0.1", "1e-9", "3**10000", "2**99999999999",
           "9" * 5000, "1e999999999", "0x10", "10**4", "1.5e3")
DOMAINS = ("Real", "Integer", "Rational", "Matrix(2, 2)", "Vector(3)", "Element('sweedler')",
           "Element('taft:3')", "Word('ab', 2)", "Integer(0, 5)", "Rea", "Matrix(100000, 100000)",
           "Element('x.toml')", "Matrix(2)", "Real(0, 1)", "Boolean")
TOLERANCES = ('"1e-9"', '"1e999999999"', "1e-3", "-1", '"x"', "true", '"1e-99999"', "1e308")
STRUCTURES = ("sweedler", "taft:3", "group:C3", "group:S3", "nope", "x.toml", "../../etc/x.toml",
              "/dev/zero.toml", "group:C999999999")


def expression(rng: random.Random, depth: int = 0) -> str:
    """A random expression over the claim vocabulary (mostly well-formed, some not)."""
    roll = rng.random()
    if depth > 4 or roll < 0.3:
        return rng.choice(VARIABLES + NUMBERS)
    if roll < 0.55:
        op = rng.choice(("+", "-", "*", "/", "**", "@", "==", "!=", "<", ">=", "and", "or", "^",
                         "%", "//"))
        return f"{expression(rng, depth + 1)} {op} {expression(rng, depth + 1)}"
    if roll < 0.75:
        args = ", ".join(expression(rng, depth + 1) for _ in range(rng.randint(0, 3)))
        return f"{rng.choice(FUNCTIONS)}({args})"
    if roll < 0.82:
        return f"sum({expression(rng, depth + 1)} for i in range({rng.choice(NUMBERS)}))"
    if roll < 0.88:
        return f"[[{expression(rng, depth + 1)}, 1], [0, {expression(rng, depth + 1)}]]"
    if roll < 0.93:
        return f"({expression(rng, depth + 1)}).T"
    if roll < 0.97:
        return f"not {expression(rng, depth + 1)}"
    return rng.choice(("x +", "(x", "x +* 1", "lambda: 1", "x.real", "x[0:1]", "{1}", "f'x'"))


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def claim_file(rng: random.Random, expressions: Sequence[str] = ()) -> str:
    """A claim file from the grammar; ``expressions`` (e.g. from hypothesmith) are mixed in."""
    out = []
    if rng.random() < 0.3:
        out.append('[source]\ntitle = "t"\nref = "arXiv:1"\n' + ("bogus = 1\n" if rng.random() < .2
                                                                  else ""))
    for k in range(rng.randint(1, 4)):
        lines = ["[[claim]]"]
        if rng.random() < 0.95:
            lines.append(f'id = "c{k}{rng.choice(["", "", "x", " bad id", "é"])}"')
        pool = list(expressions) or [expression(rng)]
        then = rng.choice(pool) if expressions and rng.random() < 0.6 else expression(rng)
        lines.append(f"then = {_toml_string(then)}")
        if rng.random() < 0.5:
            names = rng.sample(VARIABLES[:4], rng.randint(1, 2))
            lines.append("for_all = { " + ", ".join(f'{n} = "{rng.choice(DOMAINS)}"'
                                                   for n in names) + " }")
        if rng.random() < 0.25:
            lines.append(f'given = {{ H = "structure(\'{rng.choice(STRUCTURES)}\')" }}')
        if rng.random() < 0.2:
            lines.append(f"assuming = {_toml_string(expression(rng))}")
        if rng.random() < 0.3:
            lines.append(f'expect = "{rng.choice(["proved", "refuted", "error", "prooved"])}"')
        if rng.random() < 0.15:
            lines.append("tolerance = " + rng.choice(TOLERANCES))
        if rng.random() < 0.1:
            lines.append(f"{rng.choice(['expekt', 'where', 'statement'])} = \"s\"")
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)


def mutate(rng: random.Random, text: str, edits: int | None = None) -> str:
    """``text`` with a few random edits (deletions, duplications, nasty insertions)."""
    for _ in range(edits if edits is not None else rng.randint(1, 4)):
        n = len(text)
        i = rng.randint(0, n)
        roll = rng.random()
        if roll < 0.35:
            text = text[:i] + rng.choice(NASTY) + text[i:]
        elif roll < 0.55:
            j = min(n, i + rng.randint(1, 40))
            text = text[:i] + text[j:]
        elif roll < 0.7:
            j = min(n, i + rng.randint(1, 80))
            text = text[:j] + text[i:j] + text[j:]
        elif roll < 0.8:
            lines = text.split("\n")
            a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[a], lines[b] = lines[b], lines[a]
            text = "\n".join(lines)
        elif roll < 0.9:
            text = text[:i]
        else:
            j = min(n, i + 1)
            text = text[:i] + chr(rng.choice((0x22, 0x27, 0x5b, 0x5d, 0x3d, 0x23, 0x2a, 0x5e,
                                               rng.randint(32, 0x2fff)))) + text[j:]
    return text


def structure_file(rng: random.Random) -> str:
    """A structure file from the grammar (fields, bases, tables, numbers big and small)."""
    n = rng.randint(1, 4)
    basis = [rng.choice(("1", "g", "x", "gx", "a b", "(12)", "q", "zeta", "2", "e"))
             for _ in range(n)]
    if rng.random() < 0.8:
        basis = list(dict.fromkeys(basis))
    field = rng.choice(("QQ", "QQ", "QQ(zeta_3)", "QQ(zeta_4)", "QQ(q)", "QQ(zeta)", "RR",
                        "QQ(zeta_999999999)", "QQ(q, q)", "QQ(zeta_0)"))

    def combo(tensor: int) -> str:
        terms = []
        for _ in range(rng.randint(1, 3)):
            coeff = rng.choice(("", "2*", "-", "1/2*", "zeta*", "q*", "3^99999999999*",
                                "zeta^99999999*", "(1+q)*", "0*", "9" * 5000 + "*", "2^10000*"))
            names = [rng.choice(basis + ["nope"]) for _ in range(tensor)]
            names = [f"`{b}`" if " " in b or "(" in b else b for b in names]
            terms.append(coeff + "⊗".join(names))
        return rng.choice((" + ", " - ")).join(terms)

    out = [f'name = "fuzz"\nfield = "{field}"', "basis = [" + ", ".join(
        _toml_string(b) for b in basis) + "]", f'unit = "{basis[0]}"', "[product]"]
    for a in basis:
        for b in basis:
            if rng.random() < 0.5:
                out.append(f"{_toml_string(a + '*' + b)} = {_toml_string(combo(1))}")
    for table, tensor in (("coproduct", 2), ("counit", 0), ("antipode", 1)):
        if table == "antipode" and rng.random() < 0.5:
            continue
        out.append(f"[{table}]")
        for b in basis:
            if rng.random() < 0.95:
                value = rng.choice(("1", "0", "zeta", "1/0", "2^99999")) if tensor == 0 \
                    else combo(tensor)
                out.append(f"{_toml_string(b)} = {_toml_string(value)}")
    return "\n".join(out) + "\n"


def claim_case(rng: random.Random, expressions: Sequence[str] = ()) -> str:
    """One claim-file case: grammar-built or a mutated example file."""
    if rng.random() < 0.5 or not SEED_CLAIMS:
        text = claim_file(rng, expressions)
        return mutate(rng, text) if rng.random() < 0.3 else text
    return mutate(rng, rng.choice(SEED_CLAIMS))


def structure_case(rng: random.Random) -> str:
    """One structure-file case: grammar-built or a mutated example structure."""
    if rng.random() < 0.5 or not SEED_STRUCTURES:
        text = structure_file(rng)
        return mutate(rng, text) if rng.random() < 0.3 else text
    return mutate(rng, rng.choice(SEED_STRUCTURES))


# -- running one case -----------------------------------------------------------------------------
def _unlocated(detail: str, file: str) -> bool:
    head = detail.split(": ", 1)[0]
    return not (head.startswith(file + ":") and head.rsplit(":", 1)[1].isdigit())


def check_claim_text(text: str, folder: Path, *, decide_claims: bool = False,
                     timeout: float = 1.0) -> list[str]:
    """Read (and optionally decide) one claim file; the problems found (empty: none)."""
    from coherence.algebra.errors import InputError
    from coherence.checks.claims import read_claim_file
    from coherence.checks.expr import parse

    path = folder / "fuzz.claims.toml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    problems: list[str] = []
    try:
        cf = read_claim_file(path)
    except InputError as err:
        if err.file != str(path) or err.line is None:
            problems.append(f"unlocated file error: {err}")
        return problems
    except Exception:  # noqa: BLE001 - a traceback is what we count
        return [f"traceback in read_claim_file:\n{traceback.format_exc()}"]
    for v in cf.errors:
        if v.location is None or v.location.line is None or _unlocated(v.detail, str(path)):
            problems.append(f"unlocated claim error: {v.detail}")
    for c in cf.claims:
        if c.location.line is None:
            problems.append(f"claim {c.id!r} without a line")
        for text_ in (c.then, *c.assuming):
            try:
                parse(text_, bound=[*c.variables, *(n for n, _ in c.given)])
            except InputError:
                pass
            except Exception:  # noqa: BLE001
                problems.append(f"traceback in parse({text_!r}):\n{traceback.format_exc()}")
    if decide_claims:
        from coherence.checks.decide import decide

        for c in cf.claims:
            try:
                v = decide(c, timeout=timeout)
            except Exception:  # noqa: BLE001
                problems.append(f"traceback in decide({c.id!r}):\n{traceback.format_exc()}")
                continue
            if "please report" in v.detail or "internal error" in v.detail:
                problems.append(f"internal error: {v.detail}")
            elif v.outcome.value == "error" and _unlocated(v.detail, str(path)):
                problems.append(f"unlocated error verdict: {v.detail}")
    return problems


def check_structure_text(text: str) -> list[str]:
    """Read one structure file's text; the problems found (empty: none)."""
    from coherence.algebra.errors import InputError
    from coherence.algebra.structure_file import parse_structure

    try:
        parse_structure(text, "fuzz.toml")
    except InputError as err:
        if err.file != "fuzz.toml" or err.line is None:
            return [f"unlocated structure error: {err}"]
    except Exception:  # noqa: BLE001
        return [f"traceback in parse_structure:\n{traceback.format_exc()}"]
    return []
