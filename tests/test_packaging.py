"""Release-ready: ``python -m build`` makes an sdist and a wheel that ``twine check``
accepts, and the wheel, installed where no source tree is, checks the bundled examples."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(args: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=False, timeout=1200,
                          **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # --no-isolation: build with this environment's setuptools (nothing fetched).
    done = _run([sys.executable, "-m", "build", "--no-isolation", "--sdist", "--wheel",
                 "--outdir", str(out), str(ROOT)])
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return out


def test_sdist_and_wheel_pass_twine_check(dist: Path) -> None:
    files = sorted(dist.iterdir())
    assert sorted(f.suffix for f in files) == [".gz", ".whl"], files
    done = _run([sys.executable, "-m", "twine", "check", "--strict", *map(str, files)])
    assert done.returncode == 0, done.stdout + done.stderr
    wheel = zipfile.ZipFile(next(dist.glob("*.whl"))).namelist()
    for name in ("coherence/__init__.py", "coherence/__main__.py", "coherence/checks/cli.py",
                 "coherence/algebra/hopf.py", "coherence/counterexamples/search.py"):
        assert name in wheel, name
    assert not [n for n in wheel if n.startswith(("tests/", "docs/", "coherence/checks/_main"))]
    sdist = tarfile.open(next(dist.glob("*.tar.gz"))).getnames()
    assert any(n.endswith("/pyproject.toml") for n in sdist)
    assert any(n.endswith("/checks/_main/__main__.py") for n in sdist)


def test_installed_wheel_checks_the_examples(dist: Path, tmp_path: Path) -> None:
    """A fresh environment holding only the wheel (its dependencies are this
    environment's, reached through a .pth file, so nothing is downloaded)."""
    env = tmp_path / "env"
    venv.EnvBuilder(with_pip=False).create(env)
    python = env / "bin" / "python"
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]
                     ).stdout.strip())
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    # A pure-Python wheel installs by unpacking it into site-packages. (Not pip from this
    # environment: it would uninstall this environment's own coherence on the way.)
    zipfile.ZipFile(next(dist.glob("*.whl"))).extractall(site)
    work = tmp_path / "work"
    shutil.copytree(ROOT / "docs" / "examples", work / "examples")
    where = _run([str(python), "-c", "import coherence.checks; print(coherence.checks.__file__)"],
                 cwd=work)
    assert where.stdout.strip().startswith(str(env)), where.stdout + where.stderr
    assert _run([str(python), "-m", "coherence", "-V"], cwd=work).returncode == 0
    script = ("import sys; from importlib.metadata import entry_points; "
              "main = entry_points(group='console_scripts')['coherence'].load(); "
              "sys.exit(main(sys.argv[1:]))")  # what the `coherence` script does
    done = _run([str(python), "-c", script, "check", "examples/", "-q", "--jobs", "2",
                 "--timeout", "120"], cwd=work)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert done.stdout.strip().endswith("all as expected (exit 0)")
