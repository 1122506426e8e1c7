"""Which established survey each question of the standard questionnaire is based on.

The codebook prints it next to each variable (questionnaires/docs/codebook.md).
Keys are variable codes, or code prefixes ending in ``_`` for a whole module;
the most specific key wins. The instrument file itself stays as the XLSForm
round trip needs it. Citations name the survey and, where it has one, the
item; wording is adapted, never copied (questionnaires/docs/naming.md).
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["STANDARD_SOURCES", "source_of"]

_VICT_STD: dict[str, str] = {
    "hh_": "ENVIPE; household roster for the within-household selection (UNODC-UNECE Manual 2010)",
    "dem_": "ENVIPE; ICVS",
    "hv_": "ICVS and UNODC-UNECE Manual (2010): five-year then 12-month screener; ENVIPE counts",
    "pv_": "ICVS and UNODC-UNECE Manual (2010): five-year then 12-month screener; ENVIPE counts",
    "pv_extort_": "ENVIPE (extortion); UNODC-INEGI LACSI",
    "pv_kidnap_": "ENVIPE (kidnapping, incl. express kidnapping)",
    "inc_": "ENVIPE incident module; NCVS; UNODC-INEGI LACSI",
    "inc_file": "ENVIPE (carpeta de investigación: the dark figure)",
    "inc_noreport": "ENVIPE reasons for not reporting (attributable to the authority / other)",
    "inc_offender_age": "ENVIPE and NCVS perceived age of the offender(s), four groups",
    "per_dark": "ICVS; SDG 16.1.4",
    "per_": "ENVIPE (perception of safety by area level and place); ICVS",
    "per_trend_": "ICVS; CSEW",
    "avoid_": "ENVIPE (changes of habits for fear of crime)",
    "know_": "ENVIPE (knowledge of and trust in institutions)",
    "trust_": "ENVIPE (knowledge of and trust in institutions)",
    "perf_": "ENVIPE; ICVS (police doing a good job)",
    "corr_": "ENVIPE (perceived corruption)",
    "brib_": "UNODC SDG 16.5.1 bribery module; ICVS",
    "media_freq": "LAPOP AmericasBarometer (attention to the news, GI0), narrowed to crime news",
    "media_channels": "Latinobarómetro (sources of information), with messaging groups",
    "media_where": "this project (the brief's local-or-elsewhere question)",
    "youth_share": "this project; age limit as inc_offender_age and the youth domain",
    "youth_trend": "ICVS/ENVIPE perceived-trend item applied to youth crime",
    "dis_": "ENVIPE (situations around the home)",
    "nbhd_sat_": "INEGI ENSU/ENCIG (satisfaction with lighting, parks); LAPOP (community)",
    "prot_": "ENVIPE (household protective measures and their cost); UNODC-INEGI LACSI",
    "part_meeting": "LAPOP AmericasBarometer (community meetings, CP8)",
    "part_joint": "ENVIPE (joint actions among neighbours)",
    "part_trust_localgov": "LAPOP AmericasBarometer (trust in the municipality, B32), on crime",
}

#: instrument id -> (code or prefix -> source)
STANDARD_SOURCES: dict[str, Mapping[str, str]] = {"vict_std": _VICT_STD}


def source_of(instrument_id: str, code: str) -> str:
    """The source of variable ``code`` of instrument ``instrument_id`` ("" when none is known)."""
    sources = STANDARD_SOURCES.get(instrument_id, {})
    if code in sources:
        return sources[code]
    prefixes = [key for key in sources if key.endswith("_") and code.startswith(key)]
    return sources[max(prefixes, key=len)] if prefixes else ""
