"""Coefficient domains: ℚ, cyclotomic fields ℚ(ζₙ), and rational functions in parameters.

Every structure in coherence has its coefficients in one exact SymPy domain. This
module builds those domains (it never implements a field by hand), names them for
people, reads their names from files, and prints their elements readably — a
cyclotomic element as a polynomial in ``ζ₅`` rather than in ``exp(2*I*pi/5)``.

Examples
--------
>>> K, zeta = cyclotomic(3)
>>> describe(K)
'QQ(ζ₃)'
>>> element_str(K, zeta**2)
'-ζ₃ - 1'
>>> describe(rational_functions("q"))
'QQ(q)'
>>> parse_domain("QQ(zeta_4)") == cyclotomic(4)[0]
True
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

import sympy
from coherence.algebra.errors import InputError
from coherence.algebra.limits import MAX_PARAMETERS, MAX_ROOT_ORDER, read_integer
from sympy.polys.domains import QQ as _QQ
from sympy.polys.domains.domain import Domain

QQ: Domain = _QQ
"""The rational numbers (python-flint ``fmpq`` elements where flint is installed)."""

_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


@cache
def cyclotomic(n: int) -> tuple[Domain, Any]:
    """The field ℚ(ζₙ) with ζₙ = exp(2πi/n), and ζₙ as an element of it.

    For ``n`` ≤ 2 the field is ℚ itself (ζ₁ = 1, ζ₂ = −1).

    >>> K, z = cyclotomic(4)
    >>> z**2 == -K.one
    True
    >>> cyclotomic(2)[1] == -QQ.one
    True
    """
    if not isinstance(n, int) or n < 1:
        raise InputError("expected a positive integer order n for ℚ(ζₙ)", got=repr(n))
    if n == 1:
        return QQ, QQ.one
    if n == 2:
        return QQ, -QQ.one
    root = sympy.exp(2 * sympy.pi * sympy.I / n)
    field = QQ.algebraic_field(root)
    return field, field.from_sympy(root)


def cyclotomic_order(domain: Domain) -> int | None:
    """The n of a cyclotomic field built by :func:`cyclotomic`, else ``None``.

    >>> cyclotomic_order(cyclotomic(5)[0]), cyclotomic_order(cyclotomic(6)[0]), cyclotomic_order(QQ)
    (5, 6, None)
    """
    if not getattr(domain, "is_AlgebraicField", False):
        return None
    ext = domain.ext.as_expr() if hasattr(domain.ext, "as_expr") else domain.ext
    match = re.fullmatch(r"exp\((?:(\d+)\*)?I\*pi/(\d+)\)", str(ext))
    if match:  # ζ = exp(aπi/b); SymPy prints exp(2πi/6) as exp(I*pi/3)
        a, b = int(match.group(1) or 1), int(match.group(2))
        return 2 * b // math.gcd(a, 2 * b)
    if str(ext) == "I":
        return 4
    return None


@cache
def rational_functions(*names: str) -> Domain:
    """The field ℚ(names…) of rational functions in named parameters.

    >>> F = rational_functions("q")
    >>> q = F.from_sympy(sympy.Symbol("q"))
    >>> element_str(F, (q**2 - 1) / (q - 1))
    'q + 1'
    """
    if not names:
        return QQ
    for name in names:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name):
            raise InputError("expected a parameter name (letters, digits, _)", got=repr(name))
    return QQ.frac_field(*sympy.symbols(names))


def parameters(domain: Domain) -> tuple[str, ...]:
    """The parameter names of a rational-function domain (empty for ℚ, ℚ(ζₙ)).

    >>> parameters(rational_functions("q", "t"))
    ('q', 't')
    """
    if getattr(domain, "is_FractionField", False):
        return tuple(str(s) for s in domain.symbols)
    return ()


def describe(domain: Domain) -> str:
    """A short readable name: ``QQ``, ``QQ(ζ₅)``, ``QQ(q)``.

    >>> describe(QQ)
    'QQ'
    """
    n = cyclotomic_order(domain)
    if n is not None:
        return f"QQ(ζ{str(n).translate(_SUB)})"
    params = parameters(domain)
    if params:
        return f"QQ({', '.join(params)})"
    return str(domain)


def parse_domain(text: str) -> Domain:
    """Read a domain name from a file: ``QQ``, ``QQ(zeta_N)`` or ``QQ(q, t, …)``.

    >>> parse_domain("QQ")
    QQ
    >>> parse_domain("RR")
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: expected a field: QQ, QQ(zeta_N) or QQ(param, ...), got 'RR'
    """
    expected = "expected a field: QQ, QQ(zeta_N) or QQ(param, ...)"
    s = text.replace(" ", "")
    if len(s) > 200:
        raise InputError(expected, got=f"a name of {len(s)} characters")
    if s in ("QQ", "Q", "ℚ"):
        return QQ
    m = re.fullmatch(r"(?:QQ|Q|ℚ)\((?:zeta_?|ζ_?)(\d+)\)", s)
    if m:
        n = read_integer(m.group(1))
        if not 1 <= n <= MAX_ROOT_ORDER:
            raise InputError(f"expected QQ(zeta_N) with 1 ≤ N ≤ {MAX_ROOT_ORDER}", got=repr(text))
        return cyclotomic(n)[0]
    m = re.fullmatch(r"(?:QQ|Q|ℚ)\(([A-Za-z][A-Za-z0-9_]*(?:,[A-Za-z][A-Za-z0-9_]*)*)\)", s)
    if m:
        names = m.group(1).split(",")
        if any(name in ("zeta", "ζ") for name in names):  # QQ(zeta) is no parameter family
            raise InputError(expected, got=f"{text!r} (did you mean QQ(zeta_N), e.g. QQ(zeta_3)?)")
        if len(names) > MAX_PARAMETERS:
            raise InputError(f"expected at most {MAX_PARAMETERS} parameters",
                             got=str(len(names)))
        if len(set(names)) != len(names):
            raise InputError("expected distinct parameter names", got=repr(text))
        return rational_functions(*names)
    raise InputError(expected, got=repr(text))


def generator_name(domain: Domain) -> str | None:
    """How the generator of ``domain`` is written in files and output (``zeta``), if any.

    >>> generator_name(cyclotomic(3)[0]), generator_name(QQ)
    ('ζ₃', None)
    """
    n = cyclotomic_order(domain)
    return None if n is None else f"ζ{str(n).translate(_SUB)}"


def element_str(domain: Domain, x: Any) -> str:
    """Print a domain element for people (cyclotomic elements as polynomials in ζₙ).

    >>> element_str(QQ, QQ(-3, 2))
    '-3/2'
    """
    gen = generator_name(domain)
    if gen is None:
        return str(domain.to_sympy(x)) if domain is not QQ else str(x)
    coeffs = x.to_list()  # highest degree first
    deg = len(coeffs) - 1
    terms = []
    for i, c in enumerate(coeffs):
        if c == 0:
            continue
        k = deg - i
        mono = "" if k == 0 else gen if k == 1 else f"{gen}^{k}"
        if not mono:
            terms.append(str(c))
        elif c == 1:
            terms.append(mono)
        elif c == -1:
            terms.append("-" + mono)
        else:
            terms.append(f"{c}·{mono}")
    return join_terms(terms)


def join_terms(terms: list[str]) -> str:
    """Join signed terms into a sum: ``["2·x", "-y", "z"]`` → ``2·x - y + z`` (``0`` if none).

    >>> join_terms(["2·x", "-y", "z"]), join_terms([])
    ('2·x - y + z', '0')
    """
    if not terms:
        return "0"
    out = terms[0]
    for t in terms[1:]:
        out += f" - {t[1:]}" if t.startswith("-") else f" + {t}"
    return out


def is_atomic(domain: Domain, x: Any) -> bool:
    """Whether an element prints as one term (so ``c·v`` needs no parentheses).

    >>> is_atomic(QQ, QQ(2)), is_atomic(cyclotomic(3)[0], cyclotomic(3)[1] + 1)
    (True, False)
    """
    s = element_str(domain, x).lstrip("-")
    return not any(op in s for op in (" + ", " - "))
