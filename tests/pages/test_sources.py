"""The Data & sources page: what the store holds, polarity checks, download and upload forms."""
from __future__ import annotations

from tests.apptest import open_page, texts


def sources(**params):
    return open_page("pages/data.py", **params)


def test_lists_what_the_store_holds_and_the_polarity_checks(sample_store):
    at = sources()
    assert not at.exception
    assert at.title[0].value == "Data & sources"
    assert "indicators held" in texts(at)
    held = at.dataframe[0].value
    assert {"indicator_id", "rows", "latest_period", "source", "fetched_at"} <= set(held.columns)
    assert int(held["rows"].sum()) == 155_551
    assert "92033" in texts(at) and "Low is good" in texts(at)


def test_refresh_from_the_api_fails_in_plain_english(sample_store, monkeypatch):
    monkeypatch.setenv("FINGERTIPS_API_URL", "http://127.0.0.1:9/api/")
    monkeypatch.setenv("HEP_RETRIES", "0")
    at = sources()
    next(b for b in at.button if b.label == "Download data").click().run()
    assert not at.exception
    assert "cannot be reached" in texts(at)
    assert int(at.dataframe[0].value["rows"].sum()) == 155_551  # the data already held is still listed


def test_methods_section_names_each_method_its_reference_and_indicators(sample_store):
    at = sources()
    assert not at.exception
    assert "Methods" in [h.value for h in at.header]
    page = texts(at)
    for name in ("Wilson score confidence limits", "Byar's confidence limits",
                 "Compared by: 95% confidence interval overlapping the comparator's value",
                 "Compared by: 99.8% confidence interval overlapping the comparator's value",
                 "Compared by: quintiles among areas of the same type", "Recent trend"):
        assert name in page, name
    assert "PHEindicatormethods phe_proportion" in page and "fingertips-open" in page
    assert "Used for" in " ".join(e.label for e in at.expander)
    # 247 (dementia prevalence) is compared at 99.8% in the sample's metadata
    assert "Dementia prevalence (Quality and Outcomes Framework) (247)" in page
