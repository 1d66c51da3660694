"""Witnesses as data: each variable's exact value in a documented JSON form.

The display string of a witness (``A = [[1, 1], [0, 1]]``) is for readers; programs
get ``witness_data`` next to it in the JSON report (docs/json.md), one entry per
variable, every number an exact string (``"3"``, ``"-1/2"``; irrational values in
SymPy's notation, e.g. ``"exp(1)"``):

=====================  ==================================================
value                  form
=====================  ==================================================
rational number        ``"-1/2"``
other exact number     ``{"exact": "sqrt(2)/2"}``
vector                 ``{"vector": ["1", "0"]}``
matrix                 ``{"matrix": [["1", "1"], ["0", "1"]]}``
element of a structure ``{"element": {"g": "1", "x": "-2"}}`` (basis → coefficient)
tuple of values        ``{"tuple": [...]}``
anything else          ``{"text": "…"}`` (its display string)
=====================  ==================================================

Examples
--------
>>> from fractions import Fraction
>>> from coherence.checks.evaluate import Matrix
>>> as_data({"A": Matrix.of([[1, 1], [0, 1]]), "t": Fraction(-1, 2)})
{'A': {'matrix': [['1', '1'], ['0', '1']]}, 't': '-1/2'}
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import sympy


def _number(x: Any) -> Any:
    if isinstance(x, bool):
        return {"text": str(x)}
    if isinstance(x, int | Fraction):
        return str(Fraction(x))
    if isinstance(x, sympy.Basic):
        if x.is_Rational:
            return str(Fraction(int(x.p), int(x.q)))
        return {"exact": sympy.sstr(x)}
    return None


def value_data(x: Any) -> Any:
    """One value in the documented form.

    >>> value_data((Fraction(1), Fraction(2, 3)))
    {'vector': ['1', '2/3']}
    >>> value_data(sympy.sqrt(2))
    {'exact': 'sqrt(2)'}
    """
    from coherence.algebra.linear import Vector
    from coherence.checks.evaluate import Matrix

    n = _number(x)
    if n is not None:
        return n
    if isinstance(x, Matrix):
        rows = [[_entry(v) for v in row] for row in x.rows]
        if x.shape[1] == 1:
            return {"vector": [r[0] for r in rows]}
        return {"matrix": rows}
    if isinstance(x, Vector):
        names = x.space.basis or tuple(x.space.name(i) for i in range(x.space.dim))
        return {"element": {names[i]: _entry(c) for i, c in sorted(x.coeffs.items())}}
    if isinstance(x, tuple):
        if x and all(isinstance(r, tuple) for r in x) and all(
                _number(v) is not None for r in x for v in r):
            return {"matrix": [[_entry(v) for v in r] for r in x]}
        if all(_number(v) is not None for v in x):
            return {"vector": [_entry(v) for v in x]}
        return {"tuple": [value_data(v) for v in x]}
    return {"text": str(x)}


def _entry(v: Any) -> str:
    n = _number(v)
    if n is None:
        return str(v)
    return n["exact"] if isinstance(n, dict) and "exact" in n else str(n)


def as_data(values: Any) -> dict[str, Any] | None:
    """The witness's values, variable → data; ``None`` when there are none by name.

    >>> as_data(None) is None
    True
    """
    if not isinstance(values, Mapping) or not values:
        return None
    return {str(k): value_data(v) for k, v in values.items()}
