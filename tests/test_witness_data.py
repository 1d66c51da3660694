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
