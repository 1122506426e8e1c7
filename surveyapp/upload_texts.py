"""Words of the observatory's administrative-data pages (police records, census totals and
area boundaries: ``/observatory/uploads``) in es, en, pt and fr.

These pages are staff pages (:data:`surveyapp.staff_texts.STAFF_ENDPOINTS`):
:mod:`surveyapp.staff_texts` merges this table into the staff table (a key may not be in
both), and templates, routes and forms use it with ``st(key)`` and ``lazy(key)``. The file
problems are the services' (:mod:`surveyapp.service_texts`).
"""

from __future__ import annotations

from analysis.i18n import tr

__all__ = ["UPLOADS"]

UPLOADS: dict[str, dict[str, str]] = {
    # ---- police records and census totals (observatory/uploads.html) ----
    "admin_data": tr(
        "Datos administrativos",
        "Administrative data",
        "Dados administrativos",
        "Données administratives",
    ),
    "boundaries_for_maps": tr(
        "Límites de las áreas para los mapas:",
        "Area boundaries for the maps:",
        "Limites das áreas para os mapas:",
        "Limites des zones pour les cartes\u00a0:",
    ),
    "boundaries_link": tr(
        "subirlos y verlos",
        "upload and list them",
        "enviá-los e vê-los",
        "les téléverser et les lister",
    ),
    "police_file_problems_one": tr(
        "El archivo de registros policiales tiene {n} problema",
        "The police file has {n} problem",
        "O arquivo de registros policiais tem {n} problema",
        "Le fichier de la police a {n} problème",
    ),
    "police_file_problems": tr(
        "El archivo de registros policiales tiene {n} problemas",
        "The police file has {n} problems",
        "O arquivo de registros policiais tem {n} problemas",
        "Le fichier de la police a {n} problèmes",
    ),
    "census_file_problems_one": tr(
        "El archivo del censo tiene {n} problema",
        "The census file has {n} problem",
        "O arquivo do censo tem {n} problema",
        "Le fichier du recensement a {n} problème",
    ),
    "census_file_problems": tr(
        "El archivo del censo tiene {n} problemas",
        "The census file has {n} problems",
        "O arquivo do censo tem {n} problemas",
        "Le fichier du recensement a {n} problèmes",
    ),
    "nothing_stored": tr(
        "No se guardó nada. Corrija el archivo y vuelva a subirlo.",
        "Nothing was stored. Correct the file and upload it again.",
        "Nada foi salvo. Corrija o arquivo e envie-o novamente.",
        "Rien n'a été enregistré. Corrigez le fichier et téléversez-le à nouveau.",
    ),
    "upload_police": tr(
        "Subir delitos registrados por la policía",
        "Upload police-recorded crime",
        "Enviar crimes registrados pela polícia",
        "Téléverser les infractions enregistrées par la police",
    ),
    "police_hint": tr(
        "Una fila por área, período y tipo de delito. Período: 2024, 2024-03, 2024-Q2 o "
        "2024-01-01/2024-06-30. Tipo de delito: el código del cuestionario (11), su nombre "
        "(rob) o all. Una fila de un área, período y tipo ya guardados la reemplaza.",
        "One row per area, period and crime type. Period: 2024, 2024-03, 2024-Q2 or "
        "2024-01-01/2024-06-30. Crime type: the questionnaire's code (11), its name (rob) or "
        "all. A row for an area, period and type already stored replaces it.",
        "Uma linha por área, período e tipo de crime. Período: 2024, 2024-03, 2024-Q2 ou "
        "2024-01-01/2024-06-30. Tipo de crime: o código do questionário (11), seu nome (rob) "
        "ou all. Uma linha de uma área, período e tipo já salvos a substitui.",
        "Une ligne par zone, période et type d'infraction. Période\u00a0: 2024, 2024-03, 2024-Q2 "
        "ou 2024-01-01/2024-06-30. Type d'infraction\u00a0: le code du questionnaire (11), son nom "
        "(rob) ou all. Une ligne d'une zone, d'une période et d'un type déjà enregistrés la "
        "remplace.",
    ),
    "upload_census": tr(
        "Subir totales de población del censo",
        "Upload census population totals",
        "Enviar totais de população do censo",
        "Téléverser les totaux de population du recensement",
    ),
    "census_hint": tr(
        "Una fila por área, año, sexo (1 hombre, 2 mujer) y grupo de edad (18-29, 60+).",
        "One row per area, year, sex (1 male, 2 female) and age group (18-29, 60+).",
        "Uma linha por área, ano, sexo (1 homem, 2 mulher) e faixa etária (18-29, 60+).",
        "Une ligne par zone, année, sexe (1 homme, 2 femme) et tranche d'âge (18-29, 60+).",
    ),
    "police_stored_title": tr(
        "Delitos registrados por la policía guardados",
        "Police-recorded crime stored",
        "Crimes registrados pela polícia salvos",
        "Infractions enregistrées par la police",
    ),
    "census_stored_title": tr(
        "Totales de población del censo guardados",
        "Census population totals stored",
        "Totais de população do censo salvos",
        "Totaux de population du recensement enregistrés",
    ),
    "period": tr("Período", "Period", "Período", "Période"),
    "year": tr("Año", "Year", "Ano", "Année"),
    "rows": tr("Filas", "Rows", "Linhas", "Lignes"),
    "crimes": tr("Delitos", "Crimes", "Crimes", "Infractions"),
    "none_yet": tr("Ninguno todavía.", "None yet.", "Nenhum ainda.", "Aucun pour l'instant."),
    "police_file": tr(
        "Archivo CSV de delitos registrados por la policía",
        "CSV file of police-recorded crime",
        "Arquivo CSV de crimes registrados pela polícia",
        "Fichier CSV des infractions enregistrées par la police",
    ),
    "choose_police_file": tr(
        "Elija un archivo CSV de delitos registrados por la policía para subir.",
        "Choose a CSV file of police-recorded crime to upload.",
        "Escolha um arquivo CSV de crimes registrados pela polícia para enviar.",
        "Choisissez un fichier CSV des infractions enregistrées par la police à téléverser.",
    ),
    "upload_police_button": tr(
        "Subir registros policiales",
        "Upload police records",
        "Enviar registros policiais",
        "Téléverser les données de la police",
    ),
    "census_file": tr(
        "Archivo CSV de totales de población del censo",
        "CSV file of census population totals",
        "Arquivo CSV de totais de população do censo",
        "Fichier CSV des totaux de population du recensement",
    ),
    "choose_census_file": tr(
        "Elija un archivo CSV de totales de población para subir.",
        "Choose a CSV file of population totals to upload.",
        "Escolha um arquivo CSV de totais de população para enviar.",
        "Choisissez un fichier CSV des totaux de population à téléverser.",
    ),
    "upload_census_button": tr(
        "Subir totales de población",
        "Upload population totals",
        "Enviar totais de população",
        "Téléverser les totaux de population",
    ),
    # The count of replaced ones is said count-neutrally (a second count in one sentence)
    "police_records_stored": tr(
        "Se guardaron {n} registros policiales (cifras anteriores reemplazadas: {replaced}).",
        "{n} police records stored (older numbers replaced: {replaced}).",
        "Foram salvos {n} registros policiais (números anteriores substituídos: {replaced}).",
        "{n} données de la police enregistrées (chiffres plus anciens remplacés\u00a0: "
        "{replaced}).",
    ),
    "police_records_stored_one": tr(
        "Se guardó {n} registro policial (cifras anteriores reemplazadas: {replaced}).",
        "{n} police record stored (older numbers replaced: {replaced}).",
        "Foi salvo {n} registro policial (números anteriores substituídos: {replaced}).",
        "{n} donnée de la police enregistrée (chiffres plus anciens remplacés\u00a0: {replaced}).",
    ),
    "population_totals_stored": tr(
        "Se guardaron {n} totales de población (cifras anteriores reemplazadas: {replaced}).",
        "{n} population totals stored (older numbers replaced: {replaced}).",
        "Foram salvos {n} totais de população (números anteriores substituídos: {replaced}).",
        "{n} totaux de population enregistrés (chiffres plus anciens remplacés\u00a0: {replaced}).",
    ),
    "population_totals_stored_one": tr(
        "Se guardó {n} total de población (cifras anteriores reemplazadas: {replaced}).",
        "{n} population total stored (older numbers replaced: {replaced}).",
        "Foi salvo {n} total de população (números anteriores substituídos: {replaced}).",
        "{n} total de population enregistré (chiffres plus anciens remplacés\u00a0: {replaced}).",
    ),
    # ---- area boundaries (observatory/boundaries.html) ----
    "area_boundaries": tr(
        "Límites de las áreas", "Area boundaries", "Limites das áreas", "Limites des zones"
    ),
    "boundaries_intro": tr(
        "El observatorio dibuja mapas de las áreas que tienen un límite: prevalencia, "
        "percepción de inseguridad y su brecha por estado y municipio, en las páginas de los "
        "levantamientos y en los informes PDF.",
        "The observatory draws maps of the areas that have a boundary: prevalence, perceived "
        "insecurity and their gap by state and municipality, on the wave pages and in the PDF "
        "reports.",
        "O observatório desenha mapas das áreas que têm um limite: prevalência, percepção de "
        "insegurança e sua diferença por estado e município, nas páginas dos levantamentos e "
        "nos relatórios em PDF.",
        "L'observatoire dessine les cartes des zones qui ont une limite\u00a0: prévalence, "
        "sentiment d'insécurité et leur écart par État et par commune, sur les pages des "
        "vagues et dans les rapports PDF.",
    ),
    "boundary_file_problems_one": tr(
        "El archivo de límites tiene {n} problema",
        "The boundary file has {n} problem",
        "O arquivo de limites tem {n} problema",
        "Le fichier des limites a {n} problème",
    ),
    "boundary_file_problems": tr(
        "El archivo de límites tiene {n} problemas",
        "The boundary file has {n} problems",
        "O arquivo de limites tem {n} problemas",
        "Le fichier des limites a {n} problèmes",
    ),
    "upload_boundaries": tr(
        "Subir límites", "Upload boundaries", "Enviar limites", "Téléverser des limites"
    ),
    "boundary_level": tr(
        "Nivel de las áreas del archivo",
        "Level of the areas in the file",
        "Nível das áreas do arquivo",
        "Niveau des zones du fichier",
    ),
    "boundary_level_region": tr(
        "Estados / regiones", "States / regions", "Estados / regiões", "États / régions"
    ),
    "boundary_level_municipality": tr("Municipios", "Municipalities", "Municípios", "Communes"),
    "boundary_level_country": tr(
        "Contorno del país", "Country outline", "Contorno do país", "Contour du pays"
    ),
    "boundary_level_neighbourhood": tr("Barrios", "Neighbourhoods", "Bairros", "Quartiers"),
    "choose_boundary_level": tr(
        "Elija el nivel de las áreas del archivo.",
        "Choose the level of the areas in the file.",
        "Escolha o nível das áreas do arquivo.",
        "Choisissez le niveau des zones du fichier.",
    ),
    "boundary_file": tr(
        "Archivo GeoJSON de límites de áreas",
        "GeoJSON file of area boundaries",
        "Arquivo GeoJSON de limites das áreas",
        "Fichier GeoJSON des limites des zones",
    ),
    "choose_boundary_file": tr(
        "Elija un archivo GeoJSON de límites de áreas para subir.",
        "Choose a GeoJSON file of area boundaries to upload.",
        "Escolha um arquivo GeoJSON de limites das áreas para enviar.",
        "Choisissez un fichier GeoJSON des limites des zones à téléverser.",
    ),
    "boundary_hint_file": tr(
        "Una FeatureCollection GeoJSON (RFC 7946: longitud y latitud en grados, WGS 84) de "
        "{mb} MB como máximo; cada elemento, un Polygon o MultiPolygon.",
        "A GeoJSON FeatureCollection (RFC 7946: longitude and latitude in degrees, WGS 84) of "
        "at most {mb} MB; each feature a Polygon or MultiPolygon.",
        "Uma FeatureCollection GeoJSON (RFC 7946: longitude e latitude em graus, WGS 84) de "
        "no máximo {mb} MB; cada elemento, um Polygon ou MultiPolygon.",
        "Une FeatureCollection GeoJSON (RFC 7946\u00a0: longitude et latitude en degrés, WGS 84) "
        "d'au plus {mb} Mo\u00a0; chaque élément, un Polygon ou un MultiPolygon.",
    ),
    "boundary_hint_code": tr(
        "El código del área, como en la lista de áreas:",
        "The area's code as in the area list:",
        "O código da área, como na lista de áreas:",
        "Le code de la zone, comme dans la liste des zones\u00a0:",
    ),
    "boundary_hint_parent": tr(
        "cuando un código se repite en distintos estados, también el del estado:",
        "when a code repeats under different states, the state's code too:",
        "quando um código se repete em estados diferentes, também o do estado:",
        "quand un code se répète sous différents États, celui de l'État aussi\u00a0:",
    ),
    "boundary_hint_replaced": tr(
        "Un límite ya guardado para un área se reemplaza.",
        "A boundary already stored for an area is replaced.",
        "Um limite já salvo para uma área é substituído.",
        "Une limite déjà enregistrée pour une zone est remplacée.",
    ),
    "upload_boundaries_button": tr(
        "Subir límites", "Upload boundaries", "Enviar limites", "Téléverser les limites"
    ),
    "boundaries_stored_title": tr(
        "Límites guardados", "Boundaries stored", "Limites salvos", "Limites enregistrées"
    ),
    "with_boundary": tr("Con límite", "With a boundary", "Com limite", "Avec une limite"),
    "boundaries_stored": tr(
        "Se guardaron {n} límites (límites anteriores reemplazados: {replaced}).",
        "{n} boundaries stored (older ones replaced: {replaced}).",
        "Foram salvos {n} limites (limites anteriores substituídos: {replaced}).",
        "{n} limites enregistrées (limites plus anciennes remplacées\u00a0: {replaced}).",
    ),
    "boundaries_stored_one": tr(
        "Se guardó {n} límite (límites anteriores reemplazados: {replaced}).",
        "{n} boundary stored (older ones replaced: {replaced}).",
        "Foi salvo {n} limite (limites anteriores substituídos: {replaced}).",
        "{n} limite enregistrée (limites plus anciennes remplacées\u00a0: {replaced}).",
    ),
}
