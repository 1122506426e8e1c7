"""A release described in DDI Codebook 2.5 XML, the format NADA and the IHSN catalogue import.

One ``codeBook`` per wave and language: the study description (title,
identifier, producer, reference period, collection dates, universe, the
sampling design and weights), one ``fileDscr`` per file (cases, variables)
and one ``var`` per column with its label, question text, universe (when it
is asked), categories with the declared missing ones marked ``missing="Y"``,
valid and invalid counts, derivation of the indicator variables, format,
and the weight variable it is to be analysed with. Tests validate the
output against the DDI Alliance's schema (tests/fixtures/ddi/).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd

from analysis.i18n import pick, tr
from analysis.release.labels import FILE_LABELS
from analysis.release.model import FILE_NAMES, FileName, Release, Variable

__all__ = ["DDI_NAMESPACE", "ddi_codebook"]

DDI_NAMESPACE = "ddi:codebook:2_5"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_WORDS: dict[str, dict[str, str]] = {
    "universe": tr(
        "Personas de 18 años y más residentes en los hogares de la muestra; una persona por hogar.",
        "Persons aged 18 and over living in the sampled households; one person per household.",
        "Pessoas de 18 anos ou mais residentes nos domicílios da amostra; uma pessoa por domicílio.",
        "Personnes de 18 ans et plus vivant dans les ménages de l'échantillon\u00a0; une personne par ménage.",
    ),
    "sampling": tr(
        "Muestra estratificada por conglomerados: los estratos (stratum) y las unidades primarias de muestreo (psu) de cada entrevista están en los archivos.",
        "Stratified cluster sample: every interview's stratum (stratum) and primary sampling unit (psu) are in the files.",
        "Amostra estratificada por conglomerados: os estratos (stratum) e as unidades primárias de amostragem (psu) de cada entrevista estão nos arquivos.",
        "Échantillon stratifié en grappes\u00a0: la strate (stratum) et l'unité primaire d'échantillonnage (psu) de chaque entretien figurent dans les fichiers.",
    ),
    "weight": tr(
        "Use el factor de expansión final (weight) de la persona; los incidentes usan inc_weight. Varianza por linealización de Taylor con estratos y UPM, o con los pesos replicados cuando existen.",
        "Use the final person weight (weight); incidents use inc_weight. Variance by Taylor linearization with strata and PSUs, or with the replicate weights when present.",
        "Use o peso final da pessoa (weight); os incidentes usam inc_weight. Variância por linearização de Taylor com estratos e UPA, ou com os pesos replicados quando existem.",
        "Utilisez le poids final de la personne (weight)\u00a0; les incidents utilisent inc_weight. Variance par linéarisation de Taylor avec strates et UPE, ou avec les poids répliqués s'ils existent.",
    ),
    "not_applicable": tr(
        "En blanco: no aplica (la pregunta no se hizo según el flujo del cuestionario).",
        "Blank: not applicable (the questionnaire's routing did not ask it).",
        "Em branco: não se aplica (o fluxo do questionário não a perguntou).",
        "Vide\u00a0: sans objet (le parcours du questionnaire ne l'a pas posée).",
    ),
    "edition": tr(
        "Edición: {edition}.",
        "Edition: {edition}.",
        "Edição: {edition}.",
        "Édition\u00a0: {edition}.",
    ),
}


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{DDI_NAMESPACE}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def ddi_codebook(release: Release) -> bytes:
    """The DDI Codebook 2.5 document of ``release`` as UTF-8 XML bytes.

    Examples
    --------
    >>> Path("wave.xml").write_bytes(ddi_codebook(release))  # doctest: +SKIP
    """
    ET.register_namespace("", DDI_NAMESPACE)
    lang = release.language
    study = release.study
    root = ET.Element(
        f"{{{DDI_NAMESPACE}}}codeBook",
        {"version": "2.5", "ID": _ident(f"DDI_{study.id}_{release.edition}"), _XML_LANG: lang},
    )
    doc = _sub(root, "docDscr")
    doc_titles = _sub(_sub(doc, "citation"), "titlStmt")
    _sub(doc_titles, "titl", f"{study.title} — DDI")
    _sub(doc_titles, "IDNo", f"DDI_{study.id}_{release.edition}")

    stdy = _sub(root, "stdyDscr")
    citation = _sub(stdy, "citation")
    titles = _sub(citation, "titlStmt")
    _sub(titles, "titl", study.title)
    _sub(titles, "IDNo", study.id)
    _sub(_sub(citation, "rspStmt"), "AuthEnty", study.producer)
    _sub(_sub(citation, "prodStmt"), "producer", study.producer)
    info = _sub(stdy, "stdyInfo")
    _sub(
        info,
        "abstract",
        " ".join(
            [
                pick(_WORDS["edition"], lang).format(edition=release.edition),
                *(f"{study.instrument}." for _ in [0] if study.instrument),
                *release.notes,
            ]
        ),
    )
    summary = _sub(info, "sumDscr")
    _sub(summary, "timePrd", date=study.reference_start.isoformat(), event="start")
    _sub(summary, "timePrd", date=study.reference_end.isoformat(), event="end")
    if study.fieldwork_start:
        _sub(summary, "collDate", date=study.fieldwork_start.isoformat(), event="start")
    if study.fieldwork_end:
        _sub(summary, "collDate", date=study.fieldwork_end.isoformat(), event="end")
    if study.country:
        _sub(summary, "nation", study.country)
    _sub(summary, "anlyUnit", "individuals; households; events")
    _sub(summary, "universe", pick(_WORDS["universe"], lang))
    _sub(summary, "dataKind", "sample survey data [ssd]")
    collection = _sub(_sub(stdy, "method"), "dataColl")
    _sub(collection, "sampProc", pick(_WORDS["sampling"], lang))
    _sub(collection, "weight", pick(_WORDS["weight"], lang))

    ids: dict[FileName, str] = {}
    for number, name in enumerate((n for n in FILE_NAMES if n in release.files), start=1):
        ids[name] = f"F{number}"
        frame = release.files[name]
        text = _sub(_sub(root, "fileDscr", ID=ids[name]), "fileTxt")
        _sub(text, "fileName", f"{study.id}_{release.edition}_{name}")
        _sub(text, "fileCont", pick(FILE_LABELS[name], lang))
        dims = _sub(text, "dimensns")
        _sub(dims, "caseQnty", str(len(frame)))
        _sub(dims, "varQnty", str(frame.shape[1]))

    data = _sub(root, "dataDscr")
    for name, file_id in ids.items():
        frame = release.files[name]
        weight = _weight_of(release, name)
        for var in release.variables[name]:
            _var(data, var, frame[var.name], file_id, name, weight, lang)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _ident(text: str) -> str:
    """An XML ID (NCName): letters, digits, ``_``, ``-``, ``.``; not starting with a digit."""
    safe = "".join(c if c.isalnum() or c in "_-." else "_" for c in text)
    return safe if safe[:1].isalpha() or safe[:1] == "_" else f"_{safe}"


def _var_id(file: FileName, name: str) -> str:
    return _ident(f"V_{file}_{name}")


def _weight_of(release: Release, file: FileName) -> str | None:
    names = {v.name for v in release.variables[file]}
    for candidate in (
        ("inc_weight", "weight") if file == "incident" else ("weight", "weight_household")
    ):
        if candidate in names:
            return _var_id(file, candidate)
    return None


def _var(
    parent: ET.Element,
    var: Variable,
    column: pd.Series,
    file_id: str,
    file: FileName,
    weight: str | None,
    lang: str,
) -> None:
    attrs = {
        "ID": _var_id(file, var.name),
        "name": var.name,
        "files": file_id,
        "intrvl": "discrete" if var.value_labels or not var.numeric else "contin",
    }
    if var.role == "weight":
        attrs["wgt"] = "wgt"
    elif weight is not None:
        attrs["wgt-var"] = weight
    element = _sub(parent, "var", **attrs)
    _sub(element, "labl", var.label)
    if var.question:
        _sub(_sub(element, "qstn"), "qstnLit", var.question)
    if var.universe:
        _sub(element, "universe", var.universe, clusion="I")
    valid, invalid = _counts(var, column)
    _sub(element, "sumStat", str(valid), type="vald")
    _sub(element, "sumStat", str(invalid), type="invd")
    if var.not_applicable:
        _sub(element, "txt", pick(_WORDS["not_applicable"], lang))
    for code, label in var.value_labels.items():
        category = (
            _sub(element, "catgry", missing="Y") if code in var.missing else _sub(element, "catgry")
        )
        _sub(category, "catValu", _number(code))
        _sub(category, "labl", label)
    if var.derivation:
        _sub(_sub(element, "derivation"), "drvdesc", var.derivation)
    _sub(element, "varFormat", type="numeric" if var.numeric else "character", schema="other")


def _counts(var: Variable, column: pd.Series) -> tuple[int, int]:
    """Valid answers, and blanks or declared missing codes."""
    if not var.numeric:
        blank = int(column.isna().sum())
        return len(column) - blank, blank
    data = column.to_numpy(dtype=np.float64)
    invalid = np.isnan(data)
    if var.missing:
        invalid |= np.isin(data, np.asarray(var.missing, dtype=np.float64))
    bad = int(invalid.sum())
    return len(data) - bad, bad
