"""Finite categories: construction (tables, generators and relations, posets, monoids) and
the category axioms as verdicts, including tables that are *not* categories."""

from __future__ import annotations

import pytest
from coherence.algebra.categories import (
    FiniteCategory,
    chain,
    discrete,
    free_arrow,
    monoid,
    parallel_arrows,
    poset,
)
from coherence.algebra.errors import InputError
from coherence.checks.topos_checks import check_category


def outcomes(C: FiniteCategory) -> dict[str, str]:
    return {v.id: v.outcome.value for v in check_category(C)}


@pytest.mark.parametrize("C, arrows", [
    (chain(1), 1), (chain(2), 3), (chain(4), 10), (discrete(("a", "b", "c")), 3),
    (free_arrow(), 3), (parallel_arrows(), 4),
    (poset(("x", "y", "top"), [("x", "top"), ("y", "top")]), 5),
])
def test_sizes_and_axioms(C: FiniteCategory, arrows: int) -> None:
    assert C.size == arrows
    assert set(outcomes(C).values()) == {"proved"}


def test_poset_closure_is_transitive() -> None:
    P = poset(("a", "b", "c"), [("a", "b"), ("b", "c")])
    assert [P.name_of(h) for h in P.hom("a", "c")] == ["a≤c"]
    assert P.name_of(P.compose(P.index("b≤c"), P.index("a≤b"))) == "a≤c"
    assert P.hom("c", "a") == ()


def test_poset_cycle_is_rejected() -> None:
    with pytest.raises(InputError, match="antisymmetric"):
        poset(("a", "b"), [("a", "b"), ("b", "a")])


def test_presentation_of_s3_and_z6() -> None:
    S3 = FiniteCategory.from_generators(("*",), [("a", "*", "*"), ("b", "*", "*")],
                                        ["a∘a = id_*", "b∘b∘b = id_*", "a∘b∘a = b∘b"])
    Z6 = FiniteCategory.from_generators(("*",), [("a", "*", "*"), ("b", "*", "*")],
                                        ["a∘a = id_*", "b∘b∘b = id_*", "a∘b = b∘a"])
    assert (S3.size, Z6.size) == (6, 6)
    assert S3.is_groupoid() and Z6.is_groupoid()
    # S3 is not commutative, Z6 is
    a, b = S3.index("a"), S3.index("b")
    assert S3.compose(a, b) != S3.compose(b, a)
    a, b = Z6.index("a"), Z6.index("b")
    assert Z6.compose(a, b) == Z6.compose(b, a)
    assert set(outcomes(S3).values()) == {"proved"}


def test_idempotent_relation_and_composites() -> None:
    M = FiniteCategory.from_generators(("*",), [("e", "*", "*")], ["e∘e = e"])
    e = M.index("e")
    assert M.size == 2 and M.compose(e, e) == e
    assert not M.is_groupoid()


def test_relations_between_objects() -> None:
    # a retraction r∘s = id_a makes s∘r idempotent: arrows id_a, id_b, s, r, s∘r
    C = FiniteCategory.from_generators(("a", "b"), [("s", "a", "b"), ("r", "b", "a")],
                                       ["r∘s = id_a"])
    assert C.size == 5
    sr = C.compose(C.index("s"), C.index("r"))
    assert C.compose(sr, sr) == sr
    assert set(outcomes(C).values()) == {"proved"}


def test_infinite_presentation_is_an_input_error() -> None:
    with pytest.raises(InputError, match="finite category"):
        FiniteCategory.from_generators(("*",), [("s", "*", "*")], max_arrows=50)


def test_relation_errors_are_located_with_suggestions() -> None:
    with pytest.raises(InputError, match="did you mean 'f'"):
        FiniteCategory.from_generators(("a", "b"), [("f", "a", "b")], ["ff = f"])
    with pytest.raises(InputError, match="same source and target"):
        FiniteCategory.from_generators(("a", "b"), [("f", "a", "b")], ["f = id_a"])
    with pytest.raises(InputError, match="composable"):
        FiniteCategory.from_generators(("a", "b"), [("f", "a", "b")], ["f∘f = f"])


def test_monoid_cayley_table() -> None:
    Z2 = monoid(("1", "s"), [["1", "s"], ["s", "1"]])
    assert Z2.is_groupoid() and Z2.size == 2
    with pytest.raises(InputError, match="unit"):
        monoid(("1", "s"), {("1", "s"): "1"})


def test_non_associative_table_is_refuted_with_the_triple() -> None:
    bad = FiniteCategory.from_table(("*",), [("a", "*", "*"), ("b", "*", "*")],
                                    {("a", "a"): "b", ("a", "b"): "a", ("b", "a"): "a",
                                     ("b", "b"): "a"})
    v = {v.id: v for v in check_category(bad)}["category-associativity"]
    assert v.outcome.value == "refuted"
    h, g, f = (bad.index(x.strip()) for x in v.witness[0][1].split(","))
    # replay the witness on the table itself
    assert bad.table[bad.table[h][g]][f] != bad.table[h][bad.table[g][f]]


def test_missing_composite_refutes_closure() -> None:
    C = FiniteCategory.from_table(("a", "b", "c"), [("f", "a", "b"), ("g", "b", "c")], {})
    o = outcomes(C)
    assert o["category-closure"] == "refuted"
    assert o["category-associativity"] == "proved"


def test_badly_typed_composite_refutes_typing() -> None:
    C = FiniteCategory.from_table(("a", "b", "c"),
                                  [("f", "a", "b"), ("g", "b", "c"), ("h", "a", "c"),
                                   ("k", "b", "b")],
                                  {("g", "f"): "k", ("k", "k"): "k"})
    assert outcomes(C)["category-typed"] == "refuted"


def test_identity_law_failure_refutes_units() -> None:
    C = FiniteCategory.from_table(("*",), [("a", "*", "*")],
                                  {("a", "a"): "a", ("id_*", "a"): "id_*"})
    assert outcomes(C)["category-unit"] == "refuted"


def test_unknown_arrow_and_object_names_suggest() -> None:
    C = chain(2)
    with pytest.raises(InputError, match="did you mean '0≤1'"):
        C.index("0≤2")
    with pytest.raises(InputError, match="expected an object"):
        C.object_index("2")
