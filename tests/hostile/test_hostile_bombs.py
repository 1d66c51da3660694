"""Issue 16 §2, §3, §8: the reader-level resource-bomb table.

Every bomb is refused by a reader limit (:mod:`coherence.algebra.limits`) before any big
arithmetic or allocation: it ends as a located ``error``, and the other claims of the
same file still get their verdicts. The table runs ``coherence check`` and ``coherence
axioms`` in child processes, so a bomb that slipped through would fail the test (a crash,
a hang caught by the generous child timeout) without taking pytest down.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from coherence.algebra.errors import InputError
from coherence.algebra.limits import MAX_DIGITS, MAX_FILE_BYTES
from coherence.algebra.structure_file import parse_structure
from hostile_helpers import C2, assert_located, cli, json_results, project

#: Structure-file bombs: name → the file's text.
STRUCTURES: dict[str, str] = {
    "pow3": C2.replace('"g*g" = "1"', '"g*g" = "3^99999999999*1"'),
    "pow2": C2.replace('"g*g" = "1"', '"g*g" = "2^99999999999*1"'),
    "pow2-medium": C2.replace('"g*g" = "1"', '"g*g" = "2^99999999*1"'),
    "pow-stacked": C2.replace('"g*g" = "1"', '"g*g" = "' + "2^10000*" * 500 + '1"'),
    "zeta3": 'field = "QQ(zeta_3)"\n' + C2.replace('"g*g" = "1"', '"g*g" = "zeta^9999999999*1"'),
    "zeta7": 'field = "QQ(zeta_7)"\n' + C2.replace('"g*g" = "1"', '"g*g" = "zeta^99999999*1"'),
    "zeta-order": 'field = "QQ(zeta_999999999)"\n' + C2,
    "many-params": 'field = "QQ(' + ",".join(f"q{i}" for i in range(200)) + ')"\n' + C2,
    "digits": C2.replace('"g*g" = "1"', '"g*g" = "' + "7" * 5000 + '*1"'),
    "counit-digits": C2.replace('"g" = "1"\n', '"g" = "' + "9" * 5000 + '"\n'),
    "dimension": 'basis = [' + ", ".join(f'"b{i}"' for i in range(10_000)) + ']\n'
                 '[coproduct]\n"b0" = "b0⊗b0"\n[counit]\n"b0" = "1"\n',
    "deep-toml": "basis = " + "[" * 5000 + "]" * 5000 + "\n",
    "deep-inline": "basis = [\"1\"]\nx = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n",
    "not-utf8": C2.replace('"g*g" = "1"', '"g*g" = "1"\n# \udcff'),
    "deep-parens": C2.replace('"g*g" = "1"', '"g*g" = "' + "(" * 600 + "1" + ")" * 600 + '*g"'),
    "long-value": C2.replace('"g*g" = "1"', '"g*g" = "' + "1 + " * 40_000 + '1"'),
}


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.toml"
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    return path


@pytest.mark.parametrize("name", sorted(STRUCTURES))
def test_the_structure_reader_refuses_the_bomb(tmp_path: Path, name: str) -> None:
    from coherence.algebra.files import decode

    path = _write(tmp_path, name, STRUCTURES[name])
    with pytest.raises(InputError) as info:
        parse_structure(decode(path.read_bytes(), str(path)), str(path))
    assert info.value.file == str(path) and info.value.line is not None, str(info.value)


def test_every_structure_bomb_is_a_located_error_and_the_other_claims_survive(
        tmp_path: Path) -> None:
    folder = project(tmp_path)
    parts = ['[[claim]]\nid = "before"\nthen = "1 + 1 == 2"\nexpect = "proved"\n']
    for name, text in sorted(STRUCTURES.items()):
        _write(folder, name, text)
        parts.append(f'[[claim]]\nid = "{name}"\ngiven = {{ H = "structure(\'{name}.toml\')" }}\n'
                     'then = "dim(H) == 2"\nexpect = "error"\n')
    parts.append('[[claim]]\nid = "after"\nthen = "2 * 3 == 6"\nexpect = "proved"\n')
    (folder / "bombs.claims.toml").write_text("\n".join(parts), encoding="utf-8")
    # A generous budget: each bomb is refused by a reader limit in milliseconds, but on a
    # loaded machine a 2 s budget could turn a slow refusal into `unknown`.
    proc = cli("check", "claims/bombs.claims.toml", "--format", "json", "--timeout", "30",
               cwd=tmp_path, timeout=900)
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-2000:])
    results = json_results(proc)
    assert results["before"]["verdict"] == results["after"]["verdict"] == "proved"
    for name in STRUCTURES:
        assert results[name]["verdict"] == "error", results[name]
        assert_located(results[name]["detail"], "claims/bombs.claims.toml")
        assert f"{name}.toml:" in results[name]["detail"], results[name]["detail"]


@pytest.mark.parametrize("name", ["pow3", "zeta3", "dimension", "deep-toml"])
def test_axioms_on_a_structure_bomb_is_one_located_line(tmp_path: Path, name: str) -> None:
    project(tmp_path)
    _write(tmp_path, name, STRUCTURES[name])
    proc = cli("axioms", f"{name}.toml", cwd=tmp_path, timeout=120)
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"coherence: {name}.toml:"), proc.stderr


#: Claim-file bombs that are one claim each: id → the claim's keys (TOML lines).
CLAIMS: dict[str, str] = {
    "tolerance": 'for_all = { x = "Real" }\nthen = "x == x"\ntolerance = "1e999999999"',
    "tolerance-float": 'then = "1 == 1"\ntolerance = 1e308',
    "pow-literal": 'then = "2 ** 99999999999 == 0"',
    "pow-bare": 'then = "2^99999999999 == 0"',
    "digits": f'then = "{"7" * 5000} == 0"',
    "decimal-exponent": 'then = "1e999999999 == 0"',
    "parens": f'then = "{"(" * 5000}1{")" * 5000} == 1"',
    "unary": f'then = "{"-" * 1900}1 == 1"',
    "long": f'then = "{"1 + " * 600}1 == 0"',
    "matrix-pow": 'then = "[[1, 1], [0, 1]] ** 99999999999 == [[1, 0], [0, 1]]"',
    "range": 'then = "sum(i for i in range(10 ** 12)) > 0"',
    "zeta-order": 'given = { H = "structure(\'group:C999999999999\')" }\nthen = "dim(H) == 1"',
    "word-domain": 'for_all = { w = "Word(\'abcdefghij\', 1000000)" }\nthen = "w == w"',
    "permutation-domain": 'for_all = { p = "Permutation(100000)" }\nthen = "p == p"',
    "matrix-domain": 'for_all = { A = "Matrix(10000, 10000)" }\nthen = "A == A"',
}


def test_every_claim_bomb_ends_as_an_error_and_the_others_survive(tmp_path: Path) -> None:
    folder = project(tmp_path)
    parts = ['[[claim]]\nid = "before"\nthen = "1 + 1 == 2"\nexpect = "proved"\n']
    for name, body in CLAIMS.items():
        parts.append(f'[[claim]]\nid = "{name}"\n{body}\n')
    parts.append('[[claim]]\nid = "after"\nthen = "2 * 3 == 6"\nexpect = "proved"\n')
    (folder / "c.claims.toml").write_text("\n".join(parts), encoding="utf-8")
    proc = cli("check", "claims/c.claims.toml", "--format", "json", "--timeout", "2",
               cwd=tmp_path, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    results = json_results(proc)
    assert results["before"]["verdict"] == results["after"]["verdict"] == "proved"
    for name in CLAIMS:
        r = results[name]
        allowed = ("error", "refuted", "unknown") + (("proved",) if name == "tolerance-float"
                                                     else ())
        assert r["verdict"] in allowed, r
        assert "please report" not in r["detail"] and "internal error" not in r["detail"], r
        if r["verdict"] == "error":
            assert_located(r["detail"], "claims/c.claims.toml")


def test_an_oversized_claim_file_is_refused_with_the_cap(tmp_path: Path) -> None:
    folder = project(tmp_path)
    path = folder / "big.claims.toml"
    with path.open("w", encoding="utf-8") as f:
        f.write('[[claim]]\nid = "a"\nthen = "1 == 1"\n')
        f.write("\n" * (50 * 1024 * 1024))
    proc = cli("check", "claims/big.claims.toml", cwd=tmp_path, timeout=120)
    assert proc.returncode == 2, proc
    assert str(MAX_FILE_BYTES) in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


def test_many_unknown_top_level_keys_are_read_in_linear_time(tmp_path: Path) -> None:
    """32 000 unknown keys used to take 121 s (the line finder rescanned the file per key);
    each is now an error verdict at its own line."""
    from coherence.checks.claims import read_claim_file

    path = tmp_path / "k.claims.toml"
    keys = "".join(f"k{i} = 1\n" for i in range(32_000))
    path.write_text(keys + '[[claim]]\nid = "a"\nthen = "1 == 1"\n', encoding="utf-8")
    cf = read_claim_file(path)
    assert len(cf.errors) == 32_000
    assert [v.location.line for v in cf.errors[:3]] == [1, 2, 3]
    assert cf.errors[-1].location.line == 32_000


def test_a_structure_digit_limit_below_pythons_own(tmp_path: Path) -> None:
    assert MAX_DIGITS < 4300
