"""Exact evaluation of an expression tree at a point.

Values are exact. A scalar is a :class:`fractions.Fraction` (the fast path, every
rational) or a SymPy expression for anything irrational (``sqrt(2)``, an eigenvalue as a
``CRootOf``, ``exp(1)``). A matrix or vector is a :class:`Matrix` (rows of scalars;
vectors are ``n×1``). Other values (elements and maps of a Hopf algebra, networks, …)
come from the vocabulary and use their own exact operators.

Comparisons are rigorous: rationals are compared directly; anything else is enclosed
in python-flint ``arb`` balls at rising precision and decided only when the enclosures
separate (exact zero tests for algebraic numbers; an exact simplification to 0 for
transcendental ones). When nothing decides a comparison, :class:`Undecidable` is raised
and the point counts as *undecided*, never as a counterexample.

Points where an expression is undefined — division by zero, the inverse of a singular
matrix, ``log`` of a non-positive number, ``sqrt`` of a negative number, comparing a
non-real number — raise :class:`Undefined`: such points are skipped like points where
an assumption fails. Mistakes in the claim itself (wrong shapes, wrong types) raise
:class:`~coherence.algebra.errors.InputError` with the column.

Examples
--------
>>> from coherence.checks.expr import parse
>>> A = Matrix.of([[1, 1], [0, 1]])
>>> truth(parse("A == A.T", bound=["A"]), Env({"A": A}))
False
>>> evaluate(parse("det(A) + trace(A)", bound=["A"]), Env({"A": A}))
Fraction(3, 1)
>>> truth(parse("exp(1) > 2.718", bound=[]), Env({}))
True
>>> truth(parse("1/x > 0", bound=["x"]), Env({"x": Fraction(0)}))
Traceback (most recent call last):
...
coherence.checks.evaluate.Undefined: division by zero
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import flint
import sympy
from coherence.algebra.balls import Unenclosable, enclose
from coherence.algebra.errors import InputError
from coherence.algebra.limits import check_exponent, check_power, int_text
from coherence.checks import expr as E
from coherence.checks import vocabulary
from coherence.checks.verdict import Outcome
from coherence.counterexamples.exact import compare_at
from sympy.polys.polyerrors import CoercionFailed

Scalar = Any  # Fraction | sympy.Expr


#: The folder of the claim file being decided (relative paths in it resolve there).
BASE_DIR: ContextVar[str | None] = ContextVar("coherence_claims_base_dir", default=None)
#: The project root of that claim file: structure files it names must lie inside it.
PROJECT_ROOT: ContextVar[str | None] = ContextVar("coherence_project_root", default=None)


class Undefined(ArithmeticError):
    """The expression has no value at this point (division by zero, singular inverse, …)."""


class Undecidable(ArithmeticError):
    """A comparison could not be decided rigorously at this point."""


# -- scalars ----------------------------------------------------------------------------------
def is_scalar(x: Any) -> bool:
    """Whether ``x`` is an exact scalar (a rational or a SymPy number).

    >>> is_scalar(Fraction(1, 2)), is_scalar(sympy.sqrt(2)), is_scalar("a")
    (True, True, False)
    """
    if isinstance(x, bool):
        return False
    return isinstance(x, Fraction | int) or isinstance(x, sympy.Expr)


def norm(x: Any) -> Scalar:
    """The canonical form of a scalar: ``Fraction`` when rational, else a SymPy expression.

    >>> norm(sympy.Rational(1, 2)), norm(3)
    (Fraction(1, 2), Fraction(3, 1))
    """
    if isinstance(x, Fraction):
        return x
    if isinstance(x, int) and not isinstance(x, bool):
        return Fraction(x)
    if isinstance(x, sympy.Expr):
        if x.is_Rational:
            return Fraction(int(x.p), int(x.q))
        if x.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            raise Undefined("not a finite number")
        return x
    raise TypeError(f"not a scalar: {x!r}")


def to_sympy(x: Scalar) -> sympy.Expr:
    """A scalar as a SymPy expression (rationals become ``Rational``).

    >>> to_sympy(Fraction(2, 3))
    2/3
    """
    if isinstance(x, Fraction):
        return sympy.Rational(x.numerator, x.denominator)
    if isinstance(x, int):
        return sympy.Integer(x)
    return x


def is_symbolic(x: Any) -> bool:
    """Whether ``x`` is a SymPy expression with free symbols (a generic value, not a number).

    >>> is_symbolic(sympy.Symbol("a") + 1), is_symbolic(Fraction(1))
    (True, False)
    """
    return isinstance(x, sympy.Basic) and bool(x.free_symbols)


def nonzero_or_undefined(x: Scalar, what: str = "division by zero") -> None:
    """Raise :class:`Undefined` when ``x`` is exactly 0 (symbolic values pass).

    >>> nonzero_or_undefined(Fraction(2))
    """
    if is_symbolic(x):
        if sympy.simplify(x) == 0:
            raise Undefined(what)
        return
    if sign(x) == 0:
        raise Undefined(what)


def _sym_op(op: Callable[[Any, Any], Any], a: Scalar, b: Scalar) -> Scalar:
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        return op(a, b)
    return norm(op(to_sympy(a), to_sympy(b)))


_TRANSCENDENTAL = (sympy.exp, sympy.log, sympy.tanh, sympy.sin, sympy.cos, sympy.sinh, sympy.cosh,
                   sympy.floor, sympy.ceiling, sympy.sign)


def _arb(e: Any) -> flint.arb:
    """An arb ball enclosing the SymPy number ``e`` (see counterexamples.exact.enclose)."""
    try:
        return enclose(e)
    except Unenclosable as err:
        raise Undecidable(str(err)) from None


def sign(x: Scalar) -> int:
    """The exact sign of a real scalar: ``-1``, ``0`` or ``1``.

    Raises :class:`Undecidable` when balls do not separate and no exact test applies,
    :class:`Undefined` for a non-real number.

    >>> sign(sympy.sqrt(2) - Fraction(7, 5)), sign(sympy.exp(1) - sympy.E)
    (1, 0)
    """
    if isinstance(x, Fraction | int):
        return (x > 0) - (x < 0)
    if x.free_symbols:
        raise Undecidable("a symbolic value has no sign")
    x = sympy.expand(x) if x.is_Add else x
    if x.is_Rational:
        return sign(norm(x))
    if x.is_real is False:
        raise Undefined("comparison of a non-real number")
    try:
        result = compare_at(lambda: _arb(x), lambda: flint.arb(0))
    except Undecidable:
        result = None
    if result is not None:
        return result
    if x.is_real is not True and x.has(sympy.I):
        raise Undefined("comparison of a possibly non-real number")
    if not x.has(*_TRANSCENDENTAL) and not x.has(sympy.pi, sympy.E):
        try:
            mp = sympy.minimal_polynomial(x, sympy.Dummy("t"), polys=True)
        except (NotImplementedError, sympy.PolynomialError, ValueError,
                sympy.polys.polyerrors.NotAlgebraic):
            mp = None
        if mp is not None and mp.degree() == 1 and mp.TC() == 0:
            return 0
    elif sympy.count_ops(x) <= 200 and (sympy.simplify(x.rewrite(sympy.exp)) == 0
                                        or sympy.simplify(x) == 0):  # exp form first: fast
        return 0
    raise Undecidable(f"could not decide the sign of {x}")


def compare_scalars(op: str, a: Scalar, b: Scalar) -> bool:
    """Decide ``a op b`` exactly for real scalars.

    >>> compare_scalars("<", Fraction(1, 3), sympy.sqrt(2) - 1)
    True
    """
    s = sign(_sym_op(operator.sub, a, b))
    return {"==": s == 0, "!=": s != 0, "<": s < 0, "<=": s <= 0, ">": s > 0, ">=": s >= 0}[op]


# -- matrices ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Matrix:
    """An exact matrix: a tuple of rows of scalars. Vectors are ``n×1``.

    >>> M = Matrix.of([[1, 2], [3, 4]])
    >>> M.shape, str(M.T)
    ((2, 2), '[[1, 3], [2, 4]]')
    >>> str(Matrix.of([[Fraction(1, 2)], [0]]))
    '[1/2, 0]'
    """

    rows: tuple[tuple[Scalar, ...], ...]

    @staticmethod
    def of(rows: Sequence[Sequence[Any]]) -> Matrix:
        """Build from nested sequences of numbers (each entry normalised)."""
        return Matrix(tuple(tuple(norm(x) for x in row) for row in rows))

    @staticmethod
    def column(values: Sequence[Any]) -> Matrix:
        """A column vector.

        >>> Matrix.column([1, 2]).shape
        (2, 1)
        """
        return Matrix(tuple((norm(x),) for x in values))

    @property
    def shape(self) -> tuple[int, int]:
        """``(rows, columns)``."""
        return (len(self.rows), len(self.rows[0]) if self.rows else 0)

    @property
    def T(self) -> Matrix:  # noqa: N802 - the mathematical name
        """The transpose."""
        n, m = self.shape
        return Matrix(tuple(tuple(self.rows[i][j] for i in range(n)) for j in range(m)))

    @property
    def is_rational(self) -> bool:
        """Whether every entry is rational."""
        return all(isinstance(x, Fraction) for row in self.rows for x in row)

    def entries(self) -> tuple[Scalar, ...]:
        """The entries row by row."""
        return tuple(x for row in self.rows for x in row)

    def to_sympy(self) -> sympy.ImmutableMatrix:
        """As a SymPy immutable matrix."""
        return sympy.ImmutableMatrix([[to_sympy(x) for x in row] for row in self.rows])

    def to_domain_matrix(self) -> Any:
        """As a ``DomainMatrix`` over QQ (rational entries only)."""
        from sympy.polys.domains import QQ
        from sympy.polys.matrices import DomainMatrix

        rows = [[QQ(x.numerator, x.denominator) for x in row] for row in self.rows]
        return DomainMatrix(rows, self.shape, QQ)

    def map(self, f: Callable[[Scalar], Scalar]) -> Matrix:
        """Apply ``f`` to every entry."""
        return Matrix(tuple(tuple(f(x) for x in row) for row in self.rows))

    def __str__(self) -> str:
        n, m = self.shape
        if m == 1:
            return "[" + ", ".join(scalar_text(r[0]) for r in self.rows) + "]"
        return "[" + ", ".join("[" + ", ".join(map(scalar_text, r)) + "]" for r in self.rows) + "]"


def scalar_text(x: Any) -> str:
    """A scalar as readable text: ``1/2``, ``-3``, ``sqrt(2)``.

    >>> scalar_text(Fraction(-3, 1)), scalar_text(Fraction(1, 2))
    ('-3', '1/2')
    """
    if isinstance(x, Fraction):  # past 4 000 digits: size and last digits (int_text)
        return int_text(x.numerator) if x.denominator == 1 \
            else f"{int_text(x.numerator)}/{int_text(x.denominator)}"
    if isinstance(x, int) and not isinstance(x, bool):
        return int_text(x)
    if isinstance(x, sympy.Rational):
        return scalar_text(Fraction(int(x.p), int(x.q)))
    if isinstance(x, sympy.Basic):
        return sympy.sstr(x)
    return str(x)


def as_matrix(x: Any, what: str = "a matrix") -> Matrix:
    """Coerce a matrix, a nested list/tuple of numbers, or a flat one (a column vector).

    >>> as_matrix((1, 2)).shape, as_matrix(((1, 2), (3, 4))).shape
    ((2, 1), (2, 2))
    """
    if isinstance(x, Matrix):
        return x
    if isinstance(x, tuple | list) and x:
        if all(is_scalar(v) for v in x):
            return Matrix.column(x)
        if all(isinstance(r, tuple | list) and r and all(is_scalar(v) for v in r) for r in x):
            if len({len(r) for r in x}) == 1:
                return Matrix.of(x)
    raise InputError(f"expected {what}", got=describe(x))


def describe(x: Any) -> str:
    """A short description of a value's type for error messages.

    >>> describe(Matrix.of([[1, 2]])), describe(Fraction(1))
    ('a 1×2 matrix', 'a number')
    """
    if isinstance(x, Matrix):
        n, m = x.shape
        return f"a vector of length {n}" if m == 1 else f"a {n}×{m} matrix"
    if isinstance(x, bool):
        return "a truth value"
    if is_scalar(x):
        return "a number"
    if isinstance(x, str):
        return "a string"
    if isinstance(x, tuple):
        return f"a list of {len(x)}"
    if isinstance(x, Partial):
        return f"the bare name {x.entry.name!r}"
    return getattr(x, "kind_name", None) or f"a {type(x).__name__}"


def matmul(A: Matrix, B: Matrix) -> Matrix:
    """The matrix product (shapes checked).

    >>> str(matmul(Matrix.of([[1, 1], [0, 1]]), Matrix.of([[1, 0], [1, 1]])))
    '[[2, 1], [1, 1]]'
    """
    n, k = A.shape
    k2, m = B.shape
    if k != k2:
        raise InputError(f"expected a matrix with {k} rows on the right of @",
                         got=describe(B) + f" (left is {describe(A)})")
    if A.is_rational and B.is_rational:
        rows = tuple(tuple(sum((A.rows[i][t] * B.rows[t][j] for t in range(k)), Fraction(0))
                           for j in range(m)) for i in range(n))
        return Matrix(rows)
    out = []
    for i in range(n):
        row = []
        for j in range(m):
            acc = sympy.Integer(0)
            for t in range(k):
                acc += to_sympy(A.rows[i][t]) * to_sympy(B.rows[t][j])
            row.append(norm(sympy.expand(acc) if acc.has(sympy.Symbol) else acc))
        out.append(tuple(row))
    return Matrix(tuple(out))


def elementwise(op: Callable[[Any, Any], Any], A: Matrix, B: Matrix, sym: str) -> Matrix:
    """Entry-wise ``op`` of two matrices of one shape."""
    if A.shape != B.shape:
        raise InputError(f"expected operands of one shape for {sym}",
                         got=f"{describe(A)} and {describe(B)}")
    return Matrix(tuple(tuple(_sym_op(op, a, b) for a, b in zip(ra, rb, strict=True))
                        for ra, rb in zip(A.rows, B.rows, strict=True)))


def identity_matrix(n: int) -> Matrix:
    """The ``n×n`` identity.

    >>> str(identity_matrix(2))
    '[[1, 0], [0, 1]]'
    """
    return Matrix(tuple(tuple(Fraction(int(i == j)) for j in range(n)) for i in range(n)))


def inverse(A: Matrix) -> Matrix:
    """The exact inverse; :class:`Undefined` when ``A`` is singular.

    >>> str(inverse(Matrix.of([[2, 0], [0, 4]])))
    '[[1/2, 0], [0, 1/4]]'
    """
    n, m = A.shape
    if n != m:
        raise InputError("expected a square matrix", got=describe(A))
    if A.is_rational:
        dm = A.to_domain_matrix()
        if dm.det() == 0:
            raise Undefined("inverse of a singular matrix")
        inv = dm.inv().to_Matrix()
        return Matrix.of([[inv[i, j] for j in range(n)] for i in range(n)])
    M = A.to_sympy()
    nonzero_or_undefined(norm(M.det()), "inverse of a singular matrix")
    inv = M.inv()
    return Matrix.of([[inv[i, j] for j in range(n)] for i in range(n)])


def power(A: Matrix, k: int) -> Matrix:
    """``A**k`` for an integer ``k`` (negative powers invert).

    >>> str(power(Matrix.of([[1, 1], [0, 1]]), 3))
    '[[1, 3], [0, 1]]'
    """
    n, m = A.shape
    if n != m:
        raise InputError("expected a square matrix for **", got=describe(A))
    if k < 0:
        return power(inverse(A), -k)
    out = identity_matrix(n)
    base = A
    while k:
        if k & 1:
            out = matmul(out, base)
        base = matmul(base, base)
        k >>= 1
    return out


# -- environments and evaluation ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Partial:
    """A bare vocabulary name used as a value (``S``, ``id``): resolved against the subject."""

    entry: vocabulary.Entry


@dataclass(frozen=True)
class Env:
    """The values of bound names, and the *subject*: the one object in scope that bare map
    names (``S``, ``Delta``, ``id``) refer to.

    >>> Env({"x": Fraction(1)}).bind("y", Fraction(2)).values["y"]
    Fraction(2, 1)
    """

    values: Mapping[str, Any] = field(default_factory=dict)
    subject: Any = None

    def bind(self, name: str, value: Any) -> Env:
        """A new environment with one more binding."""
        return Env({**self.values, name: value}, self.subject)


def _located(err: InputError, col: int) -> InputError:
    if err.context:
        return err
    out = InputError(err.expected, got=err.got, file=err.file, line=err.line,
                     context=f"column {col}")  # keep a structure file's file:line
    out.suggestion = err.suggestion
    out.args = (out._render(),)
    return out


def evaluate(node: E.Expr, env: Env) -> Any:
    """The exact value of ``node`` in ``env``.

    >>> from coherence.checks.expr import parse
    >>> evaluate(parse("sum(i ** 2 for i in range(4))"), Env())
    Fraction(14, 1)
    >>> str(evaluate(parse("[[1, 2], [3, 4]] @ [[0, 1], [1, 0]]"), Env()))
    '[[2, 1], [4, 3]]'
    """
    try:
        return _eval(node, env)
    except InputError as err:
        raise _located(err, node.col) from None
    except ZeroDivisionError:
        raise Undefined("division by zero") from None


def truth(node: E.Expr, env: Env) -> bool:
    """The truth value of a boolean expression (a decider counts only when decided).

    >>> from coherence.checks.expr import parse
    >>> truth(parse("implies(x > 1, x > 0)", bound=["x"]), Env({"x": Fraction(-5)}))
    True
    """
    return as_bool(evaluate(node, env), node.col)


def as_bool(v: Any, col: int = 1) -> bool:
    """A value as a truth value; a :class:`~coherence.checks.vocabulary.Decision` counts when
    proved or refuted.

    >>> as_bool(True)
    True
    >>> as_bool(Fraction(0))
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: column 1: expected a truth value, got a number
    """
    if isinstance(v, bool):
        return v
    if isinstance(v, vocabulary.Decision):
        if v.outcome is Outcome.PROVED:
            return True
        if v.outcome is Outcome.REFUTED:
            return False
        raise Undecidable(f"decider said {v.outcome.value}")
    raise InputError("expected a truth value", got=describe(v), context=f"column {col}")


def resolve(v: Any, env: Env) -> Any:
    """A bare map name (:class:`Partial`) applied to the environment's subject; other values
    unchanged.

    >>> resolve(Fraction(1), Env())
    Fraction(1, 1)
    """
    if isinstance(v, Partial):
        bare = InputError(f"expected {v.entry.signature} with its arguments"
                          + ("" if v.entry.min_args > 1 else
                             " (or one structure in scope via given)"),
                          got=f"the bare name {v.entry.name!r}")
        if env.subject is None or v.entry.min_args > 1:  # is_equivalent, dot, at: no subject
            raise bare
        try:
            return v.entry.impl(env.subject)
        except (TypeError, AttributeError, CoercionFailed):  # the subject does not fit it
            raise bare from None
    return v


def _eval(node: E.Expr, env: Env) -> Any:  # noqa: C901 - one dispatch
    if isinstance(node, E.Num):
        return node.value
    if isinstance(node, E.Str | E.Bool):
        return node.value
    if isinstance(node, E.Name):
        if node.id in env.values:
            return env.values[node.id]
        entry = vocabulary.lookup(node.id)
        if entry.max_args == 0:
            return entry.impl()
        return Partial(entry)
    if isinstance(node, E.Seq):
        items = tuple(resolve(evaluate(x, env), env) for x in node.items)
        if items and all(isinstance(r, tuple) and r and all(is_scalar(v) for v in r)
                         for r in items) and len({len(r) for r in items}) == 1:
            return Matrix.of(items)
        return items
    if isinstance(node, E.Unary):
        v = resolve(evaluate(node.operand, env), env)
        if node.op == "not":
            return not as_bool(v, node.col)
        if node.op == "+":
            return v
        return _negate(v)
    if isinstance(node, E.Binary):
        a = resolve(evaluate(node.left, env), env)
        b = resolve(evaluate(node.right, env), env)
        return binary(node.op, a, b)
    if isinstance(node, E.Compare):
        left = resolve(evaluate(node.operands[0], env), env)
        for op, right_node in zip(node.ops, node.operands[1:], strict=True):
            right = resolve(evaluate(right_node, env), env)
            if not compare(op, left, right):
                return False
            left = right
        return True
    if isinstance(node, E.Logic):
        if node.op == "and":
            return all(truth(x, env) for x in node.operands)
        return any(truth(x, env) for x in node.operands)
    if isinstance(node, E.Cond):
        return evaluate(node.then if truth(node.test, env) else node.orelse, env)
    if isinstance(node, E.Transpose):
        v = resolve(evaluate(node.operand, env), env)
        if isinstance(v, tuple):
            v = as_matrix(v)
        if isinstance(v, Matrix):
            return v.T
        if is_scalar(v):
            return v
        raise InputError("expected a matrix before .T", got=describe(v))
    if isinstance(node, E.Index):
        return _index(resolve(evaluate(node.operand, env), env),
                      [evaluate(i, env) for i in node.indices])
    if isinstance(node, E.Call):
        return _call(node, env)
    if isinstance(node, E.Reduce):
        return _reduce(node, env)
    raise InputError("expected an expression node", got=type(node).__name__)  # pragma: no cover


def _int(v: Any, what: str) -> int:
    if isinstance(v, Fraction) and v.denominator == 1:
        return int(v)
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    raise InputError(f"expected an integer {what}", got=describe(v) if not is_scalar(v)
                     else scalar_text(v))


def _index(v: Any, idx: list[Any]) -> Any:
    ks = [_int(i, "index") for i in idx]
    if isinstance(v, tuple) and not isinstance(v, Matrix):
        if len(ks) != 1:
            raise InputError("expected one index into a list", got=f"{len(ks)} indices")
        if not -len(v) <= ks[0] < len(v):
            raise InputError(f"expected an index below {len(v)}", got=str(ks[0]))
        return v[ks[0]]
    if isinstance(v, Matrix):
        n, m = v.shape
        if len(ks) == 2:
            i, j = ks
            if not (0 <= i < n and 0 <= j < m):
                raise InputError(f"expected indices within {n}×{m}", got=f"[{i}, {j}]")
            return v.rows[i][j]
        if len(ks) == 1:
            (i,) = ks
            if m == 1:
                if not 0 <= i < n:
                    raise InputError(f"expected an index below {n}", got=str(i))
                return v.rows[i][0]
            if n == 1:
                if not 0 <= i < m:
                    raise InputError(f"expected an index below {m}", got=str(i))
                return v.rows[0][i]
            if not 0 <= i < n:
                raise InputError(f"expected a row index below {n}", got=str(i))
            return Matrix((v.rows[i],))
        raise InputError("expected one or two indices", got=f"{len(ks)} indices")
    if hasattr(v, "__getitem__") and not isinstance(v, str):
        try:
            return v[ks[0] if len(ks) == 1 else tuple(ks)]
        except (IndexError, KeyError, TypeError) as exc:
            raise InputError("expected a valid index", got=str(exc)) from None
    raise InputError("expected a matrix, vector or list to index", got=describe(v))


def _negate(v: Any) -> Any:
    if is_scalar(v):
        return norm(-to_sympy(v)) if not isinstance(v, Fraction) else -v
    if isinstance(v, Matrix):
        return v.map(lambda x: _sym_op(operator.sub, Fraction(0), x))
    if isinstance(v, tuple):
        return _negate(as_matrix(v))
    try:
        return -v
    except TypeError:
        raise InputError("expected something that can be negated", got=describe(v)) from None


def _is_unit_matrix(v: Any) -> bool:
    return isinstance(v, Matrix) and v.shape == (1, 1)


def binary(op: str, a: Any, b: Any) -> Any:
    """``a op b`` for the reader's operators, exactly.

    >>> binary("*", Fraction(2), Matrix.of([[1, 2]])).rows
    ((Fraction(2, 1), Fraction(4, 1)),)
    >>> binary("/", Fraction(1), Fraction(0))
    Traceback (most recent call last):
    ...
    coherence.checks.evaluate.Undefined: division by zero
    """
    if isinstance(a, tuple) and not isinstance(b, str):
        a = as_matrix(a)
    if isinstance(b, tuple) and not isinstance(a, str):
        b = as_matrix(b)
    if op == "@":
        if isinstance(a, Matrix) and isinstance(b, Matrix):
            return matmul(a, b)
        raise InputError("expected matrices on both sides of @",
                         got=f"{describe(a)} and {describe(b)}")
    if _is_unit_matrix(a) and (is_scalar(b) or _is_unit_matrix(b)):
        a = a.rows[0][0]
    if _is_unit_matrix(b) and is_scalar(a):
        b = b.rows[0][0]
    sa, sb = is_scalar(a), is_scalar(b)
    if op == "%":  # integers only: exact and pointwise (issue 17 §3)
        return _remainder(a, b)
    if sa and sb:
        if op == "+":
            return _sym_op(operator.add, a, b)
        if op == "-":
            return _sym_op(operator.sub, a, b)
        if op == "*":
            return _sym_op(operator.mul, a, b)
        if op == "/":
            nonzero_or_undefined(b)
            return _sym_op(operator.truediv, a, b)
        if op == "**":
            return _scalar_pow(a, b)
    if isinstance(a, Matrix) and isinstance(b, Matrix):
        if op == "+":
            return elementwise(operator.add, a, b, "+")
        if op == "-":
            return elementwise(operator.sub, a, b, "-")
        if op == "*":
            raise InputError("expected @ for a matrix product (* scales by a number)",
                             got=f"{describe(a)} * {describe(b)}")
    if isinstance(a, Matrix) and sb:
        if op == "**":
            check_exponent(_int(b, "exponent of a matrix"))
        if op == "*":
            return a.map(lambda x: _sym_op(operator.mul, x, b))
        if op == "/":
            nonzero_or_undefined(b)
            return a.map(lambda x: _sym_op(operator.truediv, x, b))
        if op == "**":
            return power(a, _int(b, "exponent of a matrix"))
    if sa and isinstance(b, Matrix) and op == "*":
        return b.map(lambda x: _sym_op(operator.mul, a, x))
    if isinstance(a, Matrix) or isinstance(b, Matrix) or (sa and sb):
        raise InputError(f"expected operands that fit {op}",
                         got=f"{describe(a)} {op} {describe(b)}")
    # objects of other areas (Hopf elements, maps, …) bring their own exact operators
    same_structure(a, b, op)
    if op == "/" and sb:
        nonzero_or_undefined(b)
        return binary("*", _sym_op(operator.truediv, Fraction(1), b), a)
    fn = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
          "**": operator.pow}[op]
    try:
        if op == "**":
            b = check_exponent(_int(b, "exponent"))
        result = fn(a, b)
    except InputError:
        raise
    except (TypeError, ValueError, AttributeError, CoercionFailed):  # Word * Element, …
        raise InputError(f"expected operands that fit {op}",
                         got=f"{describe(a)} {op} {describe(b)}") from None
    if result is NotImplemented:  # pragma: no cover
        raise InputError(f"expected operands that fit {op}",
                         got=f"{describe(a)} {op} {describe(b)}")
    return result


def _remainder(a: Any, b: Any) -> Fraction:
    """``a % b`` for integers (Python's sign convention: the result has b's sign).

    >>> _remainder(Fraction(-7), Fraction(3))
    Fraction(2, 1)
    """
    if not (is_scalar(a) and is_scalar(b)):
        raise InputError("expected integers on both sides of %",
                         got=f"{describe(a)} % {describe(b)}")
    if is_symbolic(a) or is_symbolic(b):
        raise Undecidable("% of a symbolic value")
    if not all(isinstance(x, Fraction) and x.denominator == 1 for x in (a, b)):
        raise InputError("expected integers on both sides of %",
                         got=f"{scalar_text(a)} % {scalar_text(b)}")
    nonzero_or_undefined(b, "remainder by zero")
    return Fraction(int(a) % int(b))


def _scalar_pow(a: Scalar, b: Scalar) -> Scalar:
    if isinstance(b, Fraction) and b.denominator == 1:
        k = check_exponent(int(b))
        if k < 0:
            nonzero_or_undefined(a)
        if isinstance(a, Fraction):
            check_power(a, k)
            return a**k
        return norm(to_sympy(a) ** k)
    if not is_symbolic(a) and sign(a) < 0:
        raise Undefined("a fractional power of a negative number")
    return norm(to_sympy(a) ** to_sympy(b))


def same_structure(a: Any, b: Any, op: str) -> None:
    """Raise :class:`InputError` when ``a`` and ``b`` belong to two different structures.

    Vocabulary values (elements, tensors, maps) name their structure as ``owner``; an
    operation or comparison between two structures has no meaning, so it is an error in
    the claim — never a point where the claim is false.

    >>> from coherence.algebra.catalogue import get
    >>> same_structure(get("group:C3").one(), get("functions:C3").one(), "+")
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: expected values of one structure for +, got ...
    """
    x, y = getattr(a, "owner", None), getattr(b, "owner", None)
    if x is not None and y is not None and x is not y:
        raise InputError(f"expected values of one structure for {op}",
                         got=f"{describe(a)} of {_owner_name(x)} and {describe(b)} of "
                         f"{_owner_name(y)}")


def _owner_name(x: Any) -> str:
    name = getattr(x, "name", "")
    return repr(name) if name else str(getattr(x, "description", "") or type(x).__name__)


def compare(op: str, a: Any, b: Any) -> bool:
    """Decide ``a op b`` exactly: scalars rigorously, matrices entry-wise (``==``/``!=``),
    other values by their own exact equality.

    >>> compare("==", Matrix.of([[1, 0]]), Matrix.of([[1, 0]]))
    True
    >>> compare("<", Fraction(1), sympy.sqrt(2))
    True
    """
    if isinstance(a, vocabulary.Decision):  # a decider's answer counts when decided
        a = as_bool(a)
    if isinstance(b, vocabulary.Decision):
        b = as_bool(b)
    if isinstance(a, tuple) and not isinstance(a, Matrix) and isinstance(b, Matrix | tuple):
        a = as_matrix(a)
    if isinstance(b, tuple) and not isinstance(b, Matrix) and isinstance(a, Matrix):
        b = as_matrix(b)
    if _is_unit_matrix(a) and is_scalar(b):
        a = a.rows[0][0]
    if _is_unit_matrix(b) and is_scalar(a):
        b = b.rows[0][0]
    if is_scalar(a) and is_scalar(b):
        return compare_scalars(op, a, b)
    if isinstance(a, Matrix) and isinstance(b, Matrix):
        if op not in ("==", "!="):
            raise InputError("expected == or != between matrices", got=op)
        if a.shape != b.shape:
            raise InputError("expected matrices of one shape to compare",
                             got=f"{describe(a)} and {describe(b)}")
        equal = all(compare_scalars("==", x, y)
                    for x, y in zip(a.entries(), b.entries(), strict=True))
        return equal if op == "==" else not equal
    if isinstance(a, bool) and isinstance(b, bool) and op in ("==", "!="):
        return (a == b) if op == "==" else (a != b)
    same_structure(a, b, op)
    if op in ("==", "!="):
        if is_scalar(a) != is_scalar(b) and (isinstance(a, Matrix) or isinstance(b, Matrix)):
            raise InputError("expected values of one kind to compare",
                             got=f"{describe(a)} and {describe(b)}")
        if is_scalar(a) != is_scalar(b) and not isinstance(a, bool) and not isinstance(b, bool):
            # an object (an element, a tensor, …) and a number: 0 means the object's zero;
            # any other number has no meaning here (an object's == would just say False)
            obj, c = (b, a) if is_scalar(a) else (a, b)
            if is_symbolic(c) or sign(c) != 0:
                raise InputError("expected values of one kind to compare (a number other than "
                                 "0 is not an element: write c·1 as c * apply(u, 1))",
                                 got=f"{describe(a)} and {describe(b)}")
            zero = binary("*", Fraction(0), obj)
            a, b = obj, zero
        if not (is_scalar(a) and is_scalar(b)) and not (
                isinstance(a, type(b)) or isinstance(b, type(a))):
            # an element and a tensor (say) are not "unequal": the comparison is ill-typed
            raise InputError("expected values of one kind to compare",
                             got=f"{describe(a)} and {describe(b)}")
        if type(a).__eq__ is object.__eq__ or type(b).__eq__ is object.__eq__:
            # identity is not equality: never refute (or prove) on object identity
            raise InputError("expected values with an exact equality",
                             got=f"{describe(a)} and {describe(b)}")
        try:
            equal = bool(a == b)
        except (TypeError, ValueError):
            raise InputError("expected values of one kind to compare",
                             got=f"{describe(a)} and {describe(b)}") from None
        return equal if op == "==" else not equal
    raise InputError(f"expected numbers on both sides of {op}",
                     got=f"{describe(a)} and {describe(b)}")


def _call(node: E.Call, env: Env) -> Any:
    if node.name == "implies" and len(node.args) == 2 and not node.kwargs:
        # lazy, like ``not p or q``: q is not evaluated (may be undefined) when p is false
        return (not truth(node.args[0], env)) or truth(node.args[1], env)
    entry = vocabulary.lookup(node.name)
    args = [resolve(evaluate(a, env), env) for a in node.args]
    kwargs = {k: resolve(evaluate(v, env), env) for k, v in node.kwargs}
    try:
        return entry.impl(*args, **kwargs)
    except (InputError, Undefined, Undecidable):
        raise
    except ZeroDivisionError:
        raise Undefined("division by zero") from None
    except (TypeError, ValueError, KeyError, IndexError) as exc:
        got = ", ".join([describe(a) for a in args]
                        + [f"{k}={describe(v)}" for k, v in kwargs.items()])
        raise InputError(f"expected arguments that fit {entry.signature}",
                         got=f"({got})" + (f": {exc}" if str(exc) else "")) from None


#: At most this many body evaluations in one sum/all/any.
REDUCE_LIMIT = 1_000_000


def _reduce(node: E.Reduce, env: Env) -> Any:
    results: list[Any] = []
    count = [0]

    def loop(k: int, env: Env) -> bool:
        if k == len(node.loops):
            count[0] += 1
            if count[0] > REDUCE_LIMIT:
                raise InputError(f"expected at most {REDUCE_LIMIT} terms in {node.op}",
                                 got="more")
            if node.op == "sum":
                results.append(resolve(evaluate(node.body, env), env))
                return True
            value = truth(node.body, env)
            if value != (node.op == "all"):
                results.append(value)
                return False
            return True
        lp = node.loops[k]
        start = _int(evaluate(lp.start, env), "range bound")
        stop = _int(evaluate(lp.stop, env), "range bound")
        if stop - start > 100_000:
            raise InputError("expected a range of at most 100000 indices", got=str(stop - start))
        for i in range(start, stop):
            if not loop(k + 1, env.bind(lp.var, Fraction(i))):
                return False
        return True

    complete = loop(0, env)
    if node.op == "all":
        return complete
    if node.op == "any":
        return not complete
    if not results:
        return Fraction(0)
    total = results[0]
    for r in results[1:]:
        total = binary("+", total, r)
    return total
