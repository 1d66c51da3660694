"""Fuzzing the readers: random TOML and random expressions never produce a traceback.

Whatever the text, the reader either returns claims (and error verdicts with a
location) or raises InputError naming the file; the expression reader raises only
InputError; evaluating what it accepts raises only InputError / Undefined / Undecidable;
decide() always returns a verdict.
"""

from __future__ import annotations

import tempfile
from fractions import Fraction
from pathlib import Path

from coherence.algebra.errors import InputError
from coherence.checks.claims import read_claim_file
from coherence.checks.decide import decide
from coherence.checks.evaluate import Env, Matrix, Undecidable, Undefined, evaluate
from coherence.checks.expr import parse, parse_sympy
from coherence.checks.verdict import Outcome, Verdict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

TOKENS = ["x", "y", "A", "det", "exp", "S", "sum", "all", "range", "for", "i", "in", "if",
          "else", "not", "and", "or", "lambda", "__import__", "T", ".", ",", "(", ")", "[",
          "]", "+", "-", "*", "/", "**", "@", "==", "<", ">=", "0", "1", "2.5", "'s'", ":",
          "=", "softmax", "eigenvalues", "inverse", "implies", "max", "relu", "{", "}", "%"]

expressions = st.one_of(
    st.lists(st.sampled_from(TOKENS), min_size=1, max_size=12).map(" ".join),
    st.lists(st.sampled_from(TOKENS), min_size=1, max_size=12).map("".join),
    st.text(max_size=40),
)

LINES = ["[[claim]]", "[source]", 'id = "a"', 'id = "b"', 'id = 3', 'then = "x > 0"',
         'then = "x ** 2 >= 0"', 'then = "det(A) == 0"', 'for_all = { x = "Real" }',
         'for_all = { A = "Matrix(2, 2)" }', 'for_all = { x = "Rea" }', 'expect = "proved"',
         'expect = "nope"', 'assuming = ["x > 1"]', 'assuming = 5', 'given = { k = "2" }',
         'title = "t"', "garbage", '"unterminated', "x = [1, 2", "", "# comment",
         'then = """multi\nline"""', 'given = { H = "structure(\'sweedler\')" }']

tomls = st.one_of(
    st.lists(st.sampled_from(LINES), max_size=14).map("\n".join),
    st.text(max_size=120),
)

FUZZ = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(expressions)
def test_expression_reader_raises_only_input_errors(text: str) -> None:
    try:
        tree = parse(text, bound=["x", "y", "A"])
    except InputError as err:
        assert err.context is None or err.context.startswith("column ")
        return
    env = Env({"x": Fraction(1, 2), "y": Fraction(-2), "A": Matrix.of([[1, 2], [3, 4]])})
    try:
        evaluate(tree, env)
    except (InputError, Undefined, Undecidable):
        pass


@FUZZ
@given(expressions)
def test_formula_reader_raises_only_input_errors(text: str) -> None:
    try:
        parse_sympy(text, ["x", "y"])
    except InputError:
        pass


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(tomls)
def test_claim_files_never_crash(text: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "f.claims.toml"
        path.write_text(text, encoding="utf-8")
        try:
            cf = read_claim_file(path)
        except InputError as err:
            assert err.file == str(path)
            return
        for v in cf.errors:
            assert v.outcome is Outcome.ERROR and v.location is not None
            assert v.detail.startswith(str(path))
        for c in cf.claims:
            assert c.location.file == str(path) and c.location.line is not None
            v = decide(c, timeout=0.3)
            assert isinstance(v, Verdict)
            if v.outcome is Outcome.ERROR:
                assert v.location is not None and v.location.line is not None
                assert v.detail.startswith(f"{path}:")


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(expressions)
def test_random_then_is_a_verdict_with_a_location(text: str) -> None:
    from coherence.checks.claims import claim

    c = claim("fuzz", for_all={"x": "Real"}, then=text) if text.strip() else None
    if c is None:
        return
    v = decide(c, timeout=0.3)
    assert isinstance(v, Verdict)
    if v.outcome is Outcome.ERROR:
        assert v.detail.startswith("<python>: claim 'fuzz': ")
