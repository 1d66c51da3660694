"""Issue 16 §6 and §7: every traceback and internal error is one located line, at the
right place.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from coherence.algebra.errors import InputError
from coherence.algebra.structure_file import parse_structure
from coherence.checks.claims import read_claim_file
from hostile_helpers import C2, assert_located, by_id, claims, cli, project

SWEEDLER = 'given = { H = "structure(\'sweedler\')" }'


def _one(tmp_path: Path, body: str) -> str:
    """Decide one claim after a good one; return its error detail (the good one proved)."""
    text = ('[[claim]]\nid = "ok"\nthen = "1 + 1 == 2"\n\n'
            f'[[claim]]\nid = "c"\n{body}\n')
    v = by_id(claims(tmp_path, text))
    assert v["ok"].outcome.value == "proved"
    assert v["c"].outcome.value == "error", v["c"]
    assert_located(v["c"].detail, str(tmp_path / "claims" / "t.claims.toml"))
    return v["c"].detail


# -- §6 internal errors ------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["is_equivalent", "dot", "shuffle", "concat", "at"])
def test_a_bare_name_needing_two_arguments_is_a_located_error(tmp_path: Path, name: str) -> None:
    detail = _one(tmp_path, f'{SWEEDLER}\nthen = "{name} == 1"')
    assert "with its arguments" in detail and repr(name) in detail


def test_word_times_element_is_a_located_error(tmp_path: Path) -> None:
    detail = _one(tmp_path, 'for_all = { w = "Word(\'ab\', 2)", v = "Element(\'sweedler\')" }\n'
                            'then = "w * v == v"')
    assert "expected operands that fit *" in detail


def test_network_times_element_is_a_located_error(tmp_path: Path) -> None:
    detail = _one(tmp_path, 'given = { N = "formula_net([\'x\'], [\'x\'])" }\n'
                            'for_all = { v = "Element(\'sweedler\')" }\nthen = "N * v == v"')
    assert "expected operands that fit *" in detail


def test_formula_net_with_a_repeated_input_is_an_error(tmp_path: Path) -> None:
    detail = _one(tmp_path, 'then = "formula_net([\'x\'], [\'x\', \'x\']) == '
                            'formula_net([\'x\'], [\'x\', \'x\'])"')
    assert "distinct input names" in detail


def test_a_value_past_pythons_digit_limit_is_refuted_readably(tmp_path: Path) -> None:
    v = by_id(claims(tmp_path, '[[claim]]\nid = "big"\nthen = "3**10000 == 0"\n'))["big"]
    assert v.outcome.value == "refuted", v
    assert "4772 digits" in (v.lhs or ""), v.lhs


@pytest.mark.parametrize("value", ["nan", "inf", "1e12", "-1", "0"])
def test_an_unusable_timeout_is_one_line(tmp_path: Path, value: str) -> None:
    project(tmp_path)
    (tmp_path / "claims" / "a.claims.toml").write_text('[[claim]]\nid = "a"\nthen = "1 == 1"\n')
    proc = cli("check", "claims/a.claims.toml", "--timeout", value, cwd=tmp_path)
    assert proc.returncode == 2, proc
    assert proc.stderr.startswith("coherence: expected 0 < --timeout"), proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_a_deeply_nested_claim_file_is_one_located_error(tmp_path: Path) -> None:
    path = tmp_path / "d.claims.toml"
    path.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_claim_file(path)
    assert info.value.file == str(path) and info.value.line == 1


def test_a_non_utf8_claim_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "u.claims.toml"
    path.write_bytes(b'[[claim]]\nid = "a"\nthen = "1 == 1"\n# \xff\n')
    with pytest.raises(InputError) as info:
        read_claim_file(path)
    assert (info.value.file, info.value.line) == (str(path), 4)


@pytest.mark.parametrize("then", ["(" * 5000 + "1" + ")" * 5000, "-" * 1990 + "1",
                                  "not " * 490 + "True", "[" * 600 + "]" * 600])
def test_deep_nesting_in_an_expression_is_a_located_error(tmp_path: Path, then: str) -> None:
    v = by_id(claims(tmp_path, f'[[claim]]\nid = "c"\nthen = "{then} == 1"\n'))["c"]
    assert v.outcome.value in ("error", "refuted", "proved"), v
    assert "please report" not in v.detail


# -- §7 locations ------------------------------------------------------------------------------
LOCATIONS = {
    # ''' inside an ordinary string opened a multi-line string in the line finder
    "triple quotes in a string": (
        '[[claim]]\nid = "a"\nstatement = "it\'\'\'s odd"\nthen = "1 == 1"\n\n'
        '[[claim]]\nid = "b"\nthen = "1 == 1"\nexpekt = "proved"\n\n'
        '[[claim]]\nid = "c"\nthen = "1 == 1"\n', [1, 11], [9]),
    "a header inside a multi-line string": (
        '[[claim]]\nid = "a"\nstatement = """\n[[claim]]\nid = x\n"""\nthen = "1 == 1"\n\n'
        '[[claim]]\nid = "b"\nthen = "1 == 1"\n', [1, 9], []),
    "an inline array of claims": (
        'claim = [\n  { id = "a", then = "1 == 1" },\n  { id = "b", then = "x >" },\n'
        '  { id = "c", then = "2 == 2", nope = 1 },\n]\n', [2, 3], [4]),
    # TOML counts lines at \\n only; str.splitlines also splits at U+2028, U+0085, …
    "line separators inside strings": (
        '[[claim]]\nid = "a"\nstatement = "one\u2028two\x85three\u2029"\nthen = "1 == 1"\n'
        '# \u2028\n\n[[claim]]\nid = "b"\nthen = "1 == 1"\nexpekt = 1\n', [1], [10]),
}


@pytest.mark.parametrize("case", sorted(LOCATIONS))
def test_claims_and_errors_keep_their_lines(tmp_path: Path, case: str) -> None:
    text, claim_lines, error_lines = LOCATIONS[case]
    path = tmp_path / "l.claims.toml"
    path.write_text(text, encoding="utf-8")
    cf = read_claim_file(path)
    assert [c.location.line for c in cf.claims] == claim_lines
    assert [v.location.line for v in cf.errors] == error_lines, [v.detail for v in cf.errors]


def test_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "b.claims.toml"
    path.write_bytes(b'\xef\xbb\xbf[[claim]]\nid = "a"\nthen = "1 == 1"\n')
    assert [c.id for c in read_claim_file(path).claims] == ["a"]
    assert parse_structure("\ufeff" + C2, "h.toml").dim == 2


def test_a_bom_structure_file_is_read_through_a_claim(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (folder / "c2.toml").write_bytes(b"\xef\xbb\xbf" + C2.encode("utf-8"))
    v = by_id(claims(tmp_path, '[[claim]]\nid = "s"\ngiven = { H = "structure(\'c2.toml\')" }\n'
                               'then = "dim(H) == 2"\n'))["s"]
    assert v.outcome.value == "proved", v


def test_a_trailing_operator_is_reported_at_its_column(tmp_path: Path) -> None:
    detail = _one(tmp_path, 'for_all = { x = "Real" }\nthen = "x + 1 +"')
    assert "column 7" in detail, detail


@pytest.mark.parametrize("field,line", [("QQ(zeta)", 1), ("RR", 1), ("QQ(zeta_0)", 1)])
def test_an_invalid_field_has_file_and_line(field: str, line: int) -> None:
    with pytest.raises(InputError) as info:
        parse_structure(f'field = "{field}"\n' + C2, "h.toml")
    assert (info.value.file, info.value.line) == ("h.toml", line), str(info.value)


def test_qq_zeta_suggests_qq_zeta_n() -> None:
    with pytest.raises(InputError, match=r"did you mean QQ\(zeta_N\)"):
        parse_structure('field = "QQ(zeta)"\n' + C2, "h.toml")


@pytest.mark.parametrize("extra,line", [("[extra]\nk = 1\n", 11), ('"odd key" = 1\n', 1),
                                        ("a.b = 1\n", 1), ("'lit' = 2\n", 1)])
def test_an_unknown_structure_key_has_a_line(extra: str, line: int) -> None:
    text = C2 + extra if extra.startswith("[") else extra + C2
    with pytest.raises(InputError, match="expected a structure key") as info:
        parse_structure(text, "h.toml")
    assert info.value.line == line, str(info.value)


# -- pytest plugin -----------------------------------------------------------------------------
pytest_plugins = ["pytester"]


def test_one_unreadable_claim_file_does_not_stop_the_others(pytester: pytest.Pytester) -> None:
    pytester.makefile(".claims.toml", good='[[claim]]\nid = "g"\nthen = "1 + 1 == 2"\n'
                                           'expect = "proved"\n')
    pytester.makefile(".claims.toml", bad='[[claim]]\nid = "b"\nthen = "1 == 1"\n[oops\n')
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*bad.claims.toml:4: expected valid TOML*"])
    assert "Interrupted" not in result.stdout.str()


@pytest.mark.parametrize("text,line", [
    (C2.replace("[product]", "[produc0.t]"), 3),       # found by bench_fuzz, case 37953
    (C2.replace('unit = "1"', 'unit.5 = "1"'), 2),     # case 41319
    (C2.replace("[coproduct]", '["coproduc0"]'), 5),
])
def test_dotted_and_quoted_structure_keys_have_a_line(text: str, line: int) -> None:
    with pytest.raises(InputError) as info:
        parse_structure(text, "h.toml")
    assert info.value.line == line, str(info.value)


def test_an_expect_that_is_a_table_is_a_located_error(tmp_path: Path) -> None:
    """found by bench_fuzz, case 38632: `expect` as a table raised TypeError (unhashable)"""
    path = tmp_path / "e.claims.toml"
    path.write_text('[[claim]]\nid = "a"\nthen = "1 == 1"\n[claim.expect]\nx = 1\n')
    cf = read_claim_file(path)
    assert cf.errors[0].outcome.value == "error" and cf.errors[0].location.line is not None
