"""The catalogue: every code exists in vict_std, every text in four languages."""

from __future__ import annotations

import re

import pytest

from analysis.i18n import LANGUAGES
from analysis.indicators import UNIT_SCALE, catalogue, catalogue_table, get_indicator
from analysis.indicators.conditions import codes_in
from analysis.microdata import standard_instrument
from questionnaires.model import MultipleItem


def _code_exists(code: str) -> bool:
    instrument = standard_instrument()
    if code in ("inc_rank",):  # derived by incident_table (naming.md: position within type)
        return True
    match = re.fullmatch(r"(.+)__(-?\d+)", code)
    if match:
        item = instrument.item(match.group(1))
        if not isinstance(item, MultipleItem):
            return False
        return int(match.group(2)) in {c.code for c in instrument.choices(item.choices)}
    return instrument.has_item(code)


@pytest.mark.parametrize("indicator", catalogue(), ids=lambda i: i.id)
def test_every_code_of_every_indicator_is_in_the_standard_questionnaire(indicator: object) -> None:
    ind = get_indicator(indicator.id)  # type: ignore[attr-defined]
    codes = set(codes_in(ind.numerator)) | set(codes_in(ind.denominator))
    if ind.unknown is not None:
        codes |= set(codes_in(ind.unknown))
    missing = sorted(c for c in codes if not _code_exists(c))
    assert missing == []


def test_ids_are_unique_and_every_text_has_four_languages() -> None:
    items = catalogue()
    assert len({i.id for i in items}) == len(items)
    for ind in items:
        assert set(ind.name) == set(LANGUAGES) and all(ind.name.values())
        assert set(ind.definition) == set(LANGUAGES) and all(ind.definition.values())
        assert ind.unit in UNIT_SCALE
        assert ind.level in ("person", "household", "incident", "victim")
        assert ind.estimator in ("proportion", "ratio", "mean", "difference")


def test_the_standard_indicators_of_domain_md_are_all_there() -> None:
    ids = {i.id for i in catalogue()}
    required = {
        "prev_person",
        "prev_person_rate",
        "prev_household",
        "incidence",
        "concentration",
        "reporting_rate",
        "dark_figure",
        "sdg_16_1_3_physical",
        "sdg_16_1_3_psychological",
        "sdg_16_1_3_sexual",
        "sdg_16_1_4",
        "sdg_16_1_4_walkers",
        "sdg_16_3_1_physical",
        "sdg_16_3_1_psychological",
        "sdg_16_3_1_sexual",
        "sdg_16_5_1",
        "insecure_nbhd",
        "insecure_muni",
        "insecure_state",
        "worry",
        "likely",
        "perf_police",
    }
    assert required <= ids
    for stem in ("car", "burg", "rob", "kidnap"):
        assert {
            f"prev_{stem}",
            f"incidence_{stem}",
            f"reporting_rate_{stem}",
            f"dark_figure_{stem}",
        } <= ids
    for inst in ("police", "pros", "judge", "army"):
        assert f"trust_{inst}" in ids
    for behaviour in ("night", "children", "transport", "weapon", "routes", "valuables", "visits"):
        assert f"avoid_{behaviour}" in ids


def test_trust_is_among_those_who_know_the_institution() -> None:
    ind = get_indicator("trust_judge")
    assert "know_judge" in set(codes_in(ind.denominator))


def test_sdg_16_1_4_keeps_never_walks_alone_in_the_denominator_by_default() -> None:
    default = get_indicator("sdg_16_1_4").denominator
    walkers = get_indicator("sdg_16_1_4_walkers").denominator
    assert 5 in default.codes and 5 not in walkers.codes  # type: ignore[union-attr]


def test_catalogue_table_in_each_language_and_unknown_ids_refused() -> None:
    table = catalogue_table("pt")
    assert list(table.columns[:4]) == ["indicator", "group", "name", "definition"]
    assert table.set_index("indicator").loc["dark_figure", "name"] == "Cifra oculta"
    with pytest.raises(ValueError, match="language"):
        catalogue_table("de")
    with pytest.raises(ValueError, match="unknown indicator 'nope'"):
        get_indicator("nope")


def test_definitions_speak_to_a_reader_not_in_codes() -> None:
    """The reports' annex prints every definition: a reader of the Spanish report met
    'la proporción real en los delitos (youth_share_incidents)', '(se excluye -9)',
    '(código 5 excluido)' and 'alguna causa del grupo 1x', codes of the data, not words."""
    ids = {ind.id for ind in catalogue()}
    codes = re.compile(r"(?<![\w.])-\d\b|\b(?:c[oó]digo|code) \d|\b(?:group|grupo|groupe) \dx\b")
    for ind in catalogue():
        for language in LANGUAGES:
            text = ind.definition[language]
            words = set(re.findall(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b", text))
            assert not words & ids, (ind.id, language, text)
            assert not codes.search(text), (ind.id, language, text)
