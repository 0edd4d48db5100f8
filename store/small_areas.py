"""Area type and MSOA code vintage of value rows, worked out once on import (inside a write session).

Area type (`core_indicator_values.area_type_id`), from the ONS code's prefix and, where a prefix is shared
by two Fingertips types, the file's `Area Type` text:

| code | area type |
|------|-----------|
| E02… (or Area Type `MSOA`) | 3, MSOA |
| E05… (or Area Type `Ward`) | 8, ward |
| E92… | 15, England |
| E12… | 6, region |
| E10… | 502, county |
| E07… | 501, district |
| E06/E08/E09… (unitary, metropolitan, London) | 502 or 501 from `Area Type` (`Counties & UAs…`, `County & UA…`, `County`, `UA` → 502; `Districts & UAs…`, `District…` → 501), else the area type the load was for, else NULL |

Code vintage (`code_vintage`, MSOA rows only). Fingertips serves MSOA values on the **2011** code set for
older indicators and on the **2021** set for newer ones, one set per indicator and period
(../shared/fingertips/api/CONTRACT.md, "Small areas"). The API says which nowhere: an Area object from
`areas/by_parent_area_code?area_type_id=3` has no vintage field (and lists codes of both sets), the
metadata has none, and 6,677 of England's codes are the same in both sets. So, per indicator and period
(over every row the store holds of that pair, not only the new load):

1. **2021** when any code is in the range ONS opened for the 2021 set, E02006935 and above (such codes
   do not exist in 2011: the 2011 set ends at E02006934);
2. else **2021** when the period ends in 2022 or later (Fingertips moved Local Health to the 2021 set for
   data from 2022 on: every block of the sample fits — 2015-19, 2013-17 and 2016/17 - 20/21 data are on
   2011 codes, 2018-22, 2019-23, 2022/23 - 24/25, 2023 and 2024/25 data on 2021 codes — an inference,
   not a documented rule);
3. else **2011**.

Maps then match codes against the boundaries of that vintage, and list any code that has no boundary.
"""
from __future__ import annotations

import duckdb

FIRST_2021_ONLY_CODE = "E02006935"
FIRST_2021_PERIOD_END = 2022

AREA_TYPE_SQL = """CASE
    WHEN left(area_code, 3) = 'E02' OR area_type = 'MSOA' THEN 3
    WHEN left(area_code, 3) = 'E05' OR area_type = 'Ward' THEN 8
    WHEN left(area_code, 3) = 'E92' THEN 15
    WHEN left(area_code, 3) = 'E12' THEN 6
    WHEN left(area_code, 3) = 'E10' THEN 502
    WHEN left(area_code, 3) = 'E07' THEN 501
    WHEN left(area_code, 3) IN ('E06', 'E08', 'E09') THEN CASE
        WHEN regexp_matches(coalesce(area_type, ''), '^(Count(y|ies)|UA)') THEN 502
        WHEN regexp_matches(coalesce(area_type, ''), '^District') THEN 501
        WHEN {load_type} IN (501, 502) THEN {load_type} END
    END"""

# The year a period ends: its last run of 2 or 4 digits ('2015 - 19' -> 2019, '2016/17 - 20/21' -> 2021).
PERIOD_END_SQL = """CASE WHEN len(list_extract(regexp_extract_all(time_period, '[0-9]{2,4}'), -1)) = 2
    THEN 2000 + CAST(list_extract(regexp_extract_all(time_period, '[0-9]{2,4}'), -1) AS INTEGER)
    ELSE TRY_CAST(list_extract(regexp_extract_all(time_period, '[0-9]{2,4}'), -1) AS INTEGER) END"""


def area_type_sql(load_type: int | None = None) -> str:
    """SQL for a row's area type from its area_code and area_type (see the module's table)."""
    return AREA_TYPE_SQL.format(load_type=int(load_type) if load_type else "NULL")


def classify(con: duckdb.DuckDBPyConnection) -> None:
    """Set area_type_id and code_vintage on every row (a store made before they were kept)."""
    con.execute(f"UPDATE core_indicator_values SET area_type_id = {area_type_sql()}")
    set_vintages(con)


def set_vintages(con: duckdb.DuckDBPyConnection, load_id: int | None = None) -> None:
    """Set code_vintage on the MSOA rows of every indicator and period the load touched (or of all of them)."""
    touched = "" if load_id is None else (
        f"AND EXISTS (SELECT 1 FROM core_indicator_values n WHERE n.load_id = {int(load_id)} AND n.area_type_id = 3 "
        "AND n.indicator_id = s.indicator_id AND n.time_period IS NOT DISTINCT FROM s.time_period)")
    if load_id is not None:
        found = con.execute(f"SELECT count(*) FROM core_indicator_values WHERE load_id = {int(load_id)} AND "
                            "area_type_id = 3").fetchone()
        if not found or not found[0]:
            return  # no MSOA rows in this load: nothing to do (the usual case, kept cheap)
    con.execute(f"""
        UPDATE core_indicator_values v SET code_vintage = b.vintage
        FROM (SELECT indicator_id, time_period,
                     CASE WHEN max(area_code) >= '{FIRST_2021_ONLY_CODE}' THEN '2021'
                          WHEN coalesce(max({PERIOD_END_SQL}), 0) >= {FIRST_2021_PERIOD_END} THEN '2021'
                          ELSE '2011' END AS vintage
              FROM core_indicator_values s WHERE area_type_id = 3 AND left(area_code, 3) = 'E02' {touched}
              GROUP BY indicator_id, time_period) b
        WHERE v.area_type_id = 3 AND v.indicator_id = b.indicator_id AND v.time_period IS NOT DISTINCT FROM b.time_period""")
