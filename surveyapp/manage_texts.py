"""Words of the management pages (waves, sample, codes, users, devices, tokens, areas, audit)
in es, en, pt and fr.

:mod:`surveyapp.staff_texts` merges them into the staff table (a key may not be in both), so
templates and routes use them with ``st(key)`` and forms with ``lazy(key)`` as the other
staff pages do. What the services refuse is in :mod:`surveyapp.service_texts`.
"""

from __future__ import annotations

from analysis.i18n import tr

__all__ = ["MANAGE"]

MANAGE: dict[str, dict[str, str]] = {
    # ---- the values of the models' enums, as words ----
    "wave_draft": tr("borrador", "draft", "rascunho", "brouillon"),
    "wave_open": tr("abierto", "open", "aberto", "ouverte"),
    "wave_closed": tr("cerrado", "closed", "encerrado", "fermée"),
    "mode_web": tr("web", "web", "web", "web"),
    "mode_tablet": tr("tableta", "tablet", "tablet", "tablette"),
    # ---- shared words ----
    "name": tr("Nombre", "Name", "Nome", "Nom"),
    "questionnaire": tr("Cuestionario", "Questionnaire", "Questionário", "Questionnaire"),
    "status": tr("Estado", "Status", "Situação", "Statut"),
    "public_link": tr("Enlace público", "Public link", "Link público", "Lien public"),
    "cancel": tr("Cancelar", "Cancel", "Cancelar", "Annuler"),
    "yes": tr("sí", "yes", "sim", "oui"),
    "no": tr("no", "no", "não", "non"),
    # ---- a wave's support contacts for respondents (waves.support_notes) ----
    "support_notes": tr(
        "Contactos de apoyo para quienes responden",
        "Support contacts for respondents",
        "Contatos de apoio para quem responde",
        "Contacts d'aide pour les répondants",
    ),
    "support_notes_hint": tr(
        "Dónde puede pedir ayuda quien fue víctima de un delito (líneas de atención, centros de "
        "atención a víctimas, horarios), en cada idioma del levantamiento, como máximo {n} "
        "caracteres. La encuesta web lo muestra tal cual, con sus saltos de línea, en la última "
        "página, en la de agradecimiento y al guardar para continuar después. Sin nota en un "
        "idioma, queda solo la frase general del cuestionario.",
        "Where someone who was a victim of crime can get help (helplines, victim support "
        "centres, opening hours), in each language of the wave, at most {n} characters. The "
        "web survey shows it as written, line breaks included, on its last page, on the "
        "thank-you page and after saving to continue later. Without a note in a language, only "
        "the questionnaire's general sentence remains.",
        "Onde quem foi vítima de um crime pode pedir ajuda (linhas de atendimento, centros de "
        "atendimento a vítimas, horários), em cada idioma do levantamento, no máximo {n} "
        "caracteres. A pesquisa web mostra a nota como escrita, com suas quebras de linha, na "
        "última página, na de agradecimento e ao salvar para continuar depois. Sem nota num "
        "idioma, fica só a frase geral do questionário.",
        "Où une victime d'infraction peut trouver de l'aide (lignes d'écoute, centres d'aide "
        "aux victimes, horaires), dans chaque langue de la vague, {n}\u00a0caractères au plus. "
        "L'enquête en ligne l'affiche telle quelle, retours à la ligne compris, sur sa dernière "
        "page, sur la page de remerciement et après un enregistrement pour continuer plus tard. "
        "Sans note dans une langue, seule la phrase générale du questionnaire reste.",
    ),
    "no_support_notes": tr(
        "ninguno: quienes responden ven solo la frase general del cuestionario.",
        "none: respondents see only the questionnaire's general sentence.",
        "nenhum: quem responde vê só a frase geral do questionário.",
        "aucun\u00a0: les répondants ne voient que la phrase générale du questionnaire.",
    ),
    "change_support_notes": tr(
        "Cambiar los contactos de apoyo",
        "Change the support contacts",
        "Alterar os contatos de apoio",
        "Modifier les contacts d'aide",
    ),
    "save_support_notes": tr(
        "Guardar los contactos de apoyo",
        "Save the support contacts",
        "Salvar os contatos de apoio",
        "Enregistrer les contacts d'aide",
    ),
    "support_notes_saved": tr(
        "Contactos de apoyo guardados.",
        "Support contacts saved.",
        "Contatos de apoio salvos.",
        "Contacts d'aide enregistrés.",
    ),
    "back_to_wave": tr(
        "Volver al levantamiento", "Back to the wave", "Voltar ao levantamento", "Retour à la vague"
    ),
    # WTForms' own refusals of a value not in a list (its words are English)
    "not_listed": tr(
        "No es una opción válida.",
        "Not a valid choice.",
        "Não é uma opção válida.",
        "Ce n'est pas un choix valide.",
    ),
    "values_not_listed": tr(
        "«%(value)s» no es una opción válida para este campo.",
        "'%(value)s' is not a valid choice for this field.",
        "“%(value)s” não é uma opção válida para este campo.",
        "«\u00a0%(value)s\u00a0» n'est pas un choix valide pour ce champ.",
    ),
    "at_most": tr(
        "Escriba como máximo %(max)d caracteres.",
        "Use at most %(max)d characters.",
        "Use no máximo %(max)d caracteres.",
        "Utilisez au plus %(max)d caractères.",
    ),
    # ---- the list of waves ----
    "create_wave_link": tr(
        "Crear un levantamiento", "Create a wave", "Criar um levantamento", "Créer une vague"
    ),
    "survey_waves": tr(
        "Levantamientos de la encuesta",
        "Survey waves",
        "Levantamentos da pesquisa",
        "Vagues de l'enquête",
    ),
    "no_waves": tr(
        "Todavía no hay levantamientos.",
        "There are no waves yet.",
        "Ainda não há levantamentos.",
        "Il n'y a pas encore de vague.",
    ),
    # ---- one wave ----
    "wave": tr("Levantamiento", "Wave", "Levantamento", "Vague"),
    "reference_period": tr(
        "Período de referencia", "Reference period", "Período de referência", "Période de référence"
    ),
    "date_range": tr(
        "{start} a {end}", "{start} to {end}", "{start} a {end}", "du {start} au {end}"
    ),
    "not_set": tr("sin fecha", "not set", "sem data", "non fixée"),
    "languages": tr("Idiomas", "Languages", "Idiomas", "Langues"),
    "modes": tr("Modalidades", "Modes", "Modos de coleta", "Modes de collecte"),
    "invitation_code": tr(
        "Código de invitación", "Invitation code", "Código de convite", "Code d'invitation"
    ),
    "required": tr("obligatorio", "required", "obrigatório", "obligatoire"),
    "not_required": tr(
        "no obligatorio (enlace abierto)",
        "not required (open link)",
        "não obrigatório (link aberto)",
        "non obligatoire (lien ouvert)",
    ),
    "invitation_codes": tr(
        "Códigos de invitación", "Invitation codes", "Códigos de convite", "Codes d'invitation"
    ),
    "codes_usage": tr(
        "{issued} emitidos, {used} ingresados por los informantes",
        "{issued} issued, {used} entered by respondents",
        "{issued} emitidos, {used} digitados pelos respondentes",
        "{issued} émis, {used} saisis par les répondants",
    ),
    "may_publish": tr(
        "Los resultados pueden publicarse",
        "Results may be published",
        "Os resultados podem ser publicados",
        "Les résultats peuvent être publiés",
    ),
    "withheld_intro": tr(
        "Los criterios de calidad retienen la mayor parte de los informes públicos de estas áreas:",
        "The quality rules withhold most of the public reports of these areas:",
        "Os critérios de qualidade retêm a maior parte dos relatórios públicos destas áreas:",
        "Les règles de qualité retiennent la plus grande partie des rapports publics de ces "
        "zones\u00a0:",
    ),
    # the wave page does not compute the indicators (services/report_build.withheld_warnings)
    "withheld_unknown": tr(
        "Para las áreas no nombradas aquí, si los criterios de calidad retienen la mayor parte "
        "de su informe público se sabrá cuando se calculen los indicadores de las entrevistas "
        "actuales; esta página no los calcula.",
        "For the areas not named here, whether the quality rules withhold most of their public "
        "report is known once the indicators of the current interviews are computed; this page "
        "does not compute them.",
        "Para as áreas não nomeadas aqui, se os critérios de qualidade retêm a maior parte do "
        "seu relatório público se saberá quando os indicadores das entrevistas atuais forem "
        "calculados; esta página não os calcula.",
        "Pour les zones non nommées ici, on saura si les règles de qualité retiennent la plus "
        "grande partie de leur rapport public une fois calculés les indicateurs des entretiens "
        "actuels\u00a0; cette page ne les calcule pas.",
    ),
    "withheld_compute": tr(
        "Calcularlos: abrir los resultados",
        "Compute them: open the results",
        "Calculá-los: abrir os resultados",
        "Les calculer\u00a0: ouvrir les résultats",
    ),
    "gaps_intro": tr(
        "Este cuestionario no es el estándar completo: los informes de este levantamiento "
        "dejarán fuera",
        "This questionnaire is not the full standard one: the reports of this wave will leave out",
        "Este questionário não é o padrão completo: os relatórios deste levantamento "
        "deixarão de fora",
        "Ce questionnaire n'est pas le questionnaire standard complet\u00a0: les rapports de "
        "cette vague laisseront de côté",
    ),
    "gaps_indicators_one": tr(
        "{n} indicador estándar (no pregunta los ítems con que se calcula)",
        "{n} standard indicator (it does not ask the items they are computed from)",
        "{n} indicador padrão (não pergunta os itens com que ele é calculado)",
        "{n} indicateur standard (il ne pose pas les questions dont il est calculé)",
    ),
    "gaps_indicators": tr(
        "{n} indicadores estándar (no pregunta los ítems con que se calculan)",
        "{n} standard indicators (it does not ask the items they are computed from)",
        "{n} indicadores padrão (não pergunta os itens com que eles são calculados)",
        "{n} indicateurs standard (il ne pose pas les questions dont ils sont calculés)",
    ),
    "gaps_and": tr(" y", " and", " e", " et"),
    "gaps_comparisons": tr(
        " las comparaciones que leen ítems estándar por su nombre",
        " comparisons that read standard items by name",
        " as comparações que leem itens padrão pelo nome",
        " les comparaisons qui lisent des questions standard par leur nom",
    ),
    # analysis.report.not_asked.PAGE_ONLY: parts the status report does not have
    "gaps_page_only": tr(
        "El cuestionario no pregunta {item}; la página «Miedo y victimización» del "
        "observatorio no incluye: {parts}.",
        "The questionnaire does not ask {item}, so the observatory's page "
        "“Fear and victimization” leaves out: {parts}.",
        "O questionário não pergunta {item}; a página «Medo e vitimização» do "
        "observatório não inclui: {parts}.",
        "Le questionnaire ne pose pas la question {item}\u00a0; la page «\u00a0Peur et victimation\u00a0» "
        "de l'observatoire ne contient donc pas\u00a0: {parts}.",
    ),
    "gaps_details": tr(
        "Indicadores estándar no medidos y los ítems que necesita cada uno",
        "Standard indicators not measured, and the items each needs",
        "Indicadores padrão não medidos e os itens de que cada um precisa",
        "Indicateurs standard non mesurés, et les questions dont chacun a besoin",
    ),
    "new_status": tr("Nuevo estado", "New status", "Nova situação", "Nouveau statut"),
    "change_status": tr(
        "Cambiar el estado", "Change status", "Alterar a situação", "Changer le statut"
    ),
    "import_sample": tr(
        "Importar unidades de muestra",
        "Import sample units",
        "Importar unidades da amostra",
        "Importer les unités de l'échantillon",
    ),
    "codes_without": tr(
        " ({n} unidades sin código)",
        " ({n} units without one)",
        " ({n} unidades sem código)",
        " ({n} unités sans code)",
    ),
    "codes_without_one": tr(
        " ({n} unidad sin código)",
        " ({n} unit without one)",
        " ({n} unidade sem código)",
        " ({n} unité sans code)",
    ),
    "assignments": tr(
        "Asignación de encuestadores",
        "Interviewer assignments",
        "Designação de entrevistadores",
        "Affectation des enquêteurs",
    ),
    "tablet_interviews": tr(
        "Entrevistas en tableta",
        "Tablet interviews",
        "Entrevistas em tablet",
        "Entretiens sur tablette",
    ),
    "response_by_area": tr(
        "Respuesta por área", "Response by area", "Resposta por área", "Réponse par zone"
    ),
    "rr_note": tr(
        "RR1 cuenta solo las completas; RR2, las completas y las parciales, sobre todas las "
        "unidades de muestra que no se sabe que sean no elegibles (definiciones de AAPOR; las "
        "unidades nunca contactadas cuentan como elegibles).",
        "RR1 counts completes only, RR2 completes and partials, over every sample unit that is "
        "not known to be ineligible (AAPOR definitions; units never reached count as eligible).",
        "A RR1 conta só as completas; a RR2, as completas e as parciais, sobre todas as "
        "unidades da amostra que não se sabe serem não elegíveis (definições da AAPOR; as "
        "unidades nunca contatadas contam como elegíveis).",
        "Le RR1 ne compte que les questionnaires complets, le RR2 les complets et les "
        "partiels, sur toutes les unités de l'échantillon dont on ne sait pas qu'elles sont "
        "inéligibles (définitions de l'AAPOR\u00a0; les unités jamais jointes comptent comme "
        "éligibles).",
    ),
    "rates_per_area": tr(
        "Completas, parciales y tasas de respuesta por área",
        "Completes, partials and response rates per area",
        "Completas, parciais e taxas de resposta por área",
        "Complets, partiels et taux de réponse par zone",
    ),
    "refused_broke_off": tr(
        "Rechazo o abandono", "Refused or broke off", "Recusa ou abandono", "Refus ou abandon"
    ),
    "no_contact": tr("Sin contacto", "No contact", "Sem contato", "Pas de contact"),
    "not_reached": tr("No visitadas", "Not reached", "Não visitadas", "Non jointes"),
    "ineligible": tr("No elegibles", "Ineligible", "Não elegíveis", "Inéligibles"),
    "no_area_given": tr("Sin área", "No area given", "Sem área", "Sans zone"),
    "area_with_areas_within": tr(
        "{area}, con las áreas que contiene",
        "{area}, with the areas within it",
        "{area}, com as áreas que contém",
        "{area}, avec les zones qu'elle contient",
    ),
    "all_units": tr(
        "Todas las unidades de muestra",
        "All sample units",
        "Todas as unidades da amostra",
        "Toutes les unités de l'échantillon",
    ),
    "open_link_counts": tr(
        "Entrevistas por enlace abierto (sin unidad de muestra, por lo tanto sin tasa de "
        "respuesta): {complete} completas, {partial} parciales.",
        "Open-link interviews (no sample unit, so no response rate): {complete} complete, "
        "{partial} partial.",
        "Entrevistas por link aberto (sem unidade da amostra, portanto sem taxa de "
        "resposta): {complete} completas, {partial} parciais.",
        "Entretiens par lien ouvert (sans unité de l'échantillon, donc sans taux de "
        "réponse)\u00a0: {complete} complets, {partial} partiels.",
    ),
    "wave_created": tr(
        "Se creó el levantamiento «{name}» como borrador.",
        'Wave "{name}" created as a draft.',
        "O levantamento “{name}” foi criado como rascunho.",
        "La vague «\u00a0{name}\u00a0» a été créée comme brouillon.",
    ),
    "wave_now": tr(
        "El levantamiento ahora está {status}.",
        "The wave is now {status}.",
        "O levantamento agora está {status}.",
        "La vague est maintenant {status}.",
    ),
    "choose_status": tr(
        "Elija un estado de la lista.",
        "Choose a status from the list.",
        "Escolha uma situação da lista.",
        "Choisissez un statut dans la liste.",
    ),
    # ---- the new wave form ----
    "create_wave": tr(
        "Crear el levantamiento", "Create wave", "Criar o levantamento", "Créer la vague"
    ),
    "no_questionnaire": tr(
        "Todavía no hay ningún cuestionario cargado: ejecute primero «surveyapp init».",
        'No questionnaire is loaded yet: run "surveyapp init" first.',
        "Ainda não há nenhum questionário carregado: execute primeiro “surveyapp init”.",
        "Aucun questionnaire n'est encore chargé\u00a0: lancez d'abord «\u00a0surveyapp init\u00a0».",
    ),
    "choose_questionnaire_listed": tr(
        "Elija un cuestionario de la lista.",
        "Choose a questionnaire from the list.",
        "Escolha um questionário da lista.",
        "Choisissez un questionnaire dans la liste.",
    ),
    "choose_own_areas": tr(
        "Elija las áreas del levantamiento: usted administra solo su propia área.",
        "Choose the wave's areas: you manage only your own area.",
        "Escolha as áreas do levantamento: você administra somente a sua própria área.",
        "Choisissez les zones de la vague\u00a0: vous ne gérez que votre propre zone.",
    ),
    "slug_label": tr(
        "Nombre del enlace (opcional)",
        "Link name (optional)",
        "Nome do link (opcional)",
        "Nom du lien (facultatif)",
    ),
    "reference_start": tr(
        "Inicio del período de referencia",
        "Reference period starts",
        "Início do período de referência",
        "Début de la période de référence",
    ),
    "reference_end": tr(
        "Fin del período de referencia",
        "Reference period ends",
        "Fim do período de referência",
        "Fin de la période de référence",
    ),
    "fieldwork_start": tr(
        "Inicio del trabajo de campo (opcional)",
        "Field work starts (optional)",
        "Início do trabalho de campo (opcional)",
        "Début du terrain (facultatif)",
    ),
    "fieldwork_end": tr(
        "Fin del trabajo de campo (opcional)",
        "Field work ends (optional)",
        "Fim do trabalho de campo (opcional)",
        "Fin du terrain (facultatif)",
    ),
    "mode_web_choice": tr(
        "Web (los informantes responden por sí mismos)",
        "Web (respondents answer themselves)",
        "Web (os respondentes respondem sozinhos)",
        "Web (les répondants répondent eux-mêmes)",
    ),
    "mode_tablet_choice": tr(
        "Tableta (encuestadores cara a cara)",
        "Tablet (face-to-face interviewers)",
        "Tablet (entrevistadores face a face)",
        "Tablette (enquêteurs en face à face)",
    ),
    "areas_covered": tr("Áreas cubiertas", "Areas covered", "Áreas cobertas", "Zones couvertes"),
    "invitation_required": tr(
        "Los informantes necesitan un código de invitación para responder en la web",
        "Respondents need an invitation code to answer on the web",
        "Os respondentes precisam de um código de convite para responder na web",
        "Les répondants ont besoin d'un code d'invitation pour répondre sur le web",
    ),
    "public_report": tr(
        "Los resultados de este levantamiento pueden publicarse",
        "Results of this wave may be published",
        "Os resultados deste levantamento podem ser publicados",
        "Les résultats de cette vague peuvent être publiés",
    ),
    "enter_wave_name": tr(
        "Escriba un nombre para el levantamiento.",
        "Enter a name for the wave.",
        "Digite um nome para o levantamento.",
        "Saisissez un nom pour la vague.",
    ),
    "choose_questionnaire": tr(
        "Elija un cuestionario.",
        "Choose a questionnaire.",
        "Escolha um questionário.",
        "Choisissez un questionnaire.",
    ),
    "enter_reference_start": tr(
        "Escriba como fecha el primer día del período de referencia.",
        "Enter the first day of the reference period as a date.",
        "Digite como data o primeiro dia do período de referência.",
        "Saisissez le premier jour de la période de référence sous forme de date.",
    ),
    "enter_reference_end": tr(
        "Escriba como fecha el último día del período de referencia.",
        "Enter the last day of the reference period as a date.",
        "Digite como data o último dia do período de referência.",
        "Saisissez le dernier jour de la période de référence sous forme de date.",
    ),
    "choose_mode": tr(
        "Elija al menos una modalidad.",
        "Choose at least one mode.",
        "Escolha pelo menos um modo de coleta.",
        "Choisissez au moins un mode de collecte.",
    ),
    "date_like": tr(
        "Escriba «{label}» como una fecha del tipo 2025-12-31.",
        'Enter "{label}" as a date like 2025-12-31.',
        "Digite “{label}” como uma data do tipo 2025-12-31.",
        "Saisissez «\u00a0{label}\u00a0» comme une date du type 2025-12-31.",
    ),
    "name_hint": tr(
        "Lo ve el personal; por ejemplo, «Encuesta de victimización 2026, Monterrey».",
        'Shown to staff, e.g. "Victimization survey 2026, Monterrey".',
        "É visto pela equipe; por exemplo, “Pesquisa de vitimização 2026, Recife”.",
        "Visible par le personnel, par exemple «\u00a0Enquête de victimation 2026, Lyon\u00a0».",
    ),
    "slug_hint": tr(
        "Minúsculas, dígitos y guiones para el enlace público /s/nombre-del-enlace. Déjelo "
        "vacío para formarlo a partir del nombre.",
        "Lower-case letters, digits and hyphens for the public link /s/link-name. Leave empty "
        "to make one from the name.",
        "Letras minúsculas, dígitos e hífens para o link público /s/nome-do-link. Deixe vazio "
        "para criá-lo a partir do nome.",
        "Lettres minuscules, chiffres et traits d'union pour le lien public /s/nom-du-lien. "
        "Laissez vide pour le former à partir du nom.",
    ),
    "questionnaire_hint": tr(
        "Solo se listan los cuestionarios cargados en la base de datos.",
        "Only questionnaires loaded into the database are listed.",
        "Só são listados os questionários carregados no banco de dados.",
        "Seuls les questionnaires chargés dans la base de données sont listés.",
    ),
    "reference_hint": tr(
        "El período sobre el que se pregunta a los informantes, por lo general los últimos "
        "12 meses o el año calendario anterior.",
        "The period respondents are asked about, usually the last 12 months or the previous "
        "calendar year.",
        "O período sobre o qual os respondentes são perguntados, geralmente os últimos 12 "
        "meses ou o ano civil anterior.",
        "La période sur laquelle les répondants sont interrogés, en général les 12 derniers "
        "mois ou l'année civile précédente.",
    ),
    "languages_offered": tr(
        "Idiomas ofrecidos", "Languages offered", "Idiomas oferecidos", "Langues proposées"
    ),
    "languages_hint": tr(
        "Deje todos sin marcar para ofrecer todos los idiomas del cuestionario.",
        "Leave all unticked to offer every language of the questionnaire.",
        "Deixe todos desmarcados para oferecer todos os idiomas do questionário.",
        "Ne cochez rien pour proposer toutes les langues du questionnaire.",
    ),
    "how_collected": tr(
        "Cómo se recogen las entrevistas",
        "How interviews are collected",
        "Como as entrevistas são coletadas",
        "Comment les entretiens sont collectés",
    ),
    "areas_hint": tr(
        "Países y regiones sobre los que informa el levantamiento. Las unidades de muestra "
        "indican sus propias áreas, más pequeñas.",
        "Countries and regions the wave reports on. Sample units give their own, smaller areas.",
        "Países e regiões sobre os quais o levantamento informa. As unidades da amostra "
        "indicam as suas próprias áreas, menores.",
        "Pays et régions sur lesquels la vague rend compte. Les unités de l'échantillon "
        "indiquent leurs propres zones, plus petites.",
    ),
    "invitation_hint": tr(
        "Sin códigos, cualquier persona con el enlace puede responder (enlace abierto).",
        "Without codes anyone with the link can answer (an open link).",
        "Sem códigos, qualquer pessoa com o link pode responder (link aberto).",
        "Sans codes, toute personne ayant le lien peut répondre (lien ouvert).",
    ),
    # ---- importing sample units ----
    "file_problems_one": tr(
        "El archivo tiene {n} problema",
        "The file has {n} problem",
        "O arquivo tem {n} problema",
        "Le fichier a {n} problème",
    ),
    "file_problems": tr(
        "El archivo tiene {n} problemas",
        "The file has {n} problems",
        "O arquivo tem {n} problemas",
        "Le fichier a {n} problèmes",
    ),
    "rows_imported": tr(
        "Se importaron {n} filas correctas; las filas de abajo no.",
        "{n} correct rows were imported; the rows below were not.",
        "Foram importadas {n} linhas corretas; as linhas abaixo não.",
        "{n} lignes correctes ont été importées\u00a0; les lignes ci-dessous ne l'ont pas été.",
    ),
    "rows_imported_one": tr(
        "Se importó {n} fila correcta; las filas de abajo no.",
        "{n} correct row was imported; the rows below were not.",
        "Foi importada {n} linha correta; as linhas abaixo não.",
        "{n} ligne correcte a été importée\u00a0; les lignes ci-dessous ne l'ont pas été.",
    ),
    "nothing_imported": tr(
        "No se importó nada. Corrija el archivo y vuelva a subirlo.",
        "Nothing was imported. Correct the file and upload it again.",
        "Nada foi importado. Corrija o arquivo e envie-o novamente.",
        "Rien n'a été importé. Corrigez le fichier et téléversez-le à nouveau.",
    ),
    "problems_caption": tr(
        "Problemas por línea y columna",
        "Problems by line and column",
        "Problemas por linha e coluna",
        "Problèmes par ligne et colonne",
    ),
    "column": tr("Columna", "Column", "Coluna", "Colonne"),
    "problem_col": tr("Problema", "Problem", "Problema", "Problème"),
    "sample_intro": tr(
        "Suba un archivo CSV (UTF-8, o como lo guarda Excel; separado por comas o por punto y "
        "coma) cuya primera "
        "línea nombre las columnas.",
        "Upload a CSV file (UTF-8, or as Excel saves it; commas or semicolons) whose first "
        "line names the columns.",
        "Envie um arquivo CSV (UTF-8, ou como o Excel o salva; separado por vírgulas ou ponto "
        "e vírgula) cuja primeira "
        "linha dê o nome das colunas.",
        "Téléversez un fichier CSV (UTF-8, ou tel qu'Excel l'enregistre\u00a0; virgules ou "
        "points-virgules) dont la première "
        "ligne nomme les colonnes.",
    ),
    "required_column": tr(
        "Única columna obligatoria:",
        "The only column required:",
        "Única coluna obrigatória:",
        "Seule colonne obligatoire\u00a0:",
    ),
    "accepted_columns": tr(
        "Columnas aceptadas:", "Accepted columns:", "Colunas aceitas:", "Colonnes acceptées\u00a0:"
    ),
    "sample_file": tr(
        "Archivo CSV de unidades de muestra",
        "CSV file of sample units",
        "Arquivo CSV de unidades da amostra",
        "Fichier CSV des unités de l'échantillon",
    ),
    "choose_csv": tr(
        "Elija un archivo CSV para subir.",
        "Choose a CSV file to upload.",
        "Escolha um arquivo CSV para enviar.",
        "Choisissez un fichier CSV à téléverser.",
    ),
    "allow_partial": tr(
        "Importar las filas correctas aunque algunas filas tengan errores",
        "Import the correct rows even if some rows have errors",
        "Importar as linhas corretas mesmo que algumas linhas tenham erros",
        "Importer les lignes correctes même si certaines lignes ont des erreurs",
    ),
    "units_imported": tr(
        "Se importaron {n} unidades de muestra.",
        "{n} sample units imported.",
        "Foram importadas {n} unidades da amostra.",
        "{n} unités de l'échantillon importées.",
    ),
    "units_imported_one": tr(
        "Se importó {n} unidad de muestra.",
        "{n} sample unit imported.",
        "Foi importada {n} unidade da amostra.",
        "{n} unité de l'échantillon importée.",
    ),
    # ---- assigning units to interviewers ----
    "no_tablet_mode": tr(
        "Este levantamiento no recoge entrevistas en tableta: no se le pueden asignar sus "
        "unidades a los encuestadores.",
        "This wave does not collect tablet interviews: interviewers cannot be given its units.",
        "Este levantamento não coleta entrevistas em tablet: as suas unidades não podem ser "
        "designadas a entrevistadores.",
        "Cette vague ne collecte pas d'entretiens sur tablette\u00a0: ses unités ne peuvent pas "
        "être confiées aux enquêteurs.",
    ),
    "units_unassigned": tr(
        "{n} unidades sin encuestador.",
        "{n} units without an interviewer.",
        "{n} unidades sem entrevistador.",
        "{n} unités sans enquêteur.",
    ),
    "units_unassigned_one": tr(
        "{n} unidad sin encuestador.",
        "{n} unit without an interviewer.",
        "{n} unidade sem entrevistador.",
        "{n} unité sans enquêteur.",
    ),
    "tablet_downloads": tr(
        "La tableta de un encuestador descarga las unidades que se le asignaron la próxima "
        "vez que tenga red, en",
        "An interviewer's tablet downloads the units assigned to them the next time it has "
        "a network, at",
        "O tablet de um entrevistador baixa as unidades designadas a ele na próxima vez que "
        "tiver rede, em",
        "La tablette d'un enquêteur télécharge les unités qui lui sont attribuées la "
        "prochaine fois qu'elle a du réseau, à l'adresse",
    ),
    "units_per_interviewer": tr(
        "Unidades por encuestador",
        "Units per interviewer",
        "Unidades por entrevistador",
        "Unités par enquêteur",
    ),
    "devices": tr("Dispositivos", "Devices", "Dispositivos", "Appareils"),
    "of_person": tr(" de {who}", " of {who}", " de {who}", " de {who}"),
    "none_assigned": tr(
        "Todavía no hay ninguna unidad asignada.",
        "No unit is assigned yet.",
        "Ainda não há nenhuma unidade designada.",
        "Aucune unité n'est encore attribuée.",
    ),
    "units_of": tr("Unidades de", "Units of", "Unidades de", "Unités de"),
    "every_area": tr("todas las áreas", "every area", "todas as áreas", "toutes les zones"),
    "every_area_yours": tr(
        "todas sus áreas", "every area of yours", "todas as suas áreas", "toutes vos zones"
    ),
    "assign_unassigned": tr(
        "Asignar las unidades sin asignar",
        "Assign the unassigned units",
        "Designar as unidades não designadas",
        "Attribuer les unités non attribuées",
    ),
    "reassign_heading": tr(
        "Reasignar un hogar",
        "Reassign one household",
        "Reatribuir um domicílio",
        "Réattribuer un ménage",
    ),
    "assign_who": tr(
        "Se ofrecen los encuestadores y los supervisores activos (los supervisores también "
        "entrevistan: una negativa que convertir, una verificación, los hogares de un "
        "colega); los responsables de encuesta y los administradores no reciben hogares. A "
        "quien tiene un área solo se le asignan hogares de esa área.",
        "Active interviewers and supervisors are offered (supervisors interview too: a "
        "refusal to convert, a back-check, a colleague's households); survey managers and "
        "administrators are not given households. Someone limited to an area is given "
        "households of that area only.",
        "São oferecidos os entrevistadores e os supervisores ativos (os supervisores também "
        "entrevistam: uma recusa a converter, uma verificação, os domicílios de um colega); "
        "gestores da pesquisa e administradores não recebem domicílios. Quem tem uma área só "
        "recebe domicílios dessa área.",
        "Sont proposés les enquêteurs et les superviseurs actifs (les superviseurs enquêtent "
        "aussi\u00a0: un refus à convertir, une vérification, les ménages d'un collègue)\u00a0; "
        "les responsables d'enquête et les administrateurs ne reçoivent pas de ménages. Une "
        "personne limitée à une zone ne reçoit que des ménages de cette zone.",
    ),
    "reassign_note": tr(
        "Las unidades ya asignadas conservan su encuestador. Para pasar un hogar a otro "
        "encuestador, use este formulario; para pasar varios a la vez, use",
        "Units already assigned keep their interviewer. To give one household to another "
        "interviewer, use this form; to move several at once, use",
        "As unidades já designadas mantêm o seu entrevistador. Para passar um domicílio a "
        "outro entrevistador, use este formulário; para passar vários de uma vez, use",
        "Les unités déjà attribuées gardent leur enquêteur. Pour confier un ménage à un autre "
        "enquêteur, utilisez ce formulaire\u00a0; pour en déplacer plusieurs à la fois, "
        "utilisez",
    ),
    "reassign_drafts": tr(
        "Lo que la tableta del encuestador anterior ya tiene de ese hogar sigue siendo suyo: "
        "puede enviar sus visitas y la entrevista que empezó allí, aunque aún no la haya "
        "enviado, mientras el servidor no tenga otra entrevista del hogar. La que llegue "
        "en segundo lugar desde otro encuestador se rechaza y se queda en su tableta, para "
        "que usted decida. La tableta del nuevo encuestador recibe el hogar en su próxima "
        "sincronización.",
        "What the previous interviewer's tablet already holds of the household stays "
        "theirs: it can still send its visits and the interview started there, even one "
        "not sent yet, as long as the server holds no other interview of the household. "
        "Whichever interview arrives second from another interviewer is refused and stays on "
        "its tablet, for you to decide. The new interviewer's tablet gets the household at "
        "its next sync.",
        "O que o tablet do entrevistador anterior já tem desse domicílio continua sendo "
        "dele: ele ainda pode enviar as visitas e a entrevista começada ali, mesmo ainda não "
        "enviada, enquanto o servidor não tiver outra entrevista do domicílio. A que chegar "
        "em segundo lugar de outro entrevistador é recusada e fica no tablet dele, para que "
        "você decida. O tablet do novo entrevistador recebe o domicílio na próxima "
        "sincronização.",
        "Ce que la tablette de l'enquêteur précédent contient déjà de ce ménage reste à "
        "lui\u00a0: elle peut encore envoyer ses visites et l'entretien commencé, même non "
        "envoyé, tant que le serveur n'a pas d'autre entretien du ménage. Celui qui arrive "
        "en second d'un autre enquêteur est refusé et reste sur sa tablette, pour que vous "
        "décidiez. La tablette du nouvel enquêteur reçoit le ménage à sa prochaine "
        "synchronisation.",
    ),
    "household_id": tr(
        "Código del hogar (unidad de muestra)",
        "Household id (sample unit)",
        "Código do domicílio (unidade da amostra)",
        "Identifiant du ménage (unité d'échantillon)",
    ),
    "reassign_to": tr(
        "Nuevo encuestador", "New interviewer", "Novo entrevistador", "Nouvel enquêteur"
    ),
    "reassign_submit": tr("Reasignar", "Reassign", "Reatribuir", "Réattribuer"),
    "unit_reassigned": tr(
        "El hogar {unit} pasó de {previous} a {name}.",
        "Household {unit} moved from {previous} to {name}.",
        "O domicílio {unit} passou de {previous} para {name}.",
        "Le ménage {unit} est passé de {previous} à {name}.",
    ),
    "unit_assigned_one": tr(
        "El hogar {unit} se asignó a {name}.",
        "Household {unit} assigned to {name}.",
        "O domicílio {unit} foi atribuído a {name}.",
        "Le ménage {unit} a été attribué à {name}.",
    ),
    "reassign_interview_held": tr(
        "El servidor ya tiene una entrevista de {unit} hecha por {previous} ({status}): una "
        "entrevista de {name} de ese hogar será rechazada. Avise a {name} antes de la visita.",
        "The server already holds {previous}'s interview of {unit} ({status}): an interview "
        "of it from {name} will be refused. Tell {name} before the visit.",
        "O servidor já tem uma entrevista de {unit} feita por {previous} ({status}): uma "
        "entrevista de {name} desse domicílio será recusada. Avise {name} antes da visita.",
        "Le serveur a déjà un entretien de {unit} fait par {previous} ({status})\u00a0: un "
        "entretien de {name} de ce ménage sera refusé. Prévenez {name} avant la visite.",
    ),
    "choose_interviewer": tr(
        "Elija un encuestador de la lista.",
        "Choose an interviewer from the list.",
        "Escolha um entrevistador da lista.",
        "Choisissez un enquêteur dans la liste.",
    ),
    "choose_interviewer_area": tr(
        "Elija un encuestador y un área de las listas.",
        "Choose an interviewer and an area from the lists.",
        "Escolha um entrevistador e uma área das listas.",
        "Choisissez un enquêteur et une zone dans les listes.",
    ),
    "units_assigned": tr(
        "Se asignaron {n} unidades a {name}.",
        "{n} units assigned to {name}.",
        "{n} unidades designadas a {name}.",
        "{n} unités attribuées à {name}.",
    ),
    "units_assigned_one": tr(
        "Se asignó {n} unidad a {name}.",
        "{n} unit assigned to {name}.",
        "{n} unidade designada a {name}.",
        "{n} unité attribuée à {name}.",
    ),
    # ---- invitation codes ----
    "codes_count_one": tr(
        "{n} unidad de muestra; {without} sin código.",
        "{n} sample unit; {without} without a code.",
        "{n} unidade da amostra; {without} sem código.",
        "{n} unité de l'échantillon\u00a0; {without} sans code.",
    ),
    "codes_count": tr(
        "{n} unidades de muestra; {without} sin código.",
        "{n} sample units; {without} without a code.",
        "{n} unidades da amostra; {without} sem código.",
        "{n} unités de l'échantillon\u00a0; {without} sans code.",
    ),
    "codes_once": tr(
        "Los códigos se muestran una sola vez, en el archivo CSV que descarga ahora. El "
        "servidor guarda solo una huella de cada código y no puede volver a mostrarlos. "
        "Guarde el archivo en un lugar seguro y bórrelo después de imprimir.",
        "The codes are shown only once, in the CSV file you download now. The server keeps "
        "only a fingerprint of each code and cannot show them again. Keep the file safe and "
        "delete it after printing.",
        "Os códigos são mostrados uma única vez, no arquivo CSV que você baixa agora. O "
        "servidor guarda só uma impressão digital de cada código e não pode mostrá-los de "
        "novo. Guarde o arquivo em um lugar seguro e apague-o depois de imprimir.",
        "Les codes ne sont affichés qu'une fois, dans le fichier CSV que vous téléchargez "
        "maintenant. Le serveur ne garde qu'une empreinte de chaque code et ne peut pas les "
        "afficher à nouveau. Conservez le fichier en lieu sûr et supprimez-le après "
        "l'impression.",
    ),
    "expires_days": tr(
        "Los códigos vencen a los (días; 0 para nunca)",
        "Codes expire after (days, 0 for never)",
        "Os códigos expiram após (dias; 0 para nunca)",
        "Les codes expirent au bout de (jours\u00a0; 0 pour jamais)",
    ),
    "enter_days": tr(
        "Escriba un número de días.",
        "Enter a number of days.",
        "Digite um número de dias.",
        "Saisissez un nombre de jours.",
    ),
    "whole_number": tr(
        "Escriba «{label}» como un número entero.",
        'Enter "{label}" as a whole number.',
        "Digite “{label}” como um número inteiro.",
        "Saisissez «\u00a0{label}\u00a0» comme un nombre entier.",
    ),
    "days_range": tr(
        "Escriba un número de 0 a 3650.",
        "Enter a number from 0 to 3650.",
        "Digite um número de 0 a 3650.",
        "Saisissez un nombre de 0 à 3650.",
    ),
    "replace_codes": tr(
        "Reemplazar los códigos no usados que ya se emitieron",
        "Replace the unused codes that were already issued",
        "Substituir os códigos não usados que já foram emitidos",
        "Remplacer les codes inutilisés déjà émis",
    ),
    "csv_separator": tr(
        "Columnas del archivo separadas por",
        "Columns of the file separated by",
        "Colunas do arquivo separadas por",
        "Colonnes du fichier séparées par",
    ),
    "separator_semicolon": tr(
        "punto y coma (;): Excel con coma decimal, como en Colombia, Chile o Argentina",
        "semicolons (;): Excel with a decimal comma, as in Colombia, Chile or Brazil",
        "ponto e vírgula (;): Excel com vírgula decimal, como no Brasil",
        "points-virgules (;)\u00a0: Excel avec virgule décimale, comme en Haïti ou en France",
    ),
    "separator_comma": tr(
        "comas (,): Excel con punto decimal, como en México, u otros programas",
        "commas (,): Excel with a decimal point, as in Mexico or Jamaica, or other programs",
        "vírgulas (,): Excel com ponto decimal, ou outros programas",
        "virgules (,)\u00a0: Excel avec point décimal, ou d'autres programmes",
    ),
    "replace_hint": tr(
        "Úselo si se perdió un archivo de códigos. Se conservan los códigos que un "
        "informante ya usó.",
        "Use this if a file of codes was lost. Codes already used by a respondent are kept.",
        "Use se um arquivo de códigos foi perdido. Os códigos já usados por um respondente "
        "são mantidos.",
        "Utilisez cette option si un fichier de codes a été perdu. Les codes déjà utilisés "
        "par un répondant sont conservés.",
    ),
    "generate_codes": tr(
        "Generar los códigos y descargar el CSV",
        "Generate codes and download CSV",
        "Gerar os códigos e baixar o CSV",
        "Générer les codes et télécharger le CSV",
    ),
    "every_unit_has_code": tr(
        "Todas las unidades de muestra ya tienen código; no se generó nada.",
        "Every sample unit already has a code; nothing was generated.",
        "Todas as unidades da amostra já têm código; nada foi gerado.",
        "Toutes les unités de l'échantillon ont déjà un code\u00a0; rien n'a été généré.",
    ),
    # ---- users ----
    "role_administrator": tr("Administrador", "Administrator", "Administrador", "Administrateur"),
    "role_survey_manager": tr(
        "Responsable de encuesta", "Survey manager", "Gestor da pesquisa", "Responsable d'enquête"
    ),
    "role_supervisor": tr("Supervisor", "Supervisor", "Supervisor", "Superviseur"),
    "role_interviewer": tr("Encuestador", "Interviewer", "Entrevistador", "Enquêteur"),
    "role_analyst": tr("Analista", "Analyst", "Analista", "Analyste"),
    "create_user_link": tr(
        "Crear un usuario", "Create a user", "Criar um usuário", "Créer un utilisateur"
    ),
    "staff_accounts": tr(
        "Cuentas del personal", "Staff accounts", "Contas da equipe", "Comptes du personnel"
    ),
    "email_col": tr("Correo electrónico", "Email", "E-mail", "Adresse e-mail"),
    "role": tr("Rol", "Role", "Perfil", "Rôle"),
    "limited_to_area": tr(
        "Limitado al área", "Limited to area", "Limitado à área", "Limité à la zone"
    ),
    "actions": tr("Acciones", "Actions", "Ações", "Actions"),
    "devices_link": tr("dispositivos", "devices", "dispositivos", "appareils"),
    "role_of": tr("Rol de {email}", "Role of {email}", "Perfil de {email}", "Rôle de {email}"),
    "change_role": tr("Cambiar el rol", "Change role", "Alterar o perfil", "Changer le rôle"),
    "area_of": tr("Área de {email}", "Area of {email}", "Área de {email}", "Zone de {email}"),
    "change_area": tr("Cambiar el área", "Change area", "Alterar a área", "Changer la zone"),
    "active": tr("activa", "active", "ativa", "actif"),
    "deactivated": tr("desactivada", "deactivated", "desativada", "désactivé"),
    "locked": tr("bloqueada", "locked", "bloqueada", "bloqué"),
    "deactivate": tr("Desactivar", "Deactivate", "Desativar", "Désactiver"),
    "reactivate": tr("Reactivar", "Reactivate", "Reativar", "Réactiver"),
    "change": tr("Cambiar", "Change", "Alterar", "Modifier"),
    "all_areas_no_limit": tr(
        "Todas las áreas (sin límite)",
        "All areas (no limit)",
        "Todas as áreas (sem limite)",
        "Toutes les zones (sans limite)",
    ),
    "choose_role": tr(
        "Elija un rol de la lista.",
        "Choose a role from the list.",
        "Escolha um perfil da lista.",
        "Choisissez un rôle dans la liste.",
    ),
    "not_own_role": tr(
        "No puede cambiar su propio rol; pídaselo a otro administrador.",
        "You cannot change your own role; ask another administrator.",
        "Você não pode alterar o seu próprio perfil; peça a outro administrador.",
        "Vous ne pouvez pas changer votre propre rôle\u00a0; demandez à un autre administrateur.",
    ),
    "user_role_now": tr(
        "El rol de {email} ahora es: {role}.",
        "{email} is now {role}.",
        "O perfil de {email} agora é: {role}.",
        "Le rôle de {email} est maintenant\u00a0: {role}.",
    ),
    "choose_area": tr(
        "Elija un área de la lista.",
        "Choose an area from the list.",
        "Escolha uma área da lista.",
        "Choisissez une zone dans la liste.",
    ),
    "user_sees_all": tr(
        "{email} ahora ve todas las áreas.",
        "{email} now sees all areas.",
        "{email} agora vê todas as áreas.",
        "{email} voit maintenant toutes les zones.",
    ),
    "user_sees_one": tr(
        "{email} ahora ve un área.",
        "{email} now sees one area.",
        "{email} agora vê uma área.",
        "{email} voit maintenant une zone.",
    ),
    "not_own_account": tr(
        "No puede desactivar su propia cuenta.",
        "You cannot deactivate your own account.",
        "Você não pode desativar a sua própria conta.",
        "Vous ne pouvez pas désactiver votre propre compte.",
    ),
    "user_now_active": tr(
        "La cuenta de {email} ahora está activa.",
        "{email} is now active.",
        "A conta de {email} agora está ativa.",
        "Le compte de {email} est maintenant actif.",
    ),
    "user_now_deactivated": tr(
        "La cuenta de {email} ahora está desactivada.",
        "{email} is now deactivated.",
        "A conta de {email} agora está desativada.",
        "Le compte de {email} est maintenant désactivé.",
    ),
    # ---- a new user ----
    "full_name": tr("Nombre completo", "Full name", "Nome completo", "Nom complet"),
    "temporary_password": tr(
        "Contraseña temporal", "Temporary password", "Senha temporária", "Mot de passe temporaire"
    ),
    "repeat_the_password": tr(
        "Repita la contraseña", "Repeat the password", "Repita a senha", "Répétez le mot de passe"
    ),
    "role_hint": tr(
        "Los administradores pueden hacer todo; los responsables de encuesta gestionan los "
        "levantamientos; los supervisores y encuestadores hacen el trabajo de campo; los "
        "analistas ven los resultados.",
        "Administrators can do everything; survey managers run waves; supervisors and "
        "interviewers do field work; analysts see results.",
        "Os administradores podem fazer tudo; os gestores da pesquisa conduzem os "
        "levantamentos; os supervisores e entrevistadores fazem o trabalho de campo; os "
        "analistas veem os resultados.",
        "Les administrateurs peuvent tout faire\u00a0; les responsables d'enquête gèrent les "
        "vagues\u00a0; les superviseurs et les enquêteurs font le terrain\u00a0; les analystes voient "
        "les résultats.",
    ),
    "user_area_hint": tr(
        "En el observatorio, los resultados de las demás áreas quedan ocultos para este usuario.",
        "Results of other areas stay hidden from this user in the observatory.",
        "No observatório, os resultados das outras áreas ficam ocultos para este usuário.",
        "Dans l'observatoire, les résultats des autres zones restent cachés à cet utilisateur.",
    ),
    "temporary_hint": tr(
        "Al menos 10 caracteres. Entréguesela a la persona en mano; deberá cambiarla al "
        "iniciar sesión.",
        "At least 10 characters. Give it to the person in person; they must change it when "
        "they log in.",
        "Pelo menos 10 caracteres. Entregue-a à pessoa pessoalmente; ela deverá alterá-la ao "
        "entrar.",
        "Au moins 10 caractères. Remettez-le à la personne en main propre\u00a0; elle devra le "
        "changer à sa connexion.",
    ),
    "create_user": tr("Crear el usuario", "Create user", "Criar o usuário", "Créer l'utilisateur"),
    "enter_an_email": tr(
        "Escriba un correo electrónico.",
        "Enter an email address.",
        "Digite um e-mail.",
        "Saisissez une adresse e-mail.",
    ),
    "enter_person_name": tr(
        "Escriba el nombre de la persona.",
        "Enter the person's name.",
        "Digite o nome da pessoa.",
        "Saisissez le nom de la personne.",
    ),
    "enter_temporary": tr(
        "Escriba una contraseña temporal.",
        "Enter a temporary password.",
        "Digite uma senha temporária.",
        "Saisissez un mot de passe temporaire.",
    ),
    "password_length": tr(
        "La contraseña debe tener al menos 10 caracteres.",
        "The password must have at least 10 characters.",
        "A senha deve ter pelo menos 10 caracteres.",
        "Le mot de passe doit comporter au moins 10 caractères.",
    ),
    "passwords_differ": tr(
        "Las dos contraseñas no coinciden.",
        "The two passwords do not match.",
        "As duas senhas não são iguais.",
        "Les deux mots de passe ne correspondent pas.",
    ),
    "user_created": tr(
        "Se creó el usuario {email}. Entréguele la contraseña temporal en mano.",
        "User {email} created. Give them the temporary password in person.",
        "O usuário {email} foi criado. Entregue-lhe a senha temporária pessoalmente.",
        "L'utilisateur {email} a été créé. Remettez-lui le mot de passe temporaire en main propre.",
    ),
    # ---- households held outside their interviewer's area (given before the rule) ----
    "outside_area_heading": tr(
        "Hogares fuera del área de su encuestador",
        "Households outside their interviewer's area",
        "Domicílios fora da área do seu entrevistador",
        "Ménages hors de la zone de leur enquêteur",
    ),
    "outside_area_intro": tr(
        "{n} hogares asignados están fuera del área en la que trabaja su encuestador: se "
        "asignaron antes de la regla de áreas o antes de que cambiara el área del encuestador. "
        "Siguen asignados; reasígnelos abajo o cambie el área del encuestador en la página de "
        "usuarios.",
        "{n} assigned households lie outside the area their interviewer works in: they were "
        "assigned before the area rule or before the interviewer's area changed. They stay "
        "assigned; reassign them below or change the interviewer's area on the users page.",
        "{n} domicílios atribuídos estão fora da área em que o seu entrevistador trabalha: foram "
        "atribuídos antes da regra de áreas ou antes de a área do entrevistador mudar. Continuam "
        "atribuídos; reatribua-os abaixo ou altere a área do entrevistador na página de "
        "usuários.",
        "{n} ménages attribués sont hors de la zone où travaille leur enquêteur\u00a0: ils ont "
        "été attribués avant la règle des zones ou avant que la zone de l'enquêteur ne change. "
        "Ils restent attribués\u00a0; réattribuez-les ci-dessous ou changez la zone de "
        "l'enquêteur sur la page des utilisateurs.",
    ),
    "outside_area_intro_one": tr(
        "{n} hogar asignado está fuera del área en la que trabaja su encuestador: se asignó "
        "antes de la regla de áreas o antes de que cambiara el área del encuestador. Sigue "
        "asignado; reasígnelo abajo o cambie el área del encuestador en la página de usuarios.",
        "{n} assigned household lies outside the area its interviewer works in: it was "
        "assigned before the area rule or before the interviewer's area changed. It stays "
        "assigned; reassign it below or change the interviewer's area on the users page.",
        "{n} domicílio atribuído está fora da área em que o seu entrevistador trabalha: foi "
        "atribuído antes da regra de áreas ou antes de a área do entrevistador mudar. Continua "
        "atribuído; reatribua-o abaixo ou altere a área do entrevistador na página de usuários.",
        "{n} ménage attribué est hors de la zone où travaille son enquêteur\u00a0: il a été "
        "attribué avant la règle des zones ou avant que la zone de l'enquêteur ne change. Il "
        "reste attribué\u00a0; réattribuez-le ci-dessous ou changez la zone de l'enquêteur sur "
        "la page des utilisateurs.",
    ),
    "outside_area_more": tr(
        "Y {n} hogares más, que no se muestran.",
        "And {n} more households, not shown.",
        "E mais {n} domicílios, não mostrados.",
        "Et {n} autres ménages, non affichés.",
    ),
    "outside_area_more_one": tr(
        "Y {n} hogar más, que no se muestra.",
        "And {n} more household, not shown.",
        "E mais {n} domicílio, não mostrado.",
        "Et {n} autre ménage, non affiché.",
    ),
    "household_area": tr(
        "Área del hogar", "Household's area", "Área do domicílio", "Zone du ménage"
    ),
    "works_only_in": tr(
        "Trabaja solo en", "Works only in", "Trabalha só em", "Travaille seulement dans"
    ),
    "outside_after_area_change": tr(
        "{n} hogares asignados a {name} quedan fuera de su nueva área (levantamientos: "
        "{waves}). Siguen asignados: reasígnelos en la asignación de encuestadores de "
        "cada levantamiento.",
        "{n} households assigned to {name} lie outside their new area (waves: {waves}). They "
        "stay assigned: reassign them on each wave's interviewer assignments page.",
        "{n} domicílios atribuídos a {name} ficam fora da sua nova área (levantamentos: "
        "{waves}). Continuam atribuídos: reatribua-os na designação de entrevistadores de "
        "cada levantamento.",
        "{n} ménages attribués à {name} sont hors de sa nouvelle zone (vagues\u00a0: {waves}). "
        "Ils restent attribués\u00a0: réattribuez-les dans l'affectation des enquêteurs de "
        "chaque vague.",
    ),
    "outside_after_area_change_one": tr(
        "{n} hogar asignado a {name} queda fuera de su nueva área (levantamiento: {waves}). "
        "Sigue asignado: reasígnelo en la asignación de encuestadores del levantamiento.",
        "{n} household assigned to {name} lies outside their new area (wave: {waves}). It "
        "stays assigned: reassign it on the wave's interviewer assignments page.",
        "{n} domicílio atribuído a {name} fica fora da sua nova área (levantamento: {waves}). "
        "Continua atribuído: reatribua-o na designação de entrevistadores do levantamento.",
        "{n} ménage attribué à {name} est hors de sa nouvelle zone (vague\u00a0: {waves}). Il "
        "reste attribué\u00a0: réattribuez-le dans l'affectation des enquêteurs de la vague.",
    ),
    # ---- an administrator resets someone's password (a temporary one) ----
    "reset_password": tr(
        "Restablecer la contraseña",
        "Reset password",
        "Redefinir a senha",
        "Réinitialiser le mot de passe",
    ),
    "reset_password_of": tr(
        "Restablecer la contraseña de {email}",
        "Reset the password of {email}",
        "Redefinir a senha de {email}",
        "Réinitialiser le mot de passe de {email}",
    ),
    "reset_password_intro": tr(
        "Escriba una contraseña temporal. La persona deberá cambiarla al iniciar sesión, antes "
        "de cualquier otra cosa; sus sesiones abiertas se cierran ahora. Sus dispositivos del "
        "trabajo de campo siguen conectados: ciérrelos en su página de dispositivos si hace "
        "falta.",
        "Type a temporary password. The person must change it when they log in, before anything "
        "else; their open sessions end now. Their field-work devices stay logged in: end them on "
        "their devices page if need be.",
        "Digite uma senha temporária. A pessoa deverá alterá-la ao entrar, antes de qualquer "
        "outra coisa; as suas sessões abertas são encerradas agora. Os seus dispositivos de "
        "trabalho de campo continuam conectados: encerre-os na página de dispositivos se for "
        "preciso.",
        "Saisissez un mot de passe temporaire. La personne devra le changer à sa connexion, "
        "avant toute autre chose\u00a0; ses sessions ouvertes sont fermées dès maintenant. Ses "
        "appareils de terrain restent connectés\u00a0: fermez-les sur sa page d'appareils si "
        "besoin.",
    ),
    "set_temporary_password": tr(
        "Fijar la contraseña temporal",
        "Set temporary password",
        "Definir a senha temporária",
        "Définir le mot de passe temporaire",
    ),
    "temporary_password_set": tr(
        "{email} tiene una contraseña temporal: entréguesela en mano; deberá cambiarla al "
        "iniciar sesión.",
        "{email} has a temporary password: give it to them in person; they must change it when "
        "they log in.",
        "{email} tem uma senha temporária: entregue-a pessoalmente; deverá alterá-la ao entrar.",
        "{email} a un mot de passe temporaire\u00a0: remettez-le en main propre\u00a0; il "
        "devra être changé à la connexion.",
    ),
    "temporary_password_tag": tr(
        "contraseña temporal",
        "temporary password",
        "senha temporária",
        "mot de passe temporaire",
    ),
    # ---- devices of the interviewer app ----
    "devices_of": tr(
        "Dispositivos de {name}",
        "Devices of {name}",
        "Dispositivos de {name}",
        "Appareils de {name}",
    ),
    "app_devices": tr(
        "Dispositivos de la aplicación de encuestadores",
        "Interviewer app devices",
        "Dispositivos do aplicativo de entrevistadores",
        "Appareils de l'application des enquêteurs",
    ),
    "device_id_short": tr("dispositivo {id}", "device {id}", "dispositivo {id}", "appareil {id}"),
    "devices_note": tr(
        "Cada tableta aparece una vez, con el nombre que se escribió al iniciar sesión (dos "
        "tabletas con el mismo nombre se distinguen por el inicio del número que la aplicación "
        "da a cada tableta); un nuevo inicio de sesión en ella reemplaza al anterior. Revoque el dispositivo cuando "
        "se pierda una tableta o cambie de manos: ya no podrá descargar asignaciones ni "
        "enviar entrevistas hasta que alguien vuelva a iniciar sesión en él. Las entrevistas "
        "que ya están en el dispositivo se quedan allí.",
        "Each tablet is listed once, by the name typed at login (two tablets with the same "
        "name are told apart by the start of the number the app gives each tablet); logging "
        "in on it again replaces its earlier login. Revoke a device when a tablet is lost or changes hands: "
        "it can no longer download assignments or send interviews until someone logs in on "
        "it again. Interviews already on the device stay there.",
        "Cada tablet aparece uma vez, com o nome digitado ao entrar (dois tablets com o mesmo "
        "nome se distinguem pelo início do número que o aplicativo dá a cada tablet); uma "
        "nova entrada nele substitui a anterior. Revogue o dispositivo quando um tablet for perdido ou mudar de "
        "mãos: ele não poderá mais baixar designações nem enviar entrevistas até que alguém "
        "entre nele de novo. As entrevistas que já estão no dispositivo ficam lá.",
        "Chaque tablette figure une fois, sous le nom saisi à la connexion (deux tablettes du "
        "même nom se distinguent par le début du numéro que l'application donne à chaque "
        "tablette)\u00a0; une nouvelle connexion sur elle remplace la précédente. Révoquez l'appareil quand une tablette "
        "est perdue ou change de mains\u00a0: il ne peut plus télécharger d'affectations ni "
        "envoyer d'entretiens jusqu'à ce que quelqu'un s'y reconnecte. Les entretiens déjà "
        "sur l'appareil y restent.",
    ),
    # the devices table's latest login: its times are UTC, said here once rather than in each
    # row
    "last_login_utc": tr(
        "Último inicio de sesión (UTC)",
        "Last logged in (UTC)",
        "Última entrada (UTC)",
        "Dernière connexion (UTC)",
    ),
    "logins": tr("Inicios de sesión", "Logins", "Entradas", "Connexions"),
    "device_tokens": tr(
        "Tokens de los dispositivos",
        "Device tokens",
        "Tokens dos dispositivos",
        "Jetons des appareils",
    ),
    "device": tr("Dispositivo", "Device", "Dispositivo", "Appareil"),
    # the tokens and the devices tables' last use: their times are UTC, said here once rather
    # than in each row
    "last_used_utc": tr(
        "Último uso (UTC)", "Last used (UTC)", "Último uso (UTC)", "Dernière utilisation (UTC)"
    ),
    "state": tr("Estado", "State", "Estado", "État"),
    "action": tr("Acción", "Action", "Ação", "Action"),
    "never": tr("nunca", "never", "nunca", "jamais"),
    "revoked_on": tr(
        "revocado el {date}", "revoked {date}", "revogado em {date}", "révoqué le {date}"
    ),
    "expired": tr("vencido", "expired", "expirado", "expiré"),
    "token_active": tr("activo", "active", "ativo", "actif"),
    "revoke": tr("Revocar", "Revoke", "Revogar", "Révoquer"),
    "no_device": tr(
        "Ningún dispositivo ha iniciado sesión con esta cuenta.",
        "No device has logged in with this account.",
        "Nenhum dispositivo entrou com esta conta.",
        "Aucun appareil ne s'est connecté avec ce compte.",
    ),
    "choose_device": tr(
        "Elija un dispositivo de la lista.",
        "Choose a device from the list.",
        "Escolha um dispositivo da lista.",
        "Choisissez un appareil dans la liste.",
    ),
    "device_already_revoked": tr(
        "«{label}» ya estaba revocado.",
        '"{label}" was already revoked.',
        "“{label}” já estava revogado.",
        "«\u00a0{label}\u00a0» était déjà révoqué.",
    ),
    "device_logged_out": tr(
        "Se cerró la sesión de «{label}»; debe volver a iniciarla para enviar entrevistas.",
        '"{label}" is logged out; it must log in again to send interviews.',
        "“{label}” foi desconectado; ele precisa entrar de novo para enviar entrevistas.",
        "«\u00a0{label}\u00a0» est déconnecté\u00a0; il doit se reconnecter pour envoyer des entretiens.",
    ),
    # ---- read API tokens ----
    "read_tokens": tr(
        "Tokens de la API de lectura",
        "Read API tokens",
        "Tokens da API de leitura",
        "Jetons de l'API de lecture",
    ),
    "administration": tr("Administración", "Administration", "Administração", "Administration"),
    "tokens_intro": tr(
        "Los sistemas que toman indicadores (el sitio de un observatorio, una oficina de "
        "estadística) envían un token con cada solicitud a",
        "Systems that pull indicators (an observatory's site, a statistics office) send a "
        "token with every request to",
        "Os sistemas que buscam indicadores (o site de um observatório, um órgão de "
        "estatística) enviam um token a cada requisição para",
        "Les systèmes qui récupèrent des indicateurs (le site d'un observatoire, un institut "
        "de statistique) envoient un jeton avec chaque requête vers",
    ),
    "tokens_scopes": tr(
        "Un token público ve lo que muestra el observatorio público; un token interno ve la "
        "edición interna de cada levantamiento publicado. Limite un token a algunas áreas "
        "para ocultar las demás. Cada uso queda en el registro de auditoría. Referencia:",
        "A public token sees what the public observatory shows; an internal token sees the "
        "internal edition of every published wave. Limit a token to areas to hide the "
        "others. Every use is in the audit log. Reference:",
        "Um token público vê o que o observatório público mostra; um token interno vê a "
        "edição interna de cada levantamento publicado. Limite um token a algumas áreas para "
        "ocultar as outras. Cada uso fica no registro de auditoria. Referência:",
        "Un jeton public voit ce que montre l'observatoire public\u00a0; un jeton interne voit "
        "l'édition interne de chaque vague publiée. Limitez un jeton à des zones pour cacher "
        "les autres. Chaque utilisation figure dans le journal d'audit. Référence\u00a0:",
    ),
    "openapi": tr(
        "la descripción OpenAPI",
        "the OpenAPI description",
        "a descrição OpenAPI",
        "la description OpenAPI",
    ),
    "copy_token": tr(
        "Copie el token ahora",
        "Copy the token now",
        "Copie o token agora",
        "Copiez le jeton maintenant",
    ),
    "token_once": tr(
        "Se muestra solo esta vez; solo se guarda una huella. Entrégueselo a su titular por "
        "un canal seguro.",
        "It is shown only this once; only a fingerprint is kept. Give it to its holder over "
        "a safe channel.",
        "Ele é mostrado só desta vez; só se guarda uma impressão digital. Entregue-o ao seu "
        "titular por um canal seguro.",
        "Il n'est affiché que cette fois\u00a0; seule une empreinte est conservée. Remettez-le à "
        "son détenteur par un canal sûr.",
    ),
    "token": tr("Token", "Token", "Token", "Jeton"),
    "scope": tr("Alcance", "Scope", "Escopo", "Portée"),
    "areas": tr("Áreas", "Areas", "Áreas", "Zones"),
    "microdata": tr("Microdatos", "Microdata", "Microdados", "Microdonnées"),
    "created": tr("Creado", "Created", "Criado", "Créé"),
    "all": tr("todas", "all", "todas", "toutes"),
    "scope_public": tr("público", "public", "público", "public"),
    "scope_internal": tr("interno", "internal", "interno", "interne"),
    "no_token": tr(
        "Todavía no hay tokens.",
        "No token yet.",
        "Ainda não há tokens.",
        "Aucun jeton pour l'instant.",
    ),
    "latest_requests": tr(
        "Últimas solicitudes", "Latest requests", "Últimas requisições", "Dernières requêtes"
    ),
    "latest_requests_note": tr(
        "Las últimas {n} solicitudes hechas con un token, las más recientes primero. El "
        "registro de auditoría guarda cada una durante {days} días",
        "The latest {n} requests made with a token, newest first. The audit log keeps each "
        "one for {days} days",
        "As últimas {n} requisições feitas com um token, as mais recentes primeiro. O registro "
        "de auditoria guarda cada uma por {days} dias",
        "Les {n} dernières requêtes faites avec un jeton, les plus récentes d'abord. Le journal "
        "d'audit conserve chacune pendant {days} jours",
    ),
    "latest_requests_note_one": tr(
        "La última solicitud hecha con un token. El registro de auditoría guarda cada una "
        "durante {days} días",
        "The latest request made with a token. The audit log keeps each one for {days} days",
        "A última requisição feita com um token. O registro de auditoria guarda cada uma por "
        "{days} dias",
        "La dernière requête faite avec un jeton. Le journal d'audit conserve chacune pendant "
        "{days} jours",
    ),
    # before any request ('The latest 0 requests'; French would take the singular for 0)
    "latest_requests_note_none": tr(
        "Aquí se listan las solicitudes hechas con un token, las más recientes primero. El "
        "registro de auditoría guarda cada una durante {days} días",
        "Requests made with a token are listed here, newest first. The audit log keeps each "
        "one for {days} days",
        "Aqui são listadas as requisições feitas com um token, as mais recentes primeiro. O "
        "registro de auditoria guarda cada uma por {days} dias",
        "Les requêtes faites avec un jeton sont listées ici, les plus récentes d'abord. Le "
        "journal d'audit conserve chacune pendant {days} jours",
    ),
    "requests_caption": tr(
        "Últimas solicitudes hechas con tokens de la API de lectura",
        "Latest requests made with read API tokens",
        "Últimas requisições feitas com tokens da API de leitura",
        "Dernières requêtes faites avec des jetons de l'API de lecture",
    ),
    "request": tr("Solicitud", "Request", "Requisição", "Requête"),
    "response": tr(
        "Respuesta del servidor", "Answer", "Resposta do servidor", "Réponse du serveur"
    ),
    "no_request": tr(
        "Todavía no hay solicitudes.",
        "No request yet.",
        "Ainda não há requisições.",
        "Aucune requête pour l'instant.",
    ),
    "create_token_title": tr(
        "Crear un token", "Create a token", "Criar um token", "Créer un jeton"
    ),
    "create_token": tr("Crear el token", "Create token", "Criar o token", "Créer le jeton"),
    "token_name_hint": tr(
        "Quién lo tiene; por ejemplo, «Observatorio estatal de Nuevo León».",
        "Who holds it, e.g. “Nuevo León state observatory”.",
        "Quem o detém; por exemplo, “Observatório estadual de Pernambuco”.",
        "Qui le détient, par exemple «\u00a0Observatoire régional d'Auvergne-Rhône-Alpes\u00a0».",
    ),
    "token_areas_hint": tr(
        "Si no elige ninguna: todas las áreas. Si no, las áreas elegidas y las que están "
        "debajo de ellas.",
        "None chosen: every area. Otherwise the chosen areas and the areas below them.",
        "Se nenhuma for escolhida: todas as áreas. Caso contrário, as áreas escolhidas e as "
        "que estão abaixo delas.",
        "Aucune choisie\u00a0: toutes les zones. Sinon les zones choisies et celles qui sont en "
        "dessous.",
    ),
    "microdata_hint": tr(
        "Los tokens públicos reciben la edición pública (con control de divulgación); los "
        "internos, ambas ediciones.",
        "Public tokens get the public edition (disclosure control applied); internal tokens "
        "both editions.",
        "Os tokens públicos recebem a edição pública (com controle de divulgação); os "
        "internos, as duas edições.",
        "Les jetons publics reçoivent l'édition publique (contrôle de la divulgation "
        "appliqué)\u00a0; les jetons internes les deux éditions.",
    ),
    "scope_public_choice": tr(
        "Público: levantamientos marcados como públicos, solo la edición pública",
        "Public: waves marked public, public edition only",
        "Público: levantamentos marcados como públicos, somente a edição pública",
        "Public\u00a0: vagues marquées publiques, édition publique seulement",
    ),
    "scope_internal_choice": tr(
        "Interno: todos los levantamientos publicados, edición interna",
        "Internal: every published wave, internal edition",
        "Interno: todos os levantamentos publicados, edição interna",
        "Interne\u00a0: toutes les vagues publiées, édition interne",
    ),
    "limited_to_areas": tr(
        "Limitado a las áreas", "Limited to the areas", "Limitado às áreas", "Limité aux zones"
    ),
    "may_download_microdata": tr(
        "Puede descargar las publicaciones de microdatos",
        "May download microdata releases",
        "Pode baixar as publicações de microdados",
        "Peut télécharger les diffusions de microdonnées",
    ),
    "name_the_token": tr(
        "Dele al token un nombre que diga quién lo tiene.",
        "Give the token a name saying who holds it.",
        "Dê ao token um nome que diga quem o detém.",
        "Donnez au jeton un nom qui dise qui le détient.",
    ),
    "token_created": tr(
        "Se creó el token {prefix}… para {name}.",
        "Token {prefix}… created for {name}.",
        "O token {prefix}… foi criado para {name}.",
        "Le jeton {prefix}… a été créé pour {name}.",
    ),
    "choose_token": tr(
        "Elija un token de la lista.",
        "Choose a token from the list.",
        "Escolha um token da lista.",
        "Choisissez un jeton dans la liste.",
    ),
    "form_had_expired": tr(
        "El formulario había vencido; inténtelo de nuevo.",
        "The form had expired; try again.",
        "O formulário tinha expirado; tente novamente.",
        "Le formulaire avait expiré\u00a0; réessayez.",
    ),
    "token_revoked": tr(
        "Se revocó el token {prefix}… de {name}.",
        "Token {prefix}… of {name} is revoked.",
        "O token {prefix}… de {name} foi revogado.",
        "Le jeton {prefix}… de {name} est révoqué.",
    ),
    "token_already_revoked": tr(
        "El token {prefix}… ya estaba revocado.",
        "Token {prefix}… was already revoked.",
        "O token {prefix}… já estava revogado.",
        "Le jeton {prefix}… était déjà révoqué.",
    ),
    # ---- areas ----
    # (the levels' names are in service_texts.py: the area services say them too)
    "area_problems_none_added_one": tr(
        "El archivo tiene {n} problema; no se agregó nada",
        "The file has {n} problem; nothing was added",
        "O arquivo tem {n} problema; nada foi adicionado",
        "Le fichier a {n} problème\u00a0; rien n'a été ajouté",
    ),
    "area_problems_none_added": tr(
        "El archivo tiene {n} problemas; no se agregó nada",
        "The file has {n} problems; nothing was added",
        "O arquivo tem {n} problemas; nada foi adicionado",
        "Le fichier a {n} problèmes\u00a0; rien n'a été ajouté",
    ),
    "areas_intro": tr(
        "Los resultados se publican para países, regiones (estados, departamentos), "
        "municipios y barrios.",
        "Results are reported for countries, regions (states, departments), municipalities "
        "and neighbourhoods.",
        "Os resultados são publicados para países, regiões (estados, departamentos), "
        "municípios e bairros.",
        "Les résultats sont publiés pour les pays, les régions (États, départements), les "
        "communes et les quartiers.",
    ),
    "area_code_column": tr(
        "Las unidades de muestra se refieren a un área por su código, en la columna",
        "Sample units refer to an area by its code, in the column",
        "As unidades da amostra se referem a uma área pelo seu código, na coluna",
        "Les unités de l'échantillon désignent une zone par son code, dans la colonne",
    ),
    "path_of_codes": tr(
        "Ruta de códigos", "Path of codes", "Caminho de códigos", "Chemin des codes"
    ),
    "level": tr("Nivel", "Level", "Nível", "Niveau"),
    "population": tr("Población", "Population", "População", "Population"),
    "no_areas": tr(
        "Todavía no hay áreas.", "No areas yet.", "Ainda não há áreas.", "Pas encore de zone."
    ),
    "one_area_managed": tr(
        "Usted administra un área: la lista la muestra junto con las áreas que están debajo. "
        "Las áreas las agrega un responsable o un administrador sin límite de área.",
        "You manage one area: the list shows it and the areas below it. Areas are added by a "
        "manager or administrator without an area limit.",
        "Você administra uma área: a lista mostra essa área e as que estão abaixo dela. As "
        "áreas são adicionadas por um gestor ou administrador sem limite de área.",
        "Vous gérez une zone\u00a0: la liste la montre avec les zones situées en dessous. Les "
        "zones sont ajoutées par un responsable ou un administrateur sans limite de zone.",
    ),
    "add_areas_csv": tr(
        "Agregar áreas desde un archivo CSV",
        "Add areas from a CSV file",
        "Adicionar áreas a partir de um arquivo CSV",
        "Ajouter des zones à partir d'un fichier CSV",
    ),
    "columns": tr("Columnas:", "Columns:", "Colunas:", "Colonnes\u00a0:"),
    "level_values": tr("uno de", "one of", "um de", "l'un de"),
    "level_values_here": tr(
        " (o como los escribe esta página: país, región, municipio, barrio)",
        "",
        " (ou como esta página os escreve: país, região, município, bairro)",
        " (ou comme cette page les écrit\u00a0: pays, région, commune, quartier)",
    ),
    "or": tr("o", "or", "ou", "ou"),
    "parent_path": tr(
        "la ruta de códigos del área que la contiene, desde el país hacia abajo (por ejemplo",
        "the path of codes of the enclosing area from the country down (for example",
        "o caminho de códigos da área que a contém, do país para baixo (por exemplo",
        "le chemin des codes de la zone qui la contient, du pays vers le bas (par exemple",
    ),
    "parent_empty": tr(
        "); vacía para un país.",
        "); empty for a country.",
        "); vazio para um país.",
        ")\u00a0; vide pour un pays.",
    ),
    "earlier_lines": tr(
        "Una línea puede referirse a áreas agregadas en líneas anteriores.",
        "A line may refer to areas added on earlier lines.",
        "Uma linha pode se referir a áreas adicionadas em linhas anteriores.",
        "Une ligne peut désigner des zones ajoutées sur des lignes précédentes.",
    ),
    "areas_file": tr(
        "Archivo CSV de áreas", "CSV file of areas", "Arquivo CSV de áreas", "Fichier CSV des zones"
    ),
    "add_areas": tr("Agregar las áreas", "Add areas", "Adicionar as áreas", "Ajouter les zones"),
    "areas_added": tr(
        "Se agregaron {n} áreas.",
        "{n} areas added.",
        "Foram adicionadas {n} áreas.",
        "{n} zones ajoutées.",
    ),
    "areas_added_one": tr(
        "Se agregó {n} área.",
        "{n} area added.",
        "Foi adicionada {n} área.",
        "{n} zone ajoutée.",
    ),
    # ---- the audit log ----
    "audit_intro": tr(
        "Las últimas {n} acciones del personal, las más recientes primero.",
        "The latest {n} staff actions, newest first.",
        "As últimas {n} ações da equipe, as mais recentes primeiro.",
        "Les {n} dernières actions du personnel, les plus récentes d'abord.",
    ),
    # the audit log's and the latest token requests' time column: its times are UTC, said
    # here once rather than in each row
    "when_utc": tr("Cuándo (UTC)", "When (UTC)", "Quando (UTC)", "Quand (UTC)"),
    "audit_tokens_before": tr(
        "Las solicitudes hechas con tokens de la API de lectura se listan en la página",
        "Requests made with read API tokens are listed on the",
        "As requisições feitas com tokens da API de leitura são listadas na página",
        "Les requêtes faites avec des jetons de l'API de lecture sont listées sur la page",
    ),
    "audit_tokens_after": tr(".", " page.", ".", "."),
    "who": tr("Quién", "Who", "Quem", "Qui"),
    "object": tr("Objeto", "Object", "Objeto", "Objet"),
    "details": tr("Detalles", "Details", "Detalhes", "Détails"),
    "system": tr("sistema", "system", "sistema", "système"),
    # the audit log's action codes (audit.record's first argument) and object types, as words;
    # the page keeps the code beside them for those who search by it
    "action_attempt.record": tr(
        "visita registrada", "visit recorded", "visita registrada", "visite enregistrée"
    ),
    "action_boundaries.import": tr(
        "límites de áreas cargados",
        "area boundaries loaded",
        "limites das áreas carregados",
        "limites des zones chargées",
    ),
    "action_census.import": tr(
        "población del censo cargada",
        "census population loaded",
        "população do censo carregada",
        "population du recensement chargée",
    ),
    "action_instrument.load": tr(
        "cuestionario cargado",
        "questionnaire loaded",
        "questionário carregado",
        "questionnaire chargé",
    ),
    "action_interview.reopen": tr(
        "entrevista reabierta", "interview reopened", "entrevista reaberta", "entretien rouvert"
    ),
    "action_interview.review": tr(
        "entrevista revisada", "interview reviewed", "entrevista revisada", "entretien vérifié"
    ),
    "action_interview.upload": tr(
        "entrevista recibida de la tableta",
        "interview received from a tablet",
        "entrevista recebida do tablet",
        "entretien reçu de la tablette",
    ),
    "action_invitation.generate": tr(
        "códigos de invitación generados",
        "invitation codes generated",
        "códigos de convite gerados",
        "codes d'invitation générés",
    ),
    "action_police.import": tr(
        "registros policiales cargados",
        "police records loaded",
        "registros policiais carregados",
        "données de police chargées",
    ),
    "action_read_token.create": tr(
        "token de la API de lectura creado",
        "read API token created",
        "token da API de leitura criado",
        "jeton de l'API de lecture créé",
    ),
    "action_read_token.revoke": tr(
        "token de la API de lectura revocado",
        "read API token revoked",
        "token da API de leitura revogado",
        "jeton de l'API de lecture révoqué",
    ),
    "action_sample.import": tr(
        "muestra cargada", "sample loaded", "amostra carregada", "échantillon chargé"
    ),
    "action_token.issue": tr(
        "inicio de sesión en la aplicación de campo",
        "interviewer app login",
        "login no aplicativo de campo",
        "connexion à l'application de terrain",
    ),
    "action_token.revoke": tr(
        "dispositivo desconectado",
        "device logged out",
        "dispositivo desconectado",
        "appareil déconnecté",
    ),
    "action_unit.assign": tr(
        "hogares asignados", "households assigned", "domicílios atribuídos", "ménages attribués"
    ),
    "action_unit.reassign": tr(
        "hogar reasignado", "household reassigned", "domicílio reatribuído", "ménage réattribué"
    ),
    "action_user.2fa_disable": tr(
        "verificación en dos pasos desactivada",
        "two-factor authentication turned off",
        "verificação em duas etapas desativada",
        "double authentification désactivée",
    ),
    "action_user.2fa_enable": tr(
        "verificación en dos pasos activada",
        "two-factor authentication turned on",
        "verificação em duas etapas ativada",
        "double authentification activée",
    ),
    "action_user.2fa_failed": tr(
        "código de verificación incorrecto",
        "wrong verification code",
        "código de verificação incorreto",
        "code de vérification erroné",
    ),
    "action_user.2fa_new_recovery_codes": tr(
        "nuevos códigos de recuperación",
        "new recovery codes",
        "novos códigos de recuperação",
        "nouveaux codes de secours",
    ),
    "action_user.2fa_ok": tr(
        "verificación en dos pasos correcta",
        "two-factor check passed",
        "verificação em duas etapas correta",
        "double authentification réussie",
    ),
    "action_user.2fa_recovery_code": tr(
        "código de recuperación usado",
        "recovery code used",
        "código de recuperação usado",
        "code de secours utilisé",
    ),
    "action_user.create": tr(
        "usuario creado", "user created", "usuário criado", "utilisateur créé"
    ),
    "action_user.locked": tr(
        "cuenta bloqueada", "account locked", "conta bloqueada", "compte verrouillé"
    ),
    "action_user.login": tr("inicio de sesión", "login", "login", "connexion"),
    "action_user.login_failed": tr(
        "inicio de sesión fallido", "failed login", "login falhou", "connexion échouée"
    ),
    "action_user.logout": tr("cierre de sesión", "logout", "logout", "déconnexion"),
    "action_user.session_end": tr(
        "sesión terminada", "session ended", "sessão encerrada", "session terminée"
    ),
    "action_user.sessions_end_all": tr(
        "todas las sesiones terminadas",
        "all sessions ended",
        "todas as sessões encerradas",
        "toutes les sessions terminées",
    ),
    "action_user.set_area": tr("área cambiada", "area changed", "área alterada", "zone modifiée"),
    "action_user.set_password": tr(
        "contraseña cambiada por su titular",
        "password changed by its holder",
        "senha alterada pelo titular",
        "mot de passe modifié par son titulaire",
    ),
    "action_user.set_temporary_password": tr(
        "contraseña temporal fijada por otro",
        "temporary password set by someone else",
        "senha temporária definida por outro",
        "mot de passe temporaire défini par un tiers",
    ),
    "action_user.set_role": tr("rol cambiado", "role changed", "perfil alterado", "rôle modifié"),
    "action_wave.create": tr(
        "levantamiento creado", "wave created", "levantamento criado", "vague créée"
    ),
    "action_wave.field_settings": tr(
        "ajustes de campo cambiados",
        "field settings changed",
        "configurações de campo alteradas",
        "réglages de terrain modifiés",
    ),
    "action_wave.support_notes": tr(
        "notas de apoyo cambiadas",
        "support notes changed",
        "notas de apoio alteradas",
        "notes d'aide modifiées",
    ),
    "action_wave.set_status": tr(
        "estado del levantamiento cambiado",
        "wave status changed",
        "estado do levantamento alterado",
        "statut de la vague modifié",
    ),
    "object_api_token": tr(
        "dispositivo (token)", "device (token)", "dispositivo (token)", "appareil (jeton)"
    ),
    "object_area_boundaries": tr(
        "límites de áreas", "area boundaries", "limites das áreas", "limites des zones"
    ),
    "object_instrument_version": tr(
        "versión del cuestionario",
        "questionnaire version",
        "versão do questionário",
        "version du questionnaire",
    ),
    "object_interview": tr("entrevista", "interview", "entrevista", "entretien"),
    "object_police_records": tr(
        "registros policiales", "police records", "registros policiais", "données de police"
    ),
    "object_population_totals": tr(
        "población del censo",
        "census population",
        "população do censo",
        "population du recensement",
    ),
    "object_read_token": tr(
        "token de lectura", "read token", "token de leitura", "jeton de lecture"
    ),
    "object_sample_unit": tr("hogar", "household", "domicílio", "ménage"),
    "object_user": tr("usuario", "user", "usuário", "utilisateur"),
    "object_wave": tr("levantamiento", "wave", "levantamento", "vague"),
    # the keys of an entry's details (as recorded by audit.record), as words:
    # status_word(key, "audit")
    "audit_from": tr("de", "from", "de", "de"),
    "audit_to": tr("a", "to", "para", "à"),
    "audit_stored": tr("guardados", "stored", "salvos", "enregistrés"),
    "audit_replaced": tr("reemplazados", "replaced", "substituídos", "remplacés"),
    "audit_reason": tr("motivo", "reason", "motivo", "motif"),
    "audit_revision": tr("versión", "revision", "versão", "version"),
    "audit_prefix": tr("prefijo", "prefix", "prefixo", "préfixe"),
    "audit_name": tr("nombre", "name", "nome", "nom"),
    "audit_device": tr("dispositivo", "device", "dispositivo", "appareil"),
    "audit_version": tr("versión", "version", "versão", "version"),
    "audit_units": tr("unidades", "units", "unidades", "unités"),
    # an uploaded interview's status (the read API's uses, with an HTTP status, are listed on
    # the tokens page, not here)
    "audit_status": tr("estado", "status", "estado", "statut"),
    "audit_created": tr("creada", "created", "criada", "créé"),
    # between a name and what it introduces (an audit detail and its value, a wave and its
    # links): French puts a no-break space before the colon
    "colon": tr(": ", ": ", ": ", "\u00a0: "),
    "audit_slug": tr("nombre del enlace", "link name", "nome do link", "nom du lien"),
    "audit_sessions": tr("sesiones", "sessions", "sessões", "sessions"),
    "audit_session": tr("sesión", "session", "sessão", "session"),
    "audit_scope": tr("alcance", "scope", "escopo", "portée"),
    "audit_role": tr("rol", "role", "papel", "rôle"),
    "audit_temporary_password": tr(
        "contraseña temporal", "temporary password", "senha temporária", "mot de passe temporaire"
    ),
    "audit_replace": tr("reemplazar", "replace", "substituir", "remplacer"),
    "audit_path": tr("ruta", "path", "caminho", "chemin"),
    "audit_outcome": tr("resultado", "outcome", "resultado", "résultat"),
    "audit_method": tr("método", "method", "método", "méthode"),
    "audit_may_download_microdata": tr(
        "puede descargar microdatos",
        "may download microdata",
        "pode baixar microdados",
        "peut télécharger les microdonnées",
    ),
    "audit_listed": tr("listadas", "listed", "listadas", "listées"),
    "audit_level": tr("nivel", "level", "nível", "niveau"),
    "audit_left": tr("quedan", "left", "restam", "restants"),
    "audit_item": tr("pregunta", "question", "pergunta", "question"),
    "audit_interviewer_id": tr(
        "encuestador (id)", "interviewer (id)", "entrevistador (id)", "enquêteur (id)"
    ),
    "audit_instrument_version_id": tr(
        "versión del cuestionario (id)",
        "questionnaire version (id)",
        "versão do questionário (id)",
        "version du questionnaire (id)",
    ),
    "audit_instrument": tr("cuestionario", "questionnaire", "questionário", "questionnaire"),
    "audit_imported": tr("importadas", "imported", "importadas", "importées"),
    "audit_holder_id": tr("titular (id)", "holder (id)", "titular (id)", "titulaire (id)"),
    "audit_replaced_by": tr(
        "reemplazado por (id)", "replaced by (id)", "substituído por (id)", "remplacé par (id)"
    ),
    "audit_unit": tr("hogar", "household", "domicílio", "ménage"),
    "audit_wave_id": tr("levantamiento (id)", "wave (id)", "levantamento (id)", "vague (id)"),
    "audit_from_id": tr(
        "de encuestador (id)",
        "from interviewer (id)",
        "de entrevistador (id)",
        "de l'enquêteur (id)",
    ),
    "audit_to_id": tr(
        "a encuestador (id)", "to interviewer (id)", "para entrevistador (id)", "à l'enquêteur (id)"
    ),
    "audit_interview": tr(
        "entrevista recibida", "interview received", "entrevista recebida", "entretien reçu"
    ),
    "audit_hash": tr("huella", "hash", "hash", "empreinte"),
    "audit_expires_at": tr("vence", "expires", "expira", "expire"),
    "audit_errors": tr("errores", "errors", "erros", "erreurs"),
    "audit_email": tr("correo electrónico", "email", "e-mail", "e-mail"),
    "audit_disposition": tr("disposición", "disposition", "disposição", "code de résultat"),
    "audit_codes": tr("códigos", "codes", "códigos", "codes"),
    "audit_attempt": tr("visita", "visit", "visita", "visite"),
    "audit_areas": tr("áreas", "areas", "áreas", "zones"),
    "audit_area_id": tr("área (id)", "area (id)", "área (id)", "zone (id)"),
    "audit_area": tr("área", "area", "área", "zone"),
    "audit_approve": tr("aprobada", "approved", "aprovada", "approuvé"),
    "audit_languages": tr("idiomas", "languages", "idiomas", "langues"),
    "audit_selection_method": tr(
        "método de selección", "selection method", "método de seleção", "méthode de sélection"
    ),
    "audit_indicator_interviews": tr(
        "entrevistas de los indicadores",
        "indicator interviews",
        "entrevistas dos indicadores",
        "entretiens des indicateurs",
    ),
    # the audit log's enumerated values (staff_texts.AUDIT_VALUE_KINDS); the others are the
    # words of the pages that show them: role_, scope_, wave_, level_, status_, disposition_
    "outcome_no_contact": tr("sin contacto", "no contact", "sem contato", "pas de contact"),
    "outcome_refusal": tr("rechazo", "refusal", "recusa", "refus"),
    "outcome_appointment": tr("cita para volver", "appointment", "visita agendada", "rendez-vous"),
    "outcome_not_eligible": tr("no elegible", "not eligible", "não elegível", "non éligible"),
    "outcome_other": tr("otro", "other", "outro", "autre"),
    "outcome_language": tr(
        "sin idioma común", "no common language", "sem idioma comum", "pas de langue commune"
    ),
    "outcome_incapacity": tr("incapacidad", "incapacity", "incapacidade", "incapacité"),
    "selection_kish": tr("tabla de Kish", "Kish table", "tabela de Kish", "table de Kish"),
    "selection_next_birthday": tr(
        "próximo cumpleaños", "next birthday", "próximo aniversário", "prochain anniversaire"
    ),
    "selection_last_birthday": tr(
        "último cumpleaños", "last birthday", "último aniversário", "dernier anniversaire"
    ),
    "feeds_approved": tr(
        "solo las aprobadas", "approved only", "só as aprovadas", "approuvés seulement"
    ),
    "feeds_received": tr(
        "todas las recibidas", "every one received", "todas as recebidas", "tous ceux reçus"
    ),
    "session_end_logout": tr("cierre de sesión", "logout", "saída", "déconnexion"),
    "session_end_ended_by_user": tr(
        "cerrada por el usuario",
        "ended by the user",
        "encerrada pelo usuário",
        "fermée par l'utilisateur",
    ),
    "session_end_password_changed": tr(
        "contraseña cambiada", "password changed", "senha alterada", "mot de passe changé"
    ),
    "session_end_password_reset": tr(
        "contraseña restablecida por un administrador",
        "password reset by an administrator",
        "senha redefinida por um administrador",
        "mot de passe réinitialisé par un administrateur",
    ),
    "session_end_two_factor_reset": tr(
        "verificación en dos pasos restablecida",
        "two-factor authentication reset",
        "verificação em duas etapas redefinida",
        "double authentification réinitialisée",
    ),
}
