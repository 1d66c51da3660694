"""Presheaf toposes on small categories against hand-counted sizes, and the topos checks:
universal properties by enumeration, Boolean / two-valued / well-pointed with witnesses
that are re-checked here independently."""

from __future__ import annotations

import itertools

import pytest
from coherence.algebra.categories import (
    FiniteCategory,
    chain,
    discrete,
    free_arrow,
    monoid,
    parallel_arrows,
)
from coherence.algebra.errors import InputError
from coherence.algebra.topos import (
    Morphism,
    Presheaf,
    exponential,
    global_elements,
    hom,
    omega,
    product,
    representable,
    subobjects,
    terminal,
)
from coherence.checks import topos_checks as tc

IDEMPOTENT = monoid(("1", "e"), [["1", "e"], ["e", "e"]])
Z2 = monoid(("1", "s"), [["1", "s"], ["s", "1"]])


def sizes(P: Presheaf) -> list[int]:
    return [len(s) for s in P.sets]


# -- hand-counted sizes -------------------------------------------------------------------

@pytest.mark.parametrize("C", [chain(2), free_arrow()], ids=["chain 0<1", "free arrow"])
def test_arrow_category_omega_and_exponential(C: FiniteCategory) -> None:
    O = omega(C)
    # sieves on the source: ∅, {id}; on the target: ∅, {f}, {f, id}
    assert sizes(O) == [2, 3]
    # (Ω^Ω)(source) = functions Ω(source) → Ω(source) = 2² ; (Ω^Ω)(target) = |Hom(Ω, Ω)|,
    # counted by hand as Σ over α_source of |fibre|·|fibre|² = 1 + 4 + 2 + 8 = 15
    assert sizes(exponential(O, O).object) == [4, 15]
    assert len(hom(O, O)) == 15
    # the representable of the target is terminal, so Ω^{y(target)} ≅ Ω
    assert sizes(exponential(O, representable(C, C.objects[1])).object) == [2, 3]
    assert len(global_elements(O)) == 3  # ∅, the subterminal at the source only, everything


def test_two_parallel_arrows() -> None:
    C = parallel_arrows()
    O = omega(C)
    # sieves on b: ∅, {f}, {g}, {f, g}, {f, g, id_b}
    assert sizes(O) == [2, 5]
    # Ω^{y(b)}(a) = Sub(y(a) × y(b)) = subsets of two points = 4;
    # Ω^{y(b)}(b) = Sub(y(b) × y(b)) = 16 (without the top element) + 4 (with it) = 20
    assert sizes(exponential(O, representable(C, "b")).object) == [4, 20]
    # global truth values: (∅, ∅), ({id_a}, {f, g}), ({id_a}, everything)
    assert len(global_elements(O)) == 3


def test_small_monoid() -> None:
    O = omega(IDEMPOTENT)
    assert sizes(O) == [3]  # right ideals ∅, {e}, {1, e}
    # Ω^Ω(*) = Sub(y × Ω): 6 elements, closure under the action of e, counted by hand: 27
    assert sizes(exponential(O, O).object) == [27]
    assert len(global_elements(O)) == 2  # the fixed points ∅ and {1, e}
    assert sizes(omega(Z2)) == [2]


def test_chain_of_three_and_products() -> None:
    C = chain(3)
    assert sizes(omega(C)) == [2, 3, 4]
    assert sizes(product(omega(C), omega(C))[0]) == [4, 9, 16]
    assert len(subobjects(terminal(C))) == 4  # the down-closed subsets of 0 < 1 < 2


# -- universal properties -----------------------------------------------------------------

CATEGORIES = [chain(2), free_arrow(), parallel_arrows(), IDEMPOTENT, Z2, discrete(("x", "y"))]


@pytest.mark.parametrize("C", CATEGORIES, ids=lambda C: C.name)
def test_universal_properties_hold(C: FiniteCategory) -> None:
    O = omega(C)
    tests = [terminal(C), *(representable(C, o) for o in C.objects)]
    assert tc.decide_subobject_classifier(C).outcome.value == "proved"
    assert tc.decide_exponentials(C).outcome.value == "proved"
    assert tc.check_exponential(terminal(C), O, O).outcome.value == "proved"
    assert tc.check_product(O, O, tests).outcome.value == "proved"
    t = tc.true_map(C)
    assert tc.check_pullback(t, t, tests).outcome.value == "proved"
    assert tc.check_presheaf(O).outcome.value == "proved"


def test_equaliser_of_two_different_maps() -> None:
    C = chain(2)
    O = omega(C)
    maps = hom(O, O)
    f, g = maps[0], maps[-1]
    assert f.components != g.components
    assert tc.check_equaliser(f, g, [terminal(C), O]).outcome.value == "proved"


# -- Boolean, two-valued, well-pointed --------------------------------------------------------

@pytest.mark.parametrize("C", CATEGORIES + [chain(3), discrete(("*",))], ids=lambda C: C.name)
def test_boolean_iff_groupoid(C: FiniteCategory) -> None:
    """Presheaves on C form a Boolean topos exactly when C is a groupoid (a theorem)."""
    d = tc.decide_boolean(C)
    assert (d.outcome.value == "proved") == C.is_groupoid()
    if d.outcome.value == "refuted":
        S = d.witness_values
        X = S.ambient
        # independent re-check: no subobject T is a complement of S
        for T in subobjects(X):
            disjoint = all(not (s & t) for s, t in zip(S.members, T.members, strict=True))
            covers = all(len(s | t) == len(X.sets[c])
                         for c, (s, t) in enumerate(zip(S.members, T.members, strict=True)))
            assert not (disjoint and covers)


def test_sets_boolean_chain_not() -> None:
    assert tc.decide_boolean(discrete(("*",))).outcome.value == "proved"
    d = tc.decide_boolean(chain(2))
    assert d.outcome.value == "refuted"
    assert "y(1)" in d.witness[0][1]


@pytest.mark.parametrize("C, expected", [
    (discrete(("*",)), "proved"), (IDEMPOTENT, "proved"), (Z2, "proved"),
    (chain(2), "refuted"), (parallel_arrows(), "refuted"), (discrete(("x", "y")), "refuted"),
], ids=lambda x: getattr(x, "name", x))
def test_two_valued(C: FiniteCategory, expected: str) -> None:
    d = tc.decide_two_valued(C)
    assert d.outcome.value == expected
    assert (len(global_elements(omega(C))) == 2) == (expected == "proved")


@pytest.mark.parametrize("C", [chain(2), IDEMPOTENT, Z2, discrete(("x", "y")),
                               parallel_arrows()], ids=lambda C: C.name)
def test_not_well_pointed_with_replayed_witness(C: FiniteCategory) -> None:
    d = tc.decide_well_pointed(C)
    assert d.outcome.value == "refuted"
    X, f, g = d.witness_values
    assert f.components != g.components
    for p in global_elements(X):
        assert (f @ p).components == (g @ p).components


def test_sets_well_pointed() -> None:
    assert tc.decide_well_pointed(discrete(("*",))).outcome.value == "proved"


# -- malformed input is refuted or rejected, never accepted ------------------------------------

def test_non_functorial_presheaf() -> None:
    C = parallel_arrows()
    with pytest.raises(InputError, match="restriction map for g"):
        Presheaf.build(C, {"a": [0], "b": ["x"]}, {"f": {"x": 0}})
    C3 = chain(3)
    # restrictions along 0≤1 and 1≤2 compose, but 0≤2 is given inconsistently
    sets = {"0": ["p", "q"], "1": ["r"], "2": ["s"]}
    maps = {"0≤1": {"r": "p"}, "1≤2": {"s": "r"}, "0≤2": {"s": "q"}}
    with pytest.raises(InputError, match="functor"):
        Presheaf.build(C3, sets, maps)
    bad = Presheaf.build(C3, sets, maps, check=False)
    v = tc.check_presheaf(bad)
    assert v.outcome.value == "refuted"
    assert "0≤2" in v.witness[0][1]


def test_non_natural_map_refuted() -> None:
    C = chain(2)
    O = omega(C)
    one = terminal(C)
    # pick ∅ at 0 but the top sieve at 1: not natural (restriction of the top is {id_0})
    comps = ((O.sets[0].index(frozenset()),), (O.sets[1].index(frozenset({"id_1", "0≤1"})),))
    alpha = Morphism(one, O, comps, "bad")
    assert tc.check_natural(alpha).outcome.value == "refuted"
    assert all(m.components != comps for m in hom(one, O))


def test_hom_enumeration_matches_brute_force() -> None:
    C = parallel_arrows()
    P, Q = omega(C), product(representable(C, "b"), representable(C, "b"))[0]
    fast = {m.components for m in hom(Q, P)}
    brute = set()
    spaces = [list(itertools.product(range(len(P.sets[c])), repeat=len(Q.sets[c])))
              for c in range(len(C.objects))]
    for comps in itertools.product(*spaces):
        m = Morphism(Q, P, tuple(tuple(c) for c in comps))
        if not m.naturality_failures():
            brute.add(m.components)
    assert fast == brute and len(fast) == 20


def test_product_with_a_projection_that_is_not_natural_is_not_proved(monkeypatch) -> None:
    # the bijection count Hom(T, P×Q) → pairs cannot see that a "projection" is not a
    # morphism: then (π₁h, π₂h) need not be a pair of maps at all
    from coherence.checks import topos_checks as tc

    C = chain(2)
    O = omega(C)
    PQ, p1, p2 = product(O, O)
    c = len(O.sets) - 1  # Ω(1) has three sieves: swap two of them in π₁ at object 1 only
    perm = {0: 1, 1: 0}
    comps = list(p1.components)
    comps[c] = tuple(perm.get(i, i) for i in comps[c])
    bad = Morphism(PQ, O, tuple(comps), "π₁′")
    assert bad.naturality_failures()
    monkeypatch.setattr(tc, "product", lambda P, Q: (PQ, bad, p2))
    v = tc.check_product(O, O, [terminal(C), representable(C, "0"), representable(C, "1")])
    assert v.outcome.value != "proved"
