"""Media, youth, coexistence, protection and participation: answers and their true values.

The answers of these modules are drawn from their own random stream after
the rest of the document (:func:`add_topic_answers`), so adding them left
every other simulated answer as it was. The generating model, for an adult
in block ``b`` of municipality ``m`` in state ``k``:

* **crime news**: follows it daily or several times a week with
  ``logit = -0.3 + media_k + media_m + 0.7 * unsafe_nbhd`` (the respondent's
  own feeling of insecurity in the neighbourhood: exposure and fear go
  together in a person, not only between areas); channels independently
  (:data:`CHANNELS`); news mostly local 40%, elsewhere 35%, both 25%.
* **youth**: the perceived share of local crime committed by people under
  30 is Binomial(10, pi)/10 with ``logit pi = 0.35 + 0.5 (media_k + media_m)
  + 0.4 exposed``; youth crime "increased" with ``logit = -0.4 + media_k +
  media_m + 0.5 exposed``. In a contact-crime incident (11, 13, 14, 15, 18)
  the offenders are under 30 with probability :data:`YOUNG_OFFENDER` of the
  crime type (under 18 for 30% of those), whoever the victim.
* **disorder**: each ENVIPE behaviour with ``logit = a_x + 1.2 disorder_b``
  (:data:`DISORDER`); satisfied with lighting, public spaces and
  neighbourhood life with ``logit = s_x - 0.8 disorder_b``.
* **protection** (a household answer): measure ``j`` taken with ``logit =
  c_j + 0.8 (e_m + v_b)`` independently (:data:`MEASURES`); the cost is the
  sum over the measures taken of ``LogNormal(mu_j, 0.6)``, rounded to 10.
* **participation**: meeting ``logit = -1.5 + 0.5 trust_k``; joint action
  ``logit = -1.8 + 0.5 trust_k + 0.3 (30 or older)``; trust in the
  municipal government "much" or "some" with ``logit = trust_k - 0.3 -
  0.15 (18-29)``.

The true values (:func:`topic_truth`) are expectations over the
population's cells, as in :func:`analysis.simulate.model.truth_table`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy.special import expit
from scipy.stats import poisson

from analysis.simulate.model import (
    CRIME_PARAMS,
    FEAR_VICTIM,
    PERSONAL,
    Effects,
    Where,
    aggregate_truth,
    crime_probability,
    expected_count,
    fear_base,
    home_cells,
    person_cells,
    trust_base,
)
from analysis.simulate.population import Population

__all__ = ["add_topic_answers", "topic_truth"]

#: channel code: probability among those who follow crime news
CHANNELS: dict[int, float] = {1: 0.7, 2: 0.3, 3: 0.15, 4: 0.35, 5: 0.55, 6: 0.4, 7: 0.45}
#: ENVIPE disorder behaviours: intercept of the log-odds
DISORDER: dict[str, float] = {
    "drinking": 0.3,
    "drugs": -0.5,
    "gangs": -0.9,
    "vandalism": -0.6,
    "shots": -1.6,
    "robbery": -0.4,
    "fights": -1.0,
}
SATISFACTION: dict[str, float] = {"lighting": 0.3, "spaces": 0.0, "life": 0.6}
#: protection measure code: (intercept of the log-odds, mu of the log cost)
MEASURES: dict[int, tuple[float, float]] = {
    1: (-1.4, 6.5),
    2: (-2.0, 7.5),
    3: (-2.6, 7.0),
    4: (-2.4, 7.3),
    5: (-3.0, 8.0),
    6: (-2.2, 5.5),
    7: (-3.2, 6.8),
}
COST_SIGMA = 0.6
#: crime type code: probability that the offenders were under 30
YOUNG_OFFENDER: dict[int, float] = {11: 0.45, 13: 0.4, 14: 0.3, 15: 0.25, 18: 0.35}
_CONTACT = {stem: params[0] for stem, params in CRIME_PARAMS.items() if params[0] in YOUNG_OFFENDER}


def _media(effects: Effects, at: Where) -> np.ndarray:
    return np.asarray(effects.state_media[at.state] + effects.mun_media[at.mun])


def _exposure(effects: Effects, at: Where, unsafe: np.ndarray | float) -> np.ndarray:
    return np.asarray(expit(-0.3 + _media(effects, at) + 0.7 * unsafe))


def _perceived_young(effects: Effects, at: Where, exposed: np.ndarray | float) -> np.ndarray:
    return np.asarray(expit(0.35 + 0.5 * _media(effects, at) + 0.4 * exposed))


def _youth_up(effects: Effects, at: Where, exposed: np.ndarray | float) -> np.ndarray:
    return np.asarray(expit(-0.4 + _media(effects, at) + 0.5 * exposed))


def _disorder(effects: Effects, block: np.ndarray, key: str) -> np.ndarray:
    return np.asarray(expit(DISORDER[key] + 1.2 * effects.block_disorder[block]))


def _satisfied(effects: Effects, block: np.ndarray, key: str) -> np.ndarray:
    return np.asarray(expit(SATISFACTION[key] - 0.8 * effects.block_disorder[block]))


def _measure(effects: Effects, homes: Where, code: int) -> np.ndarray:
    area = effects.mun_vict[homes.mun] + effects.block_vict[homes.block]
    return np.asarray(expit(MEASURES[code][0] + 0.8 * area))


def _meeting(effects: Effects, at: Where) -> np.ndarray:
    return np.asarray(expit(-1.5 + 0.5 * effects.state_trust[at.state]))


def _joint(effects: Effects, at: Where) -> np.ndarray:
    return np.asarray(expit(-1.8 + 0.5 * effects.state_trust[at.state] + 0.3 * (at.age_group > 0)))


def _trust_localgov(effects: Effects, at: Where) -> np.ndarray:
    return np.asarray(expit(trust_base(effects, at) - 0.3))


def _scale4(rng: np.random.Generator, good: bool) -> int:
    if good:
        return 1 if rng.random() < 0.4 else 2
    return 3 if rng.random() < 0.55 else 4


def add_topic_answers(
    rng: np.random.Generator,
    docs: list[dict[str, Any]],
    at: Where,
    effects: Effects,
    special_rate: float,
) -> None:
    """Add the answers of the media, youth, coexistence, protection and participation modules.

    ``docs`` are the documents of :func:`analysis.simulate.answers.make_answers`
    (changed in place, with ``inc_offender_age`` added to contact-crime
    incidents); ``at`` locates their respondents.
    """

    def special(sensitive: bool = False) -> int | None:
        if special_rate and rng.random() < special_rate:
            return -9 if sensitive and rng.random() < 0.5 else -8
        return None

    n = len(docs)
    # the respondent's own insecurity, as answered (a special answer counts as not unsafe)
    unsafe = np.array([doc.get("per_safe_nbhd") in (3, 4) for doc in docs], dtype=np.float64)
    exposed = rng.random(n) < _exposure(effects, at, unsafe)
    perceived = _perceived_young(effects, at, exposed.astype(np.float64))
    youth_up = rng.random(n) < _youth_up(effects, at, exposed.astype(np.float64))
    disorder = {key: rng.random(n) < _disorder(effects, at.block, key) for key in DISORDER}
    satisfied = {key: rng.random(n) < _satisfied(effects, at.block, key) for key in SATISFACTION}
    measures = {code: rng.random(n) < _measure(effects, at, code) for code in MEASURES}
    meeting = rng.random(n) < _meeting(effects, at)
    joint = rng.random(n) < _joint(effects, at)
    trust = rng.random(n) < _trust_localgov(effects, at)
    for i, doc in enumerate(docs):
        for inc in doc.get("incident", []):
            p_young = YOUNG_OFFENDER.get(inc["inc_crime"])
            if p_young is not None:
                young = rng.random() < p_young
                code = (
                    (1 if rng.random() < 0.3 else 2) if young else (3 if rng.random() < 0.6 else 4)
                )
                inc["inc_offender_age"] = special(True) or code
        freq = special()
        if freq is None:
            freq = (
                int(rng.integers(1, 3))
                if exposed[i]
                else int(rng.choice([3, 4, 5], p=[0.35, 0.4, 0.25]))
            )
        doc["media_freq"] = freq
        if 1 <= freq <= 4:
            chosen = [c for c, p in CHANNELS.items() if rng.random() < p] or [1]
            doc["media_channels"] = [-8] if special() else chosen
            doc["media_where"] = special() or int(rng.choice([1, 2, 3], p=[0.4, 0.35, 0.25]))
        doc["youth_share"] = special() or int(rng.binomial(10, perceived[i]))
        doc["youth_trend"] = special() or (1 if youth_up[i] else int(rng.integers(2, 4)))
        for key in DISORDER:
            doc[f"dis_{key}"] = special() or (1 if disorder[key][i] else 2)
        for key in SATISFACTION:
            doc[f"nbhd_sat_{key}"] = special() or _scale4(rng, bool(satisfied[key][i]))
        taken = [code for code in MEASURES if measures[code][i]]
        if special():
            doc["prot_measures"], doc["prot_any"] = [-8], 0
        else:
            doc["prot_measures"] = taken or [0]
            doc["prot_any"] = 1 if taken else 0
            if taken:
                cost = sum(rng.lognormal(MEASURES[c][1], COST_SIGMA) for c in taken)
                doc["prot_cost"] = special() or float(round(cost, -1))
        doc["part_meeting"] = -9 if special() else (1 if meeting[i] else 2)
        doc["part_joint"] = -9 if special() else (1 if joint[i] else 2)
        doc["part_trust_localgov"] = special() or _scale4(rng, bool(trust[i]))


def _mix(p: np.ndarray, when_yes: np.ndarray, when_no: np.ndarray) -> np.ndarray:
    return np.asarray(p * when_yes + (1.0 - p) * when_no)


def _none_young_among_modules(stem: str, p_young: float) -> float:
    """E[(1 - p_young)^M], M = min(1 + Poisson(lambda), cap) the modules of one victim."""
    lam = CRIME_PARAMS[stem][3]
    cap = 3
    probs = [poisson.pmf(k - 1, lam) for k in range(1, cap)]
    probs.append(1.0 - sum(probs))
    return float(sum(p * (1.0 - p_young) ** (k + 1) for k, p in enumerate(probs)))


def topic_truth(population: Population, effects: Effects) -> pd.DataFrame:
    """True values of the media, youth, coexistence, protection and participation indicators.

    Same columns and domains as :func:`analysis.simulate.model.truth_table`;
    the household indicators (protection) by nation, state and municipality.
    """
    n, at, labels = person_cells(population)
    p = {stem: crime_probability(stem, effects, at) for stem in PERSONAL}
    p_any = 1.0 - np.prod([1.0 - p[s] for s in PERSONAL], axis=0)
    unsafe = _mix(
        p_any,
        expit(fear_base(effects, at, "nbhd") + FEAR_VICTIM),
        expit(fear_base(effects, at, "nbhd")),
    )
    exposed = _mix(unsafe, _exposure(effects, at, 1.0), _exposure(effects, at, 0.0))
    perceived = _mix(
        exposed, _perceived_young(effects, at, 1.0), _perceived_young(effects, at, 0.0)
    )
    # contact crimes: expected crimes and victims with a young offender among their modules
    crimes = {stem: p[stem] * expected_count(stem) for stem in _CONTACT}
    young_crimes = sum(crimes[s] * YOUNG_OFFENDER[c] for s, c in _CONTACT.items())
    all_crimes = sum(crimes.values())
    victim = 1.0 - np.prod([1.0 - p[s] for s in _CONTACT], axis=0)
    no_young = np.prod(
        [
            1.0 - p[s] * (1.0 - _none_young_among_modules(s, YOUNG_OFFENDER[c]))
            for s, c in _CONTACT.items()
        ],
        axis=0,
    )
    victim_young = 1.0 - no_young

    parts: dict[str, tuple[np.ndarray, np.ndarray, float]] = {
        "media_exposure": (n * exposed, n, 100.0),
        "media_social": (n * _media_social(exposed), n, 100.0),
        "youth_share_perceived": (n * perceived, n, 100.0),
        "youth_trend_up": (
            n * _mix(exposed, _youth_up(effects, at, 1.0), _youth_up(effects, at, 0.0)),
            n,
            100.0,
        ),
        "youth_share_incidents": (n * young_crimes, n * all_crimes, 100.0),
        "youth_share_victims": (n * victim_young, n * victim, 100.0),
        "disorder_index": (n * sum(_disorder(effects, at.block, k) for k in DISORDER), n, 1.0),
        "participation": (
            n * (1.0 - (1.0 - _meeting(effects, at)) * (1.0 - _joint(effects, at))),
            n,
            100.0,
        ),
        "participation_meeting": (n * _meeting(effects, at), n, 100.0),
        "participation_joint": (n * _joint(effects, at), n, 100.0),
        "trust_localgov": (n * _trust_localgov(effects, at), n, 100.0),
    }
    for key in DISORDER:
        parts[f"disorder_{key}"] = (n * _disorder(effects, at.block, key), n, 100.0)
    for key in SATISFACTION:
        parts[f"satisfied_{key}"] = (n * _satisfied(effects, at.block, key), n, 100.0)
    frames = [
        aggregate_truth(ident, num, den, scale, labels)
        for ident, (num, den, scale) in parts.items()
    ]
    # the gaps: differences of two domain values (ratios of totals), not of cell values
    perceived_rows = frames[list(parts).index("youth_share_perceived")]
    for ident, actual in (
        ("youth_gap_incidents", "youth_share_incidents"),
        ("youth_gap_victims", "youth_share_victims"),
    ):
        actual_rows = frames[list(parts).index(actual)]
        gap = perceived_rows[["domain_type", "domain"]].copy()
        gap.insert(0, "indicator", ident)
        gap["value"] = perceived_rows["value"].to_numpy() - actual_rows["value"].to_numpy()
        gap["numerator"] = np.nan
        gap["denominator"] = np.nan
        frames.append(gap)
    frames.extend(_protection_truth(population, effects))
    table = pd.concat(frames, ignore_index=True)
    return table[["indicator", "domain_type", "domain", "value", "numerator", "denominator"]]


def _media_social(exposed: np.ndarray) -> np.ndarray:
    """Gets crime news from social networks or messaging groups (among all who answered).

    Those who follow crime news at least sometimes (codes 1-4) name channels;
    of the non-exposed, 75% (codes 3, 4) follow it sometimes.
    """
    follows = exposed + (1.0 - exposed) * 0.75
    return np.asarray(follows * (1.0 - (1.0 - CHANNELS[5]) * (1.0 - CHANNELS[6])))


def _protection_truth(population: Population, effects: Effects) -> list[pd.DataFrame]:
    homes, labels = home_cells(population)
    p = {code: _measure(effects, homes, code) for code in MEASURES}
    any_measure = 1.0 - np.prod([1.0 - p[c] for c in MEASURES], axis=0)
    spending = sum(p[c] * np.exp(mu + COST_SIGMA**2 / 2.0) for c, (_, mu) in MEASURES.items())
    one = np.ones(any_measure.size)
    return [
        aggregate_truth("protection_any", any_measure, one, 100.0, labels),
        aggregate_truth("private_security", p[5], one, 100.0, labels),
        aggregate_truth("protection_spending", spending, any_measure, 1.0, labels),
        aggregate_truth("protection_spending_all", spending, one, 1.0, labels),
    ]
