"""Para (parametrised differentiable maps) and the gradient-descent functor L(ε, e).

A Para map ``I: P×A → B`` has real parameter and input spaces and exact SymPy
components; Para maps compose like learners' implementations, with parameters P×Q.
:class:`GradientDescent` is the functor ``L(ε, e): Para → Learn`` of Theorem III.2 of
"Backprop as Functor" (SOURCES.md):

* ``E_I(p, a, b) = Σⱼ e(I_j(p, a), b_j)``;
* ``U_I(p, a, b) = p − ε ∇_p E_I(p, a, b)``;
* ``r_I(p, a, b) = f_a(∇_a E_I(p, a, b))`` with ``f_a`` applying componentwise the
  inverse of ``∂e/∂x(a_i, ·)``; for ``e = ½(x−y)²`` this is ``a − ∇_a E_I``.

All three are built once, symbolically, with the target ``b`` a free symbol; a
composite learner then *substitutes* the next layer's request for ``b``. This is the
pitfall named in SOURCES.md: differentiating after the substitution would be wrong.

Examples
--------
>>> lin = para_map("lin", P=("w",), A=("x",), B=("y",), I=["w*x"])
>>> L = GradientDescent(sympy.Rational(1, 10), quadratic_error())
>>> f = L(lin)
>>> f.U((2,), (1,), (3,)), f.r((2,), (1,), (3,))
((21/10,), (3,))
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import sympy
from coherence.algebra.errors import InputError
from coherence.algebra.learners import (
    ExprMap,
    Learner,
    Product,
    Real,
    Space,
    _as_expr,
    _value,
    build_point,
    flatten_point,
    generic_points,
)
from coherence.algebra.real_functions import real_root

X, Y, Z = (sympy.Symbol(n, real=True) for n in ("x", "y", "z"))
"""The symbols an error function ``e(x, y)`` and its inverse ``g(x, z)`` are written in."""


@dataclass(frozen=True)
class ParaMap:
    """A parametrised map ``I: P×A → B`` (``I(p, a)`` returns a point of B).

    >>> m = para_map("m", P=("w", "b"), A=("x",), B=("y",), I=["w*x + b"])
    >>> m.I((2, 1), (3,))
    (7,)
    """

    name: str
    P: Space
    A: Real
    B: Real
    I: Callable[[Any, Any], Any]

    def __str__(self) -> str:
        return f"{self.name}: {self.P} × {self.A} → {self.B}"

    def __matmul__(self, other: ParaMap) -> ParaMap:
        """``g @ f`` is ``g∘f``."""
        return para_compose(self, other)


def para_map(name: str, *, P: Sequence[str], A: Sequence[str], B: Sequence[str],
             I: Sequence[Any]) -> ParaMap:
    """A Para map from formulas (SymPy expressions, or strings read safely).

    >>> para_map("t", P=("w",), A=("x",), B=("y",), I=["tanh(w*x)"]).I((0,), (1,))
    (0,)
    """
    Pr, Ar, Br = Real(tuple(P)), Real(tuple(A)), Real(tuple(B))
    names = list(P) + list(A)
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise InputError("expected distinct coordinate names in P and A", got=repr(dup[0]),
                         context=f"Para map {name}")
    if len(I) != len(B):
        raise InputError(f"expected {len(B)} formula(s) for I, one per output coordinate",
                         got=str(len(I)), context=f"Para map {name}")
    exprs = tuple(_as_expr(e, set(names), "I") for e in I)
    return ParaMap(name, Pr, Ar, Br, ExprMap((Pr, Ar), exprs))


def _pc_I(f: ParaMap, g: ParaMap, pq: Any, a: Any) -> Any:
    return g.I(pq[1], f.I(pq[0], a))


def para_compose(g: ParaMap, f: ParaMap) -> ParaMap:
    """``g∘f`` in Para: parameters ``P×Q``, ``(p, q), a ↦ g(q, f(p, a))``.

    >>> f = para_map("f", P=("w",), A=("x",), B=("y",), I=["w*x"])
    >>> g = para_map("g", P=("v",), A=("y",), B=("z",), I=["v + y"])
    >>> para_compose(g, f).I(((2,), (1,)), (3,))
    (7,)
    """
    if len(f.B.coords) != len(g.A.coords):
        raise InputError(f"expected a map out of ℝ^{len(f.B.coords)} after {f.name}",
                         got=f"{g.name} out of {g.A}")
    return ParaMap(f"{g.name}∘{f.name}", Product(f.P, g.P), f.A, g.B, partial(_pc_I, f, g))


def mlp_layer(name: str, n_in: int, n_out: int, activation: str = "id",
              in_name: str = "x", out_name: str = "y") -> ParaMap:
    """A dense layer ``a ↦ σ(W a + v)`` with W (``n_out×n_in``) and v as parameters.

    ``activation`` is ``id``, ``tanh`` or ``square``.

    >>> layer = mlp_layer("l", 1, 1, "tanh")
    >>> layer.I((0, 0), (1,))
    (0,)
    """
    act = {"id": lambda t: t, "tanh": sympy.tanh, "square": lambda t: t**2}
    if activation not in act:
        raise InputError("expected an activation", got=repr(activation), choices=act)
    ws = [f"{name}W{i}{j}" for i in range(n_out) for j in range(n_in)]
    vs = [f"{name}v{i}" for i in range(n_out)]
    xs = [f"{in_name}{j}" for j in range(n_in)]
    sym = {n: sympy.Symbol(n, real=True) for n in ws + vs + xs}
    exprs = []
    for i in range(n_out):
        pre = sum((sym[f"{name}W{i}{j}"] * sym[xs[j]] for j in range(n_in)), sym[vs[i]])
        exprs.append(act[activation](pre))
    return para_map(name, P=ws + vs, A=xs, B=[f"{out_name}{i}" for i in range(n_out)],
                    I=exprs)


# --------------------------------------------------------------------------- errors


@dataclass(frozen=True)
class ErrorFunction:
    """A differentiable error ``e(x, y)`` (in the symbols ``x``, ``y``) and, when known,
    the inverse ``g(x, z)`` of ``y ↦ ∂e/∂x(x, y)`` (in ``x``, ``z``).

    >>> quadratic_error().dx
    x - y
    >>> quadratic_error().inverse
    x - z
    """

    name: str
    expr: sympy.Expr
    inverse: sympy.Expr | None = None

    @property
    def dx(self) -> sympy.Expr:
        """∂e/∂x as an expression in ``x``, ``y``."""
        return sympy.diff(self.expr, X)

    def __call__(self, u: Any, v: Any) -> sympy.Expr:
        return self.expr.xreplace({X: _value(u), Y: _value(v)})


def error_function(name: str, expr: Any, inverse: Any = None) -> ErrorFunction:
    """An error from a formula in ``x, y``; its inverse (formula in ``x, z``) is solved
    for when not given and kept only when exactly verified — ``∂e/∂x(x, g(x, z)) = z``
    as an identity — and defined for every real ``x`` and ``z`` (Theorem III.2 needs
    ``∂e/∂x(x₀, ·)`` invertible for *every* x₀: ``z/x`` is no inverse at x₀ = 0).

    Solved: ∂e/∂x affine in y (SymPy's unique solution), or an odd power
    ``A(x)·(y + s(x))ⁿ + C(x)`` with A never 0, whose inverse is the *real* branch
    ``real_root((z − C)/A, n) − s`` (SymPy's roots of ``z`` are complex for ``z < 0``).

    >>> error_function("sq", "(x - y)**2").inverse
    x - z/2
    >>> error_function("quartic", "(x - y)**4/4").inverse
    x - real_root(z, 3)
    >>> error_function("degenerate", "x*y**2/2").inverse is None
    True
    """
    e = _as_expr(expr, {"x", "y"}, "an error formula e(x, y)")
    g = None if inverse is None else _as_expr(inverse, {"x", "z"}, "an inverse g(x, z)")
    h = sympy.diff(e, X)
    if g is None:
        g = _solve_inverse(h)
    if g is not None:
        back = sympy.expand(h.xreplace({Y: g}) - Z)
        if back != 0 and sympy.cancel(sympy.together(back)) != 0 \
                and sympy.simplify(back) != 0:
            if inverse is not None:
                raise InputError("expected g with ∂e/∂x(x, g(x, z)) = z",
                                 got=f"∂e/∂x(x, g(x, z)) - z = {back}", context=name)
            g = None
    if g is not None and not _total(g):
        if inverse is not None:
            raise InputError("expected an inverse g(x, z) defined for every real x and z",
                             got=str(g), context=name)
        g = None
    return ErrorFunction(name, e, g)


def _solve_inverse(h: sympy.Expr) -> sympy.Expr | None:
    """The real inverse of ``y ↦ h(x, y)`` when found in closed form (not yet verified)."""
    if not h.is_rational_function(Y) or h.has(sympy.Function):
        return None
    if h.is_polynomial(Y):
        P = sympy.Poly(h, Y)
        n = P.degree()
        if n >= 3 and n % 2 == 1:
            A = P.LC()
            s = sympy.cancel(P.coeff_monomial(Y ** (n - 1)) / (n * A))
            C = sympy.expand(h - A * (Y + s) ** n)
            if not C.has(Y):
                return real_root(sympy.cancel((Z - C) / A), n) - s
            return None
    try:
        sols = sympy.solve(sympy.Eq(h, Z), Y, dict=False)
    except (NotImplementedError, ValueError):
        return None
    if len(sols) == 1 and not sols[0].has(sympy.I):
        return sols[0]
    return None


def _total(g: sympy.Expr) -> bool:
    """Whether ``g(x, z)`` is defined at every real point: no log or non-integer power,
    and every reciprocal of a polynomial in ``x`` alone without real roots."""
    for t in sympy.preorder_traversal(g):
        if isinstance(t, sympy.log):
            return False
        if t.is_Pow and not (t.exp.is_Integer and t.exp > 0) and t.base.free_symbols:
            if not t.exp.is_Integer or Z in t.base.free_symbols \
                    or not t.base.is_polynomial(X):
                return False
            if sympy.real_roots(sympy.Poly(t.base, X)):
                return False
    return True


def quadratic_error() -> ErrorFunction:
    """``e(x, y) = ½(x − y)²``, whose request is ``a − ∇_a E``.

    >>> quadratic_error()(3, 1)
    2
    """
    return error_function("½(x−y)²", (X - Y) ** 2 / 2)


# ------------------------------------------------------------------------ L(ε, e)


@dataclass(frozen=True)
class FlatMap:
    """A map given by expressions in the symbols of generic points of its argument spaces.

    >>> x = sympy.Symbol("x", real=True)
    >>> FlatMap((Real(("x",)),), ((x,),), (2 * x,), Real(("y",)))((3,))
    (6,)
    """

    sources: tuple[Space, ...]
    symbols: tuple[tuple[sympy.Symbol, ...], ...]
    exprs: tuple[sympy.Expr, ...]
    target: Space

    def __call__(self, *points: Any) -> Any:
        sub = {}
        for sp, syms, pt in zip(self.sources, self.symbols, points, strict=True):
            for s, v in zip(syms, flatten_point(sp, pt), strict=True):
                sub[s] = _value(v)
        return build_point(self.target, [e.xreplace(sub) for e in self.exprs])


@dataclass(frozen=True)
class GradientDescent:
    """The functor ``L(ε, e): Para → Learn`` (Theorem III.2). ``request`` overrides the
    inverse of ∂e/∂x by another ``g(x, z)`` (e.g. ``x − z`` for *any* e: a broken variant
    used to show that the hypothesis matters).

    >>> L = GradientDescent(sympy.Symbol("eps"), quadratic_error())
    >>> L(para_map("c", P=("w",), A=("x",), B=("y",), I=["w"])).U((1,), (0,), (0,))
    (1 - eps,)
    """

    eps: Any
    error: ErrorFunction
    request: Any = None

    def __str__(self) -> str:
        return f"L({self.eps}, {self.error.name})"

    def inverse(self) -> sympy.Expr:
        """The ``g(x, z)`` used for requests (the override, or e's verified inverse)."""
        if self.request is not None:
            return _as_expr(self.request, {"x", "z"}, "a request map g(x, z)")
        if self.error.inverse is None:
            raise InputError("expected an error whose ∂e/∂x(x₀, ·) has a known inverse "
                             "(pass inverse=… to error_function)", got=self.error.name)
        return self.error.inverse

    def parts(self, I: ParaMap) -> dict[str, Any]:
        """The symbolic E_I, ∇_p E_I, ∇_a E_I, U_I and r_I (with their symbols).

        >>> L = GradientDescent(1, quadratic_error())
        >>> L.parts(para_map("c", P=("w",), A=("x",), B=("y",), I=["w*x"]))["E"]
        (w*x - y)**2/2
        """
        (p, a, b), syms = next(generic_points([I.P, I.A, I.B]))
        ps, as_, bs = (tuple(flatten_point(s, v)) for s, v in ((I.P, p), (I.A, a), (I.B, b)))
        out = flatten_point(I.B, I.I(p, a))
        E = sum((self.error(o, t) for o, t in zip(out, bs, strict=True)), sympy.Integer(0))
        eps = _value(self.eps) if not isinstance(self.eps, str) else sympy.Symbol(self.eps)
        grad_p = tuple(sympy.diff(E, s) for s in ps)
        grad_a = tuple(sympy.diff(E, s) for s in as_)
        U = tuple(s - eps * d for s, d in zip(ps, grad_p, strict=True))
        r = None  # no inverse: U and E still exist (an update step), the learner does not
        if self.request is not None or self.error.inverse is not None:
            g = self.inverse()
            r = tuple(g.xreplace({X: s, Z: d}) for s, d in zip(as_, grad_a, strict=True))
        return {"E": E, "grad_p": grad_p, "grad_a": grad_a, "U": U, "r": r,
                "symbols": (ps, as_, bs), "eps": eps}

    def __call__(self, I: ParaMap) -> Learner:
        parts = self.parts(I)
        if parts["r"] is None:
            self.inverse()  # raises: the request needs the inverse of ∂e/∂x(a, ·)
        ps, as_, bs = parts["symbols"]
        srcs = (I.P, I.A, I.B)
        U = FlatMap(srcs, (ps, as_, bs), parts["U"], I.P)
        r = FlatMap(srcs, (ps, as_, bs), parts["r"], I.A)
        return Learner(f"{self}({I.name})", I.A, I.B, I.P, I.I, U, r,
                       f"E = {parts['E']}")
