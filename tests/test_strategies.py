"""Hypothesis strategies: values keep their promises, shrink to the documented simplest
value, and bad arguments fail when the strategy is built, with a suggestion."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from coherence.algebra.errors import InputError
from coherence.checks import strategies as cs
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

FAST = settings(max_examples=40, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow])
FIND = settings(database=None, max_examples=2000)


def simplest(strategy, condition=lambda _: True):
    return find(strategy, condition, settings=FIND)


def rows_of(A) -> list[list[Fraction]]:
    """Entries of a DomainMatrix as Fractions."""
    return [[Fraction(int(x.numerator), int(x.denominator)) for x in row] for row in A.to_list()]


# -- promises -------------------------------------------------------------------------
@FAST
@given(cs.matrices(2, 3, min_value=-4, max_value=4))
def test_integer_matrices_have_shape_and_bounds(A):
    assert A.shape == (2, 3)
    for row in rows_of(A):
        for x in row:
            assert x.denominator == 1 and -4 <= x <= 4


@FAST
@given(cs.matrices(2, kind="rational", max_denominator=3))
def test_rational_matrices_have_small_denominators(A):
    assert all(x.denominator <= 3 for row in rows_of(A) for x in row)


@FAST
@given(cs.symmetric_matrices(3, kind="rational"))
def test_symmetric_is_symmetric(A):
    assert A == A.transpose()


@FAST
@given(cs.triangular_matrices(3), cs.triangular_matrices(3, lower=True, unit=True))
def test_triangular_are_triangular(U, L):
    u, l_ = rows_of(U), rows_of(L)
    assert all(u[i][j] == 0 for i in range(3) for j in range(i))
    assert all(l_[i][j] == 0 for i in range(3) for j in range(i + 1, 3))
    assert all(l_[i][i] == 1 for i in range(3))


def _charpoly_of(eigenvalues) -> list:
    x = sympy.Symbol("x")
    poly = sympy.Poly(sympy.prod([x - sympy.Rational(e.numerator, e.denominator)
                                  for e in map(Fraction, eigenvalues)]), x)
    return [sympy.QQ.from_sympy(c) for c in poly.all_coeffs()]


@FAST
@given(cs.matrices_with_eigenvalues([1, 1, -2]))
def test_prescribed_integer_spectrum_is_exact(A):
    assert A.charpoly() == _charpoly_of([1, 1, -2])
    assert all(x.denominator == 1 for row in rows_of(A) for x in row)  # P is unimodular


@FAST
@given(cs.matrices_with_eigenvalues([Fraction(1, 2), 3], diagonalizable=True, form="sympy"))
def test_prescribed_rational_spectrum_diagonalizable(A):
    assert A.eigenvals() == {sympy.Rational(1, 2): 1, 3: 1}
    assert A.is_diagonalizable()


@FAST
@given(cs.matrices_with_eigenvalues([5, 5], diagonalizable=True))
def test_diagonalizable_with_a_repeated_eigenvalue_is_scalar(A):
    assert rows_of(A) == [[5, 0], [0, 5]]  # the only such matrix is 5·I


@FAST
@given(cs.matrices_with_eigenvalues(st.lists(st.integers(-3, 3), min_size=1, max_size=3)
                                    .map(sorted), form="tuples"))
def test_eigenvalues_drawn_from_a_strategy(A):
    M = sympy.Matrix(A)
    assert M.is_square and all(ev.is_integer for ev in M.eigenvals())


def test_non_diagonalizable_matrices_are_reachable():
    # the counterexample from the Nemecek thread: positive real eigenvalues, not symmetric
    A = simplest(cs.matrices_with_eigenvalues([1, 1]), lambda A: A != A.transpose())
    assert A.charpoly() == _charpoly_of([1, 1])
    assert not sympy.Matrix(A.to_Matrix()).is_diagonalizable()


@FAST
@given(cs.stochastic_matrices(3), cs.stochastic_matrices(3, sums="columns"),
       cs.stochastic_matrices(3, sums="both"))
def test_stochastic_sums(P, Q, D):
    p, q, d = rows_of(P), rows_of(Q), rows_of(D)
    assert all(x >= 0 for m in (p, q, d) for row in m for x in row)
    assert all(sum(row) == 1 for row in p)
    assert all(sum(q[i][j] for i in range(3)) == 1 for j in range(3))
    assert all(sum(row) == 1 for row in d)
    assert all(sum(d[i][j] for i in range(3)) == 1 for j in range(3))


@FAST
@given(cs.vectors(4, kind="rational", min_value=-1, max_value=1))
def test_vectors(v):
    assert len(v) == 4 and all(isinstance(x, Fraction) and -1 <= x <= 1 for x in v)


@FAST
@given(cs.catalogue_elements("sweedler", nonzero=True))
def test_catalogue_elements_belong_to_their_structure(v):
    from coherence.algebra import catalogue

    H = catalogue.get("sweedler")
    assert v.structure is H and v.space == H.space and v != 0 * v
    assert all(-3 <= int(c) <= 3 for c in v.coeffs.values())
    # Sweedler's algebra is a Hopf algebra: m(S ⊗ id)Δ = uε on the drawn element
    assert v.antipode().counit() == v.counit()


@FAST
@given(cs.catalogue_elements("taft:3", min_value=0, max_value=1))
def test_catalogue_elements_over_cyclotomic_fields(v):
    one = v.space.domain.one
    assert v.space.dim == 9 and all(c == one for c in v.coeffs.values())


@FAST
@given(cs.words("xyz", min_length=1, max_length=4), cs.compositions(size=5),
       cs.compositions(max_size=4), cs.permutations(size=4), cs.permutations(max_size=3))
def test_combinatorial_values(w, c, c2, p, p2):
    assert 1 <= len(w) <= 4 and set(w) <= set("xyz")
    assert sum(c) == 5 and all(part > 0 for part in c)
    assert sum(c2) <= 4 and all(part > 0 for part in c2)
    assert sorted(p) == [1, 2, 3, 4]
    assert sorted(p2) == list(range(1, len(p2) + 1))


# -- shrinking --------------------------------------------------------------------------
def test_shrinks_to_the_documented_simplest_values():
    zero2 = [[0, 0], [0, 0]]
    assert rows_of(simplest(cs.matrices(2))) == zero2
    assert rows_of(simplest(cs.symmetric_matrices(2))) == zero2
    assert rows_of(simplest(cs.triangular_matrices(2, unit=True))) == [[1, 0], [0, 1]]
    assert rows_of(simplest(cs.matrices_with_eigenvalues([2, -1]))) == [[2, 0], [0, -1]]
    half = Fraction(1, 2)
    assert rows_of(simplest(cs.stochastic_matrices(2))) == [[half, half], [half, half]]
    assert rows_of(simplest(cs.stochastic_matrices(2, sums="both"))) == [[1, 0], [0, 1]]
    assert simplest(cs.vectors(2)) == (0, 0)
    assert simplest(cs.scalars(min_value=3, max_value=9)) == 3
    assert simplest(cs.words("ba", min_length=2)) == "bb"
    assert simplest(cs.compositions(size=4)) == (4,)
    assert simplest(cs.compositions(min_size=2)) == (2,)
    assert simplest(cs.permutations(size=4)) == (1, 2, 3, 4)
    assert simplest(cs.permutations(min_size=1)) == (1,)
    assert str(simplest(cs.catalogue_elements("sweedler"))) == "0"
    assert str(simplest(cs.catalogue_elements("sweedler", nonzero=True))) == "1"


def test_shrinks_a_failing_property_to_a_small_witness():
    # "every matrix with real positive eigenvalues is symmetric" shrinks to a 1 off-diagonal
    A = simplest(cs.matrices_with_eigenvalues([1, 2]), lambda A: A != A.transpose())
    off = [x for i, row in enumerate(rows_of(A)) for j, x in enumerate(row) if i != j]
    assert sorted(abs(x) for x in off) in ([0, 1], [0, 2], [1, 2])
    assert simplest(cs.matrices(2), lambda A: A.det() != 0).to_Matrix() == sympy.Matrix(
        [[0, 1], [1, 0]])


# -- eager validation ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: cs.matrices(2, kind="rationl"), "did you mean 'rational'"),
        (lambda: cs.matrices(0), "expected rows to be an integer ≥ 1, got 0"),
        (lambda: cs.matrices(2, form="domian"), "did you mean 'domain'"),
        (lambda: cs.matrices(2, min_value=3, max_value=1), "expected min_value ≤ max_value"),
        (lambda: cs.symmetric_matrices(2.5), "expected n to be an integer"),
        (lambda: cs.stochastic_matrices(2, sums="row"), "did you mean 'rows'"),
        (lambda: cs.matrices_with_eigenvalues([]), "expected at least one eigenvalue"),
        (lambda: cs.matrices_with_eigenvalues([0.5]), "not floats"),
        (lambda: cs.matrices_with_eigenvalues(["i"]), "expected rational eigenvalues"),
        (lambda: cs.catalogue_elements("sweedlr"), "did you mean 'sweedler'"),
        (lambda: cs.catalogue_elements(42), "expected a catalogue name or structure"),
        (lambda: cs.words("aa"), "expected an alphabet of distinct letters"),
        (lambda: cs.words("ab", min_length=3, max_length=2), "expected min_length ≤ max_length"),
        (lambda: cs.compositions(size=-1), "expected size to be an integer ≥ 0"),
        (lambda: cs.permutations(min_size=-2), "expected min_size to be an integer ≥ 0"),
    ],
)
def test_bad_arguments_fail_when_built(build, message):
    with pytest.raises(InputError, match=message):
        build()


@pytest.mark.parametrize("form", ["domain", "tuples", "sympy"])
def test_forms(form):
    A = simplest(cs.matrices(2, form=form), lambda A: True)
    expected = {"domain": sympy.Matrix.zeros(2, 2), "sympy": sympy.ImmutableMatrix.zeros(2, 2),
                "tuples": ((0, 0), (0, 0))}[form]
    assert (A.to_Matrix() if form == "domain" else A) == expected
    if form == "tuples":
        assert all(isinstance(x, Fraction) for row in A for x in row)
