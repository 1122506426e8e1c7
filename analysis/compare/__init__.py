"""Comparisons: changes between waves, differences between domains, perceived vs actual.

One module per job (:mod:`.differences`, :mod:`.perception`, :mod:`.model`, :mod:`.groups`,
:mod:`.evaluation`); import from here.

* :func:`wave_difference`: change of each indicator between two waves
  (independent samples) with its standard error, t, p and significance.
* :func:`domain_difference`: difference between two domains of the same
  design, with the covariance of the two estimates.
* :func:`perceived_vs_actual`: per area or group, feeling unsafe and
  thinking victimization likely next to prevalence, incidence, the dark
  figure and police-recorded crime.
* :func:`perceived_trend`: the share who think crime increased next to
  the measured change of prevalence and incidence between waves.
* :func:`fear_gap`: areas or groups whose fear ranks clearly above (or
  below) their victimization, by standardized ranks with intervals.
* :func:`fear_model`: design-based logistic regression of feeling unsafe on
  victimization, sex, age group, area and trust in the police
  (:func:`fear_model_missing`: the items without which it cannot be fitted;
  :func:`fear_model_dropped`: the covariates' items a table lacks, whose terms
  it leaves out).
* :func:`perception_model`: perception by an exposure (crime news, ...)
  adjusted for victimization, sex, age group and area (same machinery;
  :func:`perception_model_missing`: the items without which it cannot be
  fitted; :func:`perception_model_dropped`: the adjustment terms whose items a
  table lacks or leaves empty, which it leaves out).
* :func:`fear_by_victimization`: fear among victims and non-victims, with the
  test of the difference; :func:`paradox_table`: fear and victimization of
  each group (sex, age, youth) against the rest.
* :func:`difference_in_differences`: evaluation of a programme between two
  waves, programme areas against the rest (:mod:`.evaluation`).

Perceived likelihood of victimization in the next 12 months is a
perception; nothing here divides it by last year's prevalence (naming.md).
"""

from analysis.compare.differences import DIFFERENCE_COLUMNS, domain_difference, wave_difference
from analysis.compare.evaluation import WaveSample, difference_in_differences
from analysis.compare.groups import (
    PATTERNS,
    fear_by_victimization,
    paradox_groups,
    paradox_table,
    victim_status,
)
from analysis.compare.model import (
    fear_model,
    fear_model_dropped,
    fear_model_missing,
    perception_model,
    perception_model_dropped,
    perception_model_missing,
)
from analysis.compare.perception import fear_gap, perceived_trend, perceived_vs_actual, police_rates

__all__ = [
    "DIFFERENCE_COLUMNS",
    "PATTERNS",
    "WaveSample",
    "difference_in_differences",
    "domain_difference",
    "fear_by_victimization",
    "fear_gap",
    "fear_model",
    "fear_model_dropped",
    "fear_model_missing",
    "paradox_groups",
    "paradox_table",
    "perception_model",
    "perception_model_dropped",
    "perception_model_missing",
    "perceived_trend",
    "perceived_vs_actual",
    "police_rates",
    "victim_status",
    "wave_difference",
]
