"""Reports of a national adaptation that drops standard items (naming.md, rule 6).

Each variant drops the items the report pipeline reads by name from a simulated wave, then
computes what the server computes (the indicator table by the domains the data has, the
fear-driver model, fear by victimization, the paradox table) and builds the status report
(public and internal) and the regional report: the parts that need a missing item are left
out and "perceived versus actual" says which item they need. One variant is rendered to PDF.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
import pdfplumber
import pytest

from analysis.compare import (
    fear_by_victimization,
    fear_model,
    fear_model_missing,
    paradox_groups,
    paradox_table,
    perception_model,
    perception_model_dropped,
    perception_model_missing,
)
from analysis.compare.model import ADJUSTMENTS
from analysis.compare.regional import CORE_SET, RegionalWave
from analysis.indicators import compute_indicators, get_indicator
from analysis.indicators.compute import add_domain_columns
from analysis.indicators.coverage import unmeasured_indicators
from analysis.report import Area, ReportData, Wave, build_report
from analysis.report.i18n import LANGUAGES, Translator
from analysis.report.inputs import (
    exposure_adjustments,
    exposure_left_out,
    exposure_note,
    model_covariates,
)
from analysis.report.not_asked import REPORT_ITEMS, not_asked_items, not_asked_notes
from analysis.report.regional import RegionalData, build_regional_report
from analysis.simulate import simulate_country

pytestmark = pytest.mark.slow

DOMAINS = ("national", "state", "municipality", "sex", "age_group", "youth")  # the server's
FEAR = ("insecure_nbhd", "insecure_muni", "insecure_state", "worry", "likely")
COUNTRY = Area("national", "national", "País Simulado")


@cache
def _sim():  # type: ignore[no-untyped-def]
    return simulate_country(seed=11, n_states=3, households=1200, municipalities_per_state=2)


@dataclass(frozen=True)
class Built:
    table: pd.DataFrame
    drivers: pd.DataFrame | None
    paradox: pd.DataFrame | None
    by_victim: pd.DataFrame | None
    public: str
    internal: str
    regional: str
    data: ReportData


def _drop(frame: pd.DataFrame, dropped: tuple[str, ...]) -> pd.DataFrame:
    """``frame`` without the items (a multiple-choice item's ``code__k`` columns too)."""
    gone = [c for c in frame.columns if c.split("__")[0] in dropped or c.startswith(dropped)]
    return frame.drop(columns=gone)


@cache
def _built(dropped: tuple[str, ...]) -> Built:
    sim = _sim()
    respondents = _drop(sim.respondents, dropped)
    incidents = _drop(sim.incidents, dropped)
    spec = sim.design_spec
    columns = set(add_domain_columns(respondents).columns)
    domains = [d for d in DOMAINS if d == "national" or {"sex": "dem_sex"}.get(d, d) in columns]
    table = compute_indicators(respondents, incidents, spec, domains=domains)
    drivers = None if fear_model_missing(respondents, spec) else fear_model(respondents, spec)
    present = set(table["indicator"])
    fear = [i for i in FEAR if i in present]
    # as the server computes them (surveyapp/services/evaluation.py perception_tables)
    by_victim = fear_by_victimization(respondents, incidents, spec, fear=fear) if fear else None
    paradox = (
        paradox_table(respondents, incidents, spec)
        if "insecure_nbhd" in fear and paradox_groups(respondents, spec)
        else None
    )
    names = dict(zip(sim.areas["state"], sim.areas["state_name"], strict=False))
    data = ReportData(
        wave=Wave("Ola 1", sim.reference_period, (sim.interview_date, sim.interview_date)),
        area=COUNTRY,
        indicators=table,
        police=sim.police,
        police_period=str(sim.reference_period[0].year),
        fear_drivers=drivers,
        area_names=names,
        fear_by_victim=by_victim,
        paradox=paradox,
        not_asked=not_asked_items(respondents.columns),
    )
    public = build_report(data, language="en", public=True).html
    internal = build_report(data, language="es", public=False).html

    def wave(key: str, rows: pd.DataFrame) -> RegionalWave:
        return RegionalWave(
            key, key, key, rows, sim.reference_period, {"tablet": 1.0}, "vict_std", "1.1.0"
        )

    full = _built(()).table if dropped else table
    regional = build_regional_report(
        RegionalData([wave("adapted", table), wave("standard", full)]), language="en"
    ).html
    return Built(table, drivers, paradox, by_victim, public, internal, regional, data)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _section(html: str, ident: str) -> bool:
    return f'id="{ident}"' in html


#: What each drop leaves out: (items dropped, items named as not asked, fear model left out,
#: paradox groups left, fear by victimization left out)
VARIANTS = {
    # dropped, named, no fear model, groups of the paradox table, no fear by victimization
    "dem_sex": (("dem_sex",), ("dem_sex",), False, {"age_group", "youth"}, False),
    "dem_age": (("dem_age",), ("dem_age",), False, {"sex"}, False),
    "dem module": (("dem_",), ("dem_sex", "dem_age"), False, set(), False),
    "trust_police": (
        ("trust_police",),
        ("trust_police",),
        False,
        {"sex", "age_group", "youth"},
        False,
    ),
    "trust module": (("trust_",), ("trust_police",), False, {"sex", "age_group", "youth"}, False),
    "per_safe_nbhd": (("per_safe_nbhd",), ("per_safe_nbhd",), True, set(), False),
    "per module": (("per_",), ("per_safe_nbhd",), True, set(), True),
}
#: The fear model's covariate of each item it reads (without the item, the model lacks the term).
COVARIATE = {"dem_sex": "sex", "dem_age": "age_group", "trust_police": "trust"}


def test_the_standard_questionnaire_names_nothing_and_keeps_every_comparison() -> None:
    built = _built(())
    assert built.data.not_asked == ()
    assert built.drivers is not None and built.paradox is not None
    assert {"sex", "age_group", "youth"} <= set(built.paradox["group_type"])
    assert _section(built.public, "fear_drivers") and _section(built.public, "paradox")
    assert "does not ask" not in _text(built.public)
    assert "the rest of the adults (women with men, 18–29 with 30 and over)." in _text(built.public)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_a_report_leaves_out_what_a_dropped_item_feeds_and_says_so(variant: str) -> None:
    dropped, named, no_model, groups, no_by_victim = VARIANTS[variant]
    built = _built(dropped)
    assert tuple(built.data.not_asked) == named
    assert (built.drivers is None) is no_model
    assert _section(built.public, "fear_drivers") is not no_model
    if groups:
        assert built.paradox is not None
        assert set(built.paradox["group_type"]) - {"national"} == groups
    else:
        assert built.paradox is None and not _section(built.public, "paradox")
    assert (built.by_victim is None) is no_by_victim
    en, es = _text(built.public), _text(built.internal)
    for item in named:  # once, in "perceived versus actual", not again in its subsections
        assert en.count(f"The questionnaire does not ask {item}, so this report leaves out:") == 1
    if "per_safe_nbhd" in named:  # fear by victimization status lacks its neighbourhood row
        row = "Fear of crime among victims and non-victims (Feels unsafe in their neighbourhood)"
        assert f"does not ask per_safe_nbhd, so this report leaves out: {row};" in en
        assert f"El cuestionario no pregunta {item}; este informe no incluye:" in es
    assert "Factors associated with fear" in en.split("does not ask", 1)[1]
    if groups:  # the note names only the pairs the table compares
        note = en.split("compared with the rest of the adults", 1)[1].split(". ", 1)[0]
        assert ("women with men" in note) is ("sex" in groups)
        assert ("18–29 with 30 and over" in note) is ("youth" in groups)
    if built.drivers is not None:  # fitted without the terms of the items not asked
        lacks = {COVARIATE[item] for item in named if item in COVARIATE}
        assert model_covariates(built.drivers) == {"sex", "age_group", "area", "trust"} - lacks
        for item in lacks:
            word = {"sex": "sex", "age_group": "age", "trust": "trust in the police"}[item]
            assert f"Factors associated with fear: its {word} term" in en
        reference = en.split("Reference: ", 1)[1].split(".", 1)[0]
        assert ("men" in reference.split(", ")) is ("sex" not in lacks)
        assert ("distrusts the police" in reference) is ("trust" not in lacks)
    # the indicators of the dropped items are not in the table; the others are
    assert "prev_person" in set(built.table["indicator"])
    if "dem_sex" in named:
        assert "sex" not in set(built.table["domain_type"])
    if "per_safe_nbhd" in named:
        assert "insecure_nbhd" not in set(built.table["indicator"])
    # the regional report of the adaptation and a standard wave names what the first lacks
    core = set(_built(()).table["indicator"]) & set(CORE_SET)
    lacks = "no estimate for adapted (the questionnaire does not ask it" in _text(built.regional)
    assert lacks is bool(core - set(built.table["indicator"]))


def test_the_note_names_each_part_in_every_language() -> None:
    for language in LANGUAGES:
        t = Translator(language)
        notes = not_asked_notes(t, ("dem_sex", "x_local", "trust_police"))
        assert len(notes) == 2  # an item the report does not read is not named
        assert "dem_sex" in notes[0] and t("group_women") in notes[0]
        assert t("sub_fear_drivers") in notes[1] and t("covariate_trust") in notes[1]
    asked = ["dem_sex", "dem_age", "per_safe_nbhd", "trust_police", "media_freq"]
    assert not_asked_items(asked) == ()
    assert set(not_asked_items([])) == set(REPORT_ITEMS)


@pytest.mark.parametrize("variant", ["dem_sex", "dem_age", "dem module"])
def test_the_exposure_model_of_an_adaptation_lacks_only_the_terms_of_its_missing_items(
    variant: str,
) -> None:
    dropped, named, *_ = VARIANTS[variant]
    built = _built(dropped)
    respondents = _drop(_sim().respondents, dropped)
    spec = _sim().design_spec
    terms = {"dem_sex": "sex", "dem_age": "age_group"}
    lacks = [terms[item] for item in named]
    assert perception_model_missing(respondents) == []
    assert perception_model_dropped(respondents, spec) == lacks
    fit = perception_model(respondents, spec, reference=5)
    has = tuple(a for a in ADJUSTMENTS if a not in lacks)
    assert exposure_adjustments(fit) == has
    assert fit["exposure"].sum() == 4  # every answer but "never"
    for language in LANGUAGES:
        t = Translator(language)
        note = exposure_note(t, has)
        for term in ADJUSTMENTS:
            assert (t(f"adjust_{term}") in note) is (term in has), (language, term)
        notes = exposure_left_out(t, lacks, built.data.not_asked)
        assert len(notes) == len(named)  # one per item not asked, nothing about the rest
        for item, note in zip(named, notes, strict=True):
            word = t("covariate_sex" if item == "dem_sex" else "covariate_age")
            part = t("term_left_out", title=t("sub_exposure_model"), term=word)
            assert item in note and part in note
    # the status report has no exposure model: its note does not name one
    assert "Feeling unsafe by exposure" not in _text(built.public)
    assert "Percepción de inseguridad según la exposición" not in _text(built.internal)
    assert f"does not ask {named[0]}, so this report leaves out:" in _text(built.public)


#: The exposure note's list of adjustments, for each number of them (en and es exact).
ADJUSTED = {
    ("victim", "sex", "age_group", "area"): (
        "adjusted for victimization, sex, age group and area.",
        "ajustado por victimización, sexo, grupo de edad y área.",
    ),
    ("victim", "age_group", "area"): (
        "adjusted for victimization, age group and area.",
        "ajustado por victimización, grupo de edad y área.",
    ),
    ("victim", "area"): (
        "adjusted for victimization and area.",
        "ajustado por victimización y área.",
    ),
    ("sex",): ("adjusted for sex.", "ajustado por sexo."),
    (): ("without adjustment for other variables.", "sin ajuste por otras variables."),
}


@pytest.mark.parametrize("adjusted", list(ADJUSTED))
def test_the_exposure_note_lists_the_adjustments_it_has_in_every_language(
    adjusted: tuple[str, ...],
) -> None:
    en, es = ADJUSTED[adjusted]
    assert en in exposure_note(Translator("en"), adjusted)
    assert es in exposure_note(Translator("es"), adjusted)
    pt = exposure_note(Translator("pt"), adjusted)
    fr = exposure_note(Translator("fr"), adjusted)
    if adjusted:  # "a, b e c", "a, b et c": the last joined by "and", the others by commas
        for note, opening, word in ((pt, "ajustado por ", " e "), (fr, "ajusté sur ", " et ")):
            words = note.split(opening, 1)[1].split(".", 1)[0]
            assert words.count(word) == (len(adjusted) > 1)
            assert words.count(",") == max(len(adjusted) - 2, 0)
    if adjusted == ("victim", "sex", "age_group", "area"):
        assert "ajusté sur la victimation, le sexe, le groupe d'âge et la zone." in fr
        assert "ajustado por vitimização, sexo, faixa etária e área." in pt
    for language in LANGUAGES:  # the rest of the note stays, whatever the list
        note = exposure_note(Translator(language), adjusted)
        assert "{" not in note and note.count(". ") >= 1
    with pytest.raises(ValueError, match="unknown adjustment"):
        exposure_note(Translator("en"), ("trust",))


def test_a_domain_nobody_answered_gets_no_rows_and_no_error() -> None:
    sim = _sim()
    respondents = sim.respondents.assign(state=np.nan)  # a wave without areas
    table = compute_indicators(
        respondents, sim.incidents, sim.design_spec, domains=["national", "state"]
    )
    assert set(table["domain_type"]) == {"national"}
    assert "prev_person" in set(table["indicator"])


def test_the_pdf_of_a_wave_without_dem_sex_renders_with_its_note() -> None:
    built = _built(("dem_sex",))
    report = build_report(built.data, language="en", public=True, generated=dt.date(2026, 1, 1))
    with pdfplumber.open(io.BytesIO(report.pdf_bytes())) as pdf:
        pages = len(pdf.pages)
        text = re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in pdf.pages))
    assert pages >= 8
    assert "The questionnaire does not ask dem_sex, so this report leaves out:" in text
    assert "Fear and victimization by group" in text  # the age groups are still compared
    assert "Prevalence" in text


def _pdf_text(data: ReportData, language: str) -> str:
    report = build_report(data, language=language, public=True, generated=dt.date(2026, 1, 1))
    with pdfplumber.open(io.BytesIO(report.pdf_bytes())) as pdf:
        return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in pdf.pages))


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_pdf_media_section_of_a_wave_without_media_freq_names_the_item(
    language: str,
) -> None:
    sim = _sim()
    built = _built(("media_freq",))
    # as the server gives them (surveyapp/services/report_build.py, from the questionnaire)
    unmeasured = unmeasured_indicators(
        _drop(sim.respondents, ("media_freq",)).columns, sim.incidents.columns
    )
    media = ("media_exposure", "media_social")  # the second is over those who said how often
    assert [(u.indicator, u.items) for u in unmeasured] == [(i, ("media_freq",)) for i in media]
    assert not set(media) & set(built.table["indicator"])  # not "too few cases": not measured
    data = dataclasses.replace(built.data, unmeasured=unmeasured)
    assert "media_freq" in data.not_asked  # the exposure model's item: not in the report
    t = Translator(language)
    text = _pdf_text(data, language)
    names = "; ".join(t.pick(get_indicator(i).name) for i in media)
    # spaced as _pdf_text reads it back (French no-break spaces as plain ones)
    note = re.sub(r"\s+", " ", t("item_not_asked_here", item="media_freq", parts=names))
    # the section after the contents (which name it first): its heading, table caption, notes
    section = t("sec_media").join(text.split(t("sec_media"))[2:]).split(t("sec_youth"), 1)[0]
    assert note in section and text.count("media_freq") == 3  # here, and the annex's table
    # the section does not open with the definition of the indicator it cannot show
    assert t.pick(get_indicator("media_exposure").definition) not in section
    assert t("sub_exposure_model") not in text  # the page's exposure model is not named
