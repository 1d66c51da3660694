"""The whitelisting expression reader: claim-file text in, an immutable expression tree out.

Claim files are data. An expression such as ``eigenvalues_real_positive(A) and A != A.T``
is parsed with :mod:`ast` (Python syntax), then every node is checked against a short
whitelist and every name is resolved either to a bound variable (a ``for_all``
variable, a ``given`` binding, a ``for`` index) or to an entry of the vocabulary
registry (:mod:`coherence.checks.vocabulary`). Nothing is ever evaluated here: the
result is a tree of frozen dataclasses that :mod:`coherence.checks.evaluate` evaluates
exactly and :mod:`coherence.checks.z3_encode` translates to Z3.

Every node keeps the 1-based column where it starts, so an error reads
``column 7: expected a known name, got 'dett' (did you mean 'det'?)``. Errors are
:class:`~coherence.algebra.errors.InputError` with ``context="column N"``; the claim
reader adds the file, line, claim id and key.

Accepted syntax: numbers (exact: ``0.1`` is 1/10), strings, lists/tuples, ``+ - * / **
@``, unary ``-``/``+``/``not``, comparisons (chained), ``and``/``or``, ``x if c else
y``, ``.T``, indexing ``A[i, j]``, calls of vocabulary names with positional and keyword
arguments, and ``sum``/``all``/``any`` over ``for i in range(…)`` generators.

:func:`parse_sympy` is the safe way for any area to turn a user-written formula into a
SymPy expression (never ``sympify``/``parse_expr`` on file text).

Examples
--------
>>> tree = parse("A == A.T", bound=["A"])
>>> tree.operands
(Name(id='A', col=1), Transpose(operand=Name(id='A', col=6), col=6))
>>> str(tree)
'A == A.T'
>>> str(parse("sum(A[i, i] for i in range(2)) > 0", bound=["A"]))
'sum(A[i, i] for i in range(0, 2)) > 0'
>>> parse("dett(A)", bound=["A"])
Traceback (most recent call last):
...
coherence.algebra.errors.InputError: column 1: expected a known function, got 'dett'
(did you mean 'det'?)
>>> parse("__import__('os')")
Traceback (most recent call last):
...
coherence.algebra.errors.InputError: column 1: expected a known function, got '__import__'
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from coherence.algebra.errors import InputError
from coherence.algebra.limits import (
    MAX_DIGITS,
    MAX_EXPRESSION,
    MAX_FORMULA_EXPONENT,
    read_decimal,
)
from coherence.checks import vocabulary

#: Functions handled by the reader itself (they take generators).
REDUCERS = ("sum", "all", "any")
_MAX_LEN = MAX_EXPRESSION


# -- the tree ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Num:
    """An exact rational literal."""

    value: Fraction
    col: int

    def __str__(self) -> str:
        return str(self.value)


@dataclass(frozen=True, slots=True)
class Bool:
    """``True`` or ``False``."""

    value: bool
    col: int

    def __str__(self) -> str:
        return str(self.value)


@dataclass(frozen=True, slots=True)
class Str:
    """A string literal (argument of a constructor or decider)."""

    value: str
    col: int

    def __str__(self) -> str:
        return repr(self.value)


@dataclass(frozen=True, slots=True)
class Name:
    """A bound variable, or a bare vocabulary name (a constant or a map such as ``S``)."""

    id: str
    col: int

    def __str__(self) -> str:
        return self.id


@dataclass(frozen=True, slots=True)
class Seq:
    """A list or tuple literal."""

    items: tuple[Expr, ...]
    col: int

    def __str__(self) -> str:
        return "[" + ", ".join(map(str, self.items)) + "]"


@dataclass(frozen=True, slots=True)
class Unary:
    """``-x``, ``+x`` or ``not p``."""

    op: str
    operand: Expr
    col: int

    def __str__(self) -> str:
        if self.op == "not":
            return f"not {_wrap(self.operand, _PREC['not'])}"
        return f"{self.op}{_wrap(self.operand, _PREC['neg'], strict=True)}"


@dataclass(frozen=True, slots=True)
class Binary:
    """``a op b`` for ``op`` in ``+ - * / ** @``."""

    op: str
    left: Expr
    right: Expr
    col: int

    def __str__(self) -> str:
        p = _PREC[self.op]
        if self.op == "**":
            return f"{_wrap(self.left, p, strict=True)} ** {_wrap(self.right, p)}"
        return f"{_wrap(self.left, p)} {self.op} {_wrap(self.right, p, strict=True)}"


@dataclass(frozen=True, slots=True)
class Compare:
    """A (possibly chained) comparison ``a < b <= c``."""

    ops: tuple[str, ...]
    operands: tuple[Expr, ...]
    col: int

    def __str__(self) -> str:
        p = _PREC["cmp"]
        parts = [_wrap(self.operands[0], p, strict=True)]
        for op, x in zip(self.ops, self.operands[1:], strict=True):
            parts += [op, _wrap(x, p, strict=True)]
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Logic:
    """``p and q and …`` or ``p or q or …``."""

    op: str
    operands: tuple[Expr, ...]
    col: int

    def __str__(self) -> str:
        return f" {self.op} ".join(_wrap(x, _PREC[self.op], strict=True) for x in self.operands)


@dataclass(frozen=True, slots=True)
class Cond:
    """``a if p else b``."""

    test: Expr
    then: Expr
    orelse: Expr
    col: int

    def __str__(self) -> str:
        return f"{_wrap(self.then, 1)} if {_wrap(self.test, 1)} else {_wrap(self.orelse, 1)}"


@dataclass(frozen=True, slots=True)
class Transpose:
    """``A.T``."""

    operand: Expr
    col: int

    def __str__(self) -> str:
        return f"{_wrap(self.operand)}.T"


@dataclass(frozen=True, slots=True)
class Index:
    """``A[i, j]`` or ``v[i]`` (0-based)."""

    operand: Expr
    indices: tuple[Expr, ...]
    col: int

    def __str__(self) -> str:
        return f"{_wrap(self.operand)}[{', '.join(map(str, self.indices))}]"


@dataclass(frozen=True, slots=True)
class Call:
    """A call of the vocabulary entry ``name`` (``kind`` is the entry's kind)."""

    name: str
    args: tuple[Expr, ...]
    kwargs: tuple[tuple[str, Expr], ...]
    col: int
    kind: str = "function"

    def __str__(self) -> str:
        parts = [str(a) for a in self.args] + [f"{k}={v}" for k, v in self.kwargs]
        return f"{self.name}({', '.join(parts)})"


@dataclass(frozen=True, slots=True)
class Loop:
    """One ``for var in range(start, stop)`` clause of a reduction."""

    var: str
    start: Expr
    stop: Expr

    def __str__(self) -> str:
        return f"for {self.var} in range({self.start}, {self.stop})"


@dataclass(frozen=True, slots=True)
class Reduce:
    """``sum``/``all``/``any`` of ``body`` over nested index loops."""

    op: str
    body: Expr
    loops: tuple[Loop, ...]
    col: int

    def __str__(self) -> str:
        return f"{self.op}({self.body} {' '.join(map(str, self.loops))})"


Expr = (Num | Bool | Str | Name | Seq | Unary | Binary | Compare | Logic | Cond | Transpose | Index | Call
        | Reduce)

_PREC = {"or": 1, "and": 2, "not": 3, "cmp": 4, "+": 5, "-": 5, "*": 6, "/": 6, "@": 6, "%": 6,
         "neg": 7, "**": 8}


def _prec(x: Expr) -> int:
    if isinstance(x, Logic):
        return _PREC[x.op]
    if isinstance(x, Cond):
        return 0
    if isinstance(x, Unary):
        return _PREC["not"] if x.op == "not" else _PREC["neg"]
    if isinstance(x, Compare):
        return _PREC["cmp"]
    if isinstance(x, Binary):
        return _PREC[x.op]
    if isinstance(x, Num) and x.value < 0:
        return _PREC["neg"]
    return 9


def _wrap(x: Expr, above: int = 9, strict: bool = False) -> str:
    text = str(x)
    p = _prec(x)
    return f"({text})" if p < above or (strict and p == above) else text


# -- walking ------------------------------------------------------------------------------
def children(node: Expr) -> tuple[Expr, ...]:
    """The direct sub-expressions of ``node``.

    >>> [str(c) for c in children(parse("det(A) + 1", bound=["A"]))]
    ['det(A)', '1']
    """
    if isinstance(node, Seq):
        return node.items
    if isinstance(node, Unary | Transpose):
        return (node.operand,)
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, Compare | Logic):
        return node.operands
    if isinstance(node, Cond):
        return (node.test, node.then, node.orelse)
    if isinstance(node, Index):
        return (node.operand, *node.indices)
    if isinstance(node, Call):
        return (*node.args, *(v for _, v in node.kwargs))
    if isinstance(node, Reduce):
        return (node.body, *(x for lp in node.loops for x in (lp.start, lp.stop)))
    return ()


def walk(node: Expr) -> Iterable[Expr]:
    """Every node of the tree, parents before children.

    >>> sorted({n.id for n in walk(parse("x + y * x", bound="xy")) if isinstance(n, Name)})
    ['x', 'y']
    """
    yield node
    for child in children(node):
        yield from walk(child)


def free_names(node: Expr) -> frozenset[str]:
    """Names used in ``node`` that are not bound by one of its own ``for`` loops.

    >>> sorted(free_names(parse("all(A[i, i] > 0 for i in range(n))", bound=["A", "n"])))
    ['A', 'n']
    """
    if isinstance(node, Name):
        return frozenset({node.id})
    if isinstance(node, Reduce):
        inner = free_names(node.body)
        out: set[str] = set()
        bound: set[str] = set()
        for lp in node.loops:
            out |= free_names(lp.start) - bound
            out |= free_names(lp.stop) - bound
            bound.add(lp.var)
        return frozenset(out | (inner - bound))
    out2: set[str] = set()
    for child in children(node):
        out2 |= free_names(child)
    return frozenset(out2)


# -- parsing ------------------------------------------------------------------------------
_BINOPS: Mapping[type, str] = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**", ast.MatMult: "@",
    ast.Mod: "%",
}
_CMPOPS: Mapping[type, str] = {
    ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
}
_UNARY: Mapping[type, str] = {ast.USub: "-", ast.UAdd: "+", ast.Not: "not"}


def parse(text: str, *, bound: Iterable[str] = ()) -> Expr:
    """Parse ``text`` into an expression tree; names resolve in ``bound`` or the vocabulary.

    Raises :class:`InputError` (context ``column N``) on anything outside the whitelist.

    >>> str(parse("implies(x > 0, x ** 2 > 0)", bound=["x"]))
    'implies(x > 0, x ** 2 > 0)'
    >>> parse("x.real", bound=["x"])
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: column 1: expected the attribute .T (transpose),
    got '.real'
    """
    if not isinstance(text, str):
        raise InputError("expected an expression (a string)", got=type(text).__name__)
    if not text.strip():
        raise InputError("expected an expression", got="an empty string")
    if len(text) > _MAX_LEN:
        raise InputError(f"expected an expression of at most {_MAX_LEN} characters",
                         got=f"{len(text)} characters")
    source = text.strip()
    try:
        tree = _ast_parse(source)
    except SyntaxError as exc:
        col, msg = _syntax(exc, source)
        raise InputError("expected a Python-style expression", got=f"{msg}",
                         context=f"column {col}") from None
    except (ValueError, MemoryError, RecursionError):
        raise InputError("expected a Python-style expression", got=repr(source[:40])) from None
    try:
        return _Reader(source, frozenset(bound)).read(tree.body)
    except RecursionError:
        raise InputError("expected an expression nested less deeply",
                         got="too deep a nesting") from None


def _ast_parse(source: str) -> ast.Expression:
    """``ast.parse`` in eval mode, without the SyntaxWarnings Python prints to stderr for
    text such as ``1(2)`` (the reader reports its own errors).

    >>> type(_ast_parse("1(2)")).__name__
    'Expression'
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(source, mode="eval")


def _syntax(exc: SyntaxError, source: str) -> tuple[int, str]:
    """The column and reason of a syntax error, in the user's terms.

    Python reports an unfinished expression (``x + 1 +``) at column 1; the column of
    its last token is where the user must look.

    >>> try:
    ...     ast.parse("x + 1 +", mode="eval")
    ... except SyntaxError as exc:
    ...     _syntax(exc, "x + 1 +")
    (7, 'nothing after the last operator')
    """
    msg = (exc.msg or "invalid syntax").split(" (")[0]
    if "Exceeds the limit" in msg or "integer string conversion" in msg:
        return exc.offset or 1, f"a number of more than {MAX_DIGITS} digits"
    col = exc.offset or 1
    stripped = source.rstrip()
    if msg == "invalid syntax" and col <= 1 and stripped and stripped[-1] in "+-*/@%<>=&|^~,.(":
        return len(stripped), "nothing after the last operator"
    return col, msg


class _Reader:
    def __init__(self, source: str, bound: frozenset[str]) -> None:
        self.source = source
        self.bound = bound

    def fail(self, node: ast.AST, expected: str, got: str, choices: Iterable[str] = ()) -> None:
        col = getattr(node, "col_offset", 0) + 1
        raise InputError(expected, got=got, context=f"column {col}", choices=choices)

    def read(self, node: ast.AST, bound: frozenset[str] | None = None) -> Expr:
        b = self.bound if bound is None else bound
        col = getattr(node, "col_offset", 0) + 1
        if isinstance(node, ast.Constant):
            return self.constant(node, col)
        if isinstance(node, ast.Name):
            return self.name(node, b, col)
        if isinstance(node, ast.List | ast.Tuple):
            return Seq(tuple(self.read(x, b) for x in node.elts), col)
        if isinstance(node, ast.UnaryOp):
            op = _UNARY.get(type(node.op))
            if op is None:
                self.fail(node, "expected -, + or not", got=type(node.op).__name__)
            operand = self.read(node.operand, b)
            if op == "-" and isinstance(operand, Num):
                return Num(-operand.value, col)
            return Unary(op, operand, col)  # type: ignore[arg-type]
        if isinstance(node, ast.BinOp):
            op = _BINOPS.get(type(node.op))
            if op is None:
                self.fail(node, "expected an operator among + - * / ** @",
                          got=repr(ast.unparse(node.op).strip() or type(node.op).__name__))
            return Binary(op, self.read(node.left, b), self.read(node.right, b), col)  # type: ignore[arg-type]
        if isinstance(node, ast.Compare):
            ops = []
            for o in node.ops:
                op = _CMPOPS.get(type(o))
                if op is None:
                    self.fail(node, "expected a comparison among == != < <= > >=",
                              got=repr(type(o).__name__))
                ops.append(op)
            operands = (self.read(node.left, b), *(self.read(x, b) for x in node.comparators))
            return Compare(tuple(ops), operands, col)  # type: ignore[arg-type]
        if isinstance(node, ast.BoolOp):
            op = "and" if isinstance(node.op, ast.And) else "or"
            return Logic(op, tuple(self.read(x, b) for x in node.values), col)
        if isinstance(node, ast.IfExp):
            return Cond(self.read(node.test, b), self.read(node.body, b),
                        self.read(node.orelse, b), col)
        if isinstance(node, ast.Attribute):
            if node.attr != "T":
                self.fail(node, "expected the attribute .T (transpose)", got=repr("." + node.attr))
            return Transpose(self.read(node.value, b), col)
        if isinstance(node, ast.Subscript):
            index = node.slice
            parts = index.elts if isinstance(index, ast.Tuple) else [index]
            for p in parts:
                if isinstance(p, ast.Slice):
                    self.fail(p, "expected an index (slices are not supported)", got="a slice")
            return Index(self.read(node.value, b), tuple(self.read(p, b) for p in parts), col)
        if isinstance(node, ast.Call):
            return self.call(node, b, col)
        what = {
            ast.Lambda: "a lambda", ast.ListComp: "a list comprehension",
            ast.GeneratorExp: "a generator outside sum/all/any", ast.Dict: "a dict",
            ast.Set: "a set", ast.NamedExpr: "an assignment", ast.JoinedStr: "an f-string",
            ast.Starred: "a starred expression", ast.Await: "await", ast.Yield: "yield",
        }.get(type(node), type(node).__name__)
        self.fail(node, "expected an arithmetic or logical expression", got=what)
        raise AssertionError  # pragma: no cover

    def constant(self, node: ast.Constant, col: int) -> Expr:
        v = node.value
        if isinstance(v, bool):
            return Bool(v, col)
        if isinstance(v, int | float):  # exact, from the source text, size-bounded first
            text = ast.get_source_segment(self.source, node) or repr(v)
            if isinstance(v, int) and text[:2].lower() in ("0x", "0o", "0b"):
                return Num(Fraction(v), col)  # bounded by the expression's length
            try:
                return Num(read_decimal(text), col)
            except InputError as err:
                self.fail(node, err.expected, got=err.got or repr(text[:40]))
        if isinstance(v, str):
            return Str(v, col)
        if isinstance(v, complex):
            self.fail(node, "expected a real number", got=repr(v))
        self.fail(node, "expected a number or a string", got=repr(v))
        raise AssertionError  # pragma: no cover

    def name(self, node: ast.Name, bound: frozenset[str], col: int) -> Expr:
        ident = node.id
        if ident in bound:
            return Name(ident, col)
        if ident in ("True", "False"):
            return Bool(ident == "True", col)
        try:
            vocabulary.lookup(ident, kinds=("function", "constructor", "decider"))
        except InputError as err:
            pool = sorted(bound) + [e.name for e in vocabulary.entries() if e.kind != "domain"]
            raise InputError("expected a known name", got=repr(ident), context=f"column {col}",
                             choices=pool) from err
        return Name(ident, col)

    def call(self, node: ast.Call, bound: frozenset[str], col: int) -> Expr:
        if not isinstance(node.func, ast.Name):
            self.fail(node, "expected a call of a vocabulary name such as det(A)",
                      got=repr(ast.unparse(node.func)))
        fname = node.func.id  # type: ignore[union-attr]
        for a in node.args:
            if isinstance(a, ast.Starred):
                self.fail(a, "expected plain arguments", got="a starred argument")
        for k in node.keywords:
            if k.arg is None:
                self.fail(node, "expected plain keyword arguments", got="**")
        if fname in REDUCERS and len(node.args) == 1 and isinstance(node.args[0], ast.GeneratorExp):
            return self.reduce(fname, node.args[0], bound, col)
        if fname in bound:
            self.fail(node, "expected a vocabulary function to call",
                      got=f"the variable {fname!r}")
        try:
            entry = vocabulary.lookup(fname, kinds=("function", "constructor", "decider"))
        except InputError as err:
            pool = [e.name for e in vocabulary.entries() if e.kind != "domain"]
            raise InputError("expected a known function", got=repr(fname),
                             context=f"column {col}", choices=pool) from err
        try:
            entry.check_arity(len(node.args))
        except InputError as err:
            raise InputError(err.expected, got=err.got, context=f"column {col}") from None
        args = tuple(self.read(a, bound) for a in node.args)
        kwargs = tuple((k.arg, self.read(k.value, bound)) for k in node.keywords)
        return Call(fname, args, kwargs, col, entry.kind)  # type: ignore[misc]

    def reduce(self, op: str, gen: ast.GeneratorExp, bound: frozenset[str], col: int) -> Expr:
        loops = []
        inner = set(bound)
        for comp in gen.generators:
            if comp.ifs or comp.is_async:
                self.fail(gen, "expected 'for i in range(n)' without 'if'", got="a filter")
            if not isinstance(comp.target, ast.Name):
                self.fail(comp.target, "expected one index name after 'for'",
                          got=repr(ast.unparse(comp.target)))
            it = comp.iter
            if not (isinstance(it, ast.Call) and isinstance(it.func, ast.Name)
                    and it.func.id == "range" and 1 <= len(it.args) <= 2 and not it.keywords):
                self.fail(it, "expected range(n) or range(a, b)", got=repr(ast.unparse(it)))
            bnd = frozenset(inner)
            rargs = [self.read(a, bnd) for a in it.args]  # type: ignore[union-attr]
            start, stop = (Num(Fraction(0), col), rargs[0]) if len(rargs) == 1 else rargs
            var = comp.target.id  # type: ignore[union-attr]
            loops.append(Loop(var, start, stop))
            inner.add(var)
        body = self.read(gen.elt, frozenset(inner))
        return Reduce(op, body, tuple(loops), col)


# -- SymPy formulas -----------------------------------------------------------------------
def _default_functions() -> dict[str, Callable[..., Any]]:
    from coherence.algebra.real_functions import FORMULA_FUNCTIONS

    return dict(FORMULA_FUNCTIONS)


def parse_sympy(
    text: str,
    symbols: Mapping[str, Any] | Iterable[str],
    *,
    functions: Mapping[str, Callable[..., Any]] | None = None,
) -> Any:
    """Build a SymPy expression from formula text, safely (no ``sympify`` on the text).

    ``symbols`` maps names to SymPy symbols (or is an iterable of names; real symbols are
    made). ``functions`` maps the callable names (default:
    :data:`coherence.algebra.real_functions.FORMULA_FUNCTIONS`: exp log sqrt abs sign sin
    cos atan tanh sinh cosh floor ceil cbrt real_root max min sigmoid relu). Numbers are
    exact. Only arithmetic (``+ - * / **``), unary minus and calls are accepted;
    anything else is an :class:`InputError`.

    >>> parse_sympy("p - 0.1*(p*a - b)*a", ["p", "a", "b"]).expand()
    -a**2*p/10 + a*b/10 + p
    >>> parse_sympy("exp(x) + 1/2", ["x"])
    exp(x) + 1/2
    >>> parse_sympy("os.system('x')", ["x"])
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: column 1: expected a function among abs, ...,
    got 'os.system'
    """
    import sympy

    if isinstance(symbols, Mapping):
        table = dict(symbols)
    else:
        table = {name: sympy.Symbol(name, real=True) for name in symbols}
    funcs = _default_functions() if functions is None else dict(functions)
    if not isinstance(text, str) or not text.strip():
        raise InputError("expected a formula", got=repr(text))
    if len(text) > _MAX_LEN:
        raise InputError(f"expected a formula of at most {_MAX_LEN} characters",
                         got=f"{len(text)} characters")
    source = text.strip()
    try:
        tree = _ast_parse(source)
    except SyntaxError as exc:
        col, msg = _syntax(exc, source)
        raise InputError("expected a formula", got=msg, context=f"column {col}") from None
    except (ValueError, MemoryError, RecursionError):
        raise InputError("expected a formula", got=repr(source[:40])) from None

    def fail(node: ast.AST, expected: str, got: str, choices: Iterable[str] = ()) -> None:
        raise InputError(expected, got=got, context=f"column {getattr(node, 'col_offset', 0) + 1}",
                         choices=choices)

    def build(node: ast.AST) -> Any:
        if isinstance(node, ast.Constant) and not isinstance(node.value, bool | str | complex):
            if isinstance(node.value, int | float):
                seg = ast.get_source_segment(source, node) or repr(node.value)
                try:
                    f = read_decimal(seg)
                except InputError as err:
                    fail(node, err.expected, got=err.got or repr(seg[:40]))
                return sympy.Rational(f.numerator, f.denominator)
        if isinstance(node, ast.Name):
            if node.id in table:
                return table[node.id]
            fail(node, "expected a known symbol", got=repr(node.id), choices=table)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            v = build(node.operand)
            return -v if isinstance(node.op, ast.USub) else v
        if isinstance(node, ast.BinOp) and type(node.op) in (ast.Add, ast.Sub, ast.Mult,
                                                             ast.Div, ast.Pow):
            a, b = build(node.left), build(node.right)
            op = type(node.op)
            if op is ast.Add:
                return a + b
            if op is ast.Sub:
                return a - b
            if op is ast.Mult:
                return a * b
            if op is ast.Div:
                if b == 0:
                    fail(node, "expected a nonzero divisor", got="0")
                return a / b
            if getattr(b, "is_Integer", False) and abs(int(b)) > MAX_FORMULA_EXPONENT:
                fail(node, f"expected an exponent of at most {MAX_FORMULA_EXPONENT}", got=str(b))
            return a**b
        if isinstance(node, ast.Call) and not node.keywords:
            fname = ast.unparse(node.func)
            if isinstance(node.func, ast.Name) and fname in funcs:
                return funcs[fname](*(build(a) for a in node.args))
            fail(node, f"expected a function among {', '.join(sorted(funcs))}", got=repr(fname),
                 choices=funcs)
        fail(node, "expected arithmetic (+ - * / **), a number, a symbol or a function call",
             got=repr(ast.unparse(node)[:40]))
        raise AssertionError  # pragma: no cover

    try:
        return build(tree.body)
    except RecursionError:
        raise InputError("expected a formula nested less deeply",
                         got="too deep a nesting") from None
