"""Coverage of 95% intervals for a prevalence under a stratified two-stage design.

A synthetic finite population of households in census tracts (PSUs) within
strata, with a victimization prevalence that varies between strata and
tracts (intra-cluster correlation), is sampled repeatedly: tracts by simple
random sampling without replacement within each stratum, then households
within each selected tract. The design-based 95% interval of the prevalence
must cover the population value in 92-98% of the samples, with and without
post-stratification on a household characteristic known for the population.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.calibration import poststratify
from analysis.design import SurveyDesign

N_STRATA, TRACTS, HOUSEHOLDS = 4, 40, 30  # population: 4 x 40 tracts x 30 households
SAMPLED_TRACTS, SAMPLED_HOUSEHOLDS = 8, 10  # sample: 4 x 8 tracts x 10 households
SAMPLES = 400


@pytest.fixture(scope="module")
def population() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(20240611)
    shape = (N_STRATA, TRACTS, HOUSEHOLDS)
    stratum_effect = np.array([-1.6, -1.2, -0.8, -0.4])[:, None, None]
    tract_effect = rng.normal(0.0, 0.6, size=(N_STRATA, TRACTS, 1))
    owner = rng.random(shape) < 0.6
    logit = stratum_effect + tract_effect - 0.5 * owner
    victim = rng.random(shape) < 1 / (1 + np.exp(-logit))
    return {"victim": victim, "owner": owner}


def _draw(rng: np.random.Generator, population: dict[str, np.ndarray]) -> list[pd.DataFrame]:
    """All samples at once: tract and household indices by sorting uniforms."""
    tracts = rng.random((SAMPLES, N_STRATA, TRACTS)).argsort(axis=2)[..., :SAMPLED_TRACTS]
    households = rng.random((SAMPLES, N_STRATA, SAMPLED_TRACTS, HOUSEHOLDS)).argsort(axis=3)[
        ..., :SAMPLED_HOUSEHOLDS
    ]
    h = np.arange(N_STRATA)[None, :, None, None]
    t = tracts[..., None]
    stratum = np.broadcast_to(h, households.shape).reshape(SAMPLES, -1)
    tract = np.broadcast_to(t, households.shape).reshape(SAMPLES, -1)
    house = households.reshape(SAMPLES, -1)
    victim = population["victim"][stratum, tract, house]
    owner = population["owner"][stratum, tract, house]
    return [
        pd.DataFrame(
            {
                "stratum": stratum[s],
                "tract": tract[s],
                "household": house[s],
                "tracts_in_stratum": TRACTS,
                "households_in_tract": HOUSEHOLDS,
                "victim": victim[s].astype(float),
                "owner": np.where(owner[s], "owner", "tenant"),
            }
        )
        for s in range(SAMPLES)
    ]


def test_intervals_cover_the_population_prevalence(population: dict[str, np.ndarray]) -> None:
    truth = float(population["victim"].mean())
    owners = int(population["owner"].sum())
    tenure_totals = {"owner": float(owners), "tenant": float(population["owner"].size - owners)}
    samples = _draw(np.random.default_rng(7), population)
    covered = np.zeros(SAMPLES, dtype=bool)
    covered_ps = np.zeros(SAMPLES, dtype=bool)
    ratio_se = np.zeros(SAMPLES)
    for s, sample in enumerate(samples):
        design = SurveyDesign(
            sample,
            strata="stratum",
            psu="tract",
            fpc="tracts_in_stratum",
            ssu="household",
            fpc2="households_in_tract",
        )
        est = design.mean("victim")
        covered[s] = est.ci_low <= truth <= est.ci_high
        post = poststratify(design, "owner", tenure_totals).mean("victim")
        covered_ps[s] = post.ci_low <= truth <= post.ci_high
        ratio_se[s] = post.se / est.se
    assert 0.92 <= covered.mean() <= 0.98
    assert 0.92 <= covered_ps.mean() <= 0.98
    # tenure predicts victimization, so post-stratification gains a little precision
    assert np.median(ratio_se) < 1.0
