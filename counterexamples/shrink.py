"""Shrinking a witness towards the simplest one, with an exact predicate.

Like Hypothesis's shrinkers: a value, a predicate ("is still a counterexample") and an
order. The order on points (flat tuples of rationals) is :func:`complexity`: fewest
nonzero entries, then smaller entries (the size of ``p/q`` is ``max(|p|, q)``), then
smaller denominators, then fewer negative signs. Passes, repeated until none makes
progress: zero each entry, zero pairs, replace an entry by a simpler value (``0`` and
``1`` first, then ``−1``, smaller integers, simpler fractions), replace every copy of a
repeated value at once, clear all denominators, divide by a common factor, copy a
simpler entry onto another. A change is kept only when the point gets
strictly simpler *and* the predicate still holds, so shrinking always terminates and
never leaves the set of counterexamples.

Examples
--------
>>> from fractions import Fraction as F
>>> still_bad = lambda p: p[0] * p[1] > 1          # a point with x·y > 1
>>> r = shrink((F(7, 2), F(5), F(3)), still_bad)
>>> [str(x) for x in r.point], r.steps
(['1', '2', '0'], 3)
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

from coherence.counterexamples.exact import convergents

__all__ = ["Shrunk", "complexity", "shrink"]

Flat = tuple[Fraction, ...]


@dataclass(frozen=True, slots=True)
class Shrunk:
    """The result of shrinking: the simplest point found, the accepted steps, the calls."""

    point: Flat
    steps: int
    calls: int
    exhausted: bool = False  # stopped by the call/time limit rather than at a local minimum


def _size(x: Fraction) -> int:
    return max(abs(x.numerator), x.denominator)


def complexity(point: Sequence[Fraction]) -> tuple[int, int, int, int, tuple]:
    """The shrink order's key: smaller is simpler.

    >>> from fractions import Fraction as F
    >>> complexity((F(1), F(1), F(0), F(1))) < complexity((F(2), F(1), F(-1), F(0)))
    True
    >>> complexity((F(2),)) < complexity((F(1, 2),)) < complexity((F(3),))
    True
    """
    pts = [Fraction(x) for x in point]
    nnz = sum(1 for x in pts if x != 0)
    size = sum(_size(x) for x in pts if x != 0)
    dens = sum(x.denominator for x in pts)
    neg = sum(1 for x in pts if x < 0)
    return (nnz, size, dens, neg, tuple((_size(x), x.denominator, x < 0) for x in pts))


def _entry_key(x: Fraction) -> tuple[int, int, int, bool]:
    return (int(x != 0), _size(x) if x else 0, x.denominator, x < 0)


def _simpler_values(x: Fraction) -> Iterator[Fraction]:
    """Candidate replacements for one entry, simplest first (all strictly simpler)."""
    key = _entry_key(x)
    seen: set[Fraction] = set()
    sign = 1 if x >= 0 else -1
    raw: list[Fraction] = [Fraction(0), Fraction(1), Fraction(-1)]
    raw += [Fraction(sign * k) for k in range(2, 6)] + [Fraction(-sign * k) for k in range(2, 6)]
    if x.denominator == 1:
        m = abs(x.numerator)
        raw += [Fraction(sign * (m // 2)), Fraction(sign * (m - 1))]
        raw += [Fraction(sign * k) for k in _binary_towards_zero(m)]
    else:
        raw += list(convergents(x))[:-1]
        raw += [Fraction(math.floor(x)), Fraction(math.ceil(x)), Fraction(round(x))]
        for q in range(2, min(x.denominator, 16)):  # nearest fractions with small denominators
            raw += [Fraction(math.floor(x * q), q), Fraction(math.ceil(x * q), q)]
        raw += [Fraction(x.numerator, d) for d in range(1, min(x.denominator, 16))]
    for c in raw:
        if c not in seen and _entry_key(c) < key:
            seen.add(c)
            yield c


def _binary_towards_zero(m: int) -> Iterator[int]:
    step = m
    while step > 1:
        step //= 2
        yield m - step


def shrink(
    point: Sequence[Fraction],
    predicate: Callable[[Flat], bool],
    *,
    admits: Sequence[Callable[[Fraction], bool]] | None = None,
    max_calls: int = 2000,
    deadline: float | None = None,
) -> Shrunk:
    """Shrink ``point`` while ``predicate`` stays true; ``admits[i]`` guards entry ``i``.

    ``predicate`` must be exact: it is the only judge of whether a smaller point is
    still a counterexample. ``deadline`` is a ``time.monotonic()`` value.

    >>> from fractions import Fraction as F
    >>> r = shrink((F(3), F(5), F(0), F(3)), lambda p: p[0] == p[3] != 0 and p[1] != 0)
    >>> [str(x) for x in r.point], r.steps
    (['1', '1', '0', '1'], 2)
    """
    current: Flat = tuple(Fraction(x) for x in point)
    ok = [a for a in admits] if admits is not None else [lambda _x: True] * len(current)
    state = {"calls": 0, "steps": 0}
    rejected: set[Flat] = set()  # never ask the predicate twice about one point

    def out_of_budget() -> bool:
        if state["calls"] >= max_calls:
            return True
        return deadline is not None and time.monotonic() > deadline

    def attempt(candidate: Flat) -> bool:
        nonlocal current
        if candidate == current or complexity(candidate) >= complexity(current):
            return False
        if candidate in rejected or not all(a(x) for a, x in zip(ok, candidate, strict=True)):
            return False
        state["calls"] += 1
        try:
            good = bool(predicate(candidate))
        except Exception:  # a predicate that fails to evaluate is not a counterexample
            good = False
        if good:
            current = candidate
            state["steps"] += 1
        else:
            rejected.add(candidate)
        return good

    improved = True
    while improved and not out_of_budget():
        improved = False
        for candidate in _moves(current):
            if out_of_budget():
                break
            if attempt(candidate):
                improved = True
                break  # restart the passes from the simplest moves
    return Shrunk(current, state["steps"], state["calls"], out_of_budget())


def _moves(p: Flat) -> Iterator[Flat]:
    n = len(p)
    nonzero = [i for i in range(n) if p[i] != 0]
    for i in nonzero:  # zero one entry
        yield p[:i] + (Fraction(0),) + p[i + 1 :]
    for a_i, i in enumerate(nonzero):  # zero two entries at once
        for j in nonzero[a_i + 1 :]:
            q = list(p)
            q[i] = q[j] = Fraction(0)
            yield tuple(q)
    for i in nonzero:  # simplify one entry
        for v in _simpler_values(p[i]):
            yield p[:i] + (v,) + p[i + 1 :]
    for v in sorted({p[i] for i in nonzero if p.count(p[i]) > 1}, key=_entry_key, reverse=True):
        for c in _simpler_values(v):  # replace every copy of a repeated value at once
            yield tuple(c if x == v else x for x in p)
    dens = math.lcm(*(x.denominator for x in p)) if p else 1
    if dens > 1:  # clear denominators
        yield tuple(x * dens for x in p)
    nums = math.gcd(*(x.numerator for x in p)) if p else 0
    if nums > 1:  # divide out a common factor
        yield tuple(x / nums for x in p)
    if nonzero and all(p[i] < 0 for i in nonzero):  # flip an all-negative point
        yield tuple(-x for x in p)
    for i in nonzero:  # copy a simpler entry onto another (x, y) -> (x, x)
        for j in nonzero:
            if i != j and _entry_key(p[j]) < _entry_key(p[i]):
                yield p[:i] + (p[j],) + p[i + 1 :]
