"""What the respondent pages say around the questions, in the standard questionnaire's languages.

Question wording comes from the instrument and validation messages from the
engine; these are the buttons, headings and the consent text, one
:func:`~analysis.i18n.tr` entry per key like every other table of translations.
"""

from __future__ import annotations

from analysis.i18n import LANGUAGE_NAMES, LANGUAGES, lookup, tr

__all__ = ["LANGUAGE_NAMES", "TEXTS", "UI_LANGUAGES", "text"]

TEXTS: dict[str, dict[str, str]] = {
    "survey": tr("Encuesta", "Survey", "Pesquisa", "Enquête"),
    "skip_link": tr(
        "Saltar al contenido principal",
        "Skip to main content",
        "Ir para o conteúdo principal",
        "Aller au contenu principal",
    ),
    "choose_language": tr("Idioma", "Language", "Idioma", "Langue"),
    "consent_title": tr(
        "Antes de empezar", "Before you start", "Antes de começar", "Avant de commencer"
    ),
    "consent_collect": tr(
        "Le preguntaremos sobre delitos que usted o su hogar pudieron sufrir en los últimos 12 meses, qué tan seguro(a) se siente, y algunos datos sobre usted y su hogar (como la edad y el número de personas).",
        "We will ask about crimes you or your household may have experienced in the last 12 months, how safe you feel, and a few facts about you and your household (such as age and household size).",
        "Vamos perguntar sobre crimes que você ou seu domicílio podem ter sofrido nos últimos 12 meses, quão seguro(a) você se sente e alguns dados sobre você e seu domicílio (como idade e número de moradores).",
        "Nous vous demanderons si vous-même ou votre ménage avez subi des infractions au cours des 12 derniers mois, dans quelle mesure vous vous sentez en sécurité, et quelques informations sur vous et votre ménage (comme l'âge et la taille du ménage).",
    ),
    "consent_confidential": tr(
        "Sus respuestas son confidenciales y se usan solo con fines estadísticos. Nunca se publican de forma que alguien pueda identificarle.",
        "Your answers are confidential and used only for statistics. They are never published in a way that could identify you.",
        "Suas respostas são confidenciais e usadas apenas para fins estatísticos. Nunca são divulgadas de forma que permita identificá-lo(a).",
        "Vos réponses sont confidentielles et servent uniquement à des fins statistiques. Elles ne sont jamais publiées d'une manière qui permettrait de vous identifier.",
    ),
    "consent_no_ip": tr(
        "No registramos su dirección IP, su dispositivo ni su navegador junto con sus respuestas, y no usamos rastreadores: la única cookie guarda su avance en la encuesta.",
        "We do not record your IP address, your device or your browser with your answers, and we use no trackers: the only cookie keeps your place in the survey.",
        "Não registramos seu endereço IP, seu aparelho nem seu navegador com suas respostas, e não usamos rastreadores: o único cookie guarda seu progresso na pesquisa.",
        "Nous n'enregistrons ni votre adresse IP, ni votre appareil, ni votre navigateur avec vos réponses, et nous n'utilisons aucun traceur\u00a0: le seul cookie garde votre progression dans l'enquête.",
    ),
    "consent_skip": tr(
        "Su participación es voluntaria. Cuando una pregunta ofrece «No sabe» o «Prefiere no responder» puede elegirlo, y puede dejar la encuesta en cualquier momento.",
        "Taking part is voluntary. Where a question offers “Don't know” or “Prefer not to answer” you may choose it, and you can stop at any time.",
        "Sua participação é voluntária. Quando uma pergunta oferece “Não sabe” ou “Prefiro não responder”, você pode escolher essa opção, e pode parar a qualquer momento.",
        "Votre participation est volontaire. Lorsqu'une question propose «\u00a0Ne sait pas\u00a0» ou «\u00a0Je préfère ne pas répondre\u00a0», vous pouvez le choisir, et vous pouvez arrêter à tout moment.",
    ),
    "consent_resume": tr(
        "Puede guardar sus respuestas y continuar más tarde.",
        "You can save your answers and continue later.",
        "Você pode salvar suas respostas e continuar depois.",
        "Vous pouvez enregistrer vos réponses et continuer plus tard.",
    ),
    "start": tr(
        "Comenzar la encuesta", "Start the survey", "Começar a pesquisa", "Commencer l'enquête"
    ),
    "continue": tr("Continuar", "Continue", "Continuar", "Continuer"),
    "submit": tr(
        "Enviar mis respuestas",
        "Submit my answers",
        "Enviar minhas respostas",
        "Envoyer mes réponses",
    ),
    "back": tr("Volver", "Back", "Voltar", "Retour"),
    "save_later": tr(
        "Guardar y continuar más tarde",
        "Save and continue later",
        "Salvar e continuar depois",
        "Enregistrer et continuer plus tard",
    ),
    "progress": tr(
        "Sección {n} de {total}",
        "Section {n} of {total}",
        "Seção {n} de {total}",
        "Section {n} sur {total}",
    ),
    "error_title": tr(
        "Hay un problema", "There is a problem", "Há um problema", "Il y a un problème"
    ),
    "error_prefix": tr("Error:", "Error:", "Erro:", "Erreur\u00a0:"),
    "js_off_note": tr(
        "Algunas preguntas de esta página solo corresponden según otras respuestas de la misma página. Si una pregunta no le corresponde, déjela en blanco: no se tendrá en cuenta.",
        "Some questions on this page only apply after certain answers on the same page. If a question does not apply to you, leave it blank: it will be ignored.",
        "Algumas perguntas desta página só se aplicam conforme outras respostas da mesma página. Se uma pergunta não se aplica a você, deixe-a em branco: ela será ignorada.",
        "Certaines questions de cette page ne s'appliquent qu'après certaines réponses sur la même page. Si une question ne vous concerne pas, laissez-la vide\u00a0: elle sera ignorée.",
    ),
    "code_title": tr(
        "Escriba su código de invitación",
        "Enter your invitation code",
        "Digite seu código de convite",
        "Saisissez votre code d'invitation",
    ),
    "code_label": tr(
        "Código de invitación", "Invitation code", "Código de convite", "Code d'invitation"
    ),
    "code_hint": tr(
        "Está impreso en la carta que recibió, por ejemplo K7MX-4QTC.",
        "It is printed on the letter you received, for example K7MX-4QTC.",
        "Está impresso na carta que você recebeu, por exemplo K7MX-4QTC.",
        "Il est imprimé sur la lettre que vous avez reçue, par exemple K7MX-4QTC.",
    ),
    "code_submit": tr("Continuar", "Continue", "Continuar", "Continuer"),
    "code_invalid": tr(
        "Este código no se puede usar. Revise que lo escribió como aparece en su carta. Si sigue sin funcionar, comuníquese con el equipo de la encuesta.",
        "This code cannot be used. Check that you typed it as printed on your letter. If it still does not work, contact the survey team.",
        "Este código não pode ser usado. Confira se digitou como está na carta. Se continuar sem funcionar, fale com a equipe da pesquisa.",
        "Ce code ne peut pas être utilisé. Vérifiez que vous l'avez saisi comme sur votre lettre. S'il ne fonctionne toujours pas, contactez l'équipe de l'enquête.",
    ),
    "code_required": tr(
        "Escriba su código de invitación.",
        "Enter your invitation code.",
        "Digite seu código de convite.",
        "Saisissez votre code d'invitation.",
    ),
    "resume_title": tr(
        "Continuar una encuesta que empezó",
        "Continue a survey you started",
        "Continuar uma pesquisa que você começou",
        "Reprendre une enquête commencée",
    ),
    "resume_label": tr(
        "Código para continuar", "Resume code", "Código para continuar", "Code de reprise"
    ),
    "resume_hint": tr(
        "El código que se le mostró cuando guardó sus respuestas.",
        "The code you were shown when you saved your answers.",
        "O código mostrado quando você salvou suas respostas.",
        "Le code affiché lorsque vous avez enregistré vos réponses.",
    ),
    "resume_invalid": tr(
        "Este código no se puede usar. Revise que lo escribió tal como se le mostró al guardar.",
        "This code cannot be used. Check that you typed it exactly as shown when you saved.",
        "Este código não pode ser usado. Confira se digitou exatamente como foi mostrado.",
        "Ce code ne peut pas être utilisé. Vérifiez que vous l'avez saisi exactement comme affiché.",
    ),
    "resume_required": tr(
        "Escriba su código para continuar.",
        "Enter your resume code.",
        "Digite seu código para continuar.",
        "Saisissez votre code de reprise.",
    ),
    "resume_heading": tr("¿Ya empezó?", "Already started?", "Já começou?", "Déjà commencé\u00a0?"),
    "resume_link": tr(
        "Continuar una encuesta que ya empezó",
        "Continue a survey you already started",
        "Continuar uma pesquisa que já começou",
        "Reprendre une enquête déjà commencée",
    ),
    "saved_title": tr(
        "Sus respuestas están guardadas",
        "Your answers are saved",
        "Suas respostas estão salvas",
        "Vos réponses sont enregistrées",
    ),
    "saved_resume_code": tr(
        "Para continuar más tarde, entre a esta dirección y escriba este código:",
        "To continue later, go to this address and enter this resume code:",
        "Para continuar depois, acesse este endereço e digite este código:",
        "Pour continuer plus tard, allez à cette adresse et saisissez ce code\u00a0:",
    ),
    "saved_keep_code": tr(
        "Anótelo o tómele una foto. No lo comparta: con él se pueden ver sus respuestas.",
        "Write it down or take a photo of it. Keep it private: anyone with it can see your answers.",
        "Anote ou fotografe o código. Não o compartilhe: com ele é possível ver suas respostas.",
        "Notez-le ou prenez-le en photo. Gardez-le pour vous\u00a0: il donne accès à vos réponses.",
    ),
    "saved_invitation": tr(
        "Para continuar más tarde, abra de nuevo su enlace de invitación o escriba el código impreso en su carta.",
        "To continue later, open your invitation link again or type the code printed on your letter.",
        "Para continuar depois, abra de novo seu link de convite ou digite o código impresso na carta.",
        "Pour continuer plus tard, ouvrez à nouveau votre lien d'invitation ou saisissez le code imprimé sur votre lettre.",
    ),
    "saved_continue": tr(
        "Continuar ahora", "Continue now", "Continuar agora", "Continuer maintenant"
    ),
    "leave": tr(
        "Terminar por ahora", "Finish for now", "Parar por agora", "Arrêter pour le moment"
    ),
    "left_title": tr(
        "Puede cerrar esta página",
        "You can close this page",
        "Você pode fechar esta página",
        "Vous pouvez fermer cette page",
    ),
    "left_body": tr(
        "Sus respuestas están guardadas. No queda nada más guardado en este dispositivo.",
        "Your answers are saved. Nothing more is stored on this device.",
        "Suas respostas estão salvas. Nada mais fica guardado neste aparelho.",
        "Vos réponses sont enregistrées. Rien d'autre n'est conservé sur cet appareil.",
    ),
    "done_title": tr("Muchas gracias", "Thank you", "Muito obrigado", "Merci"),
    "done_body": tr(
        "Recibimos sus respuestas. Gracias por participar.",
        "Your answers have been received. Thank you for taking part.",
        "Recebemos suas respostas. Agradecemos sua participação.",
        "Nous avons bien reçu vos réponses. Merci de votre participation.",
    ),
    "done_panel": tr(
        "Respuestas recibidas: {survey}",
        "Answers received: {survey}",
        "Respostas recebidas: {survey}",
        "Réponses reçues\u00a0: {survey}",
    ),
    # heading of the wave's support contacts (waves.support_notes): end, thank-you, saved pages
    "support_title": tr(
        "Si necesita apoyo",
        "If you need support",
        "Se precisar de apoio",
        "Si vous avez besoin d'aide",
    ),
    "done_close": tr(
        "Ya puede cerrar esta página.",
        "You can now close this page.",
        "Você já pode fechar esta página.",
        "Vous pouvez maintenant fermer cette page.",
    ),
    "done_none": tr(
        "No hay ninguna encuesta en curso en este dispositivo.",
        "There is no survey in progress on this device.",
        "Não há nenhuma pesquisa em andamento neste aparelho.",
        "Aucune enquête n'est en cours sur cet appareil.",
    ),
    "closed_title": tr(
        "Esta encuesta está cerrada",
        "This survey is closed",
        "Esta pesquisa está encerrada",
        "Cette enquête est fermée",
    ),
    "closed_body": tr(
        "Esta encuesta no recibe respuestas en este momento.",
        "This survey is not accepting answers at the moment.",
        "Esta pesquisa não está recebendo respostas no momento.",
        "Cette enquête n'accepte pas de réponses pour le moment.",
    ),
    "not_complete": tr(
        "Aún faltan respuestas antes de poder enviar la encuesta.",
        "Some questions still need an answer before you can submit.",
        "Ainda faltam respostas antes de enviar a pesquisa.",
        "Certaines questions attendent encore une réponse avant l'envoi.",
    ),
    "not_saved": tr(
        "Esta página no se guardó: faltan respuestas o hay que corregir alguna (vea abajo)."
        " Corríjalas y elija «Guardar y continuar más tarde» otra vez. Las páginas anteriores"
        " están guardadas; para dejarlo ahora sin las respuestas de esta página, {link}.",
        "This page is not saved: some answers below are missing or need correcting. Correct"
        " them and choose “Save and continue later” again. The pages before it are saved; to"
        " stop now without this page's answers, {link}.",
        "Esta página não foi salva: faltam respostas ou é preciso corrigir alguma (veja abaixo)."
        " Corrija e escolha “Salvar e continuar depois” de novo. As páginas anteriores estão"
        " salvas; para parar agora sem as respostas desta página, {link}.",
        "Cette page n'est pas enregistrée\u00a0: des réponses manquent ou sont à corriger"
        " (voir ci-dessous). Corrigez-les et choisissez «\u00a0Enregistrer et continuer plus"
        " tard\u00a0» à nouveau. Les pages précédentes sont enregistrées\u00a0; pour arrêter"
        " maintenant sans les réponses de cette page, {link}.",
    ),
    "not_saved_leave": tr(
        "vea cómo continuar más tarde",
        "see how to continue later",
        "veja como continuar depois",
        "voyez comment continuer plus tard",
    ),
    "other_interview": tr(
        "Esta página pertenece a otra sesión de la encuesta. Recargue la página e inténtelo de nuevo.",
        "This page belongs to another survey session. Reload the page and try again.",
        "Esta página pertence a outra sessão da pesquisa. Recarregue a página e tente de novo.",
        "Cette page appartient à une autre session de l'enquête. Rechargez la page et réessayez.",
    ),
    "expired_title": tr(
        "Su sesión terminó",
        "Your session has ended",
        "Sua sessão terminou",
        "Votre session a pris fin",
    ),
    "expired_body": tr(
        "Abra de nuevo el enlace de la encuesta para continuar. Sus respuestas guardadas se conservan.",
        "Open the survey link again to continue. Your saved answers are kept.",
        "Abra novamente o link da pesquisa para continuar. Suas respostas salvas foram mantidas.",
        "Ouvrez à nouveau le lien de l'enquête pour continuer. Vos réponses enregistrées sont conservées.",
    ),
    "csrf": tr(
        "La página había caducado. Vuelva atrás, recargue la página e inténtelo de nuevo.",
        "The page had expired. Go back, reload the page and try again.",
        "A página expirou. Volte, recarregue a página e tente de novo.",
        "La page avait expiré. Revenez en arrière, rechargez la page et réessayez.",
    ),
    "not_found": tr(
        "Esta página no existe. Revise la dirección.",
        "This page does not exist. Check the address.",
        "Esta página não existe. Confira o endereço.",
        "Cette page n'existe pas. Vérifiez l'adresse.",
    ),
    "too_large": tr(
        "Lo que envió es demasiado grande.",
        "What you sent is too large.",
        "O que você enviou é grande demais.",
        "Ce que vous avez envoyé est trop volumineux.",
    ),
    "too_many": tr(
        "Demasiados intentos. Espere unos minutos e inténtelo de nuevo.",
        "Too many attempts. Please wait a few minutes and try again.",
        "Tentativas demais. Aguarde alguns minutos e tente de novo.",
        "Trop de tentatives. Attendez quelques minutes et réessayez.",
    ),
    "unavailable": tr(
        "La encuesta no está disponible por un momento. Sus respuestas anteriores están "
        "guardadas; inténtelo de nuevo en unos minutos.",
        "The survey is unavailable for a moment. Your earlier answers are saved; please try "
        "again in a few minutes.",
        "A pesquisa está indisponível por um momento. Suas respostas anteriores estão "
        "salvas; tente de novo em alguns minutos.",
        "L'enquête est indisponible pour un moment. Vos réponses précédentes sont "
        "enregistrées\u00a0; réessayez dans quelques minutes.",
    ),
    "bad_request": tr(
        "No se pudo entender la solicitud. Vuelva atrás e inténtelo de nuevo.",
        "The request could not be understood. Please go back and try again.",
        "Não foi possível entender o pedido. Volte e tente de novo.",
        "La demande n'a pas pu être comprise. Revenez en arrière et réessayez.",
    ),
    "dont_know": tr("No sabe", "Don't know", "Não sabe", "Ne sait pas"),
    "or": tr("o", "or", "ou", "ou"),
    "month_hint": tr(
        "Año y mes, por ejemplo 2025-06.",
        "Year and month, for example 2025-06.",
        "Ano e mês, por exemplo 2025-06.",
        "Année et mois, par exemple 2025-06.",
    ),
    "month_hint_range": tr(
        "Año y mes, de {start} a {end}; por ejemplo {end}.",
        "Year and month, from {start} to {end}; for example {end}.",
        "Ano e mês, de {start} a {end}; por exemplo {end}.",
        "Année et mois, de {start} à {end}\u00a0; par exemple {end}.",
    ),
    # what a month box holds before anything is typed (the engine's own "AAAA-MM")
    "month_placeholder": tr("AAAA-MM", "YYYY-MM", "AAAA-MM", "AAAA-MM"),
    "date_hint": tr(
        "Por ejemplo 2025-06-15.",
        "For example 2025-06-15.",
        "Por exemplo 2025-06-15.",
        "Par exemple 2025-06-15.",
    ),
    # what to do about an unanswered question (GOV.UK error messages: say how to fix it)
    "answer_choose": tr(
        "Elija una respuesta", "Choose an answer", "Escolha uma resposta", "Choisissez une réponse"
    ),
    "answer_choose_some": tr(
        "Marque al menos una respuesta",
        "Select at least one answer",
        "Marque pelo menos uma resposta",
        "Cochez au moins une réponse",
    ),
    "answer_number": tr(
        "Escriba un número", "Enter a number", "Escreva um número", "Saisissez un nombre"
    ),
    "answer_date": tr(
        "Escriba una fecha", "Enter a date", "Escreva uma data", "Saisissez une date"
    ),
    "answer_month": tr("Escriba un mes", "Enter a month", "Escreva um mês", "Saisissez un mois"),
    "answer_text": tr(
        "Escriba su respuesta",
        "Enter your answer",
        "Escreva sua resposta",
        "Saisissez votre réponse",
    ),
    "quoted": tr("«{label}»", "‘{label}’", "“{label}”", "«\u00a0{label}\u00a0»"),
    "or_choose": tr(
        "{instruction}, o marque {labels}.",
        "{instruction}, or choose {labels}.",
        "{instruction}, ou marque {labels}.",
        "{instruction}, ou cochez {labels}.",
    ),
    "not_both": tr(
        "Escriba una respuesta o marque {labels}, no ambas. Para cambiar de respuesta, desmarque o borre la que no quiere.",
        "Enter an answer or choose {labels}, not both. To change your answer, untick or clear the one you do not want.",
        "Escreva uma resposta ou marque {labels}, não ambas. Para mudar de resposta, desmarque ou apague a que não quer.",
        "Saisissez une réponse ou cochez {labels}, pas les deux. Pour changer de réponse, décochez ou effacez celle que vous ne voulez pas.",
    ),
    "choose_all": tr(
        "Marque todas las que correspondan.",
        "Select all that apply.",
        "Marque todas as que se aplicam.",
        "Cochez toutes les réponses qui s'appliquent.",
    ),
}

#: Languages the respondent pages are written in; English first, so that a browser that
#: accepts any language ("*") gets English as before.
UI_LANGUAGES: tuple[str, ...] = ("en", *(language for language in LANGUAGES if language != "en"))


def text(key: str, language: str, **values: object) -> str:
    """The text ``key`` in ``language`` (English when missing), with ``{name}`` filled in."""
    return lookup(TEXTS, key, language, **values)
