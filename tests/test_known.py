"""Every known counterexample really refutes its claim, checked exactly."""

from __future__ import annotations

import sympy
from coherence.counterexamples import known
from coherence.counterexamples.problem import Variable


def _matrix(value) -> sympy.Matrix:
    return sympy.Matrix([[sympy.Rational(x.numerator, x.denominator) for x in r] for r in value])


def _spectrum_real_positive(M: sympy.Matrix) -> bool:
    roots = sympy.real_roots(M.charpoly().as_expr(), multiple=True)
    return len(roots) == M.rows and all(r > 0 for r in roots)


def test_linear_algebra_witnesses_refute_their_claims():
    A = _matrix(known.get("positive-eigenvalues-symmetric").point["A"])
    assert _spectrum_real_positive(A) and A != A.T

    A = _matrix(known.get("positive-eigenvalues-positive-definite").point["A"])
    assert _spectrum_real_positive(A) and not (A == A.T and A.is_positive_definite)

    A = _matrix(known.get("symmetric-part-rescue").point["A"])
    x = sympy.Matrix([1, -1])
    assert _spectrum_real_positive(A) and (x.T * A * x)[0] == 0

    w = known.get("untied-attention-real-spectrum").point
    X, Q, K = (_matrix(w[k]) for k in ("X", "W_Q", "W_K"))
    scores = X * Q * (X * K).T
    assert len(sympy.real_roots(scores.charpoly().as_expr(), multiple=True)) < 2


def test_attention_witness_is_not_linear_exactly():
    w = known.get("attention-is-linear").point
    X, c = _matrix(w["X"]), sympy.Rational(w["c"].numerator, w["c"].denominator)

    def head(Y):
        S = Y * Y.T
        rows = [[sympy.exp(S[i, j]) for j in range(S.cols)] for i in range(S.rows)]
        P = sympy.Matrix([[v / sum(r) for v in r] for r in rows])
        return P * Y

    diff = sympy.simplify(head(c * X)[0] - c * head(X)[0])
    assert diff != 0 and diff.is_positive


def test_hopf_witnesses_refute_their_claims():
    from coherence.algebra import catalogue
    from coherence.algebra.hopf import compute_antipode

    H = catalogue.get("sweedler")
    x = H.basis_element(known.get("antipode-involutive").point["v"])
    assert x.antipode().antipode() == -x and x.antipode().antipode() != x

    M = catalogue.get("monoid:idempotent")
    assert known.get("every-bialgebra-has-antipode").point["v"] in M.basis
    assert not compute_antipode(M).exists

    W = catalogue.get("words:concat-deconcat:2")
    w = known.get("concatenation-deconcatenation-bialgebra").point
    u, v = W.basis_element(w["u"]), W.basis_element(w["v"])
    # Δ(u)Δ(v) contains v⊗u (from (1⊗u)(v⊗1)); Δ(uv) does not
    assert "b⊗a" not in str((u * v).coproduct())


def test_every_entry_is_described_and_seeds_fit_the_shape():
    for entry in known.entries():
        assert entry.claim and entry.where and entry.why and entry.witness
        assert str(entry).startswith(entry.claim)
    sym = Variable("S", "real", shape=(2, 2), symmetric=True)
    assert all(p["S"][0][1] == p["S"][1][0] for p in known.seeds_for((sym,)))
    assert known.seeds_for((Variable("x", "real"),)) == ()
    ints = Variable("A", "integer", shape=(2, 2), lo=0)
    assert all(min(min(r) for r in p["A"]) >= 0 for p in known.seeds_for((ints,)))
