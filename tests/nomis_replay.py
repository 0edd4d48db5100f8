#!/usr/bin/env python3
"""Loopback replay of the Nomis API over the real extracts in ../shared/nomis/data (read in place).

Standard library only. Usage:

    python tests/nomis_replay.py --data ../shared/nomis/data --port 0   # prints NOMIS_API_URL=http://127.0.0.1:P/api/v01/

What is real: every number and label. NM_161_1 cells come from DiaAzul_Nomis2021/la_data.csv.gz (28 LAs,
2013–2019, causes 0 and 9, all 21 age rows; its names are joined to nomis_la_codes.csv for ids and GSS
codes) and ONSdigital_sdg_data_updates/nomis_deaths.csv (countries, age 0, causes 0 and X30–X39, with their
codes). NM_2002_1 cells come from sbf-developer_UK-Demographic-Change/mye_england_2022.json. The geography
TYPEs each dataset offers come from Defra_sgapi/scales_NM_161_1_NM_2002_1_NM_31_1.csv.
What is modelled (CONTRACT.md, community sources): the URL forms, the codelist JSON shape
(structure.codelists.codelist[0].code[] with value, description.value, annotations.annotation[]; the GSS
code as an annotation titled "GeogCode" is UNVERIFIED), which areas are TYPE432/TYPE431 (inferred from the id
ranges), `select=`, RECORD_OFFSET/RECORD_COUNT and the 25,000-row cap per call (100,000 with `uid=`,
UNVERIFIED), paged by `RecordOffset`. Codelists list only the codes that occur in the data.

Control (JSON): POST /_control {"fail_next": N, "status": 429|500|503, "retry_after": s, "truncate_next": N,
"malformed_next": N, "silent_cap": rows, "cap": rows, "path_contains": "..."}; POST /_control/reset;
GET /_control/log. truncate = HTTP 200 with the body cut mid-row; silent_cap = the first rows only and
empty pages after them, as a capped reply looks; malformed = an HTML page instead of CSV/JSON.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

GUEST_CAP, KEY_CAP = 25_000, 100_000
DIMS = {"NM_161_1": ("date", "geography", "cause_of_death", "gender", "age", "measure", "measures"),
        "NM_2002_1": ("date", "geography", "gender", "c_age", "measures")}
GENDERS = {"Total": "0", "Male": "1", "Female": "2"}
PARENTS = {"2092957703": ("E", "W"), "2092957699": ("E",), "2092957700": ("W",)}


class Data:
    """Cells and codelists of the two datasets, built from the shared files."""

    def __init__(self, root: Path):
        self.cells: dict[str, list[dict]] = {d: [] for d in DIMS}
        self.labels: dict[tuple[str, str], dict[str, str]] = {}  # (dataset, dim) -> code -> description
        self.areas: dict[str, dict] = {}  # nomis id -> {name, gss, types}
        self.types: dict[str, list[tuple[str, str]]] = {}
        self._las(root)
        self._la_deaths(root)
        self._country_deaths(root)
        self._population(root)
        with open(root / "Defra_sgapi" / "scales_NM_161_1_NM_2002_1_NM_31_1.csv", newline="") as fh:
            for row in csv.DictReader(fh):
                self.types.setdefault(row["table"], []).append((row["value"], row["name"]))

    def _label(self, dataset: str, dim: str, code: str, text: str) -> None:
        self.labels.setdefault((dataset, dim), {}).setdefault(code, text)

    def _area(self, code: str, name: str, gss: str, types: tuple[str, ...]) -> None:
        entry = self.areas.setdefault(code, {"name": name, "gss": gss, "types": set()})
        entry["types"].update(types)

    def _las(self, root: Path) -> None:
        self.la_by_name: dict[str, str] = {}
        with open(root / "DiaAzul_Nomis2021" / "nomis_la_codes.csv", newline="", encoding="utf-8-sig") as fh:
            for row in csv.DictReader(fh):
                unitary = row["GEOGRAPHY"].startswith("1807745")
                self._area(row["GEOGRAPHY"], row["GEOGRAPHY_NAME"], row["GEOGRAPHY_CODE"],
                           ("TYPE432", "TYPE431") if unitary else ("TYPE432",))
                self.la_by_name[row["GEOGRAPHY_NAME"]] = row["GEOGRAPHY"]

    def _la_deaths(self, root: Path) -> None:
        ages: list[str] = []
        causes = {"A00-R99,U00-Y89 All causes, all ages": "0", "I00-I99 IX Diseases of the circulatory system": "9"}
        with gzip.open(root / "DiaAzul_Nomis2021" / "la_data.csv.gz", "rt", newline="") as fh:
            for row in csv.DictReader(fh):
                if row["Age"] not in ages:
                    ages.append(row["Age"])
                cell = {"date": row["date"], "geography": self.la_by_name[row["geography"]],
                        "cause_of_death": causes[row["cause of death"]], "gender": GENDERS[row["Gender"]],
                        "age": str(ages.index(row["Age"])), "measure": "1", "measures": "20100",
                        "obs_value": row["value"]}
                self.cells["NM_161_1"].append(cell)
                for dim, text in (("cause_of_death", row["cause of death"]), ("gender", row["Gender"]),
                                  ("age", row["Age"])):
                    self._label("NM_161_1", dim, cell[dim], text)
        self._label("NM_161_1", "measure", "1", "Deaths")
        self._label("NM_161_1", "measures", "20100", "Value")

    def _country_deaths(self, root: Path) -> None:
        with open(root / "ONSdigital_sdg_data_updates" / "nomis_deaths.csv", newline="") as fh:
            for row in csv.DictReader(fh):
                cell = {dim: row[dim.upper()] for dim in DIMS["NM_161_1"]}
                cell["obs_value"] = row["OBS_VALUE"]
                self.cells["NM_161_1"].append(cell)
                for dim in DIMS["NM_161_1"][2:]:
                    self._label("NM_161_1", dim, cell[dim], row[f"{dim.upper()}_NAME"])
                kind = ("TYPE499",) if row["GEOGRAPHY_TYPECODE"] == "499" else ()
                self._area(row["GEOGRAPHY"], row["GEOGRAPHY_NAME"], row["GEOGRAPHY_CODE"], kind)

    def _population(self, root: Path) -> None:
        path = root / "sbf-developer_UK-Demographic-Change" / "mye_england_2022.json"
        for obs in json.loads(path.read_text())["obs"]:
            geo = obs["geography"]
            self._area(str(geo["value"]), geo["description"], geo["geogcode"], ("TYPE499",))
            cell = {"date": str(obs["time"]["value"]), "geography": str(geo["value"]),
                    "gender": str(obs["gender"]["value"]), "c_age": str(obs["c_age"]["value"]),
                    "measures": str(obs["measures"]["value"]), "obs_value": str(obs["obs_value"]["value"])}
            self.cells["NM_2002_1"].append(cell)
            for dim in ("gender", "c_age", "measures"):
                self._label("NM_2002_1", dim, cell[dim], str(obs[dim]["description"]))

    # ---- answers -------------------------------------------------------------------------------
    def codelist(self, dataset: str, concept: str) -> list[dict] | None:
        geo = re.fullmatch(r"geography/(\d*)(TYPE\d+)", concept, re.IGNORECASE)
        if concept.lower() == "geography/type":
            return [_code(v, n) for v, n in self.types.get(dataset, [])]
        if geo:
            parent, kind = geo.group(1), geo.group(2).upper()
            prefixes = PARENTS.get(parent, ("",)) if parent else ("",)
            present = {c["geography"] for c in self.cells[dataset]}
            return [_code(code, a["name"], a["gss"]) for code, a in sorted(self.areas.items())
                    if kind in a["types"] and code in present and a["gss"].startswith(prefixes)]
        labels = self.labels.get((dataset, concept.lower()))
        return None if labels is None else [_code(v, t) for v, t in sorted(labels.items(), key=lambda i: int(i[0]))]

    def select(self, dataset: str, query: dict[str, str]) -> list[dict]:
        wanted = {dim: _values(query[dim], self, dataset) for dim in DIMS[dataset] if query.get(dim)}
        rows = [c for c in self.cells[dataset] if all(c[d] in v for d, v in wanted.items())]
        return sorted(rows, key=lambda c: tuple(int(c[d]) for d in DIMS[dataset]))

    def columns(self, dataset: str, cell: dict) -> dict[str, object]:
        area = self.areas[cell["geography"]]
        out: dict[str, object] = {"DATE": int(cell["date"]), "DATE_NAME": cell["date"], "DATE_CODE": cell["date"],
                                  "GEOGRAPHY": int(cell["geography"]), "GEOGRAPHY_NAME": area["name"],
                                  "GEOGRAPHY_CODE": area["gss"]}
        for dim in DIMS[dataset][2:]:
            out[dim.upper()] = int(cell[dim])
            out[f"{dim.upper()}_NAME"] = self.labels[(dataset, dim)][cell[dim]]
        out["OBS_VALUE"] = int(cell["obs_value"]) if cell["obs_value"] else ""
        return out


def _code(value: str, description: str, gss: str | None = None) -> dict:
    code: dict = {"value": int(value) if value.isdigit() else value, "description": {"value": description}}
    if gss:
        code["annotations"] = {"annotation": [{"annotationtitle": "GeogCode", "annotationtext": gss}]}
    return code


def _values(text: str, data: Data, dataset: str) -> set[str]:
    out: set[str] = set()
    for part in text.split(","):
        kind = re.fullmatch(r"(\d+)(TYPE\d+)", part)
        if kind:
            out.update(str(c["value"]) for c in data.codelist(dataset, f"geography/{part}") or [])
        elif "..." in part:
            low, high = part.split("...")
            out.update(str(v) for v in range(int(low), int(high) + 1))
        elif part.strip():
            out.add(part.strip())
    return out


class Faults:
    KEYS = ("fail_next", "status", "retry_after", "truncate_next", "malformed_next", "silent_cap", "cap",
            "path_contains")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.state: dict = {"fail_next": 0, "status": 500, "retry_after": None, "truncate_next": 0,
                                "malformed_next": 0, "silent_cap": None, "cap": GUEST_CAP, "path_contains": None}
            self.log: list[dict] = []

    def take(self, path: str) -> str | None:
        with self.lock:
            s = self.state
            if s["path_contains"] and s["path_contains"] not in path:
                return None
            for key in ("fail_next", "truncate_next", "malformed_next"):
                if s[key] > 0:
                    s[key] -= 1
                    return key
            return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    data: Data
    faults: Faults

    def log_message(self, fmt, *args):  # noqa: N802, ARG002
        return

    def _send(self, status: int, body: bytes, ctype: str, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, obj, status: int = 200) -> None:
        self._send(status, json.dumps(obj).encode(), "application/json; charset=utf-8")

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.rstrip("/") == "/_control/reset":
            self.faults.reset()
            return self._json({"ok": True})
        try:
            update = json.loads(body or b"{}")
            unknown = [k for k in update if k not in Faults.KEYS]
            if unknown:
                raise ValueError(unknown)
        except ValueError as exc:
            return self._json({"error": f"bad control payload: {exc}"}, 400)
        with self.faults.lock:
            self.faults.state.update(update)
        return self._json({"ok": True})

    def do_GET(self):  # noqa: N802
        parts = urlsplit(self.path)
        if parts.path == "/_control/log":
            with self.faults.lock:
                return self._json(list(self.faults.log))
        query = {k.lower(): v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        with self.faults.lock:
            self.faults.log.append({"path": parts.path, "query": parts.query})
        action = self.faults.take(parts.path)
        if action == "fail_next":
            status, after = self.faults.state["status"], self.faults.state["retry_after"]
            extra = {"Retry-After": str(after)} if after is not None else {}
            return self._send(status, b'{"error": "Injected failure"}', "application/json", extra)
        if action == "malformed_next":
            return self._send(200, b"<html><body>Service temporarily unavailable</body></html>", "text/html")
        self._route(parts.path, query, truncate=action == "truncate_next")

    def _route(self, path: str, query: dict[str, str], truncate: bool) -> None:
        codelist = re.fullmatch(r"/api/v01/dataset/(NM_\d+_\d+)/(.+)\.def\.sdmx\.json", path)
        data = re.fullmatch(r"/api/v01/dataset/(NM_\d+_\d+)\.data\.csv", path)
        if codelist and codelist.group(1) in DIMS:
            codes = self.data.codelist(codelist.group(1), codelist.group(2))
            if codes is None:
                return self._json({"error": f"Unknown concept {codelist.group(2)}"}, 404)
            lists = {"codelist": [{"code": codes}]} if codes else None
            return self._json({"structure": {"header": {"id": "none"}, "codelists": lists}})
        if data and data.group(1) in DIMS:
            return self._csv(data.group(1), query, truncate)
        return self._json({"error": f"Cannot find {path}"}, 404)

    def _csv(self, dataset: str, query: dict[str, str], truncate: bool) -> None:
        rows = self.data.select(dataset, query)
        offset = int(query.get("recordoffset") or 0)
        cap = KEY_CAP if query.get("uid") else int(self.faults.state["cap"])
        silent = self.faults.state["silent_cap"]
        page = rows[offset:offset + cap]
        if silent is not None:
            page = rows[offset:min(offset + cap, int(silent))]
        full = [{**self.data.columns(dataset, c), "RECORD_OFFSET": offset + i, "RECORD_COUNT": len(rows)}
                for i, c in enumerate(page)]
        select = [c.strip().upper() for c in query.get("select", "").split(",") if c.strip()]
        header = select or list(full[0] if full else ["DATE_NAME", "GEOGRAPHY_CODE", "OBS_VALUE", "RECORD_COUNT"])
        buf = io.StringIO()
        writer = csv.writer(buf, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
        writer.writerow(header)
        for row in full:
            writer.writerow([row.get(c, "") for c in header])
        body = buf.getvalue().encode("utf-8")
        if truncate:
            body = body[: max(1, len(body) // 2)]
        self._send(200, body, "text/csv; charset=utf-8")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="the folder ../shared/nomis/data")
    ap.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (0 = pick a free one)")
    args = ap.parse_args(argv)
    Handler.data = Data(args.data)
    Handler.faults = Faults()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(f"NOMIS_API_URL=http://127.0.0.1:{server.server_address[1]}/api/v01/", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
