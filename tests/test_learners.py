"""Learners: definitions against hand-computed values, equivalence, and the checks of
associativity/unitality (up to equivalence: proved; on the nose: refuted)."""

from __future__ import annotations

import sympy
from coherence.algebra.learners import (
    POINT,
    STAR,
    FiniteSet,
    Learner,
    Product,
    Real,
    braiding,
    compare_exprs,
    compose,
    contains,
    equivalent,
    identity,
    numeric_sign,
    same_on_the_nose,
    tensor,
)
from coherence.checks.learner_checks import check_associativity, check_unitality
from coherence.checks.verdict import Outcome

R = sympy.Rational


def linear_neuron(name: str = "f", a: str = "x", b: str = "y", w: str = "w") -> Learner:
    return Learner.from_expressions(
        name, P=Real((w,)), A=Real((a,)), B=Real((b,)), I=[f"{w}*{a}"],
        U=[f"{w} - ({w}*{a} - {b})*{a}"], r=[f"{a} - ({w}*{a} - {b})*{w}"])


def bias(name: str = "g", a: str = "y", b: str = "z", v: str = "v") -> Learner:
    return Learner.from_expressions(
        name, P=Real((v,)), A=Real((a,)), B=Real((b,)), I=[f"{a} + {v}"],
        U=[f"{v} - ({a} + {v} - {b})/2"], r=[f"{b} - {v}"])


def test_composite_values_by_hand() -> None:
    f, g = linear_neuron(), bias()
    h = compose(g, f)  # first f then g
    p, q, a, c = (R(2),), (R(1),), (R(3),), (R(4),)
    # I: g(q, f(p, a)) = 2*3 + 1 = 7
    assert h.I((p, q), a) == (7,)
    # b = I_f = 6; s = r_g(q, b, c) = c - v = 3; U = (U_f(p, a, 3), U_g(q, 6, 4))
    # U_f = 2 - (6 - 3)*3 = -7; U_g = 1 - (6 + 1 - 4)/2 = -1/2
    assert h.U((p, q), a, c) == ((-7,), (R(-1, 2),))
    # r = r_f(p, a, 3) = 3 - (6 - 3)*2 = -3
    assert h.r((p, q), a, c) == (-3,)


def test_identity_and_braiding_by_hand() -> None:
    i = identity(Real(("x",)))
    assert (i.I(STAR, (5,)), i.U(STAR, (5,), (1,)), i.r(STAR, (5,), (1,))) == ((5,), STAR, (1,))
    s = braiding(FiniteSet((0, 1)), FiniteSet(("a", "b")))
    assert s.I(STAR, (1, "a")) == ("a", 1)
    assert s.r(STAR, (1, "a"), ("b", 0)) == (0, "b")


def test_tensor_componentwise() -> None:
    f, g = linear_neuron(), bias()
    t = tensor(f, g)
    assert t.P == Product(f.P, g.P)
    assert t.I(((R(2),), (R(1),)), ((R(3),), (R(5),))) == ((6,), (6,))
    assert t.r(((R(2),), (R(1),)), ((R(3),), (R(5),)), ((R(6),), (R(0),))) == ((3,), (-1,))


def test_finite_learner_tables_must_be_complete() -> None:
    bits = FiniteSet((0, 1))
    try:
        Learner.from_tables("bad", P=POINT, A=bits, B=bits, I={(STAR, 0): 0},
                            U={}, r={})
    except ValueError as err:
        assert "complete table for I" in str(err)
    else:  # pragma: no cover
        raise AssertionError("an incomplete table must be rejected")


def test_associativity_up_to_equivalence_and_not_on_the_nose() -> None:
    f, g = linear_neuron(), bias()
    h = linear_neuron("h", "z", "t", "u")
    up = check_associativity(f, g, h)
    assert up.outcome is Outcome.PROVED and "u ← u" in up.method
    nose = check_associativity(f, g, h, on_the_nose=True)
    assert nose.outcome is Outcome.REFUTED
    assert "differ as sets" in nose.detail
    # the witness really is a parameter of one composite and not of the other
    left, right = compose(compose(h, g), f), compose(h, compose(g, f))
    x = (((R(0),), (R(0),)), (R(0),))  # a point of (P×Q)×R
    assert contains(right.P, x) and not contains(left.P, x)


def test_generic_learners_prove_associativity_and_unitality_for_all() -> None:
    assert check_associativity().outcome is Outcome.PROVED
    assert check_unitality().outcome is Outcome.PROVED
    v = check_unitality(on_the_nose=True)
    assert v.outcome is Outcome.REFUTED and v.witness


def test_equivalence_found_by_permuting_parameters() -> None:
    f, g = linear_neuron(), bias()
    # g∘f with parameters P×Q versus the same learner written with Q×P
    h = compose(g, f)
    swapped = Learner("swapped", h.A, h.B, Product(g.P, f.P),
                      lambda qp, a: h.I((qp[1], qp[0]), a),
                      lambda qp, a, c: tuple(reversed(h.U((qp[1], qp[0]), a, c))),
                      lambda qp, a, c: h.r((qp[1], qp[0]), a, c))
    res = equivalent(h, swapped)
    assert res.holds is True
    assert not same_on_the_nose(h, swapped).holds


def test_broken_equivalence_is_refuted_with_exact_difference() -> None:
    f = linear_neuron()
    broken = Learner.from_expressions("f'", P=Real(("w",)), A=Real(("x",)), B=Real(("y",)),
                                      I=["w*x"], U=["w - (w*x - y)*x"], r=["x"])
    # with an explicit bijection (the identity, with its inverse) the difference is exact
    res = equivalent(f, broken, bijection=lambda p: p, inverse=lambda p: p)
    assert res.holds is False and res.component == "r"
    d = res.difference
    assert d is not None and d.status == "different"
    p, a, b = d.args
    assert f.r(p, a, b) != broken.r(p, a, b)
    # searching only rearrangements never claims "not equivalent" for real parameters
    assert equivalent(f, broken).holds is None
    assert check_associativity(f, bias(), broken).outcome is Outcome.PROVED


def test_finite_non_equivalence_is_exhaustive() -> None:
    bits = FiniteSet((0, 1))
    flip = {(p, a): (a + p) % 2 for p in (0, 1) for a in (0, 1)}
    keep = {(p, a, b): p for p in (0, 1) for a in (0, 1) for b in (0, 1)}
    req = {(p, a, b): b for p in (0, 1) for a in (0, 1) for b in (0, 1)}
    f = Learner.from_tables("xor", P=bits, A=bits, B=bits, I=flip, U=keep, r=req)
    swapped = {(p, a): (a + 1 - p) % 2 for p in (0, 1) for a in (0, 1)}
    g = Learner.from_tables("xnor", P=bits, A=bits, B=bits, I=swapped, U=keep, r=req)
    assert equivalent(f, g).holds is True  # φ(p) = 1 − p
    const = {(p, a): 0 for p in (0, 1) for a in (0, 1)}
    h = Learner.from_tables("zero", P=bits, A=bits, B=bits, I=const, U=keep, r=req)
    res = equivalent(f, h)
    assert res.holds is False and "none of the 2 bijections" in res.reason


def test_compare_exprs_is_sound() -> None:
    x, y = sympy.symbols("x y", real=True)
    assert compare_exprs([sympy.tanh(x) ** 2], [1 - 1 / sympy.cosh(x) ** 2], [x]).status == "equal"
    c = compare_exprs([sympy.tanh(x)], [x], [x])
    assert c.status == "different"
    pt = dict((sympy.Symbol(n, real=True), v) for n, v in c.mismatch.point)
    assert numeric_sign((sympy.tanh(x) - x).xreplace(pt)) != 0
    # an identity that only holds away from a pole is still an identity of expressions
    assert compare_exprs([(x**2 - y**2) / (x - y)], [x + y], [x, y]).status == "equal"


def test_numeric_sign_is_certified() -> None:
    assert numeric_sign(sympy.exp(1) - R(2718281828, 10**9)) == 1
    assert numeric_sign(sympy.tanh(1) - sympy.tanh(1)) == 0
    assert numeric_sign(sympy.pi - sympy.pi * (1 + R(1, 10**40))) == -1


def test_on_the_nose_compares_sets_not_names() -> None:
    from coherence.checks.learner_checks import _equiv_verdict

    bits, named = FiniteSet((0, 1)), FiniteSet((1, 0), "bits")
    table = {(p, a): a for p in (0, 1) for a in (0, 1)}
    keep = {(p, a, b): p for p in (0, 1) for a in (0, 1) for b in (0, 1)}
    req = {(p, a, b): b for p in (0, 1) for a in (0, 1) for b in (0, 1)}
    f = Learner.from_tables("f", P=bits, A=bits, B=bits, I=table, U=keep, r=req)
    g = Learner.from_tables("g", P=named, A=bits, B=bits, I=table, U=keep, r=req)
    assert same_on_the_nose(f, g).holds is True  # {0, 1} is {1, 0}, whatever its name
    three = FiniteSet((0, 1, 2))
    t3 = {(p, a): a for p in (0, 1, 2) for a in (0, 1)}
    k3 = {(p, a, b): p for p in (0, 1, 2) for a in (0, 1) for b in (0, 1)}
    r3 = {(p, a, b): b for p in (0, 1, 2) for a in (0, 1) for b in (0, 1)}
    h = Learner.from_tables("h", P=three, A=bits, B=bits, I=t3, U=k3, r=r3)
    v = _equiv_verdict("equality", "f", "h", f, h, "", True, 0.0)
    assert v.outcome is Outcome.REFUTED and v.witness == (("parameter", "2"),)
    assert v.lhs == "2 ∈ {0, 1, 2}" and v.rhs == "2 ∉ {0, 1}"
    assert equivalent(f, h).holds is False  # 2 and 3 elements: no bijection


def test_compare_exprs_never_refutes_where_a_side_is_not_real() -> None:
    # √x·√(x−1) = √(x(x−1)) wherever both are real (x ≥ 1); at x = −1 the left side is
    # i·i√2 = −√2 over ℂ, so the difference is a real nonzero number there — but the left
    # side is not a real value, and that point must not be a counterexample.
    x = sympy.Symbol("x", real=True)
    c = compare_exprs([sympy.sqrt(x) * sympy.sqrt(x - 1)], [sympy.sqrt(x * (x - 1))], [x])
    assert c.status != "different"
    # a genuine difference still refutes, at a point where both sides are real
    c = compare_exprs([sympy.sqrt(x) * sympy.sqrt(x - 1)], [sympy.sqrt(x * (x - 1)) + 1], [x])
    assert c.status == "different"
    pt = {sympy.Symbol(n, real=True): v for n, v in c.mismatch.point}
    assert pt[x] >= 1 and c.mismatch.lhs.is_real and c.mismatch.rhs.is_real


def test_identities_of_partial_expressions_say_where_they_hold() -> None:
    # (x² − y²)/(x − y) and x + y differ at x = y, where only one side is defined: the
    # identity is proved at every point where both sides are defined, and says so
    x, y = sympy.symbols("x y", real=True)
    c = compare_exprs([(x**2 - y**2) / (x - y)], [x + y], [x, y])
    assert c.status == "equal" and "where both sides are defined" in c.method
    c = compare_exprs([(x + y) ** 2], [x**2 + 2 * x * y + y**2], [x, y])
    assert c.status == "equal" and "defined" not in c.method
    c = compare_exprs([sympy.log(sympy.exp(x))], [x], [x])
    assert c.status == "equal" and "defined" not in c.method


def test_undecided_comparisons_count_only_points_in_the_domain() -> None:
    # both sides are defined nowhere on ℝ (a root of −1 − x²): the sample points are not
    # evidence for the identity, and the count says so
    x = sympy.Symbol("x", real=True)
    root = sympy.sqrt(-1 - x**2)
    c = compare_exprs([root * sympy.tanh(x) ** 2], [root * (1 - 1 / sympy.cosh(x) ** 2)], [x],
                      simplify_limit=0)
    assert c.status == "unknown" and c.points_held == 0 and "held at 0 of 6" in c.method
    c = compare_exprs([sympy.tanh(x) ** 2], [1 - 1 / sympy.cosh(x) ** 2], [x], simplify_limit=0)
    assert c.status == "unknown" and c.points_held == 6


def test_finite_sets_list_each_element_once() -> None:
    # FiniteSet((0, 0)) counted two parameters: equivalence with a one-point parameter
    # set was refuted "by cardinality"
    import pytest
    from coherence.algebra.errors import InputError

    with pytest.raises(InputError, match="distinct"):
        FiniteSet((0, 0))
