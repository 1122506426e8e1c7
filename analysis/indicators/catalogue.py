"""The catalogue of standard indicators, as data (questionnaires/docs/naming.md).

Every indicator names its numerator and denominator with the codes of the
standard questionnaire ``vict_std`` using the nodes of
:mod:`analysis.indicators.conditions`; :func:`analysis.indicators.compute_indicators`
has no indicator-specific branches. Levels and weights:

* ``person``: person weight, rows of the respondent table;
* ``household``: household weight (without the adults factor), one row per
  household (its respondent);
* ``incident``: rows of the incident table, incident weight
  ``w_person * count_s / n_inc_s``;
* ``victim``: rows of the incident table, person weight (SDG 16.3.1 uses
  the most recent incident of each victim, one per person and type; with
  ``once_per_victim`` each victim counts once, in the numerator when any of
  their described incidents holds).

Estimators: ``proportion`` (a 0/1 numerator), ``ratio`` (a ratio of totals),
``mean`` (the weighted mean of a :class:`~analysis.indicators.conditions.ValueOf`
amount or a :class:`~analysis.indicators.conditions.Score`, with its SE) and
``difference`` (``parts[0] - parts[1]``, two indicators of the same
respondents, linearized jointly: see :mod:`analysis.indicators.compute`).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pandas as pd

from analysis.i18n import LANGUAGES, tr
from analysis.indicators.conditions import (
    AllOf,
    Always,
    AnyOf,
    Condition,
    CountOf,
    Is,
    Not,
)
from analysis.indicators.definition import (
    UNIT_SCALE,
    Indicator,
    Level,
    Text,
    Unit,
    fmt,
    item_label,
    share,
)
from analysis.indicators.topics import topic_indicators
from analysis.microdata import (
    CRIME_STEMS,
    HOUSEHOLD_STEMS,
    PERSONAL_STEMS,
    screener_prefix,
    standard_instrument,
)

__all__ = ["Indicator", "UNIT_SCALE", "catalogue", "catalogue_table", "get_indicator"]


def _yes(prefix: str) -> Is:
    return Is(f"{prefix}_12m", (1,))


def _victim_of(stems: tuple[str, ...]) -> Condition:
    return AnyOf(tuple(_yes(screener_prefix(s)) for s in stems))


def _unknown_for(stems: tuple[str, ...]) -> Condition:
    """No "yes" in any stem and at least one -8/-9 in a ``_5y`` or ``_12m`` item."""
    special = (-8, -9)
    items = tuple(
        Is(f"{screener_prefix(s)}_{when}", special) for s in stems for when in ("5y", "12m")
    )
    return AllOf((Not(_victim_of(stems)), AnyOf(items)))


def _crime_label(code: int) -> Text:
    for choice in standard_instrument().choices("crime_type"):
        if choice.code == code:
            return choice.label
    raise KeyError(code)


_OWNS = {"car": "hh_own_car", "vpart": "hh_own_car", "vand": "hh_own_car"}
_OWNS.update({"moto": "hh_own_moto", "bike": "hh_own_bike"})
_CODE_OF = {stem: code for code, stem in CRIME_STEMS.items()}
_ALL_STEMS = HOUSEHOLD_STEMS + PERSONAL_STEMS
#: A name followed by what it is about ("Dark figure: Burglary"), French with its no-break space.
_HEADED = tr("{a}: {b}", "{a}: {b}", "{a}: {b}", "{a}\u00a0: {b}")
_REASONS = {
    11: "waste_of_time",
    12: "distrust",
    13: "hostile",
    14: "extortion",
    15: "procedures",
    21: "minor",
    22: "no_evidence",
    23: "fear_offender",
    29: "other",
}


def _victimization() -> list[Indicator]:
    out: list[Indicator] = []
    person = _victim_of(PERSONAL_STEMS)
    household = _victim_of(HOUSEHOLD_STEMS)
    pv_def = tr(
        "Personas de 18 años y más víctimas de al menos un delito personal en los últimos 12 meses, entre las personas de 18 años y más (excluye estado desconocido).",
        "Persons 18+ victimized by at least one personal crime in the last 12 months, over persons 18+ (unknown status excluded).",
        "Pessoas de 18 anos ou mais vítimas de pelo menos um crime pessoal nos últimos 12 meses, entre as pessoas de 18 anos ou mais (exclui situação desconhecida).",
        "Personnes de 18 ans et plus victimes d'au moins une infraction personnelle au cours des 12 derniers mois, parmi les personnes de 18 ans et plus (statut inconnu exclu).",
    )
    person_units: tuple[tuple[str, Unit, Text], ...] = (
        (
            "prev_person",
            "percent",
            tr(
                "Prevalencia delictiva en personas",
                "Person prevalence",
                "Prevalência de vitimização pessoal",
                "Prévalence de victimation personnelle",
            ),
        ),
        (
            "prev_person_rate",
            "per_100000",
            tr(
                "Tasa de prevalencia delictiva por cada 100.000 habitantes de 18 años y más",
                "Victims per 100,000 persons 18+",
                "Vítimas por 100.000 pessoas de 18 anos ou mais",
                "Victimes pour 100\u202f000 personnes de 18 ans et plus",
            ),
        ),
    )
    for ident, unit, name in person_units:
        out.append(
            Indicator(
                id=ident,
                group="victimization",
                name=name,
                definition=pv_def,
                level="person",
                unit=unit,
                estimator="proportion",
                numerator=person,
                denominator=Always(),
                unknown=_unknown_for(PERSONAL_STEMS),
            )
        )
    out.append(
        Indicator(
            id="prev_household",
            group="victimization",
            name=tr(
                "Prevalencia delictiva en hogares",
                "Household prevalence",
                "Prevalência de vitimização domiciliar",
                "Prévalence de victimation des ménages",
            ),
            definition=tr(
                "Hogares con al menos un delito contra el hogar en los últimos 12 meses, entre los hogares (excluye estado desconocido).",
                "Households with at least one household crime in the last 12 months, over households (unknown status excluded).",
                "Domicílios com pelo menos um crime contra o domicílio nos últimos 12 meses, entre os domicílios (exclui situação desconhecida).",
                "Ménages ayant subi au moins une infraction contre le ménage au cours des 12 derniers mois, parmi les ménages (statut inconnu exclu).",
            ),
            level="household",
            unit="percent",
            estimator="proportion",
            numerator=household,
            denominator=Always(),
            unknown=_unknown_for(HOUSEHOLD_STEMS),
        )
    )
    out.append(
        replace(  # the same estimate per 100,000 households
            out[-1],
            id="prev_household_rate",
            name=tr(
                "Hogares víctimas por cada 100.000 hogares",
                "Victimized households per 100,000 households",
                "Domicílios vitimados por 100.000 domicílios",
                "Ménages victimes pour 100\u202f000 ménages",
            ),
            unit="per_100000",
        )
    )
    out.append(
        Indicator(
            id="prev_any",
            group="victimization",
            name=tr(
                "Prevalencia de cualquier delito (ICVS)",
                "Overall prevalence, any crime (ICVS)",
                "Prevalência de qualquer crime (ICVS)",
                "Prévalence toutes infractions (ICVS)",
            ),
            definition=tr(
                "Personas cuyo hogar o ellas mismas sufrieron algún delito en los últimos 12 meses, entre las personas (excluye estado desconocido).",
                "Respondents who, or whose household, suffered any crime in the last 12 months, over respondents (unknown status excluded).",
                "Pessoas que, ou cujo domicílio, sofreram algum crime nos últimos 12 meses, entre os entrevistados (exclui situação desconhecida).",
                "Personnes ayant subi, elles ou leur ménage, une infraction au cours des 12 derniers mois, parmi les répondants (statut inconnu exclu).",
            ),
            level="person",
            unit="percent",
            estimator="proportion",
            numerator=_victim_of(_ALL_STEMS),
            denominator=Always(),
            unknown=_unknown_for(_ALL_STEMS),
        )
    )
    by_type = tr(
        "Prevalencia: {crime}",
        "Prevalence: {crime}",
        "Prevalência: {crime}",
        "Prévalence\u00a0: {crime}",
    )
    by_type_def = tr(
        "Víctimas de «{crime}» en los últimos 12 meses ({unit_es}), excluye estado desconocido.",
        "Victims of '{crime}' in the last 12 months ({unit_en}), unknown status excluded.",
        "Vítimas de «{crime}» nos últimos 12 meses ({unit_pt}), exclui situação desconhecida.",
        "Victimes de «\u00a0{crime}\u00a0» au cours des 12 derniers mois ({unit_fr}), statut inconnu exclu.",
    )
    for stem in _ALL_STEMS:
        code = _CODE_OF[stem]
        label = _crime_label(code)
        is_household = stem in HOUSEHOLD_STEMS
        unit_words = (
            tr("entre los hogares", "over households", "entre os domicílios", "parmi les ménages")
            if is_household
            else tr("entre las personas", "over persons", "entre as pessoas", "parmi les personnes")
        )
        definition = {
            lang: by_type_def[lang].format(crime=label[lang], **{f"unit_{lang}": unit_words[lang]})
            for lang in LANGUAGES
        }
        level: Level = "household" if is_household else "person"
        out.append(
            Indicator(
                id=f"prev_{stem}",
                group="victimization_type",
                name=fmt(by_type, crime=label),
                definition=definition,
                level=level,
                unit="percent",
                estimator="proportion",
                numerator=_victim_of((stem,)),
                denominator=Always(),
                unknown=_unknown_for((stem,)),
                crime_type=code,
            )
        )
        if stem in _OWNS:
            owners = tr(
                " (hogares con el vehículo)",
                " (households owning the vehicle)",
                " (domicílios com o veículo)",
                " (ménages possédant le véhicule)",
            )
            out.append(
                Indicator(
                    id=f"prev_{stem}_owners",
                    group="victimization_type",
                    name={
                        lang: fmt(by_type, crime=label)[lang] + owners[lang] for lang in LANGUAGES
                    },
                    definition=definition,
                    level="household",
                    unit="percent",
                    estimator="proportion",
                    numerator=_victim_of((stem,)),
                    denominator=Is(_OWNS[stem], (1,)),
                    unknown=_unknown_for((stem,)),
                    crime_type=code,
                )
            )
    return out


def _incidence() -> list[Indicator]:
    all_prefixes = tuple(screener_prefix(s) for s in _ALL_STEMS)
    out = [
        Indicator(
            id="incidence",
            group="victimization",
            name=tr(
                "Tasa de incidencia delictiva por cada 100.000 habitantes de 18 años y más",
                "Incidence: crimes per 100,000 persons 18+",
                "Incidência: crimes por 100.000 pessoas de 18 anos ou mais",
                "Incidence\u00a0: infractions pour 100\u202f000 personnes de 18 ans et plus",
            ),
            definition=tr(
                "Delitos (personales y del hogar) de los últimos 12 meses por cada 100.000 personas de 18 años y más (ENVIPE).",
                "Crimes (personal and household) in the last 12 months per 100,000 persons 18+ (ENVIPE).",
                "Crimes (pessoais e domiciliares) nos últimos 12 meses por 100.000 pessoas de 18 anos ou mais (ENVIPE).",
                "Infractions (personnelles et contre le ménage) des 12 derniers mois pour 100\u202f000 personnes de 18 ans et plus (ENVIPE).",
            ),
            level="person",
            unit="per_100000",
            estimator="ratio",
            numerator=CountOf(all_prefixes),
            denominator=Always(),
        ),
        Indicator(
            id="incidence_personal_1000",
            group="victimization",
            name=tr(
                "Delitos personales por cada 1.000 personas (NCVS)",
                "Personal crimes per 1,000 persons (NCVS)",
                "Crimes pessoais por 1.000 pessoas (NCVS)",
                "Infractions personnelles pour 1\u202f000 personnes (NCVS)",
            ),
            definition=tr(
                "Delitos personales por cada 1.000 personas de 18 años y más.",
                "Personal crimes per 1,000 persons 18+.",
                "Crimes pessoais por 1.000 pessoas de 18 anos ou mais.",
                "Infractions personnelles pour 1\u202f000 personnes de 18 ans et plus.",
            ),
            level="person",
            unit="per_1000",
            estimator="ratio",
            numerator=CountOf(tuple(screener_prefix(s) for s in PERSONAL_STEMS)),
            denominator=Always(),
        ),
        Indicator(
            id="incidence_household_1000",
            group="victimization",
            name=tr(
                "Delitos contra el hogar por cada 1.000 hogares (NCVS)",
                "Household crimes per 1,000 households (NCVS)",
                "Crimes contra o domicílio por 1.000 domicílios (NCVS)",
                "Infractions contre le ménage pour 1\u202f000 ménages (NCVS)",
            ),
            definition=tr(
                "Delitos contra el hogar por cada 1.000 hogares.",
                "Household crimes per 1,000 households.",
                "Crimes contra o domicílio por 1.000 domicílios.",
                "Infractions contre le ménage pour 1\u202f000 ménages.",
            ),
            level="household",
            unit="per_1000",
            estimator="ratio",
            numerator=CountOf(tuple(screener_prefix(s) for s in HOUSEHOLD_STEMS)),
            denominator=Always(),
        ),
        Indicator(
            id="concentration",
            group="victimization",
            name=tr(
                "Concentración: delitos por víctima",
                "Concentration: crimes per victim",
                "Concentração: crimes por vítima",
                "Concentration\u00a0: infractions par victime",
            ),
            definition=tr(
                "Delitos de los últimos 12 meses entre las personas víctimas de al menos uno.",
                "Crimes in the last 12 months over respondents victimized at least once.",
                "Crimes nos últimos 12 meses entre as pessoas vítimas de pelo menos um.",
                "Infractions des 12 derniers mois rapportées aux répondants victimes d'au moins une.",
            ),
            level="person",
            unit="ratio",
            estimator="ratio",
            numerator=CountOf(all_prefixes),
            denominator=_victim_of(_ALL_STEMS),
        ),
    ]
    template = tr(
        "Incidencia por cada 100.000: {crime}",
        "Incidence per 100,000: {crime}",
        "Incidência por 100.000: {crime}",
        "Incidence pour 100\u202f000\u00a0: {crime}",
    )
    for stem in _ALL_STEMS:
        code = _CODE_OF[stem]
        label = _crime_label(code)
        out.append(
            Indicator(
                id=f"incidence_{stem}",
                group="victimization_type",
                name=fmt(template, crime=label),
                definition=fmt(
                    tr(
                        "Delitos «{crime}» por cada 100.000 personas de 18 años y más.",
                        "Crimes '{crime}' per 100,000 persons 18+.",
                        "Crimes «{crime}» por 100.000 pessoas de 18 anos ou mais.",
                        "Infractions «\u00a0{crime}\u00a0» pour 100\u202f000 personnes de 18 ans et plus.",
                    ),
                    crime=label,
                ),
                level="person",
                unit="per_100000",
                estimator="ratio",
                numerator=CountOf((screener_prefix(stem),)),
                denominator=Always(),
                crime_type=code,
            )
        )
    return out


_REPORTED = Is("inc_reported", (1,))
_REPORT_KNOWN = Is("inc_reported", (1, 2))
_DARK = AnyOf((Is("inc_reported", (2, -8, -9)), AllOf((_REPORTED, Not(Is("inc_file", (1,)))))))


def _reporting() -> list[Indicator]:
    every = Is("inc_crime", tuple(CRIME_STEMS))
    rate_name = tr(
        "Tasa de denuncia", "Reporting rate", "Taxa de notificação", "Taux de signalement"
    )
    rate_def = tr(
        "Delitos denunciados ante el Ministerio Público, la policía u otra autoridad, entre los delitos con respuesta sobre la denuncia (peso de incidente).",
        "Incidents reported to the police, a prosecutor or another authority, over incidents with a known answer (incident weight).",
        "Ocorrências notificadas à polícia, ao Ministério Público ou a outra autoridade, entre as ocorrências com resposta conhecida (peso de ocorrência).",
        "Incidents signalés à la police, au parquet ou à une autre autorité, parmi les incidents dont la réponse est connue (poids d'incident).",
    )
    dark_name = tr("Cifra negra", "Dark figure", "Cifra oculta", "Chiffre noir")
    dark_def = tr(
        "Delitos no denunciados, denunciados sin carpeta de investigación o sin respuesta, entre todos los delitos (definición ENVIPE).",
        "Incidents not reported, reported without an investigation file, or with unknown answers, over all incidents (ENVIPE definition).",
        "Ocorrências não notificadas, notificadas sem inquérito ou com resposta desconhecida, entre todas as ocorrências (definição ENVIPE).",
        "Incidents non signalés, signalés sans ouverture d'enquête ou de réponse inconnue, parmi tous les incidents (définition ENVIPE).",
    )
    out = [
        Indicator(
            id="reporting_rate",
            group="reporting",
            name=rate_name,
            definition=rate_def,
            level="incident",
            unit="percent",
            estimator="ratio",
            numerator=_REPORTED,
            denominator=AllOf((every, _REPORT_KNOWN)),
        ),
        Indicator(
            id="dark_figure",
            group="reporting",
            name=dark_name,
            definition=dark_def,
            level="incident",
            unit="percent",
            estimator="ratio",
            numerator=_DARK,
            denominator=every,
        ),
    ]
    for stem in _ALL_STEMS:
        code = _CODE_OF[stem]
        label = _crime_label(code)
        of_type = Is("inc_crime", (code,))
        out.append(
            Indicator(
                id=f"reporting_rate_{stem}",
                group="reporting_type",
                name=fmt(_HEADED, a=rate_name, b=label),
                definition=rate_def,
                level="incident",
                unit="percent",
                estimator="ratio",
                numerator=_REPORTED,
                denominator=AllOf((of_type, _REPORT_KNOWN)),
                crime_type=code,
            )
        )
        out.append(
            Indicator(
                id=f"dark_figure_{stem}",
                group="reporting_type",
                name=fmt(_HEADED, a=dark_name, b=label),
                definition=dark_def,
                level="incident",
                unit="percent",
                estimator="ratio",
                numerator=_DARK,
                denominator=of_type,
                crime_type=code,
            )
        )
    not_reported = AllOf((every, Is("inc_reported", (2,))))
    authority = AnyOf(tuple(Is(f"inc_noreport__{c}", (1,)) for c in _REASONS if c < 20))
    out.append(
        Indicator(
            id="noreport_authority",
            group="reporting",
            name=tr(
                "No denuncia por causas atribuibles a la autoridad",
                "Not reported for reasons attributable to the authority",
                "Não notificação por causas atribuíveis à autoridade",
                "Non-signalement pour des raisons imputables à l'autorité",
            ),
            definition=tr(
                "Delitos no denunciados con alguna causa atribuible a la autoridad (pérdida de tiempo, desconfianza, actitud hostil, miedo a extorsión, trámites), entre los no denunciados.",
                "Unreported incidents with a reason attributable to the authority (waste of time, distrust, hostile attitude, fear of extortion, procedures), over unreported incidents.",
                "Ocorrências não notificadas com algum motivo atribuível à autoridade (perda de tempo, desconfiança, atitude hostil, medo de extorsão, trâmites), entre as não notificadas.",
                "Incidents non signalés avec une raison imputable à l'autorité (perte de temps, méfiance, attitude hostile, peur d'extorsion, démarches), parmi les incidents non signalés.",
            ),
            level="incident",
            unit="percent",
            estimator="ratio",
            numerator=authority,
            denominator=not_reported,
        )
    )
    reason_label = {c.code: c.label for c in standard_instrument().choices("noreport_reason")}
    for code, slug in _REASONS.items():
        out.append(
            Indicator(
                id=f"noreport_{slug}",
                group="reporting",
                name=fmt(
                    _HEADED,
                    a=tr("No denuncia", "Not reported", "Não notificação", "Non-signalement"),
                    b=reason_label[code],
                ),
                definition=fmt(
                    tr(
                        "Delitos no denunciados por «{r}», entre los no denunciados.",
                        "Unreported incidents with reason '{r}', over unreported incidents.",
                        "Ocorrências não notificadas pelo motivo «{r}», entre as não notificadas.",
                        "Incidents non signalés pour «\u00a0{r}\u00a0», parmi les incidents non signalés.",
                    ),
                    r=reason_label[code],
                ),
                level="incident",
                unit="percent",
                estimator="ratio",
                numerator=Is(f"inc_noreport__{code}", (1,)),
                denominator=not_reported,
            )
        )
    return out


def _sdg() -> list[Indicator]:
    out: list[Indicator] = []
    forms = {
        "physical": ("assault", tr("física", "physical", "física", "physique")),
        "psychological": (
            "threat",
            tr("psicológica", "psychological", "psicológica", "psychologique"),
        ),
        "sexual": ("sex", tr("sexual", "sexual", "sexual", "sexuelle")),
    }
    for form, (stem, word) in forms.items():
        out.append(
            Indicator(
                id=f"sdg_16_1_3_{form}",
                group="sdg",
                name=fmt(
                    tr(
                        "ODS 16.1.3: violencia {w}",
                        "SDG 16.1.3: {w} violence",
                        "ODS 16.1.3: violência {w}",
                        "ODD 16.1.3\u00a0: violence {w}",
                    ),
                    w=word,
                ),
                definition=fmt(
                    tr(
                        "Personas víctimas de violencia {w} en los últimos 12 meses, entre la población adulta.",
                        "Persons subjected to {w} violence in the last 12 months, over the adult population.",
                        "Pessoas vítimas de violência {w} nos últimos 12 meses, entre a população adulta.",
                        "Personnes victimes de violence {w} au cours des 12 derniers mois, parmi la population adulte.",
                    ),
                    w=word,
                ),
                level="person",
                unit="percent",
                estimator="proportion",
                numerator=_victim_of((stem,)),
                denominator=Always(),
                unknown=_unknown_for((stem,)),
                crime_type=_CODE_OF[stem],
            )
        )
    violent = ("assault", "threat", "sex")
    out.append(
        Indicator(
            id="sdg_16_1_3_any",
            group="sdg",
            name=tr(
                "ODS 16.1.3: violencia física, psicológica o sexual",
                "SDG 16.1.3: physical, psychological or sexual violence",
                "ODS 16.1.3: violência física, psicológica ou sexual",
                "ODD 16.1.3\u00a0: violence physique, psychologique ou sexuelle",
            ),
            definition=tr(
                "Personas víctimas de alguna de las tres formas de violencia en los últimos 12 meses.",
                "Persons subjected to any of the three forms of violence in the last 12 months.",
                "Pessoas vítimas de alguma das três formas de violência nos últimos 12 meses.",
                "Personnes victimes de l'une des trois formes de violence au cours des 12 derniers mois.",
            ),
            level="person",
            unit="percent",
            estimator="proportion",
            numerator=_victim_of(violent),
            denominator=Always(),
            unknown=_unknown_for(violent),
        )
    )
    safe_name = tr(
        "ODS 16.1.4: se siente seguro caminando solo de noche",
        "SDG 16.1.4: feels safe walking alone after dark",
        "ODS 16.1.4: sente-se seguro andando sozinho à noite",
        "ODD 16.1.4\u00a0: se sent en sécurité en marchant seul la nuit",
    )
    out.append(
        Indicator(
            id="sdg_16_1_4",
            group="sdg",
            name=safe_name,
            definition=tr(
                "Personas que se sienten muy o algo seguras caminando solas en su zona de noche, entre las que respondieron (quien nunca camina sola de noche cuenta como no segura).",
                "Persons feeling very or fairly safe walking alone in their area after dark, over those who answered; 'never walks alone after dark' counts as not safe.",
                "Pessoas que se sentem muito ou razoavelmente seguras andando sozinhas à noite, entre as que responderam; 'nunca anda sozinha à noite' conta como não segura.",
                "Personnes se sentant très ou plutôt en sécurité en marchant seules la nuit, parmi les répondants\u00a0; «\u00a0ne sort jamais seul la nuit\u00a0» compte comme pas en sécurité.",
            ),
            level="person",
            unit="percent",
            estimator="proportion",
            numerator=Is("per_dark", (1, 2)),
            denominator=Is("per_dark", (1, 2, 3, 4, 5)),
            notes="default treatment of code 5: in the denominator (naming.md)",
        )
    )
    out.append(
        Indicator(
            id="sdg_16_1_4_walkers",
            group="sdg",
            name={
                lang: safe_name[lang] + s
                for lang, s in tr(
                    " (excluye a quien nunca camina sola)",
                    " (excluding those who never walk alone)",
                    " (exclui quem nunca anda sozinho)",
                    " (hors personnes ne sortant jamais seules)",
                ).items()
            },
            definition=tr(
                "Como ODS 16.1.4, sin quienes nunca caminan solos de noche en el denominador.",
                "As SDG 16.1.4, without those who never walk alone after dark in the denominator.",
                "Como ODS 16.1.4, sem quem nunca anda sozinho à noite no denominador.",
                "Comme ODD 16.1.4, sans les personnes ne sortant jamais seules le soir au dénominateur.",
            ),
            level="person",
            unit="percent",
            estimator="proportion",
            numerator=Is("per_dark", (1, 2)),
            denominator=Is("per_dark", (1, 2, 3, 4)),
            notes="alternative treatment: code 5 left out of the denominator",
        )
    )
    for form, (stem, word) in forms.items():
        code = _CODE_OF[stem]
        recent = AllOf((Is("inc_crime", (code,)), Is("inc_rank", (1,))))
        out.append(
            Indicator(
                id=f"sdg_16_3_1_{form}",
                group="sdg",
                name=fmt(
                    tr(
                        "ODS 16.3.1: denuncia de violencia {w}",
                        "SDG 16.3.1: reporting of {w} violence",
                        "ODS 16.3.1: notificação de violência {w}",
                        "ODD 16.3.1\u00a0: signalement de violence {w}",
                    ),
                    w=word,
                ),
                definition=fmt(
                    tr(
                        "Víctimas de violencia {w} cuyo incidente más reciente fue denunciado ante una autoridad competente, entre las víctimas con respuesta.",
                        "Victims of {w} violence whose most recent incident was reported to competent authorities, over victims with a known answer.",
                        "Vítimas de violência {w} cujo incidente mais recente foi notificado a uma autoridade competente, entre as vítimas com resposta.",
                        "Victimes de violence {w} dont l'incident le plus récent a été signalé à une autorité compétente, parmi les victimes ayant répondu.",
                    ),
                    w=word,
                ),
                level="victim",
                unit="percent",
                estimator="proportion",
                numerator=_REPORTED,
                denominator=AllOf((recent, _REPORT_KNOWN)),
                crime_type=code,
            )
        )
    contact = Is("brib_any_contact", (1,))
    bribe = AnyOf((Is("brib_paid", (1,)), Is("brib_asked", (1,))))
    out.append(
        Indicator(
            id="sdg_16_5_1",
            group="sdg",
            name=tr(
                "ODS 16.5.1: soborno",
                "SDG 16.5.1: bribery",
                "ODS 16.5.1: suborno",
                "ODD 16.5.1\u00a0: corruption",
            ),
            definition=tr(
                "Personas que pagaron un soborno o a quienes se lo pidió un funcionario público, entre las que tuvieron contacto con alguno en los últimos 12 meses.",
                "Persons who paid a bribe to, or were asked for one by, a public official, over persons with at least one contact with a public official in the last 12 months.",
                "Pessoas que pagaram propina ou a quem um servidor público a pediu, entre as que tiveram contato com algum nos últimos 12 meses.",
                "Personnes ayant versé un pot-de-vin à un agent public ou à qui il en a été demandé un, parmi celles ayant eu au moins un contact avec un agent public.",
            ),
            level="person",
            unit="percent",
            estimator="proportion",
            numerator=bribe,
            denominator=contact,
            unknown=AllOf(
                (Not(bribe), AnyOf((Is("brib_paid", (-8, -9)), Is("brib_asked", (-8, -9)))))
            ),
        )
    )
    return out


def _perception() -> list[Indicator]:
    out: list[Indicator] = []
    levels = {
        "nbhd": tr("su colonia o barrio", "their neighbourhood", "seu bairro", "leur quartier"),
        "muni": tr("su municipio", "their municipality", "seu município", "leur commune"),
        "state": tr("su estado", "their state", "seu estado", "leur État ou région"),
    }
    for key, where in levels.items():
        out.append(
            share(
                f"insecure_{key}",
                "perception",
                f"per_safe_{key}",
                (3, 4),
                (1, 2, 3, 4),
                fmt(
                    tr(
                        "Percepción de inseguridad en {w}",
                        "Feels unsafe in {w}",
                        "Percepção de insegurança em {w}",
                        "Sentiment d'insécurité dans {w}",
                    ),
                    w=where,
                ),
                fmt(
                    tr(
                        "Personas que se sienten algo o muy inseguras en {w}, entre las que respondieron.",
                        "Persons feeling a bit or very unsafe in {w}, over those who answered.",
                        "Pessoas que se sentem um pouco ou muito inseguras em {w}, entre as que responderam.",
                        "Personnes se sentant un peu ou très en insécurité dans {w}, parmi les répondants.",
                    ),
                    w=where,
                ),
            )
        )
    for place in ("home", "transport", "street", "school", "market"):
        code = f"per_place_{place}"
        label = item_label(code)
        name_label = label
        if place == "home":  # the French label speaks to the respondent ("chez vous")
            name_label = {**label, "fr": "chez soi la nuit"}
            label = {**label, "fr": "chez elles la nuit"}
        out.append(
            share(
                f"unsafe_{place}",
                "perception",
                code,
                (3, 4),
                (1, 2, 3, 4),
                fmt(
                    tr(
                        "Se siente inseguro {p}",
                        "Feels unsafe {p}",
                        "Sente-se inseguro {p}",
                        "Ne se sent pas en sécurité {p}",
                    ),
                    p=name_label,
                ),
                fmt(
                    tr(
                        "Personas que se sienten algo o muy inseguras {p}, entre las que van o lo usan.",
                        "Persons feeling a bit or very unsafe {p}, over those who go there or use it.",
                        "Pessoas que se sentem inseguras {p}, entre as que frequentam.",
                        "Personnes ne se sentant pas en sécurité {p}, parmi celles qui s'y rendent.",
                    ),
                    p=label,
                ),
            )
        )
    out.append(
        share(
            "worry",
            "perception",
            "per_worry",
            (1, 2),
            (1, 2, 3, 4),
            tr(
                "Preocupación por ser víctima",
                "Worried about becoming a victim",
                "Preocupação em ser vítima",
                "Inquiétude d'être victime",
            ),
            tr(
                "Personas muy o algo preocupadas por ser víctimas de un delito.",
                "Persons very or fairly worried about becoming a victim of crime.",
                "Pessoas muito ou um pouco preocupadas em ser vítimas.",
                "Personnes très ou assez inquiètes d'être victimes.",
            ),
        )
    )
    out.append(
        share(
            "likely",
            "perception",
            "per_likely",
            (1, 2),
            (1, 2, 3),
            tr(
                "Cree probable ser víctima en los próximos 12 meses",
                "Thinks victimization likely in the next 12 months",
                "Acha provável ser vítima nos próximos 12 meses",
                "Juge probable d'être victime dans les 12 prochains mois",
            ),
            tr(
                "Personas que creen muy probable o probable ser víctimas en los próximos 12 meses. Es una percepción: no se divide por la prevalencia del año pasado.",
                "Persons who think it very likely or likely that they will be victimized in the next 12 months. A perception: never divided by last year's prevalence.",
                "Pessoas que acham muito provável ou provável ser vítimas nos próximos 12 meses. É uma percepção: não se divide pela prevalência do ano anterior.",
                "Personnes jugeant très probable ou probable d'être victimes dans les 12 prochains mois. Une perception\u00a0: jamais divisée par la prévalence de l'année passée.",
            ),
        )
    )
    for key, where in (
        ("area", tr("su zona", "their area", "sua área", "leur quartier")),
        ("country", tr("el país", "the country", "o país", "le pays")),
    ):
        out.append(
            share(
                f"trend_{key}_up",
                "perception",
                f"per_trend_{key}",
                (1,),
                (1, 2, 3),
                fmt(
                    tr(
                        "Cree que la delincuencia aumentó en {w}",
                        "Thinks crime increased in {w}",
                        "Acha que o crime aumentou em {w}",
                        "Pense que la délinquance a augmenté dans {w}",
                    ),
                    w=where,
                ),
                fmt(
                    tr(
                        "Personas que creen que la delincuencia en {w} aumentó respecto de hace un año.",
                        "Persons who think crime in {w} increased compared with a year ago.",
                        "Pessoas que acham que o crime em {w} aumentou em relação ao ano anterior.",
                        "Personnes pensant que la délinquance dans {w} a augmenté par rapport à l'an dernier.",
                    ),
                    w=where,
                ),
            )
        )
    for key, (one, many) in _AVOIDANCE.items():
        code = f"avoid_{key}"
        out.append(
            share(
                code,
                "avoidance",
                code,
                (1,),
                (1, 2),
                fmt(
                    tr("Por temor, {b}", "Out of fear, {b}", "Por medo, {b}", "Par peur, a {b}"),
                    b=one,
                ),
                fmt(
                    tr(
                        "Personas que, por temor a la delincuencia, {b} en los últimos 12 meses, entre las que respondieron (se excluye «prefiero no responder»).",
                        "Persons who, for fear of crime, {b} in the last 12 months, over those asked ('prefer not to answer' excluded).",
                        "Pessoas que, por medo do crime, {b} nos últimos 12 meses, entre as perguntadas (exclui «prefiro não responder»).",
                        "Personnes qui, par peur de la délinquance, ont {b} au cours des 12 derniers mois, parmi les personnes interrogées (hors «\u00a0préfère ne pas répondre\u00a0»).",
                    ),
                    b=many,
                ),
            )
        )
    return out


#: What each avoidance indicator counts, in the third person as a statistics office writes it:
#: (the name's form, of one person; the definition's, of "persons who ..."). The
#: questionnaire's labels speak to the respondent ("change your usual routes", "porté une
#: arme pour vous protéger"), and the definitions built from them did too.
_AVOIDANCE: dict[str, tuple[Text, Text]] = {
    "night": (
        tr(
            "dejó de salir de noche",
            "stopped going out at night",
            "deixou de sair à noite",
            "cessé de sortir le soir",
        ),
        tr(
            "dejaron de salir de noche",
            "stopped going out at night",
            "deixaram de sair à noite",
            "cessé de sortir le soir",
        ),
    ),
    "children": (
        tr(
            "dejó de permitir que los menores del hogar salieran",
            "stopped letting the children in the household go out",
            "deixou de permitir que as crianças ou adolescentes do domicílio saíssem",
            "cessé de laisser sortir les enfants du ménage",
        ),
        tr(
            "dejaron de permitir que los menores del hogar salieran",
            "stopped letting the children in the household go out",
            "deixaram de permitir que as crianças ou adolescentes do domicílio saíssem",
            "cessé de laisser sortir les enfants du ménage",
        ),
    ),
    "transport": (
        tr(
            "evitó usar el transporte público",
            "avoided public transport",
            "evitou usar o transporte público",
            "évité les transports en commun",
        ),
        tr(
            "evitaron usar el transporte público",
            "avoided public transport",
            "evitaram usar o transporte público",
            "évité les transports en commun",
        ),
    ),
    "weapon": (
        tr(
            "empezó a portar un arma para protegerse",
            "carried a weapon for protection",
            "passou a andar com uma arma para se proteger",
            "porté une arme pour se protéger",
        ),
        tr(
            "empezaron a portar un arma para protegerse",
            "carried a weapon for protection",
            "passaram a andar com uma arma para se proteger",
            "porté une arme pour se protéger",
        ),
    ),
    "routes": (
        tr(
            "cambió sus rutas o trayectos habituales",
            "changed their usual routes",
            "mudou seus trajetos habituais",
            "changé ses trajets habituels",
        ),
        tr(
            "cambiaron sus rutas o trayectos habituales",
            "changed their usual routes",
            "mudaram seus trajetos habituais",
            "changé leurs trajets habituels",
        ),
    ),
    "valuables": (
        tr(
            "dejó de llevar objetos de valor, como joyas, dinero o tarjetas",
            "stopped carrying valuables such as jewellery, cash or cards",
            "deixou de levar objetos de valor, como joias, dinheiro ou cartões",
            "cessé de porter des objets de valeur, comme des bijoux, de l'argent ou des cartes",
        ),
        tr(
            "dejaron de llevar objetos de valor, como joyas, dinero o tarjetas",
            "stopped carrying valuables such as jewellery, cash or cards",
            "deixaram de levar objetos de valor, como joias, dinheiro ou cartões",
            "cessé de porter des objets de valeur, comme des bijoux, de l'argent ou des cartes",
        ),
    ),
    "visits": (
        tr(
            "dejó de visitar a parientes o amigos",
            "stopped visiting relatives or friends",
            "deixou de visitar parentes ou amigos",
            "cessé de rendre visite à des proches ou des amis",
        ),
        tr(
            "dejaron de visitar a parientes o amigos",
            "stopped visiting relatives or friends",
            "deixaram de visitar parentes ou amigos",
            "cessé de rendre visite à des proches ou des amis",
        ),
    ),
}


def _institutions() -> list[Indicator]:
    out: list[Indicator] = []
    for inst in ("police", "pros", "judge", "army"):
        label = item_label(f"know_{inst}")
        out.append(
            share(
                f"trust_{inst}",
                "institutions",
                f"trust_{inst}",
                (1, 2),
                (1, 2, 3, 4),
                fmt(
                    tr(
                        "Confianza en: {i}",
                        "Trust in: {i}",
                        "Confiança em: {i}",
                        "Confiance envers\u00a0: {i}",
                    ),
                    i=label,
                ),
                fmt(
                    tr(
                        "Personas con mucha o algo de confianza en {i}, entre las que la identifican.",
                        "Persons with much or some trust in {i}, over those who know the institution.",
                        "Pessoas com muita ou alguma confiança em {i}, entre as que a conhecem.",
                        "Personnes ayant beaucoup ou assez confiance envers {i}, parmi celles qui connaissent l'institution.",
                    ),
                    i=label,
                ),
                among=Is(f"know_{inst}", (1,)),
            )
        )
    out.append(
        share(
            "perf_police",
            "institutions",
            "perf_police",
            (1, 2),
            (1, 2, 3, 4),
            tr(
                "Desempeño de la policía muy bueno o bueno",
                "Police performance very good or good",
                "Desempenho da polícia muito bom ou bom",
                "Action de la police très bonne ou bonne",
            ),
            tr(
                "Personas que califican el desempeño de la policía de su zona como muy bueno o bueno, entre las que la identifican.",
                "Persons rating the police's performance in their area very good or good, over those who know the police.",
                "Pessoas que avaliam o desempenho da polícia como muito bom ou bom, entre as que a conhecem.",
                "Personnes jugeant l'action de la police très bonne ou bonne, parmi celles qui la connaissent.",
            ),
            among=Is("know_police", (1,)),
        )
    )
    for key in ("police", "officials"):
        label = item_label(f"corr_{key}")
        out.append(
            share(
                f"corruption_{key}",
                "institutions",
                f"corr_{key}",
                (1, 2),
                (1, 2, 3, 4),
                fmt(
                    tr(
                        "Percepción de corrupción: {x}",
                        "Perceived corruption: {x}",
                        "Percepção de corrupção: {x}",
                        "Corruption perçue\u00a0: {x}",
                    ),
                    x=label,
                ),
                fmt(
                    tr(
                        "Personas que creen que la corrupción entre {x} es muy o algo frecuente.",
                        "Persons who think corruption among {x} is very or fairly widespread.",
                        "Pessoas que acham a corrupção entre {x} muito ou razoavelmente difundida.",
                        "Personnes jugeant la corruption parmi {x} très ou assez répandue.",
                    ),
                    x=label,
                ),
            )
        )
    return out


@cache
def catalogue() -> tuple[Indicator, ...]:
    """Every standard indicator, in publication order."""
    items = (
        _victimization()
        + _incidence()
        + _reporting()
        + _sdg()
        + _perception()
        + _institutions()
        + topic_indicators()
    )
    ids = [i.id for i in items]
    if len(set(ids)) != len(ids):  # a developer error in this module
        raise RuntimeError("duplicate indicator ids in the catalogue")
    for item in items:
        if item.parts is not None and not set(item.parts) <= set(ids[: ids.index(item.id)]):
            raise RuntimeError(f"{item.id}: its parts must come before it in the catalogue")
    return tuple(items)


def get_indicator(ident: str) -> Indicator:
    """The catalogue entry with this id; ``ValueError`` naming it otherwise."""
    for indicator in catalogue():
        if indicator.id == ident:
            return indicator
    raise ValueError(f"unknown indicator {ident!r}; see analysis.indicators.catalogue_table()")


def catalogue_table(language: str = "en") -> pd.DataFrame:
    """The catalogue as a table: id, group, name, definition, level, unit, estimator, crime_type.

    Then the conditions as text (``numerator``, ``denominator``, ``unknown``)
    and, for a difference, its ``parts`` ("minuend - subtrahend").
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}; got {language!r}")
    return pd.DataFrame(
        [
            {
                "indicator": i.id,
                "group": i.group,
                "name": i.name[language],
                "definition": i.definition[language],
                "level": i.level,
                "unit": i.unit,
                "estimator": i.estimator,
                "crime_type": i.crime_type,
                "numerator": repr(i.numerator),
                "denominator": repr(i.denominator),
                "unknown": "" if i.unknown is None else repr(i.unknown),
                "parts": " - ".join(i.parts) if i.parts else "",
            }
            for i in catalogue()
        ]
    )
