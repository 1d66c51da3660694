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


def test_sampled_element_witness_is_shrunk_by_the_one_shrinker() -> None:
    """Sampling found an element like 2 − g·x; the shrinker reaches a = 2 (eps(2) = 2 and
    2·2 ≠ 2), and says how many steps it took."""
    v = decide(claim("c", given={"H": "structure('sweedler')"}, for_all={"a": "Element(H)"},
                     assuming="eps(a) == 2", then="a * a == a"))
    assert v.outcome.value == "refuted"
    assert v.witness == (("a", "2"),)
    assert v.to_json()["witness_data"] == {"a": {"element": {"1": "2"}}}


def test_shrunk_witness_still_violates() -> None:
    from fractions import Fraction

    from coherence.checks.shrink_values import shrink_witness

    def bad(v: dict) -> bool:
        return v["x"] * v["x"] > 10 and v["y"] != 0

    out, steps = shrink_witness({"x": Fraction(17, 3), "y": Fraction(-9, 2)}, bad)
    assert bad(out) and steps > 0
    assert out == {"x": Fraction(4), "y": Fraction(1)}
