"""Structure constants mod p: the reduction is a ring homomorphism, the array builders match
the catalogue, and every primitive agrees with exact element arithmetic reduced mod p."""

from __future__ import annotations

import numpy as np
import pytest
from coherence.algebra import catalogue
from coherence.algebra.domains import QQ, rational_functions
from coherence.algebra.errors import InputError
from coherence.algebra.hopf import build
from coherence.algebra.modular import (
    P31,
    SparseStructure,
    choose_prime,
    group_structure,
    is_prime,
    reduce,
    tensor_structure,
    to_float,
)


def arrays(name: str) -> SparseStructure:
    return SparseStructure.from_bialgebra(catalogue.get(name))


@pytest.mark.parametrize("spec", ["C5", "S3", "S4"])
def test_group_arrays_are_the_catalogue_group_algebra(spec: str) -> None:
    A, B = group_structure(spec), arrays(f"group:{spec}")
    assert A.dim == B.dim
    assert A.m_coo() == B.m and A.u == B.u and A.delta == B.delta and A.eps == B.eps
    assert A.S == B.S
    assert [A.label(i) for i in range(A.dim)] == list(catalogue.get(f"group:{spec}").basis)


def test_tensor_arrays_are_the_catalogue_tensor_product() -> None:
    T = tensor_structure(arrays("sweedler"), arrays("group:C2"))
    R = arrays("tensor(sweedler, group:C2)")
    assert all(x == y for x, y in zip((T.m, T.u, T.delta, T.eps, T.S),
                                      (R.m, R.u, R.delta, R.eps, R.S), strict=True))
    G = tensor_structure(group_structure("S3"), group_structure("C2"))  # a table again
    assert G.table is not None
    assert G.m_coo() == arrays("tensor(group:S3, group:C2)").m


def test_primes() -> None:
    assert is_prime(P31) and not is_prime(P31 - 2) and not is_prime(1)
    p = choose_prime(7)
    assert is_prime(p) and p % 7 == 1 and p < 2**31
    assert choose_prime(avoid=P31) != P31


def test_rational_coefficients_map_to_inverses_and_bad_primes_are_refused() -> None:
    H = build(("1", "x"), QQ, product={(0, 0): {0: 1}, (0, 1): {1: 1}, (1, 0): {1: 1},
                                      (1, 1): {1: QQ(1, 3)}},
              unit={0: 1}, coproduct={0: {0: 1}, 1: {1: 1, 2: 1}}, counit={0: 1, 1: 0})
    R = reduce(SparseStructure.from_bialgebra(H))
    x = np.array([0, 1], dtype=np.int64)
    assert R.mul(x, x)[1] == pow(3, -1, R.p)  # x·x = x/3
    with pytest.raises(InputError, match="no denominator"):
        reduce(SparseStructure.from_bialgebra(H), p=3)
    with pytest.raises(InputError, match="prime"):
        reduce(SparseStructure.from_bialgebra(H), p=15)


def test_cyclotomic_reduction_sends_zeta_to_a_primitive_root() -> None:
    A = arrays("taft:5")
    R = reduce(A)
    assert R.p % 5 == 1 and pow(R.root, 5, R.p) == 1 and R.root != 1
    # x·g = ζ·g·x: the product constant is the image of ζ
    H = catalogue.get("taft:5")
    g, x, gx = (H.space.index(n) for n in ("g", "x", "gx"))
    e = np.eye(H.dim, dtype=np.int64)
    assert R.mul(e[x], e[g])[gx] == R.root


def test_parameters_are_refused_by_the_modular_method() -> None:
    F = rational_functions("q")
    H = build(("1",), F, product={(0, 0): {0: 1}}, unit={0: 1}, coproduct={0: {0: 1}},
              counit={0: 1})
    with pytest.raises(InputError, match="parametric structures get exact conditions"):
        reduce(SparseStructure.from_bialgebra(H))


def _exact_mod(H, v, p):  # noqa: ANN001, ANN202 - exact Element coefficients reduced mod p
    out = np.zeros(H.dim, dtype=np.int64)
    for i, c in v.coeffs.items():
        c = QQ.convert(c)
        out[i] = int(c.numerator) * pow(int(c.denominator), -1, p) % p
    return out


@pytest.mark.parametrize("name", ["functions:S3", "dual(sweedler)", "group:D3"])
def test_primitives_agree_with_exact_element_arithmetic(name: str) -> None:
    H = catalogue.get(name)
    A = SparseStructure.from_bialgebra(H)
    R = reduce(A)
    rng = np.random.default_rng(5)
    xs = [{b: int(rng.integers(-3, 4)) for b in H.basis} for _ in range(2)]
    a, b = (H.element(x) for x in xs)
    xv, yv = (_exact_mod(H, e, R.p) for e in (a, b))
    assert (R.mul(xv, yv) == _exact_mod(H, a * b, R.p)).all()
    S = H.antipode
    assert (R.apply(R.S, xv) == _exact_mod(H, H.element(dict(zip(
        H.basis, S(a).dense(), strict=True))), R.p)).all()
    # the coproduct contracted with covectors equals Δᵀ applied to the covectors
    w1, w2 = R.random_vector(1), R.random_vector(2)
    assert R.contract(R.coproduct(xv), w1, w2) == R.dot(R.comul_t(w1, w2), xv)


def test_table_and_coo_products_agree() -> None:
    T, C = reduce(group_structure("S4")), reduce(arrays("group:S4"))
    assert T.solve is not None and C.table is None
    for seed in range(3):
        x, y = T.random_vector(seed), T.random_vector(seed + 10)
        assert (T.mul(x, y) == C.mul(x, y)).all()
        y[5:] = 0  # a sparse factor takes the pair path
        assert (T.mul(x, y) == C.mul(x, y)).all()


def test_float_reduction_matches_exact_values() -> None:
    H = catalogue.get("taft:3")
    F = to_float(arrays("taft:3"))
    assert F.p is None and F.dtype == np.complex128 and abs(F.root ** 3 - 1) < 1e-12
    x = H.space.index("x")
    exact = (H.antipode @ H.antipode).column(x)   # S²(x), exactly in ℚ(ζ₃)
    want = np.zeros(9, dtype=complex)
    for i, c in exact.items():
        want[i] = complex(H.domain.to_sympy(c).evalf())
    got = F.apply(F.S, F.apply(F.S, np.eye(9, dtype=complex)[x]))
    assert np.allclose(got, want) and not np.allclose(want, np.eye(9)[x])
