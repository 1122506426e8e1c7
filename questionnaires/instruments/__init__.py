"""The instruments shipped with the package: one YAML file per instrument, named by its id."""

from __future__ import annotations

from pathlib import Path

from questionnaires.loader import load_instrument, standard_instrument_paths
from questionnaires.model import Instrument

__all__ = ["standard_instrument", "standard_instrument_ids"]


def standard_instrument_ids() -> list[str]:
    """Ids of the shipped instruments (``vict_std``, ...), sorted."""
    return [path.stem for path in standard_instrument_paths()]


def standard_instrument(instrument_id: str = "vict_std") -> Instrument:
    """Load and check the shipped instrument ``instrument_id``.

    Raises ``KeyError`` naming the shipped ids if there is none by that id.
    """
    path = Path(__file__).resolve().parent / f"{instrument_id}.yaml"
    if instrument_id not in standard_instrument_ids():
        raise KeyError(
            f"no shipped instrument {instrument_id!r}; shipped: {standard_instrument_ids()}"
        )
    return load_instrument(path)
