"""Answers documents of the standard questionnaire for the simulated respondents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.special import expit

from analysis.simulate.model import (
    CRIME_PARAMS,
    FEAR_LEVELS,
    FEAR_VICTIM,
    OWNERSHIP,
    PERSONAL,
    Effects,
    Where,
    crime_probability,
    dark_parts,
    fear_base,
    likely_base,
    reporting_probability,
    trust_base,
    worry_base,
)

__all__ = ["Respondents", "make_answers"]

_SENSITIVE = {"assault", "threat", "sex", "extort", "kidnap"}
_INCIDENT_CAP = 3
_AVOID = {
    "night": -0.5,
    "children": -0.3,
    "transport": -1.2,
    "weapon": -2.6,
    "routes": -0.8,
    "valuables": -0.3,
    "visits": -1.1,
}
_KNOW = {"police": 0.95, "pros": 0.75, "judge": 0.6, "army": 0.9}
_TRUST_OFFSET = {"police": 0.0, "pros": -0.2, "judge": -0.3, "army": 1.0}
_PLACES = {
    "home": (-1.5, 0.02),
    "transport": (0.2, 0.2),
    "street": (0.0, 0.03),
    "school": (-0.6, 0.5),
    "market": (-0.4, 0.1),
}
_WEAPON_CRIMES = {11, 13, 14, 15, 18}
_LOSS_CRIMES = {1, 2, 3, 4, 5, 6, 12, 16, 17}


@dataclass(frozen=True)
class Respondents:
    """Covariates of the responding persons (arrays of equal length)."""

    at: Where
    age: np.ndarray
    adults: np.ndarray
    size: np.ndarray
    area_type: np.ndarray
    own: dict[str, np.ndarray]  # own_car, own_moto, own_bike


class _Draw:
    """Random helpers bound to one generator and the special-answer rate."""

    def __init__(self, rng: np.random.Generator, special_rate: float) -> None:
        self.rng = rng
        self.special_rate = special_rate

    def special(self, sensitive: bool = False) -> int | None:
        if self.special_rate and self.rng.random() < self.special_rate:
            return -9 if sensitive and self.rng.random() < 0.5 else -8
        return None

    def scale4(self, unsafe: bool) -> int:
        """1-2 on the 'good' side or 3-4 on the 'bad' side of a four-point scale."""
        if unsafe:
            return 3 if self.rng.random() < 0.55 else 4
        return 1 if self.rng.random() < 0.4 else 2


def _screeners(
    draw: _Draw,
    doc: dict[str, Any],
    i: int,
    victim: dict[str, np.ndarray],
    counts: dict[str, np.ndarray],
    older: dict[str, np.ndarray],
    asked: dict[str, np.ndarray],
) -> list[tuple[str, int]]:
    """Screener answers; returns (stem, modules) in order for the incident repeat."""
    modules: list[tuple[str, int]] = []
    cumulative = 0
    for stem, params in CRIME_PARAMS.items():
        prefix = f"{'hv' if params[1] else 'pv'}_{stem}"
        n_inc = 0
        if asked[stem][i]:
            sensitive = stem in _SENSITIVE
            s5 = draw.special(sensitive)
            if s5 is not None:
                doc[f"{prefix}_5y"] = s5
            elif victim[stem][i]:
                doc[f"{prefix}_5y"] = 1
                s12 = draw.special(sensitive)
                if s12 is not None:
                    doc[f"{prefix}_12m"] = s12
                else:
                    doc[f"{prefix}_12m"] = 1
                    sn = draw.special(sensitive)
                    n = int(min(counts[stem][i], 50))
                    doc[f"{prefix}_n"] = sn if sn is not None else n
                    n_inc = 1 if sn is not None else min(n, _INCIDENT_CAP)
            elif older[stem][i]:
                doc[f"{prefix}_5y"] = 1
                doc[f"{prefix}_12m"] = 2
            else:
                doc[f"{prefix}_5y"] = 2
        cumulative += n_inc
        modules.append((stem, n_inc))
    for stem, n_inc in modules:
        doc[f"n_inc_{stem}"] = n_inc
    running = 0
    for stem, n_inc in modules:
        running += n_inc
        doc[f"cum_inc_{stem}"] = running
    doc["n_incidents"] = cumulative
    return modules


def _incident(
    draw: _Draw, stem: str, pos: int, year: int, p_report: float, p_file: float
) -> dict[str, Any]:
    rng = draw.rng
    code = CRIME_PARAMS[stem][0]
    sensitive = stem in _SENSITIVE
    inc: dict[str, Any] = {"inc_pos": pos, "inc_crime": code}
    month = draw.special()
    inc["inc_month"] = month if month is not None else f"{year}-{int(rng.integers(1, 13)):02d}"
    if code not in (6, 7):
        place = draw.special()
        weights = (
            np.array([1, 2, 4, 2, 2, 1, 0.5, 0.5])
            if code != 16
            else np.array([0.5, 0.2, 0.5, 0.2, 0.5, 0.3, 6, 0.5])
        )
        inc["inc_place"] = (
            place if place is not None else int(rng.choice(8, p=weights / weights.sum()) + 1)
        )
    if code != 16:
        time = draw.special()
        inc["inc_time"] = time if time is not None else int(rng.integers(1, 5))
    if code in _WEAPON_CRIMES:
        off = draw.special(True)
        inc["inc_offenders"] = off if off is not None else int(rng.choice(3, p=[0.5, 0.3, 0.2]) + 1)
        if code != 11:
            known = draw.special() and -9
            inc["inc_offender_known"] = known if known else int(rng.integers(1, 4))
        weapon = draw.special(True)
        inc["inc_weapon"] = weapon if weapon is not None else (1 if rng.random() < 0.35 else 2)
        if inc["inc_weapon"] == 1:
            wt = draw.special(True)
            inc["inc_weapon_type"] = wt if wt is not None else int(rng.integers(1, 5))
    if code == 11:
        inc["inc_rob_done"] = 1 if rng.random() < 0.7 else 2
    if code in (11, 13, 15, 18):
        inc["inc_injured"] = -9 if draw.special() else (1 if rng.random() < 0.3 else 2)
        if inc["inc_injured"] == 1:
            inc["inc_medical"] = -9 if draw.special() else (1 if rng.random() < 0.4 else 2)
    if code in _LOSS_CRIMES or (code == 11 and inc["inc_rob_done"] == 1):
        loss = draw.special()
        inc["inc_loss_value"] = (
            loss if loss is not None else float(round(rng.lognormal(7.5, 1.2), -1))
        )
    reported = draw.special(True)
    if reported is None:
        reported = 1 if rng.random() < p_report else 2
    elif not sensitive and reported == -9:
        reported = -8
    inc["inc_reported"] = reported
    if reported == 1:
        to = draw.special()
        options = [c for c in (1, 2, 3) if rng.random() < (0.7, 0.5, 0.1)[c - 1]] or [1]
        inc["inc_report_to"] = [to] if to is not None else options
        file_ = draw.special()
        inc["inc_file"] = file_ if file_ is not None else (1 if rng.random() < p_file else 2)
        sat = draw.special()
        inc["inc_satisfied"] = sat if sat is not None else int(rng.integers(1, 5))
    elif reported == 2:
        reasons = [11, 12, 13, 14, 15, 21, 22, 23, 29]
        weights = np.array([3, 2, 0.5, 0.5, 1, 2, 1, 0.7, 0.5])
        k = 1 + int(rng.random() < 0.3)
        chosen = rng.choice(len(reasons), size=k, replace=False, p=weights / weights.sum())
        inc["inc_noreport"] = [-9] if draw.special() else sorted(reasons[j] for j in chosen)
    return inc


def make_answers(
    rng: np.random.Generator,
    people: Respondents,
    effects: Effects,
    special_rate: float,
    reference_year: int,
) -> list[dict[str, Any]]:
    """One answers document per respondent, valid for ``vict_std``."""
    at = people.at
    n = at.state.size
    draw = _Draw(rng, special_rate)
    victim: dict[str, np.ndarray] = {}
    counts: dict[str, np.ndarray] = {}
    older: dict[str, np.ndarray] = {}
    asked: dict[str, np.ndarray] = {}
    for stem, params in CRIME_PARAMS.items():
        p = crime_probability(stem, effects, at)
        asked[stem] = people.own[OWNERSHIP[stem]] if stem in OWNERSHIP else np.ones(n, dtype=bool)
        victim[stem] = (rng.random(n) < p) & asked[stem]
        counts[stem] = 1 + rng.poisson(params[3], n)
        older[stem] = rng.random(n) < np.minimum(0.9, 1.2 * p)
    victim_any = np.any([victim[s] for s in PERSONAL], axis=0)
    v = victim_any.astype(np.float64)
    unsafe = {
        level: rng.random(n) < expit(fear_base(effects, at, level) + FEAR_VICTIM * v)
        for level in FEAR_LEVELS
    }
    never, dark_unsafe = dark_parts(effects, at)
    is_never = rng.random(n) < never
    dark_bad = rng.random(n) < expit(dark_unsafe + 0.7 * v)
    worry = rng.random(n) < expit(worry_base(effects, at) + 0.9 * v)
    likely = rng.random(n) < expit(likely_base(effects, at) + 0.5 * v)
    trust_eta = trust_base(effects, at) - 0.6 * v
    media = effects.state_media[at.state] + effects.mun_media[at.mun]
    corruption = effects.state_corruption[at.state]

    docs: list[dict[str, Any]] = []
    for i in range(n):
        doc: dict[str, Any] = {
            "hh_size": int(people.size[i]),
            "hh_adults": int(people.adults[i]),
            "hh_area": int(people.area_type[i]),
            "dem_sex": int(at.sex[i]),
            "dem_age": int(people.age[i]),
            "dem_educ": int(rng.integers(1, 8)),
            "dem_employ": int(rng.integers(1, 9)),
            "dem_years_nbhd": draw.special() or int(rng.integers(0, int(people.age[i]) + 1)),
            "hh_own_car": 1 if people.own["own_car"][i] else 2,
            "hh_own_moto": 1 if people.own["own_moto"][i] else 2,
            "hh_own_bike": 1 if people.own["own_bike"][i] else 2,
        }
        modules = _screeners(draw, doc, i, victim, counts, older, asked)
        instances: list[dict[str, Any]] = []
        for stem, k in modules:
            p_report = float(reporting_probability(stem, effects, at.state[i : i + 1])[0])
            for _ in range(k):
                instances.append(
                    _incident(
                        draw,
                        stem,
                        len(instances) + 1,
                        reference_year,
                        p_report,
                        float(effects.state_file[at.state[i]]),
                    )
                )
        if instances:
            doc["incident"] = instances
        _perceptions(draw, doc, i, people, is_never, dark_bad, unsafe, worry, likely, media)
        _institutions(draw, doc, i, trust_eta[i], corruption[i], v[i], media[i])
        docs.append(doc)
    return docs


def _perceptions(
    draw: _Draw,
    doc: dict[str, Any],
    i: int,
    people: Respondents,
    is_never: np.ndarray,
    dark_bad: np.ndarray,
    unsafe: dict[str, np.ndarray],
    worry: np.ndarray,
    likely: np.ndarray,
    media: np.ndarray,
) -> None:
    rng = draw.rng
    special = draw.special(True)
    doc["per_dark"] = (
        special if special is not None else (5 if is_never[i] else draw.scale4(bool(dark_bad[i])))
    )
    for level in FEAR_LEVELS:
        doc[f"per_safe_{level}"] = draw.special() or draw.scale4(bool(unsafe[level][i]))
    for place, (shift, absent) in _PLACES.items():
        if rng.random() < absent:
            doc[f"per_place_{place}"] = 5
        else:
            bad = rng.random() < expit(shift + media[i] + 0.8 * unsafe["nbhd"][i])
            doc[f"per_place_{place}"] = draw.special() or draw.scale4(bool(bad))
    doc["per_worry"] = draw.special() or draw.scale4(not worry[i])
    doc["per_likely"] = draw.special() or (int(rng.integers(1, 3)) if likely[i] else 3)
    for key, base in (("area", -0.5), ("country", 0.4)):
        up = rng.random() < expit(base + media[i])
        doc[f"per_trend_{key}"] = draw.special() or (1 if up else int(rng.integers(2, 4)))
    female = float(people.at.sex[i] == 2)
    for key, base in _AVOID.items():
        if key == "children" and not people.size[i] > people.adults[i]:
            continue
        yes = rng.random() < expit(
            base + 0.5 * media[i] + 0.3 * female + 0.5 * float(unsafe["nbhd"][i])
        )
        doc[f"avoid_{key}"] = -9 if draw.special() else (1 if yes else 2)


def _institutions(
    draw: _Draw,
    doc: dict[str, Any],
    i: int,
    trust_eta: float,
    corruption: float,
    victim: float,
    media: float,
) -> None:
    rng = draw.rng
    knows = {inst: rng.random() < p for inst, p in _KNOW.items()}
    for inst, known in knows.items():
        doc[f"know_{inst}"] = 1 if known else 2
    for inst, known in knows.items():
        if known:
            good = rng.random() < expit(trust_eta + _TRUST_OFFSET[inst])
            doc[f"trust_{inst}"] = draw.special() or draw.scale4(not good)
    if knows["police"]:
        good = rng.random() < expit(trust_eta - 0.4 - 0.3 * victim)
        doc["perf_police"] = draw.special() or draw.scale4(not good)
    for key, base in (("police", 0.8), ("officials", 1.0)):
        wide = rng.random() < expit(base + corruption + 0.2 * media)
        doc[f"corr_{key}"] = draw.special() or draw.scale4(not wide)
    if rng.random() < 0.35:
        k = int(rng.integers(1, 4))
        contact = sorted(int(c) for c in rng.choice(np.arange(1, 12), size=k, replace=False))
        doc["brib_contact"] = contact
        doc["brib_any_contact"] = 1
        asked = rng.random() < expit(-1.6 + corruption)
        paid = rng.random() < (0.55 if asked else 0.04)
        doc["brib_asked"] = draw.special(True) or (1 if asked else 2)
        doc["brib_paid"] = -9 if draw.special() else (1 if paid else 2)
        if doc["brib_paid"] == 1:
            doc["brib_paid_to"] = (
                [-9] if draw.special() else [contact[int(rng.integers(len(contact)))]]
            )
    else:
        doc["brib_contact"] = [0]
        doc["brib_any_contact"] = 0
