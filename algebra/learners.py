"""Learners A → B (Fong–Spivak–Tuyéras, "Backprop as Functor"), exactly as in SOURCES.md.

A learner ``(P, I, U, r)`` from A to B has a parameter set P, an implementation
``I: P×A→B``, an update ``U: P×A×B→P`` and a request ``r: P×A×B→A``. Sets are
:class:`Real` spaces (ℝⁿ with named coordinates, points are tuples of exact SymPy
numbers or expressions), :class:`FiniteSet` s (points are their elements) and binary
:class:`Product` s (points are pairs), so that ``(P×Q)×R`` and ``P×(Q×R)`` really are
different sets. The maps are exact: SymPy expressions substituted simultaneously, or
finite tables. This module also holds the exact comparison of maps that every learner
and sheaf check relies on (random exact points to refute fast, then an exact identity).

Examples
--------
>>> f = Learner.from_expressions("f", P=Real(("w",)), A=Real(("x",)), B=Real(("y",)),
...     I=["w*x"], U=["w + (y - w*x)*x"], r=["x + (y - w*x)*w"])
>>> g = Learner.from_expressions("g", P=Real(("v",)), A=Real(("y",)), B=Real(("z",)),
...     I=["v*y"], U=["v"], r=["y"])
>>> h = compose(g, f)                      # first f, then g
>>> h.P
Product(left=Real(coords=('w',)), right=Real(coords=('v',)))
>>> h.I(((2,), (3,)), (5,))
(30,)
>>> equivalent(compose(compose(g, f), identity(f.A)), compose(g, compose(f, identity(f.A)))).holds
True
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import partial
from typing import Any, Union

import sympy
from coherence.algebra import balls
from coherence.algebra.errors import InputError
from coherence.algebra.real_functions import FORMULA_FUNCTIONS

# ----------------------------------------------------------------------------- spaces


@dataclass(frozen=True, slots=True)
class Real:
    """ℝⁿ with named coordinates; a point is a tuple of ``n`` exact SymPy values.

    >>> str(Real(("w", "b")))
    'ℝ(w, b)'
    """

    coords: tuple[str, ...]

    def __str__(self) -> str:
        return f"ℝ({', '.join(self.coords)})" if self.coords else "ℝ⁰"


@dataclass(frozen=True, slots=True)
class FiniteSet:
    """A finite set given by its elements (hashable, in a fixed order).

    >>> str(FiniteSet((0, 1), "bits"))
    'bits'
    """

    elements: tuple[Hashable, ...]
    name: str = ""

    def __post_init__(self) -> None:
        if len(set(self.elements)) != len(self.elements):
            twice = next(x for i, x in enumerate(self.elements) if x in self.elements[:i])
            raise InputError("expected distinct elements of a finite set",
                             got=f"{twice!r} twice", context=self.name or None)

    def __str__(self) -> str:
        return self.name or "{" + ", ".join(map(str, self.elements)) + "}"


@dataclass(frozen=True, slots=True)
class Product:
    """The set of pairs ``(x, y)``; nested products are *not* identified.

    >>> str(Product(Real(("w",)), POINT))
    '(ℝ(w) × {∗})'
    """

    left: Space
    right: Space

    def __str__(self) -> str:
        return f"({self.left} × {self.right})"


Space = Union[Real, FiniteSet, Product]  # noqa: UP007 (a runtime alias)
STAR = "∗"
POINT = FiniteSet((STAR,), "{∗}")
"""The one-point set {∗}: the parameter set of identities and braidings."""


def contains(space: Space, x: Any) -> bool:
    """Whether ``x`` is a (concrete) point of ``space``.

    >>> contains(Product(Real(("a",)), POINT), ((1,), "∗"))
    True
    """
    if isinstance(space, Real):
        return (isinstance(x, tuple) and len(x) == len(space.coords)
                and all(_numeric(v) for v in x))
    if isinstance(space, FiniteSet):
        return x in space.elements
    return (isinstance(x, tuple) and len(x) == 2 and contains(space.left, x[0])
            and contains(space.right, x[1]))


def same_set(S: Space, T: Space) -> bool:
    """Whether two spaces are the same set (real coordinates' names are only labels).

    >>> same_set(Real(("x",)), Real(("y",))), same_set(Real(("x",)), POINT)
    (True, False)
    """
    if isinstance(S, Real) and isinstance(T, Real):
        return len(S.coords) == len(T.coords)
    if isinstance(S, Product) and isinstance(T, Product):
        return same_set(S.left, T.left) and same_set(S.right, T.right)
    if isinstance(S, FiniteSet) and isinstance(T, FiniteSet):
        return set(S.elements) == set(T.elements)
    return False


def leaves(space: Space) -> tuple[Space, ...]:
    """The non-product factors of a space, left to right (real ones split per coordinate).

    >>> leaves(Product(Real(("a", "b")), POINT))
    (Real(coords=('a',)), Real(coords=('b',)), FiniteSet(elements=('∗',), name='{∗}'))
    """
    if isinstance(space, Product):
        return leaves(space.left) + leaves(space.right)
    if isinstance(space, Real):
        return tuple(Real((c,)) for c in space.coords)
    return (space,)


def flatten_point(space: Space, x: Any) -> tuple[Any, ...]:
    """A point as the tuple of its leaf values (see :func:`leaves`).

    >>> flatten_point(Product(Real(("a", "b")), POINT), ((1, 2), "∗"))
    (1, 2, '∗')
    """
    if isinstance(space, Product):
        return flatten_point(space.left, x[0]) + flatten_point(space.right, x[1])
    if isinstance(space, Real):
        return tuple(x)
    return (x,)


def build_point(space: Space, flat: Sequence[Any]) -> Any:
    """The inverse of :func:`flatten_point`.

    >>> build_point(Product(Real(("a", "b")), POINT), (1, 2, "∗"))
    ((1, 2), '∗')
    """
    out, rest = _build(space, tuple(flat))
    if rest:
        raise ValueError("too many leaf values")
    return out


def _build(space: Space, flat: tuple[Any, ...]) -> tuple[Any, tuple[Any, ...]]:
    if isinstance(space, Product):
        left, flat = _build(space.left, flat)
        right, flat = _build(space.right, flat)
        return (left, right), flat
    if isinstance(space, Real):
        n = len(space.coords)
        return tuple(flat[:n]), flat[n:]
    return flat[0], flat[1:]


def _symbol(name: str) -> sympy.Symbol:
    return sympy.Symbol(name, real=True)


def generic_points(spaces: Sequence[Space], tags: Sequence[str] | None = None
                   ) -> Iterator[tuple[tuple[Any, ...], dict[str, sympy.Symbol]]]:
    """Points of ``spaces`` that cover everything: symbols for real coordinates, every
    element for finite leaves. Yields ``(points, symbols)``; symbols are named after
    the coordinates, with ``_1``, ``_2``… added where a name repeats.

    >>> pts, syms = next(generic_points([Real(("x",)), FiniteSet((0, 1))]))
    >>> pts, sorted(syms)
    (((x,), 0), ['x'])
    """
    tags = tags or [""] * len(spaces)
    counts: dict[str, int] = {}
    for sp, tag in zip(spaces, tags, strict=True):
        for leaf in leaves(sp):
            if isinstance(leaf, Real):
                counts[tag + leaf.coords[0]] = counts.get(tag + leaf.coords[0], 0) + 1
    seen: dict[str, int] = {}
    symbols: dict[str, sympy.Symbol] = {}
    per_space: list[list[list[Any]]] = []  # per space, per leaf: the choices
    for sp, tag in zip(spaces, tags, strict=True):
        choices = []
        for leaf in leaves(sp):
            if isinstance(leaf, Real):
                base = tag + leaf.coords[0]
                seen[base] = seen.get(base, 0) + 1
                name = base if counts[base] == 1 else f"{base}_{seen[base]}"
                symbols[name] = _symbol(name)
                choices.append([symbols[name]])
            else:
                choices.append(list(leaf.elements))
        per_space.append(choices)
    flat_choices = [c for choices in per_space for c in choices]
    for combo in itertools.product(*flat_choices):
        pts, i = [], 0
        for sp, choices in zip(spaces, per_space, strict=True):
            pts.append(build_point(sp, combo[i:i + len(choices)]))
            i += len(choices)
        yield tuple(pts), symbols


# ------------------------------------------------------------------- exact comparison


@dataclass(frozen=True, slots=True)
class Mismatch:
    """Where two maps differ: the point (symbol values), both sides there, exactly.

    ``certified`` says how the difference was confirmed: "exact rational arithmetic" or
    "interval arithmetic (arb), certified nonzero".
    """

    point: tuple[tuple[str, Any], ...]
    lhs: Any
    rhs: Any
    component: int
    certified: str
    subs: dict = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of comparing two tuples of exact expressions for all values.

    ``status`` is "equal" (an exact identity: ``method`` says which), "different" (with
    a :class:`Mismatch`) or "unknown" (``method`` says what was tried).
    """

    status: str
    method: str
    mismatch: Mismatch | None = None
    points_tried: int = 0
    points_held: int = 0


_SMALL = tuple(sympy.Rational(v) for v in (1, -1, 2, 0, sympy.Rational(1, 2), -2, 3,
                                            sympy.Rational(-1, 3), 5, sympy.Rational(3, 2)))


def admissible(s: sympy.Symbol, v: sympy.Rational) -> bool:
    """Whether the value ``v`` respects the assumptions of ``s`` (positive, integer, …).

    >>> admissible(sympy.Symbol("eps", positive=True), sympy.Integer(0))
    False
    """
    if s.is_positive and not v > 0:
        return False
    if s.is_nonnegative and not v >= 0:
        return False
    if s.is_negative and not v < 0:
        return False
    return not (s.is_integer and not v.is_Integer)


def sample_points(symbols: Sequence[sympy.Symbol], count: int, seed: int = 0,
                  pool: Sequence[sympy.Rational] = _SMALL
                  ) -> list[dict[sympy.Symbol, sympy.Rational]]:
    """``count`` deterministic exact points (small integers and halves by default), seeded,
    each value respecting its symbol's assumptions.

    >>> x = sympy.Symbol("x")
    >>> sample_points([x], 2, seed=1) == sample_points([x], 2, seed=1)
    True
    """
    rng = random.Random(seed)
    choices = {s: [v for v in pool if admissible(s, v)] or [sympy.Integer(1)] for s in symbols}
    out = []
    for _ in range(count):
        out.append({s: rng.choice(choices[s]) for s in symbols})
    return out


_WIDE = tuple(sympy.Rational(n, d) for n in range(-40, 41) for d in (1, 2, 3, 7) if n)


def numeric_sign(value: sympy.Expr) -> int | None:
    """The sign of a closed-form real number, exactly (rationals) or certified by arb.

    Returns -1, 0, 1, or ``None`` when interval arithmetic cannot separate it from 0
    (or when the value is not real or cannot be evaluated).

    >>> numeric_sign(sympy.tanh(1) - sympy.Rational(3, 4))
    1
    >>> numeric_sign(sympy.Integer(0))
    0
    """
    value = _value(value)
    if not value.is_Rational and not value.is_real and value.is_real is not None:
        return None
    return balls.sign(value)


def real_number(value: Any) -> bool:
    """Whether a closed-form value is a real number: rational, or enclosed by an ``arb``
    ball (which fails on ``i``, on roots/logs of negatives and on poles).

    >>> real_number(sympy.sqrt(2) - 1), real_number(sympy.sqrt(-2)), real_number(sympy.zoo)
    (True, False, False)
    """
    value = _value(value)
    if value.is_Rational:
        return True
    if value.free_symbols or value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return False
    import flint

    for prec in balls.PRECISIONS:
        try:
            with flint.ctx.workprec(prec):
                balls.enclose(value)
            return True
        except (balls.Unenclosable, ZeroDivisionError, TypeError):
            continue
    return False


def real_at(expr: Any, point: Mapping[sympy.Symbol, Any]) -> bool:
    """Whether ``expr`` is *defined over ℝ* at ``point``: its value and every partial
    subterm there (roots and other non-integer powers, reciprocals, logs) are real.

    SymPy evaluates ``√x·√(x−1)`` at ``x = −1`` to ``i·i·√2 = −√2``, a real number of a
    term that is undefined over ℝ; a witness is only a witness where it is defined.

    >>> x = sympy.Symbol("x", real=True)
    >>> e = sympy.sqrt(x) * sympy.sqrt(x - 1)
    >>> real_at(e, {x: -1}), real_at(e, {x: 2}), real_number(e.xreplace({x: -1}))
    (False, True, True)
    """
    expr = _value(expr)
    point = dict(point)
    partial_terms = {t for t in sympy.preorder_traversal(expr)
                     if isinstance(t, sympy.log)
                     or (t.is_Pow and not (t.exp.is_Integer and t.exp > 0))}
    return all(real_number(t.xreplace(point)) for t in (expr, *partial_terms))


def _value(e: Any) -> sympy.Expr:
    """An exact SymPy number from a SymPy value, an ``int`` or a ``Fraction``."""
    if isinstance(e, sympy.Basic):
        return e
    if isinstance(e, bool) or not isinstance(e, int | Fraction):
        raise InputError("expected an exact number (int, Fraction or SymPy value)",
                         got=repr(e))
    return sympy.Rational(e.numerator, e.denominator)


def compare_exprs(lhs: Sequence[Any], rhs: Sequence[Any], symbols: Sequence[sympy.Symbol],
                  *, samples: int = 6, seed: int = 0, simplify_limit: int = 400) -> Comparison:
    """Decide whether two tuples of expressions agree for every real value of ``symbols``.

    First exact random points (a certified nonzero difference refutes at once), then an
    exact identity: ``cancel`` for rational functions, ``expand`` and, for small
    expressions, ``simplify`` otherwise. A difference no method settles is "unknown".

    >>> x = sympy.Symbol("x", real=True)
    >>> compare_exprs([(x + 1)**2], [x**2 + 2*x + 1], [x]).status
    'equal'
    >>> c = compare_exprs([x**2], [x], [x])
    >>> c.status, c.mismatch.point, c.mismatch.lhs, c.mismatch.rhs
    ('different', (('x', -1),), 1, -1)
    """
    if len(lhs) != len(rhs):
        raise ValueError("expected tuples of the same length")
    diffs = [_value(a) - _value(b) for a, b in zip(lhs, rhs, strict=True)]
    symbols = list(symbols)
    extra = sorted({x for d in diffs for x in d.free_symbols if x not in symbols}, key=str)
    symbols += extra  # parameters such as a symbolic learning rate vary too
    tried = 0
    points = sample_points(symbols, samples, seed) if symbols else [{}]

    def differs(k: int, pt: Mapping[sympy.Symbol, Any]) -> bool:
        """A certified nonzero difference with both sides real numbers at ``pt``."""
        return bool(numeric_sign(diffs[k].xreplace(pt))) and all(
            real_at(side[k], pt) for side in (lhs, rhs))

    def refute(pts: Sequence[dict[sympy.Symbol, Any]]) -> Comparison | None:
        nonlocal tried
        for pt in pts:
            tried += 1
            for k, d in enumerate(diffs):
                if d == 0 or not differs(k, pt):
                    continue
                pt = _shrink(partial(differs, k), pt, symbols)
                val = d.xreplace(pt)
                left = _value(lhs[k]).xreplace(pt)
                right = _value(rhs[k]).xreplace(pt)
                how = ("exact rational arithmetic" if val.is_Rational
                       else "interval arithmetic (arb), certified nonzero")
                point = tuple((str(s), pt[s]) for s in symbols)
                return Comparison("different", how,
                                  Mismatch(point, left, right, k, how, dict(pt)), tried)
        return None

    found = refute(points)
    if found:
        return found
    methods = set()
    for d in diffs:
        if d == 0:
            methods.add("syntactic identity")
            continue
        if d.is_rational_function(*symbols) and not d.atoms(sympy.Function):
            if sympy.cancel(sympy.together(d)) == 0:
                methods.add("exact rational-function identity (cancel)")
                continue
            # a nonzero rational function is nonzero at almost every point: look wider
            found = refute(sample_points(symbols, 64, seed + 1, _WIDE))
            if found:
                return found
            return Comparison("unknown", "rational difference nonzero but no point found",
                              points_tried=tried)
        if sympy.expand(d) == 0:
            methods.add("exact identity (expand)")
            continue
        if sympy.count_ops(d) <= simplify_limit and sympy.simplify(d) == 0:
            methods.add("exact identity (simplify)")
            continue
        held = sum(1 for pt in points  # undefined points are not samples
                   if all(real_at(side[k], pt) for k in range(len(diffs))
                          for side in (lhs, rhs)))
        return Comparison("unknown", f"no exact identity found; held at {held} of "
                                     f"{len(points)} exact points (the others are outside "
                                     "the domain)" if held < len(points) else
                          f"no exact identity found; held at {held} exact points",
                          points_tried=tried, points_held=held)
    where = ""
    if any(_partial(_value(e)) for e in (*lhs, *rhs)):
        where = ", at every point where both sides are defined"
    return Comparison("equal", (", ".join(sorted(methods)) or "no components") + where,
                      points_tried=tried)


def _partial(e: sympy.Expr) -> bool:
    """Whether ``e`` may be undefined at some real point: a variable under a reciprocal,
    a root or another non-integer power, or a log."""
    return any(t.free_symbols and (isinstance(t, sympy.log)
                                   or (t.is_Pow and not (t.exp.is_Integer and t.exp > 0)))
               for t in sympy.preorder_traversal(e))


def _shrink(differs: Callable[[dict[sympy.Symbol, Any]], bool], pt: dict[sympy.Symbol, Any],
            symbols: Sequence[sympy.Symbol]) -> dict[sympy.Symbol, Any]:
    """Greedily replace coordinates by 0, 1, -1, 2, -2 while the difference stays
    certified nonzero with both sides real (shrinking towards the simplest witness)."""
    pt = dict(pt)
    for s in symbols:
        for cand in (0, 1, -1, 2, -2):
            c = sympy.Integer(cand)
            if not admissible(s, c):
                continue
            if pt[s] == c:
                break
            trial = {**pt, s: c}
            if differs(trial):
                pt = trial
                break
    return pt


def flat_values(space: Space, x: Any) -> tuple[Any, ...]:
    """Leaf values of a point (alias of :func:`flatten_point` for outputs).

    >>> flat_values(Real(("y",)), (3,))
    (3,)
    """
    return flatten_point(space, x)


@dataclass(frozen=True, slots=True)
class MapDifference:
    """Two maps differ (or could not be compared) at an exact argument.

    ``args`` are the arguments (points) where they differ, ``lhs``/``rhs`` both outputs
    there; ``status`` is "different" or "unknown".
    """

    status: str
    args: tuple[Any, ...]
    lhs: Any
    rhs: Any
    how: str
    params: tuple[tuple[str, Any], ...] = ()
    held: int = 0


def compare_maps(f: Callable[..., Any], g: Callable[..., Any], sources: Sequence[Space],
                 target: Space, *, seed: int = 0) -> tuple[str, str, MapDifference | None]:
    """Compare two maps ``sources → target`` everywhere: finite leaves exhaustively,
    real coordinates symbolically. Returns ``(status, method, difference)``.

    >>> R = Real(("x",))
    >>> compare_maps(lambda a: (a[0] * 2,), lambda a: (a[0] + a[0],), [R], R)[0]
    'equal'
    """
    methods: set[str] = set()
    unknown: MapDifference | None = None
    for pts, symbols in generic_points(sources):
        left = flat_values(target, f(*pts))
        right = flat_values(target, g(*pts))
        syms = [symbols[k] for k in sorted(symbols)]
        lx = [(i, a, b) for i, (a, b) in enumerate(zip(left, right, strict=True))
              if _numeric(a) and _numeric(b)]
        for a, b in zip(left, right, strict=True):
            if not (_numeric(a) and _numeric(b)) and a != b:
                return "different", "exhaustive enumeration", MapDifference(
                    "different", pts, f(*pts), g(*pts), "exhaustive enumeration")
        if not lx:
            methods.add("exhaustive enumeration")
            continue
        cmp = compare_exprs([a for _, a, _ in lx], [b for _, _, b in lx], syms, seed=seed)
        if cmp.status == "different":
            sub = cmp.mismatch.subs
            args = tuple(_subs_point(p, sub) for p in pts)
            params = tuple((str(k), v) for k, v in sub.items() if k not in syms)
            return "different", cmp.method, MapDifference(
                "different", args, _subs_point(f(*pts), sub), _subs_point(g(*pts), sub),
                cmp.method, params)
        if cmp.status == "unknown":
            unknown = MapDifference("unknown", pts, f(*pts), g(*pts), cmp.method,
                                    held=cmp.points_held)
        else:
            methods.add(cmp.method)
    if unknown is not None:
        return "unknown", unknown.how, unknown
    return "equal", ", ".join(sorted(methods)), None


def _numeric(x: Any) -> bool:
    return isinstance(x, sympy.Basic | Fraction) or (isinstance(x, int) and not isinstance(x, bool))


def _subs_point(x: Any, sub: Mapping[Any, Any]) -> Any:
    if isinstance(x, tuple):
        return tuple(_subs_point(v, sub) for v in x)
    if isinstance(x, sympy.Basic):
        return x.xreplace(dict(sub))
    return x


def show(x: Any) -> str:
    """A point as text: tuples in parentheses, SymPy values printed plainly.

    >>> show(((1, sympy.Rational(1, 2)), "∗"))
    '((1, 1/2), ∗)'
    """
    if isinstance(x, tuple):
        return "(" + ", ".join(show(v) for v in x) + ")"
    return str(x)


# --------------------------------------------------------------------------- maps


@dataclass(frozen=True)
class ExprMap:
    """A map on real spaces given by SymPy expressions in the coordinates' symbols.

    ``inputs`` are the argument spaces (each :class:`Real`); the expressions use symbols
    named after their coordinates, which must be distinct across the inputs.

    >>> x, w = sympy.symbols("x w", real=True)
    >>> ExprMap((Real(("w",)), Real(("x",))), (w * x,))((2,), (3,))
    (6,)
    """

    inputs: tuple[Real, ...]
    exprs: tuple[sympy.Expr, ...]

    def __call__(self, *points: Any) -> tuple[Any, ...]:
        sub = {}
        for sp, pt in zip(self.inputs, points, strict=True):
            for c, v in zip(sp.coords, pt, strict=True):
                sub[_symbol(c)] = _value(v)
        return tuple(e.xreplace(sub) for e in self.exprs)


@dataclass(frozen=True)
class TableMap:
    """A map on finite sets given by a table from argument tuples to values.

    >>> TableMap({(0, 1): 1, (1, 1): 0})(0, 1)
    1
    """

    table: Mapping[tuple[Any, ...], Any]

    def __call__(self, *args: Any) -> Any:
        return self.table[args]


def _as_expr(text_or_expr: Any, names: set[str], what: str) -> sympy.Expr:
    """Accept SymPy expressions or numbers; strings only through the safe reader."""
    if isinstance(text_or_expr, str):
        from_text = _parse_formula(text_or_expr, names, what)
        return from_text
    e = _value(text_or_expr)
    e = e.xreplace({s: _symbol(s.name) for s in e.free_symbols})
    bad = {s.name for s in e.free_symbols} - names
    if bad:
        raise InputError(f"expected {what} in the coordinates {sorted(names)}",
                         got=repr(sorted(bad)[0]), choices=names)
    return e


_FUNCS: dict[str, Any] = FORMULA_FUNCTIONS


def _parse_formula(text: str, names: set[str], what: str) -> sympy.Expr:
    """Read a formula over the given coordinate names with a whitelisting ``ast`` walk.

    Only numbers, the names, + - * / **, unary minus and the functions in ``_FUNCS``.
    """
    import ast

    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise InputError(f"expected {what} as a formula", got=repr(text)) from exc

    def walk(node: ast.AST) -> sympy.Expr:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            if isinstance(node.value, float):
                return sympy.Rational(str(node.value))
            return sympy.Integer(node.value)
        if isinstance(node, ast.Name):
            if node.id in names:
                return _symbol(node.id)
            if node.id == "pi":
                return sympy.pi
            if node.id == "E":
                return sympy.E
            raise InputError(f"expected {what} in the coordinates {sorted(names)}",
                             got=repr(node.id), choices=sorted(names))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            v = walk(node.operand)
            return -v if isinstance(node.op, ast.USub) else v
        if isinstance(node, ast.BinOp):
            a, b = walk(node.left), walk(node.right)
            ops = {ast.Add: lambda: a + b, ast.Sub: lambda: a - b, ast.Mult: lambda: a * b,
                   ast.Div: lambda: a / b, ast.Pow: lambda: a ** b}
            for op, fn in ops.items():
                if isinstance(node.op, op):
                    return fn()
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in _FUNCS and not node.keywords):
            return _FUNCS[node.func.id](*[walk(a) for a in node.args])
        raise InputError(f"expected {what} built from numbers, coordinates, + - * / ** "
                         f"and {', '.join(sorted(_FUNCS))}", got=repr(ast.unparse(node)))

    return walk(tree)


# ------------------------------------------------------------------------ learners


@dataclass(frozen=True)
class Learner:
    """A learner ``A → B``: ``(P, I, U, r)`` with ``I(p, a)``, ``U(p, a, b)``, ``r(p, a, b)``.

    >>> idA = identity(Real(("x",)))
    >>> idA.I(STAR, (5,)), idA.U(STAR, (5,), (7,)), idA.r(STAR, (5,), (7,))
    ((5,), '∗', (7,))
    """

    name: str
    A: Space
    B: Space
    P: Space
    I: Callable[[Any, Any], Any]
    U: Callable[[Any, Any, Any], Any]
    r: Callable[[Any, Any, Any], Any]
    description: str = ""

    def __str__(self) -> str:
        return f"{self.name}: {self.A} → {self.B} with P = {self.P}"

    def __matmul__(self, other: Learner) -> Learner:
        """``g @ f`` is ``g∘f`` (first ``f``, then ``g``)."""
        return compose(self, other)

    def then(self, other: Learner) -> Learner:
        """``f.then(g)`` is ``g∘f``.

        >>> f = identity(POINT); str(f.then(f).P)
        '({∗} × {∗})'
        """
        return compose(other, self)

    @staticmethod
    def from_expressions(name: str, *, P: Real, A: Real, B: Real, I: Sequence[Any],
                         U: Sequence[Any], r: Sequence[Any]) -> Learner:
        """A learner on real spaces from formulas in the coordinates of P, A and B.

        ``I`` uses P's and A's coordinates; ``U`` and ``r`` also B's (the target).
        Strings are read by a whitelisting reader (never ``sympify``).

        >>> f = Learner.from_expressions("f", P=Real(("w",)), A=Real(("x",)),
        ...     B=Real(("y",)), I=["w*x"], U=["w"], r=["x"])
        >>> f.I((3,), (2,))
        (6,)
        """
        names = list(P.coords) + list(A.coords) + list(B.coords)
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise InputError("expected distinct coordinate names in P, A and B",
                             got=repr(dup[0]), context=f"learner {name}")
        pa, pab = set(P.coords) | set(A.coords), set(names)
        for label, exprs, n in (("I", I, len(B.coords)), ("U", U, len(P.coords)),
                                ("r", r, len(A.coords))):
            if len(exprs) != n:
                raise InputError(f"expected {n} formula(s) for {label}",
                                 got=str(len(exprs)), context=f"learner {name}")
        i_map = ExprMap((P, A), tuple(_as_expr(e, pa, "I") for e in I))
        u_map = ExprMap((P, A, B), tuple(_as_expr(e, pab, "U") for e in U))
        r_map = ExprMap((P, A, B), tuple(_as_expr(e, pab, "r") for e in r))
        return Learner(name, A, B, P, i_map, u_map, r_map,
                       f"I = {tuple(i_map.exprs)}, U = {tuple(u_map.exprs)}, "
                       f"r = {tuple(r_map.exprs)}")

    @staticmethod
    def from_tables(name: str, *, P: FiniteSet, A: FiniteSet, B: FiniteSet,
                    I: Mapping[tuple[Any, Any], Any], U: Mapping[tuple[Any, Any, Any], Any],
                    r: Mapping[tuple[Any, Any, Any], Any]) -> Learner:
        """A learner on finite sets from complete tables (checked for totality).

        >>> bits = FiniteSet((0, 1))
        >>> f = Learner.from_tables("not", P=POINT, A=bits, B=bits,
        ...     I={(STAR, a): 1 - a for a in (0, 1)},
        ...     U={(STAR, a, b): STAR for a in (0, 1) for b in (0, 1)},
        ...     r={(STAR, a, b): 1 - b for a in (0, 1) for b in (0, 1)})
        >>> f.r(STAR, 0, 0)
        1
        """
        for label, table, spaces, out in (("I", I, (P, A), B), ("U", U, (P, A, B), P),
                                          ("r", r, (P, A, B), A)):
            for args in itertools.product(*(s.elements for s in spaces)):
                if args not in table:
                    raise InputError(f"expected a complete table for {label}",
                                     got=f"no entry for {args!r}", context=f"learner {name}")
                if table[args] not in out.elements:
                    raise InputError(f"expected {label}{args!r} in {out}",
                                     got=repr(table[args]), context=f"learner {name}")
        return Learner(name, A, B, P, TableMap(dict(I)), TableMap(dict(U)), TableMap(dict(r)))


def _id_I(p: Any, a: Any) -> Any:
    return a


def _star_U(p: Any, a: Any, b: Any) -> Any:
    return STAR


def _id_r(p: Any, a: Any, b: Any) -> Any:
    return b


def identity(A: Space) -> Learner:
    """The identity learner on A: P = {∗}, I(∗, a) = a, U = ∗, r(∗, a, b) = b.

    >>> identity(FiniteSet((0, 1))).r(STAR, 0, 1)
    1
    """
    return Learner(f"id_{A}", A, A, POINT, _id_I, _star_U, _id_r)


def _comp_I(f: Learner, g: Learner, pq: Any, a: Any) -> Any:
    return g.I(pq[1], f.I(pq[0], a))


def _comp_U(f: Learner, g: Learner, pq: Any, a: Any, c: Any) -> Any:
    p, q = pq
    b = f.I(p, a)
    return (f.U(p, a, g.r(q, b, c)), g.U(q, b, c))


def _comp_r(f: Learner, g: Learner, pq: Any, a: Any, c: Any) -> Any:
    p, q = pq
    return f.r(p, a, g.r(q, f.I(p, a), c))


def compose(g: Learner, f: Learner) -> Learner:
    """``g∘f`` for ``f: A→B`` and ``g: B→C`` (first ``f``), parameters ``P×Q``:

    (I∗J)(p,q,a) = J(q, I(p,a)); (U∗V)(p,q,a,c) = (U(p,a,s(q,I(p,a),c)), V(q,I(p,a),c));
    (r∗s)(p,q,a,c) = r(p,a,s(q,I(p,a),c)).

    >>> bits = FiniteSet((0, 1))
    >>> compose(identity(bits), identity(bits)).I((STAR, STAR), 1)
    1
    """
    if not same_set(f.B, g.A):
        raise InputError(f"expected a learner out of {f.B} to compose after {f.name}",
                         got=f"{g.name} out of {g.A}")
    return Learner(f"{g.name}∘{f.name}", f.A, g.B, Product(f.P, g.P),
                   partial(_comp_I, f, g), partial(_comp_U, f, g), partial(_comp_r, f, g))


def _par_I(f: Learner, g: Learner, pq: Any, ac: Any) -> Any:
    return (f.I(pq[0], ac[0]), g.I(pq[1], ac[1]))


def _par_U(f: Learner, g: Learner, pq: Any, ac: Any, bd: Any) -> Any:
    return (f.U(pq[0], ac[0], bd[0]), g.U(pq[1], ac[1], bd[1]))


def _par_r(f: Learner, g: Learner, pq: Any, ac: Any, bd: Any) -> Any:
    return (f.r(pq[0], ac[0], bd[0]), g.r(pq[1], ac[1], bd[1]))


def tensor(f: Learner, g: Learner) -> Learner:
    """The monoidal product ``f ∥ g: A×C → B×D``, acting componentwise, parameters P×Q.

    >>> bits = FiniteSet((0, 1))
    >>> tensor(identity(bits), identity(bits)).I((STAR, STAR), (0, 1))
    (0, 1)
    """
    return Learner(f"{f.name}∥{g.name}", Product(f.A, g.A), Product(f.B, g.B),
                   Product(f.P, g.P), partial(_par_I, f, g), partial(_par_U, f, g),
                   partial(_par_r, f, g))


def _swap_I(p: Any, ab: Any) -> Any:
    return (ab[1], ab[0])


def _swap_r(p: Any, ab: Any, ba: Any) -> Any:
    return (ba[1], ba[0])


def braiding(A: Space, B: Space) -> Learner:
    """The symmetry ``σ: A×B → B×A``: P = {∗}, I swaps, r swaps the target back.

    >>> s = braiding(FiniteSet((0, 1)), FiniteSet(("a",)))
    >>> s.I(STAR, (1, "a")), s.r(STAR, (1, "a"), ("a", 0))
    (('a', 1), (0, 'a'))
    """
    return Learner(f"σ_{A},{B}", Product(A, B), Product(B, A), POINT, _swap_I, _star_U, _swap_r)


# ---------------------------------------------------------------------- equivalence


@dataclass(frozen=True)
class Equivalence:
    """Whether two learners are equivalent, the bijection of parameters, or why not.

    ``holds`` is True (with ``bijection``/``bijection_text``), False (with ``reason`` and,
    for a given bijection, the exact ``difference``) or None (undecided: ``reason``).
    """

    holds: bool | None
    reason: str
    bijection: Callable[[Any], Any] | None = field(default=None, repr=False)
    bijection_text: str = ""
    difference: MapDifference | None = None
    component: str = ""
    method: str = ""


def rearrangements(P: Space, Q: Space, limit: int = 5040
                   ) -> Iterator[tuple[Callable[[Any], Any], str]]:
    """Bijections ``P → Q`` that permute leaves (coordinates, finite factors) and
    reassociate/drop {∗} factors; identity order first, at most ``limit``.

    >>> P = Product(Product(Real(("a",)), Real(("b",))), Real(("c",)))
    >>> Q = Product(Real(("a",)), Product(Real(("b",)), Real(("c",))))
    >>> phi, text = next(rearrangements(P, Q))
    >>> phi((((1,), (2,)), (3,)))
    ((1,), ((2,), (3,)))
    """
    lp = [leaf for leaf in leaves(P) if leaf != POINT]
    lq = [leaf for leaf in leaves(Q) if leaf != POINT]
    if len(lp) != len(lq):
        return
    kinds = [("R" if isinstance(leaf, Real) else leaf) for leaf in lp]
    kinds_q = [("R" if isinstance(leaf, Real) else leaf) for leaf in lq]
    pos_p = [i for i, leaf in enumerate(leaves(P)) if leaf != POINT]
    pos_q = [i for i, leaf in enumerate(leaves(Q)) if leaf != POINT]
    nq = len(leaves(Q))
    for count, perm in enumerate(itertools.permutations(range(len(lp)))):
        if count >= limit:
            return
        if any(kinds[perm[j]] != kinds_q[j] for j in range(len(lq))):
            continue

        def phi(x: Any, perm: tuple[int, ...] = perm) -> Any:
            flat = flatten_point(P, x)
            vals = [flat[i] for i in pos_p]
            out: list[Any] = [STAR] * nq
            for j, i in enumerate(pos_q):
                out[i] = vals[perm[j]]
            return build_point(Q, out)

        text = ", ".join(f"{_leaf_name(lq[j])} ← {_leaf_name(lp[perm[j]])}"
                         for j in range(len(lq))) or "{∗} ≅ {∗}"
        yield phi, text


def _leaf_name(leaf: Space) -> str:
    return leaf.coords[0] if isinstance(leaf, Real) else str(leaf)


def equivalent(f: Learner, g: Learner, bijection: Callable[[Any], Any] | None = None,
               inverse: Callable[[Any], Any] | None = None) -> Equivalence:
    """Whether ``f ≃ g``: a bijection φ: P_f → P_g with I_g(φp, a) = I_f(p, a),
    U_g(φp, a, b) = φ(U_f(p, a, b)), r_g(φp, a, b) = r_f(p, a, b).

    With ``bijection`` (and, on real spaces, its ``inverse``) that one is checked;
    otherwise leaf permutations/reassociations are searched, identity order first.

    >>> bits = FiniteSet((0, 1))
    >>> i = identity(bits)
    >>> equivalent(compose(i, i), i).holds
    True
    """
    if not (same_set(f.A, g.A) and same_set(f.B, g.B)):
        return Equivalence(False, f"different types: {f.A} → {f.B} vs {g.A} → {g.B}")
    if bijection is not None:
        bad = _check_bijective(f.P, g.P, bijection, inverse)
        if bad:
            raise InputError("expected a bijection of the parameter sets", got=bad)
        return _check_with(f, g, bijection, "the given bijection")
    ef, eg = _all_points(f.P), _all_points(g.P)
    if (ef is None) != (eg is None):
        return Equivalence(False, f"no bijection: one parameter set is finite, the other "
                                  f"uncountable ({f.P} vs {g.P})",
                           method="cardinality")
    if ef is not None and eg is not None:
        return _finite_search(f, g, ef, eg)
    last: Equivalence | None = None
    for phi, text in rearrangements(f.P, g.P):
        res = _check_with(f, g, phi, text)
        if res.holds:
            return res
        if res.holds is None:
            last = res
    if last is not None:
        return Equivalence(None, f"undecided for some rearrangement: {last.reason}")
    return Equivalence(None, f"no leaf permutation/reassociation of {f.P} onto {g.P} carries "
                             "one learner to the other; other bijections were not searched")


def _all_points(space: Space) -> list[Any] | None:
    if any(isinstance(leaf, Real) for leaf in leaves(space)):
        return None
    return [pts[0] for pts, _ in generic_points([space])]


def _finite_search(f: Learner, g: Learner, ef: list[Any], eg: list[Any],
                   limit: int = 40320) -> Equivalence:
    """Every bijection of two finite parameter sets (up to ``limit`` of them)."""
    if len(ef) != len(eg):
        return Equivalence(False, f"no bijection: the parameter sets have {len(ef)} and "
                                  f"{len(eg)} elements", method="cardinality")
    undecided = None
    for count, perm in enumerate(itertools.permutations(range(len(eg)))):
        if count >= limit:
            return Equivalence(None, f"more than {limit} bijections of the parameter sets")
        table = {repr(x): eg[perm[i]] for i, x in enumerate(ef)}
        text = ", ".join(f"{show(x)} ↦ {show(eg[perm[i]])}" for i, x in enumerate(ef))

        def phi(x: Any, table: dict = table) -> Any:
            return table[repr(x)]

        res = _check_with(f, g, phi, text)
        if res.holds:
            return res
        if res.holds is None:
            undecided = res
    if undecided is not None:
        return Equivalence(None, f"undecided under some bijection: {undecided.reason}")
    n = len(ef)
    return Equivalence(False, f"none of the {_factorial(n)} bijections of the {n}-element "
                              "parameter sets carries one learner to the other",
                       method="exhaustive enumeration of bijections")


def _factorial(n: int) -> int:
    out = 1
    for k in range(2, n + 1):
        out *= k
    return out


def _check_bijective(P: Space, Q: Space, phi: Callable[[Any], Any],
                     inverse: Callable[[Any], Any] | None) -> str:
    if isinstance(P, FiniteSet) and isinstance(Q, FiniteSet):
        img = [phi(x) for x in P.elements]
        if sorted(map(repr, img)) != sorted(map(repr, Q.elements)):
            return "the given map is not a bijection of the parameter sets"
        return ""
    if inverse is None:
        return "a bijection of infinite parameter sets needs its inverse to be checked"
    for a, b, src in ((lambda x: inverse(phi(x)), lambda x: x, P),
                      (lambda y: phi(inverse(y)), lambda y: y, Q)):
        status, _, _ = compare_maps(a, b, [src], src)
        if status != "equal":
            return "the given inverse is not a two-sided inverse"
    return ""


def _check_with(f: Learner, g: Learner, phi: Callable[[Any], Any], text: str) -> Equivalence:
    tests = (("I", lambda p, a: g.I(phi(p), a), f.I, (f.P, f.A), f.B),
             ("U", lambda p, a, b: g.U(phi(p), a, b), lambda p, a, b: phi(f.U(p, a, b)),
              (f.P, f.A, f.B), g.P),
             ("r", lambda p, a, b: g.r(phi(p), a, b), f.r, (f.P, f.A, f.B), f.A))
    methods = []
    for label, lhs, rhs, sources, target in tests:
        status, method, diff = compare_maps(lhs, rhs, sources, target)
        if status == "different":
            return Equivalence(False, f"{label} differs under φ ({text})", phi, text, diff,
                               label, method)
        if status == "unknown":
            return Equivalence(None, f"{label} undecided under φ ({text}): {method}", phi,
                               text, diff, label, method)
        methods.append(method)
    return Equivalence(True, f"φ: {text}", phi, text,
                       method=", ".join(sorted(set(methods))))


def same_on_the_nose(f: Learner, g: Learner) -> Equivalence:
    """Whether ``f`` and ``g`` are *equal* (same parameter set, same maps).

    >>> bits = FiniteSet((0, 1)); i = identity(bits)
    >>> same_on_the_nose(compose(i, i), i).reason
    'parameter sets differ as sets: ({∗} × {∗}) vs {∗} (points like (∗, ∗) vs ∗)'
    """
    if not same_set(f.P, g.P):
        ex_f = next(generic_points([f.P]))[0][0]
        ex_g = next(generic_points([g.P]))[0][0]
        return Equivalence(False, f"parameter sets differ as sets: {f.P} vs {g.P} "
                                  f"(points like {show(ex_f)} vs {show(ex_g)})")
    return _check_with(f, g, lambda p: p, "identity")


def distinguishing_point(P: Space, Q: Space, limit: int = 1000) -> tuple[Any, bool] | None:
    """A point in exactly one of two spaces, and whether it lies in ``P``; None if none
    is found among the first ``limit`` generic points of each.

    >>> distinguishing_point(Product(POINT, POINT), POINT)
    (('∗', '∗'), True)
    """
    for A, B, in_p in ((P, Q, True), (Q, P, False)):
        for count, (pts, _) in enumerate(generic_points([A])):
            if count >= limit:
                break
            if not contains(B, pts[0]):
                return pts[0], in_p
    return None


# ------------------------------------------------------------------ generic learners


def generic_learner(name: str, A: str = "a", B: str = "b", P: str = "p") -> Learner:
    """A learner on one real coordinate each, with *uninterpreted* I, U and r.

    An identity between composites of generic learners holds for all learners (the
    composition formulas never look inside I, U, r).

    >>> f = generic_learner("f")
    >>> f.I((sympy.Symbol("p"),), (sympy.Symbol("a"),))
    (I_f(p, a),)
    """
    i_fn, u_fn, r_fn = (sympy.Function(f"{k}_{name}", real=True) for k in "IUr")

    def impl(p: Any, a: Any) -> Any:
        return (i_fn(p[0], a[0]),)

    def update(p: Any, a: Any, b: Any) -> Any:
        return (u_fn(p[0], a[0], b[0]),)

    def request(p: Any, a: Any, b: Any) -> Any:
        return (r_fn(p[0], a[0], b[0]),)

    return Learner(name, Real((A,)), Real((B,)), Real((P,)), impl, update, request,
                   "uninterpreted I, U, r")
