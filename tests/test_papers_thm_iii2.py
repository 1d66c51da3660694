"""Issue 17 §2: Theorem III.2 beyond quadratic errors — real odd roots and sign in the
formula vocabulary, the real branch of the inverse of ∂e/∂x for odd powers, and
``error_hypothesis_holds`` agreeing with ``L`` on which errors they accept."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from coherence.algebra.errors import InputError
from coherence.algebra.para import GradientDescent, error_function, para_map
from coherence.checks.expr import parse_sympy
from coherence.checks.learner_checks import check_error_hypothesis, check_functoriality
from coherence.checks.verdict import Outcome
from coherence.checks.vocab_learners import make_error, make_L

R = sympy.Rational
lin = para_map("f", P=("w",), A=("x",), B=("y",), I=["w*x"])
lin2 = para_map("g", P=("v",), A=("y",), B=("z",), I=["v*y"])
sq = para_map("s", P=("v",), A=("y",), B=("z",), I=["v*y**2"])
tanh_layer = para_map("t", P=("v", "c"), A=("y",), B=("z",), I=["tanh(v*y + c)"])


def test_formulas_say_cbrt_real_root_and_sign() -> None:
    x = sympy.Symbol("x", real=True)
    assert parse_sympy("cbrt(-8)", ["x"]) == -2
    assert parse_sympy("real_root(-32, 5)", ["x"]) == -2
    assert parse_sympy("sign(-3)", ["x"]) == -1
    assert parse_sympy("cbrt(x)**3", ["x"]) == x
    assert parse_sympy("cosh(0) + sinh(0) + floor(x/2)", ["x"]).subs(x, 3) == 2
    with pytest.raises(InputError):
        parse_sympy("real_root(x, 2)", ["x"])  # even roots are not total on ℝ


@pytest.mark.parametrize("formula,power", [("(x - y)**4/4", 3), ("(x - y)**6", 5),
                                           ("2*(y - x)**4 + x**2", 3)])
def test_odd_power_gradients_have_the_real_inverse(formula: str, power: int) -> None:
    e = error_function("e", formula)
    assert e.inverse is not None
    X, Z = sympy.Symbol("x", real=True), sympy.Symbol("z", real=True)
    # verified at exact points, including negative z where the principal root is complex
    for x0, z0 in ((0, -8), (1, 27), (-2, -1), (3, 5)):
        y0 = e.inverse.xreplace({X: R(x0), Z: R(z0)})
        back = e.dx.xreplace({sympy.Symbol("x", real=True): R(x0),
                              sympy.Symbol("y", real=True): y0})
        assert sympy.simplify(back - z0) == 0
        assert y0.is_real


@pytest.mark.parametrize("g", [lin2, sq, tanh_layer])
def test_quartic_error_functorial(g) -> None:
    L = make_L("eps", make_error("(x - y)**4/4"))
    v = check_functoriality(L, g, lin)
    assert v.outcome is Outcome.PROVED, v


def test_wrong_request_for_quartic_refuted() -> None:
    L = GradientDescent(R(1, 10), error_function("q", "(x - y)**4/4"), request="x - z")
    v = check_functoriality(L, lin2, lin)
    assert v.outcome is Outcome.REFUTED


def test_degenerate_leading_coefficient_refutes_hypothesis() -> None:
    v = check_error_hypothesis(error_function("d", "x**2*y**3"))
    assert v.outcome is Outcome.REFUTED, v
    assert dict(v.witness)["x₀"] == "0"
    v = check_error_hypothesis(error_function("d", "(x - 1)**2*y**3/2"))
    assert v.outcome is Outcome.REFUTED, v
    assert dict(v.witness)["x₀"] == "1"
    v = check_error_hypothesis(error_function("d", "(x**2/2 - x)*y**3 + x**2*y/2"))
    assert v.outcome is Outcome.REFUTED, v


@pytest.mark.parametrize("formula", [
    "(x - y)**2/2", "(x - y)**4/4", "x**2*y**3", "x**2*y", "x*y", "(x - y)**2",
    "log(1 + exp(-x*y))", "(x - tanh(y))**2/2", "x**2", "(x-y)**6", "x*y**2",
    "x**3*y", "(x**2 + 1)*y**2/2 + x*y", "(x - y)**4/4 + (x - y)**2/2", "x*y**3 + y**4/4",
    "-y**4/4 - x*y", "(x - y)**6/6 + (x - y)**4/4",
])
def test_hypothesis_and_L_agree(formula: str) -> None:
    """L accepts an error exactly when the hypothesis is proved; refuted ⇒ L refuses."""
    e = make_error(formula)
    v = check_error_hypothesis(e)
    if v.outcome is Outcome.PROVED:
        assert e.inverse is not None, formula
        make_L(1, e)
    if v.outcome is Outcome.REFUTED:
        assert e.inverse is None, formula
        with pytest.raises(InputError):
            make_L(1, e)(lin)


@pytest.mark.parametrize("formula", ["(x - y)**4/4 + (x - y)**2/2", "(x - y)**6/6 + (x - y)**4/4"])
def test_monotone_gradient_functorial(formula: str) -> None:
    """No closed-form real inverse (a cubic/quintic): the implicit real root, verified by
    substitution, makes L(g∘f) = L(g)∘L(f) an exact identity."""
    L = make_L(Fraction(1, 10), make_error(formula))
    assert check_functoriality(L, lin2, lin).outcome is Outcome.PROVED
    assert check_functoriality(L, sq, lin).outcome is Outcome.PROVED


def test_monotone_gradient_wrong_request_refuted_exactly() -> None:
    L = make_L(Fraction(1, 10), make_error("(x - y)**4/4 + (x - y)**2/2"), request="x - z")
    v = check_functoriality(L, lin2, lin)
    assert v.outcome is Outcome.REFUTED
