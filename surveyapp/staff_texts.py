"""Words of the staff login, field supervision and management pages in es, en, pt and fr,
and their language.

The language of these pages is the one the link asks for (``?lang=``, remembered in the
session so that form posts and redirects keep it), else the browser's ``Accept-Language``,
else ``STAFF_DEFAULT_LANGUAGE`` (English). Templates get ``st(key, **values)``, ``staff_lang``
and ``language_url``; Python code flashes ``st(...)`` and labels forms with :func:`lazy`.
The management pages' words are in :mod:`surveyapp.manage_texts`, merged here. Other pages
that share base.html (the observatory) keep its frame in English. Sentences the services
write in English are shown with :func:`english` (``lang="en"`` inside a page in another
language); those they give as a :class:`~surveyapp.service_texts.Problem` are said in the
staff language (:func:`service_message`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from flask import Flask, current_app, g, has_request_context, request, session
from markupsafe import Markup, escape

from .frame_texts import FRAME
from .i18n import (
    LANGUAGE_NAMES,
    LANGUAGES,
    default_language,
    format_date,
    format_number,
    format_percent,
    language_url,
    lookup,
    lookup_count,
    pick_language,
    tr,
)
from .manage_texts import MANAGE
from .service_texts import SERVICE_TEXTS, Problem
from .upload_texts import UPLOADS

__all__ = [
    "STAFF_BLUEPRINTS",
    "STAFF_ENDPOINTS",
    "TEXTS",
    "english",
    "is_staff_page",
    "lazy",
    "page_language",
    "register",
    "service_message",
    "st",
    "staff_language",
]

#: Blueprints whose pages speak the staff language (the others' frame stays English).
STAFF_BLUEPRINTS = frozenset({"auth", "fieldwork", "manage"})
#: Staff pages of other blueprints: the observatory's administrative-data uploads.
STAFF_ENDPOINTS = frozenset(
    {
        "observatory.uploads_page",
        "observatory.upload_police",
        "observatory.upload_census",
        "observatory.boundaries_page",
        "observatory.upload_boundaries",
    }
)
#: Session key of the language a ``?lang=`` link chose.
SESSION_KEY = "staff_lang"

TEXTS: dict[str, dict[str, str]] = {
    **FRAME,
    # ---- base.html: the staff menu ----
    "staff_menu": tr("Menú del personal", "Staff menu", "Menu da equipe", "Menu du personnel"),
    "nav_waves": tr("Levantamientos", "Waves", "Levantamentos", "Vagues"),
    "nav_areas": tr("Áreas", "Areas", "Áreas", "Zones"),
    "nav_users": tr("Usuarios", "Users", "Usuários", "Utilisateurs"),
    "nav_audit": tr(
        "Registro de auditoría", "Audit log", "Registro de auditoria", "Journal d'audit"
    ),
    "nav_tokens": tr("Tokens de API", "API tokens", "Tokens de API", "Jetons d'API"),
    "nav_fieldwork": tr("Trabajo de campo", "Field work", "Trabalho de campo", "Terrain"),
    "nav_password": tr("Contraseña", "Password", "Senha", "Mot de passe"),
    "nav_sessions": tr("Sesiones", "Sessions", "Sessões", "Sessions"),
    "log_out": tr("Cerrar sesión", "Log out", "Sair", "Se déconnecter"),
    # ---- _forms.html ----
    "problem": tr("Hay un problema", "There is a problem", "Há um problema", "Il y a un problème"),
    "error_prefix": tr("Error:", "Error:", "Erro:", "Erreur\u00a0:"),
    # ---- field work: index ----
    "fieldwork": tr("Trabajo de campo", "Field work", "Trabalho de campo", "Travail de terrain"),
    "to_review_link": tr(
        "entrevistas por revisar",
        "interviews to review",
        "entrevistas a revisar",
        "entretiens à contrôler",
    ),
    "in_wave": tr(" de {wave}", " in {wave}", " de {wave}", " de {wave}"),
    "quality_link": tr(
        "control de calidad", "quality control", "controle de qualidade", "contrôle qualité"
    ),
    "of_wave": tr(" de {wave}", " of {wave}", " de {wave}", " de {wave}"),
    "appointments_link": tr(
        "citas para volver",
        "appointments to keep",
        "retornos agendados",
        "rendez-vous à honorer",
    ),
    "open_field_app": tr(
        "Abrir la aplicación de entrevistas",
        "Open the interviewer app",
        "Abrir o aplicativo de entrevistas",
        "Ouvrir l'application d'entretien",
    ),
    "open_field_app_hint": tr(
        "(en la tableta: allí se descargan los hogares asignados y se hacen las entrevistas, "
        "también sin red)",
        "(on the tablet: it downloads the assigned households and the interviews are done "
        "there, offline too)",
        "(no tablet: ali se baixam os domicílios atribuídos e se fazem as entrevistas, também "
        "sem rede)",
        "(sur la tablette\u00a0: elle télécharge les ménages attribués et les entretiens s'y "
        "font, même hors ligne)",
    ),
    "no_tablet_waves": tr(
        "Por ahora ningún levantamiento abierto recoge entrevistas en tabletas.",
        "No open wave collects interviews on tablets at the moment.",
        "No momento, nenhum levantamento aberto coleta entrevistas em tablets.",
        "Aucune vague ouverte ne collecte d'entretiens sur tablette pour le moment.",
    ),
    # ---- field work: quality control ----
    "quality_control": tr(
        "Control de calidad", "Quality control", "Controle de qualidade", "Contrôle qualité"
    ),
    "interviews_to_review": tr(
        "Entrevistas por revisar",
        "Interviews to review",
        "Entrevistas a revisar",
        "Entretiens à contrôler",
    ),
    "units": tr("Unidades", "Units", "Unidades", "Unités"),
    "complete": tr("Completas", "Complete", "Completas", "Complets"),
    "partial": tr("Parciales", "Partial", "Parciais", "Partiels"),
    "refusal": tr("Rechazo", "Refusal", "Recusa", "Refus"),
    "noncontact": tr("No contacto", "Non-contact", "Sem contato", "Non-contact"),
    "other": tr("Otro", "Other", "Outro", "Autre"),
    "unknown_3x": tr(
        "Elegibilidad desconocida (3.x)",
        "Unknown (3.x)",
        "Elegibilidade desconhecida (3.x)",
        "Éligibilité inconnue (3.x)",
    ),
    "not_eligible": tr("No elegible", "Not eligible", "Não elegível", "Non éligible"),
    "interviews": tr("Entrevistas", "Interviews", "Entrevistas", "Entretiens"),
    "median_minutes": tr(
        "Mediana (minutos)", "Median minutes", "Mediana (minutos)", "Médiane (minutes)"
    ),
    "very_short": tr("Muy cortas", "Very short", "Muito curtas", "Très courts"),
    "dk_refused": tr(
        "No sabe / no responde",
        "Don't know / refused",
        "Não sabe / não respondeu",
        "Ne sait pas / refus",
    ),
    "one_adult": tr("Un solo adulto", "One adult", "Um só adulto", "Un seul adulte"),
    "screener_yes": tr(
        "Filtro de victimización “sí”",
        "Screener yes",
        "Filtro de vitimização “sim”",
        "Filtre de victimation «\u00a0oui\u00a0»",
    ),
    "at_night": tr("De noche", "At night", "À noite", "La nuit"),
    "rates_note": tr(
        "Las tasas siguen las definiciones estándar de AAPOR sobre las unidades liberadas "
        "al trabajo de campo (una unidad asignada pero nunca visitada cuenta como de "
        "elegibilidad desconocida). RR3 cuenta las desconocidas con e = {e}:",
        "Rates follow AAPOR Standard Definitions over the units released to field work (a "
        "unit assigned but never visited counts as of unknown eligibility). RR3 counts the "
        "unknowns with e = {e}:",
        "As taxas seguem as definições padrão da AAPOR sobre as unidades liberadas para o "
        "trabalho de campo (uma unidade designada mas nunca visitada conta como de "
        "elegibilidade desconhecida). A RR3 conta as desconhecidas com e = {e}:",
        "Les taux suivent les définitions standard de l'AAPOR sur les unités mises en "
        "collecte (une unité attribuée mais jamais visitée compte comme d'éligibilité "
        "inconnue). Le RR3 compte les unités inconnues avec e = {e}\u00a0:",
    ),
    # how e was found (analysis.response_rates.EstimateSource)
    "e_known": tr(
        "la proporción de elegibles entre las unidades de elegibilidad conocida (asignación "
        "proporcional)",
        "eligible share among the units whose eligibility is known (proportional allocation)",
        "a proporção de elegíveis entre as unidades de elegibilidade conhecida (alocação "
        "proporcional)",
        "la part d'éligibles parmi les unités d'éligibilité connue (répartition proportionnelle)",
    ),
    "e_assumed": tr(
        "aún no se conoce la elegibilidad de ninguna unidad: todas las desconocidas cuentan "
        "como elegibles",
        "no unit's eligibility is known yet: every unknown counted as eligible",
        "ainda não se conhece a elegibilidade de nenhuma unidade: todas as desconhecidas "
        "contam como elegíveis",
        "l'éligibilité d'aucune unité n'est encore connue\u00a0: toutes les inconnues comptent "
        "comme éligibles",
    ),
    "e_given": tr("dada", "given", "dada", "donnée"),
    "short_note": tr(
        " Se marcan las entrevistas de menos de {minutes} minutos (la mediana del logaritmo "
        "de la duración en el levantamiento menos {z} desviaciones estándar robustas).",
        " Interviews shorter than {minutes} minutes are flagged (the wave's median log "
        "duration minus {z} robust standard deviations).",
        " São sinalizadas as entrevistas com menos de {minutes} minutos (a mediana do "
        "logaritmo da duração no levantamento menos {z} desvios-padrão robustos).",
        " Les entretiens de moins de {minutes} minutes sont signalés (la médiane du "
        "logarithme de la durée dans la vague moins {z} écarts-types robustes).",
    ),
    "flag_note": tr(
        "Se marca a los encuestadores con al menos {n} entrevistas cuando una proporción "
        "difiere del resto del levantamiento con |z| mayor que {z}.",
        "Interviewers with at least {n} interviews are flagged when a share differs from "
        "the rest of the wave with |z| above {z}.",
        "São sinalizados os entrevistadores com pelo menos {n} entrevistas quando uma "
        "proporção difere do resto do levantamento com |z| acima de {z}.",
        "Les enquêteurs ayant au moins {n} entretiens sont signalés lorsqu'une proportion "
        "diffère du reste de la vague avec |z| supérieur à {z}.",
    ),
    "flags": tr("Alertas", "Flags", "Alertas", "Signalements"),
    "nothing_flagged": tr(
        "No hay ninguna alerta.",
        "Nothing is flagged.",
        "Não há nenhuma alerta.",
        "Aucun signalement.",
    ),
    "n_interviews_one": tr("{n} entrevista", "{n} interview", "{n} entrevista", "{n} entretien"),
    "n_interviews": tr("{n} entrevistas", "{n} interviews", "{n} entrevistas", "{n} entretiens"),
    "by_interviewer": tr("Por encuestador", "By interviewer", "Por entrevistador", "Par enquêteur"),
    "per_interviewer": tr(
        "Cifras por encuestador",
        "Figures per interviewer",
        "Números por entrevistador",
        "Chiffres par enquêteur",
    ),
    "outcomes_and_rates": tr(
        "Resultados de las visitas y tasas",
        "Outcomes and rates",
        "Resultados das visitas e taxas",
        "Résultats des visites et taux",
    ),
    "interview_quality": tr(
        "Calidad de las entrevistas",
        "Interview quality",
        "Qualidade das entrevistas",
        "Qualité des entretiens",
    ),
    "interviewer": tr("Encuestador", "Interviewer", "Entrevistador", "Enquêteur"),
    "by_area": tr("Por área", "By area", "Por área", "Par zone"),
    "per_area": tr("Cifras por área", "Figures per area", "Números por área", "Chiffres par zone"),
    "area": tr("Área", "Area", "Área", "Zone"),
    # the rows the dashboard's service names in English
    "whole_wave": tr("el levantamiento", "the wave", "o levantamento", "la vague"),
    "no_area": tr("sin área", "no area", "sem área", "sans zone"),
    "unassigned": tr("sin asignar", "unassigned", "não designado", "non attribué"),
    "per_day": tr(
        "Por día (fecha local de los encuestadores)",
        "Per day (interviewers' local dates)",
        "Por dia (data local dos entrevistadores)",
        "Par jour (date locale des enquêteurs)",
    ),
    "per_day_note": tr(
        "Las completas y las parciales cuentan entrevistas; los rechazos y los no contactos "
        "cuentan visitas (un hogar visitado tres veces cuenta tres), así que no suman como "
        "las unidades de las tablas de arriba.",
        "Completes and partials count interviews; refusals and non-contacts count visits (a "
        "household visited three times counts three), so they do not add up as the units in "
        "the tables above do.",
        "As completas e as parciais contam entrevistas; as recusas e os não contatos contam "
        "visitas (um domicílio visitado três vezes conta três), por isso não somam como as "
        "unidades das tabelas acima.",
        "Les complets et les partiels comptent des entretiens\u00a0; les refus et les "
        "non-contacts comptent des visites (un ménage visité trois fois compte trois), ils ne "
        "s'additionnent donc pas comme les unités des tableaux ci-dessus.",
    ),
    "outcomes_per_day": tr(
        "Resultados por día", "Outcomes per day", "Resultados por dia", "Résultats par jour"
    ),
    "day": tr("Día", "Day", "Dia", "Jour"),
    "nothing_recorded": tr(
        "Todavía no hay nada registrado.",
        "Nothing recorded yet.",
        "Ainda não há nada registrado.",
        "Rien n'est encore enregistré.",
    ),
    "time_of_day": tr(
        "Hora de inicio de las entrevistas",
        "Time of day interviews started",
        "Horário de início das entrevistas",
        "Heure de début des entretiens",
    ),
    "per_hour": tr(
        "Entrevistas por hora local",
        "Interviews per local hour",
        "Entrevistas por hora local",
        "Entretiens par heure locale",
    ),
    # ---- field work: the review list ----
    "review": tr("Revisión", "Review", "Revisão", "Contrôle"),
    "dashboard_link": tr(
        "Panel de control de calidad",
        "Quality control dashboard",
        "Painel de controle de qualidade",
        "Tableau de bord du contrôle qualité",
    ),
    "review_state": tr(
        "Estado de revisión", "Review state", "Situação da revisão", "État du contrôle"
    ),
    "any_state": tr("cualquiera", "any", "qualquer uma", "tous"),
    "anyone": tr("cualquiera", "anyone", "qualquer um", "tous"),
    "show": tr("Mostrar", "Show", "Mostrar", "Afficher"),
    "flag_filter_note": tr(
        "Se muestran las entrevistas detrás de una alerta del panel.",
        "Showing the interviews behind a dashboard flag.",
        "Mostrando as entrevistas por trás de uma alerta do painel.",
        "Affichage des entretiens à l'origine d'un signalement du tableau de bord.",
    ),
    "show_all": tr("Mostrar todas", "Show all", "Mostrar todas", "Tout afficher"),
    "received_newest": tr(
        "Entrevistas recibidas, las más recientes primero",
        "Received interviews, newest first",
        "Entrevistas recebidas, as mais recentes primeiro",
        "Entretiens reçus, les plus récents d'abord",
    ),
    "household": tr("Hogar", "Household", "Domicílio", "Ménage"),
    "outcome": tr("Resultado", "Outcome", "Resultado", "Résultat"),
    "revision": tr("Versión", "Revision", "Versão", "Version"),
    "adults": tr("Adultos", "Adults", "Adultos", "Adultes"),
    "draws": tr("Sorteos", "Draws", "Sorteios", "Tirages"),
    "last_received": tr(
        "Última recepción", "Last received", "Último recebimento", "Dernière réception"
    ),
    "no_match": tr(
        "Ninguna entrevista coincide.",
        "No interview matches.",
        "Nenhuma entrevista corresponde.",
        "Aucun entretien ne correspond.",
    ),
    "only_newest": tr(
        "Solo se listan las {n} más recientes; filtre para ver las demás.",
        "Only the newest {n} are listed; filter to see others.",
        "Somente as {n} mais recentes são listadas; filtre para ver as outras.",
        "Seuls les {n} plus récents sont listés\u00a0; filtrez pour voir les autres.",
    ),
    "status_received": tr("recibida", "received", "recebida", "reçu"),
    "status_approved": tr("aprobada", "approved", "aprovada", "approuvé"),
    "status_rejected": tr(
        "devuelta para corregir", "rejected", "devolvida para correção", "renvoyé pour correction"
    ),
    "status_resubmitted": tr("reenviada", "resubmitted", "reenviada", "renvoyé corrigé"),
    "status_in_progress": tr("en curso", "in_progress", "em andamento", "en cours"),
    "status_completed": tr("completa", "completed", "completa", "complet"),
    "status_abandoned": tr("interrumpida", "abandoned", "interrompida", "abandonné"),
    # ---- field work: one interview ----
    "interview_title": tr("Entrevista {id}", "Interview {id}", "Entrevista {id}", "Entretien {id}"),
    "household_title": tr("Hogar {id}", "Household {id}", "Domicílio {id}", "Ménage {id}"),
    # AAPOR final dispositions (models.Disposition), as status_word(code, "disposition")
    "disposition_110": tr("completa", "complete", "completa", "complet"),
    "disposition_120": tr("parcial", "partial", "parcial", "partiel"),
    "disposition_210": tr(
        "rechazo o interrupción",
        "refusal or break-off",
        "recusa ou interrupção",
        "refus ou abandon",
    ),
    "disposition_220": tr("no contacto", "non-contact", "sem contato", "non-contact"),
    "disposition_230": tr("otro", "other", "outro", "autre"),
    "disposition_310": tr(
        "elegibilidad desconocida",
        "unknown eligibility",
        "elegibilidade desconhecida",
        "éligibilité inconnue",
    ),
    "disposition_410": tr("no elegible", "not eligible", "não elegível", "non éligible"),
    "unit_disposition": tr(
        "disposición de la unidad",
        "unit disposition",
        "disposição da unidade",
        "code de résultat de l'unité",
    ),
    "interview_id": tr(
        "Identificador de la entrevista",
        "Interview id",
        "Identificador da entrevista",
        "Identifiant de l'entretien",
    ),
    "last_comment": tr(
        "Último comentario", "Last comment", "Último comentário", "Dernier commentaire"
    ),
    "question_n": tr(
        " (pregunta {item})", " (question {item})", " (pergunta {item})", " (question {item})"
    ),
    "household_selection": tr(
        "Hogar y adulto seleccionado",
        "Household and selected adult",
        "Domicílio e adulto selecionado",
        "Ménage et adulte sélectionné",
    ),
    "selection_note_one": tr(
        "Método {method}, semilla {seed}; {n} adulto elegible (el factor de selección); línea "
        "seleccionada {line}.",
        "Method {method}, seed {seed}; {n} eligible adult (the selection factor); selected line "
        "{line}.",
        "Método {method}, semente {seed}; {n} adulto elegível (o fator de seleção); linha "
        "selecionada {line}.",
        "Méthode {method}, graine {seed}\u00a0; {n}\u00a0adulte éligible (le facteur de "
        "sélection)\u00a0; ligne sélectionnée {line}.",
    ),
    "selection_note": tr(
        "Método {method}, semilla {seed}; {n} adultos elegibles (el factor de "
        "selección); línea seleccionada {line}.",
        "Method {method}, seed {seed}; {n} eligible adults (the selection factor); "
        "selected line {line}.",
        "Método {method}, semente {seed}; {n} adultos elegíveis (o fator de seleção); "
        "linha selecionada {line}.",
        "Méthode {method}, graine {seed}\u00a0; {n} adultes éligibles (le facteur de "
        "sélection)\u00a0; ligne sélectionnée {line}.",
    ),
    "draws_made": tr(
        "Se hicieron {n} sorteos",
        "{n} draws were made",
        "Foram feitos {n} sorteios",
        "{n} tirages ont été faits",
    ),
    "roster_disagrees": tr(
        "Las respuestas dicen {size} personas en el hogar y {adults} de 18 años o más; la lista "
        "del hogar tiene {roster_size} y {roster_adults}. Pregunte al encuestador cuál es "
        "correcto: el número de adultos entra en los pesos.",
        "The answers say {size} people in the household and {adults} aged 18 or over; the "
        "household list has {roster_size} and {roster_adults}. Ask the interviewer which is "
        "right: the number of adults enters the weights.",
        "As respostas dizem {size} pessoas no domicílio e {adults} com 18 anos ou mais; a lista "
        "do domicílio tem {roster_size} e {roster_adults}. Pergunte ao entrevistador qual está "
        "certo: o número de adultos entra nos pesos.",
        "Les réponses indiquent {size} personnes dans le ménage, dont {adults} de 18 ans ou "
        "plus\u00a0; la liste du ménage en compte {roster_size} et {roster_adults}. Demandez à "
        "l'enquêteur ce qui est juste\u00a0: le nombre d'adultes entre dans les pondérations.",
    ),
    "selected_differs": tr(
        "La persona seleccionada en la lista ({initials}, línea {line}) es {sex} de {age} "
        "años; las respuestas dicen {answered_sex} de {answered_age} años. Pregunte al "
        "encuestador si respondió otra persona del hogar: el peso de la entrevista supone "
        "que respondió la seleccionada.",
        "The person the list selected ({initials}, line {line}) is {sex}, aged {age}; the "
        "answers say {answered_sex}, aged {answered_age}. Ask the interviewer whether another "
        "member of the household answered: the interview's weight assumes the selected one did.",
        "A pessoa selecionada na lista ({initials}, linha {line}) é {sex} de {age} anos; as "
        "respostas dizem {answered_sex} de {answered_age} anos. Pergunte ao entrevistador se "
        "respondeu outra pessoa do domicílio: o peso da entrevista supõe que respondeu a "
        "selecionada.",
        "La personne sélectionnée dans la liste ({initials}, ligne {line}) est {sex}, "
        "{age}\u00a0ans\u00a0; les réponses indiquent {answered_sex}, {answered_age}\u00a0ans. "
        "Demandez à l'enquêteur si une autre personne du ménage a répondu\u00a0: la pondération "
        "de l'entretien suppose que la personne sélectionnée a répondu.",
    ),
    "draws_ask": tr(
        ": pregunte al encuestador por qué se repitió la selección.",
        ": ask the interviewer why the selection was repeated.",
        ": pergunte ao entrevistador por que a seleção foi repetida.",
        "\u00a0: demandez à l'enquêteur pourquoi la sélection a été refaite.",
    ),
    "roster": tr(
        "Lista de miembros del hogar",
        "Household roster",
        "Lista de moradores do domicílio",
        "Liste des membres du ménage",
    ),
    "line": tr("Línea", "Line", "Linha", "Ligne"),
    "initials": tr("Iniciales", "Initials", "Iniciais", "Initiales"),
    "sex": tr("Sexo", "Sex", "Sexo", "Sexe"),
    # A roster person's sex as the interviewer app records it (status_word(code, "sex")).
    "sex_m": tr("hombre", "man", "homem", "homme"),
    "sex_f": tr("mujer", "woman", "mulher", "femme"),
    "sex_x": tr("otro", "other", "outro", "autre"),
    "age": tr("Edad", "Age", "Idade", "Âge"),
    "birthday": tr("Cumpleaños", "Birthday", "Aniversário", "Anniversaire"),
    "selected": tr(" (seleccionada)", " (selected)", " (selecionada)", " (sélectionnée)"),
    # The household's visits (contact attempts) on the interview page.
    "visits": tr(
        "Visitas al hogar", "Visits to the household", "Visitas ao domicílio", "Visites au ménage"
    ),
    "visits_caption": tr(
        "Cada visita registrada en una tableta, la primera primero",
        "Every visit recorded on a tablet, the first first",
        "Cada visita registrada em um tablet, a primeira primeiro",
        "Chaque visite enregistrée sur une tablette, la première d'abord",
    ),
    "visited_at": tr(
        "Visita (reloj de la tableta)",
        "Visit (tablet clock)",
        "Visita (relógio do tablet)",
        "Visite (horloge de la tablette)",
    ),
    "appointment": tr(
        "Cita para volver",
        "Appointment to come back",
        "Retorno agendado",
        "Rendez-vous pour revenir",
    ),
    "appointment_day_only": tr("(sin hora)", "(no time)", "(sem hora)", "(sans heure)"),
    "visit_note": tr("Nota", "Note", "Nota", "Note"),
    # The wave's appointments still to keep (fieldwork/appointments.py).
    "appointments_title": tr(
        "Citas para volver",
        "Appointments to keep",
        "Retornos agendados",
        "Rendez-vous à honorer",
    ),
    "appointments_intro": tr(
        "Hogares cuya última visita acordó un día para volver y que aún no tienen entrevista "
        "terminada, la cita más temprana primero. «Hoy» y «pasada» según la fecha local del hogar "
        "(la de la tableta que registró la visita).",
        "Households whose last visit agreed a day to come back and that have no finished "
        "interview yet, the earliest appointment first. “Today” and “missed” by the household's "
        "local date (that of the tablet that recorded the visit).",
        "Domicílios cuja última visita combinou um dia para voltar e que ainda não têm entrevista "
        "terminada, o retorno mais cedo primeiro. “Hoje” e “passado” pela data local do "
        "domicílio (a do tablet que registrou a visita).",
        "Ménages dont la dernière visite a convenu d'un jour pour revenir et qui n'ont pas encore "
        "d'entretien terminé, le rendez-vous le plus proche d'abord. «\u00a0Aujourd'hui\u00a0» et "
        "«\u00a0passé\u00a0» selon la date locale du ménage (celle de la tablette qui a "
        "enregistré la visite).",
    ),
    "appointments_caption": tr(
        "Citas para volver, la más temprana primero",
        "Appointments to keep, the earliest first",
        "Retornos agendados, o mais cedo primeiro",
        "Rendez-vous à honorer, le plus proche d'abord",
    ),
    "appointment_today": tr("hoy", "today", "hoje", "aujourd'hui"),
    "appointment_overdue": tr("pasada", "missed", "passado", "passé"),
    "agreed_by": tr(
        "acordada por {name}", "agreed by {name}", "combinado por {name}", "convenu par {name}"
    ),
    "appointments_limit": tr(
        "Se muestran las {n} primeras.",
        "The first {n} are shown.",
        "São mostrados os {n} primeiros.",
        "Les {n} premiers sont affichés.",
    ),
    "no_appointments": tr(
        "Ninguna cita pendiente.",
        "No appointment to keep.",
        "Nenhum retorno pendente.",
        "Aucun rendez-vous à honorer.",
    ),
    "no_visits": tr(
        "Ninguna visita registrada.",
        "No visit recorded.",
        "Nenhuma visita registrada.",
        "Aucune visite enregistrée.",
    ),
    "draws_label": tr("Sorteos:", "Draws:", "Sorteios:", "Tirages\u00a0:"),
    "draw_line": tr(
        "línea {line} de {size}",
        "line {line} of {size}",
        "linha {line} de {size}",
        "ligne {line} sur {size}",
    ),
    "no_roster": tr(
        "Esta entrevista no trajo lista de miembros del hogar.",
        "No household roster was sent with this interview.",
        "Esta entrevista não trouxe lista de moradores do domicílio.",
        "Aucune liste des membres du ménage n'a été envoyée avec cet entretien.",
    ),
    "answers": tr("Respuestas", "Answers", "Respostas", "Réponses"),
    "answers_caption": tr(
        "Respuestas con el texto de la pregunta y de la opción",
        "Answers with question and choice labels",
        "Respostas com o texto da pergunta e da opção",
        "Réponses avec les libellés des questions et des modalités",
    ),
    "question": tr("Pregunta", "Question", "Pergunta", "Question"),
    "code": tr("Código", "Code", "Código", "Code"),
    "answer": tr("Respuesta", "Answer", "Resposta", "Réponse"),
    "incident": tr("Incidente {n}: ", "Incident {n}: ", "Incidente {n}: ", "Incident {n}\u00a0: "),
    "no_answers": tr("Sin respuestas.", "No answers.", "Sem respostas.", "Aucune réponse."),
    "paradata": tr("Paradatos", "Paradata", "Paradados", "Paradonnées"),
    "started_ended": tr(
        "Inicio y fin (reloj del encuestador)",
        "Started, ended (interviewer's clock)",
        "Início e fim (relógio do entrevistador)",
        "Début, fin (horloge de l'enquêteur)",
    ),
    "duration": tr("Duración", "Duration", "Duração", "Durée"),
    "minutes": tr("{n} minutos", "{n} minutes", "{n} minutos", "{n} minutes"),
    "unknown": tr("desconocida", "unknown", "desconhecida", "inconnue"),
    "questions_timed": tr(
        "Preguntas cronometradas, cambios de respuesta",
        "Questions timed, answer changes",
        "Perguntas cronometradas, mudanças de resposta",
        "Questions chronométrées, réponses modifiées",
    ),
    "longest_questions": tr(
        "Preguntas más largas",
        "Longest questions",
        "Perguntas mais demoradas",
        "Questions les plus longues",
    ),
    "app_version": tr(
        "Versión de la aplicación",
        "App version",
        "Versão do aplicativo",
        "Version de l'application",
    ),
    "revisions": tr("Versiones", "Revisions", "Versões", "Versions"),
    "every_revision": tr(
        "Cada versión recibida",
        "Every revision received",
        "Cada versão recebida",
        "Chaque version reçue",
    ),
    "number": tr("Número", "Number", "Número", "Numéro"),
    "received_utc": tr("Recibida (UTC)", "Received (UTC)", "Recebida (UTC)", "Reçue (UTC)"),
    "saved_on_device": tr(
        "Guardada en el dispositivo",
        "Saved on the device",
        "Salva no dispositivo",
        "Enregistrée sur l'appareil",
    ),
    "by": tr("Por", "By", "Por", "Par"),
    "answers_changed": tr(
        "Respuestas cambiadas", "Answers changed", "Respostas alteradas", "Réponses modifiées"
    ),
    "decision": tr("Decisión", "Decision", "Decisão", "Décision"),
    "approved": tr("Aprobada", "Approved", "Aprovada", "Approuvé"),
    "approved_by": tr(" por {name}", " by {name}", " por {name}", " par {name}"),
    "approved_on": tr(" el {date}", " on {date}", " em {date}", " le {date}"),
    "approved_note": tr(
        ". El encuestador ya no puede modificarla.",
        ". The interviewer can no longer change it.",
        ". O entrevistador não pode mais alterá-la.",
        ". L'enquêteur ne peut plus le modifier.",
    ),
    "reopen": tr("Reabrir", "Reopen", "Reabrir", "Rouvrir"),
    "reopen_reason": tr(
        "Por qué se reabre", "Why reopen it", "Por que reabrir", "Pourquoi le rouvrir"
    ),
    "comment": tr(
        "Comentario para el encuestador",
        "Comment for the interviewer",
        "Comentário para o entrevistador",
        "Commentaire pour l'enquêteur",
    ),
    "comment_hint": tr(
        "Necesario para devolver: el encuestador lo ve en la tableta, en la pregunta que "
        "usted elija.",
        "Needed to reject: the interviewer sees it on the tablet, at the question you choose.",
        "Necessário para devolver: o entrevistador o vê no tablet, na pergunta que você escolher.",
        "Nécessaire pour renvoyer\u00a0: l'enquêteur le voit sur la tablette, à la question que "
        "vous choisissez.",
    ),
    "item": tr(
        "Pregunta a la que se refiere (opcional)",
        "Question concerned (optional)",
        "Pergunta em questão (opcional)",
        "Question concernée (facultatif)",
    ),
    "approve": tr("Aprobar", "Approve", "Aprovar", "Approuver"),
    "reject": tr(
        "Devolver para corregir",
        "Reject and send back",
        "Devolver para correção",
        "Renvoyer pour correction",
    ),
    "back_to_list": tr(
        "Volver a la lista", "Back to the list", "Voltar à lista", "Retour à la liste"
    ),
    # ---- field work: messages after an action ----
    "form_expired": tr(
        "El formulario venció o un campo es demasiado largo; inténtelo de nuevo.",
        "The form expired or a field is too long; try again.",
        "O formulário expirou ou um campo é longo demais; tente novamente.",
        "Le formulaire a expiré ou un champ est trop long\u00a0; réessayez.",
    ),
    "reopen_expired": tr(
        "El formulario venció o el motivo es demasiado largo; inténtelo de nuevo.",
        "The form expired or the reason is too long; try again.",
        "O formulário expirou ou o motivo é longo demais; tente novamente.",
        "Le formulaire a expiré ou le motif est trop long\u00a0; réessayez.",
    ),
    "approved_flash": tr(
        "Entrevista del hogar {unit} aprobada: el encuestador ya no puede modificarla. Si fue "
        "un error, un responsable de encuesta (la sede) puede reabrirla desde la página de la "
        "entrevista.",
        "Interview of household {unit} approved: the interviewer can no longer change it. If "
        "this was a mistake, a survey manager (headquarters) can reopen it from the "
        "interview's page.",
        "Entrevista do domicílio {unit} aprovada: o entrevistador não pode mais alterá-la. Se "
        "foi um erro, um gestor da pesquisa (a sede) pode reabri-la na página da entrevista.",
        "Entretien du ménage {unit} approuvé\u00a0: l'enquêteur ne peut plus le modifier. En "
        "cas d'erreur, un responsable d'enquête (le siège) peut le rouvrir depuis la page de "
        "l'entretien.",
    ),
    "approved_flash_hq": tr(
        "Entrevista del hogar {unit} aprobada: el encuestador ya no puede modificarla. Si fue "
        "un error, usted puede reabrirla desde la página de la entrevista, con un motivo.",
        "Interview of household {unit} approved: the interviewer can no longer change it. If "
        "this was a mistake, you can reopen it from the interview's page, giving a reason.",
        "Entrevista do domicílio {unit} aprovada: o entrevistador não pode mais alterá-la. Se "
        "foi um erro, você pode reabri-la na página da entrevista, com um motivo.",
        "Entretien du ménage {unit} approuvé\u00a0: l'enquêteur ne peut plus le modifier. En "
        "cas d'erreur, vous pouvez le rouvrir depuis la page de l'entretien, avec un motif.",
    ),
    "approve_hint": tr(
        "Aprobar cierra la entrevista: el encuestador ya no podrá modificarla; solo un "
        "responsable de encuesta (la sede) puede reabrirla.",
        "Approving closes the interview: the interviewer can no longer change it; only a "
        "survey manager (headquarters) can reopen it.",
        "Aprovar fecha a entrevista: o entrevistador não poderá mais alterá-la; só um gestor "
        "da pesquisa (a sede) pode reabri-la.",
        "Approuver clôt l'entretien\u00a0: l'enquêteur ne pourra plus le modifier\u00a0; seul "
        "un responsable d'enquête (le siège) peut le rouvrir.",
    ),
    "sent_back_flash": tr(
        "Devuelta al encuestador con su comentario.",
        "Sent back to the interviewer with your comment.",
        "Devolvida ao entrevistador com o seu comentário.",
        "Renvoyé à l'enquêteur avec votre commentaire.",
    ),
    "reopened_flash": tr(
        "Reabierta: un supervisor ya puede devolverla al encuestador.",
        "Reopened: a supervisor can now send it back to the interviewer.",
        "Reaberta: um supervisor já pode devolvê-la ao entrevistador.",
        "Rouvert\u00a0: un superviseur peut maintenant le renvoyer à l'enquêteur.",
    ),
    # ---- login ----
    "log_in": tr("Iniciar sesión", "Log in", "Entrar", "Se connecter"),
    "email": tr("Correo electrónico", "Email address", "E-mail", "Adresse e-mail"),
    "password": tr("Contraseña", "Password", "Senha", "Mot de passe"),
    "remember": tr(
        "Mantener la sesión iniciada en este dispositivo",
        "Keep me logged in on this device",
        "Manter conectado neste dispositivo",
        "Rester connecté sur cet appareil",
    ),
    "enter_email": tr(
        "Escriba su correo electrónico.",
        "Enter your email address.",
        "Digite o seu e-mail.",
        "Saisissez votre adresse e-mail.",
    ),
    "enter_password": tr(
        "Escriba su contraseña.",
        "Enter your password.",
        "Digite a sua senha.",
        "Saisissez votre mot de passe.",
    ),
    "login_failed": tr(
        "El correo electrónico o la contraseña son incorrectos, o la cuenta está bloqueada "
        "tras {n} intentos fallidos (se desbloquea después de {minutes} minutos).",
        "The email address or password is wrong, or the account is locked after {n} failed "
        "attempts (it unlocks after {minutes} minutes).",
        "O e-mail ou a senha estão incorretos, ou a conta está bloqueada após {n} tentativas "
        "sem sucesso (ela é desbloqueada após {minutes} minutos).",
        "L'adresse e-mail ou le mot de passe est incorrect, ou le compte est bloqué après "
        "{n} tentatives échouées (il se débloque au bout de {minutes} minutes).",
    ),
    "please_log_in": tr(
        "Inicie sesión para ver esta página.",
        "Please log in to see this page.",
        "Entre no sistema para ver esta página.",
        "Connectez-vous pour voir cette page.",
    ),
    "logged_out": tr(
        "Ha cerrado la sesión.",
        "You have logged out.",
        "Você saiu do sistema.",
        "Vous êtes déconnecté.",
    ),
    # ---- password ----
    "change_password": tr(
        "Cambiar la contraseña", "Change password", "Alterar a senha", "Changer le mot de passe"
    ),
    "change_your_password": tr(
        "Cambie su contraseña",
        "Change your password",
        "Altere a sua senha",
        "Changez votre mot de passe",
    ),
    "current_password": tr(
        "Contraseña actual", "Current password", "Senha atual", "Mot de passe actuel"
    ),
    "new_password": tr("Contraseña nueva", "New password", "Nova senha", "Nouveau mot de passe"),
    "repeat_password": tr(
        "Repita la contraseña nueva",
        "Repeat the new password",
        "Repita a nova senha",
        "Répétez le nouveau mot de passe",
    ),
    "password_hint": tr(
        "Al menos 10 caracteres. Se cerrarán las demás sesiones de su cuenta.",
        "At least 10 characters. Other sessions of your account will be logged out.",
        "Pelo menos 10 caracteres. As outras sessões da sua conta serão encerradas.",
        "Au moins 10 caractères. Les autres sessions de votre compte seront fermées.",
    ),
    "enter_current": tr(
        "Escriba su contraseña actual.",
        "Enter your current password.",
        "Digite a sua senha atual.",
        "Saisissez votre mot de passe actuel.",
    ),
    "enter_new": tr(
        "Escriba una contraseña nueva.",
        "Enter a new password.",
        "Digite uma nova senha.",
        "Saisissez un nouveau mot de passe.",
    ),
    "new_too_short": tr(
        "La contraseña nueva debe tener al menos 10 caracteres.",
        "The new password must have at least 10 characters.",
        "A nova senha deve ter pelo menos 10 caracteres.",
        "Le nouveau mot de passe doit comporter au moins 10 caractères.",
    ),
    "new_too_long": tr(
        "La contraseña nueva debe tener como máximo 200 caracteres.",
        "The new password must have at most 200 characters.",
        "A nova senha deve ter no máximo 200 caracteres.",
        "Le nouveau mot de passe doit comporter au plus 200 caractères.",
    ),
    "no_match_passwords": tr(
        "Las dos contraseñas nuevas no coinciden.",
        "The two new passwords do not match.",
        "As duas novas senhas não são iguais.",
        "Les deux nouveaux mots de passe ne correspondent pas.",
    ),
    "current_wrong": tr(
        "La contraseña actual es incorrecta.",
        "The current password is wrong.",
        "A senha atual está incorreta.",
        "Le mot de passe actuel est incorrect.",
    ),
    "password_changed": tr(
        "Su contraseña ha sido cambiada.",
        "Your password has been changed.",
        "A sua senha foi alterada.",
        "Votre mot de passe a été changé.",
    ),
    # a temporary password (set by an administrator or the CLI) must be changed first
    "temporary_change_first": tr(
        "Su contraseña es temporal: elija una propia para continuar.",
        "Your password is temporary: choose your own to continue.",
        "A sua senha é temporária: escolha uma própria para continuar.",
        "Votre mot de passe est temporaire\u00a0: choisissez le vôtre pour continuer.",
    ),
    "temporary_password_intro": tr(
        "Un administrador fijó su contraseña actual, así que también la conoce. Elija una "
        "nueva que solo usted sepa; hasta entonces no podrá usar las demás páginas.",
        "An administrator set your current password, so they know it too. Choose a new one "
        "that only you know; until then the other pages are closed to you.",
        "Um administrador definiu a sua senha atual, então ele também a conhece. Escolha uma "
        "nova que só você saiba; até lá as outras páginas ficam fechadas.",
        "Un administrateur a défini votre mot de passe actuel\u00a0; il le connaît donc aussi. "
        "Choisissez-en un nouveau que vous seul connaissez\u00a0; d'ici là, les autres pages "
        "vous restent fermées.",
    ),
    "new_same_as_current": tr(
        "La contraseña nueva debe ser distinta de la actual.",
        "The new password must differ from the current one.",
        "A nova senha deve ser diferente da atual.",
        "Le nouveau mot de passe doit être différent de l'actuel.",
    ),
    # ---- sessions ----
    "your_sessions": tr("Sus sesiones", "Your sessions", "As suas sessões", "Vos sessions"),
    "where_logged_in": tr(
        "Dónde tiene la sesión iniciada",
        "Where you are logged in",
        "Onde você está conectado",
        "Où vous êtes connecté",
    ),
    "sessions_note": tr(
        "Las sesiones terminan tras un tiempo sin uso, al vencer o cuando usted las cierra "
        "aquí (ese navegador queda desconectado de inmediato).",
        "Sessions end after a time without use, at their expiry, or when you end them here "
        "(that browser is logged out at once).",
        "As sessões terminam após um tempo sem uso, ao expirar ou quando você as encerra "
        "aqui (esse navegador é desconectado na hora).",
        "Les sessions se terminent après un temps d'inactivité, à leur expiration ou quand "
        "vous les fermez ici (ce navigateur est aussitôt déconnecté).",
    ),
    "active_sessions": tr(
        "Sus sesiones activas",
        "Your active sessions",
        "As suas sessões ativas",
        "Vos sessions actives",
    ),
    "browser": tr("Navegador", "Browser", "Navegador", "Navigateur"),
    # the sessions table's time columns: their times are UTC, said here once rather than in
    # each row (as the audit log's "when_utc")
    "logged_in_utc": tr(
        "Inicio de sesión (UTC)", "Logged in (UTC)", "Entrada (UTC)", "Connexion (UTC)"
    ),
    "last_seen_utc": tr(
        "Última actividad (UTC)",
        "Last seen (UTC)",
        "Última atividade (UTC)",
        "Dernière activité (UTC)",
    ),
    "expires": tr("Vence", "Expires", "Expira", "Expire"),
    "expires_utc": tr("Vence (UTC)", "Expires (UTC)", "Expira (UTC)", "Expire (UTC)"),
    "unknown_browser": tr("desconocido", "unknown", "desconhecido", "inconnu"),
    "this_browser": tr("(este navegador)", "(this browser)", "(este navegador)", "(ce navigateur)"),
    "end": tr("Cerrar", "End", "Encerrar", "Fermer"),
    "end_log_out": tr(" (cerrar sesión)", " (log out)", " (sair)", " (se déconnecter)"),
    "session_not_yours": tr(
        "Esa sesión no es suya o ya terminó.",
        "That session is not one of yours, or it has already ended.",
        "Essa sessão não é sua ou já terminou.",
        "Cette session n'est pas l'une des vôtres, ou elle est déjà terminée.",
    ),
    "this_session_ended": tr(
        "Esta sesión terminó; vuelva a iniciar sesión.",
        "This session has ended; log in again.",
        "Esta sessão terminou; entre novamente.",
        "Cette session est terminée\u00a0; reconnectez-vous.",
    ),
    "session_ended": tr(
        "La sesión terminó.",
        "The session has ended.",
        "A sessão foi encerrada.",
        "La session est terminée.",
    ),
    # ---- two-factor authentication ----
    "two_factor": tr(
        "Verificación en dos pasos",
        "Two-factor authentication",
        "Verificação em duas etapas",
        "Authentification à deux facteurs",
    ),
    "code_hint": tr(
        "El código de 6 dígitos que muestra ahora su aplicación de autenticación, o uno de "
        "sus códigos de recuperación.",
        "The 6-digit code your authenticator app shows now, or one of your recovery codes.",
        "O código de 6 dígitos que o seu aplicativo autenticador mostra agora, ou um dos "
        "seus códigos de recuperação.",
        "Le code à 6 chiffres que votre application d'authentification affiche maintenant, "
        "ou l'un de vos codes de récupération.",
    ),
    "enter_code": tr(
        "Escriba el código de su aplicación.",
        "Enter the code from your app.",
        "Digite o código do seu aplicativo.",
        "Saisissez le code de votre application.",
    ),
    "code_wrong": tr(
        "El código es incorrecto o ya se usó, o la cuenta está bloqueada tras {n} intentos "
        "fallidos. Escriba el código más reciente de su aplicación o uno de sus códigos de "
        "recuperación.",
        "The code is wrong or was already used, or the account is locked after {n} failed "
        "attempts. Type the newest code from your app, or one of your recovery codes.",
        "O código está incorreto ou já foi usado, ou a conta está bloqueada após {n} "
        "tentativas sem sucesso. Digite o código mais recente do seu aplicativo ou um dos "
        "seus códigos de recuperação.",
        "Le code est incorrect ou a déjà servi, ou le compte est bloqué après {n} tentatives "
        "échouées. Saisissez le code le plus récent de votre application, ou l'un de vos "
        "codes de récupération.",
    ),
    "log_in_first": tr(
        "Primero inicie sesión con su correo electrónico y su contraseña.",
        "Log in with your email and password first.",
        "Primeiro entre com o seu e-mail e a sua senha.",
        "Connectez-vous d'abord avec votre adresse e-mail et votre mot de passe.",
    ),
    "two_factor_is_on": tr(
        "La verificación en dos pasos está activada",
        "Two-factor authentication is on",
        "A verificação em duas etapas está ativada",
        "L'authentification à deux facteurs est activée",
    ),
    "two_factor_on_note": tr(
        "Cada inicio de sesión pide un código de su aplicación de autenticación. Códigos "
        "de recuperación sin usar: {left}.",
        "Every login asks for a code from your authenticator app. Unused recovery codes: {left}.",
        "Cada entrada pede um código do seu aplicativo autenticador. Códigos de "
        "recuperação não usados: {left}.",
        "Chaque connexion demande un code de votre application d'authentification. Codes "
        "de récupération inutilisés\u00a0: {left}.",
    ),
    "new_recovery_codes": tr(
        "Nuevos códigos de recuperación",
        "New recovery codes",
        "Novos códigos de recuperação",
        "Nouveaux codes de récupération",
    ),
    "turn_it_off": tr("Desactivarla", "Turn it off", "Desativá-la", "La désactiver"),
    "turn_off": tr("Desactivar", "Turn off", "Desativar", "Désactiver"),
    "your_password": tr("Su contraseña", "Your password", "A sua senha", "Votre mot de passe"),
    "role_requires": tr(
        "Su rol exige la verificación en dos pasos; no se puede desactivar.",
        "Your role requires two-factor authentication; it cannot be turned off.",
        "O seu perfil exige a verificação em duas etapas; ela não pode ser desativada.",
        "Votre rôle exige l'authentification à deux facteurs\u00a0; elle ne peut pas être désactivée.",
    ),
    "wrong_password_stays_on": tr(
        "La contraseña es incorrecta; la verificación en dos pasos sigue activada.",
        "The password is wrong; two-factor authentication stays on.",
        "A senha está incorreta; a verificação em duas etapas continua ativada.",
        "Le mot de passe est incorrect\u00a0; l'authentification à deux facteurs reste activée.",
    ),
    "two_factor_off": tr(
        "La verificación en dos pasos está desactivada.",
        "Two-factor authentication is off.",
        "A verificação em duas etapas está desativada.",
        "L'authentification à deux facteurs est désactivée.",
    ),
    "set_up_to_continue": tr(
        "Su rol exige la verificación en dos pasos: configúrela para continuar.",
        "Your role requires two-factor authentication: set it up to continue.",
        "O seu perfil exige a verificação em duas etapas: configure-a para continuar.",
        "Votre rôle exige l'authentification à deux facteurs\u00a0: configurez-la pour continuer.",
    ),
    "set_up_two_factor": tr(
        "Configurar la verificación en dos pasos",
        "Set up two-factor authentication",
        "Configurar a verificação em duas etapas",
        "Configurer l'authentification à deux facteurs",
    ),
    "setup_required": tr(
        "Su rol la exige: las páginas del personal se abren una vez configurada.",
        "Your role requires it: the staff pages open once it is set up.",
        "O seu perfil a exige: as páginas da equipe se abrem depois de configurá-la.",
        "Votre rôle l'exige\u00a0: les pages du personnel s'ouvrent une fois qu'elle est configurée.",
    ),
    "setup_scan": tr(
        "Abra una aplicación de autenticación en su teléfono (cualquiera que genere códigos "
        "«TOTP») y escanee este código:",
        'Open an authenticator app on your phone (any app for "TOTP" codes) and scan this code:',
        "Abra um aplicativo autenticador no seu celular (qualquer um que gere códigos "
        "“TOTP”) e escaneie este código:",
        "Ouvrez une application d'authentification sur votre téléphone (toute application "
        "de codes «\u00a0TOTP\u00a0») et scannez ce code\u00a0:",
    ),
    "setup_or_type": tr(
        "o escriba esta clave:",
        "or type this key:",
        "ou digite esta chave:",
        "ou saisissez cette clé\u00a0:",
    ),
    "setup_type_code": tr(
        "Escriba el código de 6 dígitos que muestra la aplicación.",
        "Type the 6-digit code the app shows.",
        "Digite o código de 6 dígitos que o aplicativo mostra.",
        "Saisissez le code à 6 chiffres qu'affiche l'application.",
    ),
    "turn_on": tr("Activar", "Turn on", "Ativar", "Activer"),
    "recovery_codes": tr(
        "Códigos de recuperación",
        "Recovery codes",
        "Códigos de recuperação",
        "Codes de récupération",
    ),
    "recovery_title_new": tr(
        "La verificación en dos pasos está activada: sus códigos de recuperación",
        "Two-factor authentication is on: your recovery codes",
        "A verificação em duas etapas está ativada: os seus códigos de recuperação",
        "L'authentification à deux facteurs est activée\u00a0: vos codes de récupération",
    ),
    "recovery_title": tr(
        "Sus nuevos códigos de recuperación",
        "Your new recovery codes",
        "Os seus novos códigos de recuperação",
        "Vos nouveaux codes de récupération",
    ),
    "recovery_note": tr(
        "Cada código permite iniciar sesión una vez si pierde su teléfono. Guárdelos en un "
        "lugar seguro: solo se muestran ahora.",
        "Each code logs you in once if you lose your phone. Keep them somewhere safe: they "
        "are shown only now.",
        "Cada código permite entrar uma vez se você perder o celular. Guarde-os em um lugar "
        "seguro: eles só são mostrados agora.",
        "Chaque code vous connecte une fois si vous perdez votre téléphone. Conservez-les en "
        "lieu sûr\u00a0: ils ne sont affichés que maintenant.",
    ),
    "recovery_note_old": tr(
        "Cada código permite iniciar sesión una vez si pierde su teléfono. Guárdelos en un "
        "lugar seguro: solo se muestran ahora, y los anteriores ya no sirven.",
        "Each code logs you in once if you lose your phone. Keep them somewhere safe: they "
        "are shown only now, and the old ones no longer work.",
        "Cada código permite entrar uma vez se você perder o celular. Guarde-os em um lugar "
        "seguro: eles só são mostrados agora, e os anteriores não funcionam mais.",
        "Chaque code vous connecte une fois si vous perdez votre téléphone. Conservez-les en "
        "lieu sûr\u00a0: ils ne sont affichés que maintenant, et les anciens ne fonctionnent plus.",
    ),
    "continue": tr("Continuar", "Continue", "Continuar", "Continuer"),
    # ---- error pages inside a staff page (errors.STAFF_ERRORS; the others stay English) ----
    "error_403_title": tr("Acceso denegado", "Forbidden", "Acesso negado", "Accès refusé"),
    "error_403": tr(
        "No tiene permiso para ver esta página.",
        "You do not have permission to see this page.",
        "Você não tem permissão para ver esta página.",
        "Vous n'avez pas l'autorisation de voir cette page.",
    ),
    "error_404_title": tr(
        "Página no encontrada", "Page not found", "Página não encontrada", "Page introuvable"
    ),
    "error_404": tr(
        "Esta página no existe. Revise la dirección.",
        "This page does not exist. Check the address.",
        "Esta página não existe. Verifique o endereço.",
        "Cette page n'existe pas. Vérifiez l'adresse.",
    ),
    "error_400_title": tr(
        "Solicitud incorrecta", "Bad request", "Solicitação inválida", "Requête incorrecte"
    ),
    "error_400": tr(
        "No se pudo entender la solicitud. Vuelva atrás e inténtelo de nuevo.",
        "The request could not be understood. Please go back and try again.",
        "Não foi possível entender a solicitação. Volte e tente de novo.",
        "La requête n'a pas pu être comprise. Revenez en arrière et réessayez.",
    ),
    "error_csrf": tr(
        "El formulario había caducado o no se envió desde este sitio. Vuelva a cargar la "
        "página e inténtelo de nuevo.",
        "The form had expired or was not sent from this site. Reload the page and try again.",
        "O formulário tinha expirado ou não foi enviado deste site. Recarregue a página e "
        "tente de novo.",
        "Le formulaire avait expiré ou n'a pas été envoyé depuis ce site. Rechargez la page "
        "et réessayez.",
    ),
    "error_nul": tr(
        "Lo que envió contiene un carácter NUL (un byte cero), que ningún campo acepta. "
        "Quítelo (suele venir de copiar desde otro programa) e inténtelo de nuevo.",
        "What you sent contains a NUL character (a zero byte), which no field accepts. "
        "Remove it (it often comes from copying out of another program) and try again.",
        "O que você enviou contém um caractere NUL (um byte zero), que nenhum campo aceita. "
        "Remova-o (costuma vir de uma cópia de outro programa) e tente de novo.",
        "Ce que vous avez envoyé contient un caractère NUL (un octet nul), qu'aucun champ "
        "n'accepte. Supprimez-le (il vient souvent d'un copier-coller depuis un autre "
        "programme) et réessayez.",
    ),
    "error_405_title": tr(
        "Método no permitido", "Method not allowed", "Método não permitido", "Méthode non autorisée"
    ),
    "error_405": tr(
        "Esta página no se puede usar de esa manera.",
        "This page cannot be used that way.",
        "Esta página não pode ser usada dessa forma.",
        "Cette page ne peut pas être utilisée ainsi.",
    ),
    "error_409_title": tr("Conflicto", "Conflict", "Conflito", "Conflit"),
    "error_409": tr(
        "Otra persona cambió esto al mismo tiempo. Vuelva a cargar la página e inténtelo de nuevo.",
        "Someone else changed this at the same time. Reload the page and try again.",
        "Outra pessoa alterou isto ao mesmo tempo. Recarregue a página e tente de novo.",
        "Quelqu'un d'autre a modifié ceci au même moment. Rechargez la page et réessayez.",
    ),
    "error_413_title": tr(
        "Solicitud demasiado grande",
        "Request too large",
        "Solicitação grande demais",
        "Requête trop volumineuse",
    ),
    "error_413": tr(
        "Lo que envió es demasiado grande.",
        "What you sent is too large.",
        "O que você enviou é grande demais.",
        "Ce que vous avez envoyé est trop volumineux.",
    ),
    "error_429_title": tr(
        "Demasiadas solicitudes",
        "Too many requests",
        "Solicitações demais",
        "Trop de requêtes",
    ),
    "error_429": tr(
        "Demasiados intentos. Espere unos minutos e inténtelo de nuevo.",
        "Too many attempts. Please wait a few minutes and try again.",
        "Tentativas demais. Aguarde alguns minutos e tente de novo.",
        "Trop de tentatives. Patientez quelques minutes et réessayez.",
    ),
    "error_500_title": tr(
        "Error del servidor", "Server error", "Erro do servidor", "Erreur du serveur"
    ),
    "error_500": tr(
        "Algo salió mal de nuestro lado. Usted no perdió nada de lo que escribió; inténtelo de "
        "nuevo más tarde.",
        "Something went wrong on our side. Nothing you entered was lost by you; please try "
        "again later.",
        "Algo deu errado do nosso lado. Você não perdeu nada do que digitou; tente de novo "
        "mais tarde.",
        "Un problème est survenu de notre côté. Vous n'avez rien perdu de ce que vous avez "
        "saisi\u00a0; réessayez plus tard.",
    ),
    "error_503_title": tr(
        "No disponible por el momento",
        "Temporarily unavailable",
        "Indisponível no momento",
        "Momentanément indisponible",
    ),
    "error_503": tr(
        "El servicio no puede acceder a sus datos por un momento. Lo que se guardó antes está "
        "a salvo; inténtelo de nuevo en unos minutos.",
        "The service cannot reach its data for a moment. What was saved before is safe; "
        "please try again in a few minutes.",
        "O serviço não consegue acessar seus dados por um momento. O que foi salvo antes está "
        "seguro; tente de novo em alguns minutos.",
        "Le service ne peut pas accéder à ses données pour le moment. Ce qui a été enregistré "
        "auparavant est en sécurité\u00a0; réessayez dans quelques minutes.",
    ),
    "go_home": tr(
        "Ir a la página de inicio",
        "Go to the home page",
        "Ir para a página inicial",
        "Aller à la page d'accueil",
    ),
}
for _table in (MANAGE, SERVICE_TEXTS, UPLOADS):
    if TEXTS.keys() & _table.keys():  # one key, two texts: the later would silently win
        raise RuntimeError(f"keys in both staff tables: {sorted(TEXTS.keys() & _table.keys())}")
    TEXTS.update(_table)


def staff_language() -> str:
    """The language of this staff page: ?lang=, else the one chosen before, else the browser's."""
    asked = request.args.get("lang", "")
    if asked in LANGUAGES:
        return asked
    chosen = session.get(SESSION_KEY)
    if isinstance(chosen, str) and chosen in LANGUAGES:
        return chosen
    return pick_language(LANGUAGES, str(current_app.config["STAFF_DEFAULT_LANGUAGE"]))


def leaving_language() -> str | None:
    """The language of the page a redirect leaves, for the page it goes to: ``?lang=`` when
    asked, the site's default on a public page (observatory: no browser negotiation), None on
    a staff page without ``?lang=`` (the staff language is the same on the next page)."""
    asked = request.args.get("lang", "")
    if asked in LANGUAGES:
        return asked
    return None if is_staff_page() else default_language()


def st(key: str, **values: object) -> str:
    """The staff text ``key`` in this request's staff language (English outside a request)."""
    language = staff_language() if has_request_context() else "en"
    return lookup(TEXTS, key, language, **values)


class LazyText:
    """A staff text looked up when shown: WTForms labels and messages are built once per class."""

    def __init__(self, key: str) -> None:
        lookup(TEXTS, key, "en")  # a wrong key fails at import, not in a request
        self.key = key

    def __str__(self) -> str:
        return st(self.key)

    def __html__(self) -> str:
        return str(escape(str(self)))

    def __mod__(self, values: object) -> str:
        # WTForms fills its validators' messages with ``message % {...}``.
        return str(self) % values


def lazy(key: str) -> Any:
    """``key``'s text for a form class (typed ``Any``: WTForms wants a ``str``)."""
    return LazyText(key)


def _remember_language() -> None:
    """A ``?lang=`` link's choice stays for the following pages, form posts and redirects."""
    if not is_staff_page():
        return
    asked = request.args.get("lang", "")
    if asked in LANGUAGES and session.get(SESSION_KEY) != asked:
        session[SESSION_KEY] = asked


def is_staff_page() -> bool:
    """This request is a staff page: its route is a staff blueprint's or one of
    :data:`STAFF_ENDPOINTS`, or (a path no route answers: 404, 405) the path is under a staff
    blueprint's prefix."""
    if request.blueprint is not None or request.url_rule is not None:
        return request.blueprint in STAFF_BLUEPRINTS or request.endpoint in STAFF_ENDPOINTS
    for name in STAFF_BLUEPRINTS:
        prefix = current_app.blueprints[name].url_prefix or ""
        if prefix and (request.path == prefix or request.path.startswith(prefix + "/")):
            return True
    return False


def page_language() -> str:
    """The language of this page's staff words: the staff language on staff pages, else English."""
    if not has_request_context():  # a template rendered by a command or a worker
        return "en"
    if "staff_page_language" not in g:
        staff = is_staff_page()
        g.staff_page_language = staff_language() if staff else "en"
    return str(g.staff_page_language)


def _page_text(key: str, **values: object) -> str:
    return lookup(TEXTS, key, page_language(), **values)


def _status_word(value: str, kind: str = "status") -> str:
    """A stored value in words: a review or interview state, or with ``kind`` another enum's
    value (``wave`` for a wave's status, ``mode``, ``role``, ``level``, ``scope``); an
    unknown one as stored."""
    key = f"{kind}_{value}"
    return lookup(TEXTS, key, page_language()) if key in TEXTS else value


#: Audit details whose stored values are one of a known set, by ``(action, key)`` (``None``: any
#: action), and the kind of staff words they are said in (:func:`_status_word`).
AUDIT_VALUE_KINDS: dict[tuple[str | None, str], str] = {
    (None, "scope"): "scope",
    (None, "role"): "role",
    (None, "level"): "level",
    (None, "outcome"): "outcome",
    (None, "disposition"): "disposition",
    (None, "selection_method"): "selection",
    (None, "indicator_interviews"): "feeds",
    ("user.set_role", "from"): "role",
    ("user.set_role", "to"): "role",
    ("wave.set_status", "from"): "wave",
    ("wave.set_status", "to"): "wave",
    ("interview.upload", "status"): "status",
    ("unit.reassign", "interview"): "status",
    ("user.session_end", "reason"): "session_end",
    ("user.sessions_end_all", "reason"): "session_end",
}


def _audit_value(action: str, key: str, value: object) -> str:
    """An audit detail's stored value in this page's language when it is one of a known set
    (:data:`AUDIT_VALUE_KINDS`), else as stored (the stored entry stays as it is)."""
    kind = AUDIT_VALUE_KINDS.get((action, key)) or AUDIT_VALUE_KINDS.get((None, key))
    if kind is None or isinstance(value, bool) or not isinstance(value, str | int):
        return str(value)
    return _status_word(str(value).replace(" ", "_").replace("-", "_"), kind)


def staff_number(value: float | None, decimals: int = 1) -> str:
    """``value`` written as this page's language writes numbers (a dash when not a number)."""
    return format_number(value, page_language(), decimals)


def staff_date(day: dt.date) -> str:
    """``day`` as this page's language writes dates in running text ("30 de noviembre de
    2026", "November 30, 2026"; analysis.i18n.format_date), not ISO: machine outputs (CSV,
    the API) keep ISO dates."""
    return format_date(day, page_language())


#: The CLDR locale whose times each language's staff pages write, where it is not the
#: language's own: English on the 24-hour clock ("15:00", as CLDR's en_GB and Belize's en_BZ),
#: not the United States' "3:00 PM". The readers are statistics offices of Latin America and the
#: Caribbean reading es/pt/fr pages that say "15:00" beside English ones; the interviewer agrees
#: an appointment at "15:00" (the app's time field and cards) and the night flag says "22:00".
TIME_LOCALES: dict[str, str] = {"en": "en_GB"}


def staff_time(time: dt.time | dt.datetime, seconds: bool = False) -> str:
    """A time of day as this page's language writes it on the 24-hour clock (CLDR's short
    time, Babel; English's from :data:`TIME_LOCALES`): "14:03", English "14:03"."""
    from babel.dates import format_time

    language = page_language()
    locale = TIME_LOCALES.get(language, language)
    return str(format_time(time, "medium" if seconds else "short", locale=locale))


def _date_and_time(moment: dt.datetime, seconds: bool) -> str:
    """``moment``'s own date and time (no zone conversion) as this page's language joins them
    (CLDR's pattern): "30 de noviembre de 2026, 14:03"."""
    from babel import Locale

    language = page_language()
    time = staff_time(moment.replace(tzinfo=None), seconds)
    pattern = str(Locale.parse(language).datetime_formats["long"])
    return pattern.replace("{1}", format_date(moment.date(), language)).replace("{0}", time)


def staff_datetime(moment: dt.datetime, seconds: bool = False, zone: bool = True) -> str:
    """A server's moment (stored in UTC; a naive one is UTC) as this page's language writes a
    date and a time, the zone said: ``30 de noviembre de 2026, 14:03 UTC``, ``November 30,
    2026, 14:03 UTC``, ``30\u00a0novembre\u00a02026, 14:03 UTC`` (the date as
    :func:`staff_date` writes it, the time and the joining pattern CLDR's, Babel), not ISO:
    machine outputs (CSV, the API, ``<time datetime>``) keep ISO. The one date-and-time
    format of the staff pages (:func:`device_time` writes a tablet's clock with it). Without
    ``zone`` where a table says UTC once, in its column's heading (the audit log)."""
    utc = moment if moment.tzinfo is None else moment.astimezone(dt.UTC).replace(tzinfo=None)
    return f"{_date_and_time(utc, seconds)}\u00a0UTC" if zone else _date_and_time(utc, seconds)


def birthday_iso(value: object) -> str | None:
    """A household member's birthday as the roster stores it ("MM-DD",
    services.selection) as HTML's day without a year, ``--03-05``, for ``<time datetime>``;
    None for anything that is not a day of the year (``02-29`` is one)."""
    from .services.selection import SelectionError, day_of_year

    if not isinstance(value, str):
        return None
    try:
        day_of_year(value)
    except SelectionError:
        return None
    return f"--{value}"


def staff_birthday(value: object) -> str:
    """A roster's birthday ("MM-DD") as this page's language writes a day and its month,
    without a year (CLDR's ``MMMMd``, Babel): "5 de marzo", "March 5" (English staff dates are
    "March 5, 2026"), "5 de março", "5 mars" (French "1er mars", no-break space as
    :func:`staff_date`). Supervisors read "03-05" as the 3rd of May. Anything else (an older
    upload's value) as it is stored; nothing for none."""
    from babel.dates import format_skeleton

    if birthday_iso(value) is None:
        return "" if value is None else str(value)
    assert isinstance(value, str)
    month, day = (int(part) for part in value.split("-"))
    language = page_language()
    # a leap year, so that 29 February is a day
    text = str(format_skeleton("MMMMd", dt.date(2000, month, day), locale=language))
    if language == "fr":
        if day == 1:
            text = "1er" + text[1:]
        text = text.replace(" ", "\u00a0")
    return text


def staff_count(n: int | None) -> str:
    """A count grouped by thousands as this page's language writes it ("12.345", "12,345",
    French "12\u202f345"); a dash when there is none."""
    return format_number(n, page_language(), 0)


def staff_counted(key: str, count: int | None, **values: object) -> str:
    """The staff text ``key`` about ``count`` things, ``{n}`` the count as :func:`staff_count`
    writes it, in the singular where this page's language says so (``<key>_one``: "1 unit
    assigned"; the rule is analysis.i18n.is_singular)."""
    language = page_language()
    if count is None:  # not known: the plural text, the count a dash as staff_count writes it
        return lookup(TEXTS, key, language, n=staff_count(count), **values)
    return lookup_count(TEXTS, key, language, count, n=staff_count(count), **values)


def device_time(value: object, at: dt.datetime | None = None) -> str:
    """A time an interviewer's tablet wrote (ISO 8601 with its UTC offset,
    ``2026-12-06T10:15:00.123-05:00``) as a person reads it, the device's own clock and
    offset, the date and time as :func:`staff_datetime` writes them: ``6 de diciembre de
    2026, 10:15 (UTC-05:00)``. Anything else as it came; a dash for nothing.

    With ``at`` (a moment of the server's, such as when an upload arrived), that moment on the
    same device's clock: ``at`` in ``value``'s offset, written the same way, so that a list
    of interviews reads like the interview's own page; ``… UTC`` when ``value`` gives no
    offset."""
    text = "" if value is None else str(value)
    try:
        moment: dt.datetime | None = dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        moment = None
    offset = moment.utcoffset() if moment is not None else None
    if at is not None:
        if offset is None:
            return staff_datetime(at)
        moment = at.astimezone(dt.timezone(offset))
    elif moment is None:
        return text or "—"
    elif offset is None:
        return _date_and_time(moment, False)
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{_date_and_time(moment, False)} (UTC{sign}{hours:02d}:{rest:02d})"


def staff_percent(share: float | None, decimals: int = 1) -> str:
    """A share (0–1) as a percentage the way this page's language writes it ("12,5%",
    French "12,5\u00a0%"); a dash when not a number."""
    return format_percent(None if share is None else 100 * share, page_language(), decimals)


def english(text: str) -> str:
    """A sentence a service wrote in English, marked ``lang="en"`` inside a page in another
    language (as it is on an English page)."""
    if page_language() == "en":
        return text
    return Markup('<span lang="en">{}</span>').format(text)


class Refused(Protocol):
    """What a service reported: a ``UserError`` or a file's ``RowError``."""

    @property
    def message(self) -> str: ...
    @property
    def problem(self) -> Problem | None: ...


def service_message(error: Refused) -> str:
    """What a service refused, in this page's language when it said it as a ``Problem``,
    else its English sentence (marked by :func:`english`)."""
    if error.problem is None:
        return english(error.message)
    return error.problem.text(page_language())


def _template_words() -> dict[str, Any]:
    staff = has_request_context() and is_staff_page()
    return {"staff_page": staff, "staff_lang": page_language()}


def register(app: Flask) -> None:
    """Give every template ``st``; remember ``?lang=`` on the staff blueprints."""
    # Globals, not context: the macros of _forms.html and _language_switch.html need them too.
    app.jinja_env.globals.update(
        st=_page_text,
        status_word=_status_word,
        audit_value=_audit_value,
        english=english,
        staff_number=staff_number,
        staff_date=staff_date,
        staff_datetime=staff_datetime,
        staff_time=staff_time,
        staff_birthday=staff_birthday,
        birthday_iso=birthday_iso,
        staff_count=staff_count,
        staff_counted=staff_counted,
        staff_percent=staff_percent,
        device_time=device_time,
        service_message=service_message,
        language_url=language_url,
        language_names=LANGUAGE_NAMES,
    )
    app.context_processor(_template_words)
    app.before_request(_remember_language)
