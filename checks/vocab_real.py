"""Claim-file vocabulary: real functions beyond the core — ``cosh``, ``sinh``, ``floor``,
``ceil``, ``sign``, ``cbrt`` and ``real_root`` (issue 17 §3).

Each is pointwise-exact: at rational points it is an exact rational where it can be
(``floor(7/2) = 3``, ``cbrt(-8) = -2``), otherwise an exact symbolic value compared by
ball arithmetic; ``floor``/``ceil``/``sign`` of an irrational number are decided from a
certified enclosure (never from floats), and stay undecided when the enclosure straddles
an integer (or 0). Applied to a matrix they act entry-wise, as ``tanh`` does.

>>> from fractions import Fraction
>>> floor_(Fraction(-7, 2)), ceil_(Fraction(7, 2)), sign_(Fraction(-3))
(Fraction(-4, 1), Fraction(4, 1), Fraction(-1, 1))
>>> cbrt_(Fraction(-27, 8))
Fraction(-3, 2)
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import sympy
from coherence.algebra import balls
from coherence.algebra.real_functions import real_root
from coherence.checks.evaluate import Undecidable, is_symbolic, norm, to_sympy
from coherence.checks.vocab_core import _elementwise
from coherence.checks.vocabulary import register

AREA = "core"


def _certified(fn: Any, v: Any, what: str) -> Any:
    if isinstance(v, Fraction) or is_symbolic(v):
        return norm(fn(to_sympy(v)))
    import flint

    for prec in balls.PRECISIONS:
        with flint.ctx.workprec(prec):
            try:
                out = balls.enclose(fn(to_sympy(v), evaluate=False))
            except (balls.Unenclosable, ZeroDivisionError, TypeError):
                continue
            if out.is_exact() and out.mid().man_exp()[1] >= 0:
                return Fraction(int(out.mid().man_exp()[0]) << int(out.mid().man_exp()[1]))
    raise Undecidable(f"{what} of a number too close to call")


@register("cosh", signature="cosh(x)", doc="Hyperbolic cosine (exact symbolic).",
          min_args=1, max_args=1, area=AREA)
def cosh_(x: Any) -> Any:
    """cosh.

    >>> cosh_(Fraction(0))
    Fraction(1, 1)
    """
    return _elementwise(lambda v: norm(sympy.cosh(to_sympy(v))), x, "cosh")


@register("sinh", signature="sinh(x)", doc="Hyperbolic sine (exact symbolic).",
          min_args=1, max_args=1, area=AREA)
def sinh_(x: Any) -> Any:
    """sinh.

    >>> sinh_(Fraction(0))
    Fraction(0, 1)
    """
    return _elementwise(lambda v: norm(sympy.sinh(to_sympy(v))), x, "sinh")


@register("floor", signature="floor(x)",
          doc="Largest integer ≤ x (exact; certified by balls at irrational x).",
          min_args=1, max_args=1, area=AREA)
def floor_(x: Any) -> Any:
    """floor.

    >>> floor_(Fraction(5, 2))
    Fraction(2, 1)
    """
    return _elementwise(lambda v: _certified(sympy.floor, v, "floor"), x, "floor")


@register("ceil", signature="ceil(x)",
          doc="Smallest integer ≥ x (exact; certified by balls at irrational x).",
          min_args=1, max_args=1, area=AREA)
def ceil_(x: Any) -> Any:
    """ceil.

    >>> ceil_(Fraction(5, 2))
    Fraction(3, 1)
    """
    return _elementwise(lambda v: _certified(sympy.ceiling, v, "ceil"), x, "ceil")


@register("sign", signature="sign(x)", doc="−1, 0 or 1 (exact; certified by balls).",
          min_args=1, max_args=1, area=AREA)
def sign_(x: Any) -> Any:
    """sign.

    >>> sign_(Fraction(0))
    Fraction(0, 1)
    """
    return _elementwise(lambda v: _certified(sympy.sign, v, "sign"), x, "sign")


@register("cbrt", signature="cbrt(x)", doc="The real cube root (cbrt(-8) = -2).",
          min_args=1, max_args=1, area=AREA)
def cbrt_(x: Any) -> Any:
    """Real cube root.

    >>> cbrt_(Fraction(8))
    Fraction(2, 1)
    """
    return _elementwise(lambda v: norm(real_root(to_sympy(v), 3)), x, "cbrt")


@register("real_root", signature="real_root(x, n)", doc="The real n-th root, n odd.",
          min_args=2, max_args=2, area=AREA)
def real_root_(x: Any, n: Any) -> Any:
    """Real n-th root (odd n).

    >>> real_root_(Fraction(-32), Fraction(5))
    Fraction(-2, 1)
    """
    return _elementwise(lambda v: norm(real_root(to_sympy(v), to_sympy(n))), x, "real_root")
