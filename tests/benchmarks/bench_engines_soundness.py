"""Benchmark (issue 13): the engine soundness families at full size, with case counts.

Run on demand (not collected by pytest)::

    python tests/benchmarks/bench_engines_soundness.py              # 2 000 structures
    python tests/benchmarks/bench_engines_soundness.py --structures 200 --per 1

Runs the same code as ``tests/soundness/test_engines_differential.py`` and
``test_engines_perturbation.py`` (which run a small fixed-seed share in CI):

* differential: ``--structures`` random small structures (dims 1–4; ℚ, ℚ(ζ₃), ℚ(ζ₄);
  coefficients up to 2⁶⁴ and big-denominator rationals), each law judged by the naive
  kernel and by the exhaustive engine, the random engine with three seeds, the numeric
  engine, and (over ℚ, dim ≤ 2) the parametric engine on a family evaluated at q = 2;
* perturbation: ``--per`` random one-constant perturbations of every catalogue
  structure (group:S5 and taft:5 included), every broken law refuted by the exhaustive
  and random engines.

Prints how many engine verdicts were compared, how many laws broke, how many random /
numeric "evidence on a failing law" misses occurred (allowed only with the stated
probability; numeric misses are float tolerance), and every disagreement (exit 1 if any).
CPU seconds of this process are reported (wall-clock is noise on a shared machine).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "soundness"))

from engines_compare import Tally, compare  # noqa: E402
from engines_naive import generate  # noqa: E402
from test_engines_perturbation import check_perturbation, perturbation_cases  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--structures", type=int, default=2000)
    ap.add_argument("--per", type=int, default=3, help="perturbations per catalogue structure")
    ap.add_argument("--seed", type=int, default=20261203)
    args = ap.parse_args()
    from coherence.algebra import catalogue

    t0 = time.process_time()
    total = Tally()
    cases = generate(random.Random(args.seed), args.structures)
    for k, (label, N) in enumerate(cases):
        total.add(compare(label, N, seeds=(0, 1, 2), numeric=True,
                          parametric=N.n <= 2 and N.order == 1))
        if (k + 1) % 250 == 0:
            print(f"  … {k + 1} structures, {time.process_time() - t0:.0f} s CPU", flush=True)
    orders = {o: sum(1 for _, N in cases if N.order == o) for o in (1, 3, 4)}
    dims = {d: sum(1 for _, N in cases if N.n == d) for d in (1, 2, 3, 4)}
    print(f"differential: {len(cases)} structures (by field order {orders}, by dim {dims})")
    print(f"  engine verdicts compared: {dict(total.checks)}")
    print(f"  evidence on a failing law (misses): {dict(total.misses)}")
    print(f"  disagreements: {len(total.disagreements)}")
    t1 = time.process_time()
    print(f"  {t1 - t0:.0f} s CPU")

    names = list(catalogue.names())
    pcases = perturbation_cases(names, args.per, seed=args.seed)
    broken = 0
    problems: list[str] = []
    for label, _base, G in pcases:
        b, p = check_perturbation(label, G, seeds=(0, 1))
        broken += b
        problems += p
    print(f"perturbation: {len(pcases)} perturbed structures from {len(names)} catalogue "
          f"entries, {broken} broken laws, each checked by exhaustive + random (2 seeds)")
    print(f"  disagreements: {len(problems)}")
    print(f"  {time.process_time() - t1:.0f} s CPU")
    for line in total.disagreements + problems:
        print("DISAGREEMENT", line)
    return 1 if total.disagreements or problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
