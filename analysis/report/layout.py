"""Which indicators each section of the report shows, in order (data, read by :mod:`.sections`)."""

from __future__ import annotations

from collections.abc import Sequence

from analysis.indicators.catalogue import catalogue


def ids_of(group: str, *, crime: bool | None = None, exclude: Sequence[str] = ()) -> list[str]:
    """Ids of a catalogue group in catalogue order (``crime``: only per-crime ones, or none)."""
    out = []
    for ind in catalogue():
        if ind.group != group or ind.id in exclude or ind.id.endswith("_owners"):
            continue
        if crime is not None and (ind.crime_type is not None) != crime:
            continue
        out.append(ind.id)
    return out


PREVALENCE = ids_of("victimization") + [
    "sdg_16_1_3_physical",
    "sdg_16_1_3_psychological",
    "sdg_16_1_3_sexual",
    "sdg_16_1_3_any",
]
PREVALENCE_CHART = ["prev_person", "prev_household", "prev_any", "sdg_16_1_3_any"]
REPORTING = [
    "reporting_rate",
    "dark_figure",
    "noreport_authority",
    "sdg_16_3_1_physical",
    "sdg_16_3_1_psychological",
    "sdg_16_3_1_sexual",
]
REASONS = [
    i for i in ids_of("reporting") if i.startswith("noreport_") and i != "noreport_authority"
]
LEVELS = ["insecure_nbhd", "insecure_muni", "insecure_state"]
PLACES = ["unsafe_home", "unsafe_transport", "unsafe_street", "unsafe_school", "unsafe_market"]
PERCEPTION = (
    LEVELS
    + PLACES
    + ["worry", "likely", "trend_area_up", "trend_country_up", "sdg_16_1_4", "sdg_16_1_4_walkers"]
)
INSTITUTIONS = ids_of("institutions")
AVOIDANCE = ids_of("avoidance")
BRIBERY = ["sdg_16_5_1"]
MUNICIPAL_OVERVIEW_COLUMNS = ["prev_person", "insecure_muni", "incidence"]
SUBAREA_COLUMNS = [
    "prev_person",
    "incidence",
    "dark_figure",
    "insecure_muni",
    "insecure_state",
    "sdg_16_1_4",
]
#: Compared with the previous wave in the highlights: the sub-area columns, then trust and bribery.
HIGHLIGHT_COMPARISON = [*SUBAREA_COLUMNS, "trust_police", "sdg_16_5_1"]
