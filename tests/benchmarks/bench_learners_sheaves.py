"""Benchmark: functoriality of L(ε, e) on MLPs, and the sheaf condition on finite posets.

Run on demand (not collected by pytest)::

    python tests/benchmarks/bench_learners_sheaves.py [--max-depth 4] [--max-width 3]
        [--timeout 60] [--seed 0]

Part 1 — for tanh MLPs of depth 1–4 and width 1–3 (input, hidden and output width
all equal to the width), split as g∘f with g the last layer and f the rest (depth 1:
a single layer composed with the identity-free bias layer ``y + c``):

* ``proof``: ``check_functoriality(L(ε, ½(x−y)²), g, f)`` with a symbolic ε — exact
  random points first, then the exact identity; the size is ``count_ops`` of the U and r
  expressions of L(g∘f);
* ``refute``: the broken variant (e = (x−y)², request ``x − z``), which exact random
  points refute before any symbolic work.

Part 2 — random posets of 5–8 points (seeded), two presheaves each with sets of size
≤ 3: the extension of a poset functor (a sheaf: ``proved``) and a presheaf on opens
``F(U) = {0, …, m_U − 1}`` with ``min`` restrictions (usually not a sheaf: ``refuted``),
and the sheafification of the latter (``proved``).

Times are wall-clock on this machine; nothing is asserted.
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import time
from typing import Any

import sympy
from coherence.algebra.para import (
    GradientDescent,
    error_function,
    mlp_layer,
    para_compose,
    para_map,
    quadratic_error,
)
from coherence.algebra.posets import Poset
from coherence.algebra.sheaves import extend, finite_presheaf, sheafify
from coherence.checks.learner_checks import check_functoriality
from coherence.checks.sheaf_checks import check_sheaf


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout


def timed(fn: Any, timeout: float) -> tuple[Any, float]:
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    t0 = time.perf_counter()
    try:
        out = fn()
    except _Timeout:
        out = None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return out, time.perf_counter() - t0


def mlp(depth: int, width: int) -> tuple[Any, Any]:
    layers = [mlp_layer(f"l{k}", width, width, "tanh", f"h{k}_", f"h{k + 1}_")
              for k in range(depth)]
    if depth == 1:
        bias = para_map("c", P=("c0",), A=tuple(f"h1_{i}" for i in range(width)),
                        B=tuple(f"o{i}" for i in range(width)),
                        I=[f"h1_{i} + c0" for i in range(width)])
        return bias, layers[0]
    f = layers[0]
    for layer in layers[1:-1]:
        f = para_compose(layer, f)
    return layers[-1], f


def expression_size(L: GradientDescent, g: Any, f: Any) -> int:
    parts = L.parts(para_compose(g, f))
    return int(sum(sympy.count_ops(e) for e in parts["U"] + parts["r"]))


def part1(max_depth: int, max_width: int, timeout: float) -> None:
    print("Part 1 — functoriality L(g∘f) = L(g)∘L(f) on tanh MLPs")
    print(f"{'depth':>5} {'width':>5} {'params':>6} {'ops(U,r)':>9} {'proof':>22} "
          f"{'refute (broken)':>22}")
    good = GradientDescent(sympy.Symbol("eps", positive=True), quadratic_error())
    bad = GradientDescent(sympy.Rational(1, 10), error_function("sq", "(x - y)**2"),
                          request="x - z")
    for depth in range(1, max_depth + 1):
        for width in range(1, max_width + 1):
            g, f = mlp(depth, width)
            n_params = _count_params(para_compose(g, f).P)
            size, _ = timed(lambda g=g, f=f: expression_size(good, g, f), timeout)
            v, t = timed(lambda g=g, f=f: check_functoriality(good, g, f), timeout)
            proof = f"{v.outcome.value} {t:6.2f}s" if v else f"timeout {timeout:.0f}s"
            w, tb = timed(lambda g=g, f=f: check_functoriality(bad, g, f), timeout)
            refute = f"{w.outcome.value} {tb:6.2f}s" if w else f"timeout {timeout:.0f}s"
            print(f"{depth:>5} {width:>5} {n_params:>6} {size if size is not None else '-':>9} "
                  f"{proof:>22} {refute:>22}", flush=True)


def _count_params(space: Any) -> int:
    from coherence.algebra.learners import leaves

    return len(leaves(space))


def random_poset(rng: random.Random, n: int) -> Poset:
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n) if rng.random() < 0.3]
    return Poset.from_covers(range(n), pairs)


def poset_functor_sheaf(rng: random.Random, P: Poset) -> Any:
    """Point sets {0..k_x−1}, k non-increasing along ≤, maps t ↦ min(t, k_y − 1)."""
    k: dict[int, int] = {}
    for x in P.points:  # labels increase along covers, so predecessors come first
        below = [k[y] for y in P.points if y < x and P.leq(y, x)]
        k[x] = rng.randint(1, min(below)) if below else rng.randint(1, 3)
    sets = {x: tuple(range(k[x])) for x in P.points}
    maps = {(x, y): {t: min(t, k[y] - 1) for t in sets[x]}
            for x in P.points for y in P.points if x != y and P.leq(x, y)}
    return extend("G", P, "finite", sets, maps)[0]


def min_presheaf(rng: random.Random, P: Poset) -> Any:
    """F(U) = {0..m_U − 1} with m monotone under inclusion, restrictions t ↦ min(t, m_V − 1)."""
    weight = {x: rng.randint(0, 1) for x in P.points}
    m = {U: min(3, 1 + sum(weight[x] for x in U)) for U in P.opens()}
    sets = {U: tuple(range(m[U])) for U in P.opens()}
    maps = {(U, V): {t: min(t, m[V] - 1) for t in sets[U]} for U, V in P.open_covers()}
    return finite_presheaf("F", P, sets, maps)


def part2(seed: int, timeout: float) -> None:
    print("\nPart 2 — the sheaf condition on random posets (sets of size ≤ 3)")
    print(f"{'points':>6} {'opens':>6} {'max|F(U)|':>9} {'sheaf (extension)':>22} "
          f"{'presheaf F':>22} {'a(F)':>22}")
    rng = random.Random(seed)
    for n in range(5, 9):
        for _ in range(2):
            P = random_poset(rng, n)
            S = poset_functor_sheaf(rng, P)
            F = min_presheaf(rng, P)
            v1, t1 = timed(lambda S=S: check_sheaf(S), timeout)
            v2, t2 = timed(lambda F=F: check_sheaf(F), timeout)
            v3, t3 = timed(lambda F=F: check_sheaf(sheafify(F)[0]), timeout)
            biggest = max(len(S.sections[U]) for U in P.opens())
            cells = [f"{v.outcome.value} {t:6.3f}s" if v else f"timeout {timeout:.0f}s"
                     for v, t in ((v1, t1), (v2, t2), (v3, t3))]
            print(f"{n:>6} {len(P.opens()):>6} {biggest:>9} {cells[0]:>22} {cells[1]:>22} "
                  f"{cells[2]:>22}", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-depth", type=int, default=4)
    ap.add_argument("--max-width", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--skip-learners", action="store_true")
    args = ap.parse_args(argv)
    if not args.skip_learners:
        part1(args.max_depth, args.max_width, args.timeout)
    part2(args.seed, args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
