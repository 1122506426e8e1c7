"""The fixed words of a release: labels of the variables the questionnaire does not define.

Questionnaire variables take their labels from the instrument; these are the
identifiers, design variables, incident helpers and roster columns that
:mod:`analysis.microdata` and :mod:`analysis.release.build` add, in every
language of :data:`analysis.i18n.LANGUAGES`.
"""

from __future__ import annotations

from analysis.i18n import tr

__all__ = ["FILE_LABELS", "FIXED_LABELS", "MISSING_LABELS", "ROSTER_SEX_LABELS", "YES_NO"]

#: Labels of the columns that are not questionnaire items.
FIXED_LABELS: dict[str, dict[str, str]] = {
    "interview_id": tr(
        "Identificador del entrevistado",
        "Respondent identifier",
        "Identificador do entrevistado",
        "Identifiant du répondant",
    ),
    "wave": tr("Ronda de la encuesta", "Survey wave", "Rodada da pesquisa", "Vague de l'enquête"),
    "stratum": tr("Estrato", "Stratum", "Estrato", "Strate"),
    "psu": tr(
        "Unidad primaria de muestreo (UPM)",
        "Primary sampling unit (PSU)",
        "Unidade primária de amostragem (UPA)",
        "Unité primaire d'échantillonnage (UPE)",
    ),
    "state": tr("Estado", "State", "Estado", "État"),
    "municipality": tr("Municipio", "Municipality", "Município", "Municipalité"),
    "area_type": tr("Tipo de área", "Area type", "Tipo de área", "Type de zone"),
    "p_psu": tr(
        "Probabilidad de selección de la UPM",
        "PSU selection probability",
        "Probabilidade de seleção da UPA",
        "Probabilité de sélection de l'UPE",
    ),
    "p_household": tr(
        "Probabilidad de selección del hogar",
        "Household selection probability",
        "Probabilidade de seleção do domicílio",
        "Probabilité de sélection du ménage",
    ),
    "weight": tr(
        "Factor de expansión final de la persona",
        "Final person weight",
        "Peso final da pessoa",
        "Poids final de la personne",
    ),
    "weight_household": tr(
        "Factor de expansión final del hogar",
        "Final household weight",
        "Peso final do domicílio",
        "Poids final du ménage",
    ),
    "replicate": tr(
        "Peso replicado {n}",
        "Replicate weight {n}",
        "Peso replicado {n}",
        "Poids répliqué {n}",
    ),
    "inc_rank": tr(
        "Orden del incidente dentro de su tipo (1 = el más reciente)",
        "Rank of the incident within its type (1 = most recent)",
        "Ordem do incidente dentro do seu tipo (1 = o mais recente)",
        "Rang de l'incident dans son type (1 = le plus récent)",
    ),
    "inc_count": tr(
        "Delitos de este tipo declarados por el entrevistado",
        "Crimes of this type the respondent reported",
        "Crimes deste tipo declarados pelo entrevistado",
        "Infractions de ce type déclarées par le répondant",
    ),
    "inc_count_imputed": tr(
        "Conteo imputado (no sabe o no responde cuántas veces)",
        "Count imputed (how many times: don't know or refused)",
        "Contagem imputada (não sabe ou recusou quantas vezes)",
        "Nombre imputé (combien de fois\u00a0: ne sait pas ou refus)",
    ),
    "inc_described": tr(
        "Incidentes de este tipo descritos en el módulo",
        "Incidents of this type described in the module",
        "Incidentes deste tipo descritos no módulo",
        "Incidents de ce type décrits dans le module",
    ),
    "inc_factor": tr(
        "Delitos que representa el incidente (conteo / descritos)",
        "Crimes the incident stands for (count / described)",
        "Crimes que o incidente representa (contagem / descritos)",
        "Infractions que l'incident représente (nombre / décrits)",
    ),
    "inc_weight": tr(
        "Factor de expansión del incidente (persona × factor)",
        "Incident weight (person weight × factor)",
        "Peso do incidente (peso da pessoa × fator)",
        "Poids de l'incident (poids de la personne × facteur)",
    ),
    "line": tr(
        "Número de renglón en la lista del hogar",
        "Line number in the household roster",
        "Número da linha na lista do domicílio",
        "Numéro de ligne dans la liste du ménage",
    ),
    "sex": tr("Sexo", "Sex", "Sexo", "Sexe"),
    "age": tr("Edad en años", "Age in years", "Idade em anos", "Âge en années"),
    "adult": tr(
        "Adulto elegible (18 años y más)",
        "Eligible adult (18 and over)",
        "Adulto elegível (18 anos ou mais)",
        "Adulte éligible (18 ans et plus)",
    ),
    "selected": tr(
        "Persona seleccionada para la entrevista",
        "Person selected for the interview",
        "Pessoa selecionada para a entrevista",
        "Personne sélectionnée pour l'entretien",
    ),
    "roster_size": tr(
        "Personas en la lista del hogar",
        "Persons in the household roster",
        "Pessoas na lista do domicílio",
        "Personnes dans la liste du ménage",
    ),
    "eligible_adults": tr(
        "Adultos elegibles del hogar (factor de selección)",
        "Eligible adults of the household (selection factor)",
        "Adultos elegíveis do domicílio (fator de seleção)",
        "Adultes éligibles du ménage (facteur de sélection)",
    ),
}

#: Labels of the declared missing values, by code (-7 is "not applicable" where written).
MISSING_LABELS: dict[int, dict[str, str]] = {
    -7: tr("No aplica", "Not applicable", "Não se aplica", "Sans objet"),
}

#: 0/1 variables (indicator variables, multiple-choice columns, roster flags).
YES_NO: dict[int, dict[str, str]] = {
    0: tr("No", "No", "Não", "Non"),
    1: tr("Sí", "Yes", "Sim", "Oui"),
}

#: Roster sex as the selection rule codes it (services/selection.py: m, f, x).
ROSTER_SEX_LABELS: dict[int, dict[str, str]] = {
    1: tr("Hombre", "Man", "Homem", "Homme"),
    2: tr("Mujer", "Woman", "Mulher", "Femme"),
    3: tr(
        "Otro o no declarado",
        "Other or not stated",
        "Outro ou não declarado",
        "Autre ou non déclaré",
    ),
}

#: What each file of a release holds.
FILE_LABELS: dict[str, dict[str, str]] = {
    "respondent": tr(
        "Entrevistados: una fila por entrevista",
        "Respondents: one row per interview",
        "Entrevistados: uma linha por entrevista",
        "Répondants\u00a0: une ligne par entretien",
    ),
    "incident": tr(
        "Incidentes: una fila por módulo de incidente, enlazada por interview_id",
        "Incidents: one row per incident module, linked by interview_id",
        "Incidentes: uma linha por módulo de incidente, ligada por interview_id",
        "Incidents\u00a0: une ligne par module d'incident, liée par interview_id",
    ),
    "household": tr(
        "Hogares: una fila por persona de la lista del hogar, enlazada por interview_id",
        "Households: one row per person of the household roster, linked by interview_id",
        "Domicílios: uma linha por pessoa da lista do domicílio, ligada por interview_id",
        "Ménages\u00a0: une ligne par personne de la liste du ménage, liée par interview_id",
    ),
}
