"""Structures broken for exactly one law each, shared by the exhaustive and random law tests.

Each is built from a correct structure by changing one column of one structure map, or
by duality (a broken product dualises to a broken coproduct, a one-sided unit to a
one-sided counit).
"""

from __future__ import annotations

from typing import Any

from coherence.algebra import catalogue
from coherence.algebra.domains import QQ
from coherence.algebra.hopf import Bialgebra, HopfAlgebra, build, dual
from coherence.algebra.linear import LinearMap


def edit(f: LinearMap, column: int, image: dict[int, Any]) -> LinearMap:
    cols = {j: dict(f.column(j)) for j in range(f.source.dim)}
    cols[column] = image
    return LinearMap.from_columns(f.source, f.target, cols)


def variant(H: Bialgebra, **maps: LinearMap) -> Bialgebra:
    fields = dict(space=H.space, m=H.m, u=H.u, delta=H.delta, eps=H.eps, name=H.name + "-broken")
    S = maps.pop("antipode", H.antipode if isinstance(H, HopfAlgebra) else None)
    fields.update(maps)
    return Bialgebra(**fields) if S is None else HopfAlgebra(antipode=S, **fields)


def one_sided_unit(left_ok: bool) -> Bialgebra:
    product = {(0, 0): {0: 1}, (1, 0) if left_ok is False else (0, 1): {1: 1}}
    return build(("1", "a"), QQ, product=product, unit={0: 1},
                 coproduct={0: {0: 1}, 1: {2: 1, 1: 1}}, counit={0: 1, 1: 0})


def nonassociative_c3() -> Bialgebra:
    H = catalogue.get("group:C3")
    return variant(H, m=edit(H.m, 1 * 3 + 2, {1: 1}))  # g·g² := g


def bad_delta_unit() -> Bialgebra:
    return build(("1", "x"), QQ, product={(0, 0): {0: 1}, (0, 1): {1: 1}, (1, 0): {1: 1}},
                 unit={0: 1}, coproduct={0: {0: 1, 3: 1}, 1: {2: 1, 1: 1}},
                 counit={0: 1, 1: 0})


def primitive_x() -> Bialgebra:
    H = catalogue.get("sweedler")
    x, one = H.space.index("x"), H.space.index("1")
    return variant(H, delta=edit(H.delta, x, {x * 4 + one: 1, one * 4 + x: 1}))


def wrong_antipode() -> Bialgebra:
    H = catalogue.get("sweedler")
    x, gx = H.space.index("x"), H.space.index("gx")
    return variant(H, antipode=edit(H.antipode, x, {gx: 1}))


def bad_eps_unit() -> Bialgebra:
    H = catalogue.get("group:C2")
    return variant(H, eps=edit(H.eps, 0, {0: 2}))


def bad_taft() -> Bialgebra:  # over ℚ(ζ₃): x·g scaled by ζ² instead of ζ
    H = catalogue.get("taft:3")
    x, g, gx = (H.space.index(n) for n in ("x", "g", "gx"))
    _, z = H.domain, H.m.column(x * 9 + g)[gx]
    return variant(H, m=edit(H.m, x * 9 + g, {gx: z * z}))


BROKEN = {
    "associativity": nonassociative_c3,
    "left-unit": lambda: one_sided_unit(False),
    "right-unit": lambda: one_sided_unit(True),
    "coassociativity": lambda: dual(nonassociative_c3()),
    "left-counit": lambda: dual(one_sided_unit(False)),
    "right-counit": lambda: dual(one_sided_unit(True)),
    "delta-multiplicative": primitive_x,
    "eps-multiplicative": lambda: dual(bad_delta_unit()),
    "delta-unit": bad_delta_unit,
    "eps-unit": bad_eps_unit,
    "antipode-left": wrong_antipode,
    "antipode-right": wrong_antipode,
    "words": lambda: catalogue.get("words:concat-deconcat:2"),
    "taft": bad_taft,
}
