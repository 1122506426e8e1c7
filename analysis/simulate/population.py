"""A synthetic country: states, municipalities, blocks, households and their adults."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["AGE_LABELS", "Population", "make_population"]

#: age groups of the census and of the ``age_group`` domain
AGE_LABELS: tuple[str, ...] = ("18-29", "30-44", "45-59", "60+")
_AGE_RANGES = ((18, 29), (30, 44), (45, 59), (60, 90))
_AGE_SHARES = np.array([0.30, 0.30, 0.22, 0.18])

_FIRST = (
    "San",
    "Santa",
    "Villa",
    "Puerto",
    "Nueva",
    "Valle de",
    "Cerro",
    "Río",
    "Llano de",
    "Lagos de",
    "Ciudad",
    "Real de",
    "Santo",
    "Monte",
    "Playa",
    "Loma de",
)
_SECOND = (
    "Miguel",
    "Rosa",
    "Jacinto",
    "Esperanza",
    "Alegre",
    "Los Ángeles",
    "Azul",
    "Grande",
    "Guadalupe",
    "Lucía",
    "Tomás",
    "Bravo",
    "Verde",
    "Nogales",
    "Aurora",
    "Juárez",
    "Victoria",
    "Trinidad",
    "Morelos",
    "Palmas",
    "Cruz",
    "Cristóbal",
    "Isabel",
    "Bárbara",
    "Pedro",
    "Pablo",
    "Hidalgo",
    "Dolores",
    "Colorado",
    "Laureles",
    "Fresnos",
    "Encinos",
)


def _names(rng: np.random.Generator, count: int, taken: set[str]) -> list[str]:
    out: list[str] = []
    while len(out) < count:
        name = f"{rng.choice(_FIRST)} {rng.choice(_SECOND)}"
        if name not in taken:
            taken.add(name)
            out.append(name)
    return out


@dataclass(frozen=True)
class Population:
    """The finite population.

    ``areas``: one row per municipality (``state``, ``state_name``,
    ``municipality``, ``municipality_name``). ``blocks``: one row per block
    (``block``, ``state``, ``municipality``, ``area_type`` 1 urban / 2 rural,
    ``stratum``, ``households``). ``households``: ``block``, ``adults``,
    ``size``, ``own_car``, ``own_moto``, ``own_bike``. ``adults``: one row
    per adult: ``household``, ``sex`` (1, 2), ``age``, ``age_group`` (0..3).
    """

    areas: pd.DataFrame
    blocks: pd.DataFrame
    households: pd.DataFrame
    adults: pd.DataFrame

    def census(self) -> pd.DataFrame:
        """Adults by state, municipality, area type, sex and age group."""
        hh_block = self.households["block"].to_numpy()[self.adults["household"].to_numpy()]
        frame = pd.DataFrame(
            {
                "state": self.blocks["state"].to_numpy()[hh_block],
                "municipality": self.blocks["municipality"].to_numpy()[hh_block],
                "area_type": self.blocks["area_type"].to_numpy()[hh_block],
                "sex": self.adults["sex"].to_numpy(),
                "age_group": np.asarray(AGE_LABELS, dtype=object)[
                    self.adults["age_group"].to_numpy()
                ],
            }
        )
        keys = ["state", "municipality", "area_type", "sex", "age_group"]
        return frame.groupby(keys, sort=True).size().rename("population").reset_index()


def make_population(
    rng: np.random.Generator,
    n_states: int,
    municipalities_per_state: int | tuple[int, int],
    blocks_per_municipality: tuple[int, int],
    households_per_block: float,
) -> Population:
    """Draw the areas, blocks, households and adults of the country."""
    if n_states < 1 or n_states > 99:
        raise ValueError(f"n_states must be between 1 and 99; got {n_states}")
    low, high = (
        (municipalities_per_state, municipalities_per_state)
        if isinstance(municipalities_per_state, int)
        else municipalities_per_state
    )
    if low < 1 or high < low or high > 999:
        raise ValueError(
            f"municipalities_per_state must be in 1..999; got {municipalities_per_state!r}"
        )
    if blocks_per_municipality[0] < 2 or blocks_per_municipality[1] < blocks_per_municipality[0]:
        raise ValueError("blocks_per_municipality must be (low, high) with 2 <= low <= high")
    taken: set[str] = set()
    state_names = _names(rng, n_states, taken)
    rows = []
    for s in range(n_states):
        k = int(rng.integers(low, high + 1))
        for m, name in enumerate(_names(rng, k, taken)):
            rows.append(
                {
                    "state": f"{s + 1:02d}",
                    "state_name": state_names[s],
                    "municipality": f"{s + 1:02d}{m + 1:03d}",
                    "municipality_name": name,
                }
            )
    areas = pd.DataFrame(rows)
    # blocks: every municipality has urban and rural blocks; urban share varies
    n_mun = len(areas)
    n_blocks = rng.integers(blocks_per_municipality[0], blocks_per_municipality[1] + 1, n_mun)
    urban_share = rng.uniform(0.45, 0.9, n_mun)
    block_mun = np.repeat(np.arange(n_mun), n_blocks)
    area_type = np.where(rng.random(block_mun.size) < urban_share[block_mun], 1, 2)
    # every municipality gets at least one block of each type
    first = np.concatenate([[0], np.cumsum(n_blocks)[:-1]])
    area_type[first] = 1
    area_type[first + 1] = 2
    mean_hh = np.where(area_type == 1, households_per_block, 0.6 * households_per_block)
    n_hh = np.maximum(10, rng.poisson(mean_hh))
    state = areas["state"].to_numpy()[block_mun]
    blocks = pd.DataFrame(
        {
            "block": np.arange(block_mun.size),
            "state": state,
            "municipality": areas["municipality"].to_numpy()[block_mun],
            "area_type": area_type,
            "stratum": [
                f"{s}-{'U' if a == 1 else 'R'}" for s, a in zip(state, area_type, strict=True)
            ],
            "households": n_hh,
        }
    )
    hh_block = np.repeat(blocks["block"].to_numpy(), n_hh)
    urban = area_type[hh_block] == 1
    adults = 1 + rng.binomial(4, np.where(urban, 0.28, 0.33))
    children = rng.poisson(np.where(urban, 0.8, 1.2))
    households = pd.DataFrame(
        {
            "block": hh_block,
            "adults": adults,
            "size": np.minimum(adults + children, 30),
            "own_car": rng.random(hh_block.size) < np.where(urban, 0.38, 0.25),
            "own_moto": rng.random(hh_block.size) < np.where(urban, 0.15, 0.22),
            "own_bike": rng.random(hh_block.size) < 0.30,
        }
    )
    person_hh = np.repeat(np.arange(len(households)), adults)
    group = rng.choice(4, size=person_hh.size, p=_AGE_SHARES)
    lows = np.array([r[0] for r in _AGE_RANGES])
    highs = np.array([r[1] for r in _AGE_RANGES])
    age = rng.integers(lows[group], highs[group] + 1)
    people = pd.DataFrame(
        {
            "household": person_hh,
            "sex": np.where(rng.random(person_hh.size) < 0.515, 2, 1),
            "age": age,
            "age_group": group,
        }
    )
    return Population(areas, blocks, households, people)
