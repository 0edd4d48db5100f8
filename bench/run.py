"""All speed and memory figures in one run; the last line printed is a JSON object of them.

    python bench/run.py

Figures (targets from the project's issue on performance):
  import_ratio_vs_duckdb      import of the 155k-row sample / a bare DuckDB read_csv of it   (<= 1.5)
  overview_warm_ms            a warm area overview (one area, one profile, benchmarked)       (<= 50 ms)
  overview_speedup_vs_refetch the same view by re-downloading the profile CSV and filtering
                              it with pandas on each request (what existing clients do), / warm (>= 20)
  cold_first_view_s           first view of a new area: area, indicators and benchmarks computed
                              from the store with empty caches                                 (<= 3 s)
  small_area_import_ratio_vs_duckdb  import of the 116k-row small-area sample / a bare DuckDB read_csv of it
  small_areas_warm_ms         a warm Small areas page for Blackpool (its 19 MSOAs refreshed from the replay server
                              for Local Health, 2011 MSOA boundaries imported): map, ranking, table, finding
  premature_warm_ms           a warm Premature mortality page (Blackpool, preventable causes: league table,
                              grades, similar areas, ranks across causes and their figures)
  board_pack_20_s             a 20-item board pack (PPTX), the chart browser already open as the
                              Board pack page leaves it (bench/board_pack.py; _cold_s: starting it) (<= 6 s)
  peak_rss_mb                 the dashboard's peak memory (VmHWM) after every page was opened
                              for an England, region, county and district area, with the LA sample
                              (PHOF for counties and districts) and the small-area sample loaded (<= 400 MB)
  import_small_into_large_s   1,000 rows imported into a store of 5 million (bench/store_write.py)  (<= 1 s)
  import_small_ratio          ... / the same import into an empty store, measured in the same run    (<= 3x)
  browser_*_s                 what people wait for in a browser (bench/browser.py): overview all themes
                              (<= 2.0 s), one theme (<= 1.0 s), explorer slowest view (<= 1.0 s), small areas
                              (<= 1.5 s; null while the app has no such page), a sidebar change (<= 0.8 s),
                              and browser_floor_s, a bare Streamlit page timed the same way, and
                              browser_shell_s, that page with the dashboard's navigation and sidebar choices
  load_average                the machine's 1-minute load average at the start and the end of the run
                              (the machine is shared: browser and Chromium figures move with it)
"""
from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import ROOT, best_of, free_port, need_shared, replay_server, start_streamlit, wait_until_up  # noqa: E402

logging.getLogger("streamlit").setLevel(logging.ERROR)


def overview_figures(api_url: str, data_dir: Path) -> dict:
    os.environ["FINGERTIPS_API_URL"] = api_url
    os.environ["HEP_DATA_DIR"] = str(data_dir)
    import pandas as pd

    from connectors.fingertips import FingertipsClient
    from loading.refresh import refresh_profile
    from services import overview
    from services.data import clear_caches

    for area_type in (502, 501):
        refresh_profile("public-health-outcomes-framework", area_type)
    area_code = "E06000009"

    def view(code: str):
        area = overview.area_context(code)
        ids = overview.indicator_ids("public-health-outcomes-framework", "all")
        params = overview.OverviewParams(code, "england", area.region_code, area.peers)
        return overview.overview_table(ids, params)

    clear_caches()
    start = time.perf_counter()
    table = view(area_code)
    cold = time.perf_counter() - start
    warm = best_of(lambda: view(area_code), 5)

    client = FingertipsClient(api_url)

    def refetch():
        with tempfile.TemporaryDirectory() as tmp:
            path = client.download_data(Path(tmp) / "p.csv", profile_id=19, child_area_type_id=502,
                                        parent_area_type_id=6)
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            return frame[frame["Area Code"].isin([area_code, "E92000001"])]

    refetch_s = best_of(refetch, 3)
    clear_caches()
    start = time.perf_counter()
    view("E07000117")  # a district not yet viewed
    cold_new = time.perf_counter() - start
    from services import premature

    blackpool = overview.area_context(area_code)
    premature.view(blackpool, "preventable", "england")
    premature_warm = best_of(lambda: premature.view(blackpool, "preventable", "england"), 5)
    return {"premature_warm_ms": round(premature_warm * 1000, 1),
            "overview_rows": len(table), "overview_warm_ms": round(warm * 1000, 2),
            "overview_refetch_ms": round(refetch_s * 1000, 1),
            "overview_speedup_vs_refetch": round(refetch_s / warm, 1),
            "cold_first_view_s": round(max(cold, cold_new), 3)}


def small_area_figures(api_url: str, data_dir: Path) -> dict:
    """Blackpool's small areas refreshed from the replay with its MSOA boundaries imported; the page warm."""
    os.environ["FINGERTIPS_API_URL"] = api_url
    os.environ["HEP_DATA_DIR"] = str(data_dir)
    from bench.common import need_shared
    from loading.boundaries import import_boundary_files
    from loading.small_areas import refresh_small_areas
    from services import overview, small_areas
    from services import small_area_views as sv
    from services.data import clear_caches

    refresh_small_areas("local-health", ["E06000009"])
    import_boundary_files([need_shared() / "data" / "boundaries" / "msoa" / "2011" / "E06000009.geojson"])

    def page():  # what pages/small-areas.py asks of services
        blackpool = overview.area_context("E06000009")
        assert small_areas.has_data(blackpool.code)
        small_areas.indicator_options(blackpool.code, None)
        small_areas.sex_options(blackpool.code, 93250)
        return sv.view(blackpool, 93250, None)

    clear_caches()
    start = time.perf_counter()
    page()
    cold = time.perf_counter() - start
    warm = best_of(page, 5)
    return {"small_areas_warm_ms": round(warm * 1000, 2), "small_areas_cold_ms": round(cold * 1000, 1)}


def peak_rss(api_url: str, data_dir: Path) -> float:
    """Start the dashboard, open each page for four areas in headless Chromium, read the server's VmHWM."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    env = {**os.environ, "FINGERTIPS_API_URL": api_url, "HEP_DATA_DIR": str(data_dir)}
    server = start_streamlit("app.py", ROOT, port, env)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/_stcore/health")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=os.environ.get("HEP_CHROMIUM_PATH", "/usr/bin/chromium"),
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page()
            for area in ("E92000001", "E12000002", "E06000009", "E07000117"):
                for path in ("", "explorer?indicator=90366&view=compare&", "explorer?indicator=90366&view=trend&"):
                    sep = "?" if not path else ""
                    page.goto(f"http://127.0.0.1:{port}/{path}{sep}area={area}", timeout=60_000)
                    page.wait_for_selector("[data-testid='stAppViewContainer']", timeout=60_000)
                    page.wait_for_timeout(2500)
            browser.close()
        status = Path(f"/proc/{server.pid}/status").read_text()
        return round(int(next(ln.split()[1] for ln in status.splitlines() if ln.startswith("VmHWM"))) / 1024, 1)
    finally:
        server.terminate()
        server.wait(20)


def main() -> None:
    shared = need_shared()
    from bench import browser, ingest, store_write
    from bench.board_pack import build_both, build_items

    figures = {"load_average": [round(os.getloadavg()[0], 2)]}
    figures.update(ingest.measure(repeat=2))
    print(f"import: {figures['import_s']} s vs bare DuckDB {figures['duckdb_read_csv_s']} s "
          f"-> {figures['import_ratio_vs_duckdb']}x", flush=True)
    figures.update(ingest.small_area_measure(repeat=2))
    print(f"small-area import: {figures['small_area_import_s']} s vs bare DuckDB "
          f"{figures['small_area_duckdb_read_csv_s']} s -> {figures['small_area_import_ratio_vs_duckdb']}x", flush=True)
    with tempfile.TemporaryDirectory() as tmp, replay_server() as api_url:
        figures.update(overview_figures(api_url, Path(tmp)))
        figures.update(small_area_figures(api_url, Path(tmp)))
        print(f"small areas page (Blackpool) warm: {figures['small_areas_warm_ms']} ms", flush=True)
        print(f"overview: warm {figures['overview_warm_ms']} ms, refetch {figures['overview_refetch_ms']} ms "
              f"-> {figures['overview_speedup_vs_refetch']}x; cold first view {figures['cold_first_view_s']} s; "
              f"premature mortality warm {figures['premature_warm_ms']} ms",
              flush=True)
        small_area = shared / "data" / "small_area" / "indicator_values_msoa.csv"
        if small_area.exists():
            from loading.refresh import import_files
            from store.db import Store
            import_files([small_area], store=Store(Path(tmp) / "hep.duckdb"))
        figures["peak_rss_mb"] = peak_rss(api_url, Path(tmp))
        print(f"dashboard peak memory: {figures['peak_rss_mb']} MB", flush=True)
        figures.update(browser.measure({**os.environ, "FINGERTIPS_API_URL": api_url, "HEP_DATA_DIR": tmp}))
        print("browser: " + ", ".join(f"{k} {v}" for k, v in figures.items() if k.startswith("browser_")), flush=True)
    figures.update(store_write.measure())
    print(f"1,000 rows into 5 million: {figures['import_small_into_large_s']} s, "
          f"{figures['import_small_ratio']}x the empty store's {figures['import_small_empty_s']} s", flush=True)
    items, meta = build_items(shared / "data")
    _, cold = build_both(items, meta, warm=False)
    items, meta = build_items(shared / "data")  # new figures: no picture drawn before is reused
    _, seconds = build_both(items, meta)
    figures["board_pack_20_s"] = round(seconds["pptx"], 1)
    figures["board_pack_20_pdf_s"] = round(seconds["pdf"], 1)
    figures["board_pack_20_cold_s"] = round(cold["pptx"], 1)
    print(f"board pack (20 items): PPTX {seconds['pptx']:.1f} s with the browser warm ({cold['pptx']:.1f} s "
          f"starting it), PDF after it {seconds['pdf']:.1f} s", flush=True)
    figures["load_average"].append(round(os.getloadavg()[0], 2))
    keys = ["import_ratio_vs_duckdb", "overview_warm_ms", "overview_speedup_vs_refetch", "cold_first_view_s",
            "board_pack_20_s", "peak_rss_mb", "small_areas_warm_ms", "small_area_import_ratio_vs_duckdb",
            "import_small_into_large_s", "import_small_ratio", "browser_overview_all_s", "browser_overview_theme_s",
            "browser_explorer_s", "browser_small_areas_s", "browser_rerun_s"]
    print(json.dumps({k: figures[k] for k in keys} | {k: v for k, v in figures.items() if k not in keys}))


if __name__ == "__main__":
    main()
