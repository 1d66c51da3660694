"""Claim-file vocabulary for learners, Para and the gradient-descent functor L(ε, e).

Registers (area ``learners``) constructors ``Learner``, ``learner_identity``,
``braiding``, ``generic_learner``, ``Para``, ``dense_layer``, ``error``, ``L``; functions
``compose_learners``, ``tensor_learners``, ``compose_para``, ``apply_L``; and deciders
``is_equivalent``, ``is_equal``, ``is_associative``, ``is_unital``, ``is_functorial``,
``error_hypothesis_holds``, ``update_never_increases``. Formulas written in claim files
are read with :func:`coherence.checks.expr.parse_sympy` (never ``sympify``).
Coordinates are lists of names: ``Learner(['w'], ['x'], ['y'], I=['w*x'], …)``.

Examples
--------
>>> f = make_learner(["w"], ["x"], ["y"], ["w*x"], ["w"], ["x"], name="f")
>>> f.I((2,), (3,))
(6,)
>>> decide_functorial(make_L(1, make_error("(x - y)**2/2")),
...                   make_para(["v"], ["y"], ["z"], ["v*y"]),
...                   make_para(["w"], ["x"], ["y"], ["w*x"])).outcome
<Outcome.PROVED: 'proved'>
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import sympy
from coherence.algebra.errors import InputError
from coherence.algebra.learners import (
    Learner,
    Real,
    braiding,
    compose,
    equivalent,
    generic_learner,
    identity,
    same_on_the_nose,
    tensor,
)
from coherence.algebra.para import (
    ErrorFunction,
    GradientDescent,
    ParaMap,
    error_function,
    mlp_layer,
    para_compose,
    para_map,
)
from coherence.checks import learner_checks as lc
from coherence.checks.expr import parse_sympy
from coherence.checks.verdict import Outcome, Verdict
from coherence.checks.vocabulary import Decision, register

AREA = "learners"


def to_decision(v: Verdict) -> Decision:
    """A check's Verdict as the Decision a decider returns.

    >>> to_decision(Verdict("x", Outcome.PROVED, method="m")).method
    'm'
    """
    detail = v.detail
    if v.outcome is Outcome.EVIDENCE and v.samples:
        detail = f"{detail}; {v.samples} samples, seed {v.seed}".strip("; ")
    return Decision(v.outcome, v.method, witness=v.witness, lhs=v.lhs, rhs=v.rhs,
                    residual=v.residual, detail=detail, witness_values=v.witness_values)


def _names(x: Any, what: str) -> tuple[str, ...]:
    if isinstance(x, str):
        x = (x,)
    if not isinstance(x, tuple | list) or not all(isinstance(n, str) for n in x):
        raise InputError(f"expected {what} as a list of coordinate names", got=repr(x))
    return tuple(x)


def _formulas(x: Any, names: Sequence[str], what: str) -> list[sympy.Expr]:
    if isinstance(x, str):
        x = (x,)
    if not isinstance(x, tuple | list):
        raise InputError(f"expected {what} as a list of formulas", got=repr(x))
    out = []
    for item in x:
        if isinstance(item, int | Fraction) and not isinstance(item, bool):
            out.append(sympy.Rational(item.numerator, item.denominator))
        elif isinstance(item, str):
            out.append(parse_sympy(item, list(names)))
        else:
            raise InputError(f"expected {what} formulas as strings", got=repr(item))
    return out


def _learner(x: Any, what: str = "a learner") -> Learner:
    if not isinstance(x, Learner):
        raise InputError(f"expected {what}", got=type(x).__name__)
    return x


def _para(x: Any) -> ParaMap:
    if not isinstance(x, ParaMap):
        raise InputError("expected a Para map (Para(...) or dense_layer(...))",
                         got=type(x).__name__)
    return x


# -------------------------------------------------------------------- constructors


@register("Learner", kind="constructor", min_args=6, max_args=6, area=AREA,
          signature="Learner(P, A, B, I, U, r, name='f')",
          doc="A learner A → B on real coordinates: P, A, B lists of names; I, U, r lists "
              "of formulas (I in P, A; U and r also in B, the target).")
def make_learner(P: Any, A: Any, B: Any, I: Any, U: Any, r: Any, name: str = "f") -> Learner:
    """``Learner(['w'], ['x'], ['y'], ['w*x'], [...], [...])``.

    >>> make_learner(["w"], ["x"], ["y"], ["w*x"], ["w"], ["x"]).U((1,), (2,), (3,))
    (1,)
    """
    Pn, An, Bn = _names(P, "P"), _names(A, "A"), _names(B, "B")
    return Learner.from_expressions(
        str(name), P=Real(Pn), A=Real(An), B=Real(Bn),
        I=_formulas(I, Pn + An, "I"), U=_formulas(U, Pn + An + Bn, "U"),
        r=_formulas(r, Pn + An + Bn, "r"))


@register("learner_identity", kind="constructor", min_args=1, max_args=1, area=AREA,
          signature="learner_identity(A)",
          doc="The identity learner on ℝ^A: P = {∗}, I(∗, a) = a, r(∗, a, b) = b.")
def make_identity(A: Any) -> Learner:
    """The identity learner on the coordinates ``A``.

    >>> make_identity(["x"]).r("∗", (1,), (2,))
    (2,)
    """
    return identity(Real(_names(A, "A")))


@register("braiding", kind="constructor", min_args=2, max_args=2, area=AREA,
          signature="braiding(A, B)", doc="The symmetry σ: A×B → B×A of Learn (P = {∗}).")
def make_braiding(A: Any, B: Any) -> Learner:
    """``σ_{A,B}``.

    >>> make_braiding(["a"], ["b"]).I("∗", ((1,), (2,)))
    ((2,), (1,))
    """
    return braiding(Real(_names(A, "A")), Real(_names(B, "B")))


@register("generic_learner", kind="constructor", min_args=1, max_args=4, area=AREA,
          signature="generic_learner(name, A='a', B='b', P='p')",
          doc="A learner with uninterpreted I, U, r (an identity between composites of "
              "generic learners holds for all learners).")
def make_generic(name: str, A: str = "a", B: str = "b", P: str = "p") -> Learner:
    """A generic learner.

    >>> make_generic("f").name
    'f'
    """
    return generic_learner(str(name), str(A), str(B), str(P))


@register("compose_learners", kind="function", min_args=2, max_args=2, area=AREA,
          signature="compose_learners(g, f)",
          doc="g∘f for learners f: A → B, g: B → C (first f), parameters P×Q.")
def compose_learners(g: Any, f: Any) -> Learner:
    """``g∘f``.

    >>> i = make_identity(["x"]); str(compose_learners(i, i).P)
    '({∗} × {∗})'
    """
    return compose(_learner(g), _learner(f))


@register("tensor_learners", kind="function", min_args=2, max_args=2, area=AREA,
          signature="tensor_learners(f, g)",
          doc="The monoidal product f ∥ g: A×C → B×D, componentwise, parameters P×Q.")
def tensor_learners(f: Any, g: Any) -> Learner:
    """``f ∥ g``.

    >>> i = make_identity(["x"]); tensor_learners(i, i).I(("∗", "∗"), ((1,), (2,)))
    ((1,), (2,))
    """
    return tensor(_learner(f), _learner(g))


@register("Para", kind="constructor", min_args=4, max_args=4, area=AREA,
          signature="Para(P, A, B, I, name='f')",
          doc="A parametrised map I: ℝ^P × ℝ^A → ℝ^B from formulas in P and A.")
def make_para(P: Any, A: Any, B: Any, I: Any, name: str = "f") -> ParaMap:
    """``Para(['w'], ['x'], ['y'], ['tanh(w*x)'])``.

    >>> make_para(["w"], ["x"], ["y"], ["w*x"]).I((2,), (3,))
    (6,)
    """
    Pn, An, Bn = _names(P, "P"), _names(A, "A"), _names(B, "B")
    return para_map(str(name), P=Pn, A=An, B=Bn, I=_formulas(I, Pn + An, "I"))


@register("dense_layer", kind="constructor", min_args=3, max_args=6, area=AREA,
          signature="dense_layer(name, n_in, n_out, activation='id', input='x', output='y')",
          doc="A dense layer a ↦ σ(W a + v) as a Para map; activation id, tanh or square.")
def make_dense(name: str, n_in: int, n_out: int, activation: str = "id", input: str = "x",
               output: str = "y") -> ParaMap:
    """A dense layer.

    >>> make_dense("l", 1, 1).I((2, 1), (3,))
    (7,)
    """
    return mlp_layer(str(name), int(n_in), int(n_out), str(activation), str(input), str(output))


@register("compose_para", kind="function", min_args=2, max_args=2, area=AREA,
          signature="compose_para(g, f)", doc="g∘f in Para (parameters P×Q).")
def compose_para_maps(g: Any, f: Any) -> ParaMap:
    """``g∘f`` in Para.

    >>> f = make_para(["w"], ["x"], ["y"], ["w*x"])
    >>> compose_para_maps(f, f).I(((2,), (3,)), (1,))
    (6,)
    """
    return para_compose(_para(g), _para(f))


@register("error", kind="constructor", min_args=1, max_args=3, area=AREA,
          signature="error(formula, inverse=None, name=None)",
          doc="A differentiable error e(x, y); inverse (in x, z) of y ↦ ∂e/∂x(x, y), solved "
              "for and verified when omitted (the real branch: real_root for odd powers, "
              "the implicit real root for other odd-degree monotone gradients).")
def make_error(formula: str, inverse: str | None = None, name: str | None = None
               ) -> ErrorFunction:
    """An error function.

    >>> make_error("(x - y)**2").inverse
    x - z/2
    """
    e = parse_sympy(str(formula), ["x", "y"])
    g = None if inverse is None else parse_sympy(str(inverse), ["x", "z"])
    return lc.with_monotone_inverse(error_function(str(name or formula), e, g))


def _eps(eps: Any) -> Any:
    if isinstance(eps, str):
        return sympy.Symbol(eps, positive=True)
    if isinstance(eps, int | Fraction) and not isinstance(eps, bool):
        return sympy.Rational(eps.numerator, eps.denominator)
    raise InputError("expected a learning rate (a number or a symbol name)", got=repr(eps))


@register("L", kind="constructor", min_args=2, max_args=3, area=AREA,
          signature="L(eps, e, request=None)",
          doc="The gradient-descent functor L(ε, e): Para → Learn of Thm III.2; request "
              "(a formula g(x, z)) overrides the inverse of ∂e/∂x (a broken variant).")
def make_L(eps: Any, e: Any, request: str | None = None) -> GradientDescent:
    """``L(1/10, error('(x - y)**2/2'))``.

    >>> str(make_L(Fraction(1, 10), make_error("(x - y)**2/2")))
    'L(1/10, (x - y)**2/2)'
    """
    if not isinstance(e, ErrorFunction):
        raise InputError("expected an error function (error('...'))", got=type(e).__name__)
    req = None if request is None else parse_sympy(str(request), ["x", "z"])
    return GradientDescent(_eps(eps), e, req)


@register("apply_L", kind="function", min_args=2, max_args=2, area=AREA,
          signature="apply_L(L, I)", doc="The learner L(ε, e)(I) = (P, I, U_I, r_I).")
def apply_L(L: Any, I: Any) -> Learner:
    """``L(I)``.

    >>> ln = apply_L(make_L(1, make_error("(x - y)**2/2")), make_para(["w"], ["x"], ["y"], ["w*x"]))
    >>> ln.r((1,), (1,), (0,))
    (0,)
    """
    if not isinstance(L, GradientDescent):
        raise InputError("expected L(eps, e)", got=type(L).__name__)
    return L(_para(I))


# ------------------------------------------------------------------------ deciders


@register("is_equivalent", kind="decider", min_args=2, max_args=2, area=AREA,
          signature="is_equivalent(f, g)",
          doc="Learners equivalent: a bijection of parameters (searched among coordinate "
              "permutations/reassociations) carries f to g.")
def decide_equivalent(f: Any, g: Any) -> Decision:
    """``f ≃ g``.

    >>> i = make_identity(["x"]); decide_equivalent(compose_learners(i, i), i).outcome
    <Outcome.PROVED: 'proved'>
    """
    import time

    t0 = time.perf_counter()
    v = lc._equiv_verdict("equivalence", "f", "g", _learner(f), _learner(g), "", False, t0)
    return to_decision(v)


@register("is_equal", kind="decider", min_args=2, max_args=2, area=AREA,
          signature="is_equal(f, g)",
          doc="Learners equal on the nose (same parameter set, same I, U, r).")
def decide_equal(f: Any, g: Any) -> Decision:
    """``f = g``.

    >>> i = make_identity(["x"]); decide_equal(compose_learners(i, i), i).outcome
    <Outcome.REFUTED: 'refuted'>
    """
    import time

    t0 = time.perf_counter()
    v = lc._equiv_verdict("equality", "f", "g", _learner(f), _learner(g), "", True, t0)
    return to_decision(v)


@register("is_associative", kind="decider", min_args=0, max_args=3, area=AREA,
          signature="is_associative(f, g, h)",
          doc="(h∘g)∘f ≃ h∘(g∘f) up to equivalence; with no arguments, for all learners "
              "(uninterpreted I, U, r).")
def decide_associative(f: Any = None, g: Any = None, h: Any = None,
                       on_the_nose: bool = False) -> Decision:
    """Associativity of Learn's composition.

    >>> decide_associative().outcome
    <Outcome.PROVED: 'proved'>
    """
    if f is None:
        return to_decision(lc.check_associativity(on_the_nose=bool(on_the_nose)))
    return to_decision(lc.check_associativity(_learner(f), _learner(g), _learner(h),
                                              on_the_nose=bool(on_the_nose)))


@register("is_associative_on_the_nose", kind="decider", min_args=0, max_args=3, area=AREA,
          signature="is_associative_on_the_nose(f, g, h)",
          doc="(h∘g)∘f = h∘(g∘f) as learners (refuted: (P×Q)×R ≠ P×(Q×R) as sets).")
def decide_associative_strict(f: Any = None, g: Any = None, h: Any = None) -> Decision:
    """Strict associativity.

    >>> decide_associative_strict().witness
    (('parameter', '((p), ((q), (s)))'),)
    """
    return decide_associative(f, g, h, on_the_nose=True)


@register("is_unital_on_the_nose", kind="decider", min_args=0, max_args=1, area=AREA,
          signature="is_unital_on_the_nose(f)",
          doc="id∘f = f = f∘id as learners (refuted: P×{∗} ≠ P as sets).")
def decide_unital_strict(f: Any = None) -> Decision:
    """Strict unitality.

    >>> decide_unital_strict().outcome
    <Outcome.REFUTED: 'refuted'>
    """
    return decide_unital(f, on_the_nose=True)


@register("is_unital", kind="decider", min_args=0, max_args=1, area=AREA,
          signature="is_unital(f)",
          doc="id∘f ≃ f ≃ f∘id up to equivalence; with no argument, for all learners.")
def decide_unital(f: Any = None, on_the_nose: bool = False) -> Decision:
    """Unitality of Learn's composition.

    >>> decide_unital(on_the_nose=True).outcome
    <Outcome.REFUTED: 'refuted'>
    """
    return to_decision(lc.check_unitality(None if f is None else _learner(f),
                                          on_the_nose=bool(on_the_nose)))


@register("is_functorial", kind="decider", min_args=3, max_args=3, area=AREA,
          signature="is_functorial(L, g, f)",
          doc="L(g∘f) = L(g)∘L(f) as an exact identity, or refuted at (p, q, a, c).")
def decide_functorial(L: Any, g: Any, f: Any) -> Decision:
    """Functoriality of L on one composable pair.

    >>> bad = make_L(1, make_error("(x - y)**2"), request="x - z")
    >>> decide_functorial(bad, make_para(["v"], ["y"], ["z"], ["v*y"]),
    ...                   make_para(["w"], ["x"], ["y"], ["w*x"])).outcome
    <Outcome.REFUTED: 'refuted'>
    """
    if not isinstance(L, GradientDescent):
        raise InputError("expected L(eps, e)", got=type(L).__name__)
    return to_decision(lc.check_functoriality(L, _para(g), _para(f)))


@register("error_hypothesis_holds", kind="decider", min_args=1, max_args=1, area=AREA,
          signature="error_hypothesis_holds(e)",
          doc="Thm III.2's hypothesis: y ↦ ∂e/∂x(x₀, y) invertible for every x₀ (refuted "
              "with x₀).")
def decide_error_hypothesis(e: Any) -> Decision:
    """The hypothesis on e.

    >>> decide_error_hypothesis(make_error("(x - y)**2/2")).outcome
    <Outcome.PROVED: 'proved'>
    """
    if not isinstance(e, ErrorFunction):
        raise InputError("expected an error function (error('...'))", got=type(e).__name__)
    return to_decision(lc.check_error_hypothesis(e))


@register("update_never_increases", kind="decider", min_args=2, max_args=2, area=AREA,
          signature="update_never_increases(L, I)",
          doc="One update step of L(ε, e)(I) never increases the error; the exact region "
              "where it decreases is in the detail.")
def decide_update(L: Any, I: Any) -> Decision:
    """One gradient step.

    >>> decide_update(make_L(Fraction(1, 10), make_error("(x - y)**2/2")),
    ...               make_para(["w"], ["x"], ["y"], ["w*x"])).witness
    (('w', '0'), ('x', '5'), ('y', '1'))
    """
    if not isinstance(L, GradientDescent):
        raise InputError("expected L(eps, e)", got=type(L).__name__)
    return to_decision(lc.check_update_decreases(L, _para(I)))


__all__ = ["to_decision", "same_on_the_nose", "equivalent"]
