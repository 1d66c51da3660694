"""From approximate to exact: rationalising floats, and rigorous comparisons with balls.

A float (from NumPy sampling, Hypothesis over floats or a Z3 algebraic model) is never
a witness. It is turned into exact rationals — the simplest first: continued-fraction
convergents, small denominators before large ones — and each candidate is re-checked
exactly by the problem's own check.

Where the exact check involves transcendental functions (``exp``, ``tanh``, softmax),
values are enclosed in python-flint ``arb`` balls and a comparison is *decided only
when the enclosures separate*; otherwise it is undecided, never guessed. Precision is
raised until the balls separate or a limit is reached.

Examples
--------
>>> list(convergents(0.3333333333333333))
[Fraction(0, 1), Fraction(1, 3)]
>>> rationalise(0.3333333333333333)
Fraction(1, 3)
>>> from flint import arb
>>> compare(arb(2).sqrt(), arb("1.4142"))
1
>>> print(compare_at(lambda: arb(2).sqrt() ** 2, lambda: arb(2)))
None
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from fractions import Fraction
from typing import Any

import flint

__all__ = [
    "candidate_points",
    "compare",
    "compare_at",
    "convergents",
    "precision",
    "rationalise",
    "sign",
    "to_arb",
]

Number = float | int | Fraction

#: Working precisions (bits) tried in turn by :func:`compare_at`.
PRECISIONS: tuple[int, ...] = (64, 128, 256, 1024, 4096)


def convergents(x: Number, *, max_denominator: int = 10**12) -> Iterator[Fraction]:
    """The continued-fraction convergents of ``x`` (its exact binary value), simplest first.

    Every best rational approximation of ``x`` with a small denominator is among them;
    the last one is ``x`` itself when its denominator is within ``max_denominator``.

    >>> list(convergents(-1.5))
    [Fraction(-2, 1), Fraction(-3, 2)]
    >>> list(convergents(Fraction(355, 113)))
    [Fraction(3, 1), Fraction(22, 7), Fraction(355, 113)]
    """
    if isinstance(x, float) and not math.isfinite(x):
        return
    target = Fraction(x)
    h0, h1 = 0, 1  # numerators  h[-2], h[-1]
    k0, k1 = 1, 0  # denominators k[-2], k[-1]
    rest = target
    while True:
        a = math.floor(rest)
        h0, h1 = h1, a * h1 + h0
        k0, k1 = k1, a * k1 + k0
        if k1 > max_denominator:
            return
        yield Fraction(h1, k1)
        frac = rest - a
        if frac == 0:
            return
        rest = 1 / frac


def rationalise(
    x: Number, *, rel_tol: float = 1e-9, max_denominator: int = 10**6
) -> Fraction:
    """The simplest rational within ``rel_tol`` of ``x`` (relative, at least absolute 1e-300).

    Falls back to ``Fraction.limit_denominator(max_denominator)`` when no convergent
    with a small enough denominator is that close.

    >>> rationalise(0.1 + 0.2)
    Fraction(3, 10)
    >>> rationalise(2.0000000001)
    Fraction(2, 1)
    >>> rationalise(3.14159, rel_tol=1e-3)
    Fraction(22, 7)
    """
    if isinstance(x, float) and not math.isfinite(x):
        raise ValueError(f"expected a finite number, got {x!r}")
    tol = max(abs(float(x)) * rel_tol, 1e-300) if rel_tol else 0.0
    target = Fraction(x)
    for c in convergents(x, max_denominator=max_denominator):
        if abs(c - target) <= tol:
            return c
    return target.limit_denominator(max_denominator)


def candidate_points(
    flat: Sequence[Number], *, limit: int = 64, max_denominator: int = 10**6
) -> Iterator[tuple[Fraction, ...]]:
    """Exact points near a float point, simplest first, without repeats.

    Level ``i`` replaces each entry by its ``i``-th convergent (or its last one, if it has
    fewer); then each entry rounded to ``rationalise``; at most ``limit`` points.

    >>> list(candidate_points([0.5, 1.9999999999]))[:2]
    [(Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 2), Fraction(2, 1))]
    """
    per_entry = [
        list(convergents(x, max_denominator=max_denominator)) or [Fraction(0)] for x in flat
    ]
    seen: set[tuple[Fraction, ...]] = set()
    depth = max((len(c) for c in per_entry), default=0)
    levels = (tuple(c[min(i, len(c) - 1)] for c in per_entry) for i in range(depth))
    rounded = tuple(rationalise(x) if math.isfinite(float(x)) else Fraction(0) for x in flat)
    for point in itertools.chain(levels, [rounded]):
        if point in seen:
            continue
        seen.add(point)
        yield point
        if len(seen) >= limit:
            return


def to_arb(x: Number | Any) -> flint.arb:
    """An ``arb`` ball enclosing ``x`` exactly (rationals become tight balls at the working
    precision; ``arb`` values pass through).

    >>> to_arb(Fraction(1, 2)).is_exact(), to_arb(Fraction(1, 3)).contains(to_arb(Fraction(1, 3)))
    (True, True)
    """
    if isinstance(x, flint.arb):
        return x
    if isinstance(x, bool):
        raise TypeError(f"expected a number, got {x!r}")
    if isinstance(x, int):
        return flint.arb(x)
    if isinstance(x, Fraction):
        return flint.arb(flint.fmpq(x.numerator, x.denominator))
    if isinstance(x, float):
        return flint.arb(x)  # a float is a dyadic rational: exact
    raise TypeError(f"expected a number, got {type(x).__name__}")


def compare(a: Any, b: Any) -> int | None:
    """``-1``, ``0`` or ``1`` when the balls ``a`` and ``b`` are separated (or both exact
    and equal); ``None`` when the enclosures overlap and nothing is decided.

    Two Python rationals (``int``/``Fraction``) are compared exactly.

    >>> compare(to_arb(1), to_arb(Fraction(1, 3)))
    1
    >>> compare(to_arb(Fraction(1, 2)), to_arb(Fraction(1, 2)))
    0
    """
    if isinstance(a, int | Fraction) and isinstance(b, int | Fraction):
        return (a > b) - (a < b)  # both rational: decided exactly
    a, b = to_arb(a), to_arb(b)
    if a < b:
        return -1
    if a > b:
        return 1
    if a.is_exact() and b.is_exact() and a == b:
        return 0
    return None


def sign(a: Any) -> int | None:
    """The sign of a ball, or ``None`` when it contains zero but is not exactly zero.

    >>> sign(to_arb(-2).exp() - to_arb(Fraction(1, 8))), sign(to_arb(0))
    (1, 0)
    """
    return compare(a, 0)


@contextmanager
def precision(bits: int) -> Iterator[None]:
    """Temporarily set flint's working precision (restored afterwards).

    >>> with precision(200):
    ...     flint.ctx.prec
    200
    """
    old = flint.ctx.prec
    flint.ctx.prec = bits
    try:
        yield
    finally:
        flint.ctx.prec = old


def compare_at(
    lhs: Callable[[], Any],
    rhs: Callable[[], Any],
    *,
    precisions: Sequence[int] = PRECISIONS,
) -> int | None:
    """Compare two quantities computed as balls, raising the precision until they separate.

    ``lhs`` and ``rhs`` recompute their value at flint's current working precision.
    Returns ``None`` when they still overlap at the highest precision (e.g. when equal
    but not computed exactly) — undecided, never guessed.

    >>> compare_at(lambda: to_arb(1).exp(), lambda: to_arb(Fraction(27183, 10000)))
    -1
    """
    for bits in precisions:
        with precision(bits):
            result = compare(lhs(), rhs())
        if result is not None:
            return result
    return None
