"""Words of the observatory pages in the report languages (es, en, pt, fr)."""

from __future__ import annotations

from analysis.i18n import format_number, lookup, lookup_count, tr

from ..frame_texts import FRAME

__all__ = ["TEXTS", "text"]


TEXTS: dict[str, dict[str, str]] = {
    **FRAME,
    "staff_login_note": tr(
        "El personal que inicia sesión ve también los resultados internos.",
        "Staff who log in also see the internal results.",
        "A equipe que entra no sistema vê também os resultados internos.",
        "Le personnel connecté voit aussi les résultats internes.",
    ),
    "internal_only": tr("solo interno", "internal only", "somente interno", "interne seulement"),
    "uploads_note": tr(
        "delitos registrados por la policía y población del censo",
        "police-recorded crime and census population totals",
        "crimes registrados pela polícia e população do censo",
        "infractions enregistrées par la police et population du recensement",
    ),
    "upload": tr("cargar", "upload", "carregar", "déposer"),
    "retry_text": tr(
        "Se está preparando. Vuelva a pedir esta misma dirección en {seconds} segundos: {url}",
        "Being prepared. Ask for this same address again in {seconds} seconds: {url}",
        "Em preparação. Peça este mesmo endereço de novo em {seconds} segundos: {url}",
        "En préparation. Redemandez cette même adresse dans {seconds} secondes\u00a0: {url}",
    ),
    "waves": tr("Levantamientos", "Survey waves", "Levantamentos", "Vagues d'enquête"),
    "no_waves": tr(
        "Aún no hay resultados publicados.",
        "No results have been published yet.",
        "Ainda não há resultados publicados.",
        "Aucun résultat n'a encore été publié.",
    ),
    "area": tr("Área", "Area", "Área", "Zone"),
    "audience": tr("Versión", "Edition", "Versão", "Édition"),
    "public": tr(
        "Pública (celdas pequeñas suprimidas)",
        "Public (small cells suppressed)",
        "Pública (células pequenas suprimidas)",
        "Publique (petites cellules supprimées)",
    ),
    "internal": tr(
        "Interna (todas las estimaciones, con alertas)",
        "Internal (every estimate, flagged)",
        "Interna (todas as estimativas, sinalizadas)",
        "Interne (toutes les estimations, signalées)",
    ),
    "show": tr("Mostrar", "Show", "Mostrar", "Afficher"),
    "downloads": tr("Descargas", "Downloads", "Downloads", "Téléchargements"),
    "pdf": tr("Informe PDF", "PDF report", "Relatório PDF", "Rapport PDF"),
    "csv": tr("Tabla CSV", "CSV table", "Tabela CSV", "Tableau CSV"),
    "xlsx": tr("Tabla Excel", "Excel table", "Tabela Excel", "Tableau Excel"),
    "json": tr("JSON (API)", "JSON (API)", "JSON (API)", "JSON (API)"),
    "indicator": tr("Indicador", "Indicator", "Indicador", "Indicateur"),
    "estimate": tr("Estimación", "Estimate", "Estimativa", "Estimation"),
    "interval": tr(
        "Intervalo de confianza",
        "Confidence interval",
        "Intervalo de confiança",
        "Intervalle de confiance",
    ),
    "cv": tr("CV", "CV", "CV", "CV"),
    "n": tr("Casos", "Cases", "Casos", "Cas"),
    "quality": tr("Calidad", "Quality", "Qualidade", "Qualité"),
    "suppressed": tr(
        "No publicable (calidad insuficiente)",
        "Not published (insufficient quality)",
        "Não publicável (qualidade insuficiente)",
        "Non publié (qualité insuffisante)",
    ),
    "flagged": tr(
        "No cumple la regla de calidad: no publicar",
        "Fails the quality rule: do not publish",
        "Não cumpre a regra de qualidade: não publicar",
        "Ne respecte pas la règle de qualité\u00a0: ne pas publier",
    ),
    "preparing": tr(
        "Estamos preparando estos resultados",
        "These results are being prepared",
        "Estamos preparando estes resultados",
        "Ces résultats sont en préparation",
    ),
    "preparing_body": tr(
        "La página se actualizará sola en unos segundos.",
        "This page refreshes by itself in a few seconds.",
        "A página se atualizará sozinha em alguns segundos.",
        "Cette page se rafraîchit d'elle-même dans quelques secondes.",
    ),
    "failed": tr(
        "No se pudieron preparar los resultados",
        "The results could not be prepared",
        "Não foi possível preparar os resultados",
        "Les résultats n'ont pas pu être préparés",
    ),
    # why a build failed (failure_message): the reasons that say the same every time
    "failed_because": tr(
        "No se pudieron preparar los resultados: {reason}",
        "The results could not be prepared: {reason}",
        "Não foi possível preparar os resultados: {reason}",
        "Les résultats n'ont pas pu être préparés\u00a0: {reason}",
    ),
    "failed_ours": tr(
        "No se pudo generar el informe por un error de nuestra parte; quedó registrado.",
        "The report could not be built because of an error on our side; it was logged.",
        "Não foi possível gerar o relatório por um erro do nosso lado; ele foi registrado.",
        "Le rapport n'a pas pu être produit à cause d'une erreur de notre côté\u00a0; elle a été "
        "consignée.",
    ),
    "failed_wave_gone": tr(
        "el levantamiento ya no existe",
        "the wave no longer exists",
        "o levantamento não existe mais",
        "la vague n'existe plus",
    ),
    "failed_no_interviews": tr(
        "este levantamiento aún no tiene entrevistas completas",
        "this wave has no completed interviews yet",
        "este levantamento ainda não tem entrevistas completas",
        "cette vague n'a pas encore d'entretiens complets",
    ),
    "failed_no_such_edition": tr(
        "No existe esa edición o formato.",
        "No such edition or format.",
        "Não existe essa edição ou formato.",
        "Cette édition ou ce format n'existe pas.",
    ),
    "failed_comparison_wave_gone": tr(
        "un levantamiento de esta comparación ya no existe",
        "a wave of this comparison no longer exists",
        "um levantamento desta comparação não existe mais",
        "une vague de cette comparaison n'existe plus",
    ),
    # why a build failed: the reasons naming what differs (reports.settings.NAMED_REASONS)
    "failed_no_area_results": tr(
        "este levantamiento no tiene resultados para el área '{area}'",
        "this wave has no results for area '{area}'",
        "este levantamento não tem resultados para a área '{area}'",
        "cette vague n'a pas de résultats pour la zone «\u00a0{area}\u00a0»",
    ),
    "failed_asks_no_indicator_items": tr(
        "el cuestionario de este levantamiento ({questionnaire}) no pregunta ninguno de los "
        "ítems con que se calculan los indicadores estándar; sus respuestas están en los "
        "microdatos",
        "the questionnaire of this wave ({questionnaire}) asks none of the items the standard "
        "indicators are computed from; its answers are in the microdata",
        "o questionário deste levantamento ({questionnaire}) não pergunta nenhum dos itens com "
        "que se calculam os indicadores padrão; suas respostas estão nos microdados",
        "le questionnaire de cette vague ({questionnaire}) ne pose aucune des questions dont "
        "les indicateurs standard sont calculés\u00a0; ses réponses sont dans les microdonnées",
    ),
    # the libraries' detail (which answer, which check) is English: it goes to the server's
    # log, not into the page's sentence (routes.said_reason)
    "failed_answers_do_not_fit": tr(
        "las respuestas no corresponden al cuestionario (el detalle quedó en el registro del "
        "servidor)",
        "the answers do not fit the questionnaire (the details are in the server log)",
        "as respostas não correspondem ao questionário (o detalhe ficou no registro do servidor)",
        "les réponses ne correspondent pas au questionnaire (le détail figure dans le journal du "
        "serveur)",
    ),
    "failed_no_interviews_to_release": tr(
        "el levantamiento '{wave}' no tiene entrevistas completas que publicar",
        "wave '{wave}' has no completed interviews to release",
        "o levantamento '{wave}' não tem entrevistas completas para publicar",
        "la vague «\u00a0{wave}\u00a0» n'a pas d'entretiens complets à publier",
    ),
    "failed_public_not_releasable": tr(
        "la edición pública no cumple su política de publicación (el detalle quedó en el "
        "registro del servidor)",
        "the public edition fails its release policy (the details are in the server log)",
        "a edição pública não cumpre sua política de publicação (o detalhe ficou no registro do "
        "servidor)",
        "l'édition publique ne satisfait pas à sa politique de diffusion (le détail figure dans "
        "le journal du serveur)",
    ),
    # a recorded reason in no table (written by an older version, or a file system's refusal)
    "failed_other": tr(
        "el motivo quedó en el registro del servidor",
        "the reason is in the server log",
        "o motivo ficou no registro do servidor",
        "le motif figure dans le journal du serveur",
    ),
    "no_data": tr(
        "Este levantamiento aún no tiene entrevistas completas.",
        "This wave has no completed interviews yet.",
        "Este levantamento ainda não tem entrevistas completas.",
        "Cette vague n'a pas encore d'entretiens complets.",
    ),
    "interviews_counted": tr(
        "Calculado con {n} entrevistas completas.",
        "Computed from {n} completed interviews.",
        "Calculado com {n} entrevistas completas.",
        "Calculé sur {n}\u00a0entretiens complets.",
    ),
    "interviews_counted_one": tr(
        "Calculado con {n} entrevista completa.",
        "Computed from {n} completed interview.",
        "Calculado com {n} entrevista completa.",
        "Calculé sur {n}\u00a0entretien complet.",
    ),
    "awaiting_approval": tr(
        "{n} entrevistas completas en tableta esperan la aprobación de un supervisor; "
        "se contarán cuando sean aprobadas.",
        "{n} completed tablet interviews are waiting for a supervisor's approval and will "
        "count once approved.",
        "{n} entrevistas completas em tablet aguardam a aprovação de um supervisor; "
        "contarão quando forem aprovadas.",
        "{n}\u00a0entretiens complets sur tablette attendent l'approbation d'un "
        "superviseur\u00a0; ils compteront une fois approuvés.",
    ),
    "awaiting_approval_one": tr(
        "{n} entrevista completa en tableta espera la aprobación de un supervisor; se contará "
        "cuando sea aprobada.",
        "{n} completed tablet interview is waiting for a supervisor's approval and will count "
        "once approved.",
        "{n} entrevista completa em tablet aguarda a aprovação de um supervisor; contará quando "
        "for aprovada.",
        "{n}\u00a0entretien complet sur tablette attend l'approbation d'un superviseur\u00a0; "
        "il comptera une fois approuvé.",
    ),
    "key_figures": tr("Cifras principales", "Key figures", "Números principais", "Chiffres clés"),
    "all_indicators": tr(
        "Todos los indicadores", "All indicators", "Todos os indicadores", "Tous les indicateurs"
    ),
    "quality_note": tr(
        "Intervalos al {level}%. Calidad según el CV y los tamaños de muestra de la regla {rules}.",
        "{level}% intervals. Quality from the CV and sample sizes under the {rules} rule.",
        "Intervalos de {level}%. Qualidade pelo CV e tamanhos de amostra da regra {rules}.",
        "Intervalles à {level}\u00a0%. Qualité selon le CV et les effectifs de la règle {rules}.",
    ),
    "q_high": tr("alta", "high", "alta", "élevée"),
    "q_moderate": tr("moderada", "moderate", "moderada", "modérée"),
    "q_low": tr("baja", "low", "baixa", "faible"),
    "q_insufficient": tr("insuficiente", "insufficient", "insuficiente", "insuffisante"),
    # evaluation of a measure and fear by victimization (observatory/evaluation.py)
    "eval_intro": tr(
        "Marque las áreas donde se aplicó un programa y elija dos levantamientos de las mismas "
        "áreas: la tabla muestra cuánto más (o menos) cambió cada indicador allí que en el resto "
        "del país (diferencia en diferencias).",
        "Mark the areas where a programme ran and choose two waves of the same areas: the table "
        "shows how much more (or less) each indicator changed there than in the rest of the "
        "country (difference in differences).",
        "Marque as áreas onde um programa foi aplicado e escolha dois levantamentos das mesmas "
        "áreas: a tabela mostra quanto mais (ou menos) cada indicador mudou ali do que no resto "
        "do país (diferença em diferenças).",
        "Cochez les zones où un programme a été mené et choisissez deux vagues des mêmes zones\u00a0: "
        "le tableau montre de combien chaque indicateur a évolué de plus (ou de moins) là que "
        "dans le reste du pays (différence de différences).",
    ),
    "wave_before": tr(
        "Levantamiento antes del programa",
        "Wave before the programme",
        "Levantamento antes do programa",
        "Vague avant le programme",
    ),
    "wave_after": tr(
        "Levantamiento después del programa",
        "Wave after the programme",
        "Levantamento depois do programa",
        "Vague après le programme",
    ),
    "choose": tr("— elija —", "— choose —", "— escolha —", "— choisir —"),
    "programme_level": tr(
        "Nivel de las áreas", "Level of the areas", "Nível das áreas", "Niveau des zones"
    ),
    "level_state": tr("Estados", "States", "Estados", "États"),
    "level_municipality": tr("Municipios", "Municipalities", "Municípios", "Communes"),
    "programme_legend": tr(
        "Áreas donde se aplicó el programa",
        "Areas where the programme ran",
        "Áreas onde o programa foi aplicado",
        "Zones où le programme a été mené",
    ),
    "indicators_legend": tr(
        "Indicadores a evaluar",
        "Indicators to evaluate",
        "Indicadores a avaliar",
        "Indicateurs à évaluer",
    ),
    "list_areas": tr("Listar las áreas", "List the areas", "Listar as áreas", "Lister les zones"),
    "compute": tr("Calcular", "Compute", "Calcular", "Calculer"),
    "errors_title": tr(
        "Corrija lo siguiente",
        "Please correct the following",
        "Corrija o seguinte",
        "Veuillez corriger",
    ),
    "eval_choose_first": tr(
        "Elija los dos levantamientos y el nivel, y pulse «Listar las áreas».",
        "Choose the two waves and the level, then press “List the areas”.",
        "Escolha os dois levantamentos e o nível e clique em «Listar as áreas».",
        "Choisissez les deux vagues et le niveau, puis «\u00a0Lister les zones\u00a0».",
    ),
    "eval_compared": tr(
        "{programme} frente a {others}; intervalos al {level}%.",
        "{programme} against {others}; {level}% intervals.",
        "{programme} frente a {others}; intervalos de {level}%.",
        "{programme} contre {others}\u00a0; intervalles à {level}\u00a0%.",
    ),
    # the counts of eval_compared, through counted(): a programme of one area is common
    "eval_programme_areas": tr(
        "{n} áreas del programa",
        "{n} programme areas",
        "{n} áreas do programa",
        "{n} zones du programme",
    ),
    "eval_programme_areas_one": tr(
        "{n} área del programa",
        "{n} programme area",
        "{n} área do programa",
        "{n} zone du programme",
    ),
    "eval_comparison_areas": tr(
        "{n} áreas de comparación",
        "{n} comparison areas",
        "{n} áreas de comparação",
        "{n} zones de comparaison",
    ),
    "eval_comparison_areas_one": tr(
        "{n} área de comparación",
        "{n} comparison area",
        "{n} área de comparação",
        "{n} zone de comparaison",
    ),
    "eval_not_computed": tr("No calculado", "Not computed", "Não calculado", "Non calculé"),
    "perception": tr(
        "Miedo y victimización",
        "Fear and victimization",
        "Medo e vitimização",
        "Peur et victimation",
    ),
    "perception_scope": tr(
        "Toda la población adulta del levantamiento; intervalos al {level}%.",
        "The whole adult population of the wave; {level}% intervals.",
        "Toda a população adulta do levantamento; intervalos de {level}%.",
        "Toute la population adulte de la vague\u00a0; intervalles à {level}\u00a0%.",
    ),
    "evaluation_link": tr(
        "Evaluar una medida (diferencia en diferencias)",
        "Evaluate a measure (difference in differences)",
        "Avaliar uma medida (diferença em diferenças)",
        "Évaluer une mesure (différence de différences)",
    ),
    "err_wave_id": tr(
        "Elija un levantamiento de la lista.",
        "Choose a wave from the list.",
        "Escolha um levantamento da lista.",
        "Choisissez une vague dans la liste.",
    ),
    "err_choose_wave": tr(
        "Elija los dos levantamientos, antes y después.",
        "Choose both waves, before and after.",
        "Escolha os dois levantamentos, antes e depois.",
        "Choisissez les deux vagues, avant et après.",
    ),
    "err_same_wave": tr(
        "Elija dos levantamientos distintos.",
        "Choose two different waves.",
        "Escolha dois levantamentos diferentes.",
        "Choisissez deux vagues différentes.",
    ),
    "err_level": tr(
        "Elija el nivel entre estados y municipios.",
        "Choose the level: states or municipalities.",
        "Escolha o nível: estados ou municípios.",
        "Choisissez le niveau\u00a0: États ou communes.",
    ),
    "err_no_common_areas": tr(
        "Los dos levantamientos no tienen áreas de este nivel en común.",
        "The two waves have no areas of this level in common.",
        "Os dois levantamentos não têm áreas deste nível em comum.",
        "Les deux vagues n'ont aucune zone de ce niveau en commun.",
    ),
    "err_unknown_areas": tr(
        "Estas áreas no son de ambos levantamientos: {detail}.",
        "These areas are not in both waves: {detail}.",
        "Estas áreas não estão nos dois levantamentos: {detail}.",
        "Ces zones ne sont pas dans les deux vagues\u00a0: {detail}.",
    ),
    "err_no_programme": tr(
        "Marque al menos un área del programa.",
        "Tick at least one programme area.",
        "Marque ao menos uma área do programa.",
        "Cochez au moins une zone du programme.",
    ),
    "err_all_programme": tr(
        "Deje al menos un área fuera del programa para comparar.",
        "Leave at least one area out of the programme to compare with.",
        "Deixe ao menos uma área fora do programa para comparar.",
        "Laissez au moins une zone hors du programme pour comparer.",
    ),
    "err_no_indicators": tr(
        "Marque al menos un indicador.",
        "Tick at least one indicator.",
        "Marque ao menos um indicador.",
        "Cochez au moins un indicateur.",
    ),
    "err_unknown_indicators": tr(
        "Indicadores desconocidos: {detail}.",
        "Unknown indicators: {detail}.",
        "Indicadores desconhecidos: {detail}.",
        "Indicateurs inconnus\u00a0: {detail}.",
    ),
    "err_no_data": tr(
        "No se pudo calcular con estos datos: {detail}",
        "Could not be computed from these data: {detail}",
        "Não foi possível calcular com estes dados: {detail}",
        "Calcul impossible avec ces données\u00a0: {detail}",
    ),
    "uploads": tr(
        "Datos administrativos",
        "Administrative data",
        "Dados administrativos",
        "Données administratives",
    ),
    # regional comparison (observatory/regional.py)
    "regional": tr(
        "Comparación regional",
        "Regional comparison",
        "Comparação regional",
        "Comparaison régionale",
    ),
    "regional_note": tr(
        "indicadores estandarizados de varios países o ciudades",
        "standardized indicators of several countries or cities",
        "indicadores padronizados de vários países ou cidades",
        "indicateurs normalisés de plusieurs pays ou villes",
    ),
    "regional_choose": tr(
        "Levantamientos a comparar (el primero es la referencia)",
        "Survey waves to compare (the first is the reference)",
        "Levantamentos a comparar (o primeiro é a referência)",
        "Vagues d'enquête à comparer (la première sert de référence)",
    ),
    "regional_empty": tr(
        "Sin resultados todavía: {names}.",
        "No results yet: {names}.",
        "Ainda sem resultados: {names}.",
        "Pas encore de résultats\u00a0: {names}.",
    ),
    "unknown_language": tr(
        "Elija un idioma entre {languages}.",
        "Choose a language among {languages}.",
        "Escolha um idioma entre {languages}.",
        "Choisissez une langue parmi {languages}.",
    ),
    "regional_wave_ids": tr(
        "El parámetro waves debe dar números de levantamiento: 3,7",
        "waves must be wave ids: 3,7",
        "O parâmetro waves deve dar números de levantamento: 3,7",
        "Le paramètre waves doit donner des numéros de vague\u00a0: 3,7",
    ),
    "regional_too_many": tr(
        "Compare como máximo {n} levantamientos a la vez.",
        "Compare at most {n} waves at once.",
        "Compare no máximo {n} levantamentos por vez.",
        "Comparez au plus {n} vagues à la fois.",
    ),
    "regional_none": tr(
        "No hay levantamientos con resultados para comparar.",
        "There are no survey waves with results to compare.",
        "Não há levantamentos com resultados para comparar.",
        "Aucune vague d'enquête avec des résultats à comparer.",
    ),
    "microdata": tr("Microdatos", "Microdata", "Microdados", "Microdonnées"),
    "microdata_note": tr(
        "Cada archivo ZIP trae los archivos de personas, incidentes y hogares con sus etiquetas, "
        "el libro de códigos, la descripción DDI del levantamiento y una nota (readme) con el "
        "diseño muestral y las instrucciones para reproducir las estimaciones en R, Stata o SPSS.",
        "Each ZIP file holds the respondent, incident and household files with their labels, "
        "the codebook, the survey's DDI description and a note (readme) with the sample design "
        "and how to reproduce the estimates in R, Stata or SPSS.",
        "Cada arquivo ZIP traz os arquivos de pessoas, incidentes e domicílios com seus rótulos, "
        "o livro de códigos, a descrição DDI do levantamento e uma nota (readme) com o desenho "
        "amostral e como reproduzir as estimativas em R, Stata ou SPSS.",
        "Chaque fichier ZIP contient les fichiers des répondants, des incidents et des ménages "
        "avec leurs étiquettes, le dictionnaire des codes, la description DDI de l'enquête et "
        "une note (readme) sur le plan de sondage et la façon de reproduire les estimations "
        "dans R, Stata ou SPSS.",
    ),
    "microdata_public": tr(
        "Edición pública", "Public edition", "Edição pública", "Édition publique"
    ),
    "microdata_public_note": tr(
        "Con control de divulgación: sin texto libre ni identificadores, fechas y geografía "
        "agregadas, valores extremos acotados; incluye el informe de riesgo y utilidad.",
        "With disclosure control: no free text or identifiers, coarser dates and geography, "
        "top-coded values; the risk and utility report is included.",
        "Com controle de divulgação: sem texto livre nem identificadores, datas e geografia "
        "agregadas, valores extremos limitados; inclui o relatório de risco e utilidade.",
        "Avec contrôle de la divulgation\u00a0: sans texte libre ni identifiants, dates et "
        "géographie agrégées, valeurs extrêmes plafonnées\u00a0; le rapport risque-utilité est inclus.",
    ),
    "microdata_internal": tr(
        "Edición interna", "Internal edition", "Edição interna", "Édition interne"
    ),
    "microdata_internal_note": tr(
        "Todas las variables, sin control de divulgación: solo para uso del personal.",
        "Every variable, without disclosure control: for staff use only.",
        "Todas as variáveis, sem controle de divulgação: somente para uso da equipe.",
        "Toutes les variables, sans contrôle de la divulgation\u00a0: réservé au personnel.",
    ),
    "microdata_unavailable": tr(
        "Estos microdatos no se pueden preparar",
        "These microdata cannot be prepared",
        "Estes microdados não podem ser preparados",
        "Ces microdonnées ne peuvent pas être préparées",
    ),
    "microdata_unavailable_because": tr(
        "Estos microdatos no se pueden preparar: {reason}",
        "These microdata cannot be prepared: {reason}",
        "Estes microdados não podem ser preparados: {reason}",
        "Ces microdonnées ne peuvent pas être préparées\u00a0: {reason}",
    ),
    "back_to_wave": tr(
        "Volver a los indicadores",
        "Back to the indicators",
        "Voltar aos indicadores",
        "Retour aux indicateurs",
    ),
    # the "about" sheet of the indicators workbook: what the table is (a label, its value)
    "xlsx_about": tr("acerca de", "about", "sobre", "à propos"),
    "xlsx_wave": tr("levantamiento", "wave", "levantamento", "vague"),
    "xlsx_area": tr("área", "area", "área", "zone"),
    "xlsx_level": tr("nivel", "level", "nível", "niveau"),
    "xlsx_level_national": tr("nacional", "national", "nacional", "national"),
    "xlsx_level_state": tr("estado", "state", "estado", "État"),
    "xlsx_level_municipality": tr("municipio", "municipality", "município", "commune"),
    "xlsx_edition": tr("edición", "edition", "edição", "édition"),
    "xlsx_quality_rules": tr(
        "reglas de calidad", "quality rules", "regras de qualidade", "règles de qualité"
    ),
    # the reference period's first and last days (date cells)
    "xlsx_period_start": tr(
        "inicio del periodo de referencia",
        "reference period start",
        "início do período de referência",
        "début de la période de référence",
    ),
    "xlsx_period_end": tr(
        "fin del periodo de referencia",
        "reference period end",
        "fim do período de referência",
        "fin de la période de référence",
    ),
    "xlsx_confidence": tr(
        "intervalos de confianza",
        "confidence intervals",
        "intervalos de confiança",
        "intervalles de confiance",
    ),
    "xlsx_confidence_said": tr(
        "{level}: ci_low y ci_high; se es el error estándar (linealización de Taylor con estratos y UPM)",
        "{level}: ci_low and ci_high; se is the standard error (Taylor linearization with strata and PSUs)",
        "{level}: ci_low e ci_high; se é o erro padrão (linearização de Taylor com estratos e UPA)",
        "{level}\u00a0: ci_low et ci_high\u00a0; se est l'erreur type (linéarisation de Taylor avec strates et UPE)",
    ),
    "xlsx_suppressed": tr(
        "estimaciones suprimidas",
        "suppressed estimates",
        "estimativas suprimidas",
        "estimations supprimées",
    ),
    "xlsx_suppressed_said": tr(
        "menos de {n} casos o fuera de la regla de calidad: suppressed = TRUE, sin estimación, error, intervalo ni CV en la edición pública",
        "fewer than {n} cases or outside the quality rule: suppressed = TRUE, without estimate, error, interval or CV in the public edition",
        "menos de {n} casos ou fora da regra de qualidade: suppressed = TRUE, sem estimativa, erro, intervalo nem CV na edição pública",
        "moins de {n} cas ou hors de la règle de qualité\u00a0: suppressed = TRUE, sans estimation, erreur, intervalle ni CV dans l'édition publique",
    ),
    # REPORT_MIN_CASES set to 1 (counted picks the form)
    "xlsx_suppressed_said_one": tr(
        "menos de {n} caso o fuera de la regla de calidad: suppressed = TRUE, sin estimación, error, intervalo ni CV en la edición pública",
        "fewer than {n} case or outside the quality rule: suppressed = TRUE, without estimate, error, interval or CV in the public edition",
        "menos de {n} caso ou fora da regra de qualidade: suppressed = TRUE, sem estimativa, erro, intervalo nem CV na edição pública",
        "moins de {n} cas ou hors de la règle de qualité\u00a0: suppressed = TRUE, sans estimation, erreur, intervalle ni CV dans l'édition publique",
    ),
    "xlsx_not_measured": tr("no medido", "not measured", "não medido", "non mesuré"),
    "xlsx_needs": tr(
        "{indicator} ({name}): requiere {items}",
        "{indicator} ({name}): needs {items}",
        "{indicator} ({name}): requer {items}",
        "{indicator} ({name})\u00a0: nécessite {items}",
    ),
}


def text(key: str, language: str, **values: object) -> str:
    """The text of ``key`` in ``language`` (English when missing)."""
    return lookup(TEXTS, key, language, **values)


def counted(key: str, language: str, count: int, **values: object) -> str:
    """The text ``key`` about ``count`` things, ``{n}`` the count as the pages write numbers,
    in its ``<key>_one`` form where ``language`` says the noun in the singular
    (analysis.i18n.is_singular: 1, and 0 in French and Portuguese)."""
    return lookup_count(TEXTS, key, language, count, n=format_number(count, language, 0), **values)
