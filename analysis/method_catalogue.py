"""The methods the product uses, in words people read, with their references and the indicators each is
used for (from the store's metadata). Pure: names and text only; the methods live in analysis.methods,
analysis.ci_fill and analysis.trends."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.ci_fill import BYARS, WILSON, ci_method_for
from analysis.methods.comparison import method_for_metadata

FINGERTIPS_ANALYSIS = ("Fingertips' web service, ukhsa-collaboration/fingertips-open "
                       "PholioVisualisationWS/Analysis")
COMPARISON_LABELS = {
    "ci_overlap": "{level} confidence interval overlapping the comparator's value",
    "two_levels": "95% and 99.8% confidence intervals overlapping the comparator's value",
    "double_overlap": "{level} confidence intervals of the area and the comparator overlapping",
    "spc_proportion": "control limits (SPC) for proportions",
    "spc_dsr": "control limits (SPC) for rates",
    "quintiles": "quintiles among areas of the same type",
    "quartiles": "quartiles among areas of the same type",
    "none": "no comparison",
}
COMPARISON_REFERENCES = {
    "ci_overlap": FINGERTIPS_ANALYSIS + " (SingleOverlappingCIsForOneCILevelComparer)",
    "two_levels": FINGERTIPS_ANALYSIS + " (SingleOverlappingCIsForTwoCILevelsComparer)",
    "double_overlap": FINGERTIPS_ANALYSIS + " (DoubleOverlappingCIsComparer)",
    "spc_proportion": FINGERTIPS_ANALYSIS + " (SpcForProportionsComparer)",
    "spc_dsr": FINGERTIPS_ANALYSIS + " (SpcForDsrComparer)",
    "quintiles": FINGERTIPS_ANALYSIS + " (QuintilesComparer, ValueCategoriesCalculator)",
    "quartiles": FINGERTIPS_ANALYSIS + " (QuartilesComparer)",
    "none": "Fingertips' metadata: \"No comparison\"",
}
CI_REFERENCES = {
    WILSON: "Wilson EB (1927) J Am Stat Assoc 22:209-212; Newcombe RG & Altman DG (2000); "
            "PHEindicatormethods phe_proportion",
    BYARS: "Breslow NE & Day NE (1987) Statistical methods in cancer research II, IARC; exact Poisson "
           "limits below 10 events; PHEindicatormethods phe_rate",
}
CI_USES = {WILSON: "95% and 99.8% confidence intervals of proportions given with a count and denominator only",
           BYARS: "95% and 99.8% confidence intervals of crude rates given with a count and denominator only"}
TREND_REFERENCE = ("Fingertips' technical guidance \"Fingertips trend markers\"; fingertips-open "
                   "TrendMarkers/TrendMarkerCalculator.cs and TrendRequest.cs")


def comparison_label(method: str, level: float | None = None) -> str:
    """"95% confidence interval overlapping the comparator's value", "quintiles among areas …"."""
    text = COMPARISON_LABELS.get(method, method)
    return text.format(level="99.8%" if level == 0.998 else "95%")


@dataclass(frozen=True)
class MethodUse:
    """One method: what it is called, what the product uses it for, its reference, and the indicators."""

    name: str
    use: str
    reference: str
    indicators: tuple[str, ...]


def _names(metadata: pd.DataFrame, mask: pd.Series) -> tuple[str, ...]:
    rows = metadata[mask.to_numpy()]
    return tuple(f"{n} ({int(i)})" for i, n in zip(rows["indicator_id"], rows["indicator_name"], strict=True))


def methods_used(metadata: pd.DataFrame) -> list[MethodUse]:
    """Every method with the indicators of `metadata` (indicator_id, indicator_name, benchmark_method,
    value_type, ci_method) it applies to; methods no indicator uses are still listed (with none)."""
    meta = metadata.reindex(columns=["indicator_id", "indicator_name", "benchmark_method", "value_type",
                                     "ci_method"]).drop_duplicates("indicator_id")
    ci = meta.apply(lambda r: ci_method_for(r["value_type"], r["ci_method"]), axis=1) if len(meta) else pd.Series()
    uses = [MethodUse(f"{name} confidence limits", CI_USES[name], CI_REFERENCES[name],
                      _names(meta, ci == name) if len(meta) else ()) for name in (WILSON, BYARS)]
    choice = meta["benchmark_method"].map(method_for_metadata) if len(meta) else pd.Series(dtype=object)
    keys = [(c.method, c.confidence) for c in choice]
    for method, level in dict.fromkeys([("ci_overlap", 0.95), ("ci_overlap", 0.998), *keys]):
        mask = pd.Series([k == (method, level) for k in keys], dtype=bool)
        uses.append(MethodUse(f"Compared by: {comparison_label(method, level)}",
                              "the comparison word (Better, Similar, Worse …) where Fingertips wrote none",
                              COMPARISON_REFERENCES.get(method, FINGERTIPS_ANALYSIS), _names(meta, mask)))
    uses.append(MethodUse("Recent trend (chi-squared test for trend, 99.8%)",
                          "the recent trend where Fingertips gives none: five single-year points each with a "
                          "value, count and denominator", TREND_REFERENCE, ()))
    return uses
