"""Why an estimate's quality is not ``high``, as data: a code and its value, worded per language.

:func:`~analysis.indicators.quality.assess_quality` gives every estimate its
reasons as :class:`Reason` records (column ``reasons``: :func:`encode_reasons`'
JSON text, so that a table read back from JSON or CSV keeps them) and their
English sentence (column ``reason``). A download says them in its own
language with :func:`reason_text`; :func:`reason_codes` gives the codes alone
for programs.

============================ ========= =============================================
code                         value     English
============================ ========= =============================================
``no_cases``                           no cases in the denominator
``no_variance``                        no variance estimate
``single_psu``                         no variance estimate: all cases in one PSU per
                                       stratum (df 0)
``no_variation``                       no variation among the cases (0% or 100%): CV
                                       undefined
``cv``                       the CV    CV 23.5%
``cv_undefined``                       CV undefined (estimate 0)
``few_cases``                minimum   fewer than 60 cases
``few_sample_cases``         minimum   10 or fewer sample cases (minimum 11)
``few_df``                   minimum   fewer than 9 degrees of freedom
``low_n_effective``          minimum   effective sample size below 140
``few_incidents``            minimum   fewer than 50 incidents
``incident_psus``            minimum   incidents in too few PSUs (df below 9)
``part_missing``                       a part of the difference has no estimate
============================ ========= =============================================

A difference of two indicators takes its parts' reasons, each with ``part``
(the part's indicator id, kept in ``reasons`` for programs), said with the
part's name in the reader's language: ``Crimes committed by young people, as
victims report: fewer than 50 incidents``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Literal, get_args

from analysis.i18n import format_number, format_percent, lookup, lookup_count, pick, tr
from analysis.indicators.catalogue import catalogue

__all__ = [
    "REASON_CODES",
    "REASON_TEXTS",
    "Reason",
    "ReasonCode",
    "decode_reasons",
    "encode_reasons",
    "reason_codes",
    "reason_text",
]

ReasonCode = Literal[
    "no_cases",
    "no_variance",
    "single_psu",
    "no_variation",
    "cv",
    "cv_undefined",
    "few_cases",
    "few_sample_cases",
    "few_df",
    "low_n_effective",
    "few_incidents",
    "incident_psus",
    "part_missing",
]
#: Every code, in the order of the table above.
REASON_CODES: tuple[ReasonCode, ...] = get_args(ReasonCode)


@dataclass(frozen=True)
class Reason:
    """One reason: ``code``, its ``value`` (the CV as a fraction, or a requirement's
    minimum; None for the others) and, for a difference, the ``part`` it comes from."""

    code: ReasonCode
    value: float | None = None
    part: str | None = None

    def __post_init__(self) -> None:
        if self.code not in REASON_CODES:
            raise ValueError(f"unknown reason code {self.code!r}; use one of {REASON_CODES}")

    def of_part(self, part: str) -> Reason:
        """This reason as the reason of a difference's ``part``."""
        return Reason(self.code, self.value, part)


#: The sentence of each code; ``{n}`` is the value as a whole number, ``{cv}`` the CV as a
#: percentage (French: a no-break space before ``:``, ``;`` and ``%``).
REASON_TEXTS: dict[str, dict[str, str]] = {
    "no_cases": tr(
        "ningún caso en el denominador",
        "no cases in the denominator",
        "nenhum caso no denominador",
        "aucun cas au dénominateur",
    ),
    "no_variance": tr(
        "sin estimación de la varianza",
        "no variance estimate",
        "sem estimativa da variância",
        "pas d'estimation de la variance",
    ),
    "single_psu": tr(
        "sin estimación de la varianza: todos los casos en una sola UPM por estrato (gl 0)",
        "no variance estimate: all cases in one PSU per stratum (df 0)",
        "sem estimativa da variância: todos os casos em uma só UPA por estrato (gl 0)",
        "pas d'estimation de la variance\u00a0: tous les cas dans une seule UPE par strate (dl 0)",
    ),
    "no_variation": tr(
        "sin variación entre los casos (0% o 100%): CV no definido",
        "no variation among the cases (0% or 100%): CV undefined",
        "sem variação entre os casos (0% ou 100%): CV indefinido",
        "aucune variation entre les cas (0\u00a0% ou 100\u00a0%)\u00a0: CV non défini",
    ),
    "cv": tr("CV {cv}", "CV {cv}", "CV {cv}", "CV {cv}"),
    "cv_undefined": tr(
        "CV no definido (estimación 0)",
        "CV undefined (estimate 0)",
        "CV indefinido (estimativa 0)",
        "CV non défini (estimation 0)",
    ),
    # the rules' minimums are settings: a count of one (French and Portuguese: and zero) takes
    # the <code>_one form (analysis.i18n.lookup_count)
    "few_cases": tr(
        "menos de {n} casos",
        "fewer than {n} cases",
        "menos de {n} casos",
        "moins de {n} cas",
    ),
    "few_cases_one": tr(
        "menos de {n} caso",
        "fewer than {n} case",
        "menos de {n} caso",
        "moins de {n} cas",
    ),
    "few_sample_cases": tr(
        "{n} casos muestrales o menos",
        "{n} or fewer sample cases",
        "{n} casos amostrais ou menos",
        "{n} cas d'échantillon ou moins",
    ),
    "few_sample_cases_one": tr(
        "{n} caso muestral o menos",
        "{n} sample case or fewer",
        "{n} caso amostral ou menos",
        "{n} cas d'échantillon ou moins",
    ),
    "few_df": tr(
        "menos de {n} grados de libertad",
        "fewer than {n} degrees of freedom",
        "menos de {n} graus de liberdade",
        "moins de {n} degrés de liberté",
    ),
    "few_df_one": tr(
        "menos de {n} grado de libertad",
        "fewer than {n} degree of freedom",
        "menos de {n} grau de liberdade",
        "moins de {n} degré de liberté",
    ),
    "low_n_effective": tr(
        "tamaño de muestra efectivo menor que {n}",
        "effective sample size below {n}",
        "tamanho de amostra efetivo menor que {n}",
        "taille d'échantillon effective inférieure à {n}",
    ),
    "few_incidents": tr(
        "menos de {n} incidentes",
        "fewer than {n} incidents",
        "menos de {n} incidentes",
        "moins de {n} incidents",
    ),
    "few_incidents_one": tr(
        "menos de {n} incidente",
        "fewer than {n} incident",
        "menos de {n} incidente",
        "moins de {n} incident",
    ),
    "incident_psus": tr(
        "incidentes en muy pocas UPM (gl menor que {n})",
        "incidents in too few PSUs (df below {n})",
        "incidentes em pouquíssimas UPAs (gl menor que {n})",
        "incidents dans trop peu d'UPE (dl inférieur à {n})",
    ),
    "part_missing": tr(
        "una parte de la diferencia no tiene estimación",
        "a part of the difference has no estimate",
        "uma parte da diferença não tem estimativa",
        "une partie de la différence n'a pas d'estimation",
    ),
    # how reasons are joined, and a difference's part put before its reason
    "and": tr("; ", "; ", "; ", "\u00a0; "),
    "of_part": tr(
        "{part}: {reason}", "{part}: {reason}", "{part}: {reason}", "{part}\u00a0: {reason}"
    ),
}


def _sentence(reason: Reason, language: str) -> str:
    """``reason`` in ``language``, without its part."""
    value = reason.value
    if reason.code == "cv":
        said = lookup(REASON_TEXTS, "cv", language, cv=format_percent(100 * (value or 0), language))
    elif value is not None:
        # the rule's threshold: n <= 10 is "10 or fewer", every other one "fewer than" it
        n = value - 1 if reason.code == "few_sample_cases" else value
        if float(n).is_integer():
            said = lookup_count(REASON_TEXTS, reason.code, language, int(n), n=str(int(n)))
        else:
            said = lookup(REASON_TEXTS, reason.code, language, n=format_number(n, language, 1))
    else:
        said = lookup(REASON_TEXTS, reason.code, language)
    return said


def _part_name(part: str, language: str) -> str:
    """A difference's part as readers know it: its indicator's name in ``language``; the id
    of an indicator the catalogue does not hold (an adapted questionnaire's own)."""
    for indicator in catalogue():
        if indicator.id == part:
            return pick(indicator.name, language, part)
    return part


def reason_text(reasons: Sequence[Reason] | str | float | None, language: str = "en") -> str:
    """The reasons as one sentence in ``language`` ("" when there is none).

    ``reasons`` is a sequence of :class:`Reason` or :func:`encode_reasons`' text (a
    table's cell: NaN or None when it has none).

    Examples
    --------
    >>> reason_text([Reason("cv", 0.235), Reason("few_cases", 60)], "es")
    'CV 23,5%; menos de 60 casos'
    >>> reason_text([Reason("few_incidents", 50, "youth_share_incidents")], "es")
    'Delitos cometidos por jóvenes, según las víctimas: menos de 50 incidentes'
    """
    joined = lookup(REASON_TEXTS, "and", language)
    said = []
    # a part's reasons follow its name once: "Crimes committed by ...: CV 40.0%; fewer than ..."
    for part, group in groupby(_as_reasons(reasons), key=lambda r: r.part):
        sentences = joined.join(_sentence(r, language) for r in group)
        if part is None:
            said.append(sentences)
        else:
            name = _part_name(part, language)
            said.append(lookup(REASON_TEXTS, "of_part", language, part=name, reason=sentences))
    return joined.join(said)


def reason_codes(reasons: Sequence[Reason] | str | float | None) -> str:
    """The codes of ``reasons``, each once, space-separated, in order ("" when none)."""
    return " ".join(dict.fromkeys(r.code for r in _as_reasons(reasons)))


def _as_reasons(reasons: object) -> Sequence[Reason]:
    if isinstance(reasons, Sequence) and not isinstance(reasons, str):
        return reasons
    return decode_reasons(reasons)


def encode_reasons(reasons: Sequence[Reason]) -> str:
    """``reasons`` as compact JSON text: ``[{"code": "cv", "value": 0.235}, ...]``."""
    return json.dumps(
        [
            {"code": r.code}
            | ({} if r.value is None else {"value": r.value})
            | ({} if r.part is None else {"part": r.part})
            for r in reasons
        ],
        separators=(",", ":"),
    )


def decode_reasons(text: object) -> list[Reason]:
    """The reasons of :func:`encode_reasons`' ``text``; none for an empty or missing value
    (None, "", or NaN: a table without reasons in some rows)."""
    if not isinstance(text, str) or not text:
        return []
    return [Reason(item["code"], item.get("value"), item.get("part")) for item in json.loads(text)]
