"""Graded Hopf algebras: hand-computed structure, antipodes, duality, and sound verdicts.

Every expected value below was computed by hand from the definitions (cited in
algebra/graded_examples.py), not by running the code.
"""

from __future__ import annotations

import dataclasses
import math

import pytest
from coherence.algebra import combinatorics as cb
from coherence.algebra.errors import InputError
from coherence.algebra.graded_examples import convert, get, names
from coherence.checks.graded_laws import (
    AXIOMS,
    _count_tuples,
    basis_tuples,
    check_graded_laws,
)
from coherence.checks.verdict import Outcome

GOOD = [n for n in names() if not n.startswith("broken:")]
WITH_DUAL = ["tensor:ab", "shuffle:ab", "sym:m", "sym:h", "sym:p", "qsym", "qsym:F", "nsym",
             "nsym:R", "fqsym"]


def el(name: str, text: str):
    return get(name).basis_element(text)


def vec(name: str, terms: dict[str, int]):
    H = get(name)
    return H.element({H.parse(k): c for k, c in terms.items()})


def ten(name: str, terms: dict[tuple[str, str], int]) -> dict:
    H = get(name)
    return {(H.parse(a), H.parse(b)): c for (a, b), c in terms.items()}


# -- hand-computed products and coproducts ------------------------------------------


def test_shuffle_algebra_by_hand() -> None:
    assert el("shuffle:ab", "a") * el("shuffle:ab", "b") == vec("shuffle:ab", {"ab": 1, "ba": 1})
    assert el("shuffle:ab", "ab") * el("shuffle:ab", "a") == vec(
        "shuffle:ab", {"aab": 2, "aba": 1})
    assert el("shuffle:ab", "a") * el("shuffle:ab", "a") == vec("shuffle:ab", {"aa": 2})
    assert dict(el("shuffle:ab", "ab").coproduct().terms) == ten(
        "shuffle:ab", {("ab", "1"): 1, ("a", "b"): 1, ("1", "ab"): 1})
    assert str(el("shuffle:ab", "a") * 2 + el("shuffle:ab", "ba")) == "2·a + ba"


def test_tensor_algebra_by_hand() -> None:
    assert el("tensor:ab", "a") * el("tensor:ab", "b") == el("tensor:ab", "ab")
    assert dict(el("tensor:ab", "ab").coproduct().terms) == ten(
        "tensor:ab", {("ab", "1"): 1, ("a", "b"): 1, ("b", "a"): 1, ("1", "ab"): 1})
    assert dict(el("tensor:ab", "aa").coproduct().terms) == ten(
        "tensor:ab", {("aa", "1"): 1, ("a", "a"): 2, ("1", "aa"): 1})


def test_qsym_by_hand() -> None:
    M = "qsym"
    assert el(M, "[1]") * el(M, "[1]") == vec(M, {"[1,1]": 2, "[2]": 1})
    assert el(M, "[1]") * el(M, "[2]") == vec(M, {"[1,2]": 1, "[2,1]": 1, "[3]": 1})
    assert el(M, "[1,1]") * el(M, "[1]") == vec(M, {"[1,1,1]": 3, "[2,1]": 1, "[1,2]": 1})
    assert dict(el(M, "[2,1]").coproduct().terms) == ten(
        M, {("[2,1]", "1"): 1, ("[2]", "[1]"): 1, ("1", "[2,1]"): 1})
    F = "qsym:F"
    assert el(F, "[1]") * el(F, "[1]") == vec(F, {"[1,1]": 1, "[2]": 1})
    assert dict(el(F, "[2,1]").coproduct().terms) == ten(
        F, {("1", "[2,1]"): 1, ("[1]", "[1,1]"): 1, ("[2]", "[1]"): 1, ("[2,1]", "1"): 1})


def test_nsym_by_hand() -> None:
    H = "nsym"
    assert el(H, "[1]") * el(H, "[2]") == el(H, "[1,2]")
    assert dict(el(H, "[2]").coproduct().terms) == ten(
        H, {("[2]", "1"): 1, ("[1]", "[1]"): 1, ("1", "[2]"): 1})
    assert dict(el(H, "[1,1]").coproduct().terms) == ten(
        H, {("[1,1]", "1"): 1, ("[1]", "[1]"): 2, ("1", "[1,1]"): 1})
    R = "nsym:R"
    assert el(R, "[1]") * el(R, "[1]") == vec(R, {"[1,1]": 1, "[2]": 1})
    assert el(R, "[1,2]") * el(R, "[1]") == vec(R, {"[1,2,1]": 1, "[1,3]": 1})


def test_sym_by_hand() -> None:
    m = "sym:m"
    assert el(m, "[1]") * el(m, "[1]") == vec(m, {"[2]": 1, "[1,1]": 2})
    assert el(m, "[2]") * el(m, "[1]") == vec(m, {"[3]": 1, "[2,1]": 1})
    assert el(m, "[1,1]") * el(m, "[1]") == vec(m, {"[2,1]": 1, "[1,1,1]": 3})
    assert el(m, "[2,1]") * el(m, "[1]") == vec(m, {"[3,1]": 1, "[2,2]": 2, "[2,1,1]": 2})
    assert dict(el(m, "[2,1]").coproduct().terms) == ten(
        m, {("[2,1]", "1"): 1, ("[2]", "[1]"): 1, ("[1]", "[2]"): 1, ("1", "[2,1]"): 1})
    p = "sym:p"
    assert dict(el(p, "[2]").coproduct().terms) == ten(p, {("[2]", "1"): 1, ("1", "[2]"): 1})
    assert dict(el(p, "[1,1]").coproduct().terms) == ten(
        p, {("[1,1]", "1"): 1, ("[1]", "[1]"): 2, ("1", "[1,1]"): 1})


def test_fqsym_by_hand() -> None:
    F = "fqsym"
    assert el(F, "[1]") * el(F, "[1]") == vec(F, {"12": 1, "21": 1})
    assert el(F, "12") * el(F, "[1]") == vec(F, {"123": 1, "132": 1, "312": 1})
    # ΔF_231 = Σ_i F_std(σ₁…σᵢ) ⊗ F_std(σᵢ₊₁…σₙ): std(31) = 21, std(23) = 12
    assert dict(el(F, "231").coproduct().terms) == ten(
        F, {("1", "231"): 1, ("[1]", "21"): 1, ("12", "[1]"): 1, ("231", "1"): 1})


def test_connes_kreimer_by_hand() -> None:
    CK = "ck"
    ladder2, cherry, ladder3 = "•(•)", "•(•,•)", "•(•(•))"
    assert dict(el(CK, ladder2).coproduct().terms) == ten(
        CK, {(ladder2, "1"): 1, ("•", "•"): 1, ("1", ladder2): 1})
    assert dict(el(CK, cherry).coproduct().terms) == ten(
        CK, {(cherry, "1"): 1, ("•", ladder2): 2, ("• •", "•"): 1, ("1", cherry): 1})
    assert dict(el(CK, ladder3).coproduct().terms) == ten(
        CK, {(ladder3, "1"): 1, ("•", ladder2): 1, (ladder2, "•"): 1, ("1", ladder3): 1})
    assert el(CK, "•") * el(CK, ladder2) == el(CK, "• •(•)")


# -- antipodes ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["shuffle:ab", "tensor:ab", "shuffle:xyz"])
def test_word_antipode_is_signed_reversal(name: str) -> None:
    H = get(name)
    for n in range(6):
        for w in H.basis(n):
            expected = {w[::-1]: (-1) ** n}
            assert dict(H.antipode_recursive(w)) == expected
            assert dict(H.antipode_takeuchi(w)) == expected


def test_closed_antipodes_by_hand() -> None:
    assert el("qsym", "[1,2]").antipode() == vec("qsym", {"[2,1]": 1, "[3]": 1})
    assert el("qsym", "[1]").antipode() == -el("qsym", "[1]")
    assert el("nsym", "[2]").antipode() == vec("nsym", {"[1,1]": 1, "[2]": -1})
    assert el("qsym:F", "[3]").antipode() == -el("qsym:F", "[1,1,1]")
    assert el("sym:p", "[2,1]").antipode() == el("sym:p", "[2,1]")
    # m_21 = m_2·m_1 − m_3 and S(m_n) = −m_n: S(m_21) = m_2·m_1 + m_3 = m_21 + 2·m_3
    assert el("sym:m", "[2,1]").antipode() == vec("sym:m", {"[2,1]": 1, "[3]": 2})
    assert el("sym:e", "[2]").antipode() == vec("sym:e", {"[1,1]": 1, "[2]": -1})
    assert el("ck", "•(•)").antipode() == vec("ck", {"•(•)": -1, "• •": 1})
    # S(cherry) = −cherry + 2·• •(•) − • • •   (cut none, one edge (×2), both edges)
    assert el("ck", "•(•,•)").antipode() == vec("ck", {"•(•,•)": -1, "• •(•)": 2, "• • •": -1})


@pytest.mark.parametrize("name", GOOD)
def test_three_antipodes_agree_through_degree_5(name: str) -> None:
    H = get(name)
    compared = 0
    for n in range(6):
        for b in H.basis(n):
            rec = dict(H.antipode_recursive(b))
            assert dict(H.antipode_takeuchi(b)) == rec, (name, b)
            closed = H.antipode_closed(b)
            if closed is not None:
                assert dict(closed) == rec, (name, b)
                compared += 1
    if H.closed_antipode is not None:  # none encoded for FQSym
        assert compared == sum(H.dimension(n) for n in range(6))
    v = check_graded_laws(H, 5, only=["antipodes-agree"])[0]
    assert v.outcome is Outcome.PROVED


# -- dimensions and duality ----------------------------------------------------------------


def test_dimension_sequences() -> None:
    assert [get("tensor:ab").dimension(n) for n in range(7)] == [2**n for n in range(7)]
    assert [get("shuffle:abc").dimension(n) for n in range(5)] == [1, 3, 9, 27, 81]
    assert [get("sym:p").dimension(n) for n in range(9)] == [1, 1, 2, 3, 5, 7, 11, 15, 22]
    assert [get("qsym").dimension(n) for n in range(7)] == [1, 1, 2, 4, 8, 16, 32]
    assert [get("fqsym").dimension(n) for n in range(6)] == [math.factorial(n) for n in range(6)]
    assert [get("ck").dimension(n) for n in range(8)] == [1, 1, 2, 4, 9, 20, 48, 115]
    for name in GOOD:
        v = check_graded_laws(name, 5, only=["dimensions"])[0]
        assert v.outcome is Outcome.PROVED, (name, v)


def test_primitive_dimensions() -> None:
    prim = {v.id: v for v in check_graded_laws("tensor:ab", 6, only=["primitives"])}
    assert prim["primitives"].witness_values == (2, 1, 2, 3, 6, 9)  # Witt's formula
    assert check_graded_laws("shuffle:ab", 4, only=["primitives"])[0].witness_values == (
        2, 0, 0, 0)
    assert check_graded_laws("nsym", 5, only=["primitives"])[0].witness_values == (
        1, 1, 2, 3, 6)


@pytest.mark.parametrize("name", WITH_DUAL)
def test_pairing_adjointness(name: str) -> None:
    wanted = ["pairing-m-delta", "pairing-delta-m", "pairing-nondegenerate"]
    for v in check_graded_laws(name, 4, only=wanted):
        assert v.outcome is Outcome.PROVED, (name, v)


def test_a_wrong_pairing_is_refuted() -> None:
    # ⟨F_σ, F_τ⟩ = δ_{στ} (without the inverse) is not a Hopf pairing for FQSym
    generic = dataclasses.replace(get("fqsym"), name="fqsym-badpair", _cache={},
                                  pairing=lambda s, t: 1 if s == t else 0, pairing_match=None)
    diagonal = dataclasses.replace(get("fqsym"), name="fqsym-badpair2", _cache={},
                                   pairing=lambda s, t: 1 if s == t else 0,
                                   pairing_match=lambda s: (s, 1))
    for H in (generic, diagonal):
        v = check_graded_laws(H, 4, only=["pairing-m-delta"])[0]
        assert v.outcome is Outcome.REFUTED
        assert "degree 3" in v.detail
    # both code paths agree on the true pairing
    slow = dataclasses.replace(get("fqsym"), name="fqsym-slow", _cache={}, pairing_match=None)
    assert all(v.outcome is Outcome.PROVED for v in check_graded_laws(
        slow, 4, only=["pairing-m-delta", "pairing-delta-m", "pairing-nondegenerate"]))


@pytest.mark.parametrize("name", WITH_DUAL)
def test_diagonal_pairing_matches_the_pairing(name: str) -> None:
    H = get(name)
    K = get(H.dual)
    for d in range(5):
        for a in H.basis(d):
            k, v = H.pairing_match(a)
            for b in K.basis(d):
                assert H.pairing(a, b) == (v if b == k else 0)


def test_sym_change_of_basis() -> None:
    assert convert(el("sym:h", "[2]"), "sym:m") == vec("sym:m", {"[2]": 1, "[1,1]": 1})
    assert convert(el("sym:e", "[2]"), "sym:m") == el("sym:m", "[1,1]")
    assert convert(el("sym:p", "[1,1]"), "sym:m") == vec("sym:m", {"[2]": 1, "[1,1]": 2})
    # p_2 = 2h_2 − h_1² (Newton), with a non-integer inverse: m_2 = p_2, h_2 = (p_1² + p_2)/2
    assert convert(el("sym:p", "[2]"), "sym:h") == vec("sym:h", {"[2]": 2, "[1,1]": -1})
    from fractions import Fraction
    half = convert(el("sym:h", "[2]"), "sym:p")
    assert dict(half.terms) == {(2,): Fraction(1, 2), (1, 1): Fraction(1, 2)}
    for src in ("sym:e", "sym:h", "sym:p"):  # the change of basis is an algebra map
        for lam in cb.partitions(2):
            for mu in cb.partitions(2):
                x, y = get(src).basis_element(lam), get(src).basis_element(mu)
                assert convert(x * y, "sym:m") == convert(x, "sym:m") * convert(y, "sym:m")
        for lam in cb.partitions(4):
            x = get(src).basis_element(lam)
            assert convert(convert(x, "sym:m"), src) == x


# -- the law suite ----------------------------------------------------------------------


@pytest.mark.parametrize("name", GOOD)
def test_every_axiom_proved_through_degree_4(name: str) -> None:
    for v in check_graded_laws(name, 4, only=AXIOMS):
        assert v.outcome is Outcome.PROVED, (name, v.id, v.witness_text, v.lhs, v.rhs)


def test_verdict_says_exactly_what_it_proves() -> None:
    H = get("shuffle:ab")
    v = {x.id: x for x in check_graded_laws(H, 3)}
    assert v["coassociativity"].detail == "proved through degree 3 (exhaustive on 15 basis tuples)"
    assert "degree ≤ 3" in v["coassociativity"].statement
    n_triples = sum(_count_tuples(H, 3, d) for d in range(4))
    assert n_triples == sum(len(list(basis_tuples(H, 3, d))) for d in range(4))
    assert v["associativity"].detail == (
        f"proved through degree 3 (exhaustive on {n_triples} basis tuples)")


def test_derived_facts() -> None:
    shuffle = {v.id: v for v in check_graded_laws("shuffle:ab", 4)}
    assert shuffle["commutative"].outcome is Outcome.PROVED
    assert shuffle["cocommutative"].outcome is Outcome.REFUTED
    assert shuffle["antipode-involutive"].outcome is Outcome.PROVED
    assert shuffle["grouplikes"].outcome is Outcome.PROVED
    tensor = {v.id: v for v in check_graded_laws("tensor:ab", 3)}
    assert tensor["commutative"].witness_text == "(v₁, v₂) = (a, b)"
    assert tensor["commutative"].lhs == "ab" and tensor["commutative"].rhs == "ba"
    fq = {v.id: v for v in check_graded_laws("fqsym", 3)}
    assert fq["antipode-involutive"].outcome is Outcome.REFUTED  # S² ≠ id in FQSym
    assert "degree 3" in fq["antipode-involutive"].detail


# -- broken variants: refuted at the lowest failing degree --------------------------


def test_concat_deconcat_is_not_a_bialgebra_from_degree_2() -> None:
    v = check_graded_laws("broken:concat-deconcat:ab", 1, only=["delta-multiplicative"])[0]
    assert v.outcome is Outcome.PROVED  # nothing to see in degree ≤ 1
    v = check_graded_laws("broken:concat-deconcat:ab", 4, only=["delta-multiplicative"])[0]
    assert v.outcome is Outcome.REFUTED
    assert v.witness_text == "(v₁, v₂) = (a, a)"
    assert v.lhs == "aa ⊗ 1 + a ⊗ a + 1 ⊗ aa"
    assert v.rhs == "aa ⊗ 1 + 2·a ⊗ a + 1 ⊗ aa"
    assert v.residual == "-a ⊗ a"
    assert "total degree 2" in v.detail


def test_antipode_sign_error_refuted_in_degree_2() -> None:
    vs = {v.id: v for v in check_graded_laws("broken:shuffle-sign:ab", 5)}
    for law in ("antipode-left", "antipode-right", "antipodes-agree"):
        assert vs[law].outcome is Outcome.REFUTED
        assert vs[law].witness_text == "v = aa"
        assert "total degree 2" in vs[law].detail
    # S(aa) + S(a)·a + aa = −aa − a⧢a + aa = −2·aa with the wrong S
    assert vs["antipode-left"].lhs == "-2·aa" and vs["antipode-left"].rhs == "0"
    assert vs["coassociativity"].outcome is Outcome.PROVED


def test_unreversed_qsym_antipode_refuted_in_degree_3_only() -> None:
    ok = check_graded_laws("broken:qsym-unreversed", 2, only=["antipode-left"])[0]
    assert ok.outcome is Outcome.PROVED
    bad = check_graded_laws("broken:qsym-unreversed", 5, only=["antipode-left"])[0]
    assert bad.outcome is Outcome.REFUTED
    assert bad.witness_text == "v = M[1,2]"
    assert "total degree 3" in bad.detail


def test_a_witness_that_does_not_replay_is_not_reported_as_refuted() -> None:
    # Corrupt one cached product: the fresh replay disagrees, so no refutation is claimed.
    H = dataclasses.replace(get("shuffle:ab"), name="shuffle-corrupt", _cache={})
    H.product("a", "b")
    H._cache["m"][("a", "b")] = {"ab": 1}
    v = check_graded_laws(H, 3, only=["commutative"])[0]
    assert v.outcome is Outcome.UNKNOWN
    assert "did not reproduce" in v.detail


# -- laziness, determinism, input errors ----------------------------------------------


def test_lazy_degree_by_degree() -> None:
    H = dataclasses.replace(get("fqsym"), name="fqsym-lazy", _cache={})
    check_graded_laws(H, 3, only=["coassociativity", "antipode-left"])
    assert max(H._cache["basis"]) == 3


def test_deterministic() -> None:
    a = [(v.id, v.outcome, v.witness, v.lhs, v.detail) for v in
         check_graded_laws("broken:concat-deconcat:ab", 3)]
    b = [(v.id, v.outcome, v.witness, v.lhs, v.detail) for v in
         check_graded_laws("broken:concat-deconcat:ab", 3)]
    assert a == b


def test_timeout_gives_unknown_not_proved() -> None:
    v = check_graded_laws("tensor:ab", 8, only=["associativity"], timeout=0)[0]
    assert v.outcome is Outcome.UNKNOWN
    assert "budget" in v.detail


def test_input_errors() -> None:
    with pytest.raises(InputError, match="did you mean 'qsym'"):
        get("qsm")
    with pytest.raises(InputError, match="expected a law name"):
        check_graded_laws("qsym", 2, only=["coassoc"])
    with pytest.raises(InputError, match="expected a word over"):
        get("shuffle:ab").basis_element("abc")
    with pytest.raises(InputError, match="partition"):
        get("sym:m").basis_element("[1,2]")
    with pytest.raises(InputError, match="integer ≥ 0"):
        check_graded_laws("qsym", -1)


# -- claim-file vocabulary ------------------------------------------------------------------


def test_vocabulary_domains() -> None:
    from coherence.checks import vocabulary

    word = vocabulary.lookup("Word", kinds=["domain"]).impl("ab", 3)
    assert word.size == 15 == len(list(word.elements()))
    assert [str(w) for w in word.elements()][:4] == ["ε", "a", "b", "aa"]
    comp = vocabulary.lookup("Composition").impl(4)
    assert comp.size == 1 + 1 + 2 + 4 + 8 == len(list(comp.elements()))
    perm = vocabulary.lookup("Permutation").impl(3)
    assert perm.size == 1 + 1 + 2 + 6
    forest = vocabulary.lookup("Forest").impl(4)
    assert forest.size == 1 + 1 + 2 + 4 + 9
    assert [str(f) for f in forest.elements()][:3] == ["1", "•", "•(•)"]
    basis = vocabulary.lookup("Basis").impl("nsym", 3)
    assert [str(x) for x in basis.elements()][-1] == "H[3]" and basis.size == 8
    with pytest.raises(InputError, match="at most"):
        vocabulary.lookup("Word").impl("abc", 20)


def test_vocabulary_functions() -> None:
    from coherence.checks import vocab_graded as vg

    w = vg.Obj("word", "aab", "ab")
    assert str(vg.reverse(w)) == "baa" and vg.length(w) == 3
    assert vg.size(vg.Obj("composition", (2, 3))) == 5
    assert vg.shuffle(vg.Obj("word", "a", "ab"), vg.Obj("word", "a", "ab")) == vec(
        "shuffle:ab", {"aa": 2})
    assert vg.length(vg.deconcat(w)) == 4
    assert vg.length(vg.unshuffle(w)) == 6  # 8 subsets, aab has repeated letters
    x = vg.basis_element("shuffle:ab", w)
    assert vg.antipode(x) == -el("shuffle:ab", "baa")
    assert vg.id_star_s(x) == 0 and vg.s_star_id(x) == 0
    assert vg.id_star_s(get("shuffle:ab").one * 5) == 5
    # the broken sign variant violates Hopf coherence, seen through the vocabulary
    bad = vg.basis_element("broken:shuffle-sign:ab", "aa")
    assert vg.id_star_s(bad) == vec("broken:shuffle-sign:ab", {"aa": -2})
    with pytest.raises(InputError, match="expected a word"):
        vg.concat(vg.Obj("composition", (1,)), w)


def test_vocabulary_deciders() -> None:
    from coherence.checks import vocab_graded as vg

    assert vg.is_hopf("qsym", 4).outcome is Outcome.PROVED
    d = vg.is_bialgebra("broken:concat-deconcat:ab", 4)
    assert d.outcome is Outcome.REFUTED and d.witness == (("(v₁, v₂)", "(a, a)"),)
    assert vg.is_hopf("broken:shuffle-sign:ab", 4).outcome is Outcome.REFUTED
    assert vg.is_bialgebra("broken:shuffle-sign:ab", 4).outcome is Outcome.PROVED


def test_example_claim_file_meets_its_expectations() -> None:
    decide = pytest.importorskip("coherence.checks.decide")
    from pathlib import Path

    from coherence.checks.claims import read_claim_file

    path = Path(__file__).parent.parent / "docs/examples/shuffle-hopf.claims.toml"
    cf = read_claim_file(path)
    assert not cf.errors
    verdicts = {c.id: decide.decide(c, seed=0) for c in cf.claims}
    for c in cf.claims:
        assert verdicts[c.id].matches(c.expect), (c.id, verdicts[c.id])
    assert verdicts["shuffle-antipode-sign-error"].witness_text == "w = aa"


def test_connes_kreimer_products_stay_canonical_in_degree_7() -> None:
    # every forest a product or coproduct names must be a basis object (canonical order)
    H = get("ck")
    v = check_graded_laws(H, 7, only=["coassociativity", "product-graded"])
    assert [x.outcome for x in v] == [Outcome.PROVED, Outcome.PROVED]
    assert H.dimension(7) == cb.count_forests(7) == 115


def test_refutation_names_its_degree_in_the_method() -> None:
    v = check_graded_laws("broken:qsym-unreversed", 4, only=["antipode-right"])[0]
    assert "first failure in degree 3" in v.method


def test_graded_element_domain_is_sound_for_nonlinear_claims() -> None:
    from coherence.checks import vocab_graded as vg
    from coherence.checks.vocabulary import lookup

    d = lookup("GradedElement", kinds=["domain"]).impl("shuffle:ab", "degree <= 2")
    assert d.description == "elements of shuffle:ab of degree ≤ 2"
    assert len(d.basis_elements()) == 7 and str(d.zero()) == "0"
    with pytest.raises(InputError, match="degree bound"):
        vg.graded_element_domain("shuffle:ab", "deg 2")
    decide = pytest.importorskip("coherence.checks.decide")
    from coherence.checks.claims import claim

    # holds on every basis element (ε ∈ {0, 1}) but not on 2·1: must not be proved
    c = claim("eps2", for_all={"x": "Element(shuffle:ab, degree <= 2)"},
              then="counit(x) * counit(x) == counit(x)")
    assert decide.decide(c, seed=0).outcome is Outcome.REFUTED
