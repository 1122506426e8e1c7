"""What the respondent pages say around the questions, in the standard questionnaire's languages.

Question wording comes from the instrument and validation messages from the
engine; these are the buttons, headings and the consent text. Languages
missing here fall back to English.
"""

from __future__ import annotations

#: Each language's own name, for the language switch.
LANGUAGE_NAMES: dict[str, str] = {
    "es": "Español",
    "en": "English",
    "pt": "Português",
    "fr": "Français",
}

_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "survey": "Survey",
        "skip_link": "Skip to main content",
        "choose_language": "Language",
        "consent_title": "Before you start",
        "consent_collect": (
            "We will ask about crimes you or your household may have experienced in the last "
            "12 months, how safe you feel, and a few facts about you and your household "
            "(such as age and household size)."
        ),
        "consent_confidential": (
            "Your answers are confidential and used only for statistics. They are never "
            "published in a way that could identify you."
        ),
        "consent_no_ip": (
            "We do not record your IP address, your device or your browser with your answers, "
            "and we use no trackers: the only cookie keeps your place in the survey."
        ),
        "consent_skip": (
            "Taking part is voluntary. Where a question offers \u201cDon't know\u201d or "
            "\u201cPrefer not to answer\u201d you may choose it, and you can stop at any time."
        ),
        "consent_resume": "You can save your answers and continue later.",
        "start": "Start the survey",
        "continue": "Continue",
        "submit": "Submit my answers",
        "back": "Back",
        "save_later": "Save and continue later",
        "progress": "Page {n} of {total}",
        "error_title": "There is a problem",
        "error_prefix": "Error:",
        "js_off_note": (
            "Some questions on this page only apply after certain answers on the same page. "
            "If a question does not apply to you, leave it blank: it will be ignored."
        ),
        "code_title": "Enter your invitation code",
        "code_label": "Invitation code",
        "code_hint": "It is printed on the letter you received, for example K7MX-4QTC.",
        "code_submit": "Continue",
        "code_invalid": (
            "This code cannot be used. Check that you typed it as printed on your letter. "
            "If it still does not work, contact the survey team."
        ),
        "code_required": "Enter your invitation code.",
        "resume_title": "Continue a survey you started",
        "resume_label": "Resume code",
        "resume_hint": "The code you were shown when you saved your answers.",
        "resume_invalid": (
            "This code cannot be used. Check that you typed it exactly as shown when you saved."
        ),
        "resume_required": "Enter your resume code.",
        "resume_link": "Continue a survey you already started",
        "saved_title": "Your answers are saved",
        "saved_resume_code": "To continue later, go to this address and enter this resume code:",
        "saved_keep_code": "Write it down or take a photo of it. Keep it private: anyone with it can see your answers.",
        "saved_invitation": "To continue later, open your invitation link again or type the code printed on your letter.",
        "saved_continue": "Continue now",
        "leave": "Finish for now",
        "left_title": "You can close this page",
        "left_body": "Your answers are saved. Nothing more is stored on this device.",
        "done_title": "Thank you",
        "done_body": "Your answers have been received. Thank you for taking part.",
        "done_none": "There is no survey in progress on this device.",
        "closed_title": "This survey is closed",
        "closed_body": "This survey is not accepting answers at the moment.",
        "not_complete": "Some questions still need an answer before you can submit.",
        "other_interview": "This page belongs to another survey session. Reload the page and try again.",
        "expired_title": "Your session has ended",
        "expired_body": "Open the survey link again to continue. Your saved answers are kept.",
        "csrf": "The page had expired. Go back, reload the page and try again.",
        "not_found": "This page does not exist. Check the address.",
        "too_large": "What you sent is too large.",
        "too_many": "Too many attempts. Please wait a few minutes and try again.",
        "bad_request": "The request could not be understood. Please go back and try again.",
        "dont_know": "Don't know",
        "or": "or",
        "month_hint": "Year and month, for example 2025-06.",
        "date_hint": "For example 2025-06-15.",
        "choose_all": "Select all that apply.",
    },
    "es": {
        "survey": "Encuesta",
        "skip_link": "Saltar al contenido principal",
        "choose_language": "Idioma",
        "consent_title": "Antes de empezar",
        "consent_collect": (
            "Le preguntaremos sobre delitos que usted o su hogar pudieron sufrir en los últimos "
            "12 meses, qué tan seguro(a) se siente, y algunos datos sobre usted y su hogar "
            "(como la edad y el número de personas)."
        ),
        "consent_confidential": (
            "Sus respuestas son confidenciales y se usan solo con fines estadísticos. Nunca se "
            "publican de forma que alguien pueda identificarle."
        ),
        "consent_no_ip": (
            "No registramos su dirección IP, su dispositivo ni su navegador junto con sus "
            "respuestas, y no usamos rastreadores: la única cookie guarda su avance en la encuesta."
        ),
        "consent_skip": (
            "Su participación es voluntaria. Cuando una pregunta ofrece «No sabe» o «Prefiere no "
            "responder» puede elegirlo, y puede dejar la encuesta en cualquier momento."
        ),
        "consent_resume": "Puede guardar sus respuestas y continuar más tarde.",
        "start": "Comenzar la encuesta",
        "continue": "Continuar",
        "submit": "Enviar mis respuestas",
        "back": "Volver",
        "save_later": "Guardar y continuar más tarde",
        "progress": "Página {n} de {total}",
        "error_title": "Hay un problema",
        "error_prefix": "Error:",
        "js_off_note": (
            "Algunas preguntas de esta página solo corresponden según otras respuestas de la "
            "misma página. Si una pregunta no le corresponde, déjela en blanco: no se tendrá en cuenta."
        ),
        "code_title": "Escriba su código de invitación",
        "code_label": "Código de invitación",
        "code_hint": "Está impreso en la carta que recibió, por ejemplo K7MX-4QTC.",
        "code_submit": "Continuar",
        "code_invalid": (
            "Este código no se puede usar. Revise que lo escribió como aparece en su carta. "
            "Si sigue sin funcionar, comuníquese con el equipo de la encuesta."
        ),
        "code_required": "Escriba su código de invitación.",
        "resume_title": "Continuar una encuesta que empezó",
        "resume_label": "Código para continuar",
        "resume_hint": "El código que se le mostró cuando guardó sus respuestas.",
        "resume_invalid": (
            "Este código no se puede usar. Revise que lo escribió tal como se le mostró al guardar."
        ),
        "resume_required": "Escriba su código para continuar.",
        "resume_link": "Continuar una encuesta que ya empezó",
        "saved_title": "Sus respuestas están guardadas",
        "saved_resume_code": "Para continuar más tarde, entre a esta dirección y escriba este código:",
        "saved_keep_code": "Anótelo o tómele una foto. No lo comparta: con él se pueden ver sus respuestas.",
        "saved_invitation": "Para continuar más tarde, abra de nuevo su enlace de invitación o escriba el código impreso en su carta.",
        "saved_continue": "Continuar ahora",
        "leave": "Terminar por ahora",
        "left_title": "Puede cerrar esta página",
        "left_body": "Sus respuestas están guardadas. No queda nada más guardado en este dispositivo.",
        "done_title": "Muchas gracias",
        "done_body": "Recibimos sus respuestas. Gracias por participar.",
        "done_none": "No hay ninguna encuesta en curso en este dispositivo.",
        "closed_title": "Esta encuesta está cerrada",
        "closed_body": "Esta encuesta no recibe respuestas en este momento.",
        "not_complete": "Aún faltan respuestas antes de poder enviar la encuesta.",
        "other_interview": "Esta página pertenece a otra sesión de la encuesta. Recargue la página e inténtelo de nuevo.",
        "expired_title": "Su sesión terminó",
        "expired_body": "Abra de nuevo el enlace de la encuesta para continuar. Sus respuestas guardadas se conservan.",
        "csrf": "La página había caducado. Vuelva atrás, recargue la página e inténtelo de nuevo.",
        "not_found": "Esta página no existe. Revise la dirección.",
        "too_large": "Lo que envió es demasiado grande.",
        "too_many": "Demasiados intentos. Espere unos minutos e inténtelo de nuevo.",
        "bad_request": "No se pudo entender la solicitud. Vuelva atrás e inténtelo de nuevo.",
        "dont_know": "No sabe",
        "or": "o",
        "month_hint": "Año y mes, por ejemplo 2025-06.",
        "date_hint": "Por ejemplo 2025-06-15.",
        "choose_all": "Marque todas las que correspondan.",
    },
    "pt": {
        "survey": "Pesquisa",
        "skip_link": "Ir para o conteúdo principal",
        "choose_language": "Idioma",
        "consent_title": "Antes de começar",
        "consent_collect": (
            "Vamos perguntar sobre crimes que você ou seu domicílio podem ter sofrido nos últimos "
            "12 meses, quão seguro(a) você se sente e alguns dados sobre você e seu domicílio "
            "(como idade e número de moradores)."
        ),
        "consent_confidential": (
            "Suas respostas são confidenciais e usadas apenas para fins estatísticos. Nunca são "
            "divulgadas de forma que permita identificá-lo(a)."
        ),
        "consent_no_ip": (
            "Não registramos seu endereço IP, seu aparelho nem seu navegador com suas respostas, "
            "e não usamos rastreadores: o único cookie guarda seu progresso na pesquisa."
        ),
        "consent_skip": (
            "Sua participação é voluntária. Quando uma pergunta oferece “Não sabe” ou “Prefiro "
            "não responder”, você pode escolher essa opção, e pode parar a qualquer momento."
        ),
        "consent_resume": "Você pode salvar suas respostas e continuar depois.",
        "start": "Começar a pesquisa",
        "continue": "Continuar",
        "submit": "Enviar minhas respostas",
        "back": "Voltar",
        "save_later": "Salvar e continuar depois",
        "progress": "Página {n} de {total}",
        "error_title": "Há um problema",
        "error_prefix": "Erro:",
        "js_off_note": (
            "Algumas perguntas desta página só se aplicam conforme outras respostas da mesma "
            "página. Se uma pergunta não se aplica a você, deixe-a em branco: ela será ignorada."
        ),
        "code_title": "Digite seu código de convite",
        "code_label": "Código de convite",
        "code_hint": "Está impresso na carta que você recebeu, por exemplo K7MX-4QTC.",
        "code_submit": "Continuar",
        "code_invalid": (
            "Este código não pode ser usado. Confira se digitou como está na carta. "
            "Se continuar sem funcionar, fale com a equipe da pesquisa."
        ),
        "code_required": "Digite seu código de convite.",
        "resume_title": "Continuar uma pesquisa que você começou",
        "resume_label": "Código para continuar",
        "resume_hint": "O código mostrado quando você salvou suas respostas.",
        "resume_invalid": (
            "Este código não pode ser usado. Confira se digitou exatamente como foi mostrado."
        ),
        "resume_required": "Digite seu código para continuar.",
        "resume_link": "Continuar uma pesquisa que já começou",
        "saved_title": "Suas respostas estão salvas",
        "saved_resume_code": "Para continuar depois, acesse este endereço e digite este código:",
        "saved_keep_code": "Anote ou fotografe o código. Não o compartilhe: com ele é possível ver suas respostas.",
        "saved_invitation": "Para continuar depois, abra de novo seu link de convite ou digite o código impresso na carta.",
        "saved_continue": "Continuar agora",
        "leave": "Parar por agora",
        "left_title": "Você pode fechar esta página",
        "left_body": "Suas respostas estão salvas. Nada mais fica guardado neste aparelho.",
        "done_title": "Muito obrigado",
        "done_body": "Recebemos suas respostas. Agradecemos sua participação.",
        "done_none": "Não há nenhuma pesquisa em andamento neste aparelho.",
        "closed_title": "Esta pesquisa está encerrada",
        "closed_body": "Esta pesquisa não está recebendo respostas no momento.",
        "not_complete": "Ainda faltam respostas antes de enviar a pesquisa.",
        "other_interview": "Esta página pertence a outra sessão da pesquisa. Recarregue a página e tente de novo.",
        "expired_title": "Sua sessão terminou",
        "expired_body": "Abra novamente o link da pesquisa para continuar. Suas respostas salvas foram mantidas.",
        "csrf": "A página expirou. Volte, recarregue a página e tente de novo.",
        "not_found": "Esta página não existe. Confira o endereço.",
        "too_large": "O que você enviou é grande demais.",
        "too_many": "Tentativas demais. Aguarde alguns minutos e tente de novo.",
        "bad_request": "Não foi possível entender o pedido. Volte e tente de novo.",
        "dont_know": "Não sabe",
        "or": "ou",
        "month_hint": "Ano e mês, por exemplo 2025-06.",
        "date_hint": "Por exemplo 2025-06-15.",
        "choose_all": "Marque todas as que se aplicam.",
    },
    "fr": {
        "survey": "Enquête",
        "skip_link": "Aller au contenu principal",
        "choose_language": "Langue",
        "consent_title": "Avant de commencer",
        "consent_collect": (
            "Nous vous demanderons si vous-même ou votre ménage avez subi des infractions au cours "
            "des 12 derniers mois, dans quelle mesure vous vous sentez en sécurité, et quelques "
            "informations sur vous et votre ménage (comme l'âge et la taille du ménage)."
        ),
        "consent_confidential": (
            "Vos réponses sont confidentielles et servent uniquement à des fins statistiques. "
            "Elles ne sont jamais publiées d'une manière qui permettrait de vous identifier."
        ),
        "consent_no_ip": (
            "Nous n'enregistrons ni votre adresse IP, ni votre appareil, ni votre navigateur avec "
            "vos réponses, et nous n'utilisons aucun traceur : le seul cookie garde votre "
            "progression dans l'enquête."
        ),
        "consent_skip": (
            "Votre participation est volontaire. Lorsqu'une question propose « Ne sait pas » ou "
            "« Je préfère ne pas répondre », vous pouvez le choisir, et vous pouvez arrêter à tout moment."
        ),
        "consent_resume": "Vous pouvez enregistrer vos réponses et continuer plus tard.",
        "start": "Commencer l'enquête",
        "continue": "Continuer",
        "submit": "Envoyer mes réponses",
        "back": "Retour",
        "save_later": "Enregistrer et continuer plus tard",
        "progress": "Page {n} sur {total}",
        "error_title": "Il y a un problème",
        "error_prefix": "Erreur :",
        "js_off_note": (
            "Certaines questions de cette page ne s'appliquent qu'après certaines réponses sur la "
            "même page. Si une question ne vous concerne pas, laissez-la vide : elle sera ignorée."
        ),
        "code_title": "Saisissez votre code d'invitation",
        "code_label": "Code d'invitation",
        "code_hint": "Il est imprimé sur la lettre que vous avez reçue, par exemple K7MX-4QTC.",
        "code_submit": "Continuer",
        "code_invalid": (
            "Ce code ne peut pas être utilisé. Vérifiez que vous l'avez saisi comme sur votre "
            "lettre. S'il ne fonctionne toujours pas, contactez l'équipe de l'enquête."
        ),
        "code_required": "Saisissez votre code d'invitation.",
        "resume_title": "Reprendre une enquête commencée",
        "resume_label": "Code de reprise",
        "resume_hint": "Le code affiché lorsque vous avez enregistré vos réponses.",
        "resume_invalid": (
            "Ce code ne peut pas être utilisé. Vérifiez que vous l'avez saisi exactement comme affiché."
        ),
        "resume_required": "Saisissez votre code de reprise.",
        "resume_link": "Reprendre une enquête déjà commencée",
        "saved_title": "Vos réponses sont enregistrées",
        "saved_resume_code": "Pour continuer plus tard, allez à cette adresse et saisissez ce code :",
        "saved_keep_code": "Notez-le ou prenez-le en photo. Gardez-le pour vous : il donne accès à vos réponses.",
        "saved_invitation": "Pour continuer plus tard, ouvrez à nouveau votre lien d'invitation ou saisissez le code imprimé sur votre lettre.",
        "saved_continue": "Continuer maintenant",
        "leave": "Arrêter pour le moment",
        "left_title": "Vous pouvez fermer cette page",
        "left_body": "Vos réponses sont enregistrées. Rien d'autre n'est conservé sur cet appareil.",
        "done_title": "Merci",
        "done_body": "Nous avons bien reçu vos réponses. Merci de votre participation.",
        "done_none": "Aucune enquête n'est en cours sur cet appareil.",
        "closed_title": "Cette enquête est fermée",
        "closed_body": "Cette enquête n'accepte pas de réponses pour le moment.",
        "not_complete": "Certaines questions attendent encore une réponse avant l'envoi.",
        "other_interview": "Cette page appartient à une autre session de l'enquête. Rechargez la page et réessayez.",
        "expired_title": "Votre session a pris fin",
        "expired_body": "Ouvrez à nouveau le lien de l'enquête pour continuer. Vos réponses enregistrées sont conservées.",
        "csrf": "La page avait expiré. Revenez en arrière, rechargez la page et réessayez.",
        "not_found": "Cette page n'existe pas. Vérifiez l'adresse.",
        "too_large": "Ce que vous avez envoyé est trop volumineux.",
        "too_many": "Trop de tentatives. Attendez quelques minutes et réessayez.",
        "bad_request": "La demande n'a pas pu être comprise. Revenez en arrière et réessayez.",
        "dont_know": "Ne sait pas",
        "or": "ou",
        "month_hint": "Année et mois, par exemple 2025-06.",
        "date_hint": "Par exemple 2025-06-15.",
        "choose_all": "Cochez toutes les réponses qui s'appliquent.",
    },
}

#: Languages the respondent pages are written in.
UI_LANGUAGES = tuple(_TEXTS)


def text(key: str, language: str, **values: object) -> str:
    """The text ``key`` in ``language`` (English when missing), with ``{name}`` filled in."""
    found = _TEXTS.get(language, {}).get(key) or _TEXTS["en"][key]
    return found.format(**values) if values else found
