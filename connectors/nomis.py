"""The door to Nomis (ONS): deaths by underlying cause × sex × age and population by single year of age.

Follows ../shared/nomis/CONTRACT.md. HTTP only (no store, no streamlit):
- NM_161_1 "Mortality statistics - underlying cause, sex and age" (registrations, 20 PHE age bands);
- NM_2002_1 "Population estimates - local authority based by single year of age" (mid-year, 0 … 90+).
Every code (geography types and areas, causes, ages, sexes, measures) is read from the dataset's
`…/{concept}.def.sdmx.json` codelists at run time and cached in memory; only the England-and-Wales parent
(2092957703) and the all-causes ICD text are fixed. Calls go one at a time through one session (retries on
429/5xx honouring Retry-After), always with `select=`, paged with `RecordOffset`; the rows received must
equal RECORD_COUNT, because Nomis cuts a reply at its cap without an error (CONTRACT §5).
Counts for areas below region level are rounded by ONS (0–2 → 0, 3–5 → 5; CONTRACT §6): each result says
which of its areas are rounded.
"""
from __future__ import annotations

import io
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import requests

import settings
from connectors.http import build_session, failure_sentence, status_sentence
from errors import NomisAPIError, NomisDataError

DEATHS, POPULATION = "NM_161_1", "NM_2002_1"
ENGLAND_AND_WALES = 2092957703  # parent for area look-ups (VERIFIED, CONTRACT §3)
ALL_CAUSES_ICD = "A00-R99,U00-Y89"  # cause 0, "All causes, all ages"
EXACT_TYPES = ("TYPE499", "TYPE480")  # countries and regions: counts not rounded
AREA_TYPES = ("TYPE499", "TYPE480", "TYPE432", "TYPE431")  # searched in this order for a GSS code
ATTRIBUTION = "Source: Office for National Statistics via Nomis, © Crown copyright"
DEATH_COLUMNS = ["DATE_NAME", "GEOGRAPHY_CODE", "GENDER_NAME", "AGE", "CAUSE_OF_DEATH", "OBS_VALUE", "RECORD_COUNT"]
POPULATION_COLUMNS = ["DATE_NAME", "GEOGRAPHY_CODE", "GENDER_NAME", "C_AGE", "OBS_VALUE", "RECORD_COUNT"]
_GSS = re.compile(r"^[EKNSWJ]\d{8}$")
_ONE_CALL = threading.Lock()  # Nomis publishes no rate limits: never two calls at once from this process


@dataclass(frozen=True)
class Code:
    """One entry of a Nomis codelist."""

    value: str
    description: str
    annotations: tuple[str, ...] = ()  # annotation texts (a geography's GSS code is one of them)


@dataclass(frozen=True)
class NomisResult:
    """Rows from Nomis with where they came from and whether ONS rounded them."""

    frame: pd.DataFrame
    urls: tuple[str, ...]
    rounded: dict[str, bool] = field(default_factory=dict)  # GSS code -> counts rounded (below region)
    attribution: str = ATTRIBUTION

    @property
    def rounded_below_region(self) -> bool:
        return any(self.rounded.values())


def _band_start(description: str) -> int | None:
    """PHE band start of an NM_161_1 age label ('Aged under 1' -> 0, 'Aged 10-14' -> 10, 'Aged 90 and over')."""
    text = description.lower()
    if "total" in text or "all ages" in text:
        return None
    if "under 1" in text:
        return 0
    numbers = re.findall(r"\d+", text)
    return int(numbers[0]) if numbers else None


def _single_year(description: str) -> int | None:
    """Age of an NM_2002_1 single-year label ('Age 0' … 'Age 89', 'Aged 90+' -> 90); None for bands."""
    match = re.fullmatch(r"\s*Age (\d+)\s*|\s*Aged (\d+)\+\s*", description)
    if not match:
        return None
    if match.group(1) is not None:
        return int(match.group(1))
    return int(match.group(2)) if int(match.group(2)) == 90 else None


def _annotation_texts(raw: Any) -> tuple[str, ...]:
    items = raw.get("annotation", []) if isinstance(raw, dict) else raw or []
    items = [items] if isinstance(items, dict) else items
    return tuple(str(a.get("annotationtext", "")) for a in items if isinstance(a, dict))


class NomisClient:
    """Client for the Nomis API (or tests/nomis_replay.py)."""

    service = "Nomis API"

    def __init__(self, base_url: str | None = None, *, uid: str | None = None, retries: int | None = None,
                 backoff: float | None = None, timeout: tuple[float, float] | None = None, pause: float = 0.5):
        self.base_url = (base_url or settings.nomis_url()).rstrip("/") + "/"
        self.uid = settings.get("NOMIS_API_KEY") if uid is None else uid
        self.retries = settings.get_int("HEP_RETRIES") if retries is None else retries
        backoff = settings.get_float("HEP_BACKOFF") if backoff is None else backoff
        self.timeout = timeout or (settings.get_float("HEP_CONNECT_TIMEOUT"), settings.get_float("HEP_READ_TIMEOUT"))
        self.pause = pause  # seconds between the pages of one query
        self.session = build_session(self.retries, backoff)
        self._codes: dict[tuple[str, str], list[Code]] = {}

    # ---- transport -----------------------------------------------------------------------------
    def url(self, path: str, params: dict[str, Any] | None = None) -> str:
        query = dict(params or {})
        if self.uid:
            query["uid"] = self.uid
        return requests.Request("GET", self.base_url + path, params=query).prepare().url or path

    def _get(self, path: str, params: dict[str, Any] | None = None) -> requests.Response:
        url = self.url(path, params)
        with _ONE_CALL:
            try:
                response = self.session.get(url, timeout=self.timeout)
            except requests.exceptions.RequestException as exc:
                raise NomisAPIError(failure_sentence(exc, self.service, url, self.retries), url=url) from exc
        if response.status_code >= 400:
            raise NomisAPIError(status_sentence(response.status_code, self.service, _detail(response), url),
                                url=url, status=response.status_code)
        return response

    def get_json(self, path: str, params: dict[str, Any] | None = None) -> dict:
        response = self._get(path, params)
        try:
            body = response.json()
        except (ValueError, requests.exceptions.RequestException) as exc:
            raise NomisDataError(f"Nomis sent a reply that is not valid JSON ({response.url}). Try again later.",
                                 source=response.url) from exc
        if not isinstance(body, dict):
            raise NomisDataError(f"Nomis sent an unexpected reply ({response.url}).", source=response.url)
        if "error" in body:
            raise NomisAPIError(f"Nomis refused the request: {body['error']} ({response.url}).", url=response.url,
                                status=response.status_code)
        return body

    # ---- codelists (read at run time, cached in memory) ----------------------------------------
    def codes(self, dataset: str, concept: str) -> list[Code]:
        """The codes of one dimension, e.g. codes('NM_161_1', 'cause_of_death') or 'geography/TYPE'."""
        key = (dataset, concept.lower())
        if key not in self._codes:
            path = f"dataset/{dataset}/{concept}.def.sdmx.json"
            body = self.get_json(path)
            try:
                lists = body["structure"]["codelists"]
                raw = lists["codelist"][0]["code"] if lists else []
                codes = [Code(str(c["value"]), str(c["description"]["value"]), _annotation_texts(c.get("annotations")))
                         for c in raw]
            except (KeyError, IndexError, TypeError) as exc:
                raise NomisDataError(f"The {concept} codelist of {dataset} is not in the Nomis layout "
                                     f"(structure.codelists.codelist[0].code).", source=self.url(path)) from exc
            self._codes[key] = codes
        return self._codes[key]

    def _pick(self, dataset: str, concept: str, test: Callable[[Code], bool], what: str) -> list[Code]:
        found = [c for c in self.codes(dataset, concept) if test(c)]
        if not found:
            raise NomisDataError(f"Nomis's {concept} codelist of {dataset} has no {what}.",
                                 source=self.url(f"dataset/{dataset}/{concept}.def.sdmx.json"), missing=[what])
        return found

    def _one(self, dataset: str, concept: str, description: str) -> str:
        wanted = description.lower()
        return self._pick(dataset, concept, lambda c: c.description.strip().lower() == wanted,
                          f"'{description}'")[0].value

    def area(self, dataset: str, gss_code: str) -> tuple[str, str]:
        """(Nomis geography id, TYPE) of a GSS code such as E06000009, searched in the dataset's own lists."""
        offered = {c.value for c in self.codes(dataset, "geography/TYPE")}
        for geo_type in (t for t in AREA_TYPES if t in offered):
            for code in self.codes(dataset, f"geography/{ENGLAND_AND_WALES}{geo_type}"):
                if gss_code in code.annotations:
                    return code.value, geo_type
        raise NomisDataError(f"Nomis's {dataset} has no area with the code {gss_code} among the geography types "
                             f"it offers ({', '.join(t for t in AREA_TYPES if t in offered) or 'none'}).",
                             source=self.url(f"dataset/{dataset}/geography/TYPE.def.sdmx.json"), missing=[gss_code])

    def cause_codes(self, icd10: Iterable[str]) -> dict[str, str]:
        """ICD-10 text ('I00-I99', 'C00-C97', 'X30') -> NM_161_1 cause code, from the cause codelist."""
        by_icd = {c.description.split(" ")[0].upper(): c.value for c in self.codes(DEATHS, "cause_of_death")}
        wanted = list(dict.fromkeys([ALL_CAUSES_ICD, *(i.upper() for i in icd10)]))
        missing = [i for i in wanted if i not in by_icd]
        if missing:
            raise NomisDataError(f"Nomis's NM_161_1 offers no cause of death {', '.join(missing)}.",
                                 source=self.url(f"dataset/{DEATHS}/cause_of_death.def.sdmx.json"), missing=missing)
        return {i: by_icd[i] for i in wanted}

    # ---- data ------------------------------------------------------------------------------------
    def rows(self, dataset: str, params: dict[str, Any], columns: Sequence[str]) -> tuple[pd.DataFrame, list[str]]:
        """Every row of one query: pages with RecordOffset until RECORD_COUNT rows have arrived."""
        query = {**params, "select": ",".join(c.lower() for c in columns)}
        frames: list[pd.DataFrame] = []
        urls: list[str] = []
        total: int | None = None
        while total is None or sum(map(len, frames)) < total:
            offset = sum(map(len, frames))
            if offset:
                time.sleep(self.pause)
            response = self._get(f"dataset/{dataset}.data.csv", {**query, "RecordOffset": offset} if offset else query)
            urls.append(response.url)
            page = _read_page(response, columns)
            if page.empty:
                break
            count = _record_count(page, response.url)
            if total is not None and count != total:
                raise NomisDataError(f"Nomis changed its row count between pages ({total:,} then {count:,}) at "
                                     f"{response.url}. Nothing was used; try again.", source=response.url)
            total = count
            frames.append(page)
        got = sum(map(len, frames))
        if total is not None and got != total:
            raise NomisDataError(f"Nomis sent {got:,} of the {total:,} rows it counted (RECORD_COUNT) for "
                                 f"{urls[0]}: the reply was cut short, so none of it was used. Try again later, "
                                 "or set NOMIS_API_KEY to raise the row cap.", source=urls[0])
        frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(columns))
        return frame, urls

    def _areas(self, dataset: str, gss_codes: Iterable[str]) -> dict[str, tuple[str, str]]:
        codes = list(dict.fromkeys(gss_codes))
        if not codes or any(not _GSS.match(c) for c in codes):
            raise ValueError("give one or more GSS area codes such as E92000001 or E06000009")
        return {gss: self.area(dataset, gss) for gss in codes}

    def deaths(self, gss_codes: Iterable[str], years: Iterable[int], causes: Iterable[str] = ()) -> NomisResult:
        """Registered deaths by year × area × sex × PHE age band × cause (all causes plus `causes`, ICD-10 text).

        Frame columns: year, geography_code, sex, start_age, cause (ICD text), cause_name, deaths, rounded.
        """
        areas = self._areas(DEATHS, gss_codes)
        ages = {c.value: start for c in self.codes(DEATHS, "age") if (start := _band_start(c.description)) is not None}
        cause = self.cause_codes(causes)
        names = {c.value: c.description for c in self.codes(DEATHS, "cause_of_death")}
        params = {"geography": ",".join(a for a, _ in areas.values()), "date": _years(years),
                  "gender": ",".join(self._one(DEATHS, "gender", s) for s in ("Male", "Female")),
                  "age": ",".join(ages), "measure": self._one(DEATHS, "measure", "Deaths"),
                  "measures": self._one(DEATHS, "measures", "Value"), "cause_of_death": ",".join(cause.values())}
        raw, urls = self.rows(DEATHS, params, DEATH_COLUMNS)
        icd = {v: k for k, v in cause.items()}
        rounded = {gss: geo_type not in EXACT_TYPES for gss, (_, geo_type) in areas.items()}
        frame = pd.DataFrame({
            "year": _ints(raw["DATE_NAME"], urls[0]), "geography_code": raw["GEOGRAPHY_CODE"],
            "sex": raw["GENDER_NAME"], "start_age": _mapped(raw["AGE"], ages, "AGE", urls[0]),
            "cause": _mapped(raw["CAUSE_OF_DEATH"], icd, "CAUSE_OF_DEATH", urls[0]),
            "cause_name": raw["CAUSE_OF_DEATH"].map(names), "deaths": _values(raw, urls[0]),
        })
        frame["rounded"] = frame["geography_code"].map(rounded).fillna(True).astype(bool)
        frame.attrs.update(rounded_below_region=rounded, attribution=ATTRIBUTION, urls=urls)
        return NomisResult(frame, tuple(urls), rounded)

    def population(self, gss_codes: Iterable[str], years: Iterable[int]) -> NomisResult:
        """Mid-year population by year × area × sex × single year of age (90 = 90 and over).

        Frame columns: year, geography_code, sex, age, population.
        """
        areas = self._areas(POPULATION, gss_codes)
        ages = {c.value: age for c in self.codes(POPULATION, "c_age") if (age := _single_year(c.description)) is not None}
        params = {"geography": ",".join(a for a, _ in areas.values()), "date": _years(years),
                  "gender": ",".join(self._one(POPULATION, "gender", s) for s in ("Male", "Female")),
                  "c_age": ",".join(ages), "measures": self._one(POPULATION, "measures", "Value")}
        raw, urls = self.rows(POPULATION, params, POPULATION_COLUMNS)
        frame = pd.DataFrame({"year": _ints(raw["DATE_NAME"], urls[0]), "geography_code": raw["GEOGRAPHY_CODE"],
                              "sex": raw["GENDER_NAME"], "age": _mapped(raw["C_AGE"], ages, "C_AGE", urls[0]),
                              "population": _values(raw, urls[0])})
        frame.attrs.update(attribution=ATTRIBUTION, urls=urls)
        return NomisResult(frame, tuple(urls), {gss: False for gss in areas})


def _years(years: Iterable[int]) -> str:
    values = sorted({int(y) for y in years})
    if not values:
        raise ValueError("give at least one year")
    return ",".join(map(str, values))


def _detail(response: requests.Response) -> str:
    try:
        body = response.json()
        return str(body.get("error") or body.get("Message") or "") if isinstance(body, dict) else ""
    except ValueError:
        return response.text[:200].strip()


def _read_page(response: requests.Response, columns: Sequence[str]) -> pd.DataFrame:
    try:
        text = response.content.decode("utf-8-sig")
        page = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError:
        return pd.DataFrame(columns=list(columns))
    except (UnicodeDecodeError, pd.errors.ParserError, requests.exceptions.RequestException) as exc:
        raise NomisDataError(f"The reply from {response.url} is not a readable Nomis CSV.",
                             source=response.url) from exc
    page.columns = [str(c).strip().upper() for c in page.columns]
    missing = [c for c in columns if c not in page.columns]
    if missing:
        raise NomisDataError(f"The reply from {response.url} lacks the column(s) {', '.join(missing)}.",
                             source=response.url, missing=missing)
    return page


def _record_count(page: pd.DataFrame, url: str) -> int:
    counts = set(page["RECORD_COUNT"].str.strip())
    if len(counts) != 1 or not next(iter(counts)).isdigit():
        raise NomisDataError(f"The reply from {url} has a damaged RECORD_COUNT column (a row may be cut off).",
                             source=url)
    return int(counts.pop())


def _ints(values: pd.Series, url: str) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce")
    if numbers.isna().any():
        raise NomisDataError(f"The reply from {url} has dates that are not years.", source=url)
    return numbers.astype(int)


def _values(raw: pd.DataFrame, url: str) -> pd.Series:
    text = raw["OBS_VALUE"].str.strip()
    numbers = pd.to_numeric(text, errors="coerce")
    if (numbers.isna() & (text != "")).any():
        raise NomisDataError(f"The reply from {url} has values that are not numbers in OBS_VALUE.", source=url)
    return numbers


def _mapped(values: pd.Series, lookup: dict[str, Any], column: str, url: str) -> pd.Series:
    out = values.str.strip().map(lookup)
    if out.isna().any():
        raise NomisDataError(f"The reply from {url} has {column} codes its codelist does not list "
                             f"({', '.join(sorted(set(values[out.isna()]))[:5])}).", source=url)
    return out
