"""Issue 17 §1: spectra of softmax matrices — certified root boxes at exact points with
exp kept symbolic, the named lemmas (checked on random instances), and the verdicts."""

from __future__ import annotations

import random
from fractions import Fraction

import flint
import pytest
import sympy
from coherence.algebra import balls
from coherence.checks import spectra
from coherence.checks.claims import claim
from coherence.checks.decide import decide
from coherence.checks.evaluate import Matrix, Undecidable, to_sympy
from coherence.checks.softmax_lemmas import LEMMAS
from coherence.checks.verdict import Outcome
from coherence.checks.vocab_core import eigenvalues_real, eigenvalues_real_positive, softmax

e = sympy.exp(1)


def _random_scores(rng: random.Random, n: int, symmetric: bool) -> Matrix:
    rows = [[Fraction(rng.randint(-6, 6), rng.choice((1, 2, 3))) for _ in range(n)]
            for _ in range(n)]
    if symmetric:
        for i in range(n):
            for j in range(i):
                rows[i][j] = rows[j][i]
    return Matrix.of(rows)


def _independent_real_roots(M: Matrix) -> int:
    """Number of real eigenvalues by an independent route: mpmath's eigenvalue solver at
    80 digits (a cross-check, not a proof)."""
    import mpmath

    with mpmath.workdps(80):
        A = mpmath.matrix([[mpmath.mpf(sympy.N(to_sympy(v), 90)) for v in row]
                           for row in M.rows])
        vals = mpmath.eig(A, left=False, right=False)
        return sum(1 for z in vals if abs(mpmath.im(z)) < mpmath.mpf("1e-40"))


def test_certified_decisions_on_known_matrices() -> None:
    assert spectra.all_real(Matrix.of([[e, 1], [1, 0]]))
    assert not spectra.all_real(Matrix.of([[0, 1, 0], [0, 0, 1], [e, 0, 0]]))
    assert spectra.all_real_positive(Matrix.of([[e, 1], [1, 1]]))
    assert not spectra.all_real_positive(Matrix.of([[0, e], [e, 0]]))


def test_repeated_eigenvalue_is_never_guessed() -> None:
    with pytest.raises(Undecidable):
        spectra.spectrum_signs(Matrix.of([[e, 0], [0, e]]))


@pytest.mark.parametrize("n", [2, 3, 4])
def test_refutations_agree_with_an_independent_computation(n: int) -> None:
    rng = random.Random(n)
    for _ in range(6):
        A = softmax(_random_scores(rng, n, symmetric=False))
        try:
            certified = eigenvalues_real(A)
        except Undecidable:
            continue
        assert certified == (_independent_real_roots(A) == n)


@pytest.mark.parametrize("n", [3, 4])
def test_lemma_symmetric_scores_on_random_instances(n: int) -> None:
    rng = random.Random(10 + n)
    decided = 0
    for _ in range(8):
        A = softmax(_random_scores(rng, n, symmetric=True))
        try:
            assert eigenvalues_real(A)
            decided += 1
        except Undecidable:
            continue
    assert decided >= 4


@pytest.mark.parametrize("n", [2, 3, 4])
def test_lemma_row_stochastic_on_random_instances(n: int) -> None:
    """det(A − I) encloses 0 and every eigenvalue box lies in the closed unit disc."""
    rng = random.Random(20 + n)
    for _ in range(5):
        A = softmax(_random_scores(rng, n, symmetric=False))
        with flint.ctx.workprec(256):
            rows = [[balls.enclose(to_sympy(v)) for v in row] for row in A.rows]
            m = flint.arb_mat(rows)
            eye = flint.arb_mat([[1 if i == j else 0 for j in range(n)] for i in range(n)])
            assert (m - eye).det().contains(0)
            for r in m.charpoly().complex_roots():
                assert abs(r).lower() <= 1 + flint.arb("1e-60")
        if n == 2:
            assert eigenvalues_real(A)  # lemma two_by_two_row_stochastic_real


def test_lemmas_have_proof_sketches() -> None:
    for name, fn in LEMMAS.items():
        assert "Proof." in (fn.__doc__ or ""), name


@pytest.mark.parametrize("then,domain,expected", [
    ("eigenvalues_real(softmax(S))", "SymmetricMatrix(3)", Outcome.PROVED),
    ("eigenvalues_real(softmax(S))", "Matrix(2, 2)", Outcome.PROVED),
    ("eigenvalues_real(softmax(S))", "Matrix(3, 3)", Outcome.REFUTED),
    ("det(softmax(S) - identity(3)) == 0", "Matrix(3, 3)", Outcome.PROVED),
    ("det(softmax(S) - 2 * identity(2)) == 0", "Matrix(2, 2)", Outcome.REFUTED),
    ("eigenvalues_real_positive(softmax(S))", "SymmetricMatrix(2)", Outcome.REFUTED),
])
def test_verdicts(then: str, domain: str, expected: Outcome) -> None:
    v = decide(claim("c", for_all={"S": domain}, then=then), timeout=20)
    assert v.outcome is expected, v


def test_refutation_at_a_transcendental_point_is_exact() -> None:
    v = decide(claim("c", for_all={"S": "Matrix(3, 3)"}, then="eigenvalues_real(softmax(S))"),
               timeout=20)
    A = softmax(v.witness_values["S"] if isinstance(v.witness_values["S"], Matrix)
                else Matrix.of([[Fraction(x) for x in row] for row in v.witness_values["S"]]))
    assert not A.is_rational  # exp kept symbolic in the witness's matrix
    assert _independent_real_roots(A) < 3


def test_positive_definite_scores_give_evidence_not_unknown() -> None:
    v = decide(claim("c", for_all={"S": "SymmetricMatrix(2)"}, assuming="is_positive_definite(S)",
                     then="eigenvalues_real_positive(softmax(S))"), timeout=30)
    assert v.outcome is Outcome.EVIDENCE, v
    assert eigenvalues_real_positive(softmax(Matrix.of([[2, 1], [1, 3]])))


@pytest.mark.parametrize("then,expected", [
    ("sum(softmax(S)[2, j] for j in range(3)) == 1", Outcome.PROVED),
    ("sum(softmax(S)[0, j] for j in range(2)) == 1", Outcome.REFUTED),
    ("sum(softmax(S)[5, j] for j in range(3)) == 1", Outcome.ERROR),
])
def test_row_sum_lemma_only_for_whole_rows(then: str, expected: Outcome) -> None:
    v = decide(claim("r", for_all={"S": "Matrix(3, 3)"}, then=then), timeout=20)
    assert v.outcome is expected, v
