"""Rigorous ball arithmetic for closed-form real numbers: one enclosure, one sign.

Every place in coherence that must decide the sign of a number like ``exp(1) − 27/10``
or ``tanh(1) − 3/4`` — an exact re-check of a witness, a certified nonzero second
derivative, the sign of a loss difference — goes through :func:`enclose` (a python-flint
``arb`` ball that provably contains the value) and :func:`sign` (decided only when the
ball excludes 0, raising the precision up to 1024 bits; ``None`` otherwise). A sign is
never guessed from floats.

>>> sign(sympy.exp(1) - sympy.Rational(27, 10)), sign(sympy.Integer(0))
(1, 0)
>>> sign(sympy.log(2) + sympy.log(3) - sympy.log(6)) is None   # exactly 0, not syntactically
True
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import flint
import sympy
from coherence.algebra.real_functions import monotone_root, real_root

PRECISIONS = (64, 256, 1024)
"""The working precisions (bits) tried in turn before a sign is called undecided."""


class Unenclosable(ArithmeticError):
    """No rigorous ball could be computed (a pole, a log of a non-positive ball, …)."""


def enclose(e: Any) -> flint.arb:
    """A rigorous ``arb`` ball containing the value of a constant SymPy expression ``e``.

    Works at flint's current working precision; the one enclosure behind every rigorous
    comparison in coherence (claims with exp/softmax, network witnesses). Raises
    :class:`Unenclosable` where no ball can be trusted: division by a ball containing 0,
    ``log``/roots/real powers of a ball not known to be positive, non-real roots, a
    ``Piecewise`` whose conditions the balls cannot decide, or an unknown function.

    >>> enclose(sympy.exp(1) - sympy.Rational(27, 10)) > 0
    True
    >>> enclose(sympy.log(sympy.Integer(-2), evaluate=False))
    Traceback (most recent call last):
    ...
    coherence.algebra.balls.Unenclosable: log of a ball not known to be positive
    """
    if isinstance(e, flint.arb):
        return e
    if isinstance(e, bool) or isinstance(e, str):
        raise TypeError(f"expected a number, got {e!r}")
    if isinstance(e, int):
        return flint.arb(e)
    if isinstance(e, Fraction):
        return flint.arb(flint.fmpq(e.numerator, e.denominator))
    if e.is_Rational:
        return flint.arb(flint.fmpq(int(e.p), int(e.q)))
    if e is sympy.pi:
        return flint.arb.pi()
    if e is sympy.E:
        return flint.arb(1).exp()
    if e.is_Add:
        out = flint.arb(0)
        for t in e.args:
            out += enclose(t)
        return out
    if e.is_Mul:
        out = flint.arb(1)
        for t in e.args:
            out *= enclose(t)
        return out
    if e.is_Pow:
        base, ex = e.args
        b = enclose(base)
        if ex.is_Integer:
            k = int(ex)
            if k < 0:
                if b.contains(0):
                    raise Unenclosable("division by a ball containing 0")
                return 1 / (b ** (-k))
            return b**k
        if not b > 0:
            raise Unenclosable("a root or real power of a ball not known to be positive")
        if ex.is_Rational and ex.q == 2:
            return b.sqrt() ** int(ex.p)
        return b ** enclose(ex)
    if isinstance(e, sympy.exp):
        return enclose(e.args[0]).exp()
    if isinstance(e, sympy.log):
        x = enclose(e.args[0])
        if not x > 0:
            raise Unenclosable("log of a ball not known to be positive")
        return x.log()
    unary = {sympy.tanh: flint.arb.tanh, sympy.sinh: flint.arb.sinh, sympy.cosh: flint.arb.cosh,
             sympy.sin: flint.arb.sin, sympy.cos: flint.arb.cos, sympy.atan: flint.arb.atan}
    if e.func in unary:
        return unary[e.func](enclose(e.args[0]))
    if isinstance(e, sympy.Abs):
        return abs(enclose(e.args[0]))
    if isinstance(e, sympy.sign | real_root | sympy.floor | sympy.ceiling):
        return _enclose_piecewise_exact(e)
    if isinstance(e, monotone_root):
        return _enclose_monotone_root(e)
    if isinstance(e, sympy.Max | sympy.Min):
        vals = [enclose(a) for a in e.args]
        out = vals[0]
        for v in vals[1:]:
            out = out.max(v) if isinstance(e, sympy.Max) else out.min(v)
        return out
    if isinstance(e, sympy.Piecewise):
        for value, cond in e.args:
            if _holds(cond):
                return enclose(value)
        raise Unenclosable("no branch of a piecewise expression applies")
    if isinstance(e, sympy.CRootOf):
        if not e.is_real:
            raise Unenclosable("a non-real number")
        bits = flint.ctx.prec
        dx = sympy.Rational(1, 2 ** (bits + 4))
        q = e.eval_rational(dx=dx, dy=dx, n=max(15, bits // 3))
        ball = flint.arb(flint.fmpq(int(q.p), int(q.q)))
        return ball + flint.arb(0, flint.arb(flint.fmpq(int(dx.p), int(dx.q))))
    raise Unenclosable(f"no rigorous enclosure for {type(e).__name__}")


def _enclose_piecewise_exact(e: Any) -> flint.arb:
    """sign, real odd roots, floor and ceil: exact only where the argument's ball decides
    the branch (sign/root: away from 0 or exactly 0; floor/ceil: one integer part)."""
    x = enclose(e.args[0])
    if isinstance(e, sympy.floor | sympy.ceiling):
        out = x.floor() if isinstance(e, sympy.floor) else x.ceil()
        if not out.is_exact():
            raise Unenclosable("floor/ceil of a ball straddling an integer")
        return out
    s = _ball_sign(x)
    if s is None:
        raise Unenclosable("sign or real root of a ball containing 0")
    if isinstance(e, sympy.sign):
        return flint.arb(s)
    n = int(e.args[1])
    return flint.arb(0) if s == 0 else s * (s * x).root(n)


def _enclose_monotone_root(e: Any) -> flint.arb:
    """The one real root of a monotone polynomial: of flint's certified complex root
    enclosures, the one whose imaginary part may be 0 — decided only when exactly one."""
    z, *coeffs = (enclose(a) for a in e.args)
    poly = flint.arb_poly(list(reversed(coeffs))) - z
    try:
        roots = poly.complex_roots()
    except ValueError as exc:
        raise Unenclosable("no certified roots at this precision") from exc
    real = [r for r in roots if r.imag.contains(0)]
    if len(real) != 1:
        raise Unenclosable("the real root is not isolated at this precision")
    return real[0].real


def _holds(cond: Any) -> bool:
    """Decide a Piecewise condition with balls (or exactly); Unenclosable if too close."""
    if cond is sympy.true or cond is True:
        return True
    if cond is sympy.false or cond is False:
        return False
    if isinstance(cond, sympy.And):
        return all(_holds(c) for c in cond.args)
    if isinstance(cond, sympy.Or):
        return any(_holds(c) for c in cond.args)
    if isinstance(cond, sympy.Not):
        return not _holds(cond.args[0])
    ops = {">": 1, ">=": 1, "<": -1, "<=": -1, "==": 0, "!=": 0}
    if isinstance(cond, sympy.core.relational.Relational) and cond.rel_op in ops:
        diff = cond.lhs - cond.rhs
        s = (diff.p > 0) - (diff.p < 0) if diff.is_Rational else _ball_sign(enclose(diff))
        if s is None:
            raise Unenclosable("a branch condition is too close to call")
        return {">": s > 0, ">=": s >= 0, "<": s < 0, "<=": s <= 0, "==": s == 0,
                "!=": s != 0}[cond.rel_op]
    raise Unenclosable(f"cannot decide the condition {cond}")


def _ball_sign(ball: flint.arb) -> int | None:
    if ball > 0:
        return 1
    if ball < 0:
        return -1
    if ball.is_exact() and ball == 0:
        return 0
    return None


def sign(e: Any, precisions: Sequence[int] = PRECISIONS) -> int | None:
    """The sign of a constant real expression, or ``None`` when no precision decides it.

    Rationals (SymPy, ``int``, ``Fraction``) are decided exactly; anything else by balls
    at each precision in turn. Symbolic, infinite or non-real values give ``None``.

    >>> sign(sympy.tanh(1) - sympy.Rational(3, 4))
    1
    """
    if isinstance(e, bool) or isinstance(e, str):
        raise TypeError(f"expected a number, got {e!r}")
    if isinstance(e, int | Fraction):
        return (e > 0) - (e < 0)
    if e.is_Rational:
        return (e.p > 0) - (e.p < 0)
    if e.free_symbols or e.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return None
    for prec in precisions:
        try:
            with flint.ctx.workprec(prec):
                s = _ball_sign(enclose(e))
        except (Unenclosable, ZeroDivisionError):
            continue
        if s is not None:
            return s
    return None
