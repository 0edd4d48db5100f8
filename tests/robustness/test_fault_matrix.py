"""Every fault the network or a file can throw, on every surface that meets it.

Faults: a reply slower than the read time-out, 500, 503, 429 with Retry-After, connection refused, a body cut
off, a malformed CSV or JSON body, a bulk CSV with a missing column or with no rows, an unknown
profile and an unknown area. Surfaces: the CLI (refresh, import), the welcome page's download form on an empty
store, the Data & sources page's download form on a filled store, the overview comparing with nearest
neighbours not yet held, the explorer's download offer for an indicator not held, and the explorer's map
(boundaries not yet held).

For each pair: nothing crashes (no traceback, exit status 2 or 3), the message says what happened and what to
do next, the data already held is still shown with its "Data as of" date, and the store is unchanged (row
count, checksum, version) with no half-written file or download left behind.
"""
from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from services import loading
from store import queries
from store.db import Store
from tests.apptest import open_page, run_app, texts
from tests.robustness.conftest import (
    FAST_NETWORK,
    PHOF,
    cli,
    cli_error,
    closed_port_url,
    csv_text,
    faulty_csv,
    fingerprint,
    leftovers,
    sample_frame,
    sample_head,
)

NEXT_STEP = re.compile(r"try again|wait a minute|check the|choose|upload|import|instead|other views|"
                       r"nothing was (imported|changed)", re.IGNORECASE)
NETWORK = ("timeout", "http-500", "http-503", "http-429", "refused")
NO_PROFILE, NO_AREA_TYPE, NO_NEIGHBOURS_AREA = "no-such-profile", 999, "E06000001"  # Hartlepool: no CIPFA list


@dataclass(frozen=True)
class Fault:
    said: tuple[str, ...]  # any of these tells the person what happened
    exit: int = 2  # the CLI's exit status: 3 the API cannot be used, 2 bad content or arguments
    replay: dict = field(default_factory=dict)  # the replay server's fault state
    env: dict = field(default_factory=dict)
    csv: str | None = None  # a spoilt bulk CSV (see conftest.faulty_csv)
    body: bool = False  # aimed at the bulk CSV on surfaces that download one, else at the first JSON reply


FAULTS = {
    "timeout": Fault(("did not answer in time",), 3, {"latency_ms": 3000}, {"HEP_READ_TIMEOUT": "1"}),
    "http-500": Fault(("server error (500)",), 3, {"fail_next": 1000, "status": 500}),
    "http-503": Fault(("server error (503)",), 3, {"fail_next": 1000, "status": 503, "retry_after": 1}),
    "http-429": Fault(("limiting requests (429)",), 3, {"fail_next": 1000, "status": 429, "retry_after": 1}),
    "refused": Fault(("cannot be reached",), 3),
    "truncated": Fault(("cut off", "could not be read"), 2, {"truncate_next": 1000}, csv="truncated", body=True),
    "malformed-csv": Fault(("missing columns",), 2, {"malformed_next": 1000}, csv="malformed", body=True),
    "malformed-json": Fault(("not valid JSON", "not valid GeoJSON"), 2, {"malformed_next": 1000}),
    "missing-column": Fault(("missing columns: Value",), csv="missing"),
    "empty-csv": Fault(("no data",), csv="empty"),
    "unknown-profile": Fault(("No Fingertips profile has the id or key",)),
    "unknown-area": Fault(("no areas of area type", "no nearest-neighbour list")),
}
REFRESHING = (*NETWORK, "truncated", "malformed-csv", "malformed-json", "missing-column",
              "empty-csv", "unknown-profile", "unknown-area")


@dataclass
class Case:
    """What a surface needs: the store, the fault's name, and pytest's helpers."""
    store: Store
    fault: str
    monkeypatch: pytest.MonkeyPatch
    tmp_path: Path
    sample_csv: Path
    missing_indicator: int


@dataclass(frozen=True)
class Surface:
    run: Callable[[Case], str]  # does what a person would do; returns what they read
    faults: tuple[str, ...]
    empty_store: bool = False
    downloads_csv: bool = True
    may_write: tuple[str, ...] = ()  # faults after which a (correct) write is expected


def _click(at, label: str):
    next(b for b in at.button if b.label.startswith(label)).click().run()
    return at


def _no_crash(at) -> str:
    text = texts(at)
    assert not at.exception, at.exception
    assert "Something went wrong" not in text and "Traceback" not in text
    return text


def _alerts(at) -> str:
    """The errors and warnings on the page: where a fault must be explained."""
    return "\n".join(str(e.value) for e in [*at.error, *at.warning])


def _choose_unknown(case: Case, at) -> None:
    """Put a profile or an area type the API does not know into the download form."""
    if case.fault == "unknown-profile":
        case.monkeypatch.setitem(loading.DEFAULT_PROFILES, NO_PROFILE, "A profile Fingertips does not have")
        at.run()
        next(m for m in at.multiselect if m.label == "Profiles").set_value([NO_PROFILE])
    elif case.fault == "unknown-area":
        case.monkeypatch.setitem(loading.AREA_TYPES, NO_AREA_TYPE, "An area type Fingertips does not have")
        at.run()
        next(m for m in at.multiselect if m.label == "Geographies").set_value([NO_AREA_TYPE])


def _explorer(**params):
    return open_page("pages/explorer.py", **params)


def _shown_with_date(text: str, as_of: str) -> None:
    assert f"Data as of {as_of}" in text, text


# ---- the surfaces ----------------------------------------------------------------------------------------
def cli_refresh(case: Case) -> str:
    profile = NO_PROFILE if case.fault == "unknown-profile" else PHOF
    area_type = str(NO_AREA_TYPE) if case.fault == "unknown-area" else "502"
    done = cli("refresh", "--profile", profile, "--area-type", area_type)
    assert done.returncode == FAULTS[case.fault].exit, done.stderr
    return cli_error(done)


def cli_import(case: Case) -> str:
    path = case.tmp_path / "indicators.data.csv"
    path.write_bytes(faulty_csv(csv_text(*sample_head(case.sample_csv, 2000)), FAULTS[case.fault].csv).encode())
    done = cli("import", str(path))
    assert done.returncode == 2, done.stderr
    return cli_error(done)


def welcome_download(case: Case) -> str:
    at = run_app()
    assert at.title[0].value == "Welcome to Health Equity Planner"
    _choose_unknown(case, at)
    text = _no_crash(_click(at, "Download data"))
    assert at.title[0].value == "Welcome to Health Equity Planner" and "did not finish" in str(at.status[0].label)
    assert "The local store is empty" in text
    return _alerts(at)


def sources_download(case: Case) -> str:
    as_of = queries.data_as_of(case.store)
    at = run_app()
    at.switch_page("pages/data.py")
    at.run()
    _choose_unknown(case, at)
    text = _no_crash(_click(at, "Download data"))
    assert at.title[0].value == "Data & sources" and "indicators held" in text and len(at.dataframe) == 1
    _shown_with_date(text, as_of)
    return _alerts(at)


def overview_neighbours(case: Case) -> str:
    as_of = queries.data_as_of(case.store)
    area = NO_NEIGHBOURS_AREA if case.fault == "unknown-area" else "E08000009"
    at = run_app(area=area, comparator="neighbours")
    text = _no_crash(at)
    assert at.title[0].value == {"E08000009": "Trafford", NO_NEIGHBOURS_AREA: "Hartlepool"}[area]
    assert "England is used instead" in text and re.search(r"Of \d+ indicators", text), text
    _shown_with_date(text, as_of)
    return _alerts(at)


def explorer_download(case: Case) -> str:
    as_of = queries.data_as_of(case.store)
    at = _explorer(area="E06000009", indicator=str(case.missing_indicator))
    assert f"Indicator {case.missing_indicator} is not in the local store" in _no_crash(at)
    text = _no_crash(_click(at, "Download indicator"))
    assert at.title[0].value and f"Indicator {case.missing_indicator} is not in the local store" in text
    assert at.get("plotly_chart"), "the indicator shown before the failure is still drawn"
    _shown_with_date(text, as_of)
    return _alerts(at)


def explorer_map(case: Case) -> str:
    as_of = queries.data_as_of(case.store)
    at = _explorer(area="E06000009", indicator="90366", view="map")
    text = _no_crash(at)
    assert at.title[0].value == "Life expectancy at birth" and "The map cannot be drawn" in text
    _shown_with_date(text, as_of)
    return _alerts(at)


SURFACES = {
    "cli-refresh": Surface(cli_refresh, REFRESHING),
    "cli-import": Surface(cli_import, ("truncated", "malformed-csv", "missing-column", "empty-csv")),
    "welcome-download": Surface(welcome_download, REFRESHING, empty_store=True),
    "sources-download": Surface(sources_download, REFRESHING),
    "overview-neighbours": Surface(overview_neighbours, (*NETWORK, "truncated", "malformed-json", "unknown-area"),
                                   downloads_csv=False, may_write=("unknown-area",)),
    "explorer-download": Surface(explorer_download, (*NETWORK, "truncated", "malformed-csv",
                                                     "missing-column", "empty-csv")),
    "explorer-map": Surface(explorer_map, (*NETWORK, "truncated", "malformed-json"), downloads_csv=False),
}
CASES = [pytest.param(s, f, id=f"{s}:{f}") for s, surface in SURFACES.items() for f in surface.faults]


@pytest.fixture(scope="module")
def missing_indicator(sample_csv, held_store_file) -> int:
    """An indicator of the sample with county data that the refreshed store does not hold."""
    frame = sample_frame(sample_csv, usecols=["Indicator ID", "Area Code"])
    counties = set(frame.loc[frame["area_code"].str.startswith("E06"), "indicator_id"])
    held = set(Store(held_store_file).query("SELECT DISTINCT indicator_id FROM core_indicator_values")["indicator_id"])
    return int(min(counties - held))


@pytest.fixture(scope="module")
def held_folder(held_store_file, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("matrix")
    shutil.copyfile(held_store_file, folder / "hep.duckdb")
    return folder


@pytest.fixture
def shared_held_store(held_folder, held_store_file, monkeypatch) -> Store:
    """The refreshed store, shared by the cases so pages stay cached: each case proves it unchanged, and
    one that wrote (or failed) leaves a fresh copy for the next."""
    monkeypatch.setenv("HEP_DATA_DIR", str(held_folder))
    store = Store(held_folder / "hep.duckdb")
    version = store.version()
    yield store
    if store.version() != version or leftovers(held_folder):
        shutil.rmtree(held_folder)
        held_folder.mkdir()
        shutil.copyfile(held_store_file, store.path)


@pytest.mark.parametrize("surface_name, fault_name", CASES)
def test_fault(surface_name, fault_name, request, replay, tamper, monkeypatch, tmp_path, sample_csv,
               missing_indicator):
    surface, fault = SURFACES[surface_name], FAULTS[fault_name]
    store = Store(request.getfixturevalue("data_dir") / "hep.duckdb") if surface.empty_store else \
        request.getfixturevalue("shared_held_store")
    for name, value in {**FAST_NETWORK, **fault.env}.items():
        monkeypatch.setenv(name, value)
    tamper.mode = None if fault.replay else fault.csv  # CSV faults the replay server cannot make itself
    api = tamper.url if tamper.mode else replay.url
    boundaries = replay.url + "areas/by_area_type?area_type_id=502&dataset={dataset}"  # JSON, but not GeoJSON
    if fault_name == "refused":
        api, boundaries = closed_port_url() + "api/", closed_port_url() + "{dataset}.geojson"
    monkeypatch.setenv("FINGERTIPS_API_URL", api)
    monkeypatch.setenv("ONS_BOUNDARY_URL_TEMPLATE", boundaries)
    state = {**fault.replay, **({"path_contains": "all_data"} if fault.body and surface.downloads_csv else {})}
    before, version = fingerprint(store), store.version()

    replay.fault(**state)
    said = surface.run(Case(store, fault_name, monkeypatch, tmp_path, sample_csv, missing_indicator))
    replay.reset()

    assert any(words in said for words in fault.said), said
    assert NEXT_STEP.search(said), said
    assert fingerprint(store) == before
    if fault_name not in surface.may_write:
        assert store.version() == version
    assert leftovers(store.path.parent) == []


# ---- an extra column is not a fault: the file is imported and the summary warns, naming the column -------------
@pytest.mark.parametrize("command", ["import", "refresh"])
def test_an_extra_column_is_imported_with_a_warning(command, replay, tamper, monkeypatch, tmp_path, sample_csv,
                                                    data_dir):
    for name, value in FAST_NETWORK.items():
        monkeypatch.setenv(name, value)
    if command == "import":
        path = tmp_path / "indicators.data.csv"
        path.write_bytes(faulty_csv(csv_text(*sample_head(sample_csv, 200)), "extra").encode())
        done = cli("import", str(path))
    else:
        tamper.mode = "extra"
        monkeypatch.setenv("FINGERTIPS_API_URL", tamper.url)
        done = cli("refresh", "--profile", PHOF, "--area-type", "502")
    assert done.returncode == 0, done.stderr
    assert "the column 'Extra notes' is not one Fingertips writes; it was not imported" in done.stdout
    assert fingerprint(Store(data_dir / "hep.duckdb")).rows > 0
