"""The shrinker: exact predicate, documented order, step counts, limits."""

from __future__ import annotations

from fractions import Fraction as F

from coherence.counterexamples.shrink import complexity, shrink
from hypothesis import given, settings
from hypothesis import strategies as st


def test_order_is_nonzeros_then_size_then_denominators_then_signs():
    ordered = [
        (F(0), F(0)),
        (F(1), F(0)),
        (F(-1), F(0)),
        (F(2), F(0)),
        (F(1, 2), F(0)),
        (F(3), F(0)),
        (F(1), F(1)),
    ]
    keys = [complexity(p) for p in ordered]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


def test_jordan_witness_is_reached_from_a_messy_one():
    # 2×2 flat (a, b, c, d): eigenvalues real positive and not symmetric
    def bad(p):
        a, b, c, d = p
        tr, det = a + d, a * d - b * c
        return tr * tr >= 4 * det and tr > 0 and det > 0 and b != c

    r = shrink((F(7, 2), F(5), F(0), F(7, 2)), bad)
    assert r.point == (F(1), F(1), F(0), F(1))
    assert r.steps == 3  # each accepted simplification is one step
    assert bad(r.point)


def test_zero_and_one_are_tried_first():
    calls = []

    def pred(p):
        calls.append(p)
        return p[0] != 0

    r = shrink((F(9),), pred)
    assert r.point == (F(1),)
    assert calls[:2] == [(F(0),), (F(1),)]
    assert r.steps == 1


def test_fractions_shrink_to_smaller_denominators():
    r = shrink((F(22, 7),), lambda p: 3 < p[0] < 4)
    assert r.point == (F(7, 2),)
    r = shrink((F(-5, 3),), lambda p: p[0] < -1)
    assert r.point == (F(-2),)


def test_admissibility_is_respected():
    in_range = [lambda x: F(1) <= x <= F(2)] * 2
    r = shrink((F(3, 2), F(2)), lambda p: p[0] + p[1] >= 3, admits=in_range)
    assert r.point == (F(1), F(2))
    assert all(F(1) <= x <= F(2) for x in r.point)


def test_a_raising_predicate_means_not_a_counterexample():
    def pred(p):
        if p[0] == 0:
            raise ZeroDivisionError
        return 1 / p[0] > 0

    r = shrink((F(5),), pred)
    assert r.point == (F(1),)


def test_call_limit_stops_early_and_says_so():
    r = shrink(tuple(F(k + 7) for k in range(6)), lambda p: True, max_calls=3)
    assert r.calls == 3 and r.exhausted


@given(
    st.lists(st.fractions(min_value=-50, max_value=50, max_denominator=9), min_size=1, max_size=5),
    st.integers(min_value=-20, max_value=20),
)
@settings(max_examples=60, deadline=None, derandomize=True, database=None)
def test_shrinking_never_leaves_the_counterexamples_and_never_grows(start, k):
    def pred(p):
        return sum(p) >= k

    if not pred(start):
        start = [*start[:-1], start[-1] + (k - sum(start)) + 1]
    r = shrink(tuple(start), pred)
    assert pred(r.point)
    assert complexity(r.point) <= complexity(tuple(start))
    assert shrink(tuple(start), pred) == r  # deterministic
