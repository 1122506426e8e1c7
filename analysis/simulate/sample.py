"""Two-stage stratified sample, within-household selection, nonresponse and the weighting chain."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import expit

from analysis.simulate.population import AGE_LABELS, Population
from analysis.weighting import WeightingChain

__all__ = ["draw_sample", "weight_sample"]


def _systematic_pps(rng: np.random.Generator, sizes: np.ndarray, n: int) -> np.ndarray:
    """Positions of ``n`` units drawn by systematic PPS (sizes are all below the interval)."""
    cum = np.cumsum(sizes.astype(np.float64))
    step = cum[-1] / n
    points = rng.uniform(0.0, step) + step * np.arange(n)
    return np.searchsorted(cum, points, side="right")


def _allocate(blocks: pd.DataFrame, psus: int) -> dict[str, int]:
    """PSUs per stratum: equal per state, split urban/rural by households, at least 2."""
    out: dict[str, int] = {}
    states = sorted(blocks["state"].unique())
    per_state = max(4, round(psus / len(states)))
    for state in states:
        in_state = blocks[blocks["state"] == state]
        hh = in_state.groupby("stratum")["households"].agg(["sum", "size", "max"])
        share = hh["sum"] / hh["sum"].sum()
        for stratum, total, largest in zip(hh.index, hh["sum"], hh["max"], strict=True):
            # keep every selection probability below 1 (no certainty blocks)
            cap = int(np.floor(float(total) / float(largest) * 0.9))
            out[str(stratum)] = int(max(2, min(cap, round(per_state * float(share[stratum])))))
    return out


def draw_sample(
    rng: np.random.Generator,
    population: Population,
    households: int,
    households_per_psu: int,
    wave: int,
) -> pd.DataFrame:
    """Sampled households with their selection probabilities, selected adult and response.

    Stage 1: blocks drawn by systematic PPS (households) within each stratum
    (state x urban/rural). Stage 2: ``households_per_psu`` households by simple
    random sampling in each block. One adult per household at random.
    Nonresponse depends on the stratum and the selected adult's age.
    """
    blocks = population.blocks
    allocation = _allocate(blocks, max(1, households // households_per_psu))
    chosen: list[np.ndarray] = []
    p_block: list[np.ndarray] = []
    for stratum, group in blocks.groupby("stratum", sort=True):
        n_h = allocation[str(stratum)]
        sizes = group["households"].to_numpy()
        picks = _systematic_pps(rng, sizes, n_h)
        chosen.append(group["block"].to_numpy()[picks])
        p_block.append(n_h * sizes[picks] / sizes.sum())
    block_ids = np.concatenate(chosen)
    block_prob = np.concatenate(p_block)
    hh_block = population.households["block"].to_numpy()
    order = np.argsort(hh_block, kind="stable")
    starts = np.searchsorted(hh_block[order], np.arange(len(blocks)))
    rows = []
    first_adult = np.concatenate([[0], np.cumsum(population.households["adults"].to_numpy())[:-1]])
    stratum_effect = {s: rng.normal(0.0, 0.35) for s in sorted(blocks["stratum"].unique())}
    block_size = blocks["households"].to_numpy()
    hh_adults = population.households["adults"].to_numpy()
    for b, prob in zip(block_ids, block_prob, strict=True):
        size = int(block_size[b])
        take = min(households_per_psu, size)
        members = order[starts[b] + rng.choice(size, take, replace=False)]
        for h in members:
            adults = int(hh_adults[h])
            person = int(first_adult[h] + rng.integers(adults))
            rows.append((b, prob, take / size, h, person, adults))
    frame = pd.DataFrame(
        rows, columns=["block", "p_psu", "p_household", "household", "person", "adults"]
    )
    b = frame["block"].to_numpy()
    people = population.adults
    hh = population.households
    frame["state"] = blocks["state"].to_numpy()[b]
    frame["municipality"] = blocks["municipality"].to_numpy()[b]
    frame["stratum"] = blocks["stratum"].to_numpy()[b]
    frame["area_type"] = blocks["area_type"].to_numpy()[b]
    frame["psu"] = [f"B{x:06d}" for x in b]
    frame["size"] = hh["size"].to_numpy()[frame["household"]]
    frame["sex"] = people["sex"].to_numpy()[frame["person"]]
    frame["age"] = people["age"].to_numpy()[frame["person"]]
    age_index = people["age_group"].to_numpy()[frame["person"]]
    frame["age_group"] = np.asarray(AGE_LABELS, dtype=object)[age_index]
    eta = (
        1.3
        + frame["stratum"].map(stratum_effect).to_numpy()
        - 0.3 * (frame["area_type"].to_numpy() == 1)
        + np.array([-0.5, -0.2, 0.0, 0.3])[age_index]
    )
    frame["responded"] = rng.random(len(frame)) < expit(eta)
    frame.insert(0, "interview_id", [f"W{wave}-{i + 1:06d}" for i in range(len(frame))])
    frame.insert(1, "wave", wave)
    return frame


def weight_sample(
    frame: pd.DataFrame, population: Population
) -> tuple[pd.Series, pd.Series, pd.DataFrame]:
    """Person and household weights as an office would compute them, and the diagnostics.

    Person: base weight (1 / (p_psu p_household)), x number of adults,
    nonresponse adjustment within strata, raking to the census margins
    state x sex and state x age group. Household: base weight, nonresponse
    within strata, post-stratification to the households of each stratum.
    """
    census = population.census()
    sex_totals = census.groupby(["state", "sex"])["population"].sum()
    age_totals = census.groupby(["state", "age_group"])["population"].sum()
    person = (
        WeightingChain(frame, respondent="responded", strata="stratum", psu="psu")
        .base_weights(probability=["p_psu", "p_household"])
        .within_household("adults")
        .nonresponse(["stratum"])
        .rake(
            {
                ("state", "sex"): {k: float(v) for k, v in sex_totals.items()},
                ("state", "age_group"): {k: float(v) for k, v in age_totals.items()},
            }
        )
    )
    households = population.blocks.groupby("stratum")["households"].sum()
    household = (
        WeightingChain(frame, respondent="responded", strata="stratum", psu="psu")
        .base_weights(probability=["p_psu", "p_household"])
        .nonresponse(["stratum"])
        .poststratify("stratum", {k: float(v) for k, v in households.items()})
    )
    diagnostics = pd.concat(
        [
            person.diagnostics.assign(weight="person"),
            household.diagnostics.assign(weight="household"),
        ],
        ignore_index=True,
    )
    return person.weights, household.weights, diagnostics
