"""Build data/deprivation/imd2019_upper_tier_deciles.csv and code_changes.csv from the shared files.

Reads, in place and never copying them:
  <shared>/deprivation/IoD2019_File_11_upper_tier_LA_summaries.xlsx  (sheet "IMD")
  <shared>/fingertips/data/areas.csv                                (2023 hierarchy + abolished codes)
and writes our derived tables (method in data/deprivation/README.md and analysis/deprivation.py).

    python scripts/build_imd_deciles.py            # write the two CSVs
    python scripts/build_imd_deciles.py --check    # exit 1 if the committed CSVs differ from a rebuild
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import settings  # noqa: E402
from analysis.deprivation import CHANGE_COLUMNS, CODE_CORRECTED, SAME_AREA, SPLIT, imd_deciles  # noqa: E402

OUT = settings.ROOT / "data" / "deprivation"
DECILES_CSV = "imd2019_upper_tier_deciles.csv"
CHANGES_CSV = "code_changes.csv"
XLSX = ("deprivation", "IoD2019_File_11_upper_tier_LA_summaries.xlsx")
AREAS = ("fingertips", "data", "areas.csv")
GSS = re.compile(r"^E\d{8}$")
UPPER_TIER = "Counties and Unitary Authorities"


def read_imd(path: Path) -> pd.DataFrame:
    """The IMD sheet with its headers stripped of the trailing spaces the file has."""
    frame = pd.read_excel(path, sheet_name="IMD", dtype={0: str})
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


def current_areas(areas: pd.DataFrame) -> pd.DataFrame:
    return areas[(areas["Area Type"] == UPPER_TIER) & (areas["In current hierarchy"] == "yes")]


def corrections(imd: pd.DataFrame, current: pd.DataFrame) -> list[dict]:
    """File codes that are not GSS codes (Slough is written "E0600003"), matched by name to areas.csv."""
    rows = []
    by_name = dict(zip(current["Area Name"], current["Area Code"]))
    for code, name in zip(imd.iloc[:, 0].astype(str), imd.iloc[:, 1].astype(str)):
        if GSS.match(code):
            continue
        if name not in by_name:
            raise SystemExit(f"File 11 code {code!r} ({name}) is malformed and its name is not in areas.csv")
        rows.append(
            {"new_code": by_name[name], "new_name": name, "old_codes": code, "old_names": name,
             "relation": CODE_CORRECTED, "decile": None,
             "note": f"File 11 writes {name}'s code as {code} (not a valid GSS code); areas.csv has {name} as "
                     f"{by_name[name]}, so the decile table uses {by_name[name]}."}
        )
    return rows


def _district_count(areas: pd.DataFrame, county: str) -> int:
    """How many of the county's former districts areas.csv lists as abolished."""
    rows = areas[areas["County/UA Code"] == county]
    return int(rows["In current hierarchy"].str.startswith("no").sum())


def successors(imd_codes: set[str], areas: pd.DataFrame, corrected: set[str]) -> list[dict]:
    """New 2023 codes not in File 11, each tied to the abolished 2019 area(s) of its region."""
    current = current_areas(areas)
    region = dict(zip(areas["Area Code"], areas["Region Code"]))
    names = dict(zip(areas["Area Code"], areas["Area Name"]))
    abolished = sorted(c for c in imd_codes if GSS.match(c) and c not in set(current["Area Code"]))
    new = current[~current["Area Code"].isin(imd_codes | corrected)]
    links = {
        code: [old for old in abolished if region.get(old) == region.get(code)] for code in new["Area Code"]
    }
    rows = []
    for code, olds in links.items():
        if len(olds) != 1:
            rows.append({"new_code": code, "new_name": names[code], "old_codes": ";".join(olds),
                         "old_names": ";".join(names.get(o, o) for o in olds), "relation": "unmatched",
                         "decile": None, "note": f"{len(olds)} abolished 2019 areas share its region: cannot "
                         "tell which it replaces, so it cannot be placed."})
            continue
        old = olds[0]
        siblings = [c for c, o in links.items() if o == [old]]
        rows.append(_change_row(code, old, siblings, names, region, _district_count(areas, old)))
    return rows


def _change_row(code: str, old: str, siblings: list[str], names: dict, region: dict, districts: int) -> dict:
    new_name, old_name = names[code], names[old]
    where = f"areas.csv: {old_name} ({old}; {districts} of its districts listed as abolished) is the only " \
            f"File 11 area of the {names.get(region[code], region[code])} with no 2023 code"
    if len(siblings) == 1 and new_name in (old_name, f"{old_name} UA"):
        relation = SAME_AREA
        note = f"{where}, and {new_name} is its only new code there, under the same name: the same area, " \
               f"so it takes {old_name}'s 2019 decile."
    else:
        relation = SPLIT
        others = ", ".join(names[s] for s in siblings if s != code)
        note = f"{where}; {new_name} and {others} both replace it, so {new_name} is only part of {old_name}. " \
               f"File 11 scores {old_name} as a whole, and placing a part needs LSOA-level scores (not in " \
               f"the shared files): cannot be placed in a 2019 decile."
    return {"new_code": code, "new_name": new_name, "old_codes": old, "old_names": old_name,
            "relation": relation, "decile": None, "note": note}


def build(shared: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    imd = read_imd(shared.joinpath(*XLSX))
    areas = pd.read_csv(shared.joinpath(*AREAS), dtype=str, keep_default_na=False)
    fixed = corrections(imd, current_areas(areas))
    imd.iloc[:, 0] = imd.iloc[:, 0].astype(str).replace({r["old_codes"]: r["new_code"] for r in fixed})
    deciles = imd_deciles(imd, imd.columns[0], imd.columns[1], "IMD - Average score")
    mismatch = deciles["imd_rank_of_average_score"].to_numpy() != imd.set_index(imd.columns[0]).loc[
        deciles["area_code"], "IMD - Rank of average score"].to_numpy()
    if mismatch.any():
        raise SystemExit("our ranks of the IMD average score differ from File 11's own ranks")
    changes = pd.DataFrame(fixed + successors(set(deciles["area_code"]), areas, {r["new_code"] for r in fixed}),
                           columns=list(CHANGE_COLUMNS))
    decile_of = dict(zip(deciles["area_code"], deciles["decile"]))
    same = changes["relation"] == SAME_AREA
    changes["decile"] = changes["decile"].astype("Int64")
    changes.loc[same, "decile"] = [decile_of[o] for o in changes.loc[same, "old_codes"]]
    return deciles, changes.sort_values("new_code").reset_index(drop=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the committed CSVs; write nothing")
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write (default data/deprivation)")
    args = parser.parse_args(argv)
    shared = settings.shared_dir()
    if shared is None:
        print("../shared is absent (set HEP_SHARED_DIR)", file=sys.stderr)
        return 2
    deciles, changes = build(shared)
    texts = {DECILES_CSV: deciles.to_csv(index=False), CHANGES_CSV: changes.to_csv(index=False)}
    if args.check:
        stale = [n for n, t in texts.items() if not (args.out / n).is_file() or (args.out / n).read_text() != t]
        for name in stale:
            print(f"{name} is out of date: run python scripts/build_imd_deciles.py", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (args.out / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(deciles)} areas and {len(changes)} code changes to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
