"""Words of the disclosure-control report and of its methodology-annex section, in every language.

Entries are :func:`analysis.i18n.tr` texts read with :func:`analysis.i18n.lookup`;
every key exists in all of :data:`analysis.i18n.LANGUAGES` (a test checks it).
"""

from __future__ import annotations

from analysis.i18n import tr

__all__ = ["STRINGS"]

STRINGS: dict[str, dict[str, str]] = {
    "title": tr(
        "Control de divulgación de la edición pública",
        "Disclosure control of the public edition",
        "Controle de divulgação da edição pública",
        "Contrôle de la divulgation de l'édition publique",
    ),
    "sec_policy": tr(
        "Política aplicada", "Policy applied", "Política aplicada", "Politique appliquée"
    ),
    "sec_risk": tr(
        "Riesgo de reidentificación",
        "Re-identification risk",
        "Risco de reidentificação",
        "Risque de réidentification",
    ),
    "sec_suppressed": tr(
        "Supresiones locales",
        "Local suppressions",
        "Supressões locais",
        "Suppressions locales",
    ),
    "sec_utility": tr(
        "Costo en utilidad: estimaciones clave",
        "Utility cost: key estimates",
        "Custo em utilidade: estimativas-chave",
        "Coût en utilité\u00a0: estimations clés",
    ),
    "col_measure": tr("Medida", "Measure", "Medida", "Mesure"),
    "col_original": tr("Archivo interno", "Internal file", "Arquivo interno", "Fichier interne"),
    "col_recoded": tr("Tras recodificar", "After recoding", "Após recodificar", "Après recodage"),
    "col_public": tr("Archivo público", "Public file", "Arquivo público", "Fichier public"),
    "col_variable": tr("Variable", "Variable", "Variável", "Variable"),
    "col_cells": tr(
        "Celdas suprimidas", "Cells suppressed", "Células suprimidas", "Cellules supprimées"
    ),
    "col_share": tr("% de registros", "% of records", "% dos registros", "% des enregistrements"),
    "col_estimate": tr("Estimación", "Estimate", "Estimativa", "Estimation"),
    "col_domain": tr("Dominio", "Domain", "Domínio", "Domaine"),
    "col_difference": tr(
        "Diferencia (p.p.)", "Difference (pp)", "Diferença (p.p.)", "Écart (points)"
    ),
    "col_max_domain": tr(
        "Mayor diferencia en dominios (p.p.)",
        "Largest domain difference (pp)",
        "Maior diferença nos domínios (p.p.)",
        "Plus grand écart dans les domaines (points)",
    ),
    "national": tr("Nacional", "National", "Nacional", "National"),
    "risk_records": tr("Registros", "Records", "Registros", "Enregistrements"),
    "risk_below_k": tr(
        "Registros en celdas menores que k = {k}",
        "Records in cells smaller than k = {k}",
        "Registros em células menores que k = {k}",
        "Enregistrements dans des cellules de moins de k = {k}",
    ),
    "risk_share_below_k": tr(
        "% de registros en celdas menores que k",
        "% of records in cells smaller than k",
        "% dos registros em células menores que k",
        "% des enregistrements dans des cellules de moins de k",
    ),
    "risk_uniques": tr(
        "Únicos en la muestra", "Sample uniques", "Únicos na amostra", "Uniques dans l'échantillon"
    ),
    "risk_expected": tr(
        "Reidentificaciones esperadas",
        "Expected re-identifications",
        "Reidentificações esperadas",
        "Réidentifications attendues",
    ),
    "risk_global": tr(
        "Riesgo global (% medio)",
        "Global risk (mean, %)",
        "Risco global (média, %)",
        "Risque global (moyenne, %)",
    ),
    "risk_max": tr(
        "Riesgo individual máximo (%)",
        "Largest individual risk (%)",
        "Maior risco individual (%)",
        "Risque individuel maximal (%)",
    ),
    "risk_note": tr(
        "Riesgo individual de Benedetti-Franconi (aproximación de sdcMicro) con la frecuencia "
        "poblacional estimada por los factores de expansión; un valor suprimido coincide con "
        "cualquier otro.",
        "Benedetti-Franconi individual risk (sdcMicro's approximation) with the population "
        "frequency estimated by the weights; a suppressed value matches any other.",
        "Risco individual de Benedetti-Franconi (aproximação do sdcMicro) com a frequência "
        "populacional estimada pelos pesos; um valor suprimido coincide com qualquer outro.",
        "Risque individuel de Benedetti-Franconi (approximation de sdcMicro), la fréquence dans "
        "la population étant estimée par les poids\u00a0; une valeur supprimée correspond à toute "
        "autre.",
    ),
    "suppressed_none": tr(
        "No fue necesario suprimir ninguna celda.",
        "No cell had to be suppressed.",
        "Nenhuma célula precisou ser suprimida.",
        "Aucune cellule n'a dû être supprimée.",
    ),
    "linked_note": tr(
        "Las mismas supresiones se aplicaron en los archivos vinculados: {cells}.",
        "The same suppressions were applied in the linked files: {cells}.",
        "As mesmas supressões foram aplicadas nos arquivos vinculados: {cells}.",
        "Les mêmes suppressions ont été appliquées dans les fichiers liés\u00a0: {cells}.",
    ),
    "areas_note": tr(
        "Áreas pequeñas de «{column}»: {pooled} agrupadas, {blank} en blanco; {unknown} sin "
        "población conocida (tratadas como pequeñas).",
        "Small areas of '{column}': {pooled} pooled, {blank} left blank; {unknown} without a "
        "known population (treated as small).",
        "Áreas pequenas de «{column}»: {pooled} agrupadas, {blank} em branco; {unknown} sem "
        "população conhecida (tratadas como pequenas).",
        "Petites zones de «\u00a0{column}\u00a0»\u00a0: {pooled} regroupées, {blank} laissées vides\u00a0; "
        "{unknown} sans population connue (traitées comme petites).",
    ),
    "file_respondents": tr("entrevistados", "respondents", "entrevistados", "répondants"),
    "file_incidents": tr("incidentes", "incidents", "incidentes", "incidents"),
    "file_households": tr("hogares", "households", "domicílios", "ménages"),
    "callback_title": tr(
        "Estimaciones publicadas recalculadas",
        "Published estimates recomputed",
        "Estimativas publicadas recalculadas",
        "Estimations publiées recalculées",
    ),
    # the policy, as the annex and the report state it
    "annex_title": tr(
        "Control de divulgación de los microdatos públicos",
        "Disclosure control of the public microdata",
        "Controle de divulgação dos microdados públicos",
        "Contrôle de la divulgation des microdonnées publiques",
    ),
    "annex_intro": tr(
        "La edición pública de los microdatos aplica una política declarada para esta ronda. "
        "La edición interna, con todas las variables, queda reservada al personal autorizado.",
        "The public edition of the microdata applies a policy declared for this wave. The "
        "internal edition, with every variable, is kept for authorized staff.",
        "A edição pública dos microdados aplica uma política declarada para esta rodada. A "
        "edição interna, com todas as variáveis, fica reservada à equipe autorizada.",
        "L'édition publique des microdonnées applique une politique déclarée pour cette vague. "
        "L'édition interne, avec toutes les variables, est réservée au personnel autorisé.",
    ),
    "annex_drop": tr(
        "Se eliminan los identificadores directos, los textos libres y las variables de "
        "selección que permitirían ubicar la vivienda ({columns}).",
        "Direct identifiers, free text and the selection variables that could locate the "
        "dwelling are removed ({columns}).",
        "São removidos os identificadores diretos, os textos livres e as variáveis de seleção "
        "que permitiriam localizar o domicílio ({columns}).",
        "Les identifiants directs, les textes libres et les variables de sélection qui "
        "permettraient de localiser le logement sont supprimés ({columns}).",
    ),
    "annex_pseudonyms": tr(
        "Los identificadores ({columns}) se sustituyen por códigos aleatorios, los mismos en "
        "todos los archivos, de modo que los archivos siguen vinculados y la varianza puede "
        "estimarse con estratos y UPM.",
        "Identifiers ({columns}) are replaced by random codes, the same in every file, so the "
        "files stay linked and variances can still be estimated with strata and PSUs.",
        "Os identificadores ({columns}) são substituídos por códigos aleatórios, os mesmos em "
        "todos os arquivos, de modo que os arquivos continuam vinculados e a variância pode "
        "ser estimada com estratos e UPA.",
        "Les identifiants ({columns}) sont remplacés par des codes aléatoires, les mêmes dans "
        "tous les fichiers\u00a0: les fichiers restent liés et la variance peut être estimée avec "
        "les strates et les UPE.",
    ),
    "annex_dates": tr(
        "Las fechas se publican por {units}: {columns}.",
        "Dates are published by {units}: {columns}.",
        "As datas são publicadas por {units}: {columns}.",
        "Les dates sont publiées par {units}\u00a0: {columns}.",
    ),
    "unit_month": tr("mes", "month", "mês", "mois"),
    "unit_quarter": tr("trimestre", "quarter", "trimestre", "trimestre"),
    "annex_top_codes": tr(
        "Valores máximos (los valores mayores se publican como el máximo): {caps}. Los "
        "delitos en serie se cuentan hasta 10, como en la NCVS, también en los factores de "
        "los incidentes.",
        "Top codes (larger values are published as the cap): {caps}. Series crimes are "
        "counted up to 10, as in the NCVS, in the incident weights too.",
        "Valores máximos (valores maiores são publicados como o máximo): {caps}. Crimes em "
        "série são contados até 10, como na NCVS, também nos pesos dos incidentes.",
        "Valeurs plafonnées (les valeurs supérieures sont publiées au plafond)\u00a0: {caps}. Les "
        "infractions en série sont comptées jusqu'à 10, comme dans la NCVS, y compris dans "
        "les poids des incidents.",
    ),
    "annex_bands": tr(
        "Grupos publicados en lugar del valor exacto (límite inferior de cada grupo; el último "
        "es abierto): {bands}.",
        "Groups published instead of the exact value (each group's lower bound; the last is "
        "open): {bands}.",
        "Grupos publicados em vez do valor exato (limite inferior de cada grupo; o último é "
        "aberto): {bands}.",
        "Classes publiées au lieu de la valeur exacte (borne inférieure de chaque classe\u00a0; la "
        "dernière est ouverte)\u00a0: {bands}.",
    ),
    "annex_geography": tr(
        "Las áreas de «{column}» con menos de {threshold} habitantes se agrupan por «{parent}» "
        "(código {suffix} al final) o se dejan en blanco si el grupo sigue siendo menor.",
        "Areas of '{column}' with fewer than {threshold} inhabitants are pooled by '{parent}' "
        "(code ending in {suffix}), or left blank when the pool is still smaller.",
        "As áreas de «{column}» com menos de {threshold} habitantes são agrupadas por "
        "«{parent}» (código terminado em {suffix}) ou deixadas em branco se o grupo continuar "
        "menor.",
        "Les zones de «\u00a0{column}\u00a0» de moins de {threshold} habitants sont regroupées par "
        "«\u00a0{parent}\u00a0» (code se terminant par {suffix}), ou laissées vides si le groupe reste "
        "plus petit.",
    ),
    "annex_k": tr(
        "Se garantiza el {k}-anonimato sobre los cuasi-identificadores {columns}: cada "
        "entrevistado comparte su combinación con al menos {others} más (un valor suprimido "
        "coincide con cualquiera). Se logra con supresión local: se deja en blanco el menor "
        "número de celdas, empezando por la variable menos importante; una supresión de área "
        "se extiende a toda la UPM, cuyos otros entrevistados la revelarían, y se repite en "
        "los archivos de incidentes y hogares del mismo entrevistado.",
        "{k}-anonymity is guaranteed on the quasi-identifiers {columns}: every respondent "
        "shares their combination with at least {others} others (a suppressed value matches "
        "any). It is reached by local suppression: as few cells as possible are blanked, the "
        "least important variable first; an area suppression extends to the whole PSU, whose "
        "other respondents would reveal it, and is repeated in the same respondent's incident "
        "and household rows.",
        "O {k}-anonimato é garantido sobre os quase-identificadores {columns}: cada "
        "entrevistado compartilha sua combinação com pelo menos {others} outros (um valor "
        "suprimido coincide com qualquer um). É obtido por supressão local: o menor número "
        "possível de células é deixado em branco, começando pela variável menos importante; "
        "uma supressão de área se estende a toda a UPA, cujos outros entrevistados a "
        "revelariam, e é repetida nas linhas de incidentes e domicílios do mesmo entrevistado.",
        "Le {k}-anonymat est garanti sur les quasi-identifiants {columns}\u00a0: chaque répondant "
        "partage sa combinaison avec au moins {others} autres (une valeur supprimée correspond "
        "à toute autre). Il est obtenu par suppression locale\u00a0: le moins de cellules possible "
        "sont vidées, en commençant par la variable la moins importante\u00a0; une suppression de "
        "zone s'étend à toute l'UPE, dont les autres répondants la révéleraient, et est "
        "répétée dans les lignes d'incidents et de ménage du même répondant.",
    ),
    "annex_result": tr(
        "Resultado: los registros en celdas menores que k pasaron de {before} % a {after} % y "
        "las reidentificaciones esperadas de {expected_before} a {expected_after}; se "
        "suprimieron {cells} celdas. La mayor diferencia de una estimación clave nacional "
        "entre el archivo público y el interno es de {national} puntos porcentuales.",
        "Result: records in cells smaller than k went from {before}% to {after}% and the "
        "expected re-identifications from {expected_before} to {expected_after}; {cells} "
        "cells were suppressed. The largest difference of a national key estimate between "
        "the public and the internal file is {national} percentage points.",
        "Resultado: os registros em células menores que k passaram de {before}% para {after}% "
        "e as reidentificações esperadas de {expected_before} para {expected_after}; {cells} "
        "células foram suprimidas. A maior diferença de uma estimativa-chave nacional entre o "
        "arquivo público e o interno é de {national} pontos percentuais.",
        "Résultat\u00a0: les enregistrements dans des cellules de moins de k sont passés de "
        "{before}\u00a0% à {after}\u00a0% et les réidentifications attendues de {expected_before} à "
        "{expected_after}\u00a0; {cells} cellules ont été supprimées. Le plus grand écart d'une "
        "estimation clé nationale entre le fichier public et le fichier interne est de "
        "{national} points de pourcentage.",
    ),
}
