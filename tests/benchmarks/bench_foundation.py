"""Benchmark (issue 4): the full law suite plus the antipode, coherence vs a passagemath loop.

Run on demand (not collected by pytest)::

    python tests/benchmarks/bench_foundation.py
    python tests/benchmarks/bench_foundation.py --sage-python /tmp/h7-bench/bin/python

For ``group:S5`` (dim 120), ``taft:5`` (25) and ``tensor(sweedler, group:S4)`` (96) it
times ``check_laws(H)`` (every Hopf axiom and derived fact, exact, on every basis tuple)
plus ``compute_antipode(H)`` (S solved from S ⋆ id = u∘ε = id ⋆ S), cold (first run in
the process) and warm (median of 3). In the same run it times the same per-basis-tuple
loop over the twelve Hopf axioms written with passagemath (``SymmetricGroupAlgebra``,
which carries product, coproduct, counit and antipode) in a separate interpreter —
passagemath lives in its own venv (``pip install passagemath-combinat
passagemath-modules`` there), never in coherence's dependencies. passagemath-combinat
has no Taft or Sweedler algebra, so those rows have no comparison. Times are CPU seconds
(wall-clock is noise on a shared machine). Targets: group:S5 under 2 s, ≥ 10× faster
than the passagemath loop.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

SAGE_LOOP = r'''
import json, sys, time
from sage.all__sagemath_combinat import QQ, SymmetricGroupAlgebra, tensor
n = int(sys.argv[1])
t0 = time.process_time()
A = SymmetricGroupAlgebra(QQ, n)
B = [A(b) for b in A.basis()]
one = A.one()
failures = {}
def law(name, ok):
    if not ok:
        failures[name] = failures.get(name, 0) + 1
def apply_left(T, f):    # (f⊗id) on an element of A⊗A given by its monomials
    return sum((c * tensor([f(A(x)), A(y)]) for (x, y), c in T.monomial_coefficients().items()),
               tensor([A.zero(), A.zero()]).parent().zero())
for a in B:
    for b in B:
        ab = a * b
        for c in B:
            law("associativity", ab * c == a * (b * c))
        law("delta-multiplicative", ab.coproduct() == a.coproduct() * b.coproduct())
        law("eps-multiplicative", ab.counit() == a.counit() * b.counit())
for b in B:
    law("left-unit", one * b == b)
    law("right-unit", b * one == b)
    D = b.coproduct()
    terms = D.monomial_coefficients().items()
    lhs = sum(c * tensor([A(x).coproduct(), A(y)]) for (x, y), c in terms)
    rhs = sum(c * tensor([A(x), A(y).coproduct()]) for (x, y), c in terms)
    law("coassociativity", lhs == rhs)
    law("left-counit", sum(c * A(x).counit() * A(y) for (x, y), c in terms) == b)
    law("right-counit", sum(c * A(y).counit() * A(x) for (x, y), c in terms) == b)
    law("antipode-left", sum(c * A(x).antipode() * A(y) for (x, y), c in terms) == b.counit() * one)
    law("antipode-right", sum(c * A(x) * A(y).antipode() for (x, y), c in terms) == b.counit() * one)
law("delta-unit", one.coproduct() == tensor([one, one]))
law("eps-unit", one.counit() == 1)
print(json.dumps({"seconds": time.process_time() - t0, "dim": len(B), "failures": failures}))
'''

NAMES = ["group:S5", "taft:5", "tensor(sweedler, group:S4)"]


def coherence_times(name: str) -> dict[str, float]:
    from coherence.algebra import catalogue
    from coherence.algebra.hopf import compute_antipode
    from coherence.checks.laws import AXIOMS, check_laws

    t0 = time.process_time()
    H = catalogue.get(name)
    build = time.process_time() - t0
    runs = []
    for _ in range(4):
        t0 = time.process_time()
        verdicts = check_laws(H)
        compute_antipode(H)
        runs.append(time.process_time() - t0)
        assert all(v.outcome.value == "proved" for v in verdicts if v.id in AXIOMS)
    return {"dim": H.dim, "build": build, "cold": runs[0], "warm": statistics.median(runs[1:])}


def sage_time(python: str, n: int) -> dict[str, object] | str:
    if not Path(python).exists():
        return f"no passagemath interpreter at {python}"
    proc = subprocess.run([python, "-c", SAGE_LOOP, str(n)], capture_output=True, text=True,
                          timeout=3600)
    if proc.returncode != 0:
        return "passagemath failed: " + proc.stderr.strip().splitlines()[-1]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sage-python", default=os.environ.get(
        "COHERENCE_SAGE_PYTHON", "/tmp/h7-bench/bin/python"))
    parser.add_argument("--no-sage", action="store_true")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}; CPU seconds")
    print("| structure | dim | build (s) | laws + antipode, cold (s) | warm (s) | "
          "passagemath loop (s) | speed-up (warm) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in NAMES:
        r = coherence_times(name)
        sage = "not supported by passagemath-combinat"
        speed = "—"
        if name == "group:S5" and not args.no_sage:
            s = sage_time(args.sage_python, 5)
            if isinstance(s, dict):
                bad = s["failures"]
                sage = f"{s['seconds']:.1f}" + (f" (failures: {bad})" if bad else "")
                speed = f"{s['seconds'] / r['warm']:.0f}× ({s['seconds'] / r['cold']:.0f}× cold)"
            else:
                sage = s
        print(f"| {name} | {r['dim']} | {r['build']:.2f} | {r['cold']:.2f} | {r['warm']:.2f} | "
              f"{sage} | {speed} |")


if __name__ == "__main__":
    main()
