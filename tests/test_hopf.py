"""The exact Hopf core and its catalogue: dimensions, structure, antipodes, known facts."""

from __future__ import annotations

import pytest
from coherence.algebra import catalogue
from coherence.algebra.domains import QQ, cyclotomic, describe, parse_domain, rational_functions
from coherence.algebra.errors import InputError
from coherence.algebra.hopf import (
    Bialgebra,
    HopfAlgebra,
    adams,
    compute_antipode,
    convolution,
    dual,
    tensor_product,
)
from coherence.algebra.linear import LinearMap, VectorSpace, flip, identity, tensor_space
from coherence.checks.laws import AXIOMS, check_laws

DIMENSIONS = {
    "sweedler": 4, "taft:3": 9, "taft:4": 16, "taft:5": 25,
    "group:C2": 2, "group:C3": 3, "group:C5": 5, "group:D3": 6, "group:D4": 8,
    "group:S3": 6, "group:S4": 24, "functions:C3": 3, "functions:S3": 6, "functions:D4": 8,
    "monoid:idempotent": 2, "words:concat-deconcat:2": 7, "words:concat-deconcat:3": 15,
    "dual(sweedler)": 4, "tensor(sweedler, group:C2)": 8, "dual(taft:3)": 9,
}
HOPF = [n for n in DIMENSIONS if n not in ("monoid:idempotent",) and not n.startswith("words")]


@pytest.mark.parametrize("name", sorted(DIMENSIONS))
def test_catalogue_dimension(name: str) -> None:
    assert catalogue.get(name).dim == DIMENSIONS[name]


def test_every_listed_name_builds_and_has_a_documented_family() -> None:
    for entry in catalogue.entries():
        assert entry.doc.strip() and entry.reference
        for name in entry.examples:
            assert catalogue.get(name).dim > 0


@pytest.mark.parametrize("name", HOPF)
def test_hopf_entries_prove_every_axiom(name: str) -> None:
    verdicts = {v.id: v for v in check_laws(catalogue.get(name), facts=False)}
    assert set(verdicts) == set(AXIOMS)
    assert {k: v.outcome.value for k, v in verdicts.items()} == {k: "proved" for k in AXIOMS}


@pytest.mark.parametrize("name", HOPF)
def test_computed_antipode_equals_the_given_one(name: str) -> None:
    H = catalogue.get(name)
    assert isinstance(H, HopfAlgebra)
    result = compute_antipode(H)
    assert result.exists and result.antipode == H.antipode


def test_monoid_bialgebra_has_no_antipode() -> None:
    H = catalogue.get("monoid:idempotent")
    assert isinstance(H, Bialgebra) and not isinstance(H, HopfAlgebra)
    result = compute_antipode(H)
    assert not result.exists and result.inconsistent == ("e",)
    verdicts = {v.id: v for v in check_laws(H, facts=False)}
    assert verdicts["antipode-left"].outcome.value == "refuted"
    assert verdicts["antipode-left"].witness == (("v", "e"),)
    assert all(verdicts[k].outcome.value == "proved" for k in AXIOMS if "antipode" not in k)


def test_concat_deconcat_fails_exactly_the_bialgebra_law() -> None:
    verdicts = {v.id: v for v in check_laws(catalogue.get("words:concat-deconcat:3"), facts=False)}
    bad = {k for k, v in verdicts.items() if v.outcome.value != "proved"}
    assert bad == {"delta-multiplicative"}
    v = verdicts["delta-multiplicative"]
    assert v.witness == (("(v₁, v₂)", "(a, a)"),)
    assert (v.lhs, v.rhs) == ("1⊗aa + a⊗a + aa⊗1", "1⊗aa + 2·a⊗a + aa⊗1")
    assert v.residual == "-a⊗a"


def test_sweedler_antipode_has_order_four() -> None:
    H = catalogue.get("sweedler")
    S = H.antipode
    assert S @ S != identity(H.space)
    assert (S ** 4) == identity(H.space)
    x = H.basis_element("x")
    assert str(x.antipode()) == "-gx" and str(x.antipode().antipode()) == "-x"


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_taft_antipode_order_is_2n(n: int) -> None:
    verdicts = {v.id: v for v in check_laws(catalogue.get(f"taft:{n}"), only=["antipode-order"])}
    assert verdicts["antipode-order"].witness_values == 2 * n


def test_group_algebra_s3_is_cocommutative_not_commutative_and_its_dual_the_reverse() -> None:
    def facts(name: str) -> dict[str, str]:
        return {v.id: v.outcome.value for v in
                check_laws(catalogue.get(name), only=["commutative", "cocommutative"])}

    assert facts("group:S3") == {"commutative": "refuted", "cocommutative": "proved"}
    assert facts("functions:S3") == {"commutative": "proved", "cocommutative": "refuted"}


@pytest.mark.parametrize("name", ["sweedler", "taft:3", "group:S3", "monoid:idempotent"])
def test_double_dual_is_the_structure(name: str) -> None:
    H = catalogue.get(name)
    D = dual(dual(H))
    assert D.basis == H.basis
    assert (D.m, D.u, D.delta, D.eps) == (H.m, H.u, H.delta, H.eps)
    if isinstance(H, HopfAlgebra):
        assert isinstance(D, HopfAlgebra) and D.antipode == H.antipode


def test_adams_operations_in_sweedler_do_not_compose() -> None:
    """Ψ²∘Ψ² = Ψ⁴ needs commutativity or cocommutativity; H₄ has neither."""
    H = catalogue.get("sweedler")
    psi2, psi4 = adams(H, 2), adams(H, 4)
    assert psi2 @ psi2 != psi4
    x = H.basis_element("x")
    assert str(psi2(psi2(x))) == "2·gx" and str(psi4(x)) == "2·x + 2·gx"
    v = {v.id: v for v in check_laws(H, only=["adams-2-2"])}["adams-2-2"]
    assert v.outcome.value == "refuted" and v.witness == (("v", "x"),)


def test_adams_operations_compose_in_a_group_algebra() -> None:
    H = catalogue.get("group:S3")
    assert adams(H, 2) @ adams(H, 3) == adams(H, 6)
    assert adams(H, 0) == H.u @ H.eps and adams(H, 1) == identity(H.space)


def test_convolution_has_unit_u_eps_and_antipode_inverts_id() -> None:
    H = catalogue.get("taft:3")
    ue = H.u @ H.eps
    ident = identity(H.space)
    assert convolution(H, ue, ident) == ident == convolution(H, ident, ue)
    assert convolution(H, H.antipode, ident) == ue == convolution(H, ident, H.antipode)


def test_elements_multiply_and_print() -> None:
    H = catalogue.get("sweedler")
    g, x = H.basis_element("g"), H.basis_element("x")
    assert str(x * g) == "-gx" and str(g * x) == "gx"
    assert str(2 * x + g * x) == "2·x + gx"
    assert (x * x).is_zero() and (g * g) == H.one()
    assert x.counit() == 0 and g.counit() == 1
    assert str(x.coproduct()) == "g⊗x + x⊗1"
    assert str(H.element({"1": 1, "g": -1}) ** 2) == "2 - 2·g"


def test_taft_coefficients_print_in_zeta() -> None:
    H = catalogue.get("taft:3")
    x, g = H.basis_element("x"), H.basis_element("g")
    assert str(x * g) == "ζ₃·gx"
    assert str(x.antipode()) == "-g^2x"


def test_tensor_product_structure() -> None:
    T = tensor_product(catalogue.get("group:C2"), catalogue.get("sweedler"))
    assert T.basis[:5] == ("1⊗1", "1⊗g", "1⊗x", "1⊗gx", "g⊗1")
    assert all(v.outcome.value == "proved" for v in check_laws(T, facts=False))
    with pytest.raises(InputError, match="one field"):
        tensor_product(catalogue.get("taft:3"), catalogue.get("group:C2"))


def test_catalogue_errors_suggest() -> None:
    with pytest.raises(InputError, match="did you mean 'sweedler'"):
        catalogue.get("sweedlr")
    with pytest.raises(InputError, match="taft:N with N ≥ 2"):
        catalogue.get("taft:1")
    with pytest.raises(InputError, match="1..7"):
        catalogue.get("group:S9")


def test_domains() -> None:
    K, z = cyclotomic(5)
    assert z ** 5 == K.one and z != K.one
    assert describe(K) == "QQ(ζ₅)" and describe(QQ) == "QQ"
    # SymPy writes ζ₆ = exp(2πi/6) as exp(I*pi/3): still recognised as cyclotomic
    assert describe(cyclotomic(6)[0]) == "QQ(ζ₆)" and describe(cyclotomic(12)[0]) == "QQ(ζ₁₂)"
    assert parse_domain("QQ(q)") == rational_functions("q")
    with pytest.raises(InputError):
        parse_domain("QQ(1q)")


def test_linear_maps_compose_and_tensor() -> None:
    V = VectorSpace(("a", "b", "c"), QQ)
    f = LinearMap.from_columns(V, V, {0: {1: 1}, 1: {2: 1}, 2: {0: 1}})  # a cyclic shift
    assert f ** 3 == identity(V) and f ** 2 != identity(V)
    VV = tensor_space(V, V)
    tau = flip(V, V)
    assert tau @ tau == identity(VV)
    assert tau @ f.tensor(identity(V)) == identity(V).tensor(f) @ tau
    with pytest.raises(InputError, match="distinct basis names"):
        VectorSpace(("a", "a"), QQ)
