"""Finite posets and their Alexandrov opens, against hand counts and an independent
brute force over all subsets."""

from __future__ import annotations

import itertools

import pytest
from coherence.algebra.errors import InputError
from coherence.algebra.posets import Poset, antichain, chain
from coherence.checks.sheaf_checks import check_chain_opens
from coherence.checks.verdict import Outcome
from hypothesis import given, settings
from hypothesis import strategies as st


def test_chain_opens_by_hand() -> None:
    c = chain(3)
    assert [sorted(U) for U in c.opens()] == [[], [2], [1, 2], [0, 1, 2]]
    assert [c.up(i) for i in range(3)] == [frozenset({0, 1, 2}), frozenset({1, 2}),
                                           frozenset({2})]


@pytest.mark.parametrize("p", range(0, 7))
def test_chain_of_p_plus_one_points_has_p_plus_two_opens(p: int) -> None:
    assert len(chain(p + 1).opens()) == p + 2
    assert check_chain_opens(p, p + 2).outcome is Outcome.PROVED
    wrong = check_chain_opens(p, p + 1)
    assert wrong.outcome is Outcome.REFUTED and wrong.witness == (("p", str(p)),)


def test_v_and_diamond() -> None:
    v = Poset.from_covers("abc", [("a", "b"), ("a", "c")])
    assert len(v.opens()) == 5  # ∅, {b}, {c}, {b, c}, {a, b, c}
    assert v.minimal("bc") == ("b", "c")
    d = Poset.from_covers(range(4), [(0, 1), (0, 2), (1, 3), (2, 3)])
    assert len(d.opens()) == 6
    assert d.leq(0, 3) and not d.leq(1, 2)
    assert len(antichain(4).opens()) == 16


def test_transitive_pairs_dropped_and_bad_input_located() -> None:
    assert Poset.from_covers([0, 1, 2], [(0, 1), (1, 2), (0, 2)]).covers == ((0, 1), (1, 2))
    with pytest.raises(InputError, match="acyclic"):
        Poset.from_covers([0, 1, 2], [(0, 1), (1, 2), (2, 0)])
    with pytest.raises(InputError, match="did you mean"):
        Poset.from_covers(["top", "bot"], [("bot", "tpo")])


def test_open_covers_are_the_hasse_diagram_of_inclusion() -> None:
    P = Poset.from_covers("abc", [("a", "b"), ("a", "c")])
    pairs = P.open_covers()
    for U, V in pairs:
        assert V < U and len(U - V) == 1 and P.is_open(V)
    assert len(pairs) == 5  # {b}→∅, {c}→∅, {b,c}→{b}, {b,c}→{c}, X→{b,c}


@st.composite
def posets(draw: st.DrawFn, max_points: int = 6) -> Poset:
    """Random posets: points 0..n−1, covers only from smaller to larger labels."""
    n = draw(st.integers(1, max_points))
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs))
                  if pairs else st.just([]))
    return Poset.from_covers(range(n), chosen)


@settings(max_examples=60, deadline=None)
@given(posets())
def test_opens_are_exactly_the_up_sets(P: Poset) -> None:
    brute = {frozenset(S) for k in range(len(P.points) + 1)
             for S in itertools.combinations(P.points, k)
             if all(y in S for x in S for y in P.points if P.leq(x, y))}
    assert set(P.opens()) == brute
    assert len(P.opens()) == len(brute)  # no duplicates
    for x in P.points:
        assert P.up(x) in brute and min(len(U) for U in brute if x in U) == len(P.up(x))
