"""Issue 17 §4: ``is_linear`` on maps linear but not structurally so — proved by an exact
case split into affine regions; otherwise evidence with the count, never a silent unknown."""

from __future__ import annotations

import pytest
import sympy
from coherence.checks import network_checks as nc
from coherence.checks.pl_regions import affine_regions, linear_on_every_cell
from coherence.checks.verdict import Outcome
from coherence.checks.vocab_networks import make_formula

x, y = sympy.symbols("x y", real=True)


@pytest.mark.parametrize("outputs", [["relu(x) - relu(-x)"], ["max(x, y) + min(x, y)"],
                                     ["abs(x) - abs(-x) + 2*y"],
                                     ["max(x, 0) + min(x, 0)", "relu(relu(x) - relu(y)) - relu(relu(y) - relu(x))"]])
def test_linear_but_not_structurally_is_proved(outputs: list[str]) -> None:
    net = make_formula(outputs, ["x", "y"])
    d = nc.decide_linear(net)
    if outputs[-1].startswith("relu(relu"):
        # relu(x) − relu(y) is not linear: the second output is refuted, not proved
        assert d.outcome is Outcome.REFUTED
        return
    assert d.outcome is Outcome.PROVED, d
    assert "affine regions" in d.method or "linear form" in d.method


@pytest.mark.parametrize("outputs", [["relu(x)"], ["abs(x)"], ["max(x, y)"], ["relu(x - 1) - relu(-x)"]])
def test_piecewise_but_not_linear_is_never_proved(outputs: list[str]) -> None:
    d = nc.decide_linear(make_formula(outputs, ["x", "y"]))
    assert d.outcome is Outcome.REFUTED, d


def test_regions_are_sound_on_random_points() -> None:
    """Each cell's affine value agrees with the map at a point inside the cell."""
    import z3

    e = sympy.Max(x, 2 * y) - sympy.Min(x + 1, sympy.Abs(y))
    cells = affine_regions([e], [x, y])
    assert cells is not None and len(cells) >= 4
    for c in cells:
        s = z3.Solver()
        zx, zy = z3.Real("x"), z3.Real("y")
        for k in c.constraints:
            s.add(eval_lin(k, zx, zy) > 0)
        assert s.check() == z3.sat
        m = s.model()
        pt = {x: sympy.Rational(str(m.eval(zx, model_completion=True).as_fraction())),
              y: sympy.Rational(str(m.eval(zy, model_completion=True).as_fraction()))}
        assert e.xreplace(pt) == c.values[0].xreplace(pt)
    assert not linear_on_every_cell(cells, [x, y])


def eval_lin(k: sympy.Expr, zx, zy):
    import z3

    p = sympy.Poly(k, x, y)
    out = z3.RealVal(0)
    for (a, b), c in zip(p.monoms(), p.coeffs(), strict=True):
        q = sympy.Rational(c)
        out = out + z3.RealVal(f"{q.p}/{q.q}") * (zx if a else 1) * (zy if b else 1)
    return out
