"""Structure files: read as data, every mistake located at file:line with what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest
from coherence.algebra import catalogue
from coherence.algebra.domains import rational_functions
from coherence.algebra.errors import InputError
from coherence.algebra.structure_file import parse_combination, parse_structure, read_structure
from coherence.checks.laws import check_laws

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "structures" / "sweedler.toml"

SWEEDLER = EXAMPLE.read_text(encoding="utf-8")


def test_bundled_sweedler_file_is_the_catalogue_sweedler() -> None:
    H, K = read_structure(EXAMPLE), catalogue.get("sweedler")
    assert H.basis == K.basis
    assert (H.m, H.u, H.delta, H.eps, H.antipode) == (K.m, K.u, K.delta, K.eps, K.antipode)


def test_a_wrong_entry_is_refuted_on_its_law() -> None:
    text = SWEEDLER.replace('"gx" = "x"\n', '"gx" = "-x"\n')  # the antipode of gx
    verdicts = {v.id: v for v in check_laws(parse_structure(text, "h.toml"), facts=False)}
    assert verdicts["antipode-left"].outcome.value == "refuted"
    assert verdicts["antipode-left"].witness == (("v", "gx"),)


def _error(text: str) -> InputError:
    with pytest.raises(InputError) as info:
        parse_structure(text, "h.toml")
    return info.value


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize("old,new,expected", [
    ('"x" = "x⊗1 + g⊗x"', '"x" = "x⊗1 + g⊗z"', "expected a basis name after ⊗"),
    ('"g*x" = "gx"', '"g*x" = "gx + "', "expected a term after '+'"),
    ('"g*x" = "gx"', '"g*q" = "gx"', "expected a product key 'a*b'"),
    ('"x" = "0"', '"x" = "x"', "expected a scalar"),
    ('"x" = "x⊗1 + g⊗x"', '"x" = "x + g"', "expected 2 tensor factors"),
    ('"g*x" = "gx"', '"g*x" = "2 gx gx"', "expected one basis element per term"),
    ('"g*x" = "gx"', '"g*x" = "__import__(os)"', "expected a number, a parameter or a basis name"),
])
def test_errors_are_located(old: str, new: str, expected: str) -> None:
    text = SWEEDLER.replace(old, new, 1)
    assert text != SWEEDLER
    err = _error(text)
    assert expected in str(err)
    assert err.file == "h.toml" and err.line == _line(text, new)


def test_missing_and_misspelled_entries() -> None:
    err = _error(SWEEDLER.replace('"gx" = "0"\n', "", 1))
    assert "expected [counit] to give every basis element" in str(err) and "gx" in str(err)
    err = _error(SWEEDLER.replace("[antipode]", "[antipod]"))
    assert "did you mean 'antipode'" in str(err)
    err = _error(SWEEDLER.replace('field = "QQ"', 'field = "RR"'))
    assert "expected a field" in str(err)
    err = _error("basis = [\n")
    assert "expected valid TOML" in str(err) and err.line is not None


def test_parameters_and_cyclotomic_coefficients() -> None:
    F = rational_functions("q")
    got = parse_combination("q^2*x - (q + 1)/2*g", ("1", "g", "x"), F)
    assert {k: F.to_sympy(v) for k, v in got.items()}[2].as_expr().__str__() == "q**2"
    text = SWEEDLER.replace('field = "QQ"', 'field = "QQ(zeta_4)"').replace(
        '"x*g" = "-gx"', '"x*g" = "zeta^2*gx"')
    H = parse_structure(text, "h.toml")
    assert all(v.outcome.value == "proved" for v in check_laws(H, facts=False))


def test_basis_names_with_brackets_are_backquoted() -> None:
    got = parse_combination("`(12)` - 2*`(123)`", ("1", "(12)", "(123)"), rational_functions())
    assert set(got) == {1, 2}


@pytest.mark.parametrize("text,basis,expected", [
    ("2/3*x", ("1", "g", "x"), {2: "2/3"}),
    ("-1/2*g", ("1", "g", "x"), {1: "-1/2"}),
    ("0.1*x", ("1", "g", "x"), {2: "1/10"}),
    ("x*2/3", ("1", "g", "x"), {2: "2/3"}),
    ("-1", ("1", "g", "x"), {0: "-1"}),
    ("2*1", ("1", "g", "x"), {0: "2"}),
    ("2", ("0", "1", "2"), {2: "1"}),          # a basis element named by a number
    ("3*2", ("0", "1", "2"), {2: "3"}),
])
def test_coefficients_parse_to_their_exact_values(text: str, basis: tuple[str, ...],
                                                  expected: dict[int, str]) -> None:
    from fractions import Fraction

    from coherence.algebra.domains import QQ
    got = parse_combination(text, basis, QQ)
    assert {k: Fraction(str(v)) for k, v in got.items()} == {
        k: Fraction(v) for k, v in expected.items()}


@pytest.mark.parametrize("old,new,expected", [
    # '2*-3' was read as 2 + (-3) = -1: a dangling operator silently split the term
    ('"x" = "0"', '"x" = "2*-3"', "expected a factor after '*'"),
    ('"x" = "0"', '"x" = "2*"', "expected a factor after '*'"),
    ('"x" = "0"', '"x" = "2/"', "expected a factor after '/'"),
    ('"g*x" = "gx"', '"g*x" = "gx*"', "expected a factor after '*'"),
    # a division by zero was a bare ZeroDivisionError, not a located input error
    ('"x" = "0"', '"x" = "3/0"', "expected a nonzero divisor"),
    ('"x" = "0"', '"x" = "1/(1-1)"', "expected a nonzero divisor"),
])
def test_malformed_coefficients_are_located_errors(old: str, new: str, expected: str) -> None:
    text = SWEEDLER.replace(old, new, 1)
    assert text != SWEEDLER
    err = _error(text)
    assert expected in str(err)
    assert err.line == _line(text, new)


@pytest.mark.parametrize("text", ["1/2", "4/2"])
def test_dividing_by_a_basis_element_named_by_a_number_is_an_error(text: str) -> None:
    # With basis 0, 1, 2, '1/2' was read as (1/2)/2 · e₂ = 1/4·e₂ and '4/2' as 1·e₂.
    from coherence.algebra.domains import QQ
    with pytest.raises(InputError):
        parse_combination(text, ("0", "1", "2"), QQ)


def test_a_product_given_twice_is_an_error_not_the_last_one_silently() -> None:
    # "g*x" and "g · x" are different TOML keys but the same product: the later one won.
    text = SWEEDLER.replace('"g*x" = "gx"\n', '"g*x" = "gx"\n"g · x" = "-gx"\n', 1)
    assert text != SWEEDLER
    err = _error(text)
    assert "given once" in str(err) and err.line == _line(text, '"g · x"')


@pytest.mark.parametrize("text", ["2 3*x", "1/2 3*x", "(1+1) 2 3*x"])
def test_two_numbers_side_by_side_are_an_error_not_a_product(text: str) -> None:
    # "2 3*x" was read as 6·x; it is far more likely a typo (23, 2/3) than a product.
    from coherence.algebra.domains import QQ
    with pytest.raises(InputError, match="expected \\* or / between two numbers"):
        parse_combination(text, ("1", "g", "x"), QQ)


def test_parenthesised_factors_side_by_side_multiply() -> None:
    F = rational_functions("q")
    got = parse_combination("(q+1)(q-1)*x - 2 (3)*g", ("1", "g", "x"), F)
    assert str(F.to_sympy(got[2])) == "q**2 - 1" and F.to_sympy(got[1]) == -6
