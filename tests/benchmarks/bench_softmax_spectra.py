"""Benchmark: spectra of softmax (attention) matrices, 2×2 to 4×4, true and false claims.

Run on demand (not collected by pytest)::

    python tests/benchmarks/bench_softmax_spectra.py [--timeout 20] [--seed 0] [--repeat 1]

Decides every claim of ``docs/examples/softmax-spectra.claims.toml`` (≥ 8 claims about
eigenvalues of ``softmax(S)`` for 2×2, 3×3 and 4×4 score matrices: proved by the named
lemmas of ``checks/softmax_lemmas.py``, refuted at exact witnesses whose spectra are
certified by root boxes (``checks/spectra.py``, exp kept symbolic), evidence where no
lemma applies) and prints, per claim, its verdict, whether it matches ``expect``, the
size of the score matrix, the wall-clock seconds (best of ``--repeat``) and the witness.

Times are wall-clock on this machine (shared, so they vary with load); nothing is
asserted. The target of issue 17 is < 2 s per claim.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from coherence.checks.claims import read_claim_file
from coherence.checks.decide import decide

FILE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "softmax-spectra.claims.toml"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--timeout", type=float, default=20.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    cf = read_claim_file(FILE)
    print(f"{'claim':<52} {'n':>3} {'verdict':<9} {'ok':<3} {'seconds':>8}  witness")
    worst = 0.0
    for claim in cf.claims:
        best = None
        for _ in range(max(1, args.repeat)):
            t0 = time.perf_counter()
            v = decide(claim, seed=args.seed, timeout=args.timeout)
            dt = time.perf_counter() - t0
            best = dt if best is None else min(best, dt)
        sizes = re.findall(r"Matrix\((\d)", " ".join(t for _, t in claim.for_all))
        n = max((int(s) for s in sizes), default=0)
        worst = max(worst, best)
        witness = v.witness_text if v.witness else ""
        print(f"{claim.id:<52} {n:>3} {v.outcome.value:<9} {'yes' if v.matches() else 'NO':<3} "
              f"{best:8.2f}  {witness}")
    print(f"\n{len(cf.claims)} claims; slowest {worst:.2f} s")


if __name__ == "__main__":
    main()
