"""Real functions that SymPy only has over ℂ, and the one table of formula functions.

SymPy's ``x**(1/3)`` and ``cbrt(x)`` are the *principal* (complex) cube root, so
``cbrt(-8)`` is ``2·(-1)^(1/3)``, not ``-2``. The inverse of ``y ↦ (x − y)³`` on ℝ needs
the real branch, which :class:`real_root` is: for odd ``n``, ``real_root(t, n)`` is the
unique real ``r`` with ``rⁿ = t``. It keeps that defining relation algebraically
(``real_root(t, 3)**3`` *is* ``t``), so exact identities through it are found by
``expand``, and it is enclosed rigorously by :mod:`coherence.algebra.balls`.

:data:`FORMULA_FUNCTIONS` is the one vocabulary of callable names in a formula (an
error ``e(x, y)``, a learner's ``I``, a network's outputs), used by both formula
readers: :func:`coherence.checks.expr.parse_sympy` and the Python API's string formulas.

Examples
--------
>>> x = sympy.Symbol("x", real=True)
>>> real_root(-8, 3), real_root(x, 3) ** 3, real_root(x**5, 5)
(-2, x, x)
>>> real_root(-2, 3)
-real_root(2, 3)
>>> sorted(FORMULA_FUNCTIONS)[:6]
['abs', 'atan', 'cbrt', 'ceil', 'cos', 'cosh']
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import sympy
from coherence.algebra.errors import InputError


class real_root(sympy.Function):  # noqa: N801 (prints as the formula name)
    """The real ``n``-th root of ``t`` for odd ``n ≥ 1``: the unique real ``r``, ``rⁿ = t``.

    Even ``n`` is refused (not total on ℝ; use ``sqrt``/``abs``). Integer powers that are
    multiples of ``n`` collapse to powers of ``t``; rational perfect powers evaluate.

    >>> real_root(27, 3), real_root(-1, 5), real_root(sympy.Rational(-8, 27), 3)
    (3, -1, -2/3)
    >>> sympy.diff(real_root(sympy.Symbol("t", real=True), 3), "t") is not None
    True
    """

    nargs = 2

    @classmethod
    def eval(cls, t: Any, n: Any) -> Any:
        if not (n.is_Integer and n > 0 and n % 2 == 1):
            raise InputError("expected an odd positive integer order of a real root "
                             "(even roots: sqrt, abs)", got=str(n))
        if n == 1:
            return t
        if t.is_zero:
            return sympy.Integer(0)
        if t.is_Rational:
            if t < 0:
                return -cls(-t, n)
            p, ok_p = sympy.integer_nthroot(int(t.p), int(n))
            q, ok_q = sympy.integer_nthroot(int(t.q), int(n))
            if ok_p and ok_q:
                return sympy.Rational(p, q)
            return None
        if t.could_extract_minus_sign():
            return -cls(-t, n)
        if t.is_Pow and t.exp == n and t.base.is_real:
            return t.base
        return None

    def _eval_power(self, e: Any) -> Any:
        t, n = self.args
        if e.is_Integer and e % n == 0:
            return t ** (e // n)
        if e.is_Integer and e > n:
            return t ** (e // n) * self ** (e % n)
        return None

    def _eval_is_real(self) -> bool | None:
        return self.args[0].is_real

    def _eval_is_positive(self) -> bool | None:
        return self.args[0].is_positive

    def _eval_is_negative(self) -> bool | None:
        return self.args[0].is_negative

    def _eval_is_zero(self) -> bool | None:
        return self.args[0].is_zero

    def fdiff(self, argindex: int = 1) -> Any:
        if argindex != 1:
            raise sympy.ArgumentIndexError(self, argindex)
        t, n = self.args
        return 1 / (n * self ** (n - 1))

    def _eval_evalf(self, prec: int) -> Any:
        t, n = self.args
        v = t._eval_evalf(prec) if hasattr(t, "_eval_evalf") else None
        v = t.evalf(prec_to_dps(prec)) if v is None else v
        if not v.is_real:
            return None
        return sympy.sign(v) * sympy.Abs(v) ** (sympy.Integer(1) / n)


class monotone_root(sympy.Function):  # noqa: N801 (prints as a formula name)
    """``monotone_root(z, cₙ, …, c₀)``: the real ``y`` with ``cₙyⁿ + … + c₀ = z``, for a
    polynomial that is strictly monotone in y (odd degree; the caller proves it).

    The defining relation is kept algebraically: ``yⁿ`` collapses to
    ``(z − cₙ₋₁yⁿ⁻¹ − … − c₀)/cₙ``, so ``expand`` decides identities through it; at
    rational arguments it is the one real root (exact: rational or ``CRootOf``).

    >>> y = monotone_root(sympy.Integer(2), 1, 0, 1, 0)      # y³ + y = 2
    >>> y
    1
    >>> t = sympy.Symbol("t", real=True)
    >>> sympy.expand(monotone_root(t, 1, 0, 1, 0) ** 3 + monotone_root(t, 1, 0, 1, 0))
    t
    """

    @classmethod
    def eval(cls, z: Any, *coeffs: Any) -> Any:
        if len(coeffs) < 2 or len(coeffs) % 2 != 0:
            raise InputError("expected the coefficients of an odd-degree polynomial",
                             got=f"{len(coeffs)} coefficients")
        if all(c.is_Rational for c in (z, *coeffs)) and coeffs[0] != 0:
            y = sympy.Symbol("y")
            P = sympy.Poly(list(coeffs), y) - sympy.Poly(z, y)
            roots = sympy.real_roots(P)
            if len(set(roots)) == 1:
                return roots[0]
        return None

    def _eval_power(self, e: Any) -> Any:
        z, *coeffs = self.args
        n = len(coeffs) - 1
        if e.is_Integer and e >= n:
            lower = sum((c * self ** (n - k) for k, c in enumerate(coeffs) if k), sympy.S.Zero)
            return self ** (e - n) * (z - lower) / coeffs[0]
        return None

    def _eval_is_real(self) -> bool | None:
        return True if all(a.is_real for a in self.args) else None

    def fdiff(self, argindex: int = 1) -> Any:
        if argindex != 1:
            raise sympy.ArgumentIndexError(self, argindex)
        _, *coeffs = self.args
        n = len(coeffs) - 1
        return 1 / sum(((n - k) * c * self ** (n - k - 1) for k, c in enumerate(coeffs)
                        if n - k), sympy.S.Zero)


def prec_to_dps(prec: int) -> int:
    """Decimal digits for a binary precision (as SymPy's ``evalf`` wants them).

    >>> prec_to_dps(53)
    15
    """
    from mpmath.libmp import prec_to_dps as p2d

    return int(p2d(prec))


def cbrt(t: Any) -> Any:
    """The real cube root (unlike ``sympy.cbrt``, the principal complex one).

    >>> cbrt(-27)
    -3
    """
    if isinstance(t, int | Fraction) and not isinstance(t, bool):
        t = sympy.Rational(t.numerator, t.denominator)
    return real_root(t, 3)


def _real_root(t: Any, n: Any = 3) -> Any:
    return real_root(t, n)


FORMULA_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "exp": sympy.exp, "log": sympy.log, "sqrt": sympy.sqrt,
    "abs": sympy.Abs, "sign": sympy.sign,
    "sin": sympy.sin, "cos": sympy.cos, "atan": sympy.atan,
    "tanh": sympy.tanh, "sinh": sympy.sinh, "cosh": sympy.cosh,
    "floor": sympy.floor, "ceil": sympy.ceiling,
    "cbrt": cbrt, "real_root": _real_root,
    "max": sympy.Max, "min": sympy.Min,
    "sigmoid": lambda x: 1 / (1 + sympy.exp(-x)),
    "relu": lambda x: sympy.Max(0, x),
}
"""Callable names in formulas: name → SymPy constructor (exact, real-valued where defined).

>>> FORMULA_FUNCTIONS["cbrt"](sympy.Integer(-8)), FORMULA_FUNCTIONS["sign"](-2)
(-2, -1)
"""
