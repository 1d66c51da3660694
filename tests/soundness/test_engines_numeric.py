"""``--method numeric``: a non-finite float (inf, NaN, overflow) is never agreement.

Issue 13, item 3: with a·a = 10²⁰⁰·b and b·a = 10²⁰⁰·1 the float products overflow,
inf/inf = NaN, ``NaN > tol`` is False and ``max(0.0, NaN)`` is 0.0, so associativity
was reported ``evidence … largest relative residual 0``.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from coherence.algebra.structure_file import read_structure
from coherence.checks.cli import main
from coherence.checks.random_laws import RANDOM_LAWS, _relative_error, check_laws_random
from coherence.checks.verdict import Outcome

HUGE = '''name = "huge"
field = "QQ"
basis = ["1", "a", "b"]
unit = "1"
[product]
"a*a" = "{big}*b"
"b*a" = "{big}*1"
[coproduct]
"1" = "1⊗1"
"a" = "a⊗a"
"b" = "b⊗b"
[counit]
"1" = "1"
"a" = "1"
"b" = "1"
'''


def _structure(tmp_path: Path, big: str) -> Path:
    path = tmp_path / "huge.toml"
    path.write_text(HUGE.format(big=big), encoding="utf-8")
    return path


def test_the_huge_reproducer_is_refuted(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    # independent reason: (a·a)·a = 10²⁰⁰·b·a = 10⁴⁰⁰·1 but a·(a·a) = 10²⁰⁰·a·b = 0
    # (a·b is not defined, so 0): associativity fails at (a, a, a)
    path = _structure(tmp_path, "10^200")
    code = main(["axioms", str(path), "--method", "numeric", "--law", "associativity"])
    out = capsys.readouterr().out
    assert code == 1 and "refuted   associativity" in out
    assert "largest relative residual" not in out


@pytest.mark.parametrize("big", ["10^200", "10^400", "-10^400", "10^155"])
def test_overflow_in_any_law_is_never_evidence_of_agreement(tmp_path: Path, big: str) -> None:
    # independent reason: as above, associativity fails at (a, a, a) for every nonzero
    # constant; 10⁴⁰⁰ is beyond float range already when the constants are converted,
    # 10¹⁵⁵ only overflows in a product of three
    H = read_structure(_structure(tmp_path, big))
    got = {v.id: v for v in check_laws_random(H, method="numeric", facts=False)}
    assert got["associativity"].outcome is Outcome.REFUTED
    for v in got.values():
        assert "nan" not in v.detail.lower() and "residual inf" not in v.detail
        if v.outcome is Outcome.EVIDENCE and v.detail.startswith("largest relative"):
            worst = float(v.detail.split("residual ")[1].split(" ")[0])
            assert math.isfinite(worst)


def test_every_float_comparison_treats_non_finite_as_disagreement() -> None:
    # independent reason: IEEE semantics — inf − inf and inf/inf are NaN, and every
    # comparison with NaN is False; a residual that is not a finite number says nothing
    one = np.array([1.0])
    for bad in (np.inf, -np.inf, np.nan):
        x = np.array([bad])
        assert _relative_error(x, one) == math.inf
        assert _relative_error(one, x) == math.inf
        assert _relative_error(x, x) == math.inf  # inf == inf is not agreement either
        z = np.array([complex(bad, 0.0)])
        assert _relative_error(z, z) == math.inf
    assert _relative_error(np.array([1e308]), np.array([-1e308])) == 2.0  # finite, no NaN
    assert all(law.id for law in RANDOM_LAWS)
