r"""Evaluation of a measure: difference in differences between programme areas and the rest.

The analyst names the areas where a programme ran and two waves (before and
after). For each indicator,

.. math:: \widehat{DiD} = (\hat\theta_{P,1} - \hat\theta_{R,1}) - (\hat\theta_{P,0} - \hat\theta_{R,0})

where :math:`P` are the programme areas, :math:`R` the rest, 0 the wave
before and 1 the wave after. Within a wave, :math:`P` and :math:`R` are two
domains of one design (they may share strata, and the domain ratios are
linearized together, so their covariance is kept); the two waves are
independent samples, so their covariances add. This equals one design of
both waves stacked, with strata ``wave × stratum`` (R: ``svyby`` then
``svycontrast(b, c(-1, 1, 1, -1))``, see ``tests/fixtures/r/make_reference_compare.R``).

What it shows: how much more (or less) the indicator changed in the programme
areas than elsewhere. It is the programme's effect only under the parallel
trends assumption (without the programme both groups of areas would have
changed alike), which two waves cannot check, and only if nothing else
changed differently in those areas at the same time. It is not proof of
cause; with few programme areas or cases the interval is wide.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.compare.differences import contrast, domain_estimates, stack_independent
from analysis.compare.groups import Cells, cell_columns
from analysis.estimate import check_level
from analysis.indicators.catalogue import UNIT_SCALE, get_indicator
from analysis.indicators.compute import add_domain_columns, compute_indicators
from analysis.indicators.quality import QualityRules
from analysis.indicators.spec import DesignSpec, domain_labels

__all__ = ["DID_CELLS", "SMALL_SAMPLE", "WaveSample", "difference_in_differences"]

#: The four cells of a DiD, in the order of the contrast (-1, 1, 1, -1).
DID_CELLS: tuple[str, ...] = ("programme_before", "rest_before", "programme_after", "rest_after")
#: A cell with fewer cases than this makes the statement warn of a small sample (CEPAL 2020:
#: n >= 100 for a published estimate).
SMALL_SAMPLE = 100

_GROUP = "programme_group"


@dataclass(frozen=True)
class WaveSample:
    """One wave's microdata: respondents, incidents and the design's columns.

    ``name`` names the wave in error messages and tables.
    """

    respondents: pd.DataFrame
    incidents: pd.DataFrame | None = None
    design_spec: DesignSpec | Mapping[str, Any] | None = None
    name: str = ""


def _frame(wave: WaveSample, role: str, column_of: str, programme: set[str]) -> pd.DataFrame:
    spec = DesignSpec.from_any(wave.design_spec)
    frame = add_domain_columns(wave.respondents).reset_index(drop=True)
    column = spec.domain_columns.get(column_of, column_of)
    label = f"wave {wave.name or role}"
    if column not in frame.columns:
        raise ValueError(f"{label}: area column {column!r} not found in the respondent table")
    areas = domain_labels(frame[column]).where(frame[column].notna())
    present = set(areas.dropna())
    missing = sorted(programme - present)
    if missing:
        raise ValueError(
            f"{label}: programme area(s) {', '.join(missing)} have no interviews in this wave"
        )
    if not present - programme:
        raise ValueError(f"{label}: every area is a programme area; nothing to compare with")
    group = np.where(areas.isin(programme), "programme", "rest").astype(object)
    group[areas.isna().to_numpy()] = None
    frame[_GROUP] = group
    return frame


def difference_in_differences(
    before: WaveSample,
    after: WaveSample,
    programme_areas: Sequence[Any],
    indicators: Sequence[str],
    area: str = "state",
    level: float = 0.95,
    quality: str | QualityRules = "inegi",
) -> pd.DataFrame:
    r"""Difference in differences of indicators between programme areas and the rest.

    Parameters
    ----------
    before, after : WaveSample
        The waves before and after the programme (independent samples of
        the same areas).
    programme_areas : sequence
        Values of the ``area`` column where the programme ran (compared as
        text: ``"01"``); every other area with interviews is the comparison
        group.
    indicators : sequence of str
        Catalogue ids (prevalence, fear, reporting, ...), each present in
        both waves.
    area : str
        Domain name or column of the areas (``state``, ``municipality``).
    level : float
        Level of every interval and of ``significant``.
    quality : str or QualityRules
        Rule set for the four cells (:func:`compute_indicators`); a DiD is
        ``suppressed`` when any of its cells is.

    Returns
    -------
    pandas.DataFrame
        One row per indicator: ``indicator, unit``; for each cell of
        :data:`DID_CELLS` the estimate and ``_ci_low, _ci_high, _n,
        _quality, _suppressed``; ``change_programme, change_programme_se,
        change_rest, change_rest_se`` (after minus before); ``did, se,
        ci_low, ci_high, t, df, p, significant, level``; ``n_min`` (cases
        in the smallest cell), ``small_sample`` (``n_min <`` :data:`SMALL_SAMPLE`
        or a cell of low or insufficient quality) and ``suppressed``.
        Estimates are on the indicator's unit (percentage points for
        percentages).

    Notes
    -----
    Cells :math:`(P_0, R_0, P_1, R_1)` with covariance
    :math:`V = \mathrm{diag}(V_0, V_1)`, each :math:`V_w` the 2×2
    linearization covariance of the wave's two domain ratios
    (:func:`analysis.compare.differences.domain_estimates`); with
    :math:`c = (-1, 1, 1, -1)`, :math:`\widehat{DiD} = c^\top\hat\theta`,
    :math:`SE = \sqrt{c^\top V c}`, :math:`t` on :math:`df_0 + df_1`
    degrees of freedom (PSUs minus strata of both waves). A panel (the
    same PSUs in both waves) would make the waves correlated; this assumes
    independent samples.

    Examples
    --------
    R: ``both <- svydesign(id = ~psu, strata = ~wave_stratum, weights = ~weight,
    data = rbind(w0, w1)); b <- svyby(~y, ~wave + group, both, svymean,
    na.rm = TRUE, covmat = TRUE); svycontrast(b, c(-1, 1, 1, -1))``

    >>> difference_in_differences(WaveSample(r0, i0, spec), WaveSample(r1, i1, spec),
    ...                           ["03", "05"], ["prev_person", "insecure_nbhd"])  # doctest: +SKIP
    """
    check_level(level)
    programme = {str(v) for v in domain_labels(pd.Series(list(programme_areas), dtype=object))}
    if not programme:
        raise ValueError("mark at least one programme area")
    if isinstance(indicators, str):
        indicators = [indicators]
    if not indicators:
        raise ValueError("choose at least one indicator")
    for ident in indicators:
        get_indicator(ident)  # unknown ids fail here, naming the id
    waves = {"before": before, "after": after}
    frames = {role: _frame(w, role, area, programme) for role, w in waves.items()}
    cells: Cells = {}
    for role, wave in waves.items():
        spec = DesignSpec.from_any(wave.design_spec)
        try:
            table = compute_indicators(
                frames[role],
                wave.incidents,
                spec,
                domains=[_GROUP],
                level=level,
                quality=quality,
                indicators=indicators,
            )
        except ValueError as exc:
            raise ValueError(f"wave {wave.name or role}: {exc}") from exc
        for r in table.to_dict("records"):
            cells[(role, str(r["indicator"]), str(r["domain"]))] = r
    rows = []
    for ident in indicators:
        parts = []
        for role, wave in waves.items():
            frame = frames[role]
            group = frame[_GROUP]
            parts.append(
                domain_estimates(
                    frame,
                    wave.incidents,
                    DesignSpec.from_any(wave.design_spec),
                    ident,
                    [(group == "programme").to_numpy(), (group == "rest").to_numpy()],
                )
            )
        stacked = stack_independent(*parts)
        scale = UNIT_SCALE[get_indicator(ident).unit]
        row: dict[str, Any] = {"indicator": ident, "unit": get_indicator(ident).unit}
        worst_n = np.inf
        suppressed = False
        weak = False
        for name in DID_CELLS:
            group_name, role = name.split("_")
            key = (role, ident, group_name)
            row.update(cell_columns(cells, key, name))
            cell = cells.get(key)
            n = 0 if cell is None else int(cell["n"])
            worst_n = min(worst_n, n)
            suppressed = suppressed or cell is None or bool(cell["suppressed"])
            weak = weak or cell is None or cell["quality"] in ("low", "insufficient")
        for name, coefficients in (
            ("change_programme", [-1.0, 0.0, 1.0, 0.0]),
            ("change_rest", [0.0, -1.0, 0.0, 1.0]),
        ):
            change = contrast(stacked, coefficients, scale, level)
            row[name] = change["difference"]
            row[f"{name}_se"] = change["se"]
        did = contrast(stacked, [-1.0, 1.0, 1.0, -1.0], scale, level)
        row["did"] = did.pop("difference")
        row.update(did)
        row["level"] = float(level)
        row["n_min"] = int(worst_n)
        row["small_sample"] = bool(worst_n < SMALL_SAMPLE or weak)
        row["suppressed"] = suppressed
        rows.append(row)
    return pd.DataFrame(rows)
