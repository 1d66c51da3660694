"""The whitelisting reader and the safe SymPy formula reader."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
import sympy
from coherence.algebra.errors import InputError
from coherence.checks import expr as E
from coherence.checks.evaluate import Env, Matrix, Undefined, evaluate, truth
from coherence.checks.expr import parse, parse_sympy

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("text", [
    "A == A.T",
    "det(A) + trace(A) > 0",
    "eigenvalues_real_positive(A) and not is_symmetric(A)",
    "implies(x > 0, x ** 2 > 0)",
    "0 < x <= 1",
    "sum(A[i, j] for i in range(2) for j in range(2)) == 0",
    "all(A[i, i] >= 0 for i in range(2))",
    "softmax(A @ A.T)[0, 1] == 1 / 2",
    "x if x > 0 else -x",
    "-x ** 2 + (x - 1) * (x + 1)",
])
def test_round_trip_through_str(text: str) -> None:
    tree = parse(text, bound=["A", "x"])
    again = parse(str(tree), bound=["A", "x"])
    assert str(again) == str(tree)
    # columns are not part of the meaning, but both trees have the same node kinds
    assert [type(n).__name__ for n in E.walk(tree)] == [type(n).__name__ for n in E.walk(again)]


def test_numbers_are_exact() -> None:
    assert parse("0.1").value == Fraction(1, 10)  # type: ignore[union-attr]
    assert parse("1e-3").value == Fraction(1, 1000)  # type: ignore[union-attr]
    assert evaluate(parse("0.1 + 0.2 == 0.3"), Env()) is True


def test_columns_point_at_the_problem() -> None:
    with pytest.raises(InputError) as info:
        parse("det(A) + dett(A)", bound=["A"])
    assert info.value.context == "column 10"
    assert info.value.suggestion == "det"


@pytest.mark.parametrize(("text", "expected"), [
    ("__import__('os').system('x')", "expected a call of a vocabulary name"),
    ("open('f')", "expected a known function"),
    ("A.__class__", "expected the attribute .T"),
    ("(lambda: 1)()", "expected a call of a vocabulary name"),
    ("[x for x in range(3)]", "a list comprehension"),
    ("{1: 2}", "a dict"),
    ("f'{x}'", "an f-string"),
    ("x := 1", "expected a Python-style expression"),
    ("det(*A)", "expected plain arguments"),
    ("A[0:1]", "slices are not supported"),
    ("x // 2", "expected an operator"),  # % is the integer remainder (issue 17)
    ("x is None", "expected a comparison"),
    ("sum(x for x in A)", "expected range(n)"),
    ("det(A, A)", "expected det(A) (1 argument), got 2 arguments"),
    ("x(1)", "expected a vocabulary function to call"),
    ("", "expected an expression"),
])
def test_outside_the_whitelist(text: str, expected: str) -> None:
    with pytest.raises(InputError) as info:
        parse(text, bound=["A", "x"])
    assert expected in str(info.value)


def test_bound_names_shadow_the_vocabulary() -> None:
    tree = parse("S + 1", bound=["S"])
    assert evaluate(tree, Env({"S": Fraction(2)})) == 3


def test_free_names_ignore_loop_indices() -> None:
    tree = parse("sum(A[i, k] for i in range(n))", bound=["A", "k", "n"])
    assert E.free_names(tree) == {"A", "k", "n"}


def test_evaluation_of_matrices_and_indexing() -> None:
    env = Env({"A": Matrix.of([[1, 2], [3, 4]]), "v": Matrix.column([1, 1])})
    assert str(evaluate(parse("A @ v", bound="Av"), env)) == "[3, 7]"
    assert evaluate(parse("A[1, 0]", bound="Av"), env) == 3
    assert evaluate(parse("(v.T @ A @ v)[0, 0]", bound="Av"), env) == 10
    assert truth(parse("v.T @ A @ v == 10", bound="Av"), env)  # 1×1 matrices act as scalars
    with pytest.raises(InputError, match="expected a matrix with 2 rows"):
        evaluate(parse("A @ [1, 2, 3]", bound="Av"), env)
    with pytest.raises(InputError, match="expected @ for a matrix product"):
        evaluate(parse("A * A", bound="Av"), env)


def test_undefined_points() -> None:
    with pytest.raises(Undefined):
        evaluate(parse("inverse([[1, 1], [1, 1]])"), Env())
    with pytest.raises(Undefined):
        evaluate(parse("log(0)"), Env())
    with pytest.raises(Undefined):
        evaluate(parse("sqrt(-1)"), Env())


def test_rigorous_comparisons() -> None:
    assert truth(parse("sqrt(2) > 1.41421356"), Env())
    assert not truth(parse("sqrt(2) > 1.41421357"), Env())
    assert truth(parse("exp(1) > 2.718281828"), Env())
    assert truth(parse("sqrt(8) == 2 * sqrt(2)"), Env())
    assert truth(parse("tanh(1) == (exp(2) - 1) / (exp(2) + 1)"), Env())


def test_parse_sympy_builds_exact_expressions() -> None:
    x, y = sympy.symbols("x y", real=True)
    e = parse_sympy("x**2 - 0.5*y + exp(x)", {"x": x, "y": y})
    assert e == x**2 - sympy.Rational(1, 2) * y + sympy.exp(x)
    relu = parse_sympy("relu(x)", ["x"])
    assert relu.subs(sympy.Symbol("x", real=True), -3) == 0
    only = parse_sympy("f(x)", ["x"], functions={"f": lambda t: 2 * t})
    assert only == 2 * sympy.Symbol("x", real=True)


@pytest.mark.parametrize("text", ["x.__class__", "__import__('os')", "x if x else 1", "[x]",
                                  "z + 1", "exp(x, y=1)", "'a' * 3", "x / 0"])
def test_parse_sympy_rejects(text: str) -> None:
    with pytest.raises(InputError):
        parse_sympy(text, ["x"])
