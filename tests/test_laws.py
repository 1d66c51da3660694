"""Each law is refuted by a structure broken for that law, at a witness re-checked by hand.

The broken structures are built from correct ones by changing one column of one
structure map, or by duality (a broken product dualises to a broken coproduct).
Witnesses found by the vectorised kernel are re-checked with element arithmetic, a
separate code path.
"""

from __future__ import annotations

import pytest
from broken_structures import (
    edit,
    nonassociative_c3,
    one_sided_unit,
    variant,
)
from coherence.algebra import catalogue
from coherence.algebra.domains import QQ
from coherence.algebra.hopf import Bialgebra, build, dual
from coherence.checks.laws import AXIOMS, LAW_IDS, check_laws
from coherence.checks.verdict import Outcome


def outcomes(H: Bialgebra) -> dict[str, str]:
    return {v.id: v.outcome.value for v in check_laws(H, facts=False)}


def verdict(H: Bialgebra, law: str):  # noqa: ANN201
    return {v.id: v for v in check_laws(H, only=[law])}[law]


def test_associativity_refuted_and_witness_rechecked() -> None:
    H = nonassociative_c3()
    v = verdict(H, "associativity")
    assert v.outcome is Outcome.REFUTED
    a, b, c = (H.basis_element(name) for name in v.witness_values)
    assert (a * b) * c != a * (b * c)
    assert (str((a * b) * c), str(a * (b * c))) == (v.lhs, v.rhs)
    assert outcomes(H)["coassociativity"] == "proved"


def test_left_unit_only() -> None:
    H = one_sided_unit(left_ok=False)
    got = outcomes(H)
    assert got["left-unit"] == "refuted" and got["right-unit"] == "proved"
    assert {k for k, o in got.items() if o == "refuted" and "antipode" not in k} == {"left-unit"}
    v = verdict(H, "left-unit")
    assert v.witness == (("v", "a"),) and (v.lhs, v.rhs) == ("0", "a")


def test_right_unit_only() -> None:
    H = one_sided_unit(left_ok=True)
    got = outcomes(H)
    assert {k for k, o in got.items() if o == "refuted" and "antipode" not in k} == {"right-unit"}


def test_coassociativity_refuted_by_the_dual_of_a_nonassociative_product() -> None:
    D = dual(nonassociative_c3())
    got = outcomes(D)
    assert got["coassociativity"] == "refuted" and got["associativity"] == "proved"


def test_counit_refuted_by_the_dual_of_aone_sided_unit() -> None:
    D = dual(one_sided_unit(left_ok=False))
    got = outcomes(D)
    assert got["left-counit"] == "refuted" and got["right-counit"] == "proved"


def test_delta_multiplicative_refuted_when_x_is_made_primitive() -> None:
    H = catalogue.get("sweedler")
    n = H.dim
    x, one = H.space.index("x"), H.space.index("1")
    H2 = variant(H, delta=edit(H.delta, x, {x * n + one: 1, one * n + x: 1}))
    got = outcomes(H2)
    assert got["delta-multiplicative"] == "refuted"
    assert got["coassociativity"] == got["left-counit"] == got["associativity"] == "proved"


def test_delta_unit_refuted() -> None:
    # dual numbers with Δ(1) = 1⊗1 + x⊗x: counital and coassociative, but Δ(1) ≠ 1⊗1
    H = build(("1", "x"), QQ, product={(0, 0): {0: 1}, (0, 1): {1: 1}, (1, 0): {1: 1}},
              unit={0: 1}, coproduct={0: {0: 1, 3: 1}, 1: {2: 1, 1: 1}}, counit={0: 1, 1: 0})
    got = outcomes(H)
    assert got["delta-unit"] == "refuted"
    assert got["coassociativity"] == got["left-counit"] == got["right-counit"] == "proved"
    v = verdict(H, "delta-unit")
    assert (v.witness, v.lhs, v.rhs) == ((("λ", "1"),), "1⊗1 + x⊗x", "1⊗1")


def test_eps_multiplicative_refuted_by_the_dual_of_a_broken_delta_unit() -> None:
    H = build(("1", "x"), QQ, product={(0, 0): {0: 1}, (0, 1): {1: 1}, (1, 0): {1: 1}},
              unit={0: 1}, coproduct={0: {0: 1, 3: 1}, 1: {2: 1, 1: 1}}, counit={0: 1, 1: 0})
    assert outcomes(dual(H))["eps-multiplicative"] == "refuted"


def test_eps_unit_refuted() -> None:
    H = catalogue.get("group:C2")
    H2 = variant(H, eps=edit(H.eps, 0, {0: 2}))
    v = verdict(H2, "eps-unit")
    assert v.outcome is Outcome.REFUTED and (v.lhs, v.rhs) == ("2", "1")


def test_wrong_antipode_refuted_on_both_antipode_laws_only() -> None:
    H = catalogue.get("sweedler")
    x, gx = H.space.index("x"), H.space.index("gx")
    H2 = variant(H, antipode=edit(H.antipode, x, {gx: 1}))  # sign error: S(x) = gx
    got = outcomes(H2)
    assert {k for k, o in got.items() if o == "refuted"} == {"antipode-left", "antipode-right"}
    v = verdict(H2, "antipode-left")
    assert v.witness == (("v", "x"),)
    xe = H2.basis_element("x")
    assert str(xe.coproduct()) == "g⊗x + x⊗1"  # S(g)·x + S(x)·1 = gx + gx
    assert (v.lhs, v.rhs) == ("2·gx", "0")


def test_all_failures_are_collected_and_no_law_stops_another() -> None:
    H = catalogue.get("group:C2")
    broken = variant(H, eps=edit(H.eps, 1, {0: 2}))  # ε(g) = 2
    got = outcomes(broken)
    assert set(got) == set(AXIOMS)
    assert got["associativity"] == "proved" and got["left-counit"] == "refuted"
    assert got["eps-multiplicative"] == "refuted"
    v = verdict(broken, "left-counit")
    assert v.detail.startswith("fails on 1 of 2 basis elements")


def test_law_ids_are_unique_and_filtering_works() -> None:
    assert len(set(LAW_IDS)) == len(LAW_IDS)
    only = check_laws(catalogue.get("sweedler"), only=["coassociativity", "antipode-order"])
    assert [v.id for v in only] == ["coassociativity", "antipode-order"]


@pytest.mark.parametrize("name", ["sweedler", "taft:3", "group:D3", "functions:C3"])
def test_proved_verdicts_say_why(name: str) -> None:
    for v in check_laws(catalogue.get(name), facts=False):
        assert v.outcome is Outcome.PROVED
        assert "exact identity on" in v.method and "a basis suffices" in v.method


def _coo(nrows: int, ncols: int, entries: list[tuple[int, int, int]]):  # noqa: ANN202
    import numpy as np
    from coherence.algebra.sparse_kernel import COO
    r, c, v = (np.array(x, dtype=np.int64) for x in zip(*entries, strict=True))
    return COO._canonical(nrows, ncols, r, c, v)


def _exact(a) -> dict[tuple[int, int], int]:  # noqa: ANN001
    return {(int(r), int(c)): int(v) for r, c, v in zip(a.rows, a.cols, a.vals, strict=True)}


def test_int64_kernel_never_wraps_in_sums_of_products() -> None:
    # Entries just under 2³¹ passed the old per-factor check, but a sum of four products
    # of size ~2⁶² wrapped around 2⁶⁴: two maps differing by 2⁶⁴ compared equal.
    big = 2**31 - 1
    a = _coo(1, 4, [(0, j, big) for j in range(4)])
    b = _coo(4, 1, [(j, 0, big) for j in range(4)])
    assert _exact(a @ b) == {(0, 0): 4 * big * big}
    x, y = _coo(1, 1, [(0, 0, 2**62)]), _coo(1, 1, [(0, 0, -(2**62))])
    assert _exact(x - y) == {(0, 0): 2**63}
    assert not (x == y)
    c = _coo(1, 1, [(0, 0, 2**62)]) @ _coo(1, 1, [(0, 0, 4)])
    assert _exact(c) == {(0, 0): 2**64}
    assert _exact(c - _coo(1, 1, [(0, 0, 1)])) == {(0, 0): 2**64 - 1}


def test_false_associativity_with_constants_near_two_to_the_31_is_refuted() -> None:
    # a·a = Σ 2³⁰·bᵢ (16 terms), bᵢ·a = 2³⁰·d, all else 0: (a·a)·a = 2⁶⁴·d but a·(a·a) = 0.
    # The int64 kernel wrapped 2⁶⁴ to 0 and *proved* associativity.
    k, p = 16, 2**30
    basis = ("1", "a", "d") + tuple(f"b{i}" for i in range(k))
    n = len(basis)
    product = {(1, 1): {3 + i: p for i in range(k)}} | {(3 + i, 1): {2: p} for i in range(k)}
    H = build(basis, QQ, product=product, unit={0: 1},
              coproduct={j: {j * n + j: 1} for j in range(n)}, counit=dict.fromkeys(range(n), 1))
    v = verdict(H, "associativity")
    assert v.outcome is Outcome.REFUTED
    assert v.witness == (("(v₁, v₂, v₃)", "(a, a, a)"),)


def test_antipode_laws_with_several_solutions_are_not_refuted() -> None:
    # Δ = 0 and ε = 0: every linear S satisfies m∘(S⊗id)∘Δ = 0 = u∘ε and its mirror, so
    # the system for S is consistent but not unique. Both laws were refuted ("a one-sided
    # solution exists but no unique antipode") although every S satisfies them.
    H = build(("1", "x"), QQ, product={(1, 1): {}}, unit={0: 1}, coproduct={0: {}, 1: {}},
              counit={})
    for law in ("antipode-left", "antipode-right"):
        v = verdict(H, law)
        assert v.outcome is Outcome.PROVED, v
        assert "not unique" in v.detail


def test_unimodular_compares_the_whole_integral_spaces() -> None:
    # 1 ⊕ span(x, y, z) with x·y = z the only nonzero product and ε(x) = ε(y) = ε(z) = 0:
    # left integrals span(z, x), right integrals span(z, y). Only the first left integral
    # (z, with this basis order) was checked, and 'left = right' was proved.
    order = ("1", "z", "x", "y")
    i = {b: k for k, b in enumerate(order)}
    n = 4
    product = {(i["x"], i["y"]): {i["z"]: 1}} | {(0, j): {j: 1} for j in range(n)} | {
        (j, 0): {j: 1} for j in range(n)}
    H = build(order, QQ, product=product, unit={0: 1},
              coproduct={j: {j * n + j: 1} for j in range(n)}, counit={0: 1})
    v = verdict(H, "unimodular")
    assert v.outcome is Outcome.REFUTED
    assert dict(v.witness)["Λ"] in ("x", "y")
