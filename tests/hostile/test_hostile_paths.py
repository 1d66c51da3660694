"""Issue 16 §1: structure paths in claim files stay inside the project root.

``structure('…toml')`` and ``Element('…toml')`` resolve relative to the claim file and
must stay inside the project root (nearest folder with pyproject.toml or .git, or an
explicit root); only regular files, read with a size cap; errors never echo the content
of a file that is not a valid structure file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hostile_helpers import C2, assert_located, by_id, claims, cli, project

OK = '[[claim]]\nid = "ok"\nthen = "1 + 1 == 2"\nexpect = "proved"\n\n'


def _uses(path: str, how: str = "structure") -> str:
    if how == "structure":
        return (OK + f'[[claim]]\nid = "s"\ngiven = {{ H = "structure(\'{path}\')" }}\n'
                'then = "dim(H) == 2"\n')
    return OK + f'[[claim]]\nid = "s"\nfor_all = {{ v = "Element(\'{path}\')" }}\nthen = "v == v"\n'


def _refused(tmp_path: Path, path: str, how: str = "structure", *secrets: str) -> str:
    v = by_id(claims(tmp_path, _uses(path, how)))
    assert v["ok"].outcome.value == "proved"
    assert v["s"].outcome.value == "error", v["s"]
    detail = v["s"].detail
    assert_located(detail, str(tmp_path / "claims" / "t.claims.toml"))
    for s in secrets:
        assert s not in detail, detail
    return detail


@pytest.mark.parametrize("how", ["structure", "element"])
def test_a_structure_inside_the_root_is_read(tmp_path: Path, how: str) -> None:
    folder = project(tmp_path)
    (folder / "sub").mkdir()
    (folder / "sub" / "c2.toml").write_text(C2, encoding="utf-8")
    v = by_id(claims(tmp_path, _uses("sub/c2.toml", how)))
    assert v["s"].outcome.value in ("proved", "evidence"), v["s"]


def test_a_symlink_inside_the_root_is_followed(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (tmp_path / "shared.toml").write_text(C2, encoding="utf-8")
    os.symlink(tmp_path / "shared.toml", folder / "link.toml")
    v = by_id(claims(tmp_path, _uses("link.toml")))
    assert v["s"].outcome.value == "proved", v["s"]


@pytest.mark.parametrize("how", ["structure", "element"])
def test_an_absolute_path_outside_the_root_is_refused(tmp_path: Path, how: str) -> None:
    (tmp_path / "secret.toml").write_text(C2 + 'name = "top-secret-name"\n', encoding="utf-8")
    detail = _refused(tmp_path / "p", str(tmp_path / "secret.toml"), how, "top-secret-name")
    assert "inside the project root" in detail


def test_dot_dot_out_of_the_root_is_refused_without_reading(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "secret.toml").write_text(C2 + 'name = "top-secret-name"\n', encoding="utf-8")
    detail = _refused(tmp_path / "p", "../../secret.toml", "structure", "top-secret-name")
    assert "inside the project root" in detail


def test_existence_outside_the_root_is_not_revealed(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "exists.toml").write_text(C2, encoding="utf-8")
    a = _refused(tmp_path / "p", "../../exists.toml").replace("exists", "X")
    b = _refused(tmp_path / "p", "../../missing.toml").replace("missing", "X")
    assert a == b


def test_a_symlink_leading_out_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "p"
    root.mkdir()
    folder = project(root)
    (tmp_path / "secret.toml").write_text(C2 + 'name = "top-secret-name"\n', encoding="utf-8")
    os.symlink(tmp_path / "secret.toml", folder / "z.toml")
    _refused(root, "z.toml", "structure", "top-secret-name")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/stdin"])
def test_a_symlink_to_a_device_is_refused(tmp_path: Path, device: str) -> None:
    folder = project(tmp_path)
    os.symlink(device, folder / "z.toml")
    _refused(tmp_path, "z.toml")


def test_a_device_file_inside_the_root_is_refused(tmp_path: Path) -> None:
    folder = project(tmp_path)
    try:
        os.mknod(folder / "z.toml", 0o600 | 0o020000, os.makedev(1, 5))  # like /dev/zero
    except (PermissionError, OSError):
        pytest.skip("cannot create a device node here")
    assert "regular file" in _refused(tmp_path, "z.toml")


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    folder = project(tmp_path)
    os.mkfifo(folder / "f.toml")
    assert "regular file" in _refused(tmp_path, "f.toml")


def test_a_symlink_loop_is_refused(tmp_path: Path) -> None:
    folder = project(tmp_path)
    os.symlink(folder / "b.toml", folder / "a.toml")
    os.symlink(folder / "a.toml", folder / "b.toml")
    _refused(tmp_path, "a.toml")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (folder / "d.toml").mkdir()
    _refused(tmp_path, "d.toml")


def test_a_toml_that_is_no_structure_file_is_not_echoed(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (folder / "cfg.toml").write_text('api_token = "hunter2-SECRET"\n[db]\npassword = "pw"\n',
                                     encoding="utf-8")
    _refused(tmp_path, "cfg.toml", "structure", "api_token", "hunter2", "password", "db")


def test_an_oversized_structure_file_states_the_cap(tmp_path: Path) -> None:
    from coherence.algebra.limits import MAX_FILE_BYTES

    folder = project(tmp_path)
    (folder / "big.toml").write_text(C2 + "\n" * (MAX_FILE_BYTES + 10), encoding="utf-8")
    assert str(MAX_FILE_BYTES) in _refused(tmp_path, "big.toml")


def test_an_explicit_root_widens_the_confinement(tmp_path: Path) -> None:
    from coherence.checks.run import check_paths

    outer = tmp_path / "outer"
    (outer / "structures").mkdir(parents=True)
    (outer / "structures" / "c2.toml").write_text(C2, encoding="utf-8")
    inner = outer / "inner"
    folder = project(inner)
    path = folder / "t.claims.toml"
    path.write_text(_uses("../../structures/c2.toml"), encoding="utf-8")
    confined = by_id(list(check_paths([str(path)]).verdicts))
    assert confined["s"].outcome.value == "error"
    widened = by_id(list(check_paths([str(path)], root=str(outer)).verdicts))
    assert widened["s"].outcome.value == "proved", widened["s"]


def test_axioms_refuses_a_symlink_to_dev_zero(tmp_path: Path) -> None:
    project(tmp_path)
    os.symlink("/dev/zero", tmp_path / "z.toml")
    proc = cli("axioms", "z.toml", cwd=tmp_path)
    assert proc.returncode == 2, proc
    assert "Traceback" not in proc.stderr
    assert "z.toml" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def test_axioms_root_option(tmp_path: Path) -> None:
    (tmp_path / "c2.toml").write_text(C2, encoding="utf-8")
    inner = tmp_path / "inner"
    project(inner)
    os.symlink(tmp_path / "c2.toml", inner / "link.toml")
    refused = cli("axioms", "link.toml", cwd=inner)
    assert refused.returncode == 2 and "project root" in refused.stderr, refused
    allowed = cli("axioms", "link.toml", "--root", str(tmp_path), cwd=inner)
    assert allowed.returncode in (0, 1) and "Traceback" not in allowed.stderr, allowed


pytest_plugins = ["pytester"]


def test_the_plugin_confines_structure_paths_and_takes_a_root(pytester: pytest.Pytester) -> None:
    outer = pytester.path
    (outer / "structures").mkdir()
    (outer / "structures" / "c2.toml").write_text(C2, encoding="utf-8")
    inner = outer / "inner"
    project(inner)
    (inner / "claims" / "s.claims.toml").write_text(
        '[[claim]]\nid = "s"\ngiven = { H = "structure(\'../../structures/c2.toml\')" }\n'
        'then = "dim(H) == 2"\nexpect = "proved"\n', encoding="utf-8")
    confined = pytester.runpytest_subprocess("-p", "no:cacheprovider", str(inner))
    confined.assert_outcomes(failed=1)
    confined.stdout.fnmatch_lines(["*inside the project root*"])
    widened = pytester.runpytest_subprocess("-p", "no:cacheprovider", str(inner),
                                            f"--coherence-root={outer}")
    widened.assert_outcomes(passed=1)


@pytest.mark.parametrize("value", ["nan", "inf", "-1"])
def test_the_plugin_refuses_an_unusable_timeout(pytester: pytest.Pytester, value: str) -> None:
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", f"--coherence-timeout={value}")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--coherence-timeout: expected 0 < S*"])


def test_a_claim_file_symlinked_out_of_the_project_is_refused(tmp_path: Path) -> None:
    from coherence.algebra.errors import InputError
    from coherence.checks.claims import read_claim_file

    root = tmp_path / "p"
    folder = project(root)
    (tmp_path / "auth.toml").write_text('[http-basic]\npassword = "hunter2"\n', encoding="utf-8")
    os.symlink(tmp_path / "auth.toml", folder / "a.claims.toml")
    with pytest.raises(InputError, match="inside the project root") as info:
        read_claim_file(folder / "a.claims.toml")
    assert "http-basic" not in str(info.value) and "hunter2" not in str(info.value)
    (folder / "real.claims.toml").write_text('[[claim]]\nid = "a"\nthen = "1 == 1"\n')
    os.symlink(folder / "real.claims.toml", folder / "b.claims.toml")  # inside: fine
    assert [c.id for c in read_claim_file(folder / "b.claims.toml").claims] == ["a"]
