"""The dashboard in a real headless Chromium (Debian's, driven by Playwright): every page renders with
no console error and loads nothing from elsewhere, each chart is drawn, a filter changes the URL and
the figures, a drill-down reaches the customer, and axe finds no serious accessibility violation.

These tests never skip: without /usr/bin/chromium (`apt-get install chromium`) or axe-core
(`npm install` in tests/browser, as `make test` does) they fail. Screenshots go to the test's tmp
directory (and to $MOGUL_SCREENSHOTS when set).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from mogul.server.sandbox import Sandbox
from tests.web.world import END, populate

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RANGE = f"start-date=2024-01-01&end-date={END}"


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[Sandbox, dict[str, Any]]]:
    key = f"browser-{uuid.uuid4().hex}"
    with Sandbox(api_keys=[key]) as box:
        with httpx.Client(base_url=box.api_url, auth=(key, ""), timeout=30) as api:
            world = populate(api)
        yield box, world


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install chromium"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


class Visit:
    """A logged-in browser context that records console errors and every request that leaves the
    server."""

    def __init__(self, context: BrowserContext, base: str, shots: Path) -> None:
        self.context, self.base, self.shots = context, base, shots
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page = context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", self._request)

    def _request(self, request: Any) -> None:
        if not request.url.startswith(self.base + "/"):
            self.outside.append(request.url)

    def login(self, key: str) -> None:
        self.page.goto(self.base + "/dashboard/")
        assert self.page.url.startswith(self.base + "/dashboard/login?next=")
        self.page.fill("#api_key", key)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(self.base + "/dashboard/")

    def open(self, path: str) -> Page:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == 200, (path, response and response.status)
        self.page.wait_for_load_state("load")
        return self.page

    def shot(self, name: str) -> Path:
        target = self.shots / f"{name}.png"
        self.page.screenshot(path=str(target), full_page=True)
        if extra := os.environ.get("MOGUL_SCREENSHOTS"):
            Path(extra).mkdir(parents=True, exist_ok=True)
            shutil.copy(target, Path(extra) / target.name)
        return target


@pytest.fixture
def visit(server: tuple[Sandbox, dict[str, Any]], browser: Browser, tmp_path: Path) -> Iterator[Visit]:
    box, _ = server
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    seen = Visit(context, box.base_url, tmp_path)
    seen.login(box.api_key)
    yield seen
    context.close()


def _charts_drawn(page: Page) -> list[tuple[int, int]]:
    """The size of each chart's canvas (uPlot draws into one per chart)."""
    return page.eval_on_selector_all(
        ".plot",
        "els => els.map(e => e.querySelector('canvas')).map(c => (c ? [c.width, c.height] : [0, 0]))",
    )


def _pages(world: dict[str, Any]) -> list[tuple[str, str, int]]:
    """(name, path, charts) of every page."""
    acme = world["customers"]["acme"]
    metrics = ["arr", "arpa", "asp", "customer-count", "customer-churn-rate", "mrr-churn-rate", "ltv", "mrr"]
    return [
        ("overview", f"/dashboard/?end-date={END}", 0),
        ("mrr", f"/dashboard/mrr?{RANGE}", 1),
        *[(f"metric-{name}", f"/dashboard/metrics/{name}?{RANGE}", 1) for name in metrics],
        ("customers", "/dashboard/customers", 0),
        ("customer", f"/dashboard/customers/{acme}", 1),
        ("cohorts", f"/dashboard/cohorts?{RANGE}", 0),
        ("activities", "/dashboard/activities?start-date=2024-05-01&end-date=2024-05-31&type=churn", 0),
    ]


def test_every_page_renders_with_its_charts_and_no_error_or_outside_request(
    server: tuple[Sandbox, dict[str, Any]], visit: Visit
) -> None:
    _, world = server
    for name, path, charts in _pages(world):
        page = visit.open(path)
        if charts:
            page.wait_for_selector(".plot canvas")
        drawn = _charts_drawn(page)
        assert len(drawn) == charts, name
        assert all(width > 0 and height > 0 for width, height in drawn), (name, drawn)
        # each chart has its text summary and its data table
        if charts:
            assert page.inner_text("figure.chart figcaption").strip(), name
            assert page.locator("table").count() >= 1, name
        visit.shot(name)
    assert visit.errors == []
    assert visit.outside == []


def test_a_filter_changes_the_url_and_the_figures(
    server: tuple[Sandbox, dict[str, Any]], visit: Visit
) -> None:
    _, world = server
    page = visit.open(f"/dashboard/metrics/arr?{RANGE}&interval=month")
    before = page.get_attribute(".figure-line .figure", "data-value")
    pro = world["plans"]["Pro"]
    with page.expect_navigation():
        page.select_option("select[name=plans]", pro)
    assert f"plans={pro}" in page.url and "interval=month" in page.url
    after = page.get_attribute(".figure-line .figure", "data-value")
    assert (before, after) == ("252000", "216000")  # all plans: 12 × $210; Pro: 12 × (Acme + Delta) $180
    page.wait_for_selector(".plot canvas")
    # a preset is a link that keeps the other filters
    with page.expect_navigation():
        page.click("text=Year to date")
    assert "preset=ytd" in page.url and f"plans={pro}" in page.url
    page.go_back()
    assert f"plans={pro}" in page.url and "preset" not in page.url
    assert visit.errors == []


def test_a_drill_down_reaches_the_customer(server: tuple[Sandbox, dict[str, Any]], visit: Visit) -> None:
    _, world = server
    page = visit.open(f"/dashboard/mrr?{RANGE}&interval=month")
    with page.expect_navigation():
        page.click("tr[data-date='2024-05-31'] td[data-key='mrr-churn'] a")
    assert "type=churn" in page.url and "start-date=2024-05-01" in page.url
    with page.expect_navigation():
        page.click("table.activities a")
    assert page.url.endswith(f"/dashboard/customers/{world['customers']['beta']}")
    assert page.inner_text("h1").startswith("Beta")
    page.wait_for_selector(".plot canvas")
    visit.shot("drill-down-customer")
    assert visit.errors == []


def test_the_keyboard_reaches_the_skip_link_first(visit: Visit) -> None:
    page = visit.open("/dashboard/mrr")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_axe_finds_no_serious_violation(
    server: tuple[Sandbox, dict[str, Any]], browser: Browser, tmp_path: Path
) -> None:
    assert AXE.exists(), f"{AXE} is missing: run `npm install` in tests/browser (make test does)"
    box, world = server
    # axe is injected as an inline script, which the dashboard's policy refuses: this context alone
    # bypasses the CSP (the other tests run under it)
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    seen = Visit(context, box.base_url, tmp_path)
    seen.login(box.api_key)
    found = {}
    for scheme in ("light", "dark"):
        seen.page.emulate_media(color_scheme=scheme)
        for name, path, _ in _pages(world):
            page = seen.open(path)
            page.add_script_tag(path=str(AXE))
            violations = page.evaluate(
                """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => `${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)"""
            )
            if violations:
                found[f"{scheme} {name}"] = violations
        if scheme == "dark":
            seen.open(f"/dashboard/?end-date={END}")
            seen.shot("overview-dark")
    context.close()
    assert found == {}
