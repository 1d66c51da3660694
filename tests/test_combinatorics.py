"""Enumerations of the combinatorial index sets agree with their counting formulas."""

from __future__ import annotations

import math

import pytest
from coherence.algebra import combinatorics as cb
from coherence.algebra.errors import InputError


@pytest.mark.parametrize("n", range(0, 9))
def test_counts_match_enumerations(n: int) -> None:
    assert len(list(cb.words("abc", n))) == cb.count_words(3, n) == 3**n
    assert len(list(cb.compositions(n))) == cb.count_compositions(n)
    assert len(list(cb.partitions(n))) == cb.count_partitions(n)
    assert len(list(cb.permutations(n))) == cb.count_permutations(n) == math.factorial(n)
    assert len(cb.forests(n)) == cb.count_forests(n)


def test_known_sequences() -> None:
    # OEIS A000041, A000081 (rooted trees), A011782 (compositions)
    assert [cb.count_partitions(n) for n in range(11)] == [1, 1, 2, 3, 5, 7, 11, 15, 22, 30, 42]
    assert [cb.count_trees(n) for n in range(1, 11)] == [1, 1, 2, 4, 9, 20, 48, 115, 286, 719]
    assert [cb.count_compositions(n) for n in range(6)] == [1, 1, 2, 4, 8, 16]
    assert [len(cb.trees(n)) for n in range(1, 8)] == [1, 1, 2, 4, 9, 20, 48]


def test_objects_are_what_they_claim() -> None:
    for n in range(7):
        comps = list(cb.compositions(n))
        assert len(set(comps)) == len(comps)
        assert all(sum(c) == n and all(p > 0 for p in c) for c in comps)
        parts = list(cb.partitions(n))
        assert all(list(p) == sorted(p, reverse=True) and sum(p) == n for p in parts)
        assert len(set(parts)) == len(parts)
        forests = cb.forests(n)
        assert len(set(forests)) == len(forests)
        assert all(cb.forest_nodes(f) == n for f in forests)
        # canonical form: children sorted at every node, trees sorted in a forest
        for f in forests:
            assert list(f) == sorted(f)
            stack = list(f)
            while stack:
                t = stack.pop()
                assert list(t) == sorted(t)
                stack.extend(t)


def test_fixed_small_first_orders() -> None:
    assert list(cb.words("ba", 2)) == ["bb", "ba", "ab", "aa"]  # the alphabet's own order
    assert list(cb.compositions(3)) == [(1, 1, 1), (1, 2), (2, 1), (3,)]
    assert list(cb.partitions(4)) == [(1, 1, 1, 1), (2, 1, 1), (2, 2), (3, 1), (4,)]
    assert list(cb.permutations(3))[:2] == [(1, 2, 3), (1, 3, 2)]
    assert [cb.show_forest(f) for f in cb.forests(3)] == [
        "•(•,•)", "•(•(•))", "• •(•)", "• • •"]


def test_standardize_and_tree_text() -> None:
    assert cb.standardize((10, 3, 7, 1)) == (4, 2, 3, 1)
    for n in range(1, 6):
        for t in cb.trees(n):
            assert cb.parse_tree(cb.show_tree(t)) == t
    assert cb.parse_tree("o(o(o),o)") == ((), ((),))


def test_bad_input_is_an_input_error() -> None:
    with pytest.raises(InputError, match="distinct letters"):
        list(cb.words("aa", 2))
    with pytest.raises(InputError, match="integer ≥ 0"):
        list(cb.compositions(-1))
    with pytest.raises(InputError, match="expected a tree"):
        cb.parse_tree("•(•")
