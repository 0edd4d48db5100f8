"""analysis.deprivation and the shipped IMD 2019 decile tables (rebuilt from ../shared in place)."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.deprivation import (
    CHANGE_COLUMNS,
    DECILE_COLUMNS,
    current_upper_tier,
    decile_of_rank,
    imd_deciles,
    table_for_codes,
)
from settings import ROOT
from tests.conftest import requires_shared

DEPRIVATION = ROOT / "data" / "deprivation"


def test_151_areas_split_into_nine_fifteens_and_one_sixteen():
    sizes = pd.Series([decile_of_rank(r, 151) for r in range(1, 152)]).value_counts().sort_index()
    assert sizes.tolist() == [15] * 9 + [16]
    assert [decile_of_rank(r, 151) for r in (1, 15, 16, 135, 136, 151)] == [1, 1, 2, 9, 10, 10]
    assert [decile_of_rank(r, 150) for r in (15, 16, 150)] == [1, 2, 10]
    with pytest.raises(ValueError):
        decile_of_rank(0, 10)


@given(st.integers(1, 500), st.data())
def test_deciles_are_monotone_and_cover_1_to_10(n, data):
    rank = data.draw(st.integers(1, n))
    decile = decile_of_rank(rank, n)
    assert 1 <= decile <= 10 and (rank == 1 or decile >= decile_of_rank(rank - 1, n))
    if n >= 10:
        assert decile_of_rank(n, n) == 10


def test_imd_deciles_rank_highest_score_first_and_ties_share_a_decile():
    frame = pd.DataFrame({"code": list("ABCDEFGHIJK"), "name": list("abcdefghijk"),
                          "score": [50, 40, 40, 30, 20, 10, 9, 8, 7, 6, None]})
    out = imd_deciles(frame, "code", "name", "score")
    assert list(out.columns) == list(DECILE_COLUMNS) and len(out) == 10
    assert out["imd_rank_of_average_score"].tolist() == [1, 2, 2, 4, 5, 6, 7, 8, 9, 10]
    assert out.set_index("area_code").loc[["B", "C"], "decile"].tolist() == [2, 2]


def test_shipped_deciles():
    deciles = pd.read_csv(DEPRIVATION / "imd2019_upper_tier_deciles.csv")
    assert list(deciles.columns) == list(DECILE_COLUMNS) and len(deciles) == 151
    assert deciles["area_code"].str.fullmatch(r"E\d{8}").all() and deciles["area_code"].is_unique
    assert deciles["imd_rank_of_average_score"].tolist() == list(range(1, 152))
    assert deciles.iloc[0][["area_name", "decile"]].tolist() == ["Blackpool", 1]
    assert deciles.set_index("area_code").at["E06000039", "area_name"] == "Slough"
    assert (deciles["decile"].diff().dropna() >= 0).all()


def test_shipped_code_changes_say_why_each_area_is_or_is_not_placed():
    changes = pd.read_csv(DEPRIVATION / "code_changes.csv", dtype={"decile": "Int64"}, keep_default_na=False)
    assert list(changes.columns) == list(CHANGE_COLUMNS)
    relation = dict(zip(changes["new_code"], changes["relation"], strict=True))
    assert relation == {"E06000039": "code_corrected", "E06000060": "same_area", "E06000061": "split",
                        "E06000062": "split", "E06000063": "split", "E06000064": "split",
                        "E06000065": "same_area", "E06000066": "same_area"}
    split = changes[changes["relation"] == "split"]
    assert split["decile"].isna().all() and split["note"].str.contains("cannot be placed").all()
    assert changes.loc[changes["relation"] == "same_area", "decile"].notna().all()


def test_current_table_inherits_and_leaves_out_replaced_codes():
    deciles = pd.DataFrame({"area_code": ["E10000002", "E10000006", "E06000009"], "area_name": ["Bucks", "Cumbria", "Bp"],
                            "decile": [10, 6, 1]})
    changes = pd.DataFrame({"new_code": ["E06000060", "E06000063"], "new_name": ["Bucks UA", "Cumberland"],
                            "old_codes": ["E10000002", "E10000006"], "old_names": ["Bucks", "Cumbria"],
                            "relation": ["same_area", "split"], "decile": [10, None], "note": ["", "part only"]})
    current = current_upper_tier(deciles, changes).set_index("area_code")
    assert list(current.index) == ["E06000009", "E06000060", "E06000063"]
    assert current.at["E06000060", "decile"] == 10 and pd.isna(current.at["E06000063", "decile"])
    assert current.at["E06000063", "placement"] == "cannot be placed"
    assert len(table_for_codes(["E10000006"], deciles, changes)) == 3
    assert len(table_for_codes(["E06000063"], deciles, changes)) == 3
    assert "E10000006" not in set(table_for_codes(["E06000063"], deciles, changes)["area_code"])


@requires_shared
def test_shipped_tables_match_a_rebuild_from_shared():
    script = ROOT / "scripts" / "build_imd_deciles.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
