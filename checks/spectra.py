"""Spectral predicates of matrices with transcendental entries, decided by certified roots.

A softmax matrix has entries in ℚ(e^{q₁}, …): its characteristic polynomial has no
rational coefficients, so exact real-root counting over ℚ does not apply. Here the
entries are enclosed in ``arb`` balls (:func:`coherence.algebra.balls.enclose`, the one
rigorous enclosure), the characteristic polynomial is computed in ball arithmetic, and
flint isolates its complex roots in pairwise disjoint certified boxes. Then, for a real
polynomial (roots closed under conjugation):

* a box whose imaginary part excludes 0 holds a **non-real** eigenvalue;
* a box whose mirror image meets no *other* box holds a **real** eigenvalue (its
  conjugate is a root too, and can only be in that same box);
* a real eigenvalue is **positive** when its box's real part is > 0.

Anything else (a repeated eigenvalue, boxes too wide at every precision) raises
:class:`~coherence.checks.evaluate.Undecidable`: a predicate is decided only when the
enclosures separate. Precision is raised through :data:`balls.PRECISIONS`.

Examples
--------
>>> import sympy
>>> from coherence.checks.evaluate import Matrix
>>> e = sympy.exp(1)
>>> A = Matrix.of([[1 / (1 + e), e / (1 + e)], [e / (1 + e), 1 / (1 + e)]])
>>> spectrum_signs(A)          # eigenvalues 1 and (1 − e)/(1 + e) < 0
(('real', -1), ('real', 1))
>>> C = Matrix.of([[0, 1, 0], [0, 0, 1], [e, 0, 0]])
>>> [kind for kind, _ in spectrum_signs(C)]
['complex', 'complex', 'real']
"""

from __future__ import annotations

from typing import Any

import flint
from coherence.algebra import balls
from coherence.checks.evaluate import Matrix, Undecidable, to_sympy


def _roots(M: Matrix) -> list[flint.acb]:
    n, m = M.shape
    if n != m:
        raise Undecidable("expected a square matrix")
    last = "no precision isolated the eigenvalues"
    for prec in balls.PRECISIONS:
        with flint.ctx.workprec(prec):
            try:
                rows = [[balls.enclose(to_sympy(x)) for x in row] for row in M.rows]
                poly = flint.arb_mat(rows).charpoly()
                roots = poly.complex_roots()
            except (balls.Unenclosable, ZeroDivisionError, ValueError) as exc:
                last = str(exc) or type(exc).__name__
                continue
            if len(roots) == n and all(not roots[i].overlaps(roots[j])
                                       for i in range(n) for j in range(i + 1, n)):
                return roots
    raise Undecidable(f"eigenvalues not separated by ball arithmetic ({last})")


def spectrum_signs(M: Matrix) -> tuple[tuple[str, int | None], ...]:
    """Each eigenvalue as ``("real", sign)`` or ``("complex", None)``, certified; sorted
    with complex ones first, then real ones by sign. Raises ``Undecidable`` otherwise.

    >>> spectrum_signs(Matrix.of([[0, -1], [1, 0]]))
    (('complex', None), ('complex', None))
    """
    roots = _roots(M)
    out: list[tuple[str, int | None]] = []
    for k, r in enumerate(roots):
        if not r.imag.contains(0):
            out.append(("complex", None))
            continue
        mirror = r.conjugate()
        if any(mirror.overlaps(s) for j, s in enumerate(roots) if j != k):
            raise Undecidable("an eigenvalue's box meets another's mirror image")
        re = r.real
        out.append(("real", 1 if re > 0 else -1 if re < 0 else None))
    return tuple(sorted(out, key=lambda t: (t[0] == "real", t[1] or 0)))


def all_real(M: Matrix) -> bool:
    """Every eigenvalue real (certified).

    >>> import sympy
    >>> all_real(Matrix.of([[sympy.exp(1), 1], [1, 0]]))
    True
    """
    return all(kind == "real" for kind, _ in spectrum_signs(M))


def all_real_positive(M: Matrix) -> bool:
    """Every eigenvalue real and > 0 (certified); ``Undecidable`` if a real eigenvalue's
    box contains 0 while the others do not already decide it.

    >>> import sympy
    >>> all_real_positive(Matrix.of([[sympy.exp(1), 1], [1, 1]]))
    True
    """
    signs = spectrum_signs(M)
    if any(kind == "complex" or s == -1 for kind, s in signs):
        return False
    if any(s is None for _, s in signs):
        raise Undecidable("a real eigenvalue is not separated from 0")
    return True


def decides(M: Any) -> bool:
    """Whether this module applies: a square matrix of numbers, some irrational.

    >>> decides(Matrix.of([[1, 2], [3, 4]]))
    False
    """
    return (isinstance(M, Matrix) and M.shape[0] == M.shape[1] and not M.is_rational
            and not any(getattr(x, "free_symbols", None) for row in M.rows for x in row))
