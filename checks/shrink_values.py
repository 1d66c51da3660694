"""Shrinking a claim's witness — numbers, exact matrices, elements of a structure — with
the one shrinker, :func:`coherence.counterexamples.shrink.shrink`.

A witness found by sampling (``a = 2 − g·x`` where ``a = 2`` also fails) is flattened to
a tuple of rationals (an element to its coefficients over the basis, a matrix to its
entries), shrunk in the shrinker's order — fewest nonzero entries, then smallest
integers, then smallest denominators — while the exact predicate "still violates the
claim" holds, and rebuilt. Values that do not flatten (irrational entries, finite-set
elements, other fields) are left as they are.

>>> from fractions import Fraction
>>> values = {"x": Fraction(7, 2), "y": Fraction(5)}
>>> out, steps = shrink_witness(values, lambda v: v["x"] * v["y"] > 1)
>>> out, steps
({'x': Fraction(1, 1), 'y': Fraction(2, 1)}, 2)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

from coherence.counterexamples.shrink import shrink


def _flatten(x: Any) -> tuple[list[Fraction], Callable[[list[Fraction]], Any]] | None:
    from coherence.algebra.hopf import Element
    from coherence.checks.evaluate import Matrix

    if isinstance(x, Fraction):
        return [x], lambda f: f[0]
    if isinstance(x, Matrix):
        if not x.is_rational:
            return None
        n, m = x.shape
        flat = [v for row in x.rows for v in row]
        return flat, lambda f: Matrix(tuple(tuple(f[i * m:(i + 1) * m]) for i in range(n)))
    if isinstance(x, Element) and not x.space.factors:
        dom = x.space.domain
        if str(dom) != "QQ":
            return None
        dim = x.space.dim
        flat = [Fraction(str(x.coeffs.get(i, 0))) for i in range(dim)]

        def build(f: list[Fraction], x: Any = x) -> Any:
            return Element(x.space, {i: dom.convert(c) for i, c in enumerate(f) if c},
                           x.structure)
        return flat, build
    return None


def shrink_witness(values: Mapping[str, Any], violated: Callable[[dict[str, Any]], bool],
                   max_calls: int = 400) -> tuple[dict[str, Any], int]:
    """``values`` shrunk while ``violated(values)`` holds; returns it and the steps."""
    parts = []
    flat: list[Fraction] = []
    for name, x in values.items():
        got = _flatten(x)
        if got is None:
            parts.append((name, None, len(flat), len(flat)))
            continue
        entries, build = got
        parts.append((name, build, len(flat), len(flat) + len(entries)))
        flat += entries
    if not flat:
        return dict(values), 0

    def rebuild(f: tuple[Fraction, ...]) -> dict[str, Any]:
        out = {}
        for name, build, lo, hi in parts:
            out[name] = values[name] if build is None else build(list(f[lo:hi]))
        return out

    def still(f: tuple[Fraction, ...]) -> bool:
        try:
            return bool(violated(rebuild(f)))
        except Exception:  # noqa: BLE001 - not evaluable there: not a counterexample
            return False

    result = shrink(tuple(flat), still, max_calls=max_calls)
    if result.steps == 0:
        return dict(values), 0
    return rebuild(result.point), result.steps
