"""Claim and structure files are data: no module may call eval, exec, sympify or parse_expr.

The scan is over the syntax tree of every module in the three packages, so a comment or
a docstring mentioning these names does not count, but any call does — including
``sympy.S("...")`` on a string, which is sympify under another name.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Builtins that run text as code, called by bare name.
BUILTINS = {"eval", "exec", "compile", "__import__"}
#: SymPy's string parsers, under any module prefix (sympy.sympify, sympy.parsing…parse_expr).
PARSERS = {"sympify", "parse_expr"}


def _modules() -> list[Path]:
    return sorted(p for d in ("algebra", "checks", "counterexamples") for p in (ROOT / d).glob("*.py"))


def _calls(tree: ast.AST) -> list[tuple[int, str]]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            bare = f.id if isinstance(f, ast.Name) else ""
            name = bare or (f.attr if isinstance(f, ast.Attribute) else "")
            if bare in BUILTINS or name in PARSERS:
                out.append((node.lineno, name))
            # sympy.S("text") / S("text") parses its string argument like sympify.
            if name == "S" and node.args and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str):
                out.append((node.lineno, "S(str)"))
        # sympy.parsing holds parse_expr and friends: importing it is the first step to misuse.
        if isinstance(node, ast.ImportFrom) and node.module and "parsing" in node.module:
            out.append((node.lineno, f"import from {node.module}"))
    return out


def test_there_are_modules_to_scan() -> None:
    assert len(_modules()) > 20


@pytest.mark.parametrize("path", _modules(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_module_never_evaluates_text(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    assert _calls(tree) == [], f"{path}: forbidden calls"


def test_the_scan_catches_what_it_should() -> None:
    bad = "import sympy\nx = sympy.sympify(t)\ny = eval(t)\nz = sympy.S('x+1')\nobj.parse_expr(t)\n"
    assert [name for _, name in _calls(ast.parse(bad))] == ["sympify", "eval", "S(str)", "parse_expr"]
    assert _calls(ast.parse("from sympy.parsing.sympy_parser import parse_expr\n")) == [
        (1, "import from sympy.parsing.sympy_parser")]
    # z3's model.eval and re.compile are not Python's eval/compile.
    assert _calls(ast.parse("m.eval(x)\nre.compile('a')\n")) == []
