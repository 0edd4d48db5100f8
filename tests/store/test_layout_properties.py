"""Property tests of the reader: whatever order, spelling, extra columns, short rows, line ends and quoted
line breaks a Fingertips file comes in, the same typed rows are stored; a truncated or garbled file raises
FingertipsDataError and changes nothing."""
from __future__ import annotations

import csv
import io
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from errors import FingertipsDataError
from loading.refresh import import_files
from store.column_map import ALIASES, column_for
from store.db import Store
from tests.conftest import SHARED, shared_path

if SHARED is None:
    pytest.skip("../shared/fingertips is absent", allow_module_level=True)

PROPS = settings(max_examples=60, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
with open(shared_path("data", "indicator_values.csv"), newline="", encoding="utf-8") as fh:
    _reader = csv.reader(fh)
    HEADER = next(_reader)
    ROWS = [next(_reader) for _ in range(40)]
HEADER = [*HEADER, "Time period range"]
ROWS = [[*r, "1y" if i % 3 else ""] for i, r in enumerate(ROWS)]
COMPARED = ("indicator_id", "area_code", "sex", "age", "time_period", "value", "lower_ci_95", "count",
            "indicator_name", "compared_to_england", "time_period_range")
EXTRA_NAMES = st.sampled_from(["Notes", "My column", "Unnamed: 0", "", "Column not used", "x"])


def spellings(heading: str) -> st.SearchStrategy[str]:
    """The heading as Fingertips, fingertipsR, the website or a person might write it."""
    column = column_for(heading)
    base = [heading, *ALIASES.get(column or "", ())]
    return st.sampled_from(base).flatmap(lambda h: st.sampled_from(
        [h, h.upper(), h.lower(), h.replace(" ", ""), h.replace(" ", "_"), f" {h} "]))


@st.composite
def files(draw) -> tuple[str, list[list[str]]]:
    """(file text, the rows it holds, in HEADER order)."""
    order = draw(st.permutations(range(len(HEADER))))
    names = [draw(spellings(HEADER[i])) for i in order]
    extras = draw(st.lists(EXTRA_NAMES, max_size=2, unique=True))
    rows = draw(st.lists(st.sampled_from(ROWS), min_size=1, max_size=12, unique_by=lambda r: tuple(r[:12])))
    newline_names = draw(st.booleans())
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])))
    writer.writerow(names + extras)
    for row in rows:
        cells = [row[i] + ("\n" if newline_names and HEADER[i] == "Indicator Name" else "") for i in order]
        cells += ["note"] * len(extras)
        if cells[-1] == "" and draw(st.booleans()):
            cells = cells[:-1]  # the API leaves out an empty last field
        line = io.StringIO()
        csv.writer(line, lineterminator=draw(st.sampled_from(["\r\n", "\n"])),
                   quoting=writer.dialect.quoting).writerow(cells)
        out.write(line.getvalue())
    text = out.getvalue()
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text, rows


def _stored(store: Store):
    return store.query(f"SELECT {', '.join(COMPARED)} FROM core_indicator_values ORDER BY ALL")


@pytest.fixture(scope="module")
def expected_store(tmp_path_factory) -> Store:
    folder = tmp_path_factory.mktemp("expected")
    path = folder / "plain.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows([HEADER, *ROWS])
    store = Store(folder / "hep.duckdb")
    import_files([path], store=store)
    return store


@PROPS
@given(case=files())
def test_any_layout_stores_the_same_rows(case, expected_store, tmp_path_factory):
    text, rows = case
    folder = tmp_path_factory.mktemp("case")
    (folder / "file.csv").write_bytes(text.encode("utf-8"))
    store = Store(folder / "hep.duckdb")
    [result] = import_files([folder / "file.csv"], store=store)
    assert result.rows_stored == len(rows)
    got = _stored(store)
    keys = {tuple(r[:12]) for r in rows}
    want = _stored(expected_store)
    want = want[[tuple(HEADER_ROW[:12]) in keys for HEADER_ROW in _source_rows(want)]]
    assert _records(got) == _records(want)
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    for name in ("Notes", "My column", "x"):
        if f'"{name}"' in header or f",{name}" in header or header.startswith(name + ","):
            assert any(f"'{name}'" in w for w in result.warnings)


def _records(frame) -> list[list]:
    return frame.astype(object).where(frame.notna(), None).values.tolist()


def _source_rows(frame):
    """The sample row each stored row came from (matched on indicator, area, sex, age, period)."""
    by_key = {(int(r[0]), r[4], r[7], r[8], r[11]): r for r in ROWS}
    return [by_key[(int(f.indicator_id), f.area_code, f.sex or "", f.age or "", f.time_period)]
            for f in frame.itertuples()]


@pytest.fixture(scope="module")
def held_store_file(expected_store, tmp_path_factory):
    return expected_store.path


@PROPS
@given(case=files(), where=st.floats(0.1, 0.9), how=st.sampled_from(["truncate", "quote"]))
def test_truncated_or_garbled_file_changes_nothing(case, where, how, held_store_file, tmp_path_factory):
    text, rows = case
    lines = text.split("\r\n") if "\r\n" in text else text.split("\n")
    if len(rows) < 2:
        return
    body_at = text.index("\n") + 1
    cut = body_at + int((len(text) - body_at) * where)
    row_start = text.rfind("\n", 0, cut) + 1
    first_comma = text.find(",", row_start)
    if how == "truncate":
        spoilt = text[: max(first_comma, row_start) + 1]  # ends a few fields into a row
    else:
        spoilt = text[:row_start] + '"' + text[row_start:]  # an unbalanced quote
    assert lines
    folder = tmp_path_factory.mktemp("spoilt")
    shutil.copyfile(held_store_file, folder / "hep.duckdb")
    store = Store(folder / "hep.duckdb")
    before, version = _stored(store), store.version()
    (folder / "bad.csv").write_bytes(spoilt.encode("utf-8"))
    with pytest.raises(FingertipsDataError) as err:
        import_files([folder / "bad.csv"], store=store)
    assert "Nothing was imported" in str(err.value) or "nothing" in str(err.value).lower()
    assert store.version() == version and _records(_stored(store)) == _records(before)
