"""Adversarial reproducers of issue 13 for the claim decider (items 1 and 6 and the rest
of the decider's half): each was a wrong or misleading verdict; each comment gives the
independent reason why the expected verdict is the right one."""

from __future__ import annotations

import operator
from dataclasses import replace
from typing import Any

from coherence.algebra.catalogue import get
from coherence.checks.claims import claim
from coherence.checks.decide import decide
from coherence.checks.verdict import Location, Outcome

P, R, EV, U, E = (Outcome.PROVED, Outcome.REFUTED, Outcome.EVIDENCE, Outcome.UNKNOWN,
                  Outcome.ERROR)
C2 = {"a": "Element(group:C2)"}


def _decide(**kw: Any) -> Any:
    return decide(claim("c", **kw), timeout=60)


# -- item 1: a comparison nested inside a comparison is not multi-affine ---------------------
def test_eps_zero_iff_zero_is_refuted() -> None:
    # At a = 1 − g: ε(a) = 1 − 1 = 0 but a ≠ 0, so "(ε(a) = 0) ⇔ (a = 0)" is false there.
    H = get("group:C2")
    a = H.basis_element("1") - H.basis_element("g")
    assert a.counit() == 0 and not a.is_zero()
    v = _decide(for_all=C2, then="(eps(a) == 0) == (a == 0)")
    assert v.outcome is R, v


def test_boolean_of_inner_comparison_is_never_proved_on_basis_tuples() -> None:
    # "(a == 0) != (eps(a) == 0)" is false at a = 0 (both sides true) — and at a = 1 − g
    # it is true; a truth value is not an affine function of a, so no basis argument.
    v = _decide(for_all=C2, then="(a == 0) != (eps(a) == 0)")
    assert v.outcome is R, v
    # true claim with nested comparisons: never "multilinear identity", at most evidence
    # (ε(a) = 0 ⇔ ε(2a) = 0 holds for every a since ε is linear)
    v = _decide(for_all=C2, then="(eps(a) == 0) == (eps(2*a) == 0)")
    assert v.outcome in (EV, P) and "multilinear" not in v.method, v


# -- item 6: elements of two structures never meet in one operation --------------------------
MIXED = {"a": "Element(group:C2)", "b": "Element(functions:C3)"}
MIXED_SAME_DIM = {"a": "Element(group:C3)", "b": "Element(functions:C3)"}


def test_mixing_two_structures_is_an_input_error_at_the_claim() -> None:
    # ℚ[C3] and Fun(C3) are different algebras on different bases: a + b has no meaning,
    # so "a + b == b + a" is neither true nor false — the claim is ill-typed, and the old
    # witness a = 0, b = 0 with lhs 0 = rhs 0 was no counterexample at all.
    for domains in (MIXED, MIXED_SAME_DIM):
        for then in ("a + b == b + a", "a * b == b * a", "a - b == 0", "a == b",
                     "Delta(a) == Delta(b)", "Delta(a) + Delta(b) == Delta(b) + Delta(a)",
                     "Delta(a) * Delta(b) == Delta(b) * Delta(a)",
                     "implies(a == b, True)"):
            c = replace(claim("mixed", for_all=domains, then=then),
                        location=Location("m.claims.toml", 7))
            v = decide(c, timeout=60)
            assert v.outcome is E, (then, v)
            assert str(v.location) == "m.claims.toml:7", v.location
            assert "one structure" in v.detail, (then, v.detail)


def test_a_map_of_one_structure_never_applies_to_another() -> None:
    # S of ℚ[C3] applied to an element of Fun(C3) would read its coefficients on the
    # wrong basis: an error, not a value.
    v = _decide(given={"H": "structure('group:C3')"}, for_all={"b": "Element(functions:C3)"},
                then="apply(S(H), b) == b")
    assert v.outcome is E and "one structure" in v.detail, v


def test_scalars_of_two_structures_do_compare() -> None:
    # ε(a) and ε(b) are both rational numbers: comparing them is meaningful (and false at
    # a = 1, b = 0), so this is refuted, not an error.
    v = _decide(for_all=MIXED, then="eps(a) == eps(b)")
    assert v.outcome is R, v


def test_graded_elements_of_two_algebras_never_compare() -> None:
    # shuffle and tensor algebras on the same words: equal-looking terms, different algebras
    v = _decide(for_all={"a": "Element(shuffle:ab, degree <= 1)",
                         "b": "Element(tensor:ab, degree <= 1)"}, then="a == b")
    assert v.outcome is E and "one structure" in v.detail, v


def test_every_operation_between_two_structures_is_an_input_error() -> None:
    # The class of item 6: for every kind of vocabulary value (elements, elements of H⊗H,
    # linear maps, graded elements) and every operator, two different structures never
    # combine — not even when their bases look alike (ℚ[C2] and ℚ[{1, e}] both have two
    # basis elements; C3's group algebra and function algebra have three).
    from coherence.algebra.errors import InputError
    from coherence.algebra.graded_examples import get as graded
    from coherence.checks.evaluate import binary, compare
    from coherence.checks.vocab_hopf import S_, Delta_, id_

    pairs = [("group:C2", "monoid:idempotent"), ("group:C3", "functions:C3"),
             ("sweedler", "dual(sweedler)")]
    values = []
    for x, y in pairs:
        H, K = get(x), get(y)
        a, b = H.basis_element(1), K.basis_element(1)
        values.append((a, b))
        values.append((Delta_(a), Delta_(b)))
        values.append((id_(H), id_(K)))
        if x != "group:C2":
            values.append((S_(H), S_(K)))
    values.append((graded("shuffle:ab").basis_element("a"), graded("tensor:ab").basis_element("a")))
    count = 0
    for a, b in values:
        for op in ("+", "-", "*"):
            for left, right in ((a, b), (b, a)):
                try:
                    binary(op, left, right)
                except InputError as err:
                    assert "one structure" in str(err) or "maps of one" in str(err) \
                        or "conv(f, g)" in str(err), (op, err)
                    count += 1
                else:
                    raise AssertionError(f"{left} {op} {right} has a value")
                try:  # the Python operators themselves, without the claim evaluator
                    {"+": operator.add, "-": operator.sub, "*": operator.mul}[op](left, right)
                except InputError:
                    count += 1
                else:
                    raise AssertionError(f"{left!r} {op} {right!r} has a value in Python")
        for op in ("==", "!="):
            try:
                compare(op, a, b)
            except InputError as err:
                assert "one structure" in str(err), err
                count += 1
            else:
                raise AssertionError(f"{a} {op} {b} has a truth value")
    assert count == len(values) * 14
