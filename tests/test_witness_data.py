"""Issue 17 §5: a witness in JSON is data (exact strings per variable) next to its text."""

from __future__ import annotations

import json

from coherence.checks.claims import claim
from coherence.checks.decide import decide
from coherence.checks.verdict import Verdict


def test_matrix_witness_as_data_round_trips() -> None:
    v = decide(claim("c", for_all={"A": "Matrix(2, 2)"}, then="A @ A == A"))
    data = v.to_json()
    assert data["witness_data"]["A"]["matrix"]
    rows = data["witness_data"]["A"]["matrix"]
    assert all(isinstance(x, str) for row in rows for x in row)
    again = Verdict.from_json(json.loads(json.dumps(data)))
    assert again.witness_data == data["witness_data"]


def test_scalar_and_exists_witness() -> None:
    v = decide(claim("s", for_all={"x": "Rational"}, then="x * x >= x"))
    assert isinstance(v.to_json()["witness_data"]["x"], str)
    v = decide(claim("e", exists={"y": "Integer(0, 9)"}, then="y * y == 49"))
    assert v.to_json()["witness_data"] == {"y": "7"}


def test_element_witness_is_a_coefficient_map() -> None:
    v = decide(claim("h", given={"H": "structure('sweedler')"},
                     for_all={"v": "Element(H)"}, then="S(S(v)) == v"))
    data = v.to_json()["witness_data"]
    assert data is not None and "element" in data["v"]
    assert all(isinstance(c, str) for c in data["v"]["element"].values())


def test_proved_has_no_witness_data() -> None:
    v = decide(claim("p", for_all={"x": "Real"}, then="x * x >= 0"))
    assert v.to_json()["witness_data"] is None


def test_element_witness_is_shrunk_by_the_one_shrinker() -> None:
    """The issue's witness a = 2 − g·x (for eps(a) = 2 ⇒ a·a = a) shrinks to a = 2."""
    from coherence.algebra.catalogue import sweedler
    from coherence.algebra.hopf import Element
    from coherence.checks.shrink_values import shrink_witness

    H = sweedler()
    dom = H.space.domain
    found = Element(H.space, {0: dom.convert(2), 3: dom.convert(-1)}, H)

    def violated(v: dict) -> bool:
        a = v["a"]
        return a.counit() == 2 and a * a != a

    assert violated({"a": found})
    out, steps = shrink_witness({"a": found}, violated)
    assert str(out["a"]) == "2" and steps >= 1


def test_sampled_element_witness_is_data() -> None:
    v = decide(claim("c", given={"H": "structure('sweedler')"}, for_all={"a": "Element(H)"},
                     assuming="eps(a) == 2", then="a * a == a"))
    assert v.outcome.value == "refuted"
    data = v.to_json()["witness_data"]["a"]["element"]
    assert all(isinstance(c, str) for c in data.values())


def test_shrunk_witness_still_violates() -> None:
    from fractions import Fraction

    from coherence.checks.shrink_values import shrink_witness

    def bad(v: dict) -> bool:
        return v["x"] * v["x"] > 10 and v["y"] != 0

    out, steps = shrink_witness({"x": Fraction(17, 3), "y": Fraction(-9, 2)}, bad)
    assert bad(out) and steps > 0
    assert out == {"x": Fraction(4), "y": Fraction(1)}
