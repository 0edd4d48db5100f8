"""Browser timings: how long people wait, from navigation start to "app idle and every chart drawn".

    python bench/browser.py

Fills a store from the replay server (PHOF, counties & UAs and districts & UAs, as the browser tests do), starts
`streamlit run app.py`, and drives the system Chromium with Playwright. Every figure is the median of RUNS runs,
each in a new tab (a new Streamlit session) of one browser profile, as for someone who has used the dashboard
before (Streamlit's JavaScript is in the browser's cache), once the server's caches are warm (one run first):

  browser_overview_all_s    Area overview, all themes (Blackpool)                        (<= 2.0 s)
  browser_overview_theme_s  Area overview, one theme (Children and young people)         (<= 1.0 s)
  browser_explorer_s        Indicator explorer, the slowest of its views (each measured)  (<= 1.0 s)
  browser_small_areas_s     Small areas page (null while the app has no such page)       (<= 1.5 s)
  browser_rerun_s           a sidebar choice changed (comparator, on the one-theme overview) (<= 0.8 s)

"Idle" is tests/e2e/journeys.idle (the script has finished and no skeleton is left); "every chart drawn" is
every interactive (Plotly) chart on the page holding its SVG and every picture on the page loaded (charts are
drawn as pictures by default, components/chart_block.py). Times are the page's own clock (performance.now()).

  browser_floor_s           the same measure for a Streamlit page holding only a title and a line of text,
                            served from the same machine in the same run: what Streamlit itself costs here
  browser_shell_s           the same for that page inside the dashboard's shell: ten pages' navigation and the
                            overview's five sidebar choices (four drop-downs and a toggle), nothing else
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import ROOT, free_port, replay_server, start_streamlit, wait_until_up  # noqa: E402

RUNS = 5
AREA = "E06000009"  # Blackpool
THEME = "children-young-people"
EXPLORER_VIEWS = ("compare", "trend", "map", "distribution", "inequalities", "definitions")
INDICATOR = 90366  # life expectancy at birth
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
DONE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  if (!document.querySelector('h1')) return false;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  const pictures = [...app.querySelectorAll('img')];  // st.image's and any other picture on the page
  return charts.every(c => c.querySelector('.main-svg')) && pictures.every(i => i.complete && i.naturalWidth > 0);
}"""
# After a widget changes: a run must have started after `since` and finished, with every chart drawn.
WATCH_JS = """() => {
  window.__hepRuns = [];
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => window.__hepRuns.push([app.getAttribute('data-test-script-state'), performance.now()]))
    .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
RERUN_DONE_JS = "since => window.__hepRuns.some(([s, t]) => s === 'running' && t >= since) && (" + DONE_JS + ")()"


def start_dashboard(env: dict, port: int) -> subprocess.Popen:
    return start_streamlit("app.py", ROOT, port, env)


def page_seconds(context, url: str) -> float:
    """Open `url` in a new tab (session); seconds from navigation start to idle with every chart drawn."""
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit", timeout=120_000)
        page.wait_for_function(DONE_JS, timeout=120_000, polling=20)
        return page.evaluate("performance.now()") / 1000
    finally:
        page.close()


def rerun_seconds(context, url: str) -> float:
    """Open `url`, change the comparator in the sidebar, and time the rerun until idle and drawn again."""
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit", timeout=120_000)
        page.wait_for_function(DONE_JS, timeout=120_000, polling=50)
        page.evaluate(WATCH_JS)
        picker = page.get_by_test_id("stSelectbox").filter(has_text="Compare with")
        picker.get_by_role("combobox").click()
        option = page.get_by_role("option", name="Region", exact=True)
        option.wait_for()
        since = page.evaluate("performance.now()")
        option.click()
        page.wait_for_function(RERUN_DONE_JS, arg=since, timeout=120_000, polling=20)
        return (page.evaluate("performance.now()") - since) / 1000
    finally:
        page.close()


def median_of(fn, runs: int = RUNS) -> float:
    fn()  # warm the server's caches for this page
    return round(statistics.median(fn() for _ in range(runs)), 3)


def has_small_areas_page() -> bool:
    return 'url_path="small-areas"' in (ROOT / "app.py").read_text()


def measure(env: dict, runs: int = RUNS) -> dict:
    """The timings against a dashboard started on `env` (HEP_DATA_DIR holding a filled store)."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    server = start_dashboard(env, port)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/_stcore/health")
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=os.environ.get("HEP_CHROMIUM_PATH", "/usr/bin/chromium"),
                                         args=CHROMIUM_ARGS)
            browser = chromium.new_context(viewport={"width": 1400, "height": 1000})
            try:
                out = {"browser_overview_all_s": median_of(lambda: page_seconds(browser, f"{base}/?area={AREA}"),
                                                           runs),
                       "browser_overview_theme_s": median_of(
                           lambda: page_seconds(browser, f"{base}/?area={AREA}&theme={THEME}"), runs)}
                views = {v: median_of(lambda v=v: page_seconds(
                    browser, f"{base}/explorer?area={AREA}&indicator={INDICATOR}&view={v}"), runs)
                    for v in EXPLORER_VIEWS}
                out["browser_explorer_s"] = max(views.values())
                out["browser_explorer_views_s"] = views
                out["browser_small_areas_s"] = median_of(
                    lambda: page_seconds(browser, f"{base}/small-areas?area={AREA}"), runs) \
                    if has_small_areas_page() else None
                out["browser_rerun_s"] = median_of(
                    lambda: rerun_seconds(browser, f"{base}/?area={AREA}&theme={THEME}"), runs)
                out["browser_floor_s"] = floor_seconds(browser, runs)
                out["browser_shell_s"] = floor_seconds(browser, runs, SHELL)
            finally:
                chromium.close()
    finally:
        server.terminate()
        server.wait(20)
    return out


HELLO = 'import streamlit as st\nst.title("Hello")\nst.write("One line.")\n'
# The same page inside a shell like the dashboard's: navigation of ten pages and the sidebar's five choices.
SHELL = """import streamlit as st
def hello():
    st.title("Hello")
    st.write("One line.")
page = st.navigation([st.Page(hello, title=f"Page {i}", icon=":material/dashboard:", url_path=f"p{i}",
                              default=i == 0) for i in range(10)])
with st.sidebar:
    st.selectbox("Area", [f"Area {i}" for i in range(400)])
    st.toggle("Interactive charts")
    st.selectbox("Profile", ["All profiles held", "Public Health Outcomes Framework"])
    st.selectbox("Inequality theme", [f"Theme {i}" for i in range(16)])
    st.selectbox("Compare with", ["England", "Region", "Nearest neighbours"])
page.run()
"""


def floor_seconds(context, runs: int, script: str = HELLO) -> float:
    """A Streamlit page with a title and a line of text (by default), timed the same way: Streamlit's own cost."""
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "hello.py").write_text(script)
        port = free_port()
        server = start_streamlit("hello.py", Path(tmp), port)
        try:
            wait_until_up(f"http://127.0.0.1:{port}/_stcore/health")
            return median_of(lambda: page_seconds(context, f"http://127.0.0.1:{port}/"), runs)
        finally:
            server.terminate()
            server.wait(20)


def filled_store(api_url: str, folder: Path) -> dict:
    env = {**os.environ, "FINGERTIPS_API_URL": api_url, "HEP_DATA_DIR": str(folder)}
    for area_type in ("502", "501"):
        subprocess.run([sys.executable, "-m", "loading", "refresh", "--profile", "public-health-outcomes-framework",
                        "--area-type", area_type], cwd=ROOT, env=env, check=True, capture_output=True)
    return env


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp, replay_server() as url:
        figures = measure(filled_store(url, Path(tmp)))
    for key, value in figures.items():
        print(f"{key}: {value}")
    print(json.dumps(figures))
