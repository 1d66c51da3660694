"""Benchmark: coherence's verdicts on the example claims, and its search against plain tools.

Run on demand (not collected by pytest)::

    python tests/benchmarks/bench_claims.py [--timeout 10] [--seed 0] [--skip-examples]

Part 1 — every claim in docs/examples through ``coherence.checks.run.check_paths``:
verdict, expected verdict, the deciding method and the time (skipped, with a note, when
the claim runner is not there yet).

Part 2 — the same linear-algebra claims three ways:

* coherence: ``decide(claim(...))`` (or, without the claim layer, ``search`` with an
  exact check), witness re-checked exactly;
* plain Hypothesis: ``@given`` over float arrays with the predicate written in NumPy
  (``np.linalg.eigvals``, ``np.allclose``); its falsifying example is then converted
  *exactly* (``Fraction(float)``) and re-checked with an independent SymPy predicate;
* plain Z3: the counterexample condition (Vieta encoding from
  ``coherence.counterexamples.z3_linalg``), ``check()``, the model converted to exact
  rationals (algebraic values: 20-digit approximations) and re-checked the same way.

"survives" means the exact re-check says the point really violates the claim. Times
are wall-clock on this machine; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy
import z3
from coherence.counterexamples import z3_linalg as L
from coherence.counterexamples.problem import (
    PointResult,
    PointStatus,
    SearchProblem,
    Variable,
    format_value,
)
from coherence.counterexamples.search import Budget, search

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


# ---------------------------------------------------------------- exact predicates
def _sm(value: Any) -> sympy.Matrix:
    return sympy.Matrix(
        [[sympy.Rational(Fraction(x).numerator, Fraction(x).denominator) for x in r] for r in value]
    )


def _spectrum(M: sympy.Matrix) -> tuple[bool, bool]:
    p = M.charpoly()
    q = p.sqf_part()
    real = q.count_roots() == q.degree()
    return real, real and q.count_roots(None, 0) == 0


def _eig_real_pos(M: sympy.Matrix) -> bool:
    return _spectrum(M)[1]


def _eig_real(M: sympy.Matrix) -> bool:
    return _spectrum(M)[0]


def _sym_part_pd(M: sympy.Matrix) -> bool:
    return bool(((M + M.T) / 2).is_positive_definite)


def _pd(M: sympy.Matrix) -> bool:
    return M == M.T and bool(M.is_positive_definite)


# ---------------------------------------------------------------- numpy predicates
TOL = 1e-9


def _np_eig_real_pos(A: np.ndarray) -> bool:
    ev = np.linalg.eigvals(A)
    return bool(np.all(np.abs(ev.imag) <= TOL) and np.all(ev.real > 0))


def _np_eig_real(A: np.ndarray) -> bool:
    return bool(np.all(np.abs(np.linalg.eigvals(A).imag) <= TOL))


def _np_sym_part_pd(A: np.ndarray) -> bool:
    return bool(np.all(np.linalg.eigvalsh((A + A.T) / 2) > 0))


def _np_pd(A: np.ndarray) -> bool:
    return bool(np.allclose(A, A.T) and np.all(np.linalg.eigvalsh((A + A.T) / 2) > 0))


@dataclass(frozen=True)
class Bench:
    """One claim: its claim-file form, and the same predicate exactly, in NumPy and in Z3."""

    id: str
    truth: str  # "false" or "true"
    for_all: dict[str, str]
    assuming: str | None
    then: str
    shapes: dict[str, tuple[int, int]]
    exact: Callable[[dict[str, sympy.Matrix]], bool | None]  # None = assumption fails
    numpy: Callable[[dict[str, np.ndarray]], bool]  # True = holds (or vacuous)
    z3cx: Callable[[dict[str, list[list[Any]]]], Any]  # counterexample condition


def _imp(a: bool, c: bool) -> bool | None:
    return None if not a else c


def _benches() -> list[Bench]:
    m2, m3 = "Matrix(2, 2)", "Matrix(3, 3)"
    out = []
    for n, dom in ((2, m2), (3, m3)):
        out.append(Bench(
            f"eigenvalues-positive-symmetric-{n}x{n}", "false", {"A": dom},
            "eigenvalues_real_positive(A)", "is_symmetric(A)", {"A": (n, n)},
            lambda p: _imp(_eig_real_pos(p["A"]), p["A"] == p["A"].T),
            lambda p: (not _np_eig_real_pos(p["A"])) or bool(np.allclose(p["A"], p["A"].T)),
            lambda m: z3.And(L.eigenvalues_real_positive(m["A"]), z3.Not(L.is_symmetric(m["A"]))),
        ))
    out.append(Bench(
        "eigenvalues-positive-definite-2x2", "false", {"A": m2},
        "eigenvalues_real_positive(A)", "is_positive_definite(A)", {"A": (2, 2)},
        lambda p: _imp(_eig_real_pos(p["A"]), _pd(p["A"])),
        lambda p: (not _np_eig_real_pos(p["A"])) or _np_pd(p["A"]),
        lambda m: z3.And(
            L.eigenvalues_real_positive(m["A"]),
            z3.Not(z3.And(L.is_symmetric(m["A"]), L.is_positive_definite(m["A"]))),
        ),
    ))
    for n, dom in ((2, m2), (3, m3)):
        out.append(Bench(
            f"symmetric-part-rescue-{n}x{n}", "false", {"A": dom},
            "eigenvalues_real_positive(A)", "is_positive_definite((A + A.T) / 2)", {"A": (n, n)},
            lambda p: _imp(_eig_real_pos(p["A"]), _sym_part_pd(p["A"])),
            lambda p: (not _np_eig_real_pos(p["A"])) or _np_sym_part_pd(p["A"]),
            lambda m: z3.And(L.eigenvalues_real_positive(m["A"]),
                             z3.Not(L.is_positive_definite(m["A"]))),
        ))
    out.append(Bench(
        "positive-quadratic-form-real-spectrum-2x2", "false", {"A": m2},
        "is_positive_definite((A + A.T) / 2)", "eigenvalues_real(A)", {"A": (2, 2)},
        lambda p: _imp(_sym_part_pd(p["A"]), _eig_real(p["A"])),
        lambda p: (not _np_sym_part_pd(p["A"])) or _np_eig_real(p["A"]),
        lambda m: z3.And(L.is_positive_definite(m["A"]),
                         z3.Not(L.eigenvalues_real(m["A"], method="hermite"))),
    ))
    out.append(Bench(
        "matrices-commute-2x2", "false", {"A": m2, "B": m2}, None, "A @ B == B @ A",
        {"A": (2, 2), "B": (2, 2)},
        lambda p: p["A"] * p["B"] == p["B"] * p["A"],
        lambda p: bool(np.allclose(p["A"] @ p["B"], p["B"] @ p["A"])),
        lambda m: z3.Or([x != y for rx, ry in zip(L.matmul(m["A"], m["B"]),
                                                  L.matmul(m["B"], m["A"]), strict=True)
                         for x, y in zip(rx, ry, strict=True)]),
    ))
    out.append(Bench(
        "determinant-additive-2x2", "false", {"A": m2, "B": m2}, None,
        "det(A + B) == det(A) + det(B)", {"A": (2, 2), "B": (2, 2)},
        lambda p: (p["A"] + p["B"]).det() == p["A"].det() + p["B"].det(),
        lambda p: bool(np.isclose(np.linalg.det(p["A"] + p["B"]),
                                  np.linalg.det(p["A"]) + np.linalg.det(p["B"]))),
        lambda m: L.det([[a + b for a, b in zip(ra, rb, strict=True)]
                         for ra, rb in zip(m["A"], m["B"], strict=True)])
        != L.det(m["A"]) + L.det(m["B"]),
    ))
    out.append(Bench(
        "untied-attention-real-spectrum-2x2", "false", {"X": m2, "Q": m2, "K": m2}, None,
        "eigenvalues_real(X @ Q @ (X @ K).T)", {"X": (2, 2), "Q": (2, 2), "K": (2, 2)},
        lambda p: _eig_real(p["X"] * p["Q"] * (p["X"] * p["K"]).T),
        lambda p: _np_eig_real(p["X"] @ p["Q"] @ (p["X"] @ p["K"]).T),
        lambda m: z3.Not(L.eigenvalues_real(
            L.matmul(L.matmul(m["X"], m["Q"]), L.transpose(L.matmul(m["X"], m["K"]))),
            method="hermite")),
    ))
    out.append(Bench(
        "tied-attention-real-spectrum-2x2", "true", {"X": m2, "W": m2}, None,
        "eigenvalues_real(X @ W @ (X @ W).T)", {"X": (2, 2), "W": (2, 2)},
        lambda p: _eig_real(p["X"] * p["W"] * (p["X"] * p["W"]).T),
        lambda p: _np_eig_real(p["X"] @ p["W"] @ (p["X"] @ p["W"]).T),
        lambda m: z3.Not(L.eigenvalues_real(
            L.matmul(L.matmul(m["X"], m["W"]), L.transpose(L.matmul(m["X"], m["W"]))),
            method="hermite")),
    ))
    out.append(Bench(
        "positive-entries-distinct-eigenvalues-2x2", "true", {"A": m2},
        "A[0, 0] > 0 and A[0, 1] > 0 and A[1, 0] > 0 and A[1, 1] > 0",
        "(A[0, 0] - A[1, 1]) ** 2 + 4 * A[0, 1] * A[1, 0] > 0", {"A": (2, 2)},
        lambda p: _imp(all(x > 0 for x in p["A"]),
                       (p["A"][0, 0] - p["A"][1, 1]) ** 2 + 4 * p["A"][0, 1] * p["A"][1, 0] > 0),
        lambda p: (not bool(np.all(p["A"] > 0)))
        or bool(abs(np.diff(np.sort(np.linalg.eigvals(p["A"]).real))[0]) > TOL),
        lambda m: z3.And(*[x > 0 for r in m["A"] for x in r],
                         (m["A"][0][0] - m["A"][1][1]) ** 2 + 4 * m["A"][0][1] * m["A"][1][0]
                         <= 0),
    ))
    return out


def _survives(b: Bench, values: dict[str, Any]) -> bool:
    """The exact re-check: does the point really violate the claim?"""
    exact = {k: _sm(v) for k, v in values.items()}
    return b.exact(exact) is False


# ---------------------------------------------------------------- the three contenders
def run_decide(b: Bench, seed: int, timeout: float) -> tuple[str, str, str, float] | None:
    """coherence end to end: ``decide(claim(...))``; ``None`` without the claim layer."""
    try:
        from coherence.checks.claims import claim
        from coherence.checks.decide import decide
    except ImportError:
        return None
    start = time.perf_counter()
    c = claim(b.id, then=b.then, for_all=b.for_all, assuming=b.assuming)
    v = decide(c, seed=seed, timeout=timeout)
    secs = time.perf_counter() - start
    witness = v.witness_text
    if v.witness_values:
        ok = _survives(b, dict(v.witness_values))
        witness += "" if ok else "  (FAILS exact re-check!)"
    return str(v.outcome), v.method, witness, secs


def run_search(b: Bench, seed: int, timeout: float) -> tuple[str, str, str, float]:
    """The search engine alone: an exact SymPy check, the Z3 encoding, an early proof try."""
    variables = tuple(Variable(k, "real", shape=s) for k, s in b.shapes.items())

    def check(pt):
        r = b.exact({k: _sm(v) for k, v in pt.items()})
        status = {None: PointStatus.VACUOUS, True: PointStatus.HOLDS}.get(r, PointStatus.VIOLATED)
        return PointResult(status)

    def encode(v):
        return b.z3cx({
            k: [[v[f"{k}[{i}, {j}]"] for j in range(s[1])] for i in range(s[0])]
            for k, s in b.shapes.items()
        })

    start = time.perf_counter()
    problem = SearchProblem(variables, check, z3_counterexample=encode)
    out = search(problem, seed=seed, timeout=timeout, budget=Budget(z3_early=0.3))
    secs = time.perf_counter() - start
    if out.witness is not None:
        w = ", ".join(f"{k} = {format_value(v)}" for k, v in out.witness.items())
        return "refuted", out.found_by, w, secs
    if out.proof is not None:
        return "proved", out.proof, "", secs
    return "no witness", out.stop_reason, "", secs


def run_hypothesis(b: Bench, seed: int, max_examples: int) -> tuple[str, str, float]:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    from hypothesis.extra.numpy import arrays

    elements = st.floats(-100, 100, allow_nan=False, allow_infinity=False)
    strategies = {k: arrays(np.float64, s, elements=elements) for k, s in b.shapes.items()}
    last: dict[str, Any] = {}

    @settings(max_examples=max_examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck), print_blob=False)
    @given(st.fixed_dictionaries(strategies))
    def test(point: dict[str, np.ndarray]) -> None:
        with np.errstate(all="ignore"):
            ok = b.numpy(point)
        if not ok:
            last.clear()
            last.update({k: v.copy() for k, v in point.items()})
        assert ok

    start = time.perf_counter()
    try:
        test()
    except AssertionError:
        secs = time.perf_counter() - start
        exact = {k: [[Fraction(float(x)) for x in row] for row in v] for k, v in last.items()}
        text = ", ".join(f"{k} = {np.array2string(v, separator=', ')}" for k, v in last.items())
        text = " ".join(text.split())
        return text, "yes" if _survives(b, exact) else "NO (float artefact)", secs
    except Exception as exc:  # noqa: BLE001 - a benchmark reports, never stops
        return f"error: {type(exc).__name__}", "-", time.perf_counter() - start
    return f"none in {max_examples} examples", "-", time.perf_counter() - start


def run_z3(b: Bench, timeout: float) -> tuple[str, str, float]:
    start = time.perf_counter()
    mats = {
        k: [[z3.Real(f"{k}[{i}, {j}]") for j in range(s[1])] for i in range(s[0])]
        for k, s in b.shapes.items()
    }
    s = z3.Solver()
    s.set("timeout", int(timeout * 1000))
    s.add(b.z3cx(mats))
    r = s.check()
    secs = time.perf_counter() - start
    if r != z3.sat:
        return str(r) if r == z3.unsat else f"unknown ({s.reason_unknown()})", "-", secs
    m = s.model()
    values = {}
    algebraic = False
    for k, rows in mats.items():
        vals = []
        for row in rows:
            out = []
            for x in row:
                v = m.eval(x, model_completion=True)
                if z3.is_algebraic_value(v):
                    algebraic = True
                    v = v.approx(20)
                out.append(v.as_fraction())
            vals.append(out)
        values[k] = vals
    text = ", ".join(f"{k} = {format_value(tuple(map(tuple, v)))}" for k, v in values.items())
    if len(text) > 60:
        text = text[:57] + "..."
    survives = _survives(b, values)
    tag = "yes" if survives else ("NO (algebraic model, approximated)" if algebraic else "NO")
    return text, tag, secs


# ---------------------------------------------------------------- tables
def _table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join([fmt.format(*header), line, *(fmt.format(*map(str, r)) for r in rows)])


def examples_table(seed: int, timeout: float) -> str:
    """Every docs/examples claim: verdict, expectation, method, time (one file at a time,
    a file that crashes the runner is reported and skipped)."""
    try:
        from coherence.checks.run import check_paths
    except ImportError:
        return "docs/examples: skipped (coherence.checks.run.check_paths is not there yet)"
    paths = sorted(glob.glob(os.path.join(ROOT, "docs", "examples", "*.claims.toml")))
    if not paths:
        return "docs/examples: no claim files"
    rows = []
    total_start = time.perf_counter()
    for path in paths:
        name = os.path.basename(path).removesuffix(".claims.toml")
        file_start = time.perf_counter()
        try:
            result = check_paths([path], seed=seed, timeout=timeout)
        except Exception as exc:  # noqa: BLE001 - a benchmark reports, never stops
            rows.append([name, "CRASH", "", "", f"{type(exc).__name__}: {exc}"[:60],
                         f"{time.perf_counter() - file_start:.2f}"])
            continue
        for v in result.verdicts:
            rows.append([
                f"{name}:{v.id}",
                str(v.outcome),
                v.expect or "",
                "ok" if v.matches() else "MISMATCH",
                (v.method or "")[:60],
                f"{v.seconds:.2f}",
            ])
        print(f"  {name}: {len(result.verdicts)} claims in "
              f"{time.perf_counter() - file_start:.1f} s", file=sys.stderr, flush=True)
    total = time.perf_counter() - total_start
    head = ["claim", "verdict", "expect", "", "method", "s"]
    return _table(rows, head) + f"\n{len(rows)} claims in {total:.1f} s"


def comparison_table(seed: int, timeout: float, examples: int) -> str:
    rows, found = [], []
    for b in _benches():
        d = run_decide(b, seed, timeout)
        verdict, method, witness, s_secs = run_search(b, seed, timeout)
        h_text, h_ok, h_secs = run_hypothesis(b, seed, examples)
        z_text, z_ok, z_secs = run_z3(b, timeout)
        d_cells = [d[0], f"{d[3]:.2f}"] if d else ["-", "-"]
        rows.append([b.id, b.truth, *d_cells, verdict, f"{s_secs:.2f}", method[:36],
                     f"{h_secs:.2f}", h_ok, f"{z_secs:.2f}", z_ok])
        found.append([b.id, (d[2] if d else witness) or "-", h_text[:60], z_text])
    head = ["claim", "truth", "decide", "s", "search", "s", "found by / proof",
            "hyp s", "hyp cx survives", "z3 s", "z3 cx survives"]
    head2 = ["claim", "coherence witness (exact)", "plain Hypothesis (floats)", "plain Z3 model"]
    return _table(rows, head) + "\n\n" + _table(found, head2)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--examples", type=int, default=2000, help="Hypothesis max_examples")
    ap.add_argument("--skip-examples", action="store_true", help="skip docs/examples")
    args = ap.parse_args(argv)
    if not args.skip_examples:
        print("== docs/examples via check_paths ==")
        print(examples_table(args.seed, args.timeout))
        print()
    print("== false (and two true) linear-algebra claims: coherence vs plain Hypothesis vs plain Z3 ==")
    print(comparison_table(args.seed, args.timeout, args.examples))
    return 0


if __name__ == "__main__":
    sys.exit(main())
