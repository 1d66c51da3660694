"""Benchmark: coassociativity + both antipode identities through degree n, side by side.

For each algebra and n = 3…8: the dimension of degree n, and the time to check
``(Δ⊗id)Δ = (id⊗Δ)Δ``, ``m(S⊗id)Δ = uε`` and ``m(id⊗S)Δ = uε`` on every basis element of
degree ≤ n — with coherence (``check_graded_laws``, fresh caches per n) and, in the same
run, the same loop written with passagemath (QSym, NSym, FQSym, Sym) or kauri
(Connes–Kreimer; kauri's coproduct takes trees, so its loop runs over trees, ours over
all forests). Each external (algebra, n) runs in its own process with a time cap; after
the first time-out that tool stops climbing for that algebra.

Run on demand (not collected by pytest)::

    python -m venv /tmp/graded-bench
    /tmp/graded-bench/bin/pip install passagemath-combinat passagemath-modules \\
        passagemath-graphs kauri
    python tests/benchmarks/bench_graded.py --bench-python /tmp/graded-bench/bin/python

Measured, never asserted. Without the benchmark interpreter only coherence is timed.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import subprocess
import sys
import time

from coherence.algebra.graded_examples import get
from coherence.checks.graded_laws import check_graded_laws

LAWS = ["coassociativity", "antipode-left", "antipode-right"]

# coherence name -> (tool, external spec)
EXTERNAL = {
    "qsym": ("passagemath", "QuasiSymmetricFunctions(QQ).M()|Compositions"),
    "qsym:F": ("passagemath", "QuasiSymmetricFunctions(QQ).F()|Compositions"),
    "nsym": ("passagemath", "NonCommutativeSymmetricFunctions(QQ).S()|Compositions"),
    "nsym:R": ("passagemath", "NonCommutativeSymmetricFunctions(QQ).R()|Compositions"),
    "fqsym": ("passagemath", "FreeQuasisymmetricFunctions(QQ).F()|Permutations"),
    "sym:p": ("passagemath", "SymmetricFunctions(QQ).p()|Partitions"),
    "sym:h": ("passagemath", "SymmetricFunctions(QQ).h()|Partitions"),
    "ck": ("kauri", ""),
    "shuffle:ab": (None, ""),
    "tensor:ab": (None, ""),
    "sym:m": (None, ""),  # passagemath's m-basis coproduct needs lrcalc (not installable here)
}

SAGE_LOOP = r'''
import sys, time
from sage.all__sagemath_combinat import *
spec, n = sys.argv[1], int(sys.argv[2])
basis_text, index_text = spec.split("|")
# the basis and index set are fixed names from this script, never user input
B = {"QuasiSymmetricFunctions(QQ).M()": lambda: QuasiSymmetricFunctions(QQ).M(),
     "QuasiSymmetricFunctions(QQ).F()": lambda: QuasiSymmetricFunctions(QQ).F(),
     "NonCommutativeSymmetricFunctions(QQ).S()": lambda: NonCommutativeSymmetricFunctions(QQ).S(),
     "NonCommutativeSymmetricFunctions(QQ).R()": lambda: NonCommutativeSymmetricFunctions(QQ).R(),
     "FreeQuasisymmetricFunctions(QQ).F()": lambda: FreeQuasisymmetricFunctions(QQ).F(),
     "SymmetricFunctions(QQ).p()": lambda: SymmetricFunctions(QQ).p(),
     "SymmetricFunctions(QQ).h()": lambda: SymmetricFunctions(QQ).h()}[basis_text]()
index = {"Compositions": Compositions, "Permutations": Permutations,
         "Partitions": Partitions}[index_text]
one = B.one()
t0 = time.perf_counter()
ok = True
for k in range(n + 1):
    for key in index(k):
        x = B.monomial(key)
        D = x.coproduct().monomial_coefficients()
        left, right = {}, {}
        for (a, b), c in D.items():
            for (a1, a2), c1 in B.monomial(a).coproduct().monomial_coefficients().items():
                left[(a1, a2, b)] = left.get((a1, a2, b), 0) + c * c1
            for (b1, b2), c2 in B.monomial(b).coproduct().monomial_coefficients().items():
                right[(a, b1, b2)] = right.get((a, b1, b2), 0) + c * c2
        left = {t: v for t, v in left.items() if v}
        right = {t: v for t, v in right.items() if v}
        ok = ok and left == right
        eps = x.counit()
        sl = B.sum(c * B.monomial(a).antipode() * B.monomial(b) for (a, b), c in D.items())
        sr = B.sum(c * B.monomial(a) * B.monomial(b).antipode() for (a, b), c in D.items())
        ok = ok and sl == eps * one and sr == eps * one
print(time.perf_counter() - t0, ok)
'''

KAURI_LOOP = r'''
import sys, time
import kauri as kr
from kauri import bck
n = int(sys.argv[2])
EMPTY = kr.EMPTY_FOREST
def delta_forest(f):
    out = kr.TensorProductSum(((1, EMPTY, EMPTY),))
    for t in f:
        out = out * bck.coproduct(t)
    return out.simplify()
t0 = time.perf_counter()
ok = True
for k in range(1, n + 1):
    for t in kr.trees_of_order(k):
        D = bck.coproduct(t)
        left, right = {}, {}
        for c, f1, f2 in D:
            for c1, g1, g2 in delta_forest(f1):
                key = (g1, g2, f2)
                left[key] = left.get(key, 0) + c * c1
            for c2, g1, g2 in delta_forest(f2):
                key = (f1, g1, g2)
                right[key] = right.get(key, 0) + c * c2
        left = {x: v for x, v in left.items() if v}
        right = {x: v for x, v in right.items() if v}
        ok = ok and left == right
        sl = sum((c * bck.antipode(f1) * f2 for c, f1, f2 in D), kr.ZERO_FOREST_SUM).simplify()
        sr = sum((c * f1 * bck.antipode(f2) for c, f1, f2 in D), kr.ZERO_FOREST_SUM).simplify()
        ok = ok and sl == kr.ZERO_FOREST_SUM and sr == kr.ZERO_FOREST_SUM
print(time.perf_counter() - t0, ok)
'''


def time_coherence(name: str, n: int, cap: float) -> tuple[float, bool, bool]:
    """Seconds, whether every law was proved, whether the cap stopped a law."""
    H = dataclasses.replace(get(name), _cache={})
    t0 = time.perf_counter()
    verdicts = check_graded_laws(H, n, only=LAWS, timeout=cap)
    dt = time.perf_counter() - t0
    capped = any(v.outcome.value == "unknown" for v in verdicts) or dt > cap
    return dt, all(v.outcome.value == "proved" for v in verdicts), capped


def time_external(python: str, tool: str, spec: str, n: int, cap: float) -> tuple[float | None, str]:
    code = SAGE_LOOP if tool == "passagemath" else KAURI_LOOP
    try:
        out = subprocess.run([python, "-c", code, spec or "-", str(n)], capture_output=True,
                             text=True, timeout=cap + 60, env={**os.environ})
    except subprocess.TimeoutExpired:
        return None, f"> {cap:g} s"
    if out.returncode != 0:
        return None, "error: " + (out.stderr.strip().splitlines() or ["?"])[-1][:60]
    seconds, ok = out.stdout.split()[:2]
    dt = float(seconds)
    if dt > cap:
        return None, f"> {cap:g} s"
    return dt, "" if ok == "True" else "laws FAILED"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-python", default="/tmp/graded-bench/bin/python")
    parser.add_argument("--algebras", default=",".join(EXTERNAL))
    parser.add_argument("--min-degree", type=int, default=3)
    parser.add_argument("--max-degree", type=int, default=8)
    parser.add_argument("--cap", type=float, default=60.0, help="seconds per (algebra, n)")
    args = parser.parse_args(argv)
    have_external = os.path.exists(args.bench_python)
    print("| algebra | n | dim H_n | coherence (s) | external | external (s) | speed-up |")
    print("|---|---|---|---|---|---|---|")
    for name in args.algebras.split(","):
        tool, spec = EXTERNAL.get(name, (None, ""))
        ours_done = theirs_done = False
        for n in range(args.min_degree, args.max_degree + 1):
            dim = get(name).dimension(n)
            ours = "—"
            dt_ours = None
            if not ours_done:
                dt_ours, ok, capped = time_coherence(name, n, args.cap)
                ours = f"{dt_ours:.3f}" + ("" if ok else " (laws FAILED)")
                if capped:
                    ours, dt_ours, ours_done = f"> {args.cap:g} s", None, True
            theirs, ratio = "—", ""
            if tool and have_external and not theirs_done:
                dt, note = time_external(args.bench_python, tool, spec, n, args.cap)
                if dt is None:
                    theirs, theirs_done = note, True
                else:
                    theirs = f"{dt:.3f}" + (f" ({note})" if note else "")
                    if dt_ours:
                        ratio = f"{dt / dt_ours:.0f}×"
            elif tool and theirs_done:
                theirs = "(stopped)"
            print(f"| {name} | {n} | {dim} | {ours} | {tool or '—'} | {theirs} | {ratio} |",
                  flush=True)
            if ours_done and (theirs_done or not tool or not have_external):
                break
    return 0


if __name__ == "__main__":
    sys.exit(main())
