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

from analysis.i18n import PERCENT_SIGNS, number_symbols, pick, tr

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
        "Le questionnaire n'a pas de version {unknown}\u00a0; choisissez parmi {available}.",
    ),
    "wave_modes_missing": tr(
        "Elija al menos una forma de recoger entrevistas.",
        "Choose at least one way of collecting interviews.",
        "Escolha pelo menos uma forma de coletar entrevistas.",
        "Choisissez au moins une façon de collecter les entretiens.",
    ),
    # the support contacts shown to respondents (waves.support_notes)
    "support_note_too_long": tr(
        "Acorte la nota de apoyo a {n} caracteres como máximo (tiene {length}).",
        "Shorten the support note to at most {n} characters (it has {length}).",
        "Encurte a nota de apoio para no máximo {n} caracteres (ela tem {length}).",
        "Raccourcissez la note d'aide à {n}\u00a0caractères au plus (elle en compte {length}).",
    ),
    "support_note_nul": tr(
        "La nota de apoyo contiene un carácter NUL (un byte cero), que no es texto; bórrelo.",
        "The support note contains a NUL character (a zero byte), which is not text; delete it.",
        "A nota de apoio contém um caractere NUL (um byte zero), que não é texto; apague-o.",
        "La note d'aide contient un caractère NUL (un octet nul), qui n'est pas du "
        "texte\u00a0; supprimez-le.",
    ),
    "support_note_not_text": tr(
        "La nota de apoyo debe ser texto.",
        "The support note must be text.",
        "A nota de apoio deve ser texto.",
        "La note d'aide doit être du texte.",
    ),
    "support_note_language": tr(
        "El levantamiento no se ofrece en {language}; escriba notas de apoyo solo en {available}.",
        "The wave is not offered in {language}; write support notes only in {available}.",
        "O levantamento não é oferecido em {language}; escreva notas de apoio só em {available}.",
        "La vague n'est pas proposée en {language}\u00a0; écrivez des notes d'aide seulement "
        "en {available}.",
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
        "{method}\u00a0; la méthode ne peut plus changer.",
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
        "essaient en premier\u00a0; choisissez-en un autre (quelques mots sans rapport entre eux "
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
    # ---- reviewing tablet interviews (services/review.py) ----
    "review_approved": tr(
        "Esta entrevista está aprobada; la sede central puede reabrirla (responsables de "
        "encuesta).",
        "This interview is approved; headquarters may reopen it (survey managers).",
        "Esta entrevista está aprovada; a sede pode reabri-la (responsáveis pela pesquisa).",
        "Cet entretien est approuvé\u00a0; le siège peut le rouvrir (responsables d'enquête).",
    ),
    "review_no_question": tr(
        "El cuestionario no tiene la pregunta {item!r}.",
        "The questionnaire has no question {item!r}.",
        "O questionário não tem a pergunta {item!r}.",
        "Le questionnaire n'a pas de question {item!r}.",
    ),
    "reopen_headquarters_only": tr(
        "Solo la sede central (responsables de encuesta) reabre entrevistas aprobadas.",
        "Only headquarters (survey managers) reopen approved interviews.",
        "Só a sede (responsáveis pela pesquisa) reabre entrevistas aprovadas.",
        "Seul le siège (responsables d'enquête) rouvre les entretiens approuvés.",
    ),
    "reopen_not_approved": tr(
        "Solo se puede reabrir una entrevista aprobada.",
        "Only an approved interview can be reopened.",
        "Só uma entrevista aprovada pode ser reaberta.",
        "Seul un entretien approuvé peut être rouvert.",
    ),
    "reopen_reason_missing": tr(
        "Diga por qué se reabre la entrevista.",
        "Say why the interview is reopened.",
        "Diga por que a entrevista é reaberta.",
        "Indiquez pourquoi l'entretien est rouvert.",
    ),
    "reopen_reason_too_long": tr(
        "El motivo debe tener menos de {n} caracteres.",
        "Keep the reason under {n} characters.",
        "O motivo deve ter menos de {n} caracteres.",
        "Le motif doit compter moins de {n} caractères.",
    ),
    # ---- assigning units and reviewing interviews (services/fieldwork.py) ----
    "assign_not_field_worker": tr(
        "{email} no hace trabajo de campo: los hogares se asignan a encuestadores y supervisores.",
        "{email} does not do field work: households go to interviewers and supervisors.",
        "{email} não faz trabalho de campo: os domicílios vão para entrevistadores e supervisores.",
        "{email} ne fait pas de travail de terrain\u00a0: les ménages vont aux enquêteurs et "
        "superviseurs.",
    ),
    "assign_outside_area": tr(
        "{name} trabaja solo en {area}; fuera de esa área: {units}. Nada se asignó.",
        "{name} works only in {area}; outside that area: {units}. Nothing was assigned.",
        "{name} trabalha só em {area}; fora dessa área: {units}. Nada foi atribuído.",
        "{name} travaille seulement dans {area}\u00a0; hors de cette zone\u00a0: {units}. "
        "Rien n'a été attribué.",
    ),
    "assign_outside_area_more": tr(
        "{name} trabaja solo en {area}; fuera de esa área: {units} y {more} más. Nada se asignó.",
        "{name} works only in {area}; outside that area: {units} and {more} more. "
        "Nothing was assigned.",
        "{name} trabalha só em {area}; fora dessa área: {units} e mais {more}. Nada foi atribuído.",
        "{name} travaille seulement dans {area}\u00a0; hors de cette zone\u00a0: {units} et "
        "{more} autres. Rien n'a été attribué.",
    ),
    "assign_wave_not_tablet": tr(
        'El levantamiento "{wave}" no recoge entrevistas en tableta; no hay nada que asignar.',
        'Wave "{wave}" does not collect tablet interviews; nothing to assign.',
        'O levantamento "{wave}" não coleta entrevistas em tablet; não há nada a atribuir.',
        "La vague «\u00a0{wave}\u00a0» ne collecte pas d'entretiens sur tablette\u00a0; rien à attribuer.",
    ),
    "assign_units_unknown": tr(
        "El levantamiento no tiene la unidad de muestra {units}.",
        "The wave has no sample unit {units}.",
        "O levantamento não tem a unidade da amostra {units}.",
        "La vague n'a pas d'unité d'échantillon {units}.",
    ),
    "assign_units_taken": tr(
        "{units}: ya asignadas a otro encuestador; reasígnelas de forma explícita.",
        "{units} already assigned to another interviewer; reassign them explicitly.",
        "{units}: já atribuídas a outro entrevistador; reatribua-as explicitamente.",
        "{units}\u00a0: déjà attribuées à un autre enquêteur\u00a0; réattribuez-les explicitement.",
    ),
    "reassign_unit_missing": tr(
        "Escriba el código del hogar (la unidad de muestra) que quiere reasignar.",
        "Enter the id of the household (sample unit) to reassign.",
        "Digite o código do domicílio (a unidade da amostra) a reatribuir.",
        "Saisissez l'identifiant du ménage (l'unité d'échantillon) à réattribuer.",
    ),
    "reassign_same": tr(
        "El hogar {unit} ya está asignado a {name}.",
        "Household {unit} is already assigned to {name}.",
        "O domicílio {unit} já está atribuído a {name}.",
        "Le ménage {unit} est déjà attribué à {name}.",
    ),
    "assign_area_unknown": tr(
        "Ningún área tiene el código o la ruta {wanted!r}.",
        "No area has the code or path {wanted!r}.",
        "Nenhuma área tem o código ou o caminho {wanted!r}.",
        "Aucune zone n'a le code ou le chemin {wanted!r}.",
    ),
    "assign_area_ambiguous": tr(
        "Varias áreas tienen el código {code!r} ({paths}); indique una ruta.",
        "Several areas have the code {code!r} ({paths}); give a path.",
        "Várias áreas têm o código {code!r} ({paths}); indique um caminho.",
        "Plusieurs zones ont le code {code!r} ({paths})\u00a0; indiquez un chemin.",
    ),
    "review_role": tr(
        "Solo supervisores y responsables de encuesta revisan entrevistas.",
        "Only supervisors and survey managers review interviews.",
        "Só supervisores e responsáveis pela pesquisa revisam entrevistas.",
        "Seuls les superviseurs et les responsables d'enquête contrôlent les entretiens.",
    ),
    "review_approved_hq_only": tr(
        "Esta entrevista está aprobada; solo la sede central (responsables de encuesta) "
        "puede reabrirla.",
        "This interview is approved; only headquarters (survey managers) reopen it.",
        "Esta entrevista está aprovada; só a sede (responsáveis pela pesquisa) pode reabri-la.",
        "Cet entretien est approuvé\u00a0; seul le siège (responsables d'enquête) peut le rouvrir.",
    ),
    "review_tablet_only": tr(
        "Solo se revisan las entrevistas enviadas desde una tableta.",
        "Only interviews sent from a tablet are reviewed.",
        "Só são revisadas as entrevistas enviadas de um tablet.",
        "Seuls les entretiens envoyés depuis une tablette sont contrôlés.",
    ),
    "review_comment_missing": tr(
        "Diga qué debe corregir el encuestador.",
        "Say what the interviewer should correct.",
        "Diga o que o entrevistador deve corrigir.",
        "Indiquez ce que l'enquêteur doit corriger.",
    ),
    "review_item_too_long": tr(
        "Indique el código de una sola pregunta (como máximo {n} caracteres).",
        "Give the code of one question (at most {n} characters).",
        "Indique o código de uma só pergunta (no máximo {n} caracteres).",
        "Indiquez le code d'une seule question (au plus {n} caractères).",
    ),
    # ---- quality flags of the supervision dashboard (services/dashboard.py) ----
    "flag_short": tr(
        "entrevistas muy cortas",
        "very short interviews",
        "entrevistas muito curtas",
        "entretiens très courts",
    ),
    "flag_short_figures": tr(
        "{n:,} por debajo del rango del levantamiento",
        "{n:,} below the wave's range",
        "{n:,} abaixo da faixa do levantamento",
        "{n:,} sous la plage de la vague",
    ),
    "flag_night": tr(
        "entrevistas iniciadas de noche",
        "interviews started at night",
        "entrevistas iniciadas à noite",
        "entretiens commencés la nuit",
    ),
    "flag_night_figures": tr(
        "{n:,} entre las {start}:00 y las {end}:00",
        "{n:,} between {start}:00 and {end}:00",
        "{n:,} entre {start}:00 e {end}:00",
        "{n:,} entre {start} h et {end} h",
    ),
    "flag_redrawn": tr(
        "selección sorteada más de una vez",
        "selection drawn more than once",
        "seleção sorteada mais de uma vez",
        "sélection tirée plus d'une fois",
    ),
    "flag_redrawn_figures": tr(
        "hogares: {n:,}", "households: {n:,}", "domicílios: {n:,}", "ménages\u00a0: {n:,}"
    ),
    "flag_household_differs": tr(
        "respuestas que no coinciden con la lista del hogar",
        "answers that disagree with the household list",
        "respostas que não coincidem com a lista do domicílio",
        "réponses en désaccord avec la liste du ménage",
    ),
    "flag_household_differs_figures": tr(
        "{n:,} de {total:,} entrevistas",
        "{n:,} of {total:,} interviews",
        "{n:,} de {total:,} entrevistas",
        "{n:,} sur {total:,} entretiens",
    ),
    "flag_nonresponse": tr(
        "muchas respuestas «no sabe» o «no responde»",
        "many don't know / refused answers",
        "muitas respostas «não sabe» ou «não respondeu»",
        "beaucoup de réponses «\u00a0ne sait pas\u00a0» ou de refus",
    ),
    "flag_one_adult": tr(
        "hogares con un solo adulto",
        "households with one adult",
        "domicílios com um só adulto",
        "ménages avec un seul adulte",
    ),
    "flag_few_yes": tr(
        "pocos «sí» en el filtro de victimización",
        "few victimization screener “yes”",
        "poucos «sim» no filtro de vitimização",
        "peu de «\u00a0oui\u00a0» au filtre de victimisation",
    ),
    "flag_compare": tr(
        "{share:.1%} de {n:,} frente a {rest:.1%} en el resto del levantamiento (z = {z:.1f})",
        "{share:.1%} of {n:,} against {rest:.1%} in the rest of the wave (z = {z:.1f})",
        "{share:.1%} de {n:,} contra {rest:.1%} no resto do levantamento (z = {z:.1f})",
        "{share:.1%} sur {n:,} contre {rest:.1%} dans le reste de la vague (z = {z:.1f})",
    ),
    # ---- uploaded CSV files (services/sample.py, areas.py; uploads.py reads the same way) ----
    "csv_not_utf8": tr(
        'el archivo no es texto UTF-8; guárdelo como "CSV UTF-8" e inténtelo de nuevo',
        'the file is not UTF-8 text; save it as "CSV UTF-8" and try again',
        'o arquivo não é texto UTF-8; salve-o como "CSV UTF-8" e tente de novo',
        "le fichier n'est pas du texte UTF-8\u00a0; enregistrez-le en «\u00a0CSV UTF-8\u00a0» et réessayez",
    ),
    "csv_nul": tr(
        "contiene un carácter NUL (un byte cero), que no es texto; "
        'guarde el archivo como "CSV UTF-8" e inténtelo de nuevo',
        "contains a NUL character (a zero byte), which is not text; "
        'save the file as "CSV UTF-8" and try again',
        "contém um caractere NUL (um byte zero), que não é texto; "
        'salve o arquivo como "CSV UTF-8" e tente de novo',
        "contient un caractère NUL (un octet nul), qui n'est pas du texte\u00a0; "
        "enregistrez le fichier en «\u00a0CSV UTF-8\u00a0» et réessayez",
    ),
    "csv_header_unreadable": tr(
        "no se puede leer el encabezado: {error}",
        "the header cannot be read: {error}",
        "não é possível ler o cabeçalho: {error}",
        "l'en-tête ne peut pas être lu\u00a0: {error}",
    ),
    "csv_empty": tr(
        "el archivo está vacío; la primera línea debe nombrar las columnas",
        "the file is empty; the first line must name the columns",
        "o arquivo está vazio; a primeira linha deve nomear as colunas",
        "le fichier est vide\u00a0; la première ligne doit nommer les colonnes",
    ),
    "csv_line_unreadable": tr(
        "la línea no se puede leer como CSV: {error}",
        "the line cannot be read as CSV: {error}",
        "a linha não pode ser lida como CSV: {error}",
        "la ligne ne peut pas être lue comme du CSV\u00a0: {error}",
    ),
    "csv_quote_unclosed": tr(
        "unas comillas abiertas en esta línea no se cierran, así que las líneas {first} a"
        " {last} se leyeron como una sola fila; ciérrelas o quítelas",
        "a quotation mark opened on this line is never closed, so lines {first} to {last} were"
        " read as one row; close or remove it",
        "umas aspas abertas nesta linha não se fecham, então as linhas {first} a {last} foram"
        " lidas como uma só linha; feche-as ou retire-as",
        "des guillemets ouverts sur cette ligne ne sont jamais fermés, donc les lignes {first} à"
        " {last} ont été lues comme une seule ligne\u00a0; fermez-les ou supprimez-les",
    ),
    "column_unknown": tr(
        "columna desconocida; las columnas son: {columns}",
        "unknown column; the columns are: {columns}",
        "coluna desconhecida; as colunas são: {columns}",
        "colonne inconnue\u00a0; les colonnes sont\u00a0: {columns}",
    ),
    "cell_without_column": tr(
        "hay un valor en una columna sin nombre en la primera línea: nombre la columna o borre "
        "el valor",
        "a value in a column the first line gives no name: name the column or delete the value",
        "há um valor numa coluna sem nome na primeira linha: dê nome à coluna ou apague o valor",
        "une valeur dans une colonne sans nom sur la première ligne\u00a0: nommez la colonne ou "
        "effacez la valeur",
    ),
    # a name typed with an invisible character that reorders text (security.direction_control):
    # refused by the staff forms and by the services behind them (CLI, field API)
    "direction_control": tr(
        "Contiene un carácter invisible que cambia el orden del texto ({char}). Bórrelo (suele "
        "venir de copiar desde otro programa) y escriba el texto de nuevo.",
        "Contains an invisible character that reorders the text ({char}). Delete it (it often "
        "comes from copying out of another program) and type the text again.",
        "Contém um caractere invisível que muda a ordem do texto ({char}). Apague-o (costuma "
        "vir de uma cópia de outro programa) e digite o texto de novo.",
        "Contient un caractère invisible qui change l'ordre du texte ({char}). Supprimez-le "
        "(il vient souvent d'un copier-coller depuis un autre programme) et retapez le texte.",
    ),
    "cell_direction_control": tr(
        "contiene un carácter invisible que cambia el orden del texto ({char}): bórrelo del "
        "archivo (suele venir de copiar desde otro programa)",
        "contains an invisible character that reorders the text ({char}): delete it from the "
        "file (it often comes from copying out of another program)",
        "contém um caractere invisível que muda a ordem do texto ({char}): apague-o do arquivo "
        "(costuma vir de uma cópia de outro programa)",
        "contient un caractère invisible qui change l'ordre du texte ({char})\u00a0: "
        "supprimez-le du fichier (il vient souvent d'un copier-coller depuis un autre programme)",
    ),
    "column_repeated": tr(
        "esta columna aparece más de una vez",
        "this column appears more than once",
        "esta coluna aparece mais de uma vez",
        "cette colonne apparaît plus d'une fois",
    ),
    "column_required": tr(
        "esta columna es obligatoria",
        "this column is required",
        "esta coluna é obrigatória",
        "cette colonne est obligatoire",
    ),
    "field_count": tr(
        "tiene {found} campos pero el encabezado tiene {expected}",
        "has {found} fields but the header has {expected}",
        "tem {found} campos mas o cabeçalho tem {expected}",
        "a {found} champs mais l'en-tête en a {expected}",
    ),
    "too_long": tr(
        "tiene más de {n} caracteres",
        "is longer than {n} characters",
        "tem mais de {n} caracteres",
        "dépasse {n} caractères",
    ),
    "not_whole_number": tr(
        '"{raw}" no es un número entero de {what}',
        '"{raw}" is not a whole number of {what}',
        '"{raw}" não é um número inteiro de {what}',
        "«\u00a0{raw}\u00a0» n'est pas un nombre entier de {what}",
    ),
    "out_of_range": tr(
        "{text} está fuera del intervalo: el número de {what} debe estar entre {minimum:,} "
        "y {maximum:,}",
        "{text} is out of range: {what} must be from {minimum:,} to {maximum:,}",
        "{text} está fora do intervalo: o número de {what} deve estar entre {minimum:,} "
        "e {maximum:,}",
        "{text} est hors limites\u00a0: le nombre de {what} doit être compris entre {minimum:,} "
        "et {maximum:,}",
    ),
    "word_adults": tr("adultos", "adults", "adultos", "adultes"),
    "word_people": tr("personas", "people", "pessoas", "personnes"),
    # ---- sample units (services/sample.py) ----
    "sample_area_code_required": tr(
        "esta columna es obligatoria: solo puede agregar unidades en su área",
        "this column is required: you may add units only in your area",
        "esta coluna é obrigatória: você só pode adicionar unidades na sua área",
        "cette colonne est obligatoire\u00a0: vous ne pouvez ajouter des unités que dans votre zone",
    ),
    "sample_area_code_empty": tr(
        "está vacío; solo puede agregar unidades en su área",
        "is empty; you may add units only in your area",
        "está vazio; você só pode adicionar unidades na sua área",
        "est vide\u00a0; vous ne pouvez ajouter des unités que dans votre zone",
    ),
    "sample_no_rows": tr(
        "el archivo tiene encabezado pero ninguna unidad de muestra",
        "the file has a header but no sample units",
        "o arquivo tem cabeçalho mas nenhuma unidade da amostra",
        "le fichier a un en-tête mais aucune unité d'échantillon",
    ),
    "sample_id_empty": tr(
        "está vacío; cada unidad de muestra necesita un identificador",
        "is empty; every sample unit needs an id",
        "está vazio; cada unidade da amostra precisa de um identificador",
        "est vide\u00a0; chaque unité d'échantillon a besoin d'un identifiant",
    ),
    "sample_id_separator": tr(
        '"{id}" contiene «{mark}», que separa columnas: si el archivo separa sus columnas así, '
        "la primera línea (los nombres de columna) debe separarlas igual",
        '"{id}" contains "{mark}", which separates columns: if the file separates its columns '
        "so, its first line (the column names) must separate them the same way",
        '"{id}" contém "{mark}", que separa colunas: se o arquivo separa suas colunas assim, '
        "a primeira linha (os nomes das colunas) deve separá-las da mesma forma",
        "«\u00a0{id}\u00a0» contient «\u00a0{mark}\u00a0», qui sépare des colonnes\u00a0: si le fichier sépare ainsi ses "
        "colonnes, sa première ligne (les noms de colonnes) doit les séparer de la même façon",
    ),
    "sample_id_repeated": tr(
        '"{id}" está repetido (primero en la línea {first})',
        '"{id}" is repeated (first on line {first})',
        '"{id}" está repetido (primeiro na linha {first})',
        "«\u00a0{id}\u00a0» est répété (d'abord à la ligne {first})",
    ),
    "sample_id_exists": tr(
        '"{id}" ya está en este levantamiento',
        '"{id}" is already in this wave',
        '"{id}" já está neste levantamento',
        "«\u00a0{id}\u00a0» est déjà dans cette vague",
    ),
    "probability_not_number": tr(
        '"{raw}" no es un número; escriba una probabilidad como {example:.2f}',
        '"{raw}" is not a number; write a probability such as {example:.2f}',
        '"{raw}" não é um número; escreva uma probabilidade como {example:.2f}',
        "«\u00a0{raw}\u00a0» n'est pas un nombre\u00a0; écrivez une probabilité comme {example:.2f}",
    ),
    "probability_range": tr(
        "{raw} no es una probabilidad: debe ser mayor que 0 y a lo sumo 1",
        "{raw} is not a probability: it must be more than 0 and at most 1",
        "{raw} não é uma probabilidade: deve ser maior que 0 e no máximo 1",
        "{raw} n'est pas une probabilité\u00a0: elle doit être supérieure à 0 et au plus égale à 1",
    ),
    "sample_area_unknown": tr(
        'no hay un área con el código "{code}" entre las áreas de este levantamiento',
        'no area with code "{code}" in this wave\'s areas',
        'não há área com o código "{code}" entre as áreas deste levantamento',
        "aucune zone de code «\u00a0{code}\u00a0» parmi les zones de cette vague",
    ),
    "sample_area_ambiguous": tr(
        'el código "{code}" corresponde a {n} áreas; escriba en su lugar la ruta de códigos, '
        "por ejemplo {paths}",
        'code "{code}" matches {n} areas; write its code path instead, e.g. {paths}',
        'o código "{code}" corresponde a {n} áreas; escreva no lugar o caminho de códigos, '
        "por exemplo {paths}",
        "le code «\u00a0{code}\u00a0» correspond à {n}\u00a0zones\u00a0; écrivez plutôt le chemin des "
        "codes, par exemple {paths}",
    ),
    # ---- police records and census totals (services/uploads.py) ----
    "cell_empty": tr("está vacío", "is empty", "está vazio", "est vide"),
    "upload_no_rows": tr(
        "el archivo tiene encabezado pero ninguna fila",
        "the file has a header but no rows",
        "o arquivo tem cabeçalho mas nenhuma linha",
        "le fichier a un en-tête mais aucune ligne",
    ),
    "upload_area_empty": tr(
        "está vacío; escriba el código oficial del área",
        "is empty; write the area's official code",
        "está vazio; escreva o código oficial da área",
        "est vide\u00a0; écrivez le code officiel de la zone",
    ),
    "upload_area_unknown": tr(
        'ningún área tiene el código "{code}"',
        'no area has the code "{code}"',
        'nenhuma área tem o código "{code}"',
        "aucune zone n'a le code «\u00a0{code}\u00a0»",
    ),
    "upload_area_ambiguous": tr(
        'el código "{code}" corresponde a {n} áreas; escriba la ruta de códigos desde arriba, '
        'p. ej. "{example}"',
        'code "{code}" matches {n} areas; write the path of codes from the top, e.g. "{example}"',
        'o código "{code}" corresponde a {n} áreas; escreva o caminho de códigos a partir do '
        'topo, p. ex. "{example}"',
        "le code «\u00a0{code}\u00a0» correspond à {n} zones\u00a0; écrivez le chemin des codes depuis le "
        "haut, p. ex. «\u00a0{example}\u00a0»",
    ),
    "period_invalid": tr(
        '"{raw}" no es un período; escriba 2024, 2024-03, 2024-Q2 o 2024-01-01/2024-06-30',
        '"{raw}" is not a period; write 2024, 2024-03, 2024-Q2 or 2024-01-01/2024-06-30',
        '"{raw}" não é um período; escreva 2024, 2024-03, 2024-Q2 ou 2024-01-01/2024-06-30',
        "«\u00a0{raw}\u00a0» n'est pas une période\u00a0; écrivez 2024, 2024-03, 2024-Q2 ou 2024-01-01/2024-06-30",
    ),
    "period_reversed": tr(
        '"{raw}" termina antes de empezar',
        '"{raw}" ends before it starts',
        '"{raw}" termina antes de começar',
        "«\u00a0{raw}\u00a0» se termine avant de commencer",
    ),
    "period_years": tr(
        '"{raw}" está fuera de los años {first} a {last}',
        '"{raw}" is outside the years {first} to {last}',
        '"{raw}" está fora dos anos {first} a {last}',
        "«\u00a0{raw}\u00a0» est en dehors des années {first} à {last}",
    ),
    "year_invalid": tr(
        '"{raw}" no es un año de {first} a {last}',
        '"{raw}" is not a year from {first} to {last}',
        '"{raw}" não é um ano de {first} a {last}',
        "«\u00a0{raw}\u00a0» n'est pas une année de {first} à {last}",
    ),
    "crime_type_unknown": tr(
        '"{raw}" no es un tipo de delito; use un código del cuestionario ({codes}), su nombre '
        "({names}) o all",
        '"{raw}" is not a crime type; use a code of the questionnaire ({codes}), its name '
        "({names}) or all",
        '"{raw}" não é um tipo de crime; use um código do questionário ({codes}), seu nome '
        "({names}) ou all",
        "«\u00a0{raw}\u00a0» n'est pas un type d'infraction\u00a0; utilisez un code du questionnaire "
        "({codes}), son nom ({names}) ou all",
    ),
    "sex_unknown": tr(
        '"{raw}" no es un código de sexo; use 1 (hombre) o 2 (mujer), como en el cuestionario',
        '"{raw}" is not a sex code; use 1 (male) or 2 (female) as in the questionnaire',
        '"{raw}" não é um código de sexo; use 1 (homem) ou 2 (mulher), como no questionário',
        "«\u00a0{raw}\u00a0» n'est pas un code de sexe\u00a0; utilisez 1 (homme) ou 2 (femme) comme dans le "
        "questionnaire",
    ),
    "age_group_invalid": tr(
        '"{raw}" no es un grupo de edad; escríbalo como 18-29 o 60+',
        '"{raw}" is not an age group; write it like 18-29 or 60+',
        '"{raw}" não é uma faixa etária; escreva-a como 18-29 ou 60+',
        "«\u00a0{raw}\u00a0» n'est pas une tranche d'âge\u00a0; écrivez-la comme 18-29 ou 60+",
    ),
    "row_repeated": tr(
        "repite {what} de la línea {first}",
        "repeats the {what} of line {first}",
        "repete {what} da linha {first}",
        "répète {what} de la ligne {first}",
    ),
    "word_police_key": tr(
        "el área, el período y el tipo de delito",
        "area, period and crime type",
        "a área, o período e o tipo de crime",
        "la zone, la période et le type d'infraction",
    ),
    "word_census_key": tr(
        "el área, el año, el sexo y el grupo de edad",
        "area, year, sex and age group",
        "a área, o ano, o sexo e a faixa etária",
        "la zone, l'année, le sexe et la tranche d'âge",
    ),
    "word_crimes": tr("delitos", "crimes", "crimes", "infractions"),
    # ---- boundary (GeoJSON) files: analysis.geo.BOUNDARY_PROBLEMS as geo_<key>, and the
    # problems services/boundaries.py finds ----
    "geo_feature": tr(
        "elemento {feature}: {problem}",
        "feature {feature}: {problem}",
        "elemento {feature}: {problem}",
        "élément {feature}\u00a0: {problem}",
    ),
    "geo_feature_code": tr(
        "elemento {feature} (código {code!r}): {problem}",
        "feature {feature} (code {code!r}): {problem}",
        "elemento {feature} (código {code!r}): {problem}",
        "élément {feature} (code {code!r})\u00a0: {problem}",
    ),
    "geo_too_large": tr(
        "el archivo pesa {size:.1f} MB; el límite es {limit:.1f} MB (simplifíquelo)",
        "the file is {size:.1f} MB; the limit is {limit:.1f} MB (simplify it)",
        "o arquivo tem {size:.1f} MB; o limite é {limit:.1f} MB (simplifique-o)",
        "le fichier fait {size:.1f} Mo\u00a0; la limite est de {limit:.1f} Mo (simplifiez-le)",
    ),
    "geo_not_utf8": tr(
        "el archivo no es texto UTF-8",
        "the file is not UTF-8 text",
        "o arquivo não é texto UTF-8",
        "le fichier n'est pas du texte UTF-8",
    ),
    "geo_not_json": tr(
        "el archivo no es JSON válido (línea {line}, columna {column})",
        "the file is not valid JSON (line {line}, column {column})",
        "o arquivo não é JSON válido (linha {line}, coluna {column})",
        "le fichier n'est pas du JSON valide (ligne {line}, colonne {column})",
    ),
    "geo_too_deep": tr(
        "el archivo no es JSON válido (anidado a demasiada profundidad)",
        "the file is not valid JSON (nested too deep)",
        "o arquivo não é JSON válido (aninhado profundamente demais)",
        "le fichier n'est pas du JSON valide (imbrication trop profonde)",
    ),
    "geo_number_too_long": tr(
        "el archivo tiene un número demasiado largo para leerlo",
        "the file has a number too long to read",
        "o arquivo tem um número longo demais para ser lido",
        "le fichier contient un nombre trop long pour être lu",
    ),
    "geo_not_collection": tr(
        "el archivo debe ser una FeatureCollection GeoJSON",
        "the file must be a GeoJSON FeatureCollection",
        "o arquivo deve ser uma FeatureCollection GeoJSON",
        "le fichier doit être une FeatureCollection GeoJSON",
    ),
    "geo_crs": tr(
        "el archivo declara el sistema de coordenadas {crs!r}; dé longitud y latitud en grados (WGS 84, EPSG:4326), como exige GeoJSON: reproyéctelo antes",
        "the file declares the coordinate system {crs!r}; give longitude and latitude in degrees (WGS 84, EPSG:4326), as GeoJSON requires: reproject it first",
        "o arquivo declara o sistema de coordenadas {crs!r}; informe longitude e latitude em graus (WGS 84, EPSG:4326), como o GeoJSON exige: reprojete-o antes",
        "le fichier déclare le système de coordonnées {crs!r}\u00a0; donnez la longitude et la latitude en degrés (WGS 84, EPSG:4326), comme GeoJSON l'exige\u00a0: reprojetez-le d'abord",
    ),
    "geo_no_features": tr(
        "la FeatureCollection no tiene elementos",
        "the FeatureCollection has no features",
        "a FeatureCollection não tem elementos",
        "la FeatureCollection n'a aucun élément",
    ),
    "geo_too_many_features": tr(
        "{n} elementos; como máximo {limit} por archivo",
        "{n} features; at most {limit} per file",
        "{n} elementos; no máximo {limit} por arquivo",
        "{n} éléments\u00a0; au plus {limit} par fichier",
    ),
    "geo_not_feature": tr(
        "no es un objeto Feature de GeoJSON",
        "is not a GeoJSON Feature object",
        "não é um objeto Feature do GeoJSON",
        "n'est pas un objet Feature GeoJSON",
    ),
    "geo_no_code": tr(
        "no tiene properties.code (el código del área, como en la lista de áreas)",
        "has no properties.code (the area's code, as in the area list)",
        "não tem properties.code (o código da área, como na lista de áreas)",
        "n'a pas de properties.code (le code de la zone, comme dans la liste des zones)",
    ),
    "geo_geometry_type": tr(
        "la geometría debe ser un Polygon o un MultiPolygon, no {kind!r}",
        "geometry must be a Polygon or MultiPolygon, not {kind!r}",
        "a geometria deve ser um Polygon ou MultiPolygon, não {kind!r}",
        "la géométrie doit être un Polygon ou un MultiPolygon, pas {kind!r}",
    ),
    "geo_not_polygon": tr(
        "las coordenadas no forman un polígono (anillos de pares [longitud, latitud])",
        "the coordinates do not make a polygon (rings of [longitude, latitude] pairs)",
        "as coordenadas não formam um polígono (anéis de pares [longitude, latitude])",
        "les coordonnées ne forment pas un polygone (anneaux de paires [longitude, latitude])",
    ),
    "geo_empty": tr(
        "la geometría está vacía",
        "the geometry is empty",
        "a geometria está vazia",
        "la géométrie est vide",
    ),
    "geo_too_many_points": tr(
        "tiene {n} puntos; simplifíquelo a {limit} como máximo",
        "has {n} points; simplify it to at most {limit}",
        "tem {n} pontos; simplifique-o para no máximo {limit}",
        "a {n} points\u00a0; simplifiez-le à {limit} au plus",
    ),
    "geo_not_numbers": tr(
        "tiene coordenadas que no son números",
        "has coordinates that are not numbers",
        "tem coordenadas que não são números",
        "a des coordonnées qui ne sont pas des nombres",
    ),
    "geo_not_degrees": tr(
        "tiene coordenadas fuera de longitud −180…180 / latitud −90…90: dé longitud y latitud en grados (WGS 84), no metros proyectados",
        "has coordinates outside longitude −180…180 / latitude −90…90: give longitude and latitude in degrees (WGS 84), not projected metres",
        "tem coordenadas fora de longitude −180…180 / latitude −90…90: informe longitude e latitude em graus (WGS 84), não metros projetados",
        "a des coordonnées hors de longitude −180…180 / latitude −90…90\u00a0: donnez la longitude et la latitude en degrés (WGS 84), pas en mètres projetés",
    ),
    "geo_invalid": tr(
        "no es un polígono válido ({reason}); repárelo antes (p. ej. con make_valid)",
        "is not a valid polygon ({reason}); repair it (e.g. make_valid) first",
        "não é um polígono válido ({reason}); repare-o antes (p. ex. com make_valid)",
        "n'est pas un polygone valide ({reason})\u00a0; réparez-le d'abord (p. ex. avec make_valid)",
    ),
    "geo_too_small": tr(
        "es demasiado pequeño para dibujarlo (menos de un metro de ancho)",
        "is too small to draw (under about a metre across)",
        "é pequeno demais para ser desenhado (menos de um metro de largura)",
        "est trop petit pour être dessiné (moins d'un mètre de large)",
    ),
    "geo_repeated": tr(
        "repite el código del elemento {first}",
        "repeats the code of feature {first}",
        "repete o código do elemento {first}",
        "répète le code de l'élément {first}",
    ),
    "boundary_area_unknown": tr(
        "ningún área de nivel {level} tiene este código (vea `surveyapp area list`)",
        "no {level} has this code (see `surveyapp area list`)",
        "nenhuma área de nível {level} tem este código (veja `surveyapp area list`)",
        "aucune zone de niveau {level} n'a ce code (voir `surveyapp area list`)",
    ),
    "boundary_area_unknown_under": tr(
        "ningún área de nivel {level} tiene este código dentro de {parent!r} "
        "(vea `surveyapp area list`)",
        "no {level} has this code under {parent!r} (see `surveyapp area list`)",
        "nenhuma área de nível {level} tem este código dentro de {parent!r} "
        "(veja `surveyapp area list`)",
        "aucune zone de niveau {level} n'a ce code sous {parent!r} (voir `surveyapp area list`)",
    ),
    "boundary_area_ambiguous": tr(
        "varias áreas de nivel {level} tienen este código (dentro de {parents}): agregue "
        "properties.parent_code",
        "several {level} areas have this code (under {parents}): add properties.parent_code",
        "várias áreas de nível {level} têm este código (dentro de {parents}): adicione "
        "properties.parent_code",
        "plusieurs zones de niveau {level} ont ce code (sous {parents})\u00a0: ajoutez "
        "properties.parent_code",
    ),
    # ---- areas (services/areas.py) ----
    "level_country": tr("país", "country", "país", "pays"),
    "level_region": tr("región", "region", "região", "région"),
    "level_municipality": tr("municipio", "municipality", "município", "commune"),
    "level_neighbourhood": tr("barrio", "neighbourhood", "bairro", "quartier"),
    "area_code_length": tr(
        "El código oficial debe tener de 1 a 32 caracteres.",
        "The official code must have 1 to 32 characters.",
        "O código oficial deve ter de 1 a 32 caracteres.",
        "Le code officiel doit compter de 1 à 32 caractères.",
    ),
    "area_name_missing": tr(
        "Escriba el nombre del área.",
        "Enter the area's name.",
        "Digite o nome da área.",
        "Saisissez le nom de la zone.",
    ),
    "area_country_parent": tr(
        "Un país no está dentro de otra área.",
        "A country has no enclosing area.",
        "Um país não fica dentro de outra área.",
        "Un pays n'est contenu dans aucune autre zone.",
    ),
    "area_parent_level": tr(
        "Un área de nivel {level} debe estar dentro de un área de nivel {above}.",
        "A {level} must lie in a {above}.",
        "Uma área de nível {level} deve ficar dentro de uma área de nível {above}.",
        "Une zone de niveau {level} doit se trouver dans une zone de niveau {above}.",
    ),
    "area_population_negative": tr(
        "La población no puede ser negativa.",
        "The population cannot be negative.",
        "A população não pode ser negativa.",
        "La population ne peut pas être négative.",
    ),
    "area_duplicate": tr(
        "Ya hay un área de nivel {level} con el código {code} en ese lugar.",
        "There is already a {level} with code {code} there.",
        "Já existe uma área de nível {level} com o código {code} nesse lugar.",
        "Il existe déjà une zone de niveau {level} avec le code {code} à cet endroit.",
    ),
    "area_level_unknown": tr(
        '"{raw}" no es uno de {levels}',
        '"{raw}" is not one of {levels}',
        '"{raw}" não é um de {levels}',
        "«\u00a0{raw}\u00a0» n'est pas l'un de {levels}",
    ),
    "area_parent_unknown": tr(
        'no hay un área con la ruta "{path}" (códigos desde el país hacia abajo, unidos por /)',
        'no area with path "{path}" (codes from the country down, joined by /)',
        'não há área com o caminho "{path}" (códigos do país para baixo, unidos por /)',
        "aucune zone de chemin «\u00a0{path}\u00a0» (codes depuis le pays vers le bas, joints par /)",
    ),
    "area_parent_refused": tr(
        'el área "{path}" de la línea {line} tiene un problema: corríjala y esta fila se '
        "agregará con ella",
        'the area "{path}" on line {line} has a problem: correct it and this row will be added '
        "with it",
        'a área "{path}" da linha {line} tem um problema: corrija-a e esta linha será '
        "adicionada com ela",
        "la zone «\u00a0{path}\u00a0» de la ligne {line} a un problème\u00a0: corrigez-la et cette ligne sera "
        "ajoutée avec elle",
    ),
}


class _Formatter(string.Formatter):
    """``str.format`` in a language: a nested :class:`Problem` in that language, a number
    with a format (``{n:,}``, ``{share:.1%}``) written with the language's decimal mark,
    thousands separator and percent sign."""

    def __init__(self, language: str) -> None:
        self.language = language

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Problem):
            return value.text(self.language)
        if format_spec and isinstance(value, int | float) and not isinstance(value, bool):
            decimal, group = number_symbols(self.language)
            text = format(value, format_spec)
            text = text.replace(",", "\x00").replace(".", decimal).replace("\x00", group)
            if format_spec.endswith("%"):
                text = text[:-1] + PERCENT_SIGNS[self.language]
            return text
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
