"""Snapshot tests of what users see from ``coherence axioms`` and ``coherence catalog``."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from coherence.checks.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


MONOID = """\
monoid:idempotent — the monoid bialgebra ℚ[{1, e}], e² = e over QQ, basis 1, e

Hopf axioms
  proved    associativity  exact identity on all 8 basis 3-tuples (multilinear: a basis suffices)
  refuted   antipode-left  exact linear algebra: no S satisfies it
            at v = e:  no linear map S satisfies m∘(S⊗id)∘Δ = u∘ε at v = e (the equations for S there are inconsistent)

2 axioms: 1 proved, 1 refuted (exit 1)
"""

SWEEDLER_FACT = """\
sweedler — Sweedler's 4-dimensional Hopf algebra H₄ over QQ, basis 1, g, x, gx

derived facts (properties, not axioms)
  refuted   antipode-involutive  exact identity on all 4 basis elements (linear: a basis suffices)
            at v = x:  lhs = -x,  rhs = x,  residual -2·x
  proved    antipode-order       exact powers of S compared with id
            S has order 4

0 axioms
"""


def test_monoid_snapshot_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "axioms", "monoid:idempotent", "--law", "associativity",
                       "--law", "antipode-left")
    assert (code, out) == (1, MONOID)


def test_sweedler_facts_snapshot(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "axioms", "sweedler", "--law", "antipode-involutive",
                       "--law", "antipode-order")
    assert (code, out) == (0, SWEEDLER_FACT)


def test_sweedler_full_run_exits_0_and_names_every_axiom(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "axioms", "sweedler")
    assert code == 0
    assert out.rstrip().endswith("12 axioms: 12 proved — a Hopf algebra (exit 0)")
    for law in ("associativity", "delta-multiplicative", "antipode-right", "unimodular"):
        assert f" {law} " in out


def test_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "axioms", "words:concat-deconcat:2", "--format", "json")
    doc = json.loads(out)
    assert code == 1 and doc["tool"] == "coherence" and doc["version"]
    keys = {"id", "verdict", "method", "witness", "lhs", "rhs", "detail", "seconds"}
    assert all(keys <= set(r) for r in doc["results"])
    bad = {r["id"]: r for r in doc["results"] if r["verdict"] == "refuted"}
    assert bad["delta-multiplicative"]["witness"] == {"(v₁, v₂)": "(a, a)"}
    assert doc["summary"]["refuted"] == len(bad)


def test_unknown_names_get_a_suggestion_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "axioms", "sweedlr")
    assert code == 2 and out == ""
    assert err == ("coherence: expected a catalogue name or a structure file, got 'sweedlr' "
                   "(did you mean 'sweedler'?)\n")
    code, _, err = run(capsys, "axioms", "sweedler", "--law", "asociativity")
    assert code == 2 and "did you mean 'associativity'" in err
    code, _, err = run(capsys, "axioms", "missing-file.toml")
    assert code == 2 and "missing-file.toml" in err and "Traceback" not in err


def test_graded_structures_are_checked_through_a_degree(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "axioms", "shuffle:ab", "--degree", "3")
    assert code == 0 and "a Hopf algebra through degree 3 (exit 0)" in out
    code, _, err = run(capsys, "axioms", "sweedler", "--degree", "3")
    assert code == 2 and "no --degree" in err


def test_catalog_lists_every_family(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "catalog", "--format", "json")
    rows = {r["name"]: r for r in json.loads(out)["catalog"]}
    assert code == 0
    assert rows["sweedler"]["dimension"] == 4 and rows["taft:3"]["field"] == "QQ(ζ₃)"
    assert rows["group:S5"]["dimension"] == 120 and rows["monoid:idempotent"]["kind"] == "Bialgebra"
    assert rows["qsym"]["dimension"] == "graded"
    code, out, _ = run(capsys, "catalog")
    assert out.splitlines()[2].split()[:3] == ["sweedler", "4", "QQ"]


def test_console_script_runs_without_traceback() -> None:
    proc = subprocess.run([sys.executable, "-m", "coherence.checks.cli", "axioms", "nope"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_a_law_that_runs_out_of_its_timeout_is_unknown_and_the_others_are_decided(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "axioms", "fqsym", "--degree", "8", "--timeout", "0.5",
                       "--law", "associativity", "--law", "left-unit", "--format", "json")
    doc = json.loads(out)
    by_id = {r["id"]: r for r in doc["results"]}
    assert by_id["associativity"]["verdict"] == "unknown"
    assert by_id["associativity"]["detail"].startswith("stopped by the --timeout of 0.5 s")
    assert by_id["left-unit"]["verdict"] in ("proved", "unknown")
    assert code == 1


def test_an_exhaustive_check_beyond_the_memory_limit_is_refused_before_it_starts(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "axioms", "group:S6", "--method", "exhaustive",
                         "--memory", "256M")
    assert code == 2 and out == ""
    assert "memory limit of 256 MB" in err and "--method random" in err
