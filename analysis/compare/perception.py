"""Perceived against actual insecurity: side by side, trends, and the fear gap by ranks.

Perceived likelihood of victimization in the next 12 months is a
perception; nothing here divides it by last year's prevalence (naming.md).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.compare.differences import wave_difference
from analysis.estimate import check_level


def police_rates(
    police: pd.DataFrame,
    area: str = "area",
    period: str | None = None,
    crime_types: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Police-recorded crimes per 100,000 inhabitants by area.

    Parameters
    ----------
    police : pandas.DataFrame
        Columns ``area`` (or the column named by ``area``), ``period``,
        ``crime_type``, ``count``, ``population`` (population of the area,
        repeated on each of its rows).
    area : str
        Column to aggregate by (e.g. ``"state"`` when the table has it).
    period : str, optional
        Keep this period only (the survey's reference period).
    crime_types : sequence of int, optional
        Keep these ``crime_type`` codes.

    Returns
    -------
    pandas.DataFrame
        ``domain, police_count, population, police_rate`` (per 100,000).

    Examples
    --------
    >>> police_rates(police, area="state", period="2024")   # doctest: +SKIP
    """
    needed = {area, "crime_type", "count", "population"} | (
        {"period"} if period is not None else set()
    )
    missing = sorted(needed - set(police.columns))
    if missing:
        raise ValueError(f"police table lacks column(s) {', '.join(missing)}")
    table = police
    if period is not None:
        table = table[table["period"].astype(str) == str(period)]
    if crime_types is not None:
        table = table[table["crime_type"].isin(list(crime_types))]
    if (pd.to_numeric(table["count"], errors="coerce") < 0).any():
        raise ValueError("police column 'count' has negative or non-numeric values")
    base = "area" if "area" in table.columns else area
    # population once per base area (it repeats over crime types)
    population = table.groupby(base)["population"].max()
    owner = table.groupby(base)[area].first()
    pop = population.groupby(owner).sum()
    count = table.groupby(area)["count"].sum()
    out = pd.DataFrame({"police_count": count, "population": pop}).reset_index(names="domain")
    out["domain"] = out["domain"].astype(str)
    out["police_rate"] = 1e5 * out["police_count"] / out["population"]
    return out


def perceived_vs_actual(
    table: pd.DataFrame,
    domain_type: str = "state",
    perceived: Sequence[str] = ("insecure_nbhd", "insecure_muni", "insecure_state", "likely"),
    actual: Sequence[str] = ("prev_person", "incidence", "dark_figure"),
    police: pd.DataFrame | None = None,
    police_area: str = "area",
    period: str | None = None,
) -> pd.DataFrame:
    """Perceived and actual insecurity side by side, one row per area or group.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`analysis.indicators.compute_indicators`.
    domain_type : str
        ``state``, ``municipality``, ``sex``, ``age_group``, ``youth``, ...
    perceived, actual : sequence of str
        Indicator ids; each gives ``<id>``, ``<id>_ci_low``, ``<id>_ci_high``
        and ``<id>_quality`` columns.
    police : pandas.DataFrame, optional
        Police-recorded crime (see :func:`police_rates`); adds
        ``police_count``, ``police_rate`` (per 100,000 inhabitants) and,
        when ``incidence`` is in ``actual``, ``recorded_share`` = police rate
        / survey incidence: the share of the crimes people suffer that end
        up in police records (both are counts of crimes of the same period).
    police_area : str
        Column of the police table matching ``domain`` (``area`` when the
        police areas are the domain's, ``state`` to add municipalities up).
    period : str, optional
        Police period to use.

    Returns
    -------
    pandas.DataFrame
        One row per domain.

    Notes
    -----
    Feeling unsafe, thinking victimization likely next year and last year's
    prevalence measure different things and are shown next to each other,
    never divided by one another: the likelihood of the next 12 months
    cannot be mapped one to one onto last year's rates.

    Examples
    --------
    >>> perceived_vs_actual(table, "state", police=police, police_area="state")  # doctest: +SKIP
    """
    missing = sorted(
        {"indicator", "domain_type", "domain", "estimate", "ci_low", "ci_high", "quality"}
        - set(table.columns)
    )
    if missing:
        raise ValueError(f"table lacks column(s) {', '.join(missing)}")
    part = table[table["domain_type"] == domain_type]
    if part.empty:
        raise ValueError(f"table has no rows with domain_type {domain_type!r}")
    out = pd.DataFrame({"domain": sorted(part["domain"].unique())})
    for ident in [*perceived, *actual]:
        rows = part[part["indicator"] == ident]
        if rows.empty:
            raise ValueError(f"table has no indicator {ident!r} for {domain_type!r}")
        cols = rows.set_index("domain")[["estimate", "ci_low", "ci_high", "quality"]]
        cols.columns = [ident, f"{ident}_ci_low", f"{ident}_ci_high", f"{ident}_quality"]
        out = out.merge(cols, left_on="domain", right_index=True, how="left")
    if police is not None:
        rates = police_rates(police, area=police_area, period=period)
        out = out.merge(rates[["domain", "police_count", "police_rate"]], on="domain", how="left")
        if "incidence" in actual:
            out["recorded_share"] = out["police_rate"] / out["incidence"]
    return out


def perceived_trend(
    current: pd.DataFrame,
    previous: pd.DataFrame,
    domain_type: str = "national",
    perceived: str = "trend_area_up",
    measured: Sequence[str] = ("prev_person", "incidence"),
    level: float = 0.95,
) -> pd.DataFrame:
    """Perceived trend ("crime has increased") next to the measured change between waves.

    Parameters
    ----------
    current, previous : pandas.DataFrame
        :func:`analysis.indicators.compute_indicators` tables of two waves.
    domain_type : str
    perceived : str
        Indicator of the current wave (``trend_area_up`` or
        ``trend_country_up``: share who think crime increased).
    measured : sequence of str
        Indicators whose change is measured (:func:`wave_difference`).
    level : float
        Level of the change's test.

    Returns
    -------
    pandas.DataFrame
        One row per domain: ``domain``, the perceived share and its interval,
        then for each measured indicator ``<id>_change``, ``<id>_p`` and
        ``<id>_trend`` (``increase``, ``decrease``, or ``no significant
        change``: a change is a change only when significant).

    Examples
    --------
    >>> perceived_trend(table_2025, table_2024, domain_type="state")   # doctest: +SKIP
    """
    part = current[(current["domain_type"] == domain_type) & (current["indicator"] == perceived)]
    if part.empty:
        raise ValueError(f"current table has no indicator {perceived!r} for {domain_type!r}")
    out = part[["domain", "estimate", "ci_low", "ci_high"]].rename(
        columns={
            "estimate": perceived,
            "ci_low": f"{perceived}_ci_low",
            "ci_high": f"{perceived}_ci_high",
        }
    )
    changes = wave_difference(current, previous, level=level, indicators=list(measured))
    changes = changes[changes["domain_type"] == domain_type]
    for ident in measured:
        rows = changes[changes["indicator"] == ident].set_index("domain")
        if rows.empty:
            raise ValueError(f"both tables need indicator {ident!r} for {domain_type!r}")
        trend = np.where(
            ~rows["significant"],
            "no significant change",
            np.where(rows["difference"] > 0, "increase", "decrease"),
        )
        cols = pd.DataFrame(
            {
                f"{ident}_change": rows["difference"],
                f"{ident}_p": rows["p"],
                f"{ident}_trend": trend,
            },
            index=rows.index,
        )
        out = out.merge(cols, left_on="domain", right_index=True, how="left")
    return out.reset_index(drop=True)


def fear_gap(
    table: pd.DataFrame,
    fear: str = "insecure_nbhd",
    victimization: str = "prev_person",
    domain_type: str = "state",
    level: float = 0.90,
    draws: int = 2000,
    rng: np.random.Generator | int | None = 0,
) -> pd.DataFrame:
    r"""Areas (or groups) where fear is high relative to victimization, and the reverse.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`analysis.indicators.compute_indicators`.
    fear, victimization : str
        Indicator ids compared (e.g. ``insecure_nbhd`` vs ``prev_person``).
    domain_type : str
        Areas or groups to rank (at least three domains).
    level : float
        Level of the rank intervals.
    draws : int
        Monte Carlo draws.
    rng : Generator, int or None
        Random source (default seed 0: the same table gives the same result).

    Returns
    -------
    pandas.DataFrame
        ``domain, fear, victimization, fear_rank, victimization_rank, gap,
        gap_low, gap_high, classification`` with ``classification`` one of
        ``fear above victimization``, ``fear below victimization``,
        ``consistent``.

    Notes
    -----
    Fear and victimization are on different scales, so the domains are
    compared by their standardized ranks :math:`r/(K-1) \in [0, 1]` among
    the :math:`K` domains. The gap is ``fear_rank - victimization_rank``
    (+1: most fearful and least victimized). Its interval comes from
    ``draws`` joint draws of every domain's estimates from
    :math:`N(\hat\theta, SE^2)` (domains treated as independent, as strata
    of the sample are), re-ranking each time, and taking the equal-tailed
    percentiles (Goldstein and Spiegelhalter 1996, rank intervals). A domain
    is classified only when the interval excludes 0. For groups that share
    PSUs (sex, age groups) the independence of the draws is an
    approximation; with few groups prefer :func:`domain_difference`.

    Examples
    --------
    >>> fear_gap(table, "insecure_nbhd", "prev_person", "state")   # doctest: +SKIP
    """
    check_level(level)
    if draws < 100:
        raise ValueError(f"draws must be at least 100; got {draws}")
    gen = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    part = table[table["domain_type"] == domain_type]
    values = {}
    for ident in (fear, victimization):
        rows = part[part["indicator"] == ident].set_index("domain")[["estimate", "se"]]
        if rows.empty:
            raise ValueError(f"table has no indicator {ident!r} for {domain_type!r}")
        values[ident] = rows
    joined = (
        values[fear]
        .merge(values[victimization], left_index=True, right_index=True, suffixes=("_f", "_v"))
        .dropna()
    )
    k = len(joined)
    if k < 3:
        raise ValueError(f"fear_gap needs at least three {domain_type} domains with both estimates")

    def ranks(x: np.ndarray) -> np.ndarray:
        return np.argsort(np.argsort(x, axis=-1), axis=-1) / (k - 1)

    est_f, se_f = joined["estimate_f"].to_numpy(), joined["se_f"].to_numpy()
    est_v, se_v = joined["estimate_v"].to_numpy(), joined["se_v"].to_numpy()
    sim_f = est_f + se_f * gen.standard_normal((draws, k))
    sim_v = est_v + se_v * gen.standard_normal((draws, k))
    sim_gap = ranks(sim_f) - ranks(sim_v)
    low, high = np.percentile(sim_gap, [50 * (1 - level), 50 * (1 + level)], axis=0)
    gap = ranks(est_f) - ranks(est_v)
    label = np.where(
        low > 0,
        "fear above victimization",
        np.where(high < 0, "fear below victimization", "consistent"),
    )
    return pd.DataFrame(
        {
            "domain": joined.index.to_numpy(),
            "fear": est_f,
            "victimization": est_v,
            "fear_rank": ranks(est_f),
            "victimization_rank": ranks(est_v),
            "gap": gap,
            "gap_low": low,
            "gap_high": high,
            "classification": label,
        }
    )
