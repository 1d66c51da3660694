"""Issue 16 §8: grammar- and mutation-based fuzzing of claim files and structure files.

A fixed-seed Hypothesis run (``derandomize=True``) of 2 400 cases (1 000 + 100 + 300 + 1 000): claim files from the
grammar and mutated from docs/examples, expressions from ``hypothesmith`` (Python-like
text from Python's own grammar), structure files from the grammar and mutated. Each case
must end as values or located errors: no traceback, no internal error, no error without
file:line. The ≥ 100 000-case run, in child processes that also count crashes, hangs,
wall time and memory, is tests/benchmarks/bench_fuzz.py.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import hypothesmith
from fuzz_cases import check_claim_text, check_structure_text, claim_case, claim_file, structure_case
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FIXED = dict(derandomize=True, deadline=None, database=None,
             suppress_health_check=list(HealthCheck))

seeds = st.integers(min_value=0, max_value=2**32 - 1)
python_expressions = hypothesmith.from_grammar(start="eval_input").map(str.strip)


def _folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="coherence-fuzz-"))


@settings(max_examples=1000, **FIXED)
@given(seed=seeds)
def test_claim_files_from_the_grammar_and_mutations(seed: int) -> None:
    assert check_claim_text(claim_case(random.Random(seed)), _folder()) == []


@settings(max_examples=100, **FIXED)  # hypothesmith is slow to generate: ~0.1 s a case
@given(seed=seeds, expr=python_expressions)
def test_claim_files_with_hypothesmith_expressions(seed: int, expr: str) -> None:
    text = claim_file(random.Random(seed), [expr])
    assert check_claim_text(text, _folder()) == []


@settings(max_examples=300, **FIXED)
@given(seed=seeds)
def test_claims_from_the_grammar_are_decided_without_internal_errors(seed: int) -> None:
    text = claim_file(random.Random(seed))
    assert check_claim_text(text, _folder(), decide_claims=True, timeout=0.5) == []


@settings(max_examples=1000, **FIXED)
@given(seed=seeds)
def test_structure_files_from_the_grammar_and_mutations(seed: int) -> None:
    assert check_structure_text(structure_case(random.Random(seed))) == []
