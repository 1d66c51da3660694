"""The Z3 linear-algebra encodings, tested against known matrices both ways and against SymPy."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy
import z3
from coherence.counterexamples import z3_linalg as L

METHODS = ("vieta", "hermite")


def _exact_spectrum(A: list[list[int]]) -> tuple[bool, bool]:
    """(all eigenvalues real, all real and > 0) by SymPy's exact real-root isolation."""
    M = sympy.Matrix(A)
    p = M.charpoly()
    roots = sympy.real_roots(p.as_expr(), multiple=True) if p.degree() else []
    real = len(roots) == p.degree()
    return real, real and all(r > 0 for r in roots)


def _sympy_pd(A: list[list[int]]) -> bool:
    M = sympy.Matrix(A)
    return bool((M + M.T).is_positive_definite)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    ("A", "real", "positive"),
    [
        ([[1, 1], [0, 1]], True, True),  # Jordan block: eigenvalues 1, 1
        ([[0, -1], [1, 0]], False, False),  # rotation: ±i
        ([[2, 0], [0, -1]], True, False),
        ([[0, 0], [0, 0]], True, False),
        ([[2, 1], [-1, 0]], True, True),  # double eigenvalue 1, discriminant 0
        ([[1, 1], [-1, 1]], False, False),  # 1 ± i: positive real part, not real
        ([[0, 1, 0], [0, 0, 1], [1, 0, 0]], False, False),  # 3-cycle
        ([[1, 2, 3], [0, 4, 5], [0, 0, 6]], True, True),
        ([[0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [1, 0, 0, 0]], False, False),
        ([[1, 0, 0, 0], [0, 2, 0, 0], [0, 0, 3, 0], [0, 0, 0, 4]], True, True),
    ],
)
def test_spectral_predicates_on_known_matrices(A, real, positive, method):
    assert L.holds(L.eigenvalues_real(A, method=method)) is real
    assert L.holds(L.eigenvalues_real_positive(A, method=method)) is positive


@pytest.mark.parametrize(
    ("A", "pd", "psd", "symmetric"),
    [
        ([[1, 1], [0, 1]], True, True, False),  # symmetric part [[2,1],[1,2]]
        ([[1, 2], [0, 1]], False, True, False),  # symmetric part [[2,2],[2,2]]: singular
        ([[1, 4], [0, 1]], False, False, False),
        ([[2, 0], [0, -1]], False, False, True),
        ([[0, -1], [1, 0]], False, True, False),  # skew: xᵀAx = 0
        ([[2, -1, 0], [-1, 2, -1], [0, -1, 2]], True, True, True),
        ([[1, 0, 0], [0, 0, 0], [0, 0, 1]], False, True, True),
    ],
)
def test_definiteness_and_symmetry_on_known_matrices(A, pd, psd, symmetric):
    assert L.holds(L.is_positive_definite(A)) is pd
    assert L.holds(L.is_positive_semidefinite(A)) is psd
    assert L.holds(L.is_symmetric(A)) is symmetric


@pytest.mark.parametrize("n", [2, 3])
def test_encodings_agree_with_sympy_on_random_integer_matrices(n):
    rng = random.Random(n)
    for _ in range(25 if n == 2 else 12):
        A = [[rng.randint(-2, 2) for _ in range(n)] for _ in range(n)]
        real, positive = _exact_spectrum(A)
        for method in METHODS:
            assert L.holds(L.eigenvalues_real(A, method=method)) is real, (A, method)
            assert L.holds(L.eigenvalues_real_positive(A, method=method)) is positive, (A, method)
        assert L.holds(L.is_positive_definite(A)) is _sympy_pd(A), A
        M = sympy.Matrix(A)
        assert z3.simplify(L.det(A)).as_long() == M.det()
        coeffs = [z3.simplify(c).as_long() for c in L.charpoly(A)]
        assert coeffs == [int(c) for c in M.charpoly().all_coeffs()]


def test_rational_entries_are_exact():
    third = Fraction(1, 3)
    A = [[third, 0], [0, third]]
    assert z3.simplify(L.det(A)) == z3.RealVal("1/9")
    assert L.holds(L.eigenvalues_real_positive(A)) is True


def _prove(*facts) -> z3.CheckSatResult:
    s = z3.Solver()
    s.set("timeout", 10000)
    s.add(*facts)
    return s.check()


def test_symbolic_facts_are_proved_by_unsat():
    a, b, c, d = z3.Reals("a b c d")
    A = [[a, b], [c, d]]
    # symmetric ⇒ real spectrum (needs the quantifier-free encoding under negation)
    assert _prove(L.is_symmetric(A), z3.Not(L.eigenvalues_real(A, method="hermite"))) == z3.unsat
    # positive definite and symmetric ⇒ real positive spectrum
    S = [[a, b], [b, d]]
    neg = z3.Not(L.eigenvalues_real_positive(S, method="hermite"))
    assert _prove(L.is_positive_definite(S), neg) == z3.unsat
    # eigenvalues real ⇒ ... the Vieta encoding in positive position: a spectrum exists
    assert _prove(L.eigenvalues_real_positive(A), z3.Not(a + d > 0)) == z3.unsat


def test_false_claim_is_sat_with_a_model_that_rechecks():
    a, b, c, d = z3.Reals("a b c d")
    A = [[a, b], [c, d]]
    s = z3.Solver()
    s.add(L.eigenvalues_real_positive(A), z3.Not(L.is_symmetric(A)))
    assert s.check() == z3.sat
    m = s.model()
    W = [[m.eval(x, model_completion=True).as_fraction() for x in row] for row in A]
    M = sympy.Matrix([[sympy.Rational(x.numerator, x.denominator) for x in r] for r in W])
    roots = sympy.real_roots(M.charpoly().as_expr(), multiple=True)
    assert len(roots) == 2 and all(r > 0 for r in roots)
    assert M != M.T


def test_vieta_free_roots_are_sound_for_unsat_under_negation():
    """Negated Vieta with free roots can be spuriously sat, but never spuriously unsat."""
    a, b, c, d = z3.Reals("a b c d")
    A = [[a, b], [c, d]]
    # "every symmetric matrix has a real spectrum" — true — yet vieta under Not is sat:
    assert _prove(L.is_symmetric(A), z3.Not(L.eigenvalues_real(A))) == z3.sat
    # "every matrix has a real spectrum" — false — is never unsat with either method:
    for method in METHODS:
        assert _prove(z3.Not(L.eigenvalues_real(A, method=method))) == z3.sat


def test_bad_input_is_rejected():
    with pytest.raises(ValueError, match="square"):
        L.det([[1, 2, 3], [4, 5, 6]])
    with pytest.raises(ValueError, match="method"):
        L.eigenvalues_real([[1]], method="bogus")
    with pytest.raises(TypeError):
        L.as_term(1.5)
