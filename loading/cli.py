"""Command line: python -m loading (alias: python -m connectors) refresh | import | boundaries import | status |
mortality | publish.

`mortality import FILE` stores deaths and population for the life-expectancy gap page (the documented CSV
layout of analysis/mortality.py, or the England IMD decile file); `mortality nomis --area E06000009
--years 2017-2019` downloads an area and England from Nomis.

Exit status: 0 success, 2 bad arguments or a bad file, 3 the API cannot be reached. Errors are one line.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from errors import FingertipsAPIError, FingertipsDataError, HEPError, NomisAPIError
from geography import COUNTY_UA_TYPE, MSOA_TYPE
from loading import mortality
from loading.boundaries import import_boundary_files
from loading.refresh import import_files, refresh_profile
from loading.small_areas import refresh_small_areas
from store.db import Store, act_as_publisher
from store.queries import boundary_summary, small_area_summary, status

EXIT_OK, EXIT_BAD_INPUT, EXIT_UNREACHABLE = 0, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2 (argparse's own convention)
        self.exit(EXIT_BAD_INPUT, f"error: {message} (see python -m connectors --help)\n")


def _bar(message: str, fraction: float | None) -> None:
    if fraction is None:
        line = f"  {message}"
    else:
        filled = int(30 * min(max(fraction, 0.0), 1.0))
        line = f"[{'#' * filled}{'.' * (30 - filled)}] {fraction:4.0%} {message}"
    sys.stderr.write("\r" + line[:110].ljust(110))
    if fraction == 1.0:
        sys.stderr.write("\n")
    sys.stderr.flush()


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="python -m connectors", description="Fill and inspect the Health Equity Planner store.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    r = sub.add_parser("refresh", help="download a profile's data, metadata and areas from the Fingertips API")
    r.add_argument("--profile", required=True, help="profile id or url key, e.g. public-health-outcomes-framework")
    r.add_argument("--area-type", type=int, default=COUNTY_UA_TYPE, help="child area type id (502 counties & UAs, 501 districts)")
    r.add_argument("--parent-area-type", type=int, default=6, help="parent area type id (6 regions, 15 England)")
    r.add_argument("--parent-area", action="append", default=[], metavar="LA_CODE",
                   help="with --area-type 3 (MSOA small areas): a local authority to download, e.g. E06000009; "
                        "repeat for more. Required for area type 3")
    i = sub.add_parser("import", help="load Fingertips bulk-data or metadata CSVs downloaded from the website")
    i.add_argument("files", nargs="+", type=Path)
    b = sub.add_parser("boundaries", help="map boundaries: import ONS GeoJSON files so maps work offline")
    bsub = b.add_subparsers(dest="boundaries_command", required=True, parser_class=_Parser)
    bi = bsub.add_parser("import", help="import ONS boundary GeoJSON (counties & UAs, districts, regions, MSOAs)")
    bi.add_argument("files", nargs="+", type=Path)
    s = sub.add_parser("status", help="what the store holds")
    s.add_argument("--json", action="store_true", help="print a JSON list for scripts")
    _mortality_parser(sub)
    sub.add_parser("publish", help="publish the store as a snapshot for the dashboards that share it (HEP_STORE_URL); "
                   "every write publishes one, this makes the first")
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except (FingertipsAPIError, NomisAPIError) as exc:
        print(f"\nerror: {exc}", file=sys.stderr)
        client_error = exc.status is not None and 400 <= exc.status < 500 and exc.status != 429
        return EXIT_BAD_INPUT if client_error else EXIT_UNREACHABLE
    except (FingertipsDataError, HEPError, ValueError) as exc:
        print(f"\nerror: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted: the store was left as it was before this command", file=sys.stderr)
        return 130


def _years(text: str) -> list[int]:
    try:
        return mortality.parse_years(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _mortality_parser(sub) -> None:
    m = sub.add_parser("mortality", help="deaths and population for the life-expectancy gap page")
    msub = m.add_subparsers(dest="mortality_command", required=True, parser_class=_Parser)
    f = msub.add_parser("import", help="a CSV in the documented layout, or the England IMD decile file")
    f.add_argument("file", type=Path)
    n = msub.add_parser("nomis", help="an area and England from Nomis (deaths by cause and age, population)")
    n.add_argument("--area", required=True, help="ONS code of an area in England, e.g. E06000009")
    n.add_argument("--years", required=True, type=_years, help="a year or a run, e.g. 2017-2019")


def _mortality(args: argparse.Namespace, store: Store) -> int:
    if args.mortality_command == "import":
        if not args.file.is_file():
            raise ValueError(f"{args.file} does not exist or is not a file.")
        result = mortality.import_file(args.file, store=store, step=_bar)
    else:
        result = mortality.download_nomis(args.area, args.years, store=store, step=_bar)
    years = f"{result.years[0]}–{result.years[-1]}" if result.years else "years pooled"
    print(f"{result.dataset}: {result.rows:,} rows for {len(result.groups)} groups ({years}) from {result.source}")
    for note in result.notes:
        print(f"note: {note}")
    return EXIT_OK


def _run(args: argparse.Namespace) -> int:
    act_as_publisher()  # the command line is the refresh job: with an object store, the one process that writes
    store = Store()
    if args.command == "mortality":
        return _mortality(args, store)
    if args.command == "refresh":
        _refresh(args, store)
    elif args.command == "import":
        for result in import_files(args.files, store=store, step=_bar):
            lines = result.summary_lines()  # "<file>: N rows read, M stored", then what was cleaned or ignored
            print("\n  ".join(lines))
    elif args.command == "boundaries":
        for done in import_boundary_files(args.files, store=store):
            print(done.sentence())
    elif args.command == "publish":
        print(f"published snapshot {store.publish()} in {store.snapshot_folder}")
    else:
        _status(store, args.json)
    return EXIT_OK


def _refresh(args: argparse.Namespace, store: Store) -> None:
    if args.area_type == MSOA_TYPE or args.parent_area:
        if args.area_type != MSOA_TYPE:
            raise ValueError("--parent-area is for small areas only: use it with --area-type 3.")
        results = refresh_small_areas(args.profile, args.parent_area, store=store, step=_bar)
    else:
        results = [refresh_profile(args.profile, args.area_type, args.parent_area_type, store=store, step=_bar)]
    for result in results:
        print(f"{result.rows:,} rows from {result.source}" + ("" if result.changed else " (no change)"))
        for line in result.summary_lines()[1:]:  # layout, cleaning, columns and warnings
            print(f"  {line}")


def _status(store: Store, as_json: bool) -> None:
    frame = status(store)
    if as_json:
        print(json.dumps(frame.astype(object).where(frame.notna(), None).to_dict("records"), indent=1))
        return
    if frame.empty:
        print("The store is empty. Run 'python -m connectors refresh --profile public-health-outcomes-framework' "
              "or 'python -m connectors import FILE'.")
        return
    print(frame.drop(columns=["area_type_id"]).to_string(index=False, max_colwidth=50))
    small = small_area_summary(store)
    if len(small):
        print("\nSmall areas (MSOA) held per local authority:")
        print(small.to_string(index=False))
    maps = boundary_summary(store)
    if len(maps):
        print("\nMap boundaries held:")
        print(maps.to_string(index=False, max_colwidth=60))
