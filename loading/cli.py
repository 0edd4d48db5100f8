"""Command line: python -m loading (alias: python -m connectors) refresh | import | status | publish.

Exit status: 0 success, 2 bad arguments or a bad file, 3 the API cannot be reached. Errors are one line.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from errors import FingertipsAPIError, FingertipsDataError, HEPError
from geography import COUNTY_UA_TYPE
from loading.refresh import import_files, refresh_profile
from store.db import Store
from store.queries import status

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
    i = sub.add_parser("import", help="load Fingertips bulk-data or metadata CSVs downloaded from the website")
    i.add_argument("files", nargs="+", type=Path)
    s = sub.add_parser("status", help="what the store holds")
    s.add_argument("--json", action="store_true", help="print a JSON list for scripts")
    sub.add_parser("publish", help="publish the store as a snapshot for the dashboards that share it (HEP_STORE_URL); "
                   "every write publishes one, this makes the first")
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except FingertipsAPIError as exc:
        print(f"\nerror: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT if exc.is_client_error else EXIT_UNREACHABLE
    except (FingertipsDataError, HEPError, ValueError) as exc:
        print(f"\nerror: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted: the store was left as it was before this command", file=sys.stderr)
        return 130


def _run(args: argparse.Namespace) -> int:
    store = Store()
    if args.command == "refresh":
        result = refresh_profile(args.profile, args.area_type, args.parent_area_type, store=store, step=_bar)
        print(f"{result.rows:,} rows from {result.source}" + ("" if result.changed else " (no change)"))
        for line in result.summary_lines()[1:]:  # layout, cleaning, columns and warnings
            print(f"  {line}")
    elif args.command == "import":
        for result in import_files(args.files, store=store, step=_bar):
            lines = result.summary_lines()  # "<file>: N rows read, M stored", then what was cleaned or ignored
            print("\n  ".join(lines))
    elif args.command == "publish":
        print(f"published snapshot {store.publish()} in {store.snapshot_folder}")
    else:
        frame = status(store)
        if args.json:
            print(json.dumps(frame.astype(object).where(frame.notna(), None).to_dict("records"), indent=1))
        elif frame.empty:
            print("The store is empty. Run 'python -m connectors refresh --profile public-health-outcomes-framework' "
                  "or 'python -m connectors import FILE'.")
        else:
            print(frame.to_string(index=False, max_colwidth=50))
    return EXIT_OK

