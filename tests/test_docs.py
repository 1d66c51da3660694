"""The documentation: every sample output is a real run, the site builds strictly, and
the Python API page's example works."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import docs_samples  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PAGES = [p for p in docs_samples.pages() if docs_samples.samples(p)[1]]


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_sample_outputs_are_real(page: Path) -> None:
    wrong = docs_samples.check_page(page)
    assert not wrong, (
        f"{page.name}: sample `{wrong[0][0].command}` differs from a real run "
        "(python tests/docs_samples.py --write regenerates it)\n--- page\n"
        f"{wrong[0][0].text}--- real run\n{wrong[0][1]}")


def test_samples_are_found_where_the_docs_show_output() -> None:
    names = {p.name for p in PAGES}
    assert {"tutorial.md", "pytest.md", "claims.md", "examples.md"} <= names


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d",
                           str(tmp_path / "site")], cwd=ROOT, capture_output=True, text=True,
                          check=False, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr[-3000:]
    api = (tmp_path / "site" / "api.html").read_text(encoding="utf-8")
    assert "coherence.checks.run.check" in api and "structure_from_data" in api
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in index  # the site loads nothing from the network


def test_docs_do_not_send_users_to_the_package_index() -> None:
    for page in [*ROOT.joinpath("docs").rglob("*.md"), ROOT / "README.md"]:
        text = page.read_text(encoding="utf-8")
        assert "pip install coherence\n" not in text and "pip coherence" not in text, page.name
        assert "SOURCES.md" not in text, page.name


def test_structure_from_python_data_as_the_api_page_shows() -> None:
    from coherence.algebra.structure_file import structure_from_data
    from coherence.checks import check_laws

    H = structure_from_data({"name": "dual numbers", "basis": ["1", "x"],
                             "product": {"x*x": "0"},
                             "coproduct": {"1": "1⊗1", "x": "x⊗1 + 1⊗x"},
                             "counit": {"1": "1", "x": "0"}})
    assert str(H.element({"1": 2, "x": -1})) in ("2·1 - x", "2 - x", "2·1 − x", "-x + 2·1")
    verdicts = {v.id: v.outcome.value for v in check_laws(H)}
    assert verdicts["coassociativity"] == "proved"


def test_every_example_file_has_its_real_output_in_the_docs() -> None:
    page = (ROOT / "docs" / "examples.md").read_text(encoding="utf-8")
    for f in sorted((ROOT / "docs" / "examples").glob("*.claims.toml")):
        assert f"<!-- sample: coherence check docs/examples/{f.name} -->" in page, (
            f"docs/examples.md has no section for {f.name}: add one (see the others) and run "
            "python tests/docs_samples.py --write")
