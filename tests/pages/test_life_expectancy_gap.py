"""The life-expectancy gap page in AppTest: the England decile file (the issue's done-criterion), no data, an
area against England with causes and ONS rounding, sparse groups and bad URL values."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis.decomposition import PHE_START_AGES, band_labels
from store.db import Store
from store.mortality import write_dataset
from tests.apptest import open_page
from tests.apptest import texts as _texts

PAGE = "pages/life-expectancy-gap.py"
BCP = "E06000058"


def gap_page(**params):
    return open_page(PAGE, **params)


def texts(at) -> str:
    """The page's text as people read it (bold marks removed)."""
    return _texts(at).replace("**", "")


def charts(at) -> list[str]:
    return [json.loads(c.proto.spec)["layout"]["meta"]["chart"] for c in at.get("plotly_chart")]


def _area_rows(rounded: bool = True) -> pd.DataFrame:
    """An area and England with deaths by cause at every PHE band (made-up rates: the area's are 30% higher)."""
    rows = []
    for group, code, scale, pop in (("Bournemouth, Christchurch and Poole", BCP, 1.3, 20_000.0),
                                    ("England", "E92000001", 1.0, 3_000_000.0)):
        for sex, sex_scale in (("Male", 1.2), ("Female", 1.0)):
            for start, label in zip(PHE_START_AGES, band_labels(PHE_START_AGES), strict=True):
                rate = 0.0005 * np.exp(0.085 * start) * scale * sex_scale
                total = round(rate * pop * 3)
                for cause, share in (("All causes", 1.0), ("Circulatory", 0.3), ("Cancer", 0.25)):
                    rows.append({"group_name": group, "group_code": code, "sex": sex, "age": label, "cause": cause,
                                 "year": 2019, "deaths": round(total * share), "population": pop * 3,
                                 "rounded": rounded and code == BCP})
    return pd.DataFrame(rows)


def _store_rows(data_dir, rows: pd.DataFrame, dataset: str, kind: str, source: str) -> None:
    store = Store(data_dir / "hep.duckdb")
    with store.writer() as con:
        write_dataset(con, store, rows, dataset=dataset, kind=kind, source=source)


def test_the_decile_file_gives_the_most_vs_least_deprived_gap_to_75(imd_store):
    """Done-criterion: from a fresh store with only the shared decile file, decile 1 vs 10, males."""
    at = gap_page(sex="male")
    assert not at.exception
    shown = texts(at)
    assert "Male life expectancy to age 75 (2001–2016): IMD decile 1 67.7 years, IMD decile 10 72.4 years; " \
           "the gap is 4.62 years (55.4 months)." in shown
    assert "The data stop at age 74, so life expectancy to 75 is shown" in shown
    assert "Age bands contributing most to the gap: 60-64 (7.4 months), 55-59 (7.1 months), 50-54 (6.4 months)." \
        in shown
    assert "Of the 4.6-year gap in male life expectancy to age 75 between IMD decile 1 and IMD decile 10" in shown
    assert charts(at) == ["gap_by_age"] and "split by age band but not by cause" in shown
    assert "The Segment Tool: segmenting life expectancy gaps by cause of death" in shown  # guidance beside it
    assert at.query_params["a"] in ("IMD decile 1", ["IMD decile 1"])
    assert at.query_params["b"] in ("IMD decile 10", ["IMD decile 10"])
    at.select_slider[0].set_range(2014, 2016).run()
    assert not at.exception
    assert "Male life expectancy to age 75 (2014–2016)" in texts(at) and "the gap is 4.22 years" in texts(at)
    assert "60-64" in texts(at).split("Age bands contributing most to the gap: ")[1][:10]
    assert any(b.label == "Add to board pack" for b in at.button)


def test_groups_and_sex_come_from_the_link(imd_store):
    at = gap_page(a="IMD decile 3", b="IMD decile 8", sex="female", compare="groups")
    assert not at.exception
    assert "Female life expectancy to age 75 (2001–2016): IMD decile 3" in texts(at)
    at.selectbox(key="pick_sex").set_value("persons").run()
    assert "Life expectancy to age 75 (2001–2016): IMD decile 3" in texts(at)


def test_without_data_the_page_offers_the_import_and_the_nomis_download(data_dir):
    at = gap_page()
    assert not at.exception
    assert at.title[0].value == "Life expectancy gap"
    assert "No deaths and population are held yet" in texts(at)
    assert len(at.get("file_uploader")) == 1 and any(b.label == "Import file" for b in at.button)
    assert any(b.label == "Download from Nomis" for b in at.button)
    assert at.text_input[0].label == "Area code"


@pytest.mark.parametrize(("params", "warning"), [
    ({"sex": "banana"}, "The link asks for the sex “banana”, which is not available here, so “Persons” is shown"),
    ({"compare": "nonsense"}, "The link asks for the comparison “nonsense”, which is not available here"),
    ({"compare": "england"}, "The link asks for the comparison “england”"),
    ({"le": "birth"}, "The link asks for the life expectancy “birth”, which is not available here, so “To age 75”"),
    ({"a": "<b>x</b>"}, "which is not available here, so “IMD decile 1” is shown"),
])
def test_bad_link_values_warn_and_show_the_default(imd_store, params, warning):
    at = gap_page(**params)
    assert not at.exception
    assert warning in texts(at)
    assert "Life expectancy to age 75 (2001–2016): IMD decile 1" in texts(at) or "sex" not in params
    assert "gap_by_age" in charts(at)


def test_an_area_against_england_by_cause_with_the_rounding_note(data_dir):
    source = "https://www.nomisweb.co.uk/api/v01/dataset/NM_161_1.data.csv?geography=…"
    _store_rows(data_dir, _area_rows(), f"Nomis {BCP}", "area", source)
    at = gap_page(compare="england", area=BCP, sex="male", le="birth")
    assert not at.exception
    shown = texts(at)
    assert "Figures for small areas are rounded by ONS; contributions of rare causes are approximate." in shown
    assert "Male life expectancy (2019): Bournemouth, Christchurch and Poole" in shown
    assert charts(at) == ["gap_by_age", "gap_by_cause", "gap_heatmap"]
    assert "contributes" in shown and "Guidance for the causes contributing most" in shown
    assert "Local health and care planning: menu of preventative interventions" in shown  # circulatory → heart
    at.selectbox(key="pick_le").set_value("75").run()
    assert "Male life expectancy to age 75 (2019)" in texts(at)


def test_unrounded_data_carry_no_rounding_note(data_dir):
    _store_rows(data_dir, _area_rows(rounded=False), f"Nomis {BCP}", "area", "https://nomis")
    at = gap_page(compare="england", area=BCP)
    assert not at.exception and "rounded by ONS; contributions" not in texts(at)


def test_a_group_without_enough_people_or_a_sex_that_is_missing_is_said_plainly(data_dir):
    ages = ["0", "1-4", *[f"{a}-{a + 4}" for a in range(5, 75, 5)]]
    rows = pd.DataFrame([{"group_name": g, "group_code": None, "sex": "Male", "age": a, "cause": "All causes",
                          "year": None, "deaths": 0.0 if g == "Tiny" else 10.0,
                          "population": 100.0 if g == "Tiny" else 50_000.0, "rounded": False}
                         for g in ("Big", "Tiny") for a in ages])
    _store_rows(data_dir, rows, "tiny file", "groups", "tiny.csv")
    at = gap_page(a="Tiny", b="Big", sex="male")
    assert not at.exception
    shown = texts(at)
    assert "Tiny has only 1,600 person-years, fewer than the 5,000 PHE requires" in shown
    assert "Tiny recorded no deaths at ages" in shown
    at = gap_page(a="Tiny", b="Big", sex="female")
    assert not at.exception
    assert "There are no rows for group 'Tiny' and sex Female." in texts(at)
    assert "The gap cannot be worked out for this choice" in texts(at) and not charts(at)


def test_missing_population_from_nomis_is_named(data_dir):
    rows = _area_rows()
    rows.loc[rows["group_code"] == BCP, "population"] = np.nan
    _store_rows(data_dir, rows, f"Nomis {BCP}", "area", "https://nomis")
    at = gap_page(compare="england", area=BCP)
    assert not at.exception
    assert "There is no population for Bournemouth, Christchurch and Poole in 2019." in texts(at)
    assert "The gap cannot be worked out for this choice" in texts(at)
