"""Benchmark (issue 19, goals 2, 3, 4, 7): law checks against the work their formulas need.

Run on demand (not collected by pytest)::

    python tests/benchmarks/bench_limits.py            # every row, a few minutes
    python tests/benchmarks/bench_limits.py --quick    # the small rows only

Each row runs in its own interpreter (so ``peak MB`` is that row's resident peak) and
reports CPU seconds, the minimum of 3 runs (wall-clock is noise on a shared machine):

* ``ours`` — exhaustive rows: ``check_laws(H, only=AXIOMS, facts=False)`` warm (the
  structure's prepared maps cached, as an expert's loop caches its tables) and cold;
  random rows: ``check_laws_random`` at error ≤ 1e-12, with the build of the arrays
  reported separately and included in the scaling exponent;
* ``bound`` — the entries the formulas must produce: for an exhaustive law, the terms
  of both sides on every basis tuple (counted by the streamed kernel); for the random
  method, the multiply-adds of the products and coproducts it evaluates (nnz of the
  maps touched, times trials). ``bound s`` is that count at the speed of one NumPy
  multiply-add pass measured on this machine at the start of the row, and
  ``ratio = ours / bound s``;
* goals 3 and 7 (graded laws through a degree, Ω^Ω on a chain) print their CPU time
  only: no bound is computed for them yet;
* ``anchor`` — the expert Sage loop when passagemath is installed in a separate
  interpreter (``--sage-python``; never a dependency of coherence), else "—".
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
FOUR = ["associativity", "coassociativity", "antipode-left", "antipode-right"]


def cpu_min(fn: Any, runs: int = 3) -> tuple[float, Any]:
    best, out = math.inf, None
    for _ in range(runs):
        t0 = time.process_time()
        out = fn()
        best = min(best, time.process_time() - t0)
    return best, out


def madd_seconds() -> float:
    """CPU seconds per element of one NumPy multiply-add pass (int64, 4 M elements)."""
    a = np.arange(1 << 22, dtype=np.int64)
    b, c = a[::-1].copy(), a.copy()
    t, _ = cpu_min(lambda: a * b + c, 5)
    return t / len(a)


def exhaustive_terms(H: Any) -> int:
    """Terms of both sides of the 12 axioms on every basis tuple (the kernel's own count)."""
    from coherence.algebra.sparse_kernel import BLOCK, _block_terms, _expansion
    from coherence.checks.laws import AXIOMS, LAWS, _context

    c = _context(H)
    n = H.dim
    total = 0
    for law in LAWS:
        if law.id not in AXIOMS or law.lhs is None or (law.needs_antipode and c.S is None):
            continue
        s, _ = law.shape
        for spec in (law.lhs, law.rhs):
            prog = c.program(spec)
            per = max(1, BLOCK // _expansion(prog))
            L = 0
            while L < s and n ** (s - L) > per:
                L += 1
            rest = n ** (s - L)
            k = max(1, per // rest)
            for p0 in range(0, n**L, k):
                T = _block_terms(prog, n, s, p0, min(k, n**L - p0), L)
                total += len(T.sel) if T.sel is not None else int(np.prod(T.grid))
    return total


def row_exhaustive(name: str) -> dict[str, Any]:
    from coherence.algebra import catalogue
    from coherence.algebra.hopf import compute_antipode
    from coherence.checks.laws import AXIOMS, check_laws

    unit = madd_seconds()
    t0 = time.process_time()
    H = catalogue.get(name)
    build = time.process_time() - t0
    t0 = time.process_time()
    verdicts = check_laws(H, only=AXIOMS, facts=False)
    cold = time.process_time() - t0
    assert all(v.outcome.value == "proved" for v in verdicts), verdicts
    warm, _ = cpu_min(lambda: check_laws(H, only=AXIOMS, facts=False))
    anti, _ = cpu_min(lambda: compute_antipode(H), 3 if H.dim <= 200 else 1)
    bound = exhaustive_terms(H)
    return {"row": f"{name}: 12 axioms (exhaustive)", "dim": H.dim, "build": build,
            "cold": cold, "ours": warm, "antipode": anti, "bound": bound,
            "bound_s": bound * unit}


def row_other(spec: str) -> dict[str, Any]:
    """Goals 3 and 7: a graded check through a degree, or Ω^Ω on a chain (no bound)."""
    if spec.startswith("omega^omega:chain"):
        from coherence.algebra.categories import chain
        from coherence.algebra.topos import exponential, omega

        C = chain(int(spec.rsplit("(", 1)[1].rstrip(")")))
        O = omega(C)
        ours, E = cpu_min(lambda: exponential(O, O))
        return {"row": f"{spec} (exponential + evaluation map)", "dim": len(E.object.sets[-1]),
                "build": 0.0, "cold": None, "ours": ours, "antipode": None, "bound": None,
                "bound_s": None}
    from coherence.algebra.graded_examples import get
    from coherence.checks.graded_laws import check_graded_laws

    name, deg = spec.rsplit("@", 1)
    laws = ["coassociativity", "antipode-left", "antipode-right"]
    t0 = time.process_time()  # first run in the process: every cache cold
    verdicts = check_graded_laws(get(name), int(deg), only=laws)
    ours = time.process_time() - t0
    assert all(v.outcome.value == "proved" for v in verdicts), verdicts
    return {"row": f"{name} through degree {deg}: coassociativity + both antipode laws (cold)",
            "dim": None, "build": 0.0, "cold": ours, "ours": ours, "antipode": None,
            "bound": None, "bound_s": None}


def _structure(spec: str) -> Any:
    from coherence.algebra import catalogue
    from coherence.algebra.modular import SparseStructure, group_structure, tensor_structure

    if spec.startswith("H4^"):
        base = SparseStructure.from_bialgebra(catalogue.get("sweedler"))
        out = base
        for _ in range(int(spec[3:]) - 1):
            out = tensor_structure(out, base)
        return out
    a, b = spec.split("x")
    return tensor_structure(group_structure(a), group_structure(b))


def row_random(spec: str, laws: str) -> dict[str, Any]:
    from coherence.checks.random_laws import check_laws_random

    unit = madd_seconds()
    t0 = time.process_time()
    A = _structure(spec)
    build = time.process_time() - t0
    only = FOUR if laws == "four" else None
    runs = 3 if A.dim <= 5000 else 1
    ours, verdicts = cpu_min(lambda: check_laws_random(A, only=only, facts=False,
                                                       confidence=1e-12, seed=0), runs)
    assert all(v.outcome.value in ("evidence", "proved") for v in verdicts), verdicts
    trials = max(v.samples or 1 for v in verdicts)
    m = A.dim**2 if A.table is not None else A.m.nnz
    d, s = A.delta.nnz, A.S.nnz if A.S is not None else 0
    per_trial = 4 * m + 6 * d + 2 * (2 * d + s + m if A.table is None else 3 * d + s)
    if only is None:
        per_trial += 4 * m + 4 * d  # Δ-multiplicative, ε-multiplicative, units, counits
    bound = trials * per_trial
    return {"row": f"{spec}: {'4 laws' if only else '12 axioms'} (random, ≤ 1e-12)",
            "dim": A.dim, "build": build, "cold": None, "ours": ours, "antipode": None,
            "bound": bound, "bound_s": bound * unit}


ROWS = [
    ("exhaustive", "group:S4"), ("exhaustive", "group:S5"), ("exhaustive", "functions:S4"),
    ("exhaustive", "tensor(sweedler, group:S4)"), ("exhaustive", "group:S6"),
    ("random", "H4^4", "four"), ("random", "H4^5", "four"), ("random", "H4^6", "four"),
    ("random", "H4^7", "four"), ("random", "S6xC2", "all"), ("random", "S7xC2", "all"),
    ("other", "omega^omega:chain(6)"), ("other", "nsym:R@7"), ("other", "nsym:R@9"),
    ("other", "nsym@9"), ("other", "fqsym@6"),
]
QUICK = {"group:S4", "group:S5", "functions:S4", "tensor(sweedler, group:S4)", "H4^4", "H4^5",
         "omega^omega:chain(6)", "nsym:R@7"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--row", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.row:
        kind, *rest = args.row
        out = (row_exhaustive(rest[0]) if kind == "exhaustive" else row_other(rest[0])
               if kind == "other" else row_random(*rest))
        out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(out))
        return
    print(f"python {sys.version.split()[0]}; CPU seconds, min of 3 (1 for the largest rows)")
    print("| check | dim | build | ours (warm) | cold | antipode | bound (entries) | bound s "
          "| ratio | peak MB | anchor |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    series: list[tuple[int, float]] = []
    for r in ROWS:
        if args.quick and r[1] not in QUICK:
            continue
        proc = subprocess.run([sys.executable, __file__, "--row", *r], capture_output=True,
                              text=True, timeout=3600)
        if proc.returncode != 0:
            print(f"| {r[1]} | failed: {proc.stderr.strip().splitlines()[-1]} |")
            continue
        d = json.loads(proc.stdout.strip().splitlines()[-1])
        if r[1].startswith("H4^"):
            series.append((d["dim"], d["build"] + d["ours"]))

        def f(x: Any, nd: int = 3) -> str:
            return "—" if x is None else f"{x:.{nd}f}"
        bound = "—" if d["bound"] is None else f"{d['bound']:,}"
        ratio = "—" if d["bound_s"] is None else f"{d['ours'] / d['bound_s']:.0f}×"
        print(f"| {d['row']} | {d['dim'] or '—'} | {f(d['build'], 2)} | {f(d['ours'])} | "
              f"{f(d['cold'])} | {f(d['antipode'])} | {bound} | {f(d['bound_s'], 4)} | "
              f"{ratio} | {d['peak_mb']:.0f} | — |", flush=True)
    if len(series) >= 2:
        x = np.log([a for a, _ in series])
        y = np.log([b for _, b in series])
        print(f"\nH4^⊗k, random method, build included: t ∝ dim^{np.polyfit(x, y, 1)[0]:.2f}")


if __name__ == "__main__":
    main()
