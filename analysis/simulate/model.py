"""The generating model: area effects, person-level probabilities, and the true values.

Victimization of crime type ``c`` (12 months), for an adult of sex ``s`` and
age group ``g`` in block ``b`` of municipality ``m`` in state ``k``::

    logit p = a_c + u_k + e_m + v_b + beta_c[s] + gamma_c[g] + shift

and for household crimes ``logit p = a_c + u_k + e_m + v_b + shift`` (vehicle
crimes only for owners). Counts are ``1 + Poisson(lambda_c)``.

Fear is *not* proportional to victimization: feeling unsafe at level ``L``::

    logit q = c_L + media_k + media_m + kappa_L * disorder_b + sex + age + eta * victim

with area media effects drawn independently of the victimization effects
and block disorder only partly correlated with block victimization
(``disorder_b = 0.4 v_b + noise``). Reporting depends on the crime type and
the state; an investigation file is opened for a state-dependent share of
reported crimes; police record a fraction of those.

True values are expectations given the finite population's composition and
its area and block effects (:func:`truth_table`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import expit

from analysis.simulate.population import AGE_LABELS, Population

__all__ = ["CRIME_PARAMS", "Effects", "expected_crimes", "make_effects", "truth_table"]

# stem: (crime_type code, household?, base 12-month probability, lambda of extra
# counts, reporting probability, female log-odds, age-group log-odds)
CRIME_PARAMS: dict[str, tuple[int, bool, float, float, float, float, tuple[float, ...]]] = {
    "car": (1, True, 0.035, 0.1, 0.75, 0.0, (0, 0, 0, 0)),
    "vpart": (2, True, 0.07, 0.3, 0.18, 0.0, (0, 0, 0, 0)),
    "vand": (3, True, 0.05, 0.3, 0.10, 0.0, (0, 0, 0, 0)),
    "moto": (4, True, 0.04, 0.1, 0.60, 0.0, (0, 0, 0, 0)),
    "bike": (5, True, 0.05, 0.2, 0.12, 0.0, (0, 0, 0, 0)),
    "burg": (6, True, 0.04, 0.2, 0.35, 0.0, (0, 0, 0, 0)),
    "aburg": (7, True, 0.035, 0.3, 0.12, 0.0, (0, 0, 0, 0)),
    "rob": (11, False, 0.07, 0.4, 0.20, -0.2, (0.4, 0.2, 0.0, -0.4)),
    "theft": (12, False, 0.06, 0.3, 0.10, 0.1, (0.3, 0.1, 0.0, -0.3)),
    "assault": (13, False, 0.025, 0.5, 0.22, -0.4, (0.6, 0.2, -0.2, -0.8)),
    "threat": (14, False, 0.045, 0.6, 0.12, 0.0, (0.3, 0.2, 0.0, -0.5)),
    "sex": (15, False, 0.012, 0.5, 0.08, 1.2, (0.7, 0.2, -0.4, -1.2)),
    "fraud": (16, False, 0.05, 0.2, 0.10, 0.0, (0.0, 0.2, 0.1, 0.0)),
    "extort": (17, False, 0.03, 0.3, 0.06, 0.0, (0.0, 0.2, 0.1, -0.2)),
    "kidnap": (18, False, 0.004, 0.0, 0.40, 0.0, (0.3, 0.1, 0.0, -0.5)),
}
PERSONAL = tuple(s for s, p in CRIME_PARAMS.items() if not p[1])
HOUSEHOLD = tuple(s for s, p in CRIME_PARAMS.items() if p[1])
OWNERSHIP = {
    "car": "own_car",
    "vpart": "own_car",
    "vand": "own_car",
    "moto": "own_moto",
    "bike": "own_bike",
}

#: fear intercepts by level and the weight of block disorder at each level
FEAR_LEVELS: dict[str, tuple[float, float]] = {
    "nbhd": (-0.9, 0.8),
    "muni": (0.2, 0.3),
    "state": (0.8, 0.1),
}
FEAR_SEX = np.array([0.0, 0.45])  # male, female
FEAR_AGE = np.array([-0.15, 0.0, 0.1, 0.25])
FEAR_VICTIM = 0.8


def _logit(p: float) -> float:
    return float(np.log(p / (1 - p)))


@dataclass(frozen=True)
class Effects:
    """Area and block effects and the wave's shifts (index by position in areas/blocks)."""

    state_vict: np.ndarray  # by state
    mun_vict: np.ndarray  # by municipality
    block_vict: np.ndarray  # by block
    state_media: np.ndarray
    mun_media: np.ndarray
    block_disorder: np.ndarray
    state_report: np.ndarray
    state_file: np.ndarray  # probability of an investigation file given reported
    state_trust: np.ndarray
    state_corruption: np.ndarray
    vict_shift_by_state: np.ndarray  # log-odds added in this wave
    fear_shift: float


def make_effects(
    rng: np.random.Generator,
    population: Population,
    change: Mapping[str, float] | None,
) -> Effects:
    """Draw the area effects (from the population's stream), then apply a wave's change.

    ``change``: ``{"victimization": log-odds, "fear": log-odds, "states":
    fraction of states (the first ones) whose victimization changes}``.
    """
    n_states = population.areas["state"].nunique()
    n_mun = len(population.areas)
    n_blocks = len(population.blocks)
    block_vict = rng.normal(0.0, 0.35, n_blocks)
    effects = Effects(
        state_vict=rng.normal(0.0, 0.3, n_states),
        mun_vict=rng.normal(0.0, 0.25, n_mun),
        block_vict=block_vict,
        state_media=rng.normal(0.0, 0.35, n_states),
        mun_media=rng.normal(0.0, 0.3, n_mun),
        block_disorder=0.4 * block_vict + rng.normal(0.0, 0.3, n_blocks),
        state_report=rng.normal(0.0, 0.35, n_states),
        state_file=expit(rng.normal(0.9, 0.5, n_states)),
        state_trust=rng.normal(0.0, 0.4, n_states),
        state_corruption=rng.normal(0.0, 0.4, n_states),
        vict_shift_by_state=np.zeros(n_states),
        fear_shift=0.0,
    )
    if not change:
        return effects
    unknown = sorted(set(change) - {"victimization", "fear", "states"})
    if unknown:
        raise ValueError(f"change has unknown key(s) {', '.join(unknown)}")
    share = float(change.get("states", 1.0))
    if not 0.0 < share <= 1.0:
        raise ValueError(f"change['states'] must be in (0, 1]; got {share}")
    shifted = np.zeros(n_states)
    shifted[: max(1, round(share * n_states))] = float(change.get("victimization", 0.0))
    return Effects(
        **{
            **effects.__dict__,
            "vict_shift_by_state": shifted,
            "fear_shift": float(change.get("fear", 0.0)),
        }
    )


@dataclass(frozen=True)
class Where:
    """Positions of persons (or cells) in the area tables, and their covariates."""

    state: np.ndarray
    mun: np.ndarray
    block: np.ndarray
    sex: np.ndarray  # 1, 2
    age_group: np.ndarray  # 0..3


def crime_probability(stem: str, effects: Effects, at: Where) -> np.ndarray:
    """12-month probability of being a victim of ``stem`` (household crimes: the household)."""
    _, household, base, _, _, female, ages = CRIME_PARAMS[stem]
    eta = (
        _logit(base)
        + effects.state_vict[at.state]
        + effects.mun_vict[at.mun]
        + effects.block_vict[at.block]
        + effects.vict_shift_by_state[at.state]
    )
    if not household:
        eta = eta + female * (at.sex == 2) + np.asarray(ages)[at.age_group]
    return np.asarray(expit(eta))


def fear_base(effects: Effects, at: Where, level: str) -> np.ndarray:
    """Log-odds of feeling unsafe at ``level`` for a non-victim."""
    intercept, disorder = FEAR_LEVELS[level]
    return (
        intercept
        + effects.state_media[at.state]
        + effects.mun_media[at.mun]
        + disorder * effects.block_disorder[at.block]
        + FEAR_SEX[at.sex - 1]
        + FEAR_AGE[at.age_group]
        + effects.fear_shift
    )


def dark_parts(effects: Effects, at: Where) -> tuple[np.ndarray, np.ndarray]:
    """Probability of never walking alone after dark, and log-odds of unsafe when walking."""
    never = expit(-2.6 + 0.6 * (at.sex == 2) + np.array([0, 0, 0.3, 1.1])[at.age_group])
    unsafe = fear_base(effects, at, "nbhd") + 0.2
    return np.asarray(never), unsafe


def worry_base(effects: Effects, at: Where) -> np.ndarray:
    return (
        0.2
        + 0.8 * (effects.state_media[at.state] + effects.mun_media[at.mun])
        + FEAR_SEX[at.sex - 1]
        + effects.fear_shift
    )


def likely_base(effects: Effects, at: Where) -> np.ndarray:
    return (
        -0.5
        + 0.6 * (effects.state_media[at.state] + effects.mun_media[at.mun])
        + 0.3 * effects.mun_vict[at.mun]
        + effects.fear_shift
    )


def trust_base(effects: Effects, at: Where) -> np.ndarray:
    return 0.1 + effects.state_trust[at.state] - 0.15 * (at.age_group == 0)


def reporting_probability(stem: str, effects: Effects, state: np.ndarray) -> np.ndarray:
    return np.asarray(expit(_logit(CRIME_PARAMS[stem][4]) + effects.state_report[state]))


def expected_count(stem: str) -> float:
    """Crimes per victim of ``stem``: ``1 + lambda``."""
    return 1.0 + CRIME_PARAMS[stem][3]


def expected_crimes(population: Population, effects: Effects) -> pd.DataFrame:
    """Expected crimes by municipality and crime type in the population (households once).

    Columns ``municipality, crime_type, crimes, reported, with_file``: personal
    crimes summed over adults, household crimes over households.
    """
    adults = population.adults
    hh = population.households
    state_index, mun_index = _block_positions(population)
    person_block = hh["block"].to_numpy()[adults["household"].to_numpy()]
    people = Where(
        state_index[person_block],
        mun_index[person_block],
        person_block,
        adults["sex"].to_numpy(),
        adults["age_group"].to_numpy(),
    )
    homes, _ = home_cells(population)
    rows = []
    for stem, params in CRIME_PARAMS.items():
        at = homes if params[1] else people
        expected = crime_probability(stem, effects, at) * expected_count(stem)
        if stem in OWNERSHIP:
            expected = expected * hh[OWNERSHIP[stem]].to_numpy()
        report = reporting_probability(stem, effects, at.state)
        crimes = np.bincount(at.mun, weights=expected, minlength=len(population.areas))
        reported = np.bincount(at.mun, weights=expected * report, minlength=len(population.areas))
        with_file = np.bincount(
            at.mun,
            weights=expected * report * effects.state_file[at.state],
            minlength=len(population.areas),
        )
        rows.append(
            pd.DataFrame(
                {
                    "municipality": population.areas["municipality"].to_numpy(),
                    "crime_type": params[0],
                    "crimes": crimes,
                    "reported": reported,
                    "with_file": with_file,
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


def _mix(p_victim: np.ndarray, base: np.ndarray, effect: float) -> np.ndarray:
    return np.asarray(p_victim * expit(base + effect) + (1 - p_victim) * expit(base))


def truth_table(population: Population, effects: Effects) -> pd.DataFrame:
    """True values of the indicators with a closed form, by domain.

    Columns ``indicator, domain_type, domain, value, numerator, denominator``
    (value on the indicator's unit). Domains: national, state, municipality,
    sex, age_group, youth. Values are expectations given the population's
    cells (block × sex × age group) and effects; they ignore special answers
    (simulate with ``special_rate=0`` for an exact comparison).
    """
    blocks = population.blocks
    hh = population.households
    n, at, labels = person_cells(population)
    block = at.block

    # adult-weighted ownership share per block (household crimes per adult)
    hh_adults = hh["adults"].to_numpy().astype(np.float64)
    adults_in_block = np.bincount(hh["block"], weights=hh_adults, minlength=len(blocks))
    own_share = {
        col: np.bincount(hh["block"], weights=hh_adults * hh[col].to_numpy(), minlength=len(blocks))
        / adults_in_block
        for col in ("own_car", "own_moto", "own_bike")
    }
    p = {stem: crime_probability(stem, effects, at) for stem in CRIME_PARAMS}
    p_any = 1.0 - np.prod([1.0 - p[s] for s in PERSONAL], axis=0)
    per_person_count = {
        s: p[s] * expected_count(s) * (own_share[OWNERSHIP[s]][block] if s in OWNERSHIP else 1.0)
        for s in CRIME_PARAMS
    }
    crimes = sum(per_person_count.values())
    reported = sum(
        per_person_count[s] * reporting_probability(s, effects, at.state) for s in CRIME_PARAMS
    )
    with_file = reported * effects.state_file[at.state]
    never, dark_unsafe = dark_parts(effects, at)
    walkers_unsafe = _mix(p_any, dark_unsafe, 0.7)

    parts: dict[str, tuple[np.ndarray, np.ndarray, float]] = {
        "prev_person": (n * p_any, n, 100.0),
        "incidence": (n * crimes, n, 1e5),
        "reporting_rate": (n * reported, n * crimes, 100.0),
        "dark_figure": (n * (crimes - with_file), n * crimes, 100.0),
        "sdg_16_1_4": (n * (1 - never) * (1 - walkers_unsafe), n, 100.0),
        "worry": (n * _mix(p_any, worry_base(effects, at), 0.9), n, 100.0),
        "likely": (n * _mix(p_any, likely_base(effects, at), 0.5), n, 100.0),
        "trust_police": (n * _mix(p_any, trust_base(effects, at), -0.6), n, 100.0),
    }
    for level in FEAR_LEVELS:
        parts[f"insecure_{level}"] = (
            n * _mix(p_any, fear_base(effects, at, level), FEAR_VICTIM),
            n,
            100.0,
        )
    for stem in PERSONAL:
        parts[f"prev_{stem}"] = (n * p[stem], n, 100.0)
    for form, stem in (("physical", "assault"), ("psychological", "threat"), ("sexual", "sex")):
        parts[f"sdg_16_1_3_{form}"] = (n * p[stem], n, 100.0)

    frames = [
        aggregate_truth(ident, num, den, scale, labels)
        for ident, (num, den, scale) in parts.items()
    ]
    frames.extend(_household_truth(population, effects))
    table = pd.concat(frames, ignore_index=True)
    return table[["indicator", "domain_type", "domain", "value", "numerator", "denominator"]]


def _household_truth(population: Population, effects: Effects) -> list[pd.DataFrame]:
    """Household prevalence (any household crime), one weight per household: nation, state, municipality."""
    hh = population.households
    homes, labels = home_cells(population)
    spared = np.ones(homes.block.size)
    for stem in HOUSEHOLD:
        p = crime_probability(stem, effects, homes)
        if stem in OWNERSHIP:
            p = p * hh[OWNERSHIP[stem]].to_numpy()
        spared *= 1.0 - p
    return [aggregate_truth("prev_household", 1.0 - spared, np.ones(spared.size), 100.0, labels)]


def person_cells(population: Population) -> tuple[np.ndarray, Where, dict[str, np.ndarray]]:
    """The adults of the population as cells (block x sex x age group).

    Returns the adults in each cell, the cells' positions (:class:`Where`)
    and their labels in every person domain (national, state, municipality,
    sex, age_group, youth).
    """
    blocks = population.blocks
    hh = population.households
    adults = population.adults
    person_block = hh["block"].to_numpy()[adults["household"].to_numpy()]
    key = person_block * 8 + (adults["sex"].to_numpy() - 1) * 4 + adults["age_group"].to_numpy()
    counts = np.bincount(key, minlength=len(blocks) * 8)
    cells = np.flatnonzero(counts)
    block = cells // 8
    sex = (cells % 8) // 4 + 1
    group = cells % 4
    state_index, mun_index = _block_positions(population)
    labels = {
        "national": np.full(cells.size, "national", dtype=object),
        "state": blocks["state"].to_numpy()[block],
        "municipality": blocks["municipality"].to_numpy()[block],
        "sex": np.where(sex == 1, "1", "2").astype(object),
        "age_group": np.asarray(AGE_LABELS, dtype=object)[group],
        "youth": np.where(group == 0, "18-29", "30+").astype(object),
    }
    at = Where(state_index[block], mun_index[block], block, sex, group)
    return counts[cells].astype(np.float64), at, labels


def home_cells(population: Population) -> tuple[Where, dict[str, np.ndarray]]:
    """Every household (sex 1 and age group 0 as placeholders) and its national, state and municipality labels."""
    blocks = population.blocks
    hb = population.households["block"].to_numpy()
    state_index, mun_index = _block_positions(population)
    homes = Where(
        state_index[hb],
        mun_index[hb],
        hb,
        np.ones(hb.size, dtype=np.int64),
        np.zeros(hb.size, dtype=np.int64),
    )
    labels = {
        "national": np.full(hb.size, "national", dtype=object),
        "state": blocks["state"].to_numpy()[hb],
        "municipality": blocks["municipality"].to_numpy()[hb],
    }
    return homes, labels


def _block_positions(population: Population) -> tuple[np.ndarray, np.ndarray]:
    blocks = population.blocks
    mun_index = pd.Index(population.areas["municipality"]).get_indexer(blocks["municipality"])
    state_index = pd.Index(sorted(population.areas["state"].unique())).get_indexer(blocks["state"])
    return state_index, mun_index


def aggregate_truth(
    ident: str, num: np.ndarray, den: np.ndarray, scale: float, labels: dict[str, np.ndarray]
) -> pd.DataFrame:
    """``scale * sum(num) / sum(den)`` of indicator ``ident`` in every domain of ``labels``."""
    frames = []
    for domain_type, label in labels.items():
        sums = pd.DataFrame({"domain": label, "numerator": num, "denominator": den})
        agg = sums.groupby("domain", sort=True).sum().reset_index()
        agg.insert(0, "domain_type", domain_type)
        agg.insert(0, "indicator", ident)
        agg["value"] = scale * agg["numerator"] / agg["denominator"]
        frames.append(agg)
    return pd.concat(frames, ignore_index=True)
