"""Sound verdicts on exact networks: piecewise linearity, linearity, homogeneity, invariances.

Every decision is one of

* **proved** — by structure (piecewise linearity: the output is built from the inputs
  by ``+``, constant ``·``, ``max``, ``min``, ``|·|`` and piecewise branches on affine
  conditions; positive homogeneity: degrees of homogeneity add up to 1) or by an exact
  symbolic identity on generic symbols for the stated sizes (linearity: every output
  entry expands to a linear form; shift and permutation equivariance: ``f(SX)`` and
  ``S·f(X)`` are the same expression; causality: output row ``i`` mentions no later
  input);
* **refuted** — at an exact witness (small integers for inputs and weights). When the
  values involve ``exp``, ``sqrt`` or ``log`` the two sides are enclosed with python-flint
  ``arb`` balls and the verdict is ``refuted`` only when the enclosures separate.
  Piecewise linearity is refuted by a line ``X + t·D`` on which the restriction is
  analytic near ``t = 0`` (every ``max``/``|·|``/branch is strictly decided there) with a
  nonzero exact second derivative — a PL map is affine on a one-sided neighbourhood of
  every point of a line, so its analytic germ would have ``g''(0) = 0``. Hard
  attention is refuted through the curvature of the tie curve of two scores;
* **unknown** — saying what was tried.

``is_lti`` is linearity and (delay) shift invariance, the first failing one named.
Shift invariance uses the delay ``(SX)_i = X_{i−1}``, ``(SX)_0 = 0`` (zero initial
state) unless ``shift="cyclic"``; equivariance under one step implies it for every
number of steps.

Examples
--------
>>> from coherence.algebra.networks import relu_mlp, attention_head
>>> d = decide_piecewise_linear(relu_mlp((2, 3, 1)))
>>> d.outcome.value, d.method
('proved', 'structure: composition of affine maps and ReLU')
>>> decide_piecewise_linear(attention_head(2, 2)).outcome.value
'refuted'
>>> decide_linear(relu_mlp((1, 1), bias=True)).lhs
'f(0) = [[1]]'
"""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any

import sympy
from coherence.algebra import balls
from coherence.algebra.balls import Unenclosable, enclose
from coherence.algebra.learners import real_at
from coherence.algebra.networks import Matrix, Network
from coherence.checks.verdict import Outcome, Verdict
from coherence.checks.vocabulary import Decision
from flint import ctx

PROVED, REFUTED, UNKNOWN = Outcome.PROVED, Outcome.REFUTED, Outcome.UNKNOWN
EVIDENCE = Outcome.EVIDENCE

_T = sympy.Symbol("t", real=True)
_S, _U = sympy.Symbol("s", real=True), sympy.Symbol("u", real=True)


class _Undecided(Unenclosable):
    """A sign or a branch could not be decided with the precision allowed."""


# -- rigorous numerics ----------------------------------------------------------------------

def _as_expr(e: Any) -> sympy.Expr:
    """A SymPy number from a SymPy value or a Python int/Fraction (never from text)."""
    if isinstance(e, bool) or isinstance(e, str):
        raise TypeError(f"expected a number, got {e!r}")
    if isinstance(e, int):
        return sympy.Integer(e)
    if isinstance(e, Fraction):
        return sympy.Rational(e.numerator, e.denominator)
    return e


def sign(e: sympy.Expr) -> int | None:
    """The exact sign of a constant expression: rational arithmetic, else separated ``arb`` balls.

    ``None`` when no precision up to 1024 bits separates the value from 0 (a value that
    is exactly 0 but not syntactically so is always ``None``).

    >>> sign(sympy.exp(1) - sympy.Rational(27, 10)), sign(sympy.Integer(0))
    (1, 0)
    >>> sign(sympy.log(2) + sympy.log(3) - sympy.log(6)) is None
    True
    """
    return balls.sign(_as_expr(e))


def _enclosure(e: sympy.Expr) -> str:
    if e.is_Rational:
        return str(e)
    for prec in balls.PRECISIONS:
        try:
            with ctx.workprec(prec):
                return str(enclose(e))
        except Unenclosable:
            continue
    return "?"


def _short(e: sympy.Expr, limit: int = 120) -> str:
    text = sympy.sstr(e)
    if e.is_Rational or len(text) <= limit:
        return text
    if e.free_symbols:
        return text[:limit] + "…"
    return f"{_enclosure(e)} (exact form has {len(text)} characters)"


def _show_matrix(M: Matrix) -> str:
    return "[" + ", ".join("[" + ", ".join(_short(M[i, j], 40) for j in range(M.cols)) + "]"
                           for i in range(M.rows)) + "]"


# -- candidate points -----------------------------------------------------------------------

def _candidates(net: Network, seed: int, count: int) -> Iterator[tuple[dict, dict]]:
    """Deterministic (weights, inputs) assignments: small nonzero weights, small inputs."""
    rng = random.Random(seed)
    for k in range(count):
        params = {p: sympy.Integer(rng.choice((1, -1, 2, 1, -2))) for p in net.params}
        if k == 0:
            params = {p: sympy.Integer(1) for p in net.params}
        hi = 1 if k < count // 3 else 3
        xs = {x: sympy.Integer(rng.randint(-hi, hi)) for x in net.inputs}
        yield params, xs


def _weights_text(params: Mapping[sympy.Symbol, Any]) -> str:
    """Weights grouped by matrix: ``W1 = [[1, -1]], b1 = [[2]]``."""
    groups: dict[str, dict[tuple[int, int], Any]] = {}
    loose = []
    for p, v in params.items():
        head, *idx = p.name.rsplit("_", 2)
        if len(idx) == 2 and all(i.isdigit() for i in idx):
            groups.setdefault(head, {})[(int(idx[0]), int(idx[1]))] = v
        else:
            loose.append(f"{p.name} = {v}")
    parts = []
    for head, entries in groups.items():
        rows = 1 + max(i for i, _ in entries)
        cols = 1 + max(j for _, j in entries)
        grid = [[str(entries.get((i, j), "?")) for j in range(cols)] for i in range(rows)]
        parts.append(f"{head} = [" + ", ".join("[" + ", ".join(r) + "]" for r in grid) + "]")
    return ", ".join(parts + loose)


def _with_weights(witness: tuple, params: Mapping) -> tuple:
    return witness + ((("weights", _weights_text(params)),) if params else ())


def _point_text(net: Network, vals: Mapping[sympy.Symbol, Any]) -> tuple[tuple[str, str], ...]:
    """An input point as witness entries: the sequence ``X`` and any other inputs."""
    out = [("X", _show_matrix(net.sequence.xreplace(dict(vals))))]
    others = {s: vals[s] for s in net.inputs if s not in set(net.sequence)}
    if others:
        out.append(("other inputs", _weights_text(others)))
    return tuple(out)


def _eval_at(net: Network, params: Mapping, vals: Mapping) -> Matrix:
    env = dict(params)
    env.update(vals)
    return net.output.xreplace(env)


def _seq_values(net: Network, xs: Mapping[sympy.Symbol, Any]) -> Matrix:
    return net.sequence.xreplace(xs)


def _evaluate(net: Network, params: Mapping, seq_values: Matrix,
              extra: Mapping | None = None) -> Matrix:
    env = dict(params)
    env.update({s: seq_values[i, j] for (i, j), s in _positions(net.sequence)})
    if extra:
        env.update(extra)
    return net.output.xreplace(env)


def _positions(M: Matrix) -> list[tuple[tuple[int, int], sympy.Symbol]]:
    return [((i, j), M[i, j]) for i in range(M.rows) for j in range(M.cols)]


def _defined(net: Network, params: Mapping, *points: Mapping) -> bool:
    """Whether the network is defined over ℝ at each input point (every output entry and
    every root, reciprocal and log inside it real there): SymPy evaluates ``√x·√(x−1)``
    at ``x = −1`` to the real ``−√2``, but no witness may lie outside the map's domain."""
    for point in points:
        env = dict(params)
        env.update(point)
        if not all(real_at(e, env) for e in net.output):
            return False
    return True


def _seq_env(net: Network, seq_values: Matrix) -> dict:
    return {s: seq_values[i, j] for (i, j), s in _positions(net.sequence)}


def _first_difference(A: Matrix, B: Matrix) -> tuple[int, int] | None:
    """The first entry where ``A`` and ``B`` certainly differ (exact or separated balls)."""
    if A.shape != B.shape:
        return (0, 0)
    for i in range(A.rows):
        for j in range(A.cols):
            s = sign(A[i, j] - B[i, j])
            if s:
                return (i, j)
    return None


# -- structure --------------------------------------------------------------------------

def _depends(e: sympy.Expr, xs: frozenset) -> bool:
    return bool(e.free_symbols & xs)


def _polynomial_in(e: sympy.Expr, xs: frozenset) -> bool:
    """A cheap structural test: ``e`` is built from ``xs`` by +, ·, and natural powers."""
    if not _depends(e, xs) or e in xs:
        return True
    if isinstance(e, sympy.Add | sympy.Mul):
        return all(_polynomial_in(a, xs) for a in e.args)
    if isinstance(e, sympy.Pow):
        return bool(e.exp.is_Integer and e.exp >= 0) and _polynomial_in(e.base, xs)
    return False


def _affine_in(e: sympy.Expr, xs: frozenset) -> bool:
    if not _depends(e, xs):
        return True
    if not _polynomial_in(e, xs):
        return False
    poly = e.as_poly(*sorted(xs, key=str))
    return poly is not None and poly.total_degree() <= 1 and not any(
        _depends(c, xs) for c in poly.coeffs())


def _affine_condition(cond: Any, xs: frozenset) -> bool:
    if cond in (sympy.true, sympy.false, True, False):
        return True
    if isinstance(cond, sympy.And | sympy.Or | sympy.Not):
        return all(_affine_condition(c, xs) for c in cond.args)
    if isinstance(cond, sympy.core.relational.Relational):
        diff = cond.lhs - cond.rhs
        if _affine_in(diff, xs):
            return True
        # a polynomial that factors into affine forms has the sign of their product:
        # the condition is a finite Boolean combination of affine half-spaces.
        if not _polynomial_in(diff, xs):
            return False
        # multivariate factorisation over a ring of symbolic weights can take very long;
        # only small conditions are factored (a larger one just stays an obstacle)
        used = diff.free_symbols & xs
        if len(used) > 4 or len(diff.free_symbols) > 8:
            return False
        coeff, factors = sympy.factor_list(diff, *sorted(used, key=str))
        return not _depends(coeff, xs) and all(_affine_in(f, xs) for f, _ in factors)
    return False


def pl_obstacle(e: sympy.Expr, xs: frozenset) -> sympy.Expr | None:
    """The first subexpression that stops a structural PL proof (``None``: ``e`` is PL in ``xs``).

    >>> x, y = sympy.symbols("x y", real=True)
    >>> pl_obstacle(sympy.Max(0, 2*x - y) + abs(x), frozenset({x, y})) is None
    True
    >>> pl_obstacle(x * y, frozenset({x, y}))
    x*y
    """
    if not _depends(e, xs) or e in xs:
        return None
    if isinstance(e, sympy.Add | sympy.Max | sympy.Min):
        for a in e.args:
            bad = pl_obstacle(a, xs)
            if bad is not None:
                return bad
        return None
    if isinstance(e, sympy.Mul):
        dep = [a for a in e.args if _depends(a, xs)]
        if len(dep) != 1:
            return e
        return pl_obstacle(dep[0], xs)
    if isinstance(e, sympy.Abs):
        return pl_obstacle(e.args[0], xs)
    if isinstance(e, sympy.Piecewise):
        for value, cond in e.args:
            if not _affine_condition(cond, xs):
                return cond
            bad = pl_obstacle(value, xs)
            if bad is not None:
                return bad
        return None
    return e


_PL_WORDS = {"affine": "affine maps", "linear": "linear maps", "relu": "ReLU",
             "max_pool": "max-pooling", "conv1d": "convolutions", "conv2d": "convolutions",
             "graph_conv": "graph convolutions", "positional": "a fixed positional encoding",
             "formula": "+, constant ·, max, min and |·|", "rnn": "ReLU recurrences",
             "hard_attention": "hard attention whose score comparisons factor into affine "
                               "forms"}


def _structure_words(net: Network) -> str:
    words: list[str] = []
    for kind in net.kinds:
        for part in kind.replace("residual(", "").replace(")", "").split("+"):
            w = _PL_WORDS.get(part, part.replace("_", " "))
            if w not in words:
                words.append(w)
    if any(k.startswith("residual") for k in net.kinds):
        words.append("residual sums")
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " and " + words[-1]


# -- piecewise linearity ------------------------------------------------------------------

def decide_piecewise_linear(net: Network, *, seed: int = 0, tries: int = 12) -> Decision:
    """Is ``X ↦ f(X)`` piecewise linear (for every value of the weights)?

    >>> from coherence.algebra.networks import weights_as_input
    >>> d = decide_piecewise_linear(weights_as_input(1, 1))
    >>> d.outcome.value, d.rhs
    ('refuted', '0 (what an affine restriction would give)')
    """
    xs = frozenset(net.inputs)
    obstacles = [pl_obstacle(e, xs) for e in net.output]
    if all(o is None for o in obstacles):
        if not any(_depends(e, xs) for e in net.output):
            return Decision(PROVED, "structure: the output does not depend on the input "
                                    "(constant, hence affine)",
                            detail=f"at these sizes the layers ({', '.join(net.layers)}) "
                                   "cancel to a constant; this holds for every weight value")
        if not all(k in _PL_WORDS or k.startswith("residual") for k in net.kinds):
            return Decision(PROVED, "structure: every output entry is built from the inputs "
                                    "by +, constant ·, max, min, |·| and affine branches",
                            detail="the layers that are not PL in general drop out at these "
                                   "sizes; this holds for every weight value")
        return Decision(PROVED, f"structure: composition of {_structure_words(net)}",
                        detail="every output entry is built from the inputs by +, constant ·, "
                               "max, min, |·| and branches on affine conditions; this holds "
                               "for every value of the weights")
    if net.meta is not None and net.kinds == ("hard_attention",):
        d = _hard_attention_witness(net, seed=seed, tries=tries)
        if d is not None:
            return d
    d = _line_witness(net, seed=seed, tries=tries)
    if d is not None:
        return d
    first = next(o for o in obstacles if o is not None)
    return Decision(UNKNOWN, "structure, then restriction to lines",
                    detail=f"not structurally PL (obstacle: {_short(first, 60)}); {tries} lines "
                           f"X + t·D (seed {seed}) gave no certified nonzero second derivative")


def _localize(e: sympy.Expr) -> sympy.Expr:
    """An expression analytic near ``t = 0`` equal to ``e`` there (else ``_Undecided``)."""
    if not e.has(_T):
        return e
    if e == _T:
        return e
    if isinstance(e, sympy.Add | sympy.Mul):
        return e.func(*(_localize(a) for a in e.args))
    if isinstance(e, sympy.Pow):
        base = _localize(e.base)
        at0 = base.xreplace({_T: 0})
        if e.exp.has(_T):
            if sign(at0) != 1:
                raise _Undecided("non-positive base of a variable power")
            return sympy.exp(_localize(e.exp) * sympy.log(base))
        if e.exp.is_Integer and e.exp >= 0:
            return base ** e.exp
        if e.exp.is_Integer:
            if not sign(at0):
                raise _Undecided("pole at t = 0")
            return base ** e.exp
        if sign(at0) != 1:
            raise _Undecided("root of a base that is not positive at t = 0")
        return base ** e.exp
    if isinstance(e, sympy.exp | sympy.sin | sympy.cos | sympy.tanh):
        return e.func(_localize(e.args[0]))
    if isinstance(e, sympy.log):
        arg = _localize(e.args[0])
        if sign(arg.xreplace({_T: 0})) != 1:
            raise _Undecided("log of a non-positive value")
        return sympy.log(arg)
    if isinstance(e, sympy.Abs):
        arg = _localize(e.args[0])
        s = sign(arg.xreplace({_T: 0}))
        if not s:
            raise _Undecided("|·| at a kink")
        return s * arg
    if isinstance(e, sympy.Max | sympy.Min):
        args = [_localize(a) for a in e.args]
        best = args[0]
        for a in args[1:]:
            s = sign((a - best).xreplace({_T: 0}))
            if not s:
                raise _Undecided("max/min at a tie")
            if (s > 0) == isinstance(e, sympy.Max):
                best = a
        return best
    if isinstance(e, sympy.Piecewise):
        for value, cond in e.args:
            if _strict_condition(cond):
                return _localize(value)
        raise _Undecided("no branch applies")
    raise _Undecided(f"{type(e).__name__} is not known to be analytic")


def _strict_condition(cond: Any) -> bool:
    """The truth of ``cond`` on a whole neighbourhood of ``t = 0`` (strict there), else raise.

    The relations still contain ``t``: the sign of ``lhs − rhs`` is taken at ``t = 0``
    and must be nonzero, so the truth value is locally constant.
    """
    if cond in (True, sympy.true):
        return True
    if cond in (False, sympy.false):
        return False
    if isinstance(cond, sympy.And):
        return all(_strict_condition(c) for c in cond.args)
    if isinstance(cond, sympy.Or):
        return any(_strict_condition(c) for c in cond.args)
    if isinstance(cond, sympy.Not):
        return not _strict_condition(cond.args[0])
    if isinstance(cond, sympy.core.relational.Relational):
        if cond.rel_op not in (">", ">=", "<", "<="):
            raise _Undecided(f"condition {cond}")
        s = sign((cond.lhs - cond.rhs).xreplace({_T: 0}))
        if not s:
            raise _Undecided("a branch condition is an equality at t = 0")
        return s > 0 if cond.rel_op in (">", ">=") else s < 0
    raise _Undecided(f"condition {cond}")


def _line_witness(net: Network, *, seed: int, tries: int) -> Decision | None:
    rng = random.Random(seed + 7919)
    for k, (params, xs) in enumerate(_candidates(net, seed, tries)):
        direction = {x: sympy.Integer(rng.choice((-1, 0, 1, 1, 2))) for x in net.inputs}
        if k == 0:
            direction = {x: sympy.Integer(1 + (i % 2)) for i, x in enumerate(net.inputs)}
        if all(v == 0 for v in direction.values()):
            continue
        line = {x: xs[x] + _T * direction[x] for x in net.inputs}
        for idx in range(len(net.output)):
            g = net.output[idx].xreplace(params).xreplace(line)
            try:
                germ = _localize(g)
            except Unenclosable:
                continue
            g2 = sympy.diff(germ, _T, 2).xreplace({_T: 0})
            s = sign(g2)
            if not s:
                continue
            i, j = divmod(idx, net.output.cols)
            X0 = Matrix([[xs[x] for x in net.inputs]]) if _not_sequence(net) else \
                net.sequence.xreplace(xs)
            D = Matrix([[direction[x] for x in net.inputs]]) if _not_sequence(net) else \
                net.sequence.xreplace(direction)
            value = _short(g2)
            return Decision(
                REFUTED, "restriction to a line: analytic and not affine",
                witness=_with_weights((("X", _show_matrix(X0)), ("D", _show_matrix(D)),
                                       ("entry", f"f[{i}, {j}]")), params),
                lhs=f"d²/dt² f[{i}, {j}](X + t·D) at t = 0 is {value}",
                rhs="0 (what an affine restriction would give)",
                detail=f"every max, |·| and branch is strictly decided at t = 0, so t ↦ "
                       f"f(X + t·D) is analytic there; a PL map is affine on a one-sided "
                       f"neighbourhood of t = 0, so its second derivative would be 0 "
                       f"(sign {'+' if s > 0 else '−'} certified"
                       f"{'' if g2.is_Rational else ' by arb ball arithmetic'})",
                witness_values={"X": X0, "D": D, "params": params, "second_derivative": g2})
    return None


def _not_sequence(net: Network) -> bool:
    return set(net.inputs) != set(net.sequence)


def _hard_attention_witness(net: Network, *, seed: int, tries: int) -> Decision | None:
    """Refute PL for hard attention: the jump set in a plane is a curve with curvature."""
    rng = random.Random(seed + 104729)
    for params, xs in _candidates(net, seed, tries):
        d1 = {x: sympy.Integer(rng.randint(-2, 2)) for x in net.inputs}
        d2 = {x: sympy.Integer(rng.randint(-2, 2)) for x in net.inputs}
        plane = {x: xs[x] + _S * d1[x] + _U * d2[x] for x in net.inputs}
        for i, (allowed, scores, V) in enumerate(net.meta):
            if len(allowed) < 2:
                continue
            sc = [sympy.expand(s.xreplace(params).xreplace(plane)) for s in scores]
            vals = V.xreplace(params).xreplace(plane)
            for a, b in itertools.combinations(range(len(allowed)), 2):
                found = _tie_curve(sc, vals, allowed, a, b)
                if found is None:
                    continue
                u0, curvature, col = found
                X0, D1, D2 = (net.sequence.xreplace(m) for m in (xs, d1, d2))
                return Decision(
                    REFUTED, "curvature of the jump set in a plane",
                    witness=_with_weights((
                        ("X", _show_matrix(X0)), ("D1", _show_matrix(D1)),
                        ("D2", _show_matrix(D2)),
                        ("point", f"X + 0·D1 + {_short(u0)}·D2, row {i}, keys "
                                  f"{allowed[a]} and {allowed[b]}")), params),
                    lhs=f"u''(0) = {_short(curvature)} for the tie curve s ↦ u(s) of "
                        f"q_{allowed[a]} = q_{allowed[b]}",
                    rhs="0 (a PL map jumps only along finitely many lines)",
                    detail=f"on the plane X + s·D1 + u·D2 the output f[{i}, {col}] jumps "
                           "exactly along the tie curve of the two scores near the point "
                           "(the other scores are strictly smaller and the two values "
                           "differ there); that curve is analytic with nonzero curvature, "
                           "so no finite set of lines contains it",
                    witness_values={"X": X0, "D1": D1, "D2": D2, "params": params})
    return None


def _tie_curve(sc: Sequence[sympy.Expr], vals: Matrix, allowed: Sequence[int], a: int,
               b: int) -> tuple[sympy.Expr, sympy.Expr, int] | None:
    q = sympy.expand(sc[a] - sc[b])
    q0 = sympy.Poly(q.xreplace({_S: 0}), _U)
    if q0.degree() < 1:
        return None
    for u0 in sorted(sympy.roots(q0, filter=None), key=sympy.default_sort_key):
        if not u0.is_real:
            continue
        at = {_S: 0, _U: u0}
        if any(sign((sc[c] - sc[a]).xreplace(at)) != -1
               for c in range(len(sc)) if c not in (a, b)):
            continue
        qs, qu = sympy.diff(q, _S), sympy.diff(q, _U)
        qu0 = qu.xreplace(at)
        if not sign(qu0):
            continue
        up = -qs.xreplace(at) / qu0
        upp = -(sympy.diff(q, _S, 2) + 2 * sympy.diff(q, _S, _U) * up
                + sympy.diff(q, _U, 2) * up ** 2).xreplace(at) / qu0
        if not sign(upp):
            continue
        for col in range(vals.cols):
            if sign((vals[allowed[a], col] - vals[allowed[b], col]).xreplace(at)):
                return u0, upp, col
    return None


# -- linearity and homogeneity -----------------------------------------------------------

def decide_linear(net: Network, *, seed: int = 0, tries: int = 12) -> Decision:
    """Is ``f(aX + bY) = a·f(X) + b·f(Y)`` for all inputs and scalars (every weight value)?

    >>> from coherence.algebra.networks import relu_mlp
    >>> decide_linear(relu_mlp((2, 1), bias=False)).outcome.value
    'proved'
    """
    xs = sorted(net.inputs, key=str)
    if all(_linear_form(e, xs) for e in net.output):
        return Decision(PROVED, f"exact identity: every output entry expands to a linear form "
                                f"in the {len(xs)} inputs")
    proof = _linear_by_regions(net, xs)
    if proof is not None:
        return proof
    rng = random.Random(seed + 17)
    for params, vals in _candidates(net, seed, tries):
        zero = {x: sympy.Integer(0) for x in vals}
        f0 = _eval_at(net, params, zero)
        pos = _first_difference(f0, f0.applyfunc(lambda _: 0))
        if pos is not None and _defined(net, params, zero):
            return _refute(_how(f0[pos]), "f(0 + 0) = f(0) + f(0), so f(0) = 0",
                           _point_text(net, zero), f"f(0) = {_show_matrix(f0)}", "0", params,
                           point={"X": zero, "law": "zero"})
        other = {x: sympy.Integer(rng.randint(-2, 2)) for x in vals}
        fX, fY = _eval_at(net, params, vals), _eval_at(net, params, other)
        checks = (("−X", {x: -v for x, v in vals.items()}, -fX, "−f(X)", ()),
                  ("X + Y", {x: v + other[x] for x, v in vals.items()}, fX + fY,
                   "f(X) + f(Y)", (("Y", _point_text(net, other)[0][1]),)),
                  ("2X", {x: 2 * v for x, v in vals.items()}, 2 * fX, "2·f(X)", ()))
        for label, moved, rhs, rlabel, extra in checks:
            lhs = _eval_at(net, params, moved)
            pos = _first_difference(lhs, rhs)
            if pos is not None and _defined(net, params, vals, other, moved):
                return _refute(_how(lhs[pos], rhs[pos]), f"f({label}) = {rlabel}",
                               _point_text(net, vals) + extra,
                               f"f({label})[{pos[0]}, {pos[1]}] = {_short(lhs[pos])}",
                               f"({rlabel})[{pos[0]}, {pos[1]}] = {_short(rhs[pos])}", params,
                               point={"X": vals, "Y": other, "law": label, "entry": pos})
    return Decision(EVIDENCE, "exact evaluation at points (not a linear form)",
                    detail=f"f(0) = 0, f(−X) = −f(X), f(X + Y) = f(X) + f(Y) and f(2X) = 2f(X) "
                           f"held exactly at {tries} points; {tries} samples, seed {seed}")


def _linear_by_regions(net: Network, xs: Sequence[sympy.Symbol]) -> Decision | None:
    """PROVED when the map (no free weights) is piecewise affine with affine breakpoints
    and the same linear form on every open cell (:mod:`coherence.checks.pl_regions`)."""
    from coherence.checks.pl_regions import affine_regions, linear_on_every_cell

    if net.params or any(e.free_symbols - set(xs) for e in net.output):
        return None
    cells = affine_regions(list(net.output), xs)
    if cells is None or not linear_on_every_cell(cells, xs):
        return None
    return Decision(PROVED, f"exact case split into {len(cells)} affine regions (breakpoints "
                            "affine, cells with interior found by Z3): the same linear form "
                            "on each, and the map is continuous")


def _linear_form(e: sympy.Expr, xs: Sequence[sympy.Symbol]) -> bool:
    if e == 0:
        return True
    xset = frozenset(xs)
    if not _polynomial_in(e, xset):
        return False
    poly = e.as_poly(*xs)
    if poly is None:
        return False
    return all(sum(m) == 1 for m in poly.monoms()) and not any(
        _depends(c, xset) for c in poly.coeffs())


def _how(*values: sympy.Expr) -> str:
    if all(_as_expr(v).is_Rational for v in values):
        return "exact evaluation"
    return "exact evaluation; arb ball enclosures of the two sides separate"


def _refute(method: str, law: str, witness: tuple, lhs: str, rhs: str, params: Mapping,
            detail: str = "", point: Mapping | None = None) -> Decision:
    w = _with_weights(witness, params)
    return Decision(REFUTED, method, witness=w, lhs=lhs, rhs=rhs,
                    detail="; ".join(x for x in (f"{law} fails", detail) if x),
                    witness_values={"params": dict(params), **(point or {})})


class _NotHomogeneous(Exception):
    pass


_ANY = object()


def _degree(e: sympy.Expr, xs: frozenset) -> Any:
    """Positive-homogeneity degree: ``e(λX) = λ^k·e(X)`` for all ``λ > 0`` (``_ANY`` for 0)."""
    if e == 0:
        return _ANY
    if not _depends(e, xs):
        return Fraction(0)
    if e in xs:
        return Fraction(1)

    def same(ds: list[Any]) -> Any:
        real = {d for d in ds if d is not _ANY}
        if len(real) > 1:
            raise _NotHomogeneous
        return real.pop() if real else _ANY

    if isinstance(e, sympy.Add | sympy.Max | sympy.Min):
        return same([_degree(a, xs) for a in e.args])
    if isinstance(e, sympy.Mul):
        ds = [_degree(a, xs) for a in e.args]
        if any(d is _ANY for d in ds):
            return _ANY
        return sum(ds, Fraction(0))
    if isinstance(e, sympy.Pow) and e.exp.is_Rational and not _depends(e.exp, xs):
        d = _degree(e.base, xs)
        return _ANY if d is _ANY else d * Fraction(int(e.exp.p), int(e.exp.q))
    if isinstance(e, sympy.Abs):
        return _degree(e.args[0], xs)
    if isinstance(e, sympy.exp | sympy.log | sympy.sin | sympy.cos | sympy.tanh):
        if _degree(e.args[0], xs) in (Fraction(0),):
            return Fraction(0)
        raise _NotHomogeneous
    if isinstance(e, sympy.Piecewise):
        ds = []
        for value, cond in e.args:
            _scale_invariant(cond, xs)
            ds.append(_degree(value, xs))
        return same(ds)
    raise _NotHomogeneous


def _scale_invariant(cond: Any, xs: frozenset) -> None:
    if cond in (True, False, sympy.true, sympy.false):
        return
    if isinstance(cond, sympy.And | sympy.Or | sympy.Not):
        for c in cond.args:
            _scale_invariant(c, xs)
        return
    if isinstance(cond, sympy.core.relational.Relational):
        _degree(cond.lhs - cond.rhs, xs)
        return
    raise _NotHomogeneous


def decide_positively_homogeneous(net: Network, *, seed: int = 0, tries: int = 12) -> Decision:
    """Is ``f(λX) = λ·f(X)`` for every ``λ > 0`` (every weight value)?

    >>> from coherence.algebra.networks import relu_mlp
    >>> decide_positively_homogeneous(relu_mlp((2, 3, 1), bias=False)).outcome.value
    'proved'
    >>> decide_positively_homogeneous(relu_mlp((2, 3, 1), bias=True)).witness[0]
    ('X', '[[0, 0]]')
    """
    xs = frozenset(net.inputs)
    try:
        degrees = [_degree(e, xs) for e in net.output]
        if all(d is _ANY or d == 1 for d in degrees):
            return Decision(PROVED, "exact identity: f(λ·X) = λ·f(X) for every λ > 0 on "
                                    "generic symbols (λ passes through +, constant ·, max, min, "
                                    "|·| and scale-invariant branch conditions)")
    except _NotHomogeneous:
        pass
    for params, vals in _candidates(net, seed, tries):
        for point in ({x: sympy.Integer(0) for x in vals}, vals):
            for lam in (2, 3):
                lhs = _eval_at(net, params, {x: lam * v for x, v in point.items()})
                rhs = lam * _eval_at(net, params, point)
                pos = _first_difference(lhs, rhs)
                if pos is not None and _defined(net, params, point,
                                                {x: lam * v for x, v in point.items()}):
                    return _refute(_how(lhs[pos], rhs[pos]), f"f({lam}·X) = {lam}·f(X)",
                                   _point_text(net, point) + (("λ", str(lam)),),
                                   f"f({lam}·X)[{pos[0]}, {pos[1]}] = {_short(lhs[pos])}",
                                   f"{lam}·f(X)[{pos[0]}, {pos[1]}] = {_short(rhs[pos])}",
                                   params, point={"X": point, "lambda": lam, "entry": pos})
    return Decision(UNKNOWN, "structure, then evaluation at points",
                    detail=f"no homogeneity proof; f(λX) = λf(X) held at {tries} points "
                           f"(seed {seed})")


# -- shift, permutation, causality ---------------------------------------------------------

def _delay(M: Matrix, cyclic: bool) -> Matrix:
    n = M.rows
    if cyclic:
        return Matrix(n, M.cols, lambda i, j: M[(i - 1) % n, j])
    return Matrix(n, M.cols, lambda i, j: M[i - 1, j] if i > 0 else 0)


def _same(l: sympy.Expr, r: sympy.Expr, xs: Sequence[sympy.Symbol]) -> bool:
    if l == r:
        return True
    diff = l - r
    if _polynomial_in(diff, frozenset(xs)):
        return sympy.expand(diff) == 0
    return False


def _equivariance(net: Network, transform: Callable[[Matrix], Matrix], name: str,
                  law: str, *, seed: int, tries: int, method: str) -> Decision:
    if set(net.inputs) != set(net.sequence):
        return Decision(UNKNOWN, "not applicable",
                        detail="the inputs are not a single sequence of positions")
    if net.output.rows != net.sequence.rows:
        return Decision(UNKNOWN, "not applicable",
                        detail=f"the output has {net.output.rows} positions and the input "
                               f"{net.sequence.rows}; {name} needs a sequence-to-sequence map")
    X = net.sequence
    moved = transform(X)
    sub = {X[i, j]: moved[i, j] for i in range(X.rows) for j in range(X.cols)}
    lhs_sym = net.output.xreplace(sub)
    rhs_sym = transform(net.output)
    xs = sorted(net.inputs, key=str)
    if all(_same(lhs_sym[k], rhs_sym[k], xs) for k in range(len(lhs_sym))):
        return Decision(PROVED, method)
    for params, vals in _candidates(net, seed, tries):
        Xv = _seq_values(net, vals)
        lhs = _evaluate(net, params, transform(Xv))
        rhs = transform(_evaluate(net, params, Xv))
        pos = _first_difference(lhs, rhs)
        if pos is not None and _defined(net, params, _seq_env(net, Xv),
                                        _seq_env(net, transform(Xv))):
            return _refute(_how(lhs[pos], rhs[pos]),
                           law, (("X", _show_matrix(Xv)),),
                           f"{law.split(' = ')[0]}[{pos[0]}, {pos[1]}] = {_short(lhs[pos])}",
                           f"{law.split(' = ')[1]}[{pos[0]}, {pos[1]}] = {_short(rhs[pos])}",
                           params, point={"X": Xv, "entry": pos})
    return Decision(UNKNOWN, "exact identity, then evaluation at points",
                    detail=f"the symbolic identity did not close and {tries} points "
                           f"(seed {seed}) found no certified difference")


def decide_shift_invariant(net: Network, *, shift: str = "delay", seed: int = 0,
                           tries: int = 12) -> Decision:
    """Is ``f(S·X) = S·f(X)`` for the time shift ``S`` (delay with zero fill, or cyclic)?

    >>> from coherence.algebra.networks import network, conv1d
    >>> decide_shift_invariant(network((3, 1), [conv1d(2)])).outcome.value
    'proved'
    """
    cyclic = shift == "cyclic"
    what = "cyclic shift" if cyclic else "one-step delay (zero initial state)"
    return _equivariance(net, lambda M: _delay(M, cyclic), "shift invariance",
                         "f(S·X) = S·f(X)", seed=seed, tries=tries,
                         method=f"exact identity f(S·X) = S·f(X) on generic symbols for the "
                                f"{what} S on {net.sequence.rows} positions (hence for every "
                                f"power of S)")


def decide_permutation_equivariant(net: Network, *, seed: int = 0, tries: int = 12) -> Decision:
    """Is ``f(P·X) = P·f(X)`` for every permutation ``P`` of the positions?

    >>> from coherence.algebra.networks import attention_head
    >>> decide_permutation_equivariant(attention_head(2, 1)).outcome.value
    'proved'
    """
    n = net.sequence.rows
    if set(net.inputs) != set(net.sequence):
        return Decision(UNKNOWN, "not applicable",
                        detail="the inputs are not a single sequence of positions")
    gens = [(1, 0) + tuple(range(2, n))] if n > 1 else []
    if n > 2:
        gens.append(tuple(range(1, n)) + (0,))
    results = []
    for perm in gens:
        def apply(M: Matrix, perm: tuple[int, ...] = perm) -> Matrix:
            return Matrix(M.rows, M.cols, lambda i, j: M[perm[i], j])

        d = _equivariance(net, apply, "permutation equivariance", "f(π·X) = π·f(X)",
                          seed=seed, tries=tries, method="")
        if d.outcome is REFUTED:
            w = (d.witness or ()) + (("permutation π", f"row i ← row {list(perm)}[i]"),)
            values = dict(d.witness_values or {}, permutation=perm)
            return Decision(REFUTED, d.method, witness=w, lhs=d.lhs, rhs=d.rhs,
                            detail=d.detail, witness_values=values)
        results.append(d)
    if all(d.outcome is PROVED for d in results):
        return Decision(PROVED, f"exact identity f(π·X) = π·f(X) on generic symbols for the "
                                f"generators of S_{n} (a transposition and an n-cycle)")
    bad = next(d for d in results if d.outcome is not PROVED)
    return bad


def decide_causal(net: Network, *, seed: int = 0, tries: int = 12) -> Decision:
    """Does output position ``i`` depend only on input positions ``≤ i``?

    >>> from coherence.algebra.networks import attention_head
    >>> decide_causal(attention_head(3, 1, mask="causal")).outcome.value
    'proved'
    >>> decide_causal(attention_head(2, 1)).outcome.value
    'refuted'
    """
    X = net.sequence
    if net.output.rows != X.rows or set(net.inputs) != set(X):
        return Decision(UNKNOWN, "not applicable",
                        detail="causality needs a sequence-to-sequence map")
    later = [frozenset(X[r, c] for r in range(i + 1, X.rows) for c in range(X.cols))
             for i in range(X.rows)]
    if all(not (net.output[i, j].free_symbols & later[i])
           for i in range(X.rows) for j in range(net.output.cols)):
        return Decision(PROVED, "structure: output row i mentions no input of a later "
                                "position (exact expressions)")
    rng = random.Random(seed + 31)
    for params, vals in _candidates(net, seed, tries):
        Xv = _seq_values(net, vals)
        for i in range(X.rows - 1):
            Xw = Matrix([[Xv[r, c] if r <= i else Xv[r, c] + rng.choice((1, 2, -1))
                          for c in range(X.cols)] for r in range(X.rows)])
            A, B = _evaluate(net, params, Xv), _evaluate(net, params, Xw)
            for j in range(A.cols):
                if sign(A[i, j] - B[i, j]) and _defined(net, params, _seq_env(net, Xv),
                                                         _seq_env(net, Xw)):
                    return _refute(_how(A[i, j], B[i, j]), f"output row {i} ignores later rows",
                                   (("X", _show_matrix(Xv)), ("X′", _show_matrix(Xw))),
                                   f"f(X)[{i}, {j}] = {_short(A[i, j])}",
                                   f"f(X′)[{i}, {j}] = {_short(B[i, j])}", params,
                                   detail=f"X and X′ agree on rows ≤ {i}",
                                   point={"X": Xv, "X′": Xw, "entry": (i, j)})
    return Decision(UNKNOWN, "structure, then evaluation at points",
                    detail=f"later inputs occur syntactically; {tries} points (seed {seed}) "
                           "showed no certified dependence")


def decide_lti(net: Network, *, seed: int = 0, tries: int = 12) -> Decision:
    """Is the network a linear time-invariant system (linear and delay-shift invariant)?

    >>> from coherence.algebra.networks import network, conv1d, attention_head
    >>> decide_lti(network((3, 1), [conv1d(2)])).outcome.value
    'proved'
    >>> d = decide_lti(attention_head(2, 1))
    >>> d.outcome.value, d.detail.startswith("not linear")
    ('refuted', True)
    """
    lin = decide_linear(net, seed=seed, tries=tries)
    if lin.outcome is REFUTED:
        return _reason(lin, "not linear")
    sh = decide_shift_invariant(net, seed=seed, tries=tries)
    if sh.outcome is REFUTED:
        return _reason(sh, "not shift-invariant")
    if lin.outcome is PROVED and sh.outcome is PROVED:
        return Decision(PROVED, f"{lin.method}; {sh.method}")
    return Decision(UNKNOWN, "linearity and shift invariance",
                    detail=f"linear: {lin.outcome.value}; shift-invariant: {sh.outcome.value}")


def _reason(d: Decision, why: str) -> Decision:
    return Decision(d.outcome, d.method, witness=d.witness, lhs=d.lhs, rhs=d.rhs,
                    residual=d.residual, detail=f"{why}: {d.detail}",
                    witness_values=d.witness_values)


# -- verdicts ---------------------------------------------------------------------------

_DECIDERS: dict[str, tuple[Callable[..., Decision], str]] = {
    "piecewise-linear": (decide_piecewise_linear, "{net} is piecewise linear"),
    "linear": (decide_linear, "{net} is linear"),
    "positively-homogeneous": (decide_positively_homogeneous,
                               "{net} is positively homogeneous"),
    "shift-invariant": (decide_shift_invariant, "{net} is shift-invariant"),
    "permutation-equivariant": (decide_permutation_equivariant,
                                "{net} is permutation-equivariant"),
    "causal": (decide_causal, "{net} is causal"),
    "lti": (decide_lti, "{net} is a linear time-invariant system"),
}


def check_network(net: Network, *, only: Sequence[str] | None = None,
                  seed: int = 0) -> tuple[Verdict, ...]:
    """One verdict per property (or those in ``only``), each with its method and witness.

    >>> from coherence.algebra.networks import relu_mlp
    >>> [v.outcome.value for v in check_network(relu_mlp((2, 2, 1)), only=["piecewise-linear",
    ...                                                                    "linear"])]
    ['proved', 'refuted']
    """
    out = []
    for key, (fn, text) in _DECIDERS.items():
        if only is not None and key not in only:
            continue
        t0 = time.perf_counter()
        d = fn(net, seed=seed)
        out.append(Verdict(f"{key}[{net.name}]", d.outcome, method=d.method,
                           statement=text.format(net=net.description or net.name),
                           witness=d.witness, lhs=d.lhs, rhs=d.rhs, residual=d.residual,
                           detail=d.detail, seconds=time.perf_counter() - t0, seed=seed,
                           witness_values=d.witness_values))
    return tuple(out)
