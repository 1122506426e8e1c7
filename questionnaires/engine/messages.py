"""Messages the engine shows respondents, in the languages of the standard questionnaire.

Languages not listed here fall back to English. Instruments supply their own
constraint messages; these cover the checks every item type gets.
"""

from __future__ import annotations

__all__ = ["message", "special_label"]

_MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "required": "This question needs an answer.",
        "choice": "Choose one of the options shown.",
        "one_value": "Give only one answer.",
        "special_alone": "'{label}' cannot be combined with other answers.",
        "whole_number": "Enter a whole number.",
        "number": "Enter a number.",
        "between": "Enter a number from {min} to {max}.",
        "at_least": "Enter a number of at least {min}.",
        "at_most": "Enter a number of at most {max}.",
        "too_long": "Use at most {max} characters.",
        "one_line": "Write the answer on one line.",
        "date": "Enter a date as YYYY-MM-DD.",
        "date_min": "The date cannot be before {min}.",
        "date_max": "The date cannot be after {max}.",
        "month": "Enter a month as YYYY-MM.",
        "month_period": "The month must be between {start} and {end}.",
        "invalid": "This answer is not valid.",
        "dont_know": "Don't know",
        "refused": "Prefer not to answer",
    },
    "es": {
        "required": "Esta pregunta necesita una respuesta.",
        "choice": "Elija una de las opciones mostradas.",
        "one_value": "Dé una sola respuesta.",
        "special_alone": "'{label}' no se puede combinar con otras respuestas.",
        "whole_number": "Escriba un número entero.",
        "number": "Escriba un número.",
        "between": "Escriba un número entre {min} y {max}.",
        "at_least": "Escriba un número de al menos {min}.",
        "at_most": "Escriba un número de como máximo {max}.",
        "too_long": "Use como máximo {max} caracteres.",
        "one_line": "Escriba la respuesta en una sola línea.",
        "date": "Escriba una fecha como AAAA-MM-DD.",
        "date_min": "La fecha no puede ser anterior a {min}.",
        "date_max": "La fecha no puede ser posterior a {max}.",
        "month": "Escriba un mes como AAAA-MM.",
        "month_period": "El mes debe estar entre {start} y {end}.",
        "invalid": "Esta respuesta no es válida.",
        "dont_know": "No sabe",
        "refused": "Prefiere no responder",
    },
    "pt": {
        "required": "Esta pergunta precisa de uma resposta.",
        "choice": "Escolha uma das opções apresentadas.",
        "one_value": "Dê apenas uma resposta.",
        "special_alone": "'{label}' não pode ser combinada com outras respostas.",
        "whole_number": "Escreva um número inteiro.",
        "number": "Escreva um número.",
        "between": "Escreva um número entre {min} e {max}.",
        "at_least": "Escreva um número de pelo menos {min}.",
        "at_most": "Escreva um número de no máximo {max}.",
        "too_long": "Use no máximo {max} caracteres.",
        "one_line": "Escreva a resposta numa só linha.",
        "date": "Escreva uma data como AAAA-MM-DD.",
        "date_min": "A data não pode ser anterior a {min}.",
        "date_max": "A data não pode ser posterior a {max}.",
        "month": "Escreva um mês como AAAA-MM.",
        "month_period": "O mês deve estar entre {start} e {end}.",
        "invalid": "Esta resposta não é válida.",
        "dont_know": "Não sabe",
        "refused": "Prefere não responder",
    },
    "fr": {
        "required": "Cette question demande une réponse.",
        "choice": "Choisissez l'une des options proposées.",
        "one_value": "Donnez une seule réponse.",
        "special_alone": "« {label} » ne peut pas être combiné avec d'autres réponses.",
        "whole_number": "Saisissez un nombre entier.",
        "number": "Saisissez un nombre.",
        "between": "Saisissez un nombre entre {min} et {max}.",
        "at_least": "Saisissez un nombre d'au moins {min}.",
        "at_most": "Saisissez un nombre d'au plus {max}.",
        "too_long": "Utilisez au plus {max} caractères.",
        "one_line": "Écrivez la réponse sur une seule ligne.",
        "date": "Saisissez une date au format AAAA-MM-JJ.",
        "date_min": "La date ne peut pas être antérieure au {min}.",
        "date_max": "La date ne peut pas être postérieure au {max}.",
        "month": "Saisissez un mois au format AAAA-MM.",
        "month_period": "Le mois doit être compris entre {start} et {end}.",
        "invalid": "Cette réponse n'est pas valide.",
        "dont_know": "Ne sait pas",
        "refused": "Préfère ne pas répondre",
    },
}

_SPECIAL_KEYS = {-8: "dont_know", -9: "refused"}


def message(key: str, language: str, **values: object) -> str:
    """The engine message ``key`` in ``language`` (English if not translated)."""
    catalogue = _MESSAGES.get(language, _MESSAGES["en"])
    return catalogue[key].format(**values)


def special_label(code: int, language: str) -> str:
    """Label of a special answer code (-8 don't know, -9 refused)."""
    return message(_SPECIAL_KEYS[code], language)
