"""Para and the gradient-descent functor L(ε, e): hand-computed U_I and r_I, the known
results of Theorem III.2 (functorial for the quadratic error on linear and nonlinear
maps; refuted when the request is not built from the inverse of ∂e/∂x), the hypothesis
on e, and one update step."""

from __future__ import annotations

import sympy
from coherence.algebra.learners import compose
from coherence.algebra.para import (
    GradientDescent,
    error_function,
    mlp_layer,
    para_compose,
    para_map,
    quadratic_error,
)
from coherence.checks.learner_checks import (
    check_error_hypothesis,
    check_functoriality,
    check_update_decreases,
)
from coherence.checks.verdict import Outcome
from hypothesis import given, settings
from hypothesis import strategies as st

R = sympy.Rational
lin = para_map("f", P=("w",), A=("x",), B=("y",), I=["w*x"])
lin2 = para_map("g", P=("v",), A=("y",), B=("z",), I=["v*y"])
tanh_layer = para_map("t", P=("v", "c"), A=("y",), B=("z",), I=["tanh(v*y + c)"])


def test_gradient_learner_by_hand() -> None:
    L = GradientDescent(R(1, 10), quadratic_error())
    f = L(lin)
    # E = ½(wx − y)², ∇_w E = (wx − y)x, ∇_x E = (wx − y)w
    # at w = 2, x = 1, y = 3: U = 2 − (1/10)(−1)(1) = 21/10; r = 1 − (−1)(2) = 3
    assert f.U((2,), (1,), (3,)) == (R(21, 10),)
    assert f.r((2,), (1,), (3,)) == (3,)
    assert f.I((2,), (1,)) == (2,)


def test_target_held_fixed_then_request_substituted() -> None:
    """The pitfall: U_I is differentiated with b free, and only then b := request."""
    L = GradientDescent(1, quadratic_error())
    f, g = L(lin), L(lin2)
    h = compose(g, f)
    p, q, a, c = (R(2),), (R(3),), (R(1),), (R(0),)
    b = f.I(p, a)  # 2
    s = g.r(q, b, c)  # 2 − (3·2 − 0)·3 = −16
    assert s == (-16,)
    # U_f(p, a, s) = 2 − (2·1 − (−16))·1 = −16
    assert h.U((p, q), a, c)[0] == (-16,)
    # differentiating after substituting b := s(p) would give a different value
    w, x, v, z = sympy.symbols("w x v z", real=True)
    wrong_E = (w * x - (w * x - (v * w * x - z) * v)) ** 2 / 2
    wrong = (w - sympy.diff(wrong_E, w)).subs({w: 2, x: 1, v: 3, z: 0})
    assert wrong != -16


def test_functorial_for_quadratic_error_linear_and_tanh() -> None:
    L = GradientDescent(sympy.Symbol("eps", positive=True), quadratic_error())
    for g, f in ((lin2, lin), (tanh_layer, lin), (mlp_layer("b", 2, 1, "tanh", "y", "z"),
                                                  mlp_layer("a", 1, 2, "tanh", "x", "y"))):
        v = check_functoriality(L, g, f)
        assert v.outcome is Outcome.PROVED, v
        assert "exact" in v.method


def test_functorial_for_non_quadratic_error_with_its_inverse() -> None:
    e = error_function("sq", "(x - y)**2")
    assert e.inverse == sympy.Symbol("x", real=True) - sympy.Symbol("z", real=True) / 2
    square = para_map("s", P=("v",), A=("y",), B=("z",), I=["v*y**2"])
    assert check_functoriality(GradientDescent(R(1, 10), e), square, lin).outcome is Outcome.PROVED


def test_refuted_when_request_is_not_from_the_inverse() -> None:
    bad = GradientDescent(R(1, 10), error_function("sq", "(x - y)**2"), request="x - z")
    v = check_functoriality(bad, lin2, lin)
    assert v.outcome is Outcome.REFUTED
    names = [n for n, _ in v.witness]
    assert names == ["p", "q", "a", "c"]
    # re-check both sides exactly, independently of the check
    (p, q), a, c = v.witness_values
    lhs = bad(para_compose(lin2, lin)).U((p, q), a, c)
    rhs = compose(bad(lin2), bad(lin)).U((p, q), a, c)
    assert lhs != rhs
    assert v.lhs == f"U = {_show(lhs)}" and v.rhs == f"U = {_show(rhs)}"


def _show(x: object) -> str:
    from coherence.algebra.learners import show

    return show(x)


def test_hypothesis_proved_refuted_unknown() -> None:
    assert check_error_hypothesis(quadratic_error()).outcome is Outcome.PROVED
    assert check_error_hypothesis(error_function("q", "(x - y)**4/4")).outcome is Outcome.PROVED
    logistic = check_error_hypothesis(error_function("logistic", "log(1 + exp(-x*y))"))
    assert logistic.outcome is Outcome.REFUTED and logistic.witness[0] == ("x₀", "1")
    # re-check: ∂e/∂x(1, ·) at 0, 1, 2 goes down then up (certified)
    from coherence.algebra.learners import numeric_sign

    x, y = sympy.symbols("x y", real=True)
    h = sympy.diff(sympy.log(1 + sympy.exp(-x * y)), x).subs(x, 1)
    vals = [h.subs(y, k) for k in (0, 1, 2)]
    assert numeric_sign(vals[1] - vals[0]) == -1 and numeric_sign(vals[2] - vals[1]) == 1
    through_tanh = check_error_hypothesis(error_function("t", "tanh(x - y)**2/2"))
    assert through_tanh.outcome is Outcome.REFUTED and through_tanh.witness[0][0] == "x₀"
    bounded = check_error_hypothesis(error_function("b", "(x - tanh(y))**2/2"))
    assert bounded.outcome is Outcome.REFUTED and ("z", "1") in bounded.witness
    degenerate = check_error_hypothesis(error_function("d", "x**2*y/2 + (x - y)**2/2"))
    assert degenerate.outcome is Outcome.REFUTED  # α(x₀) = x₀²/2·… vanishes somewhere
    constant = check_error_hypothesis(error_function("c", "x**2"))
    assert constant.outcome is Outcome.REFUTED


def test_update_step_region_and_verdicts() -> None:
    L = GradientDescent(R(1, 10), quadratic_error())
    v = check_update_decreases(L, lin)
    assert v.outcome is Outcome.REFUTED
    pt = v.witness_values
    x = sympy.Symbol("x", real=True)
    assert pt[x] ** 2 > 20  # exactly where x² > 2/ε the step overshoots
    assert "x**2 - 20" in v.detail
    assert "x ∈ Interval.open(-2*sqrt(5), 2*sqrt(5))" in v.detail
    bias = para_map("bias", P=("v",), A=("x",), B=("y",), I=["x + v"])
    assert check_update_decreases(L, bias).outcome is Outcome.PROVED
    eps = sympy.Symbol("eps", positive=True)
    sym = check_update_decreases(GradientDescent(eps, quadratic_error()), bias)
    assert sym.outcome is Outcome.REFUTED  # ε > 2 overshoots
    assert sym.witness_values[eps] > 2
    assert "eps ∈ Interval.open(0, 2)" in sym.detail  # the exact region where it decreases


@settings(max_examples=15, deadline=None)
@given(st.integers(-3, 3), st.integers(-3, 3), st.integers(-3, 3), st.integers(-3, 3))
def test_composite_matches_chain_rule_at_random_points(p: int, q: int, a: int, c: int) -> None:
    """L(g)∘L(f) evaluated at a point equals the direct gradient step on g∘f."""
    L = GradientDescent(R(1, 3), quadratic_error())
    h = compose(L(lin2), L(lin))
    w, x, v, z = sympy.symbols("w x v z", real=True)
    E = (v * w * x - z) ** 2 / 2
    at = {w: p, x: a, v: q, z: c}
    expected = (w - sympy.diff(E, w) / 3).subs(at), (v - sympy.diff(E, v) / 3).subs(at)
    got = h.U(((R(p),), (R(q),)), (R(a),), (R(c),))
    assert (got[0][0], got[1][0]) == expected


_MAPS = {
    "linear": ("f", ("w",), "w*x"),
    "tanh": ("f", ("w", "b"), "tanh(w*x + b)"),
    "square": ("f", ("w",), "w*x**2"),
}


def _pmap(kind: str, name: str, a: str, b: str, tag: str) -> object:
    _, params, formula = _MAPS[kind]
    ps = tuple(p + tag for p in params)
    text = formula.replace("x", a)
    for p in params:
        text = text.replace(p, p + tag)
    return para_map(name, P=ps, A=(a,), B=(b,), I=[text])


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(sorted(_MAPS)), st.sampled_from(sorted(_MAPS)),
       st.sampled_from((1, 2, 3)), st.sampled_from((R(1, 2), R(1, 4), R(1, 6), 1, 2)))
def test_functoriality_verdict_is_sound_both_ways(kf: str, kg: str, c: int, k: object) -> None:
    """e = c·(x − y)² has inverse y = x − z/(2c); a request x − k·z is right iff k = 1/(2c).
    The verdict must be proved exactly then, refuted (with a re-checked witness) otherwise."""
    e = error_function("c(x-y)^2", f"{c}*(x - y)**2")
    L = GradientDescent(R(1, 5), e, request=f"x - ({k})*z")
    f, g = _pmap(kf, "f", "x", "y", "1"), _pmap(kg, "g", "y", "z", "2")
    v = check_functoriality(L, g, f)
    if k == R(1, 2 * c):
        assert v.outcome is Outcome.PROVED
    else:
        assert v.outcome is Outcome.REFUTED
        (p, q), a, cc = v.witness_values
        comp = v.lhs.split(" = ")[0]
        lhs = getattr(L(para_compose(g, f)), comp)((p, q), a, cc)
        rhs = getattr(compose(L(g), L(f)), comp)((p, q), a, cc)
        assert lhs != rhs


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=1, max_size=4),
       st.lists(st.integers(-3, 3), min_size=1, max_size=3))
def test_hypothesis_verdict_matches_sturm_for_linear_in_y(a: list[int], b: list[int]) -> None:
    """e = A(x)·y + B(x): ∂e/∂x(x₀, ·) = A′(x₀)·y + B′(x₀) is a bijection for every x₀
    exactly when A′ has no real root (Sturm count, an independent routine)."""
    x, y = sympy.symbols("x y", real=True)
    A = sum(cf * x ** (i + 1) for i, cf in enumerate(a))
    B = sum(cf * x ** (i + 1) for i, cf in enumerate(b))
    e = error_function("e", A * y + B)
    dA = sympy.Poly(sympy.diff(A, x), x)
    truth = not dA.is_zero and dA.count_roots() == 0
    v = check_error_hypothesis(e)
    assert v.outcome is (Outcome.PROVED if truth else Outcome.REFUTED)
    if v.outcome is Outcome.REFUTED and "x₀" in dict(v.witness):
        x0 = v.witness_values["x0"] if isinstance(v.witness_values, dict) else None
        if x0 is not None:
            h = sympy.diff(A * y + B, x).subs(x, x0)
            assert sympy.simplify(h.subs(y, 0) - h.subs(y, 1)) == 0  # constant in y there


def test_update_step_never_refuted_where_the_map_is_undefined() -> None:
    # e = ½(x − y)² + k(x)² with k = √x·√(x−1) − √(x(x−1)), which is 0 wherever it is
    # real (x ≥ 1): with ε = 1 a step of I = v lands on the target there. At v = −1
    # SymPy's complex evaluation gives k = −2√2, a real E that grows after the step — but
    # e has no real value at v = −1, and that point is no counterexample.
    e = error_function("junk", "(x - y)**2/2 + (sqrt(x)*sqrt(x - 1) - sqrt(x*(x - 1)))**2")
    ident = para_map("id", P=("v",), A=(), B=("y",), I=["v"])
    v = check_update_decreases(GradientDescent(1, e), ident, samples=0)
    assert v.outcome is not Outcome.REFUTED, v.witness


def test_constant_in_y_is_refuted_where_the_derivative_exists() -> None:
    # e = log(x): ∂e/∂x = 1/x, constant in y; x₀ = 0 (where it is undefined) is no witness
    v = check_error_hypothesis(error_function("log", "log(x)"))
    assert v.outcome is Outcome.REFUTED
    x0 = sympy.Rational(dict(v.witness)["x₀"])
    assert x0 != 0 and v.lhs == f"∂e/∂x(x₀, 0) = {1 / x0}"
