"""Expression trees to Z3: polynomial real/integer arithmetic, exactly, or nothing.

:func:`counterexample_builder` turns a claim's hypotheses and conclusion into a
function from Z3 constants (one per free entry, keyed like
:meth:`~coherence.counterexamples.problem.Variable.entry_names`) to the formula
``assumptions ∧ ¬conclusion``: satisfiable exactly when a counterexample exists, so
``unsat`` is a proof. It returns ``None`` when anything in the claim has no exact
polynomial encoding (``exp``, ``softmax``, division by a non-constant, Hopf objects, …);
the caller then relies on search and evidence.

Encoded: numbers, ``+ - *``, ``/`` by a nonzero constant, ``**`` by a constant natural
exponent (scalars and square matrices), ``@``, ``.T``, constant indexing, comparisons,
``and or not implies``, ``x if p else y``, ``sum/all/any`` over constant ranges, ``det
trace transpose identity zeros diag dot abs max min relu is_symmetric
is_positive_definite is_positive_semidefinite eigenvalues_real
eigenvalues_real_positive``. Eigenvalue predicates use
:mod:`coherence.counterexamples.z3_linalg`: Vieta's relations with existential roots
where the predicate occurs positively in the counterexample condition (sound for
``unsat`` in any polarity), Hermite's quantifier-free criterion where it occurs
negatively (so that models are not spurious).

Examples
--------
>>> import z3
>>> from coherence.checks.expr import parse
>>> from coherence.counterexamples.problem import Variable
>>> A = Variable("A", "real", shape=(2, 2))
>>> build = counterexample_builder([parse("eigenvalues_real_positive(A)", bound=["A"])],
...                                parse("A == A.T", bound=["A"]), (A,))
>>> s = z3.Solver(); s.add(build({n: z3.Real(n) for n in A.entry_names()})); s.check()
sat
>>> counterexample_builder([], parse("exp(x) > 0", bound=["x"]), (Variable("x", "real"),)) is None
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import z3
from coherence.checks import expr as E
from coherence.checks.evaluate import Matrix
from coherence.counterexamples import z3_linalg as L
from coherence.counterexamples.problem import Variable


class NotEncodable(Exception):
    """The expression has no exact polynomial Z3 encoding."""


class _Mat:
    """A matrix of Z3 terms (rows)."""

    __slots__ = ("rows",)

    def __init__(self, rows: list[list[Any]]) -> None:
        self.rows = rows

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.rows), len(self.rows[0]) if self.rows else 0)

    @property
    def T(self) -> _Mat:  # noqa: N802
        return _Mat(L.transpose(self.rows))


def _const(x: Fraction) -> Any:
    return z3.RealVal(f"{x.numerator}/{x.denominator}") if x.denominator != 1 \
        else z3.RealVal(x.numerator)


def _lift(value: Any) -> Any:
    """A constant value (from a ``given`` binding) as Z3 terms."""
    if isinstance(value, bool):
        return z3.BoolVal(value)
    if isinstance(value, Fraction | int):
        return _const(Fraction(value))
    if isinstance(value, Matrix) and value.is_rational:
        return _Mat([[_const(x) for x in row] for row in value.rows])
    raise NotEncodable(f"a {type(value).__name__}")


def _variable_value(var: Variable, terms: Mapping[str, Any]) -> Any:
    names = var.entry_names()
    if not var.shape:
        return terms[names[0]]
    if len(var.shape) == 1:
        return _Mat([[terms[f"{var.name}[{i}]"]] for i in range(var.shape[0])])
    n, m = var.shape
    rows = []
    for i in range(n):
        row = []
        for j in range(m):
            key = f"{var.name}[{i}, {j}]"
            if key not in terms and var.symmetric:
                key = f"{var.name}[{j}, {i}]"
            row.append(terms[key])
        rows.append(row)
    return _Mat(rows)


def _is_bool(x: Any) -> bool:
    return isinstance(x, z3.BoolRef)


def _is_term(x: Any) -> bool:
    return isinstance(x, z3.ArithRef)


class _Encoder:
    def __init__(self, env: Mapping[str, Any]) -> None:
        self.env = dict(env)

    def bool(self, node: E.Expr, pol: int) -> Any:
        v = self.enc(node, pol)
        if not _is_bool(v):
            raise NotEncodable("not a truth value")
        return v

    def term(self, node: E.Expr, pol: int = 0) -> Any:
        v = self.enc(node, pol)
        if isinstance(v, _Mat) and v.shape == (1, 1):
            return v.rows[0][0]
        if not _is_term(v):
            raise NotEncodable("not a number")
        return v

    def enc(self, node: E.Expr, pol: int) -> Any:  # noqa: C901 - one dispatch
        if isinstance(node, E.Num):
            return _const(node.value)
        if isinstance(node, E.Bool):
            return z3.BoolVal(node.value)
        if isinstance(node, E.Name):
            if node.id in self.env:
                return self.env[node.id]
            raise NotEncodable(f"the name {node.id}")
        if isinstance(node, E.Seq):
            items = [self.enc(x, 0) for x in node.items]
            if items and all(isinstance(r, _Mat) and r.shape[1] == 1 for r in items):
                if len({r.shape[0] for r in items}) != 1:
                    raise NotEncodable("a ragged list")
                return _Mat([[row[0] for row in r.rows] for r in items])
            if items and all(_is_term(x) for x in items):
                return _Mat([[x] for x in items])
            raise NotEncodable("a list")
        if isinstance(node, E.Unary):
            if node.op == "not":
                return z3.Not(self.bool(node.operand, -pol))
            v = self.enc(node.operand, pol)
            if node.op == "+":
                return v
            if isinstance(v, _Mat):
                return _Mat([[-x for x in row] for row in v.rows])
            if _is_term(v):
                return -v
            raise NotEncodable("negation")
        if isinstance(node, E.Binary):
            return self.binary(node)
        if isinstance(node, E.Compare):
            parts = []
            left = self.enc(node.operands[0], 0)
            for op, rn in zip(node.ops, node.operands[1:], strict=True):
                right = self.enc(rn, 0)
                parts.append(self.compare(op, left, right))
                left = right
            return z3.And(parts) if len(parts) > 1 else parts[0]
        if isinstance(node, E.Logic):
            vals = [self.bool(x, pol) for x in node.operands]
            return z3.And(vals) if node.op == "and" else z3.Or(vals)
        if isinstance(node, E.Cond):
            test = self.bool(node.test, 0)
            a, b = self.enc(node.then, pol), self.enc(node.orelse, pol)
            if (_is_term(a) and _is_term(b)) or (_is_bool(a) and _is_bool(b)):
                return z3.If(test, a, b)
            raise NotEncodable("a conditional of matrices")
        if isinstance(node, E.Transpose):
            v = self.enc(node.operand, pol)
            if isinstance(v, _Mat):
                return v.T
            if _is_term(v):
                return v
            raise NotEncodable("transpose")
        if isinstance(node, E.Index):
            v = self.enc(node.operand, pol)
            ks = [self.const_int(i) for i in node.indices]
            if not isinstance(v, _Mat):
                raise NotEncodable("indexing")
            n, m = v.shape
            if len(ks) == 2 and 0 <= ks[0] < n and 0 <= ks[1] < m:
                return v.rows[ks[0]][ks[1]]
            if len(ks) == 1 and m == 1 and 0 <= ks[0] < n:
                return v.rows[ks[0]][0]
            if len(ks) == 1 and n == 1 and 0 <= ks[0] < m:
                return v.rows[0][ks[0]]
            raise NotEncodable("an index out of range")
        if isinstance(node, E.Call):
            return self.call(node, pol)
        if isinstance(node, E.Reduce):
            return self.reduce(node, pol)
        raise NotEncodable(type(node).__name__)

    def const_int(self, node: E.Expr) -> int:
        v = self.enc(node, 0)
        v = z3.simplify(v) if _is_term(v) else v
        if z3.is_rational_value(v) and v.denominator_as_long() == 1:
            return v.numerator_as_long()
        if z3.is_int_value(v):
            return v.as_long()
        raise NotEncodable("a non-constant index")

    def const_frac(self, v: Any) -> Fraction | None:
        v = z3.simplify(v)
        if z3.is_rational_value(v):
            return Fraction(v.numerator_as_long(), v.denominator_as_long())
        if z3.is_int_value(v):
            return Fraction(v.as_long())
        return None

    def binary(self, node: E.Binary) -> Any:
        a, b = self.enc(node.left, 0), self.enc(node.right, 0)
        for side in (a, b):
            if not (_is_term(side) or isinstance(side, _Mat)):
                raise NotEncodable("arithmetic on truth values")
        if isinstance(a, _Mat) and a.shape == (1, 1) and _is_term(b):
            a = a.rows[0][0]
        if isinstance(b, _Mat) and b.shape == (1, 1) and _is_term(a):
            b = b.rows[0][0]
        op = node.op
        if op == "%":
            raise NotEncodable("% (remainders are checked pointwise)")
        if op == "@":
            if isinstance(a, _Mat) and isinstance(b, _Mat) and a.shape[1] == b.shape[0]:
                return _Mat(L.matmul(a.rows, b.rows))
            raise NotEncodable("@ of these shapes")
        if op in ("+", "-"):
            f = (lambda x, y: x + y) if op == "+" else (lambda x, y: x - y)
            if _is_term(a) and _is_term(b):
                return f(a, b)
            if isinstance(a, _Mat) and isinstance(b, _Mat) and a.shape == b.shape:
                return _Mat([[f(x, y) for x, y in zip(ra, rb, strict=True)]
                             for ra, rb in zip(a.rows, b.rows, strict=True)])
            raise NotEncodable(f"{op} of these shapes")
        if op == "*":
            if _is_term(a) and _is_term(b):
                return a * b
            if _is_term(a) and isinstance(b, _Mat):
                return _Mat([[a * x for x in row] for row in b.rows])
            if isinstance(a, _Mat) and _is_term(b):
                return _Mat([[x * b for x in row] for row in a.rows])
            raise NotEncodable("* of matrices")
        if op == "/":
            c = self.const_frac(b) if _is_term(b) else None
            if c is None or c == 0:
                raise NotEncodable("division by a non-constant")
            inv = _const(1 / c)
            if _is_term(a):
                return a * inv
            return _Mat([[x * inv for x in row] for row in a.rows])
        if op == "**":
            k = self.const_frac(b) if _is_term(b) else None
            if k is None or k.denominator != 1 or not 0 <= k <= 32:
                raise NotEncodable("a non-constant or negative exponent")
            n = int(k)
            if _is_term(a):
                out: Any = z3.RealVal(1)
                for _ in range(n):
                    out = out * a
                return out
            if a.shape[0] != a.shape[1]:
                raise NotEncodable("power of a non-square matrix")
            size = a.shape[0]
            res = [[z3.RealVal(int(i == j)) for j in range(size)] for i in range(size)]
            for _ in range(n):
                res = L.matmul(res, a.rows)
            return _Mat(res)
        raise NotEncodable(op)

    def compare(self, op: str, a: Any, b: Any) -> Any:
        if isinstance(a, _Mat) and a.shape == (1, 1) and _is_term(b):
            a = a.rows[0][0]
        if isinstance(b, _Mat) and b.shape == (1, 1) and _is_term(a):
            b = b.rows[0][0]
        if _is_term(a) and _is_term(b):
            return {"==": lambda: a == b, "!=": lambda: a != b, "<": lambda: a < b,
                    "<=": lambda: a <= b, ">": lambda: a > b, ">=": lambda: a >= b}[op]()
        if isinstance(a, _Mat) and isinstance(b, _Mat) and op in ("==", "!="):
            if a.shape != b.shape:
                raise NotEncodable("comparison of shapes")
            eq = z3.And([x == y for ra, rb in zip(a.rows, b.rows, strict=True)
                         for x, y in zip(ra, rb, strict=True)])
            return eq if op == "==" else z3.Not(eq)
        if _is_bool(a) and _is_bool(b) and op in ("==", "!="):
            return a == b if op == "==" else a != b
        raise NotEncodable("comparison")

    def matrix_arg(self, node: E.Call, i: int = 0) -> list[list[Any]]:
        v = self.enc(node.args[i], 0)
        if not isinstance(v, _Mat):
            raise NotEncodable("a matrix argument")
        return v.rows

    def square_arg(self, node: E.Call) -> list[list[Any]]:
        rows = self.matrix_arg(node)
        if len(rows) != len(rows[0]) or len(rows) > 4:
            raise NotEncodable("a square matrix of size ≤ 4")
        return rows

    def call(self, node: E.Call, pol: int) -> Any:  # noqa: C901 - one dispatch
        name = node.name
        if node.kwargs:
            raise NotEncodable("keyword arguments")
        method = "vieta" if pol > 0 else "hermite"
        if name == "det":
            return L.det(self.square_arg(node))
        if name == "trace":
            return L.trace(self.square_arg(node))
        if name == "transpose":
            return _Mat(L.transpose(self.matrix_arg(node)))
        if name == "is_symmetric":
            return L.is_symmetric(self.square_arg(node))
        if name == "is_positive_definite":
            rows = self.square_arg(node)
            return z3.And(L.is_symmetric(rows), L.is_positive_definite(rows))
        if name == "is_positive_semidefinite":
            rows = self.square_arg(node)
            return z3.And(L.is_symmetric(rows), L.is_positive_semidefinite(rows))
        if name == "eigenvalues_real":
            return L.eigenvalues_real(self.square_arg(node), method=method)
        if name == "eigenvalues_real_positive":
            return L.eigenvalues_real_positive(self.square_arg(node), method=method)
        if name in ("identity", "zeros"):
            sizes = [self.const_int(a) for a in node.args]
            if not all(0 < s <= 16 for s in sizes):
                raise NotEncodable("a size")
            n = sizes[0]
            m = sizes[1] if len(sizes) > 1 else n
            val = (lambda i, j: int(i == j)) if name == "identity" else (lambda i, j: 0)
            return _Mat([[z3.RealVal(val(i, j)) for j in range(m)] for i in range(n)])
        if name == "diag":
            vals = [self.term(a) for a in node.args]
            n = len(vals)
            return _Mat([[vals[i] if i == j else z3.RealVal(0) for j in range(n)]
                         for i in range(n)])
        if name == "dot":
            a, b = self.matrix_arg(node, 0), self.matrix_arg(node, 1)
            xs = [x for r in a for x in r]
            ys = [y for r in b for y in r]
            if len(xs) != len(ys):
                raise NotEncodable("dot of different lengths")
            return sum((x * y for x, y in zip(xs, ys, strict=True)), z3.RealVal(0))
        if name == "implies":
            p = self.bool(node.args[0], -pol)
            q = self.bool(node.args[1], pol)
            return z3.Implies(p, q)
        if name in ("abs", "relu"):
            x = self.term(node.args[0])
            return z3.If(x >= 0, x, -x) if name == "abs" else z3.If(x >= 0, x, z3.RealVal(0))
        if name in ("max", "min"):
            vals = [self.term(a) for a in node.args]
            out = vals[0]
            for v in vals[1:]:
                out = z3.If(v > out, v, out) if name == "max" else z3.If(v < out, v, out)
            return out
        if name == "sum" and len(node.args) == 1:
            v = self.enc(node.args[0], 0)
            if isinstance(v, _Mat):
                return sum((x for r in v.rows for x in r), z3.RealVal(0))
        raise NotEncodable(f"the function {name}")

    def reduce(self, node: E.Reduce, pol: int) -> Any:
        results: list[Any] = []

        def loop(k: int) -> None:
            if k == len(node.loops):
                results.append(self.bool(node.body, pol) if node.op != "sum"
                               else self.term(node.body))
                return
            lp = node.loops[k]
            start, stop = self.const_int(lp.start), self.const_int(lp.stop)
            if stop - start > 64:
                raise NotEncodable("a long range")
            saved = self.env.get(lp.var)
            for i in range(start, stop):
                self.env[lp.var] = z3.RealVal(i)
                loop(k + 1)
            if saved is None:
                self.env.pop(lp.var, None)
            else:
                self.env[lp.var] = saved

        loop(0)
        if node.op == "sum":
            return sum(results, z3.RealVal(0))
        if node.op == "all":
            return z3.And(results) if results else z3.BoolVal(True)
        return z3.Or(results) if results else z3.BoolVal(False)


def _probe(variables: Sequence[Variable]) -> dict[str, Any]:
    """One Z3 constant per free entry, for a dry run of a builder in the parent."""
    return {name: z3.Int(name) if var.kind == "integer" else z3.Real(name)
            for var in variables for name in var.entry_names()}


def counterexample_builder(
    assuming: Sequence[E.Expr],
    then: E.Expr,
    variables: Sequence[Variable],
    constants: Mapping[str, Any] | None = None,
) -> Callable[[Mapping[str, Any]], Any] | None:
    """A builder of ``assumptions ∧ ¬then`` over Z3 constants, or ``None`` when not encodable.

    ``constants`` are values of ``given`` bindings (numbers and rational matrices only).

    >>> from coherence.checks.expr import parse
    >>> x = Variable("x", "real")
    >>> hyp, then = parse("x > 1", bound="x"), parse("x ** 2 > 1", bound="x")
    >>> b = counterexample_builder([hyp], then, (x,))
    >>> s = z3.Solver(); s.add(b({"x": z3.Real("x")})); s.check()
    unsat
    """
    try:
        lifted = {k: _lift(v) for k, v in (constants or {}).items()}
    except NotEncodable:
        lifted = None

    def build(terms: Mapping[str, Any]) -> Any:
        env = dict(lifted or {})
        for var in variables:
            env[var.name] = _variable_value(var, terms)
        enc = _Encoder(env)
        hyps = [enc.bool(a, +1) for a in assuming]
        return z3.And([*hyps, z3.Not(enc.bool(then, -1))])

    # dry run in the parent: is everything encodable?
    if lifted is None and constants:
        used = set().union(*(E.free_names(a) for a in assuming), E.free_names(then))
        if used & set(constants):
            return None
    try:
        build(_probe(variables))
    except (NotEncodable, z3.Z3Exception, ValueError, TypeError, KeyError, IndexError):
        return None
    return build


def _definedness(enc: _Encoder, node: E.Expr) -> list[Any]:
    """Conditions every point where ``node`` is evaluated to a value must meet: the
    arguments of ``log`` positive, of ``sqrt`` non-negative, divisors nonzero, bases of
    negative powers nonzero and of fractional powers non-negative — for the parts that
    are evaluated whenever ``node`` is (not the branches of ``x if p else y``, the
    operands of ``and``/``or`` after the first, the conclusion of ``implies``, the later
    links of a chained comparison, the bodies of ``sum``/``all``/``any``). Parts with no
    polynomial encoding contribute nothing, which only weakens the conditions."""
    out: list[Any] = []

    def term(x: E.Expr) -> Any:
        try:
            return enc.term(x)
        except (NotEncodable, z3.Z3Exception, ValueError, TypeError, KeyError, IndexError):
            return None

    def visit(n: E.Expr) -> None:
        if isinstance(n, E.Call):
            if n.name == "implies":
                children: tuple[E.Expr, ...] = n.args[:1]
            else:
                children = (*n.args, *(v for _, v in n.kwargs))
                if n.name in ("log", "sqrt") and len(n.args) == 1 and not n.kwargs:
                    t = term(n.args[0])
                    if t is not None:
                        out.append(t > 0 if n.name == "log" else t >= 0)
        elif isinstance(n, E.Binary):
            children = (n.left, n.right)
            if n.op == "/":
                t = term(n.right)
                if t is not None:
                    out.append(t != 0)
            elif n.op == "**" and isinstance(n.right, E.Num):
                k = n.right.value
                t = term(n.left) if (k < 0 or k.denominator != 1) else None
                if t is not None:
                    if k < 0:
                        out.append(t != 0)
                    if k.denominator != 1:
                        out.append(t >= 0)
        elif isinstance(n, E.Logic):
            children = n.operands[:1]
        elif isinstance(n, E.Compare):
            children = n.operands[:2]
        elif isinstance(n, E.Cond):
            children = (n.test,)
        elif isinstance(n, E.Reduce):
            children = ()
        elif isinstance(n, E.Unary | E.Transpose):
            children = (n.operand,)
        elif isinstance(n, E.Index):
            children = (n.operand, *n.indices)
        elif isinstance(n, E.Seq):
            children = tuple(n.items)
        else:
            children = ()
        for c in children:
            visit(c)

    visit(node)
    return out


#: Ranges of total functions without a polynomial encoding, as facts about a fresh
#: variable standing for their value (never linked to the argument, so that a value in
#: a branch that is not evaluated constrains nothing else).
_RANGES: dict[str, Callable[[Any], list[Any]]] = {
    "exp": lambda v: [v > 0],
    "sigmoid": lambda v: [v > 0, v < 1],
    "tanh": lambda v: [v > -1, v < 1],
    "sqrt": lambda v: [v >= 0],
    "log": lambda v: [],
}


class _Abstracting(_Encoder):
    """An encoder that stands for ``exp``, ``sqrt``, … of a scalar by a fresh variable
    with the function's range: an over-approximation, so ``unsat`` stays a proof (only
    for conditions that must hold, never to read a model)."""

    def __init__(self, env: Mapping[str, Any]) -> None:
        super().__init__(env)
        self.facts: list[Any] = []

    def call(self, node: E.Call, pol: int) -> Any:
        try:
            return super().call(node, pol)
        except NotEncodable:
            facts = _RANGES.get(node.name)
            if facts is None or len(node.args) != 1 or node.kwargs:
                raise
            self.term(node.args[0])  # a scalar argument, itself encodable
            v = z3.FreshReal(node.name)
            self.facts.extend(facts(v))
            return v


def admissible_builder(
    assuming: Sequence[E.Expr],
    then: E.Expr,
    variables: Sequence[Variable],
    constants: Mapping[str, Any] | None = None,
) -> Callable[[Mapping[str, Any]], Any] | None:
    """A builder of conditions that every *admissible* point meets — a point where every
    assumption holds and every expression of the claim is defined — or ``None`` when
    nothing can be encoded. Assumptions without an encoding are left out, so the
    conditions are necessary, not sufficient: ``unsat`` proves that no point of the
    domain is admissible, i.e. that the claim holds *vacuously*.

    >>> from coherence.checks.expr import parse
    >>> x = Variable("x", "real")
    >>> b = admissible_builder([], parse("log(x) == 7", bound="x"), (x,))
    >>> s = z3.Solver(); s.add(b({"x": z3.Real("x")}), z3.Real("x") <= -1); s.check()
    unsat
    """
    try:
        lifted = {k: _lift(v) for k, v in (constants or {}).items()}
    except NotEncodable:
        lifted = {}

    def build(terms: Mapping[str, Any]) -> Any:
        env = dict(lifted)
        for var in variables:
            env[var.name] = _variable_value(var, terms)
        enc = _Abstracting(env)
        facts: list[Any] = []
        for a in assuming:
            try:
                facts.append(enc.bool(a, +1))
            except (NotEncodable, z3.Z3Exception, ValueError, TypeError, KeyError,
                    IndexError):
                pass
            facts.extend(_definedness(enc, a))
        facts.extend(_definedness(enc, then))
        facts.extend(enc.facts)
        return z3.And(facts) if facts else None

    try:
        if build(_probe(variables)) is None:
            return None
    except (NotEncodable, z3.Z3Exception, ValueError, TypeError, KeyError, IndexError):
        return None
    return build
