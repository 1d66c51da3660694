"""Sample outputs in docs/ (and the README) come from real runs: find them, run them, compare or rewrite.

In a Markdown page, a fenced block right after ``<!-- sample: COMMAND -->`` is the
output of COMMAND (its first line may show ``$ COMMAND``); a fenced block right after
``<!-- file: NAME -->`` is written to NAME before the page's commands run. Commands run
in a scratch folder holding those files and a link ``docs`` to the real docs/, so
``coherence check docs/examples/…`` prints paths as a reader types them.

COMMAND is ``coherence …`` (run in this process) or ``pytest …`` (a subprocess), and
may end in a filter: ``| section NAME`` keeps pytest's block for the test NAME,
``| grep TEXT`` keeps the lines holding TEXT, ``| head N`` / ``| tail N`` the first
or last N lines. Times (``0.25 s``) are compared as ``T s``. Each command runs with a
time budget of 120 s per claim (``--timeout`` / ``--coherence-timeout`` added unless
given): what the page shows is the verdict, and a busy machine must not turn it into
``unknown``; ``coherence check`` also gets ``--jobs 2`` (same output, sooner).

    python tests/docs_samples.py           # compare; exit 1 and show the first difference
    python tests/docs_samples.py --write   # rewrite every sample from a fresh run
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

_MARK = re.compile(r"<!-- (sample|file): (.+?) -->\n(```[^\n]*\n)(.*?)(```)", re.S)
_TIME = re.compile(r"\b\d+(\.\d+)? s\b")


@dataclass(frozen=True)
class Sample:
    page: Path
    command: str
    text: str  # the block's content as the page has it
    start: int  # offsets of the content in the page
    end: int


def pages() -> list[Path]:
    return [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]


def samples(page: Path) -> tuple[dict[str, str], list[Sample]]:
    text = page.read_text(encoding="utf-8")
    files: dict[str, str] = {}
    found: list[Sample] = []
    for m in _MARK.finditer(text):
        kind, arg, body = m.group(1), m.group(2).strip(), m.group(4)
        if kind == "file":
            files[arg] = body
        else:
            found.append(Sample(page, arg, body, m.start(4), m.end(4)))
    return files, found


def run(command: str, folder: Path) -> str:
    """The output of ``command`` (filters applied), run in ``folder``."""
    command, *filters = [part.strip() for part in command.split(" | ")]
    words = shlex.split(command)
    if words[0] == "coherence":
        if words[1] == "check" and "--timeout" not in words:
            words += ["--timeout", "120"]
        if words[1] == "check" and "--jobs" not in words:
            words += ["--jobs", "2"]  # the same verdicts and text as one process, sooner
        out = _coherence(words[1:], folder)
    elif words[0] == "pytest":
        # CI=true: pytest then shows whole short-summary lines, whatever the terminal
        env = {**os.environ, "COLUMNS": "100", "PY_COLORS": "0", "CI": "true"}
        if not any(w.startswith("--coherence-timeout") for w in words):
            words.append("--coherence-timeout=120")
        done = subprocess.run([sys.executable, "-m", "pytest", *words[1:]], cwd=folder,
                              capture_output=True, text=True, check=False, env=env, timeout=600)
        out = done.stdout
    else:
        raise ValueError(f"expected a coherence or pytest command, got {command!r}")
    lines = out.rstrip("\n").split("\n")
    for f in filters:
        name, _, arg = f.partition(" ")
        if name == "section":
            start = next(i for i, ln in enumerate(lines) if re.match(rf"_+ {re.escape(arg)} _+$", ln))
            stop = next((i for i in range(start + 1, len(lines))
                         if re.match(r"^(_{3,}|={3,})", lines[i])), len(lines))
            lines = lines[start:stop]
        elif name == "grep":
            lines = [ln for ln in lines if arg in ln]
        elif name == "head":
            lines = lines[: int(arg)]
        elif name == "tail":
            lines = lines[-int(arg):]
        else:
            raise ValueError(f"expected a filter section|grep|head|tail, got {f!r}")
    return "\n".join(lines) + "\n"


def _coherence(argv: list[str], folder: Path) -> str:
    from coherence.checks.cli import main

    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    os.chdir(folder)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main(argv)
    finally:
        os.chdir(old)
    return out.getvalue() + err.getvalue()


def expected(sample: Sample, output: str) -> str:
    """What the block should hold: the ``$ command`` line if the page shows one, then output."""
    shown = sample.command.split(" | ")[0]
    head = f"$ {shown}\n" if sample.text.startswith("$ ") else ""
    return head + output


def normal(text: str) -> str:
    return _TIME.sub("T s", text)


def check_page(page: Path, *, write: bool = False) -> list[tuple[Sample, str]]:
    """Run the samples of ``page``; return those that differ (rewrite them with ``write``)."""
    files, found = samples(page)
    if not found:
        return []
    wrong: list[tuple[Sample, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "docs").symlink_to(DOCS)
        for name, body in files.items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(body, encoding="utf-8")
        for s in found:
            want = expected(s, run(s.command, folder))
            if normal(want) != normal(s.text):
                wrong.append((s, want))
    if write and wrong:
        text = page.read_text(encoding="utf-8")
        for s, want in sorted(wrong, key=lambda t: -t[0].start):
            text = text[: s.start] + want + text[s.end:]
        page.write_text(text, encoding="utf-8")
    return wrong


def main(argv: list[str]) -> int:
    write = "--write" in argv
    bad = 0
    for page in pages():
        for s, want in check_page(page, write=write):
            bad += 1
            print(f"{page.relative_to(ROOT)}: sample `{s.command}` "
                  f"{'rewritten' if write else 'differs'}")
            if not write:
                print("--- page\n" + s.text + "--- real run\n" + want)
    return 1 if bad and not write else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
