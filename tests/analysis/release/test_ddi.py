"""The DDI Codebook 2.5 of a release: valid against the DDI Alliance's schema, in step with
the HTML codebook (same variables, question text and categories, the same declared missing)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from analysis.microdata import standard_instrument
from analysis.release import DDI_NAMESPACE, Release, ddi_codebook
from questionnaires.codebook import codebook_html, codebook_rows

SCHEMA = (
    Path(__file__).resolve().parents[2]
    / "fixtures"
    / "ddi"
    / "codebook_2_5_1"
    / "schemas"
    / "codebook.xsd"
)
NS = {"d": DDI_NAMESPACE}


@cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def _doc(release: Release) -> etree._Element:
    return etree.fromstring(ddi_codebook(release))


def test_the_ddi_is_valid_against_the_ddi_codebook_2_5_schema(release: Release) -> None:
    schema = _schema()
    assert schema.validate(_doc(release)), schema.error_log


def test_the_schema_check_catches_a_broken_document(release: Release) -> None:
    doc = _doc(release)
    var = doc.find(".//d:var", NS)
    assert var is not None
    var.insert(0, etree.Element(f"{{{DDI_NAMESPACE}}}notAnElement"))
    assert not _schema().validate(doc)


def test_study_files_and_weights_are_described(release: Release) -> None:
    doc = _doc(release)
    assert doc.findtext(".//d:stdyDscr/d:citation/d:titlStmt/d:titl", namespaces=NS) == (
        "Encuesta simulada"
    )
    assert doc.findtext(".//d:stdyDscr//d:IDNo", namespaces=NS) == "sim-7"
    dates = {e.get("event"): e.get("date") for e in doc.iterfind(".//d:collDate", NS)}
    assert dates == {"start": "2026-01-10", "end": "2026-02-20"}
    files = doc.findall(".//d:fileDscr", NS)
    assert [f.findtext(".//d:fileName", namespaces=NS) for f in files] == [
        "sim-7_internal_respondent",
        "sim-7_internal_incident",
        "sim-7_internal_household",
    ]
    cases = [int(f.findtext(".//d:caseQnty", namespaces=NS) or 0) for f in files]
    assert cases == [len(release.files[n]) for n in ("respondent", "incident", "household")]
    weight = doc.find(".//d:var[@name='weight'][@files='F1']", NS)
    assert weight is not None and weight.get("wgt") == "wgt"
    sex = doc.find(".//d:var[@name='dem_sex'][@files='F1']", NS)
    assert sex is not None and sex.get("wgt-var") == weight.get("ID")
    incident = doc.find(".//d:var[@name='inc_crime'][@files='F2']", NS)
    assert incident is not None
    assert incident.get("wgt-var") == "V_incident_inc_weight"
    derived = doc.find(".//d:var[@name='ind_prev_person']", NS)
    assert derived is not None and derived.findtext(".//d:drvdesc", namespaces=NS)


def test_variables_match_the_html_codebook(release: Release) -> None:
    doc = _doc(release)
    instrument = standard_instrument()
    html = codebook_html(instrument)
    by_name = {v.get("name"): v for v in doc.iterfind(".//d:var", NS)}
    checked = 0
    for row in codebook_rows(instrument):
        if row.type in ("repeat", "multiple") or row.code not in by_name:
            continue
        var = by_name[row.code]
        assert var.findtext("d:qstn/d:qstnLit", namespaces=NS) == (row.label.get("es") or None)
        assert (var.findtext("d:universe", namespaces=NS) or None) == row.relevance
        categories = [
            (
                int(c.findtext("d:catValu", namespaces=NS) or ""),
                c.findtext("d:labl", namespaces=NS),
                c.get("missing") == "Y",
            )
            for c in var.iterfind("d:catgry", NS)
        ]
        assert categories == [(code, label["es"], code < 0) for code, label in row.choices]
        checked += 1
    assert checked > 100
    # the HTML codebook says the same about the special answers
    assert "(declared missing)" in html and "not applicable" in html


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_ddi_is_in_the_language_asked(release_in, language: str) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(release_in(language))
    assert doc.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    sex = doc.find(".//d:var[@name='dem_sex']", NS)
    assert sex is not None
    labels = [c.findtext("d:labl", namespaces=NS) for c in sex.iterfind("d:catgry", NS)]
    assert labels == [
        label[language]
        for _code, label in next(
            r for r in codebook_rows(standard_instrument()) if r.code == "dem_sex"
        ).choices
    ]
    assert _schema().validate(doc)
