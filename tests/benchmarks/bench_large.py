"""Benchmark (issue 10): exhaustive vs randomized law checks on large structures.

Run on demand (not collected by pytest)::

    python tests/benchmarks/bench_large.py            # full table, ~1–2 minutes
    python tests/benchmarks/bench_large.py --quick    # up to S6 / dim 1024

For group algebras ℚ[S₃] … ℚ[S₇] (dim 6 … 5040), powers of Sweedler's algebra
H₄^{⊗k} (dim 4ᵏ, sparse), and tensor products up to dimension ~10⁴, it times
associativity, coassociativity and both antipode identities

* exhaustively (``coherence.checks.laws.check_laws``: every basis tuple, exact) where
  dim³ stays below ~2·10⁷ basis triples, and
* by the random method mod p = 2³¹ − 1 (``check_laws_random``) at error ≤ 1e-12,

then fits the growth exponent t ∝ dimᵃ of each series by least squares on log–log
scale, and times ``group:S7`` with every Hopf axiom at error ≤ 1e-12 (target < 10 s).
Times are CPU seconds of this process (wall-clock is noise on a shared machine).
"""

from __future__ import annotations

import argparse
import math
import time
from typing import Any

import numpy as np
from coherence.algebra import catalogue
from coherence.algebra.modular import SparseStructure, group_structure, tensor_structure
from coherence.checks.laws import AXIOMS, check_laws
from coherence.checks.random_laws import check_laws_random

FOUR = ["associativity", "coassociativity", "antipode-left", "antipode-right"]
EXHAUSTIVE_LIMIT = 2 * 10**7  # dim³ basis triples


def cpu(fn: Any) -> tuple[float, Any]:
    t0 = time.process_time()
    out = fn()
    return time.process_time() - t0, out


def fit(points: list[tuple[int, float]]) -> float | None:
    pts = [(d, t) for d, t in points if t > 1e-3 and d >= 64]  # past the fixed overheads
    if len(pts) < 2:
        return None
    x = np.log([d for d, _ in pts])
    y = np.log([t for _, t in pts])
    return float(np.polyfit(x, y, 1)[0])


def sweedler_power(k: int) -> SparseStructure:
    base = SparseStructure.from_bialgebra(catalogue.get("sweedler"))
    out = base
    for _ in range(k - 1):
        out = tensor_structure(out, base)
    return out


def row(name: str, build: Any, exhaustive_name: str | None) -> dict[str, Any]:
    t_build, A = cpu(build)
    t_rand, verdicts = cpu(lambda: check_laws_random(A, only=FOUR, confidence=1e-12, seed=0))
    assert all(v.outcome.value in ("evidence", "proved") for v in verdicts), verdicts
    out = {"name": name, "dim": A.dim, "build": t_build, "random": t_rand, "exhaustive": None,
           "bound": max(float(v.tolerance.split("≤ ")[1]) for v in verdicts if v.tolerance)}
    if exhaustive_name is not None and A.dim**3 <= EXHAUSTIVE_LIMIT:
        t_get, H = cpu(lambda: catalogue.get(exhaustive_name))
        t_ex, ex = cpu(lambda: check_laws(H, only=FOUR))
        assert all(v.outcome.value == "proved" for v in ex)
        out["exhaustive"] = t_ex
        out["exhaustive_build"] = t_get
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    top = 6 if args.quick else 7
    series: dict[str, list[dict[str, Any]]] = {"group:SN": [], "H4^⊗k": [], "tensor": []}
    for n in range(3, top + 1):
        series["group:SN"].append(row(f"group:S{n}", lambda n=n: group_structure(f"S{n}"),
                                      f"group:S{n}"))
    for k in range(1, (6 if args.quick else 7) + 1 - (1 if args.quick else 0)):
        name = "sweedler" if k == 1 else f"sweedler^⊗{k}"
        ex = "sweedler" if k == 1 else ("tensor(sweedler, sweedler)" if k == 2 else None)
        if k in (3, 4):
            ex = "tensor(" * (k - 1) + "sweedler" + ", sweedler)" * (k - 1)
        series["H4^⊗k"].append(row(name, lambda k=k: sweedler_power(k), ex))
    pairs = [("S4", "S3"), ("S5", "S4"), ("S6", "C5")] + (
        [] if args.quick else [("S6", "C13"), ("S7", "C2")])
    for a, b in pairs:
        series["tensor"].append(row(f"tensor(group:{a}, group:{b})",
                                    lambda a=a, b=b: tensor_structure(group_structure(a),
                                                                      group_structure(b)),
                                    None))

    print("| structure | dim | build (s) | exhaustive 4 laws (s) | random 4 laws (s) | "
          "error bound |")
    print("|---|---:|---:|---:|---:|---:|")
    for rows in series.values():
        for r in rows:
            ex = "—" if r["exhaustive"] is None else f"{r['exhaustive']:.3f}"
            print(f"| {r['name']} | {r['dim']} | {r['build']:.3f} | {ex} | {r['random']:.3f} | "
                  f"{r['bound']:.1e} |")
    print()
    print("| series | exponent a (random, t ∝ dimᵃ) | exponent a (exhaustive) |")
    print("|---|---:|---:|")
    for key, rows in series.items():
        ra = fit([(r["dim"], r["random"]) for r in rows])
        ea = fit([(r["dim"], r["exhaustive"]) for r in rows if r["exhaustive"] is not None])
        fmt = (lambda a: "—" if a is None else f"{a:.2f}")  # noqa: E731
        print(f"| {key} | {fmt(ra)} | {fmt(ea)} |")

    wall = time.perf_counter()
    t_build, A = cpu(lambda: group_structure(f"S{top}"))
    t_all, verdicts = cpu(lambda: check_laws_random(A, facts=False, confidence=1e-12, seed=0))
    wall = time.perf_counter() - wall
    worst = max(float(v.tolerance.split("≤ ")[1]) for v in verdicts if v.tolerance)
    ok = all(v.outcome.value in ("evidence", "proved") for v in verdicts)
    print()
    print(f"group:S{top}: all {len(AXIOMS)} Hopf axioms by the random method, error ≤ "
          f"{worst:.1e} per law (≤ {min(1.0, worst * len(AXIOMS)):.1e} for all together): "
          f"build {t_build:.2f} s + check {t_all:.2f} s = {t_build + t_all:.2f} s CPU, "
          f"{wall:.2f} s wall "
          f"({'all hold' if ok else 'FAILED'}; target < 10 s)")
    if not math.isfinite(t_all):  # pragma: no cover
        raise SystemExit(1)


if __name__ == "__main__":
    main()
