"""What the services refuse, as a key and values (:class:`Problem`), in es, en, pt and fr.

A service raises ``UserError(field, Problem("password_too_short", n=10))`` or reports
``RowError.of(line, column, Problem(...))``; the exception's message (for logs, commands and
API clients) is the English sentence, and a staff page shows ``problem.text(language)``
(:func:`surveyapp.staff_texts.service_message`). No Flask here: the services import it.
:mod:`surveyapp.staff_texts` merges the table into the staff table (a key may be in one only).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

from analysis.i18n import number_symbols, pick, tr

__all__ = ["SERVICE_TEXTS", "Problem"]

SERVICE_TEXTS: dict[str, dict[str, str]] = {
    # ---- waves (services/waves.py) ----
    "wave_name_missing": tr(
        "Escriba un nombre para el levantamiento.",
        "Enter a name for the wave.",
        "Digite um nome para o levantamento.",
        "Saisissez un nom pour la vague.",
    ),
    "wave_slug_format": tr(
        "El nombre del enlace debe tener de 3 a 64 letras minúsculas, cifras o guiones.",
        "The link name must be 3 to 64 lower-case letters, digits or hyphens.",
        "O nome do link deve ter de 3 a 64 letras minúsculas, algarismos ou hífens.",
        "Le nom du lien doit compter de 3 à 64 lettres minuscules, chiffres ou tirets.",
    ),
    "wave_slug_taken": tr(
        "Otro levantamiento ya usa este nombre de enlace.",
        "Another wave already uses this link name.",
        "Outro levantamento já usa este nome de link.",
        "Une autre vague utilise déjà ce nom de lien.",
    ),
    "wave_reference_order": tr(
        "El período de referencia debe terminar el mismo día de su inicio o después.",
        "The reference period must end on or after its start.",
        "O período de referência deve terminar no dia do início ou depois.",
        "La période de référence doit se terminer le jour de son début ou après.",
    ),
    "wave_fieldwork_order": tr(
        "El trabajo de campo debe terminar el mismo día de su inicio o después.",
        "Field work must end on or after its start.",
        "O trabalho de campo deve terminar no dia do início ou depois.",
        "Le terrain doit se terminer le jour de son début ou après.",
    ),
    "wave_languages_unknown": tr(
        "El cuestionario no tiene versión en {unknown}; elija entre {available}.",
        "The questionnaire has no {unknown} version; choose among {available}.",
        "O questionário não tem versão em {unknown}; escolha entre {available}.",
        "Le questionnaire n'a pas de version {unknown} ; choisissez parmi {available}.",
    ),
    "wave_modes_missing": tr(
        "Elija al menos una forma de recoger entrevistas.",
        "Choose at least one way of collecting interviews.",
        "Escolha pelo menos uma forma de coletar entrevistas.",
        "Choisissez au moins une façon de collecter les entretiens.",
    ),
    "wave_back_to_draft": tr(
        "Un levantamiento que ya se abrió no puede volver a borrador.",
        "A wave that was opened cannot go back to draft.",
        "Um levantamento que já foi aberto não pode voltar a rascunho.",
        "Une vague qui a été ouverte ne peut pas redevenir un brouillon.",
    ),
    "wave_selection_fixed": tr(
        "Entrevistas de este levantamiento ya seleccionaron adultos con el método {method}; "
        "el método ya no puede cambiar.",
        "Interviews of this wave already selected adults by {method}; "
        "the method cannot change now.",
        "Entrevistas deste levantamento já selecionaram adultos pelo método {method}; "
        "o método não pode mais mudar.",
        "Des entretiens de cette vague ont déjà sélectionné des adultes par la méthode "
        "{method} ; la méthode ne peut plus changer.",
    ),
    # ---- staff accounts and passwords (services/users.py) ----
    "password_too_short": tr(
        "La contraseña debe tener al menos {n} caracteres.",
        "The password must have at least {n} characters.",
        "A senha deve ter pelo menos {n} caracteres.",
        "Le mot de passe doit compter au moins {n} caractères.",
    ),
    "password_too_long": tr(
        "La contraseña debe tener como máximo {n} caracteres.",
        "The password must have at most {n} characters.",
        "A senha deve ter no máximo {n} caracteres.",
        "Le mot de passe doit compter au plus {n} caractères.",
    ),
    "password_common": tr(
        "Esta contraseña está en una lista de contraseñas comunes que los atacantes prueban "
        "primero; elija otra (unas cuantas palabras sin relación entre sí funcionan bien).",
        "This password is on a list of common passwords that attackers try first; "
        "choose another (a few unrelated words work well).",
        "Esta senha está em uma lista de senhas comuns que os atacantes tentam primeiro; "
        "escolha outra (algumas palavras sem relação entre si funcionam bem).",
        "Ce mot de passe figure sur une liste de mots de passe courants que les attaquants "
        "essaient en premier ; choisissez-en un autre (quelques mots sans rapport entre eux "
        "font l'affaire).",
    ),
    "email_invalid": tr(
        "Escriba un correo electrónico como nombre@example.org.",
        "Enter an email address like name@example.org.",
        "Digite um e-mail como nome@example.org.",
        "Saisissez une adresse e-mail comme nom@example.org.",
    ),
    "person_name_missing": tr(
        "Escriba el nombre de la persona.",
        "Enter the person's name.",
        "Digite o nome da pessoa.",
        "Saisissez le nom de la personne.",
    ),
    "email_taken": tr(
        "Ya existe un usuario con este correo electrónico.",
        "A user with this email address already exists.",
        "Já existe um usuário com este e-mail.",
        "Un utilisateur avec cette adresse e-mail existe déjà.",
    ),
    # ---- two-factor authentication (services/twofactor.py) ----
    "twofactor_not_started": tr(
        "Primero inicie la configuración.",
        "Start the set-up first.",
        "Primeiro inicie a configuração.",
        "Commencez d'abord la configuration.",
    ),
    "twofactor_already_on": tr(
        "La autenticación en dos pasos ya está activada.",
        "Two-factor authentication is already on.",
        "A autenticação em dois fatores já está ativada.",
        "L'authentification à deux facteurs est déjà activée.",
    ),
    "twofactor_code_mismatch": tr(
        "El código no coincide. Revise la hora del teléfono y escriba el código más reciente.",
        "The code does not match. Check the phone's clock and type the newest code.",
        "O código não confere. Verifique o relógio do telefone e digite o código mais recente.",
        "Le code ne correspond pas. Vérifiez l'heure du téléphone et saisissez le code le "
        "plus récent.",
    ),
    "twofactor_off": tr(
        "Primero active la autenticación en dos pasos.",
        "Turn on two-factor authentication first.",
        "Primeiro ative a autenticação em dois fatores.",
        "Activez d'abord l'authentification à deux facteurs.",
    ),
    # ---- read API tokens (services/read_tokens.py) ----
    "token_name_missing": tr(
        "Dé al token un nombre que diga quién lo tiene.",
        "Give the token a name saying who holds it.",
        "Dê ao token um nome que diga quem o detém.",
        "Donnez au jeton un nom qui dise qui le détient.",
    ),
    "token_name_too_long": tr(
        "El nombre puede tener como máximo {n} caracteres.",
        "The name may have at most {n} characters.",
        "O nome pode ter no máximo {n} caracteres.",
        "Le nom peut compter au plus {n} caractères.",
    ),
}


class _Formatter(string.Formatter):
    """``str.format`` in a language: a nested :class:`Problem` in that language, ``{n:,}``
    grouped with the language's thousands separator."""

    def __init__(self, language: str) -> None:
        self.language = language

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Problem):
            return value.text(self.language)
        if format_spec == "," and isinstance(value, int):
            return f"{value:,}".replace(",", number_symbols(self.language)[1])
        return str(super().format_field(value, format_spec))


class Problem:
    """What a service refused: a key of :data:`SERVICE_TEXTS` and the values its text names.

    ``str()`` is the English sentence. A value may be another ``Problem`` (a word such as
    an area level), said in the same language.
    """

    __slots__ = ("key", "params")

    def __init__(self, key: str, **params: object) -> None:
        if key not in SERVICE_TEXTS:  # a developer error, where it is written
            raise KeyError(f"no service text {key!r}")
        self.key = key
        self.params: Mapping[str, object] = params

    def text(self, language: str) -> str:
        """The sentence in ``language`` (English when the table has none in it)."""
        return _Formatter(language).format(pick(SERVICE_TEXTS[self.key], language), **self.params)

    def __str__(self) -> str:
        return self.text("en")

    def __repr__(self) -> str:
        values = "".join(f", {name}={value!r}" for name, value in self.params.items())
        return f"Problem({self.key!r}{values})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.key, dict(self.params)) == (other.key, dict(other.params))

    __hash__ = None  # type: ignore[assignment]  # its values may be lists
