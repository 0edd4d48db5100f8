"""How cells are cleaned on the way into the store: each rule documented, counted and told in a sentence.

The reader (store.csv_layouts) leaves every file as one all-text table, `hep_raw`, with columns c0, c1, …
in the file's order: '' for an empty field, NULL for a field a short row left out. The SQL built here
cleans and types those cells. Cell rules, in the order they are tried (a cell is counted under the first):

| rule | applies to | what is done |
|------|------------|--------------|
| `html` | every column | a cell that is the website's HTML (`<div class="no-data">-</div>` in Count, `<span class="tooltipValueNote">…</span>` in Value note) keeps only its text; `-` or nothing left is missing |
| `dash` | numbers | `-`, the website's mark for no data, is missing |
| `star` | numbers | `*`, a suppressed value, is missing |
| `missing_word` | numbers | `NA`, `N/A`, `#N/A`, `NaN`, `null` (R, pandas and Excel's missing-value marks) are missing |
| `thousands` | numbers | thousands separators are removed (`"6,144,703"` from an Excel re-save -> 6144703) |
| `line_break_trimmed` | text | line breaks at the start or end of a quoted cell are removed (the 2020 API ended every name of indicator 93356 with one) |
| `line_break_kept` | text | a line break inside a quoted cell is kept as written (counted only) |

Spaces around any cell are removed and an empty cell is missing (not counted: every file has them). Whole-row
and whole-file rules (BOM, short rows, blank rows, trailing empty fields, encoding) are counted by the reader.
After cleaning, a number must read as a finite decimal number, and an identifier as a whole number in the
column's range (Indicator ID: 1 to 2,147,483,647); anything else stops the file, naming row, column and text.
"""
from __future__ import annotations

from dataclasses import dataclass

from store import schema

WS = "(' ' || chr(9) || chr(10) || chr(13))"  # the characters trimmed from every cell
MISSING_WORDS = ("NA", "N/A", "#N/A", "NaN", "nan", "null", "NULL")
HTML = r"'^\s*<[A-Za-z][^>]*>'"
THOUSANDS = r"'^[-+]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$'"
INTEGER_TEXT = r"'^[-+]?[0-9]{1,19}$'"
KIND = {f.name: f.sql_type for f in schema.INDICATOR_VALUE_FIELDS}
NUMERIC = {"DOUBLE", "INTEGER", "BIGINT"}
RANGES = {"INTEGER": "a whole number from -2,147,483,648 to 2,147,483,647",
          "BIGINT": "a whole number", "DOUBLE": "a number"}

MACROS = (
    f"CREATE OR REPLACE TEMP MACRO hep_is_html(x) AS strpos(x, '<') > 0 AND regexp_matches(x, {HTML})",
    f"CREATE OR REPLACE TEMP MACRO hep_text(x) AS CASE WHEN hep_is_html(x) THEN NULLIF(NULLIF(trim("
    f"regexp_replace(x, '<[^>]*>', '', 'g'), {WS}), ''), '-') ELSE NULLIF(trim(x, {WS}), '') END",
    "CREATE OR REPLACE TEMP MACRO hep_num(t) AS CASE WHEN t IN ('-', '*', "
    + ", ".join(f"'{w}'" for w in MISSING_WORDS)
    + f") THEN NULL WHEN strpos(t, ',') > 0 AND regexp_matches(t, {THOUSANDS}) THEN replace(t, ',', '') ELSE t END",
    "CREATE OR REPLACE TEMP MACRO hep_double(n) AS CASE WHEN isfinite(TRY_CAST(n AS DOUBLE)) "
    "THEN TRY_CAST(n AS DOUBLE) END",
    f"CREATE OR REPLACE TEMP MACRO hep_whole(n) AS CASE WHEN regexp_matches(n, {INTEGER_TEXT}) THEN n END",
)


@dataclass(frozen=True)
class Rule:
    key: str
    applies: str  # "all", "numeric", "text"
    sql: str  # condition on the raw cell `@x` (the first matching rule counts the cell)
    sentence: str  # {n} cells, {columns}


CELL_RULES: tuple[Rule, ...] = (
    Rule("html", "all", "hep_is_html(@x)",
         "{n} cells held the Fingertips website's HTML ({columns}): only their text was kept, and those showing "
         "no data (<div class=\"no-data\">-</div>) were stored as missing."),
    Rule("dash", "numeric", "trim(@x, " + WS + ") = '-'",
         "{n} empty cells shown as '-' on the website ({columns}) were stored as missing."),
    Rule("star", "numeric", "trim(@x, " + WS + ") = '*'",
         "{n} suppressed values shown as '*' ({columns}) were stored as missing."),
    Rule("missing_word", "numeric", "trim(@x, " + WS + ") IN (" + ", ".join(f"'{w}'" for w in MISSING_WORDS) + ")",
         "{n} cells marked missing as 'NA', 'NaN' or '#N/A' ({columns}) were stored as missing."),
    Rule("thousands", "numeric", f"strpos(@x, ',') > 0 AND regexp_matches(trim(@x, {WS}), {THOUSANDS})",
         "{n} numbers written with thousands separators, e.g. '6,144,703' ({columns}), were read without them."),
    Rule("line_break_trimmed", "text", "(strpos(@x, chr(10)) > 0 OR strpos(@x, chr(13)) > 0) AND "
         "regexp_matches(@x, '^[ \\t]*[\\r\\n]|[\\r\\n][ \\t]*$')",
         "{n} cells ended or began with a line break inside their quotes ({columns}), as the 2020 API wrote "
         "indicator names: the line break was removed."),
    Rule("line_break_kept", "text", "strpos(trim(@x, " + WS + "), chr(10)) > 0",
         "{n} cells hold a line break inside their quotes ({columns}); it was kept as written."),
)


def applies(rule: Rule, column: str) -> bool:
    numeric = KIND[column] in NUMERIC
    return rule.applies == "all" or (rule.applies == "numeric") == numeric


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


ODD_TEXT = r"'[<\t\r\n]'"  # a text cell needing more than trimming spaces: maybe HTML or a line break


def clean_expr(column: str, cell: str) -> str:
    """SQL for one store column, typed, from the raw cell expression `cell`. Plain cells (the vast majority)
    take a cheap branch; only the others go through the rules."""
    kind = KIND[column]
    full = f"hep_text({cell})"
    if kind == "VARCHAR":
        return f"CASE WHEN regexp_matches({cell}, {ODD_TEXT}) THEN {full} ELSE NULLIF(trim({cell}), '') END"
    if kind == "DOUBLE":
        return (f"CASE WHEN {cell} = '' THEN NULL WHEN isfinite(TRY_CAST({cell} AS DOUBLE)) THEN "
                f"TRY_CAST({cell} AS DOUBLE) ELSE hep_double(hep_num({full})) END")
    return (f"CASE WHEN {cell} = '' THEN NULL WHEN regexp_matches({cell}, '^[0-9]{{1,18}}$') THEN "
            f"TRY_CAST({cell} AS {kind}) ELSE TRY_CAST(hep_whole(hep_num({full})) AS {kind}) END")


def odd_expr(column: str, cell: str) -> str:
    """SQL true for a cell that the cheap branch of clean_expr does not take (rules are only tried on these)."""
    if KIND[column] == "VARCHAR":
        return f"regexp_matches({cell}, {ODD_TEXT})"
    if KIND[column] == "DOUBLE":
        return f"({cell} <> '' AND NOT coalesce(isfinite(TRY_CAST({cell} AS DOUBLE)), false))"
    return (f"({cell} <> '' AND (NOT regexp_matches({cell}, '^[0-9]{{1,18}}$') OR "
            f"TRY_CAST({cell} AS {KIND[column]}) IS NULL))")


def bad_expr(column: str, cell: str) -> str | None:
    """SQL true when a cell has text that still cannot be typed (None for text columns)."""
    if KIND[column] not in NUMERIC:
        return None
    return f"({odd_expr(column, cell)} AND {clean_expr(column, cell)} IS NULL AND hep_num(hep_text({cell})) IS NOT NULL)"


def rule_filters(columns: dict[str, str]) -> list[tuple[str, str, str]]:
    """(rule key, store column, SQL condition) for every rule and column it applies to; `columns` maps a
    store column to its raw cell expression. A cell counts under its first matching rule only."""
    out = []
    for column, cell in columns.items():
        earlier: list[str] = []
        for rule in CELL_RULES:
            if not applies(rule, column):
                continue
            cond = rule.sql.replace("@x", cell)
            out.append((rule.key, column, " AND ".join([odd_expr(column, cell), *earlier, cond])))
            earlier.append(f"NOT ({cond})")
    return out


@dataclass(frozen=True)
class Cleaned:
    """One cleaning rule's count in one import, with the sentence the summary shows."""
    rule: str
    count: int
    columns: tuple[str, ...] = ()
    sentence: str = ""


SENTENCES = {r.key: r.sentence for r in CELL_RULES}


def tell(rule: str, n: int, columns: tuple[str, ...] = ()) -> Cleaned:
    text = SENTENCES.get(rule, READER_SENTENCES.get(rule, "{n} cells: " + rule))
    listed = ", ".join(columns)
    return Cleaned(rule, n, columns, text.format(n=f"{n:,}", columns=listed, s="" if n == 1 else "s"))


READER_SENTENCES = {
    "bom": "The file began with a byte-order mark (as files saved from the website or Excel do); it was ignored.",
    "encoding": "The file was not UTF-8; it was read as Windows-1252, the encoding Excel saves CSV files in.",
    "short_rows": "{n} row{s} had one field fewer than the header (the API leaves out an empty last field): "
                  "the missing field was stored as empty.",
    "trailing_fields": "{n} row{s} had empty fields beyond the last heading (a trailing comma): they were dropped.",
    "blank_rows": "{n} row{s} with every cell empty were skipped.",
}
