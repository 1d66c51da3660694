"""``coherence check --shard K/N`` and ``coherence merge``: shards partition a run, and
their merged JSON report is the unsharded run's report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from coherence.checks import cli
from coherence.checks.run import in_shard, parse_shard

EXAMPLES = ["docs/examples/hopf-facts.claims.toml",  # sorted, as a folder's files are
            "docs/examples/sheaves-on-networks.claims.toml",
            "docs/examples/shuffle-hopf.claims.toml"]


def _results(path: Path) -> list[dict]:
    rows = json.loads(path.read_text(encoding="utf-8"))["results"]
    return [{k: v for k, v in r.items() if k not in ("seconds", "budget_used")} for r in rows]


def test_shards_partition_the_claims_and_merge_into_the_whole_run(tmp_path: Path) -> None:
    whole = tmp_path / "whole.json"
    assert cli.main(["check", *EXAMPLES, "--format", "json", "--output", str(whole)]) == 0
    parts = []
    for k in (1, 2, 3):
        part = tmp_path / f"shard{k}.json"
        assert cli.main(["check", *EXAMPLES, "--shard", f"{k}/3", "--format", "json",
                         "--output", str(part)]) == 0
        parts.append(part)
    ids = [[(r["location"], r["id"]) for r in _results(p)] for p in parts]
    assert all(ids) and sum(map(len, ids)) == len(_results(whole))
    assert not set(ids[0]) & set(ids[1]) and not set(ids[1]) & set(ids[2])
    merged = tmp_path / "merged.json"
    assert cli.main(["merge", *map(str, parts), "--output", str(merged)]) == 0
    assert _results(merged) == _results(whole)
    # the merged report is a report like any other: diff against the whole run is clean
    assert cli.main(["diff", str(whole), str(merged)]) == 0


def test_the_split_depends_on_the_id_only() -> None:
    ids = [f"claim-{i}" for i in range(200)]
    shards = [[i for i in ids if in_shard(i, (k, 4))] for k in (1, 2, 3, 4)]
    assert sorted(sum(shards, [])) == sorted(ids)
    assert all(20 < len(s) < 80 for s in shards)  # no shard is starved
    assert [in_shard("associativity", (k, 4)) for k in (1, 2, 3, 4)].count(True) == 1


@pytest.mark.parametrize("bad", ["0/3", "4/3", "1", "a/b", "1/0", "-1/2"])
def test_a_bad_shard_is_an_input_error(bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", EXAMPLES[0], f"--shard={bad}"]) == 2
    assert "expected --shard K/N" in capsys.readouterr().err
    with pytest.raises(ValueError):
        parse_shard(bad)


def test_merge_refuses_shards_that_disagree(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    one = tmp_path / "one.json"
    assert cli.main(["check", EXAMPLES[0], "--format", "json", "--output", str(one)]) == 0
    doc = json.loads(one.read_text(encoding="utf-8"))
    flipped = doc["results"][0]
    flipped["verdict"] = "refuted" if flipped["verdict"] != "refuted" else "proved"
    two = tmp_path / "two.json"
    two.write_text(json.dumps(doc), encoding="utf-8")
    assert cli.main(["merge", str(one), str(two)]) == 2
    assert "expected shards that agree on each claim" in capsys.readouterr().err


def test_merge_exit_code_follows_expectations(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    cli.main(["check", EXAMPLES[0], "--format", "json", "--output", str(one)])
    doc = json.loads(one.read_text(encoding="utf-8"))
    doc["results"] = doc["results"][:1]
    doc["results"][0]["expect"] = "error"
    doc["results"][0]["matches"] = False
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    assert cli.main(["merge", str(bad), "--format", "text"]) == 1
