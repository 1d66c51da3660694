"""The one set of input limits: every reader of numbers, exponents, sizes and files uses these.

A claim file or a structure file may come from an untrusted pull request. Whatever
reads a number from it — the claim-expression reader, the structure-file reader, the
``tolerance`` key, a field name such as ``QQ(zeta_N)`` — checks it here *before* doing
any big arithmetic, so that ``3^99999999999`` is a located error in microseconds
rather than a GMP abort, and ``1e999999999`` is an error rather than a 15-minute hang.

- :data:`MAX_EXPONENT`: an integer exponent anywhere (``x**k``, ``zeta^k``, ``S**k``);
  :data:`MAX_FORMULA_EXPONENT` in symbolic formulas (``formula_net``, learners);
- :data:`MAX_POWER_BITS`: an exact power of a rational in a claim, in bits;
  :data:`MAX_COEFFICIENT_BITS`: a coefficient of a structure file, in bits;
- :data:`MAX_DIGITS`: the digits of one number literal (below Python's 4 300);
- :data:`MAX_DIMENSION`: the dimension declared by a structure file;
- :data:`MAX_ROOT_ORDER`: the N of ``QQ(zeta_N)``; :data:`MAX_PARAMETERS`: of ``QQ(q, …)``;
- :data:`MAX_FILE_BYTES`: a claim file or a structure file;
- :data:`MAX_EXPRESSION`: one expression; :data:`MAX_VALUE`: one structure-file value,
  :data:`MAX_NESTING`: its parentheses;
- :data:`MAX_TIMEOUT`: the time budget per claim (``--timeout``).

Each ``check_*`` function raises :class:`~coherence.algebra.errors.InputError` that
states the limit; callers add the file, line and column.

>>> check_exponent(12)
12
>>> check_exponent(99999999999)
Traceback (most recent call last):
...
coherence.algebra.errors.InputError: expected an exponent of at most 10000, got 99999999999
>>> read_decimal("2.5e-3")
Fraction(1, 400)
>>> read_decimal("1e999999999")
Traceback (most recent call last):
...
coherence.algebra.errors.InputError: expected a number of at most 4000 digits, got '1e999999999'
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from coherence.algebra.errors import InputError

__all__ = [
    "MAX_EXPONENT", "MAX_FORMULA_EXPONENT", "MAX_POWER_BITS", "MAX_COEFFICIENT_BITS",
    "MAX_DIGITS", "MAX_DIMENSION", "MAX_ROOT_ORDER",
    "MAX_PARAMETERS", "MAX_FILE_BYTES", "MAX_EXPRESSION", "MAX_VALUE", "MAX_NESTING",
    "MAX_TIMEOUT",
    "check_exponent", "check_power", "check_digits", "check_dimension", "read_decimal",
    "read_integer", "int_text",
]

#: Largest integer exponent, in absolute value, of any power written in an input file.
MAX_EXPONENT = 10_000
#: Largest integer exponent in a symbolic formula (SymPy expands these).
MAX_FORMULA_EXPONENT = 1_000
#: Largest exact power of a rational, in bits of numerator plus denominator.
MAX_POWER_BITS = 4_000_000
#: Largest coefficient of a structure file, in bits (it is multiplied in every axiom check).
MAX_COEFFICIENT_BITS = 65_536
#: Most digits of one number literal (Python refuses to convert more than 4 300).
MAX_DIGITS = 4_000
#: Largest dimension of a structure read from a file.
MAX_DIMENSION = 1_000
#: Largest N in ``QQ(zeta_N)`` (building the field of a prime N near 250 takes ~3 s).
MAX_ROOT_ORDER = 256
#: Most parameters of ``QQ(q, t, …)``.
MAX_PARAMETERS = 16
#: Largest claim file or structure file, in bytes.
MAX_FILE_BYTES = 4 * 1024 * 1024
#: Longest expression, in characters.
MAX_EXPRESSION = 2_000
#: Deepest nesting of parentheses in a structure-file value.
MAX_NESTING = 100
#: Longest value of a structure file (a linear combination), in characters.
MAX_VALUE = 100_000
#: Largest time budget per claim, in seconds (a day; ``nan`` and ``inf`` are refused).
MAX_TIMEOUT = 86_400.0

_DECIMAL = re.compile(r"([+-]?)(\d[\d_]*)?(?:\.(\d[\d_]*)?)?(?:[eE]([+-]?\d[\d_]*))?")


def check_exponent(k: int) -> int:
    """``k`` when ``|k| <=`` :data:`MAX_EXPONENT`; else an :class:`InputError`.

    >>> check_exponent(-3)
    -3
    """
    if abs(k) > MAX_EXPONENT:
        raise InputError(f"expected an exponent of at most {MAX_EXPONENT}", got=_short_int(k))
    return k


def check_power(base: Any, k: int, limit: int | None = None) -> None:
    """Refuse ``base ** k`` when the exact result would exceed :data:`MAX_POWER_BITS`.

    ``base`` is any exact rational with ``numerator`` and ``denominator`` (a
    :class:`~fractions.Fraction`, a python-flint ``fmpq``, …); ``k = 1`` bounds a value.

    >>> check_power(Fraction(3), 10)
    >>> check_power(Fraction(2**1000), 10_000)
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: expected a number of at most 4000000 bits,
    got about 10020000 bits
    """
    check_exponent(k)
    limit = MAX_POWER_BITS if limit is None else limit
    bits = base.numerator.bit_length() + base.denominator.bit_length()
    if bits * abs(k) > limit:
        raise InputError(f"expected a number of at most {limit} bits",
                         got=f"about {bits * abs(k)} bits")


def check_digits(text: str) -> str:
    """``text`` (a run of digits) when it has at most :data:`MAX_DIGITS` digits.

    >>> check_digits("123")
    '123'
    """
    if sum(ch.isdigit() for ch in text) > MAX_DIGITS:
        raise InputError(f"expected a number of at most {MAX_DIGITS} digits",
                         got=f"a number of {len(text)} characters")
    return text


def check_dimension(n: int, what: str = "a structure") -> int:
    """``n`` when it is at most :data:`MAX_DIMENSION`.

    >>> check_dimension(4)
    4
    """
    if n > MAX_DIMENSION:
        raise InputError(f"expected {what} of dimension at most {MAX_DIMENSION}", got=str(n))
    return n


def read_integer(text: str) -> int:
    """A decimal integer literal, its digits bounded first.

    >>> read_integer("42")
    42
    >>> read_integer("4" * 5000)
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: expected a number of at most 4000 digits,
    got a number of 5000 characters
    """
    check_digits(text)
    try:
        return int(text.replace("_", ""))
    except ValueError:
        raise InputError("expected an integer", got=repr(text[:40])) from None


def read_decimal(text: str) -> Fraction:
    """An exact rational from a decimal literal (``0.1``, ``1e-9``, ``-2.5E3``, ``7``).

    The value's size is bounded before it is built: the digits plus the size of the
    decimal exponent must stay within :data:`MAX_DIGITS`, so ``1e999999999`` is refused
    at once instead of building a billion-digit integer.

    >>> read_decimal("-0.125"), read_decimal("1E3")
    (Fraction(-1, 8), Fraction(1000, 1))
    >>> read_decimal("1/2")
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: expected a decimal number such as "1e-9", got '1/2'
    """
    s = text.strip()
    m = _DECIMAL.fullmatch(s) if len(s) <= 2 * MAX_DIGITS else None
    if m is None or not (m.group(2) or m.group(3)):
        if len(s) > 2 * MAX_DIGITS:
            raise InputError(f"expected a number of at most {MAX_DIGITS} digits",
                             got=f"a number of {len(s)} characters")
        raise InputError('expected a decimal number such as "1e-9"', got=repr(s[:40]))
    sign, whole, frac, exp = m.groups()
    digits = (whole or "").replace("_", "") + (frac or "").replace("_", "")
    exp_text = (exp or "0").replace("_", "")
    if len(digits) > MAX_DIGITS or len(exp_text.lstrip("+-")) > 6:
        raise InputError(f"expected a number of at most {MAX_DIGITS} digits", got=repr(s[:40]))
    e = int(exp_text) - len((frac or "").replace("_", ""))
    if abs(e) > MAX_DIGITS:
        raise InputError(f"expected a number of at most {MAX_DIGITS} digits", got=repr(s[:40]))
    value = Fraction(int(digits)) * (Fraction(10) ** e)
    return -value if sign == "-" else value


def _short_int(k: int) -> str:
    """``k`` as text, or its size when printing it would be too long."""
    if k.bit_length() > 3 * MAX_DIGITS:
        return f"an integer of about {int(k.bit_length() * 0.30103)} digits"
    return str(k)


def int_text(n: int) -> str:
    """``n`` in decimal, or — past :data:`MAX_DIGITS` digits, which Python refuses to
    convert — its sign, size and last digits (the value itself stays exact).

    >>> int_text(-42)
    '-42'
    >>> int_text(3 ** 10000)
    '(an integer of 4772 digits, …6552200001)'
    """
    if n.bit_length() <= 3.3 * MAX_DIGITS:
        return str(n)
    digits = int(abs(n).bit_length() * 0.30102999566398) + 1
    if abs(n) < 10 ** (digits - 1):
        digits -= 1
    sign = "-" if n < 0 else ""
    return f"({sign}an integer of {digits} digits, …{abs(n) % 10**10:010d})"
