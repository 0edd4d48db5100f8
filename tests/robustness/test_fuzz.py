"""Property tests: whatever a file, a catalogue folder, an upload or a link holds, only the project's own
typed errors come out (HEPError subclasses, CatalogueError), the store is unchanged by a failure, and no raw
HTML or Markdown from a link is rendered on a page.
"""
from __future__ import annotations

import csv
import re
import shutil
import tempfile
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from errors import HEPError
from guidance.catalogue import CatalogueError, load_catalogue
from loading.refresh import import_files
from services import loading
from store.db import Store
from tests.apptest import run_app, texts
from tests.conftest import NO_SHARED, SHARED, shared_path
from tests.guidance.conftest import KNOWN_IDS, _parts, write_parts
from tests.robustness.conftest import csv_text, fingerprint, leftovers, sample_head

FUZZ = settings(max_examples=200, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
FUZZ_PAGES = settings(FUZZ, max_examples=150)  # two page runs per example (under 1 s): about two minutes
TINY_INDICATORS = ("90366", "92443")
if SHARED is None:
    pytest.skip(NO_SHARED, allow_module_level=True)


# ---- (a) the CSV importer -------------------------------------------------------------------------------
VALUES_HEADER, REAL_ROWS = sample_head(shared_path("data", "indicator_values.csv"), 40)
METADATA_HEADER = sample_head(shared_path("data", "indicator_metadata.csv"), 0)[0]
CELLS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "NA", "-", "x", "1.5", "-0", "1e308", "1e999", "nan", "inf", "2023/24", "2023 - 25", '"',
                     "a,b", "line\nbreak", "E06000009", "E92000001", "Persons", "All ages", "90366", "2147483648",
                     "\x00", "\ufeff", "é", "Better 95%"]),
)
HEADERS = st.one_of(
    st.just(VALUES_HEADER),
    st.just(METADATA_HEADER),
    st.lists(st.sampled_from(VALUES_HEADER + METADATA_HEADER) | st.text(max_size=10), max_size=30),
    st.permutations(VALUES_HEADER),
    st.just(VALUES_HEADER).flatmap(lambda h: st.lists(st.sampled_from(h), min_size=len(h) - 3, max_size=len(h) + 3)),
)


@st.composite
def csv_files(draw) -> bytes:
    """Random bytes, or a CSV with a real, shuffled or random header and real or random cells, written with
    proper or broken quoting, any line ending, with or without a BOM, in UTF-8 or another encoding."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=3000))
    header = draw(HEADERS)
    width = st.integers(0, len(header) + 2) if draw(st.booleans()) else st.just(len(header))
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        if header == VALUES_HEADER and draw(st.booleans()):
            row = list(draw(st.sampled_from(REAL_ROWS)))
            for i in draw(st.lists(st.integers(0, len(row) - 1), max_size=4)):
                row[i] = draw(CELLS)
        else:
            n = draw(width)
            row = draw(st.lists(CELLS, min_size=n, max_size=n))
        rows.append(row)
    if draw(st.booleans()):
        text = csv_text(header, rows)
    else:  # no quoting at all
        text = "\r\n".join(",".join(r) for r in [header, *rows])
    text = text.replace("\r\n", draw(st.sampled_from(["\r\n", "\n", "\r"])))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "latin-1", "cp1252", "utf-16", "utf-32"]))
    return text.encode(encoding, errors="replace")


@pytest.fixture(scope="module")
def tiny_store_file(tmp_path_factory, sample_csv, sample_metadata_csv) -> Path:
    """A store with two indicators of the sample (all their areas) and every definition: pages draw fast."""
    folder = tmp_path_factory.mktemp("tiny")
    header, _ = sample_head(sample_csv, 0)
    with open(sample_csv, newline="", encoding="utf-8-sig") as fh:
        rows = [r for r in csv.reader(fh) if r and r[0] in TINY_INDICATORS]
    (folder / "values.csv").write_text(csv_text(header, rows), encoding="utf-8")
    store = Store(folder / "hep.duckdb")
    import_files([folder / "values.csv", sample_metadata_csv], store=store)
    return store.path


@pytest.fixture
def tiny_store(tiny_store_file, data_dir) -> Store:
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(tiny_store_file, data_dir / "hep.duckdb")
    return Store(data_dir / "hep.duckdb")


@FUZZ
@given(content=csv_files(), name=st.sampled_from(["indicators.data.csv", "indicator-metadata.csv", "x.csv"]))
def test_importer_raises_only_typed_errors_and_a_failure_changes_nothing(content, name, tiny_store, tmp_path):
    path = tmp_path / name
    path.write_bytes(content)
    before, version = fingerprint(tiny_store), tiny_store.version()
    try:
        import_files([path], store=tiny_store)
    except HEPError as exc:
        assert str(exc).strip()
        assert fingerprint(tiny_store) == before and tiny_store.version() == version
    assert leftovers(tiny_store.path.parent) == []
    fingerprint(tiny_store)  # the store still opens


# ---- (b) the guidance catalogue (tests/guidance fuzzes its text and structure; here, its bytes) --------------
YAMLISH = st.sampled_from(["resources:\n- id: a\n", "themes: [", "é: ü\n", "- \x00\n", "\ufeffthemes: []\n", "\t"])


@FUZZ
@given(file=st.sampled_from(["resources.yaml", "themes.yaml", "indicator_allowlist.yaml"]),
       content=st.binary(max_size=400) | st.builds(lambda t, e: t.encode(e, errors="replace"),
                                                   st.text(max_size=60) | YAMLISH,
                                                   st.sampled_from(["latin-1", "utf-16", "utf-32", "cp1252"])))
def test_catalogue_files_in_any_encoding_raise_only_catalogue_error(file, content):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_parts(Path(tmp), _parts())
        (folder / file).write_bytes(content)
        try:
            load_catalogue(folder, known_indicator_ids=set(KNOWN_IDS))
        except CatalogueError as err:
            assert err.problems and all(isinstance(p, str) and p for p in err.problems)


def test_catalogue_file_that_is_a_folder_is_reported(tmp_path):
    folder = write_parts(tmp_path, _parts())
    (folder / "themes.yaml").unlink()
    (folder / "themes.yaml").mkdir()
    with pytest.raises(CatalogueError) as err:
        load_catalogue(folder)
    assert any("themes.yaml" in p for p in err.value.problems)


# ---- (c) links: every URL parameter, on the overview and the explorer ------------------------------------------
EVIL = "evil.example"
PAYLOADS = [f"<script>alert('{EVIL}')</script>", f"[log in]({'https://' + EVIL})", f"![x](https://{EVIL}/p.png)",
            f"<img src=x onerror=alert('{EVIL}')>", f"https://{EVIL}", "javascript:alert(1)",
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "\u202eE06000009", "９０３６６", "²", "90366.0", "-1", "1e999",
            "99999999999999999999", " 90366 ", "'; DROP TABLE core_areas; --", "..", "\x00", "\n# Heading\n- item"]
VALID = ["E06000009", "e06000009", "E92000001", "E07000117", "E12000002", "children-young-people", "all",
         "90366", "92443", "93763", "compare", "trend", "map", "distribution", "inequalities", "definitions",
         "england", "region", "neighbours", "public-health-outcomes-framework"]
URL_VALUES = st.one_of(
    st.sampled_from(VALID), st.sampled_from(PAYLOADS),
    st.text(max_size=40),
    st.text(min_size=300, max_size=3000),
    st.tuples(st.sampled_from(VALID), st.sampled_from(PAYLOADS)).map("".join),
    st.text(max_size=30).map(quote),
)
URL_PARAMS = st.dictionaries(st.sampled_from(["area", "theme", "indicator", "view", "comparator", "profile"]),
                             URL_VALUES, min_size=1, max_size=6)
MARKDOWN_KINDS = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success")


def _page_is_safe(at) -> None:
    assert not at.exception, at.exception
    assert "Something went wrong" not in texts(at)
    for kind in MARKDOWN_KINDS:
        for element in getattr(at, kind):
            rendered = re.sub(r"\\.", "", str(element.value))  # escaped characters show literally
            for raw in ("<script", "<img", f"]({'https://' + EVIL}", f"](https://{EVIL}/p.png)"):
                assert raw not in rendered, (kind, element.value)


@FUZZ_PAGES
@given(params=URL_PARAMS)
def test_any_link_opens_the_overview_and_the_explorer_safely(params, tiny_store, monkeypatch):
    monkeypatch.setenv("FINGERTIPS_API_URL", "http://127.0.0.1:9/api/")  # neighbours: refused at once
    monkeypatch.setenv("ONS_BOUNDARY_URL_TEMPLATE", "http://127.0.0.1:9/{dataset}")
    monkeypatch.setenv("HEP_RETRIES", "0")
    at = run_app(**params)
    _page_is_safe(at)
    at.switch_page("pages/explorer.py")
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    _page_is_safe(at)


# ---- uploads: size-limited and checked before anything is imported -------------------------------------------
def _upload(name: str, size: int) -> SimpleNamespace:
    data = b"x" * size
    return SimpleNamespace(name=name, size=len(data), getvalue=lambda: data)


UPLOAD_NAMES = st.one_of(st.sampled_from(["indicators.csv", "../../etc/passwd.csv", "/tmp/x.csv", "a/b/c.csv", "",
                                          ".", "..", "\x00.csv", "é ü.csv", ".hidden.csv", "漢" * 150 + ".csv"]),
                         st.text(max_size=300))


@FUZZ
@given(sizes=st.lists(st.integers(0, 2_000_000), min_size=1, max_size=3), names=st.lists(UPLOAD_NAMES, min_size=3,
                                                                                          max_size=3))
def test_uploads_over_the_limit_are_refused_before_import(sizes, names, data_dir, monkeypatch):
    monkeypatch.setenv("HEP_MAX_UPLOAD_MB", "1")
    imported: list[list[Path]] = []

    def record(paths, store=None):
        imported.append([Path(p) for p in paths])
        assert len(set(paths)) == len(uploads)  # one file each, none written over another
        for p, u in zip(paths, uploads):
            assert Path(p).parent.parent == data_dir  # saved inside a temporary folder of HEP_DATA_DIR
            assert Path(p).read_bytes() == u.getvalue()
        return []

    monkeypatch.setattr(loading, "import_files", record)
    uploads = [_upload(n, s) for n, s in zip(names, sizes)]
    if max(sizes) > 1_000_000:
        with pytest.raises(ValueError, match="larger than the 1 MB limit"):
            loading.import_uploads(uploads)
        assert imported == []
    else:
        loading.import_uploads(uploads)
        assert len(imported) == 1
    assert leftovers(data_dir) == []


def test_too_large_upload_in_the_page_is_refused_and_the_store_kept(tiny_store, monkeypatch):
    monkeypatch.setenv("HEP_MAX_UPLOAD_MB", "1")
    before, version = fingerprint(tiny_store), tiny_store.version()
    at = run_app()
    at.switch_page("pages/data.py")
    at.run()
    at.get("file_uploader")[0].set_value(("big.csv", b"x" * 1_500_000, "text/csv")).run()
    next(b for b in at.button if b.label == "Import files").click().run()
    assert not at.exception
    assert "big.csv is larger than the 1 MB limit" in texts(at)
    assert fingerprint(tiny_store) == before and tiny_store.version() == version
