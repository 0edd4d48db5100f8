"""PHE's statistical methods (PHEindicatormethods) and Fingertips' comparators as pure functions.

Inputs are numbers, lists, numpy arrays or pandas Series (vectorised); outputs are numpy arrays on the
multiplier's scale. Confidence is 0.95 or 0.998 everywhere (95 and 99.8 are read the same); anything
else is a ValueError with a plain sentence, as is a negative count or a count above its denominator.

Modules: proportions (Wilson), rates (Byar's / exact Poisson), means (Student's t), standardised (DSR
with Dobson limits, ISR, SMR), life_tables (Chiang II life table and life expectancy), inequality (SII / RII),
quantiles (phe_quantile), comparison (every Fingertips comparator method). No I/O, no streamlit.
"""

from analysis.methods.comparison import COMPARATOR_METHOD_IDS, METHODS, MethodChoice, compare, method_for_metadata
from analysis.methods.inequality import sii
from analysis.methods.life_tables import life_expectancy, life_expectancy_by_group, life_table
from analysis.methods.means import mean_ci
from analysis.methods.proportions import wilson_ci
from analysis.methods.quantiles import assign_quantiles
from analysis.methods.rates import byars_ci, byars_lower, byars_upper, exact_poisson_limits
from analysis.methods.standardised import ESP2013, ESP2013_BANDS, dsr, dsr_by_group, isr, smr

__all__ = [
    "COMPARATOR_METHOD_IDS",
    "ESP2013",
    "ESP2013_BANDS",
    "METHODS",
    "MethodChoice",
    "assign_quantiles",
    "byars_ci",
    "byars_lower",
    "byars_upper",
    "compare",
    "dsr",
    "dsr_by_group",
    "exact_poisson_limits",
    "isr",
    "life_expectancy",
    "life_expectancy_by_group",
    "life_table",
    "mean_ci",
    "method_for_metadata",
    "sii",
    "smr",
    "wilson_ci",
]
