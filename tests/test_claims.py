"""The claim model, the claim-file reader (positions, validation) and the vocabulary reference."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from coherence.algebra.errors import InputError
from coherence.checks import vocabulary
from coherence.checks.claims import (
    CLAIM_KEYS,
    Claim,
    Source,
    claim,
    read_claim_file,
    vocabulary_markdown,
)
from coherence.checks.verdict import Outcome

ROOT = Path(__file__).resolve().parents[1]

GOOD = '''# a comment
[source]
title = "A paper"
ref = "arXiv:0000.00000"

[[claim]]
id = "first"
where = "§1"
statement = "squares are non-negative"
for_all = { x = "Real" }
then = "x ** 2 >= 0"
expect = "proved"

[[claim]]
id = "second"
assuming = ["x > 0", "x < 1"]
for_all = { x = "Real" }
then = "x ** 2 < x"
'''


def write(tmp_path: Path, text: str, name: str = "a.claims.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_reads_claims_with_their_lines(tmp_path: Path) -> None:
    cf = read_claim_file(write(tmp_path, GOOD))
    assert cf.source == Source("A paper", "arXiv:0000.00000")
    assert [c.id for c in cf.claims] == ["first", "second"]
    first, second = cf.claims
    assert first.location.line == 6 and second.location.line == 14
    assert first.line_of("then") == 11 and first.line_of("expect") == 12
    assert first.for_all == (("x", "Real"),) and first.expect == "proved"
    assert second.assuming == ("x > 0", "x < 1") and second.expect is None
    assert first.key == "first" and not cf.errors


def test_each_bad_claim_is_an_error_verdict_and_the_others_survive(tmp_path: Path) -> None:
    text = GOOD + '''
[[claim]]
id = "typo-key"
then = "1 == 1"
asuming = "x > 0"

[[claim]]
id = "bad-expect"
then = "1 == 1"
expect = "prooved"

[[claim]]
then = "1 == 1"

[[claim]]
id = "first"
then = "2 == 2"

[[claim]]
id = "bad-for-all"
for_all = ["x"]
then = "x == x"
'''
    cf = read_claim_file(write(tmp_path, text))
    assert [c.id for c in cf.claims] == ["first", "second"]
    details = [v.detail for v in cf.errors]
    assert all(v.outcome is Outcome.ERROR for v in cf.errors)
    assert len(details) == 5
    path = str(tmp_path / "a.claims.toml")
    assert details[0] == (f"{path}:23: claim 'typo-key': asuming: expected a claim key ("
                          + ", ".join(CLAIM_KEYS) + "), got 'asuming' (did you mean 'assuming'?)")
    assert details[1].startswith(f"{path}:28: claim 'bad-expect': expect: expected expect")
    assert "(did you mean 'proved'?)" in details[1]
    assert details[2] == f"{path}:30: claim 'claim#5': id: expected a key 'id', got none"
    assert details[3].startswith(f"{path}:34: claim 'first': id: expected a unique id")
    assert details[4].startswith(f"{path}:39: claim 'bad-for-all': for_all: expected for_all")


@pytest.mark.parametrize(("text", "line", "expected"), [
    ('[[claim]]\nid = "a"\nthen = "x\n', 3, "expected valid TOML"),
    ('[[claim]]\nid = "a"\nid = "b"\n', 3, "expected valid TOML"),
    ('title = "no claims"\n', 1, "expected at least one [[claim]] table"),
    ('claim = "x"\n', 1, "expected claim to be an array of tables"),
])
def test_unreadable_files_raise_with_the_line(tmp_path: Path, text: str, line: int,
                                               expected: str) -> None:
    with pytest.raises(InputError) as info:
        read_claim_file(write(tmp_path, text))
    assert info.value.line == line
    assert expected in str(info.value)


def test_missing_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="expected a readable claim file"):
        read_claim_file(tmp_path / "nope.claims.toml")
    p = tmp_path / "b.claims.toml"
    p.write_bytes(b'[[claim]]\nid = "\xff"\n')
    with pytest.raises(InputError) as info:
        read_claim_file(p)
    assert info.value.line == 2


def test_source_and_top_level_mistakes_are_errors_not_crashes(tmp_path: Path) -> None:
    text = 'extra = 1\n[source]\ntitel = "x"\n\n[[claim]]\nid = "a"\nthen = "1 == 1"\n'
    cf = read_claim_file(write(tmp_path, text))
    assert [c.id for c in cf.claims] == ["a"]
    assert any("did you mean 'title'?" in v.detail for v in cf.errors)
    assert any("expected a top-level key source or claim" in v.detail for v in cf.errors)


def test_claim_in_python_matches_the_file_model() -> None:
    c = claim("c", then="x > 0", for_all={"x": "Real"}, assuming=["x > 1"], expect="holds",
              given={"k": "2"}, where="§2", statement="s", tolerance="1e-9")
    assert isinstance(c, Claim)
    assert (c.id, c.then, c.assuming, c.given, c.expect, c.tolerance) == (
        "c", "x > 0", ("x > 1",), (("k", "2"),), "holds", "1e-9")
    with pytest.raises(InputError, match="claim 'c': for_all: expected for_all names"):
        claim("c", then="1 == 1", for_all={"not an identifier": "Real"})
    with pytest.raises(InputError, match="expected given names distinct from for_all"):
        claim("c", then="1 == 1", for_all={"x": "Real"}, given={"x": "1"})
    with pytest.raises(InputError, match="expected a non-empty then"):
        claim("c", then="  ")


def test_claims_are_frozen_and_hashable() -> None:
    c = claim("c", then="1 == 1")
    with pytest.raises(AttributeError):
        c.id = "d"  # type: ignore[misc]
    assert hash(c) == hash(claim("c", then="1 == 1"))


def test_every_registered_name_is_documented() -> None:
    doc = (ROOT / "docs" / "claims.md").read_text(encoding="utf-8")
    missing = [e.name for e in vocabulary.entries() if f"`{e.name}`" not in doc]
    assert not missing, (
        f"registered but missing from docs/claims.md: {missing}; regenerate the Vocabulary "
        "section with coherence.checks.claims.vocabulary_markdown()")


def test_vocabulary_section_is_exactly_the_generated_one() -> None:
    """The tables cannot drift from the registry: signatures and meanings included."""
    from coherence.checks.claims import vocabulary_markdown

    doc = (ROOT / "docs" / "claims.md").read_text(encoding="utf-8")
    section = doc[doc.index("### core"):doc.index("<!-- vocabulary:end -->")]
    assert section.strip() == vocabulary_markdown().strip(), (
        "docs/claims.md's Vocabulary section differs from the registry; regenerate it with "
        "coherence.checks.claims.vocabulary_markdown()")


def test_every_claim_key_and_domain_is_documented() -> None:
    doc = (ROOT / "docs" / "claims.md").read_text(encoding="utf-8")
    for key in CLAIM_KEYS:
        assert f"`{key}`" in doc
    for domain in ("Real", "Rational", "Integer", "Integer(lo, hi)", "Real(lo, hi)", "Vector(n)",
                   "Matrix(n, m)", "Matrix(n, m, Integer)", "SymmetricMatrix(n)", "Element(H)"):
        assert f"`{domain}`" in doc


def test_generated_tables_list_every_area() -> None:
    text = vocabulary_markdown()
    areas = {e.area for e in vocabulary.entries()}
    heads = set(re.findall(r"^### (\w+)", text, flags=re.M))
    assert areas == heads
    assert "| `det` | function | `det(A)` |" in text


def test_example_files_read_cleanly() -> None:
    for name in ("nemecek-linear-algebra", "hopf-facts"):
        cf = read_claim_file(ROOT / "docs" / "examples" / f"{name}.claims.toml")
        assert not cf.errors
        assert cf.source.ref == "arXiv:2302.01834"
        assert all(c.expect and c.where and c.statement for c in cf.claims)
