"""Words of the management pages (waves, sample, codes, users, devices, tokens, areas, audit)
in es, en, pt and fr.

:mod:`surveyapp.staff_texts` merges them into the staff table (a key may not be in both), so
templates and routes use them with ``st(key)`` and forms with ``lazy(key)`` as the other
staff pages do. Sentences the services write stay English and are marked ``lang="en"``.
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
    "back_to_wave": tr(
        "Volver al levantamiento", "Back to the wave", "Voltar ao levantamento", "Retour à la vague"
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
    "gaps_intro": tr(
        "Este cuestionario no es el estándar completo: los informes de este levantamiento "
        "dejarán fuera",
        "This questionnaire is not the full standard one: the reports of this wave will leave out",
        "Este questionário não é o padrão completo: os relatórios deste levantamento "
        "deixarão de fora",
        "Ce questionnaire n'est pas le questionnaire standard complet : les rapports de "
        "cette vague laisseront de côté",
    ),
    "gaps_one_indicator": tr(
        "1 indicador estándar (no pregunta los ítems con que se calcula)",
        "1 standard indicator (it does not ask the items they are computed from)",
        "1 indicador padrão (não pergunta os itens com que ele é calculado)",
        "1 indicateur standard (il ne pose pas les questions dont il est calculé)",
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
        "inéligibles (définitions de l'AAPOR ; les unités jamais jointes comptent comme "
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
        "réponse) : {complete} complets, {partial} partiels.",
    ),
    "wave_created": tr(
        "Se creó el levantamiento «{name}» como borrador.",
        'Wave "{name}" created as a draft.',
        "O levantamento “{name}” foi criado como rascunho.",
        "La vague « {name} » a été créée comme brouillon.",
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
        "Aucun questionnaire n'est encore chargé : lancez d'abord « surveyapp init ».",
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
        "Choisissez les zones de la vague : vous ne gérez que votre propre zone.",
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
        "Saisissez « {label} » comme une date du type 2025-12-31.",
    ),
    "name_hint": tr(
        "Lo ve el personal; por ejemplo, «Encuesta de victimización 2026, Monterrey».",
        'Shown to staff, e.g. "Victimization survey 2026, Monterrey".',
        "É visto pela equipe; por exemplo, “Pesquisa de vitimização 2026, Recife”.",
        "Visible par le personnel, par exemple « Enquête de victimation 2026, Lyon ».",
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
    "file_problem": tr(
        "El archivo tiene 1 problema",
        "The file has 1 problem",
        "O arquivo tem 1 problema",
        "Le fichier a 1 problème",
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
        "{n} lignes correctes ont été importées ; les lignes ci-dessous ne l'ont pas été.",
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
        "Suba un archivo CSV (UTF-8; separado por comas o por punto y coma) cuya primera "
        "línea nombre las columnas.",
        "Upload a CSV file (UTF-8; commas or semicolons) whose first line names the columns.",
        "Envie um arquivo CSV (UTF-8; separado por vírgulas ou ponto e vírgula) cuja primeira "
        "linha dê o nome das colunas.",
        "Téléversez un fichier CSV (UTF-8 ; virgules ou points-virgules) dont la première "
        "ligne nomme les colonnes.",
    ),
    "required_column": tr(
        "Única columna obligatoria:",
        "The only column required:",
        "Única coluna obrigatória:",
        "Seule colonne obligatoire :",
    ),
    "accepted_columns": tr(
        "Columnas aceptadas:", "Accepted columns:", "Colunas aceitas:", "Colonnes acceptées :"
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
    # ---- assigning units to interviewers ----
    "no_tablet_mode": tr(
        "Este levantamiento no recoge entrevistas en tableta: no se le pueden asignar sus "
        "unidades a los encuestadores.",
        "This wave does not collect tablet interviews: interviewers cannot be given its units.",
        "Este levantamento não coleta entrevistas em tablet: as suas unidades não podem ser "
        "designadas a entrevistadores.",
        "Cette vague ne collecte pas d'entretiens sur tablette : ses unités ne peuvent pas "
        "être confiées aux enquêteurs.",
    ),
    "units_unassigned": tr(
        "{n} unidades sin encuestador.",
        "{n} units without an interviewer.",
        "{n} unidades sem entrevistador.",
        "{n} unités sans enquêteur.",
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
    "reassign_note": tr(
        "Las unidades ya asignadas conservan su encuestador; para pasar unidades de un "
        "encuestador a otro, use",
        "Units already assigned keep their interviewer; to move units from one interviewer "
        "to another use",
        "As unidades já designadas mantêm o seu entrevistador; para passar unidades de um "
        "entrevistador a outro, use",
        "Les unités déjà attribuées gardent leur enquêteur ; pour passer des unités d'un "
        "enquêteur à un autre, utilisez",
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
    # ---- invitation codes ----
    "codes_count": tr(
        "{total} unidades de muestra; {without} sin código.",
        "{total} sample units; {without} without a code.",
        "{total} unidades da amostra; {without} sem código.",
        "{total} unités de l'échantillon ; {without} sans code.",
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
        "Les codes expirent au bout de (jours ; 0 pour jamais)",
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
        "Saisissez « {label} » comme un nombre entier.",
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
        "Toutes les unités de l'échantillon ont déjà un code ; rien n'a été généré.",
    ),
}
