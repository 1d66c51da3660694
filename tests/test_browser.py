"""The HTML report and the docs site, opened in a real browser (Debian's chromium, driven
by Playwright; nothing is downloaded at run time).

Locally the test is skipped when chromium is not installed; under CI (``CI=true``) a
missing browser is a failure. Screenshots go to ``build/browser-artifacts/`` (or
``$COHERENCE_ARTIFACTS``).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(os.environ.get("COHERENCE_ARTIFACTS", ROOT / "build" / "browser-artifacts"))


def _need_browser() -> None:
    missing = None
    if not Path(CHROMIUM).exists():
        missing = f"chromium not found at {CHROMIUM} (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "the playwright package is not installed (pip install -e '.[test]')"
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must run the browser test: {missing}")
        pytest.skip(missing)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path]]:
    """The bundled examples' reports and the built docs site, on a local HTTP server
    (the site's search runs in a web worker, which browsers refuse from file://)."""
    _need_browser()
    root = tmp_path_factory.mktemp("served")
    reports = root / "reports"
    done = subprocess.run(
        [sys.executable, "-m", "coherence", "check", "docs/examples/", "-q", "--timeout", "120", "--jobs", "2",
         "--report", f"json:{reports}/r.json", "--report", f"html:{reports}/r.html"],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=1200)
    assert done.returncode in (0, 1), done.stderr
    site = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d",
                           str(root / "site")], cwd=ROOT, capture_output=True, text=True,
                          check=False, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert site.returncode == 0, site.stderr[-2000:]
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", reports, root
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


def _page(browser: object, errors: list[str]):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1300, "height": 900})  # type: ignore[attr-defined]
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=False)


def test_html_report_in_chromium(browser: object, served: tuple[str, Path, Path]) -> None:
    base, reports, _ = served
    doc = json.loads((reports / "r.json").read_text(encoding="utf-8"))
    errors: list[str] = []
    page = _page(browser, errors)
    page.goto(f"{base}/reports/r.html")
    _shot(page, "report-all.png")

    # the summary numbers are the JSON report's
    summary = page.locator("#summary")
    assert int(summary.get_attribute("data-total")) == len(doc["results"])
    for outcome, count in doc["summary"].items():
        assert int(summary.get_attribute(f"data-{outcome}")) == count
        if count:
            assert f"{count} {outcome}" in summary.text_content()

    # filtering by verdict shows exactly that verdict's rows
    for outcome in ("refuted", "proved"):
        page.select_option("#f-verdict", outcome)
        visible = page.locator("tr.claim:visible")
        assert visible.count() == doc["summary"][outcome]
        assert set(visible.evaluate_all("rs => rs.map(r => r.dataset.verdict)")) == {outcome}
    page.select_option("#f-expected", "no")
    unexpected = sum(not r["matches"] for r in doc["results"] if r["verdict"] == "proved")
    assert page.locator("tr.claim:visible").count() == unexpected
    page.select_option("#f-expected", "")

    # a refuted claim's witness renders as MathML
    page.select_option("#f-verdict", "refuted")
    row = page.locator("tr.claim:visible", has=page.locator("math")).first
    row.locator("summary").click()
    math = row.locator("dd math").first
    assert math.is_visible()
    box = math.bounding_box()
    assert box is not None and box["width"] > 0 and box["height"] > 0
    _shot(page, "report-refuted-open.png")

    # the copy button copies the reproduce command
    button = row.locator("button.copy")
    command = button.get_attribute("data-copy")
    assert command.startswith("coherence check docs/examples/") and "--only" in command
    button.click()
    page.wait_for_function("b => b.textContent === 'copied'", arg=button.element_handle())
    assert page.evaluate("navigator.clipboard.readText()") == command
    assert errors == []


def test_axioms_html_in_chromium(browser: object, tmp_path: Path) -> None:
    out = tmp_path / "sweedler.html"
    done = subprocess.run([sys.executable, "-m", "coherence", "axioms", "sweedler", "--format",
                           "html", "-o", str(out)], capture_output=True, text=True, check=False,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    errors: list[str] = []
    page = _page(browser, errors)
    page.goto(out.as_uri())  # opened from disk, as a CI artifact is
    assert page.locator("tr.claim").count() >= 12
    page.select_option("#f-verdict", "refuted")
    row = page.locator("tr.claim:visible").first
    row.locator("summary").click()
    assert "failing basis tuple" in row.text_content()
    _shot(page, "axioms-sweedler.png")
    assert errors == []


def test_docs_site_search_finds_antipode(browser: object, served: tuple[str, Path, Path]) -> None:
    base, _, _ = served
    errors: list[str] = []
    page = _page(browser, errors)
    page.goto(f"{base}/site/index.html")
    assert "coherence" in page.title()
    box = page.locator("input.md-search__input")
    box.click()
    # The index loads in a web worker; a query typed before it is ready is not re-run,
    # so type it again until results show (the index is ready within seconds).
    found = False
    for _ in range(60):
        box.fill("")
        box.press_sequentially("antipode")
        try:
            page.wait_for_function(
                "document.querySelectorAll('.md-search-result__item').length > 0", timeout=2_000)
            found = True
            break
        except Exception:  # noqa: BLE001 - playwright's TimeoutError: try again
            continue
    assert found, "the docs site's search found nothing for 'antipode'"
    assert "antipode" in page.locator(".md-search-result").text_content().lower()
    _shot(page, "docs-search-antipode.png")
    page.goto(f"{base}/site/api.html")
    assert page.locator("text=coherence.checks.run.check").count() > 0
    _shot(page, "docs-api.png")
    assert errors == []
