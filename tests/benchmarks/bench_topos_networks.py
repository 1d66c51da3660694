"""Benchmark: presheaf toposes on categories with 2–6 objects, and network deciders on
attention heads with 2–6 positions and width 1–4. Measured, not asserted.

Run: python tests/benchmarks/bench_topos_networks.py [--quick]

Part 1 times Ω, the exponential Ω^Ω (where it stays below 200 000 natural
transformations per object), Booleanness and the subobject-classifier check. Part 2
times is_piecewise_linear, is_linear and is_permutation_equivariant on attention heads
with symbolic weights (12 weight matrices' worth of symbols at width 4).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

from coherence.algebra import networks as N
from coherence.algebra import topos as T
from coherence.algebra.categories import FiniteCategory, chain, discrete, poset
from coherence.algebra.errors import InputError
from coherence.algebra.topos import exponential, omega
from coherence.checks import network_checks as nc
from coherence.checks import topos_checks as tc


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    t0 = time.perf_counter()
    try:
        out = fn()
    except InputError:
        out = "> 20 000 at one object"
    return out, time.perf_counter() - t0


def star(k: int) -> FiniteCategory:
    """k − 1 incomparable points below a top: the poset of a one-hidden-layer graph."""
    pts = [f"p{i}" for i in range(k - 1)]
    return poset([*pts, "top"], [(p, "top") for p in pts], name=f"star({k})")


def categories(quick: bool) -> list[FiniteCategory]:
    ks = range(2, 5) if quick else range(2, 7)
    out: list[FiniteCategory] = []
    for k in ks:
        out += [chain(k), discrete(tuple(str(i) for i in range(k)), name=f"discrete({k})"),
                star(k)]
    return out


def topos_table(quick: bool) -> list[str]:
    """Rows of the topos table (each printed as soon as it is measured)."""
    rows = ["| category | objects | arrows | |Ω| | Ω (s) | |Ω^Ω| | Ω^Ω (s) | Boolean | (s) "
            "| Sub(X) ≅ Hom(X, Ω), X = 1, y(c) (s) |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    print("\n".join(rows), flush=True)
    for C in categories(quick):
        O, t_omega = timed(lambda C=C: omega(C))
        E, t_exp = timed(lambda O=O: exponential(O, O, limit=20_000).object)
        size_e = E if isinstance(E, str) else str(E.size)
        b, t_b = timed(lambda C=C: tc.decide_boolean(C).outcome.value)
        objs = [T.terminal(C), *(T.representable(C, o) for o in C.objects)]
        s, t_s = timed(lambda C=C, objs=objs: tc.decide_subobject_classifier(C, objs)
                       .outcome.value)
        rows.append(f"| {C.name} | {len(C.objects)} | {C.size} | {O.size} | {t_omega:.3f} | "
                    f"{size_e} | {t_exp:.3f} | {b} | {t_b:.3f} | {s} {t_s:.3f} |")
        print(rows[-1], flush=True)
    return rows


def network_table(quick: bool) -> list[str]:
    """Rows of the network table (each printed as soon as it is measured)."""
    rows = ["| n × d | build (s) | piecewise linear | (s) | linear | (s) | "
            "permutation-equivariant | (s) |", "|---|---|---|---|---|---|---|---|"]
    print("\n".join(rows), flush=True)
    ns = (2, 4) if quick else range(2, 7)
    ds = (1, 2) if quick else range(1, 5)
    for n in ns:
        for d in ds:
            net, t_build = timed(lambda n=n, d=d: N.attention_head(n, d))
            pl, t_pl = timed(lambda net=net: nc.decide_piecewise_linear(net).outcome.value)
            lin, t_lin = timed(lambda net=net: nc.decide_linear(net).outcome.value)
            perm, t_perm = timed(
                lambda net=net: nc.decide_permutation_equivariant(net).outcome.value)
            rows.append(f"| {n} × {d} | {t_build:.2f} | {pl} | {t_pl:.2f} | {lin} | "
                        f"{t_lin:.2f} | {perm} | {t_perm:.2f} |")
            print(rows[-1], flush=True)
    return rows


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    print("## Presheaf toposes\n", flush=True)
    topos_table(quick)
    print("\n## Attention heads (symbolic weights)\n", flush=True)
    network_table(quick)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
