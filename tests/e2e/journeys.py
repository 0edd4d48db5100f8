"""Steps the browser journeys share: open a page and wait for Streamlit, download, add to the pack, run axe."""
from __future__ import annotations

import base64
import re
import struct
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGE_SECONDS = 90  # the first run of a page benchmarks every indicator
BLACKPOOL = "E06000009"
COMPARISON_WORDS = ("Better", "Similar", "Worse", "Higher", "Lower", "Not compared")
EXPORT_SECONDS = 180  # a PNG or a whole pack is drawn by Chromium on the server


def idle(page: Page) -> None:
    """Wait until Streamlit has finished running the script and every element (e.g. a chart) is drawn."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')")


def open_page(page: Page, path: str, heading: str | None = None) -> None:
    """Go to `path` (a new Streamlit session) and wait for its title (or any h1) and the end of the run."""
    page.goto(path)
    title = page.get_by_role("heading", name=heading, exact=True) if heading else page.locator("h1")
    title.first.wait_for(timeout=PAGE_SECONDS * 1000)
    idle(page)


def go_to(page: Page, link: str, heading: str) -> None:
    """Follow a sidebar link (same session, so the board pack is kept) and wait for the page."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=link).click()
    page.get_by_role("heading", name=heading, exact=True).first.wait_for()
    idle(page)


def screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def download(page: Page, button: Locator) -> tuple[str, bytes]:
    """Click a download button; the file's suggested name and bytes."""
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=EXPORT_SECONDS * 1000) as info:
        button.click()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes()


def chart_pictures(page: Page) -> Locator:
    """The charts on the page, drawn as pictures (the default: SVG drawn on the server)."""
    return page.get_by_test_id("stImage").locator("img")


def picture_svg(picture: Locator) -> str:
    """The SVG text of a chart picture (its src is a data: URL), once the browser has loaded it."""
    picture.wait_for()
    picture.page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=picture.element_handle())
    head, data = picture.get_attribute("src").split(",", 1)
    assert head == "data:image/svg+xml;base64", head
    return base64.b64decode(data).decode("utf-8")


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (asserting the file really is a PNG)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    assert data[12:16] == b"IHDR", "PNG without an IHDR chunk first"
    return struct.unpack(">II", data[16:24])


def button(scope: Page | Locator, label: str) -> Locator:
    """A Streamlit button whose label starts with the word(s) `label` (its Material icon name comes first)."""
    return scope.get_by_role("button", name=re.compile(rf"(^|\s){re.escape(label)}\b")).first


def download_button(scope: Page | Locator, label: str) -> Locator:
    """A Streamlit download button (not plotly's own "Download plot as a PNG" in the chart's modebar)."""
    return button(scope.get_by_test_id("stDownloadButton"), label)


def chart_menu(page: Page, index: int = 0) -> Locator:
    """Open the menu under the `index`-th chart (image size, PNG, SVG, Add to board pack); the open menu."""
    return _open_menu(page, page, "Download or add to board pack", index, "Add to board pack")


def table_menu(page: Page, scope: Page | Locator) -> Locator:
    """Open the first table's download menu inside `scope` (CSV, XLSX, perhaps Add table to board pack)."""
    return _open_menu(page, scope, "Download table", 0, "XLSX")


def close_menu(page: Page) -> None:
    """Close an open menu as a person does: a click outside it (on the page's title)."""
    if page.get_by_test_id("stPopoverBody").filter(visible=True).count():
        page.locator("h1").first.click()
        page.get_by_test_id("stPopoverBody").filter(visible=True).first.wait_for(state="hidden")


def _open_menu(page: Page, scope: Page | Locator, label: str, index: int, holds: str) -> Locator:
    opener = scope.get_by_test_id("stPopover").filter(has_text=label).nth(index)
    # to the middle of the screen, as a person scrolls before opening a menu: at the bottom edge the menu would
    # open below the window (Streamlit places it under its button and does not flip it)
    opener.evaluate("el => el.scrollIntoView({block: 'center'})")
    opener.get_by_role("button").click()
    body = page.get_by_test_id("stPopoverBody").filter(has_text=holds).last
    body.wait_for()
    return body


def add_charts_to_pack(page: Page, count: int) -> None:
    """Add the first `count` charts to the board pack from their menus, waiting for each confirmation."""
    menus = page.get_by_test_id("stPopover").filter(has_text="Download or add to board pack")
    menus.first.wait_for()
    assert menus.count() >= count, f"only {menus.count()} charts offer 'Add to board pack'"
    for i in range(count):
        button(chart_menu(page, i), "Add to board pack").click()
        page.get_by_text(re.compile(rf"Added to the board pack \({i + 1} items?\)")).wait_for()
        idle(page)
        close_menu(page)


_RUN_AXE = """async () => {
    const results = await axe.run(document);
    for (const violation of results.violations) {
        for (const node of violation.nodes) {
            const ids = [];
            for (let el = document.querySelector(node.target[0]); el; el = el.parentElement) {
                if (el.dataset && el.dataset.testid) ids.push(el.dataset.testid);
            }
            node.testids = ids;  // the Streamlit elements around the node, innermost first
        }
    }
    return results.violations;
}"""


def axe_violations(page: Page) -> list[dict]:
    """axe-core's violations on the page as it is now; each node also lists the Streamlit test ids
    (data-testid) of the elements around it, so a report can name the widget."""
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed at {AXE} (run `npm install` in the repository root)")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(_RUN_AXE)


def session_tabs(browser, count: int, seconds: float = PAGE_SECONDS) -> tuple[list, list[Page]]:
    """`count` browser contexts (each its own Streamlit session) with a tab each, for load tests."""
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(count)]
    for context in contexts:
        context.set_default_timeout(seconds * 1000)
    return contexts, [context.new_page() for context in contexts]
