"""Named lemmas on the spectra of row-softmax (attention) matrices, used as proofs.

A claim about *every* score matrix cannot be sampled into a proof, and the exact
stages cannot simplify determinants and characteristic polynomials of exponentials.
These lemmas are the mathematics a reader of Nemecek's paper would cite; each has its
proof sketch here, and ``tests/test_softmax_spectra.py`` checks each on random
instances with certified ball arithmetic. :func:`prove` recognises a claim's
conclusion as an instance and returns the method text, or ``None``.

Write ``softmax(S)`` for the row-wise softmax: ``softmax(S) = D⁻¹E`` with
``E_ij = exp(S_ij) > 0`` and ``D = diag(Σ_j E_ij)``.

Examples
--------
>>> from coherence.checks.claims import claim
>>> from coherence.checks.decide import _parse
>>> prove(_parse(claim("c", for_all={"S": "SymmetricMatrix(3)"},
...                    then="eigenvalues_real(softmax(S))")))[:45]
'lemma symmetric_scores_real_spectrum: softmax'
"""

from __future__ import annotations

from typing import Any

from coherence.checks import expr as E


def symmetric_scores_real_spectrum() -> str:
    """Row-softmax of a symmetric score matrix has real eigenvalues and is diagonalisable.

    Proof. ``E = exp(S)`` (entrywise) is symmetric when S is, and ``D`` is diagonal
    with positive entries. Then ``D^{1/2}·(D⁻¹E)·D^{-1/2} = D^{-1/2} E D^{-1/2}``, a real
    symmetric matrix, so ``softmax(S)`` is similar to a real symmetric matrix: by the
    spectral theorem its eigenvalues are real and it is diagonalisable. ∎

    >>> symmetric_scores_real_spectrum()[:40]
    'softmax(S) = D⁻¹E is similar to D^{-1/2}'
    """
    return ("softmax(S) = D⁻¹E is similar to D^{-1/2} E D^{-1/2}, symmetric when S is "
            "(spectral theorem: real eigenvalues, diagonalisable)")


def row_stochastic_eigenvalue_one() -> str:
    """A row-stochastic matrix A (rows of nonnegative entries summing to 1) has the
    eigenvalue 1 and spectral radius 1.

    Proof. ``A·𝟙 = 𝟙`` (each row sums to 1), so 1 is an eigenvalue and ``det(A − I) =
    0``. For any eigenvalue λ with eigenvector v, take i with ``|v_i|`` maximal: ``|λ|
    |v_i| = |Σ_j A_ij v_j| ≤ Σ_j A_ij |v_j| ≤ |v_i|``, so ``|λ| ≤ 1``. Every
    ``softmax(S)`` is row-stochastic (positive entries, rows summing to 1). ∎

    >>> row_stochastic_eigenvalue_one()[:20]
    'softmax(S)·𝟙 = 𝟙: ei'
    """
    return "softmax(S)·𝟙 = 𝟙: eigenvalue 1, so det(softmax(S) − I) = 0"


def two_by_two_row_stochastic_real() -> str:
    """A 2×2 row-stochastic matrix has real eigenvalues: 1 and ``trace − 1``.

    Proof. 1 is an eigenvalue (:func:`row_stochastic_eigenvalue_one`); the eigenvalues
    sum to the trace, so the other one is ``trace − 1``, a real number. ∎

    >>> two_by_two_row_stochastic_real()[:28]
    'the eigenvalues of a 2×2 row'
    """
    return ("the eigenvalues of a 2×2 row-stochastic matrix are 1 and trace − 1, both real")


LEMMAS = {f.__name__: f for f in (symmetric_scores_real_spectrum,
                                   row_stochastic_eigenvalue_one,
                                   two_by_two_row_stochastic_real)}
"""The lemmas by name."""


def _softmax_arg(node: E.Expr) -> E.Expr | None:
    if isinstance(node, E.Call) and node.name == "softmax" and len(node.args) == 1 \
            and not node.kwargs:
        return node.args[0]
    return None


def _shape(p: Any, node: E.Expr) -> tuple[int, int] | None:
    from coherence.checks.decide import _symbols
    from coherence.checks.evaluate import Matrix, evaluate

    values = {v.name: _symbols(v.var) for v in p.variables if v.var is not None}
    try:
        value = evaluate(node, p.env(values))
    except Exception:  # noqa: BLE001 - any failure: the lemma does not apply
        return None
    return value.shape if isinstance(value, Matrix) else None


def _method(name: str) -> str:
    return f"lemma {name}: {LEMMAS[name]()}"


def prove(p: Any) -> str | None:
    """The method text of a lemma that proves ``p.then`` for every value, or ``None``.

    ``p`` is a parsed claim (:mod:`coherence.checks.decide`); assumptions do not matter,
    the lemmas hold for every score matrix.
    """
    from coherence.checks.decide import _identity

    node = p.then
    if isinstance(node, E.Call) and node.name == "eigenvalues_real" and len(node.args) == 1:
        scores = _softmax_arg(node.args[0])
        if scores is None:
            return None
        shape = _shape(p, node.args[0])
        if shape is None or shape[0] != shape[1]:
            return None
        if shape == (2, 2):
            return _method("two_by_two_row_stochastic_real")
        symmetric = E.Compare(("==",), (scores, E.Transpose(scores, scores.col)), node.col)
        if _identity(p, symmetric) is not None:
            return _method("symmetric_scores_real_spectrum") + " (S = Sᵀ identically)"
        return None
    if isinstance(node, E.Compare) and node.ops == ("==",):
        row = _row_sum(p, node)
        if row is not None:
            return row
        for det_side, zero in (node.operands, node.operands[::-1]):
            if not (isinstance(zero, E.Num) and zero.value == 0):
                continue
            if not (isinstance(det_side, E.Call) and det_side.name == "det"
                    and len(det_side.args) == 1):
                continue
            diff = det_side.args[0]
            if not (isinstance(diff, E.Binary) and diff.op == "-"):
                continue
            for a, b in ((diff.left, diff.right), (diff.right, diff.left)):
                if _softmax_arg(a) is None or not (isinstance(b, E.Call)
                                                   and b.name == "identity"):
                    continue
                sa, sb = _shape(p, a), _shape(p, b)
                if sa is not None and sa == sb and sa[0] == sa[1]:
                    return _method("row_stochastic_eigenvalue_one")
    return None


def _row_sum(p: Any, node: E.Compare) -> str | None:
    """``sum(softmax(X)[i, j] for j in range(n)) == 1`` with the loop over every column
    and the row index not the loop variable: the row sum of a row-stochastic matrix."""
    from coherence.checks.evaluate import evaluate

    for total, one in (node.operands, node.operands[::-1]):
        if not (isinstance(one, E.Num) and one.value == 1 and isinstance(total, E.Reduce)
                and total.op == "sum" and len(total.loops) == 1):
            continue
        body, loop = total.body, total.loops[0]
        if not (isinstance(body, E.Index) and len(body.indices) == 2
                and _softmax_arg(body.operand) is not None):
            continue
        i, j = body.indices
        if not (isinstance(j, E.Name) and j.id == loop.var) or loop.var in E.free_names(i):
            continue
        shape = _shape(p, body.operand)
        try:
            start, stop = evaluate(loop.start, p.env({})), evaluate(loop.stop, p.env({}))
            row = evaluate(i, p.env({}))
        except Exception:  # noqa: BLE001 - bounds that depend on variables: not this lemma
            continue
        in_range = shape is not None and row in range(shape[0])
        if in_range and (start, stop) == (0, shape[1]):
            return _method("row_stochastic_eigenvalue_one") + " (each row sums to 1)"
    return None


def covers(p: Any) -> bool:
    """Whether ``p.then`` is a spectral predicate of a softmax that :func:`prove` has
    already tried: the generic "symmetric identically" simplification of the softmax
    itself (slow on exponentials, and the symmetric-scores case is the lemma) is skipped.

    >>> from coherence.checks.claims import claim
    >>> from coherence.checks.decide import _parse
    >>> covers(_parse(claim("c", for_all={"S": "Matrix(3, 3)"},
    ...                     then="eigenvalues_real(softmax(S))")))
    True
    """
    node = p.then
    return (isinstance(node, E.Call) and node.name == "eigenvalues_real"
            and len(node.args) == 1 and _softmax_arg(node.args[0]) is not None)
