"""Report wording in Spanish, English, Portuguese and French, and number formats.

Indicator names and definitions come from the indicator catalogue when it has
them (:func:`analysis.report.context.indicator_label`); this module holds the
report's own words: headings, table headers, chart axes, the sentence patterns
of the highlights, and fallback names for crime types, reasons, institutions.
Every key exists in all four languages (a test checks it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from analysis.i18n import (
    LANGUAGES,
    PERCENT_SIGNS,
    colon,
    format_date,
    format_number,
    format_percent,
    format_period,
    lookup,
    lookup_count,
    pick,
    semicolon,
    tr,
)

__all__ = ["LANGUAGES", "STRINGS", "Translator"]


STRINGS: dict[str, dict[str, str]] = {
    # cover
    "title": tr(
        "Informe de situación: victimización y percepción de inseguridad",
        "Status report: victimization and perceived insecurity",
        "Relatório de situação: vitimização e percepção de insegurança",
        "Rapport de situation\u00a0: victimation et sentiment d'insécurité",
    ),
    "edition_public": tr("Edición pública", "Public edition", "Edição pública", "Édition publique"),
    "edition_internal": tr(
        "USO INTERNO: incluye estimaciones no publicables",
        "INTERNAL USE: includes estimates not fit for publication",
        "USO INTERNO: inclui estimativas não publicáveis",
        "USAGE INTERNE\u00a0: contient des estimations non publiables",
    ),
    "wave": tr("Levantamiento", "Survey wave", "Levantamento", "Vague d'enquête"),
    "reference_period": tr(
        "Periodo de referencia", "Reference period", "Período de referência", "Période de référence"
    ),
    "fieldwork": tr(
        "Trabajo de campo", "Fieldwork", "Trabalho de campo", "Collecte sur le terrain"
    ),
    "previous_wave": tr(
        "Levantamiento anterior", "Previous wave", "Levantamento anterior", "Vague précédente"
    ),
    "generated": tr("Generado", "Generated", "Gerado em", "Généré le"),
    "area": tr("Área", "Area", "Área", "Zone"),
    "page": tr("Página", "Page", "Página", "Page"),
    "of": tr("de", "of", "de", "sur"),
    "contents": tr("Contenido", "Contents", "Conteúdo", "Sommaire"),
    # area levels
    "level_country": tr("País", "Country", "País", "Pays"),
    "level_state": tr("Estado", "State", "Estado", "État"),
    "level_municipality": tr("Municipio", "Municipality", "Município", "Municipalité"),
    "states": tr("Estados", "States", "Estados", "États"),
    "municipalities": tr("Municipios", "Municipalities", "Municípios", "Municipalités"),
    # section headings
    "sec_highlights": tr(
        "Principales resultados", "Highlights", "Principais resultados", "Faits saillants"
    ),
    "sec_prevalence": tr(
        "Prevalencia e incidencia delictiva",
        "Prevalence and incidence of crime",
        "Prevalência e incidência de crimes",
        "Prévalence et incidence de la criminalité",
    ),
    "sec_crime_types": tr(
        "Victimización por tipo de delito",
        "Victimization by crime type",
        "Vitimização por tipo de crime",
        "Victimation par type d'infraction",
    ),
    "sec_reporting": tr(
        "Denuncia y cifra negra",
        "Reporting to the authorities and the dark figure",
        "Notificação às autoridades e cifra oculta",
        "Signalement aux autorités et chiffre noir",
    ),
    "sec_perception": tr(
        "Percepción de inseguridad",
        "Perceived insecurity",
        "Percepção de insegurança",
        "Sentiment d'insécurité",
    ),
    "sec_perceived_actual": tr(
        "Inseguridad percibida frente a victimización",
        "Perceived versus actual insecurity",
        "Insegurança percebida versus vitimização",
        "Insécurité perçue et victimation mesurée",
    ),
    # maps (analysis/report/maps.py)
    "sec_maps": tr("Mapas", "Maps", "Mapas", "Cartes"),
    "map_title": tr(
        "{level}: victimización, inseguridad percibida y brecha",
        "{level}: victimization, perceived insecurity and the gap",
        "{level}: vitimização, insegurança percebida e diferença",
        "{level}\u00a0: victimation, insécurité perçue et écart",
    ),
    "map_table": tr(
        "{level}: los mapas en una tabla",
        "{level}: the maps as a table",
        "{level}: os mapas numa tabela",
        "{level}\u00a0: les cartes sous forme de tableau",
    ),
    "map_prevalence": tr(
        "Víctimas de un delito (%)", "Crime victims (%)", "Vítimas de crime (%)", "Victimes (%)"
    ),
    # the perceived map of each level shows the question about that level (map_section.PERCEIVED);
    # "(%)" does not go to a line of its own when the title wraps
    "map_perceived_state": tr(
        "Se sienten inseguros en su estado\u00a0(%)",
        "Feel unsafe in their state\u00a0(%)",
        "Sentem-se inseguros em seu estado\u00a0(%)",
        "Se sentent en insécurité dans leur État ou région\u00a0(%)",
    ),
    "map_perceived_municipality": tr(
        "Se sienten inseguros en su municipio\u00a0(%)",
        "Feel unsafe in their municipality\u00a0(%)",
        "Sentem-se inseguros em seu município\u00a0(%)",
        "Se sentent en insécurité dans leur commune\u00a0(%)",
    ),
    "map_gap": tr(
        "Brecha (puntos porcentuales)",
        "Gap (percentage points)",
        "Diferença (pontos percentuais)",
        "Écart (points de pourcentage)",
    ),
    "map_note": tr(
        "Brecha = porcentaje que se siente inseguro menos porcentaje de víctimas: positiva (naranja) "
        "cuando la inseguridad percibida supera la victimización medida. Las cifras de cada área "
        "están en la tabla de resultados por área.",
        "Gap = percentage feeling unsafe minus percentage of victims: positive (orange) where "
        "perceived insecurity exceeds measured victimization. Each area's figures are in the table "
        "of results by area.",
        "Diferença = percentual que se sente inseguro menos percentual de vítimas: positiva "
        "(laranja) quando a insegurança percebida supera a vitimização medida. Os números de cada "
        "área estão na tabela de resultados por área.",
        "Écart = pourcentage se sentant en insécurité moins pourcentage de victimes\u00a0: positif "
        "(orange) lorsque l'insécurité perçue dépasse la victimation mesurée. Les chiffres de "
        "chaque zone figurent dans le tableau des résultats par zone.",
    ),
    "map_low": tr(
        "Precisión baja (**)", "Low precision (**)", "Precisão baixa (**)", "Précision faible (**)"
    ),
    # {n} is the quality rule's minimum, a setting: Translator.count picks the form
    "map_suppressed": tr(
        "Suprimida: menos de {n} casos u otra regla de calidad",
        "Suppressed: fewer than {n} cases or another quality rule",
        "Suprimida: menos de {n} casos ou outra regra de qualidade",
        "Supprimée\u00a0: moins de {n} cas ou autre règle de qualité",
    ),
    "map_suppressed_one": tr(
        "Suprimida: menos de {n} caso u otra regla de calidad",
        "Suppressed: fewer than {n} case or another quality rule",
        "Suprimida: menos de {n} caso ou outra regra de qualidade",
        "Supprimée\u00a0: moins de {n} cas ou autre règle de qualité",
    ),
    "map_suppressed_rule": tr(
        "Suprimida por la regla de calidad",
        "Suppressed by the quality rule",
        "Suprimida pela regra de qualidade",
        "Supprimée par la règle de qualité",
    ),
    "map_missing": tr("Sin datos", "No data", "Sem dados", "Pas de données"),
    # methodology annex: how household crimes are weighted (compute_indicators household_crimes)
    "household_crimes_person": tr(
        "Delitos contra el hogar (robo de vehículo, de autopartes, a casa habitación y otros): en la "
        "incidencia, los totales de delitos, la tasa de denuncia y la cifra negra se ponderan con el "
        "factor de la persona entrevistada, como en la ENVIPE, de modo que cada uno cuenta una vez "
        "por cada adulto del hogar al que representa. Con el factor del hogar contarían una vez por "
        "hogar y las cifras serían menores donde los hogares tienen varios adultos.",
        "Crimes against the household (vehicle and vehicle-part theft, burglary and others): "
        "incidence, crime totals, the reporting rate and the dark figure weight them with the "
        "respondent's person weight, as ENVIPE does, so each counts once for every adult of the "
        "household it stands for. With the household weight they would count once per household, "
        "and the figures would be lower where households have several adults.",
        "Crimes contra o domicílio (roubo de veículo e de autopeças, arrombamento e outros): na "
        "incidência, nos totais de crimes, na taxa de notificação e na cifra oculta são ponderados "
        "pelo peso da pessoa entrevistada, como na ENVIPE, de modo que cada um conta uma vez por "
        "adulto do domicílio que representa. Com o peso do domicílio contariam uma vez por "
        "domicílio e os números seriam menores onde os domicílios têm vários adultos.",
        "Infractions contre le ménage (vol de véhicule ou d'accessoires, cambriolage et autres)\u00a0: "
        "l'incidence, les totaux d'infractions, le taux de signalement et le chiffre noir les "
        "pondèrent par le poids de la personne interrogée, comme l'ENVIPE, si bien que chacune "
        "compte une fois par adulte du ménage qu'elle représente. Avec le poids du ménage, elles "
        "compteraient une fois par ménage et les chiffres seraient plus bas là où les ménages "
        "comptent plusieurs adultes.",
    ),
    "household_crimes_household": tr(
        "Delitos contra el hogar (robo de vehículo, de autopartes, a casa habitación y otros): en la "
        "incidencia, los totales de delitos, la tasa de denuncia y la cifra negra se ponderan con el "
        "factor del hogar, de modo que cada uno cuenta una vez por hogar (como en la NCVS). La ENVIPE "
        "usa el factor de la persona, que cuenta cada delito una vez por adulto del hogar y da cifras "
        "mayores donde los hogares tienen varios adultos; las cifras no se comparan entre ambas "
        "convenciones.",
        "Crimes against the household (vehicle and vehicle-part theft, burglary and others): "
        "incidence, crime totals, the reporting rate and the dark figure weight them with the "
        "household weight, so each counts once per household (as the NCVS does). ENVIPE uses the "
        "person weight, which counts each once per adult of the household and gives higher figures "
        "where households have several adults; figures are not compared across the two conventions.",
        "Crimes contra o domicílio (roubo de veículo e de autopeças, arrombamento e outros): na "
        "incidência, nos totais de crimes, na taxa de notificação e na cifra oculta são ponderados "
        "pelo peso do domicílio, de modo que cada um conta uma vez por domicílio (como na NCVS). A "
        "ENVIPE usa o peso da pessoa, que conta cada crime uma vez por adulto do domicílio e dá "
        "números maiores onde os domicílios têm vários adultos; os números não se comparam entre as "
        "duas convenções.",
        "Infractions contre le ménage (vol de véhicule ou d'accessoires, cambriolage et autres)\u00a0: "
        "l'incidence, les totaux d'infractions, le taux de signalement et le chiffre noir les "
        "pondèrent par le poids du ménage, si bien que chacune compte une fois par ménage (comme "
        "la NCVS). L'ENVIPE utilise le poids de la personne, qui compte chaque infraction une fois "
        "par adulte du ménage et donne des chiffres plus élevés là où les ménages comptent "
        "plusieurs adultes\u00a0; les chiffres ne se comparent pas d'une convention à l'autre.",
    ),
    "scatter_named_note": tr(
        "Se nombran las áreas más alejadas del conjunto donde el nombre cabe sin cubrir otro; "
        "todas figuran en la tabla.",
        "Areas farthest from the rest are named where the name fits without covering another; "
        "every area is in the table.",
        "São nomeadas as áreas mais afastadas do conjunto onde o nome cabe sem cobrir outro; "
        "todas constam da tabela.",
        "Les zones les plus éloignées de l'ensemble sont nommées là où le nom tient sans en "
        "couvrir un autre\u00a0; toutes figurent dans le tableau.",
    ),
    "sec_trust": tr(
        "Confianza y desempeño institucional",
        "Trust in institutions and their performance",
        "Confiança e desempenho das instituições",
        "Confiance dans les institutions et leur action",
    ),
    "sec_avoidance": tr(
        "Conductas de evitación",
        "Avoidance behaviour",
        "Comportamentos de evitação",
        "Comportements d'évitement",
    ),
    "sec_bribery": tr(
        "Soborno (ODS 16.5.1)",
        "Bribery (SDG 16.5.1)",
        "Suborno (ODS 16.5.1)",
        "Corruption (ODD 16.5.1)",
    ),
    "sec_tables": tr(
        "Cuadros de estimaciones",
        "Tables of estimates",
        "Tabelas de estimativas",
        "Tableaux des estimations",
    ),
    "sec_methodology": tr(
        "Anexo metodológico", "Methodology annex", "Anexo metodológico", "Annexe méthodologique"
    ),
    "sec_subareas": tr(
        "Resultados por área", "Results by area", "Resultados por área", "Résultats par zone"
    ),
    # sub-headings
    "sub_comparison": tr(
        "Comparación con el estado y el país",
        "Comparison with the state and the country",
        "Comparação com o estado e o país",
        "Comparaison avec l'État et le pays",
    ),
    "sub_groups": tr("Por grupo", "By group", "Por grupo", "Par groupe"),
    "sub_police": tr(
        "Delitos registrados por la policía",
        "Crimes recorded by the police",
        "Crimes registrados pela polícia",
        "Infractions enregistrées par la police",
    ),
    "sub_fear_drivers": tr(
        "Factores asociados al temor",
        "Factors associated with fear",
        "Fatores associados ao medo",
        "Facteurs associés à la peur",
    ),
    # the fear drivers' chart: not the section's heading again
    "chart_fear_drivers": tr(
        "Razones de momios de sentirse inseguro",
        "Odds ratios of feeling unsafe",
        "Razões de chances de sentir-se inseguro",
        "Rapports de cotes du sentiment d'insécurité",
    ),
    "sub_reasons": tr(
        "Razones para no denunciar",
        "Reasons for not reporting",
        "Motivos para não notificar",
        "Raisons de ne pas signaler",
    ),
    "sub_design": tr("Diseño muestral", "Sample design", "Desenho amostral", "Plan de sondage"),
    "sub_sample": tr(
        "Tamaño de muestra y tasas de respuesta",
        "Sample sizes and response rates",
        "Tamanho da amostra e taxas de resposta",
        "Taille d'échantillon et taux de réponse",
    ),
    "sub_weighting": tr("Ponderación", "Weighting", "Ponderação", "Pondération"),
    "sub_quality": tr(
        "Criterios de calidad", "Quality rules", "Critérios de qualidade", "Règles de qualité"
    ),
    "sub_definitions": tr("Definiciones", "Definitions", "Definições", "Définitions"),
    # table headers
    "col_indicator": tr("Indicador", "Indicator", "Indicador", "Indicateur"),
    "col_estimate": tr("Estimación", "Estimate", "Estimativa", "Estimation"),
    "col_ci": tr("IC {level}%", "{level}% CI", "IC {level}%", "IC {level}\u00a0%"),
    "col_cv": tr("CV %", "CV %", "CV %", "CV %"),
    "col_n": tr("n", "n", "n", "n"),
    "col_quality": tr("Calidad", "Quality", "Qualidade", "Qualité"),
    "col_unit": tr("Unidad", "Unit", "Unidade", "Unité"),
    "col_previous": tr("Anterior", "Previous", "Anterior", "Précédent"),
    "col_change": tr("Cambio", "Change", "Variação", "Évolution"),
    "col_group": tr("Grupo", "Group", "Grupo", "Groupe"),
    "col_term": tr("Variable", "Variable", "Variável", "Variable"),
    "col_odds_ratio": tr("Razón de momios", "Odds ratio", "Razão de chances", "Rapport de cotes"),
    "col_p": tr("Valor p", "p-value", "Valor p", "Valeur p"),
    "col_recorded": tr(
        "Delitos registrados", "Recorded crimes", "Crimes registrados", "Infractions enregistrées"
    ),
    "col_recorded_rate": tr(
        "Registrados por 100.000 hab.",
        "Recorded per 100,000 population",
        "Registrados por 100 mil hab.",
        "Enregistrées pour 100\u202f000 hab.",
    ),
    "col_survey_rate": tr(
        "Encuesta: delitos por 100.000 hab.",
        "Survey: crimes per 100,000 population",
        "Pesquisa: crimes por 100 mil hab.",
        "Enquête\u00a0: infractions pour 100\u202f000 hab.",
    ),
    "col_value": tr("Valor", "Value", "Valor", "Valeur"),
    "col_rule": tr("Criterio", "Rule", "Critério", "Critère"),
    "rule_n": tr(
        "casos en la muestra < {minimum}",
        "sample cases < {minimum}",
        "casos na amostra < {minimum}",
        "cas dans l'échantillon < {minimum}",
    ),
    "rule_df": tr(
        "grados de libertad del diseño < {minimum}",
        "design degrees of freedom < {minimum}",
        "graus de liberdade do desenho < {minimum}",
        "degrés de liberté du plan < {minimum}",
    ),
    "rule_n_effective": tr(
        "tamaño efectivo de muestra < {minimum}",
        "effective sample size < {minimum}",
        "tamanho efetivo da amostra < {minimum}",
        "taille effective de l'échantillon < {minimum}",
    ),
    "rule_incident_n": tr(
        "delitos (tasa de denuncia, cifra negra) < {minimum}",
        "incidents (reporting rate, dark figure) < {minimum}",
        "crimes (taxa de denúncia, cifra oculta) < {minimum}",
        "infractions (taux de plainte, chiffre noir) < {minimum}",
    ),
    "rule_incident_df": tr(
        "grados de libertad entre las UPM con delitos < {minimum}",
        "degrees of freedom among the PSUs with incidents < {minimum}",
        "graus de liberdade entre as UPA com crimes < {minimum}",
        "degrés de liberté parmi les UPE avec infractions < {minimum}",
    ),
    "rule_no_variance": tr(
        "sin varianza estimable (todos los casos en una UPM por estrato)",
        "no variance can be estimated (all cases in one PSU per stratum)",
        "sem variância estimável (todos os casos numa UPA por estrato)",
        "aucune variance estimable (tous les cas dans une UPE par strate)",
    ),
    "col_respondents": tr("Entrevistas", "Interviews", "Entrevistas", "Entretiens"),
    "col_response_rate": tr(
        "Tasa de respuesta", "Response rate", "Taxa de resposta", "Taux de réponse"
    ),
    "col_step": tr("Etapa", "Step", "Etapa", "Étape"),
    # columns of the annex's sample and weighting tables (their DataFrame column names)
    "annex_col_area": tr("Área", "Area", "Área", "Zone"),
    "annex_col_sample_units": tr(
        "Unidades de muestra", "Sample units", "Unidades da amostra", "Unités d'échantillon"
    ),
    "annex_col_completed": tr("Completas", "Completed", "Completas", "Complètes"),
    "annex_col_detail": tr("Detalle", "Detail", "Detalhe", "Détail"),
    "annex_col_sum_weights": tr(
        "Suma de pesos", "Sum of weights", "Soma dos pesos", "Somme des poids"
    ),
    "annex_col_min_weight": tr("Peso mínimo", "Smallest weight", "Peso mínimo", "Poids minimal"),
    "annex_col_max_weight": tr("Peso máximo", "Largest weight", "Peso máximo", "Poids maximal"),
    "annex_col_mean_weight": tr("Peso medio", "Mean weight", "Peso médio", "Poids moyen"),
    "annex_col_n": tr("n", "n", "n", "n"),
    "annex_col_cv": tr("CV de los pesos", "CV of the weights", "CV dos pesos", "CV des poids"),
    "annex_col_response_rate": tr(
        "Tasa de respuesta", "Response rate", "Taxa de resposta", "Taux de réponse"
    ),
    # AAPOR rates keep their codes
    "annex_col_RR1 rate": tr("Tasa RR1", "RR1 rate", "Taxa RR1", "Taux RR1"),
    "annex_col_RR3 rate": tr("Tasa RR3", "RR3 rate", "Taxa RR3", "Taux RR3"),
    "annex_col_COOP1 rate": tr("Tasa COOP1", "COOP1 rate", "Taxa COOP1", "Taux COOP1"),
    "annex_col_CON1 rate": tr("Tasa CON1", "CON1 rate", "Taxa CON1", "Taux CON1"),
    "annex_col_deff_kish": tr("deff de Kish", "Kish deff", "deff de Kish", "deff de Kish"),
    "annex_col_n_effective": tr("n efectivo", "Effective n", "n efetivo", "n effectif"),
    "annex_col_weight": tr("Peso", "Weight", "Peso", "Poids"),
    # the built-in quality rule sets, named in the report's language
    "rules_source_inegi": tr(
        "bandas del coeficiente de variación del INEGI (ENVIPE)",
        "INEGI coefficient-of-variation bands (ENVIPE)",
        "faixas do coeficiente de variação do INEGI (ENVIPE)",
        "seuils du coefficient de variation de l'INEGI (ENVIPE)",
    ),
    "rules_source_bjs": tr(
        "BJS: interpretar con cautela con 10 casos o menos o CV > 50%",
        "BJS: interpret with caution when 10 or fewer cases or CV > 50%",
        "BJS: interpretar com cautela com 10 casos ou menos ou CV > 50%",
        "BJS\u00a0: à interpréter avec prudence avec 10 cas ou moins ou CV > 50\u00a0%",
    ),
    "rules_source_ine_cl": tr(
        "INE Chile (2020): n ≥ 60, gl ≥ 9, bandas de CV 15%/30%",
        "INE Chile (2020): n >= 60, df >= 9, CV 15%/30% bands",
        "INE Chile (2020): n ≥ 60, gl ≥ 9, faixas de CV 15%/30%",
        "INE Chili (2020)\u00a0: n ≥ 60, dl ≥ 9, seuils de CV 15\u00a0%/30\u00a0%",
    ),
    "rules_source_cepal": tr(
        "CEPAL (2020): n ≥ 100, n efectivo ≥ 140, gl ≥ 9, CV ≤ 20%",
        "CEPAL (2020): n >= 100, effective n >= 140, df >= 9, CV <= 20%",
        "CEPAL (2020): n ≥ 100, n efetivo ≥ 140, gl ≥ 9, CV ≤ 20%",
        "CEPALC (2020)\u00a0: n ≥ 100, n effectif ≥ 140, dl ≥ 9, CV ≤ 20\u00a0%",
    ),
    # units
    "unit_percent": tr(
        "% de la población", "% of population", "% da população", "% de la population"
    ),
    "unit_per100k": tr(
        "por 100.000 habitantes",
        "per 100,000 population",
        "por 100 mil habitantes",
        "pour 100\u202f000 habitants",
    ),
    "unit_ratio": tr(
        "delitos por víctima", "crimes per victim", "crimes por vítima", "infractions par victime"
    ),
    "axis_percent": tr("Porcentaje (%)", "Percent (%)", "Porcentagem (%)", "Pourcentage (%)"),
    "axis_per100k": tr(
        "Por 100.000 habitantes",
        "Per 100,000 population",
        "Por 100 mil habitantes",
        "Pour 100\u202f000 habitants",
    ),
    "axis_odds_ratio": tr(
        "Razón de momios (escala logarítmica)",
        "Odds ratio (log scale)",
        "Razão de chances (escala logarítmica)",
        "Rapport de cotes (échelle logarithmique)",
    ),
    "axis_prevalence": tr(
        "Prevalencia de victimización (% de adultos)",
        "Victimization prevalence (% of adults)",
        "Prevalência de vitimização (% de adultos)",
        "Prévalence de la victimation (% des adultes)",
    ),
    "axis_perceived": tr(
        "Se siente inseguro en su municipio (%)",
        "Feel unsafe in their municipality (%)",
        "Sente-se inseguro no município (%)",
        "Ne se sent pas en sécurité dans sa commune (%)",
    ),
    # quality
    "quality_high": tr("Alta", "High", "Alta", "Élevée"),
    "quality_moderate": tr("Moderada", "Moderate", "Moderada", "Modérée"),
    "quality_low": tr("Baja", "Low", "Baixa", "Faible"),
    "quality_suppressed": tr("No publicable", "Not published", "Não publicável", "Non publiée"),
    "quality_legend": tr(
        "Calidad de la estimación (coeficiente de variación, CV): sin marca = alta; "
        "* = moderada; ** = baja, interpretar con cautela; — = no se publica: muy pocos "
        "casos o delitos, o sin varianza estimable (criterios en el anexo).",
        "Quality of the estimate (coefficient of variation, CV): no mark = high; "
        "* = moderate; ** = low, interpret with caution; — = not published: too few "
        "cases or incidents, or no variance can be estimated (rules in the annex).",
        "Qualidade da estimativa (coeficiente de variação, CV): sem marca = alta; "
        "* = moderada; ** = baixa, interpretar com cautela; — = não publicada: poucos "
        "casos ou crimes, ou sem variância estimável (critérios no anexo).",
        "Qualité de l'estimation (coefficient de variation, CV)\u00a0: sans marque = élevée\u00a0; "
        "* = modérée\u00a0; ** = faible, à interpréter avec prudence\u00a0; — = non publiée\u00a0: trop "
        "peu de cas ou d'infractions, ou variance non estimable (règles en annexe).",
    ),
    "suppressed_note": tr(
        "— Estimación no publicada: no cumple los criterios de calidad ({rules}).",
        "— Estimate not published: it does not meet the quality rules ({rules}).",
        "— Estimativa não publicada: não cumpre os critérios de qualidade ({rules}).",
        "— Estimation non publiée\u00a0: elle ne satisfait pas aux règles de qualité ({rules}).",
    ),
    "suppressed_internal_note": tr(
        "‡ Estimación que no cumple los criterios de calidad; se muestra solo en la edición interna.",
        "‡ Estimate that fails the quality rules; shown in the internal edition only.",
        "‡ Estimativa que não cumpre os critérios de qualidade; mostrada só na edição interna.",
        "‡ Estimation ne satisfaisant pas aux règles de qualité\u00a0; montrée dans l'édition interne seulement.",
    ),
    "subareas_hidden": tr(
        "Sin ninguna estimación publicable en esta tabla (muy pocos casos): {names}.",
        "No estimate in this table can be published (too few cases) for: {names}.",
        "Nenhuma estimativa desta tabela é publicável (poucos casos) para: {names}.",
        "Aucune estimation de ce tableau n'est publiable (trop peu de cas) pour\u00a0: {names}.",
    ),
    "chart_suppressed": tr("no publicada", "not published", "não publicada", "non publiée"),
    # the methods annex: differences are computed before rounding
    "rounded_differences": tr(
        "Las diferencias (entre levantamientos, grupos o áreas) se calculan con las estimaciones sin redondear, por lo que pueden no coincidir con la resta de las cifras redondeadas que se muestran: {a} − {b} puede aparecer como {d}.",
        "Differences (between waves, groups or areas) are computed from the unrounded estimates, so they may not equal the difference of the rounded figures shown: {a} − {b} may appear as {d}.",
        "As diferenças (entre levantamentos, grupos ou áreas) são calculadas com as estimativas sem arredondamento e por isso podem não coincidir com a subtração dos valores arredondados mostrados: {a} − {b} pode aparecer como {d}.",
        "Les écarts (entre vagues, groupes ou zones) sont calculés à partir des estimations non arrondies et peuvent donc différer de la différence des chiffres arrondis affichés\u00a0: {a} − {b} peut apparaître comme {d}.",
    ),
    # tables whose estimates are all withheld (analysis.report.withheld)
    "withheld_here": tr(
        "Los cuadros de esta sección no se publican para {area}: ninguna de sus estimaciones cumple los criterios de calidad.",
        "This section's tables are not published for {area}: none of their estimates meets the quality rules.",
        "Os quadros desta seção não são publicados para {area}: nenhuma de suas estimativas cumpre os critérios de qualidade.",
        "Les tableaux de cette section ne sont pas publiés pour {area}\u00a0: aucune de leurs estimations ne satisfait aux règles de qualité.",
    ),
    "withheld_named": tr(
        "No se publica para {area} el cuadro {tables}: ninguna de sus estimaciones cumple los criterios de calidad.",
        "Not published for {area}: the table {tables}, none of whose estimates meets the quality rules.",
        "Não é publicado para {area} o quadro {tables}: nenhuma de suas estimativas cumpre os critérios de qualidade.",
        "Non publié pour {area}\u00a0: le tableau {tables}, dont aucune estimation ne satisfait aux règles de qualité.",
    ),
    "withheld_table": tr(
        "No se publica el cuadro de estimaciones de {area}: ninguna cumple los criterios de calidad.",
        "The table of estimates for {area} is not published: none meets the quality rules.",
        "O quadro de estimativas de {area} não é publicado: nenhuma cumpre os critérios de qualidade.",
        "Le tableau des estimations pour {area} n'est pas publié\u00a0: aucune ne satisfait aux règles de qualité.",
    ),
    "withheld_few": tr(
        "El área tiene {interviews} y los criterios exigen al menos {cases} por estimación (véase el anexo).",
        "The area has {interviews}, and the rules require at least {cases} per estimate (see the annex).",
        "A área tem {interviews}, e os critérios exigem pelo menos {cases} por estimativa (ver o anexo).",
        "La zone compte {interviews}, et les règles exigent au moins {cases} par estimation (voir l'annexe).",
    ),
    # counts inside sentences: the singular where analysis.i18n.is_singular says so
    # (Translator.count: 0 and 1 in French and Portuguese, 1 in Spanish and English)
    "n_interviews": tr(
        "{n} entrevistas", "{n} interviews", "{n} entrevistas", "{n}\u00a0entretiens"
    ),
    "n_interviews_one": tr(
        "{n} entrevista", "{n} interview", "{n} entrevista", "{n}\u00a0entretien"
    ),
    "n_cases": tr("{n} casos", "{n} cases", "{n} casos", "{n}\u00a0cas"),
    "n_cases_one": tr("{n} caso", "{n} case", "{n} caso", "{n}\u00a0cas"),
    "withheld_rules": tr(
        "Son muy pocos casos o delitos, o la precisión es insuficiente (criterios en el anexo).",
        "There are too few cases or crimes, or the estimates are too imprecise (rules in the annex).",
        "São poucos casos ou crimes, ou a precisão é insuficiente (critérios no anexo).",
        "Les cas ou les infractions sont trop peu nombreux, ou la précision insuffisante (règles en annexe).",
    ),
    "withheld_warning": tr(
        "La mayor parte del informe no se publica: {hidden} de las {total} estimaciones de {area} no cumplen los criterios de calidad.",
        "Most of the report is not published: {hidden} of the {total} estimates for {area} fail the quality rules.",
        "A maior parte do relatório não é publicada: {hidden} das {total} estimativas de {area} não cumprem os critérios de qualidade.",
        "La plus grande partie du rapport n'est pas publiée\u00a0: {hidden} des {total}\u00a0estimations pour {area} ne satisfont pas aux règles de qualité.",
    ),
    # an area with fewer interviews than any estimate needs, known before its indicators are
    # computed (the management wave page): none of its person or household estimates is
    # published, whatever else the rules say
    "withheld_warning_few": tr(
        "El informe público de {area} no publica ninguna estimación sobre personas u hogares.",
        "The public report for {area} publishes no estimate about persons or households.",
        "O relatório público de {area} não publica nenhuma estimativa sobre pessoas ou domicílios.",
        "Le rapport public pour {area} ne publie aucune estimation sur les personnes ou les ménages.",
    ),
    # the same said by an internal edition, which shows every estimate: it warns about the
    # public edition of the report
    "withheld_warning_internal": tr(
        "En la edición pública la mayor parte del informe no se publica: {hidden} de las {total} estimaciones de {area} no cumplen los criterios de calidad (esta edición interna las muestra, marcadas con ‡).",
        "In the public edition most of the report is not published: {hidden} of the {total} estimates for {area} fail the quality rules (this internal edition shows them, marked ‡).",
        "Na edição pública a maior parte do relatório não é publicada: {hidden} das {total} estimativas de {area} não cumprem os critérios de qualidade (esta edição interna as mostra, marcadas com ‡).",
        "Dans l'édition publique, la plus grande partie du rapport n'est pas publiée\u00a0: {hidden} des {total}\u00a0estimations pour {area} ne satisfont pas aux règles de qualité (cette édition interne les montre, marquées ‡).",
    ),
    "withheld_warning_internal_one": tr(
        "En la edición pública el informe no se publica: la única estimación de {area} no cumple los criterios de calidad (esta edición interna la muestra, marcada con ‡).",
        "In the public edition the report is not published: the only estimate for {area} fails the quality rules (this internal edition shows it, marked ‡).",
        "Na edição pública o relatório não é publicado: a única estimativa de {area} não cumpre os critérios de qualidade (esta edição interna a mostra, marcada com ‡).",
        "Dans l'édition publique, le rapport n'est pas publié\u00a0: la seule estimation pour {area} ne satisfait pas aux règles de qualité (cette édition interne la montre, marquée ‡).",
    ),
    # an area with a single estimate, withheld ("1 of the 1 estimates")
    "withheld_warning_one": tr(
        "El informe no se publica: la única estimación de {area} no cumple los criterios de calidad.",
        "The report is not published: the only estimate for {area} fails the quality rules.",
        "O relatório não é publicado: a única estimativa de {area} não cumpre os critérios de qualidade.",
        "Le rapport n'est pas publié\u00a0: la seule estimation pour {area} ne satisfait pas aux règles de qualité.",
    ),
    # highlights
    "hl_value": tr(
        "{name}: {value} (IC {level}%: {low} a {high}).",
        "{name}: {value} ({level}% CI {low} to {high}).",
        "{name}: {value} (IC {level}%: {low} a {high}).",
        "{name}\u00a0: {value} (IC {level}\u00a0%\u00a0: {low} à {high}).",
    ),
    "hl_suppressed": tr(
        "{name}: la estimación no se publica (no cumple los criterios de calidad del anexo).",
        "{name}: the estimate is not published (it fails the quality rules in the annex).",
        "{name}: a estimativa não é publicada (não cumpre os critérios de qualidade do anexo).",
        "{name}\u00a0: l'estimation n'est pas publiée (règles de qualité de l'annexe non satisfaites).",
    ),
    "hl_none_published": tr(
        "Ninguna de las estimaciones principales de {area} se publica: ninguna cumple los criterios de calidad del anexo.",
        "None of the key estimates for {area} is published: none meets the quality rules in the annex.",
        "Nenhuma das estimativas principais de {area} é publicada: nenhuma cumpre os critérios de qualidade do anexo.",
        "Aucune des estimations principales pour {area} n'est publiée\u00a0: aucune ne satisfait aux règles de qualité de l'annexe.",
    ),
    "hl_up": tr(
        "Aumento estadísticamente significativo respecto del levantamiento anterior ({previous}).",
        "A statistically significant increase from the previous wave ({previous}).",
        "Aumento estatisticamente significativo em relação ao levantamento anterior ({previous}).",
        "Hausse statistiquement significative par rapport à la vague précédente ({previous}).",
    ),
    "hl_down": tr(
        "Disminución estadísticamente significativa respecto del levantamiento anterior ({previous}).",
        "A statistically significant decrease from the previous wave ({previous}).",
        "Redução estatisticamente significativa em relação ao levantamento anterior ({previous}).",
        "Baisse statistiquement significative par rapport à la vague précédente ({previous}).",
    ),
    "hl_same": tr(
        "Sin cambio significativo respecto del levantamiento anterior ({previous}).",
        "No significant change from the previous wave ({previous}).",
        "Sem variação significativa em relação ao levantamento anterior ({previous}).",
        "Pas d'évolution significative par rapport à la vague précédente ({previous}).",
    ),
    "hl_no_previous": tr(
        "Sin comparación con {wave}: la estimación anterior no se publicó.",
        "No comparison with {wave}: the earlier estimate was not published.",
        "Sem comparação com {wave}: a estimativa anterior não foi publicada.",
        "Pas de comparaison avec {wave}\u00a0: l'estimation antérieure n'a pas été publiée.",
    ),
    "hl_gap": tr(
        "{perceived} de la población se siente insegura {level}, mientras que {prevalence} "
        "fue víctima de algún delito en el periodo de referencia.",
        "{perceived} of the population feel unsafe {level}, while {prevalence} were "
        "victims of a crime in the reference period.",
        "{perceived} da população sente-se insegura {level}, enquanto {prevalence} "
        "foi vítima de algum crime no período de referência.",
        "{perceived} de la population ne se sent pas en sécurité {level}, alors que "
        "{prevalence} a été victime d'une infraction au cours de la période de référence.",
    ),
    "hl_dark": tr(
        "{dark} de los delitos no se denunciaron o no dieron lugar a una carpeta de investigación "
        "(cifra negra).",
        "{dark} of crimes were not reported or did not lead to an investigation file (dark "
        "figure).",
        "{dark} dos crimes não foram notificados ou não geraram uma investigação (cifra oculta).",
        "{dark} des infractions n'ont pas été signalées ou n'ont pas donné lieu à une enquête "
        "(chiffre noir).",
    ),
    "significance_note": tr(
        "Levantamiento anterior: {wave}. Solo se califican como cambios las diferencias "
        "estadísticamente significativas al nivel del {alpha}%.",
        "Previous wave: {wave}. Only differences that are statistically significant at the "
        "{alpha}% level are called changes.",
        "Levantamento anterior: {wave}. Só são chamadas variações as diferenças "
        "estatisticamente significativas ao nível de {alpha}%.",
        "Vague précédente\u00a0: {wave}. Seules les différences statistiquement significatives "
        "au seuil de {alpha}\u00a0% sont qualifiées d'évolutions.",
    ),
    "likelihood_note": tr(
        "La probabilidad percibida de ser víctima en los próximos 12 meses y la prevalencia del "
        "último año son magnitudes distintas: la primera es una percepción sobre el futuro y la "
        "segunda una medición del pasado. Se presentan lado a lado y no se dividen una entre otra.",
        "The perceived likelihood of becoming a victim in the next 12 months and last year's "
        "prevalence are different quantities: one is a perception about the future, the other a "
        "measurement of the past. They are shown side by side and are not divided by each other.",
        "A probabilidade percebida de ser vítima nos próximos 12 meses e a prevalência do último "
        "ano são grandezas diferentes: a primeira é uma percepção sobre o futuro e a segunda uma "
        "medição do passado. São apresentadas lado a lado e não são divididas uma pela outra.",
        "La probabilité perçue d'être victime dans les 12 prochains mois et la prévalence de "
        "l'année écoulée sont des grandeurs différentes\u00a0: l'une est une perception de l'avenir, "
        "l'autre une mesure du passé. Elles sont présentées côte à côte et ne sont pas divisées "
        "l'une par l'autre.",
    ),
    # fear by victimization, the paradox table, perception by exposure, evaluation of a
    # measure (analysis/compare/groups.py, evaluation.py; analysis/report/statements.py)
    "sub_fear_by_victim": tr(
        "Percepción de inseguridad de víctimas y no víctimas",
        "Fear of crime among victims and non-victims",
        "Percepção de insegurança de vítimas e não vítimas",
        "Sentiment d'insécurité des victimes et des non-victimes",
    ),
    "col_victims": tr("Víctimas", "Victims", "Vítimas", "Victimes"),
    "col_non_victims": tr("No víctimas", "Non-victims", "Não vítimas", "Non-victimes"),
    "col_difference": tr("Diferencia", "Difference", "Diferença", "Écart"),
    "fear_victim_note": tr(
        "Víctimas: personas que sufrieron al menos un delito personal en los últimos 12 meses. "
        "La diferencia (víctimas menos no víctimas, en puntos porcentuales) se prueba con el "
        "diseño muestral completo, al {alpha}%.",
        "Victims: persons who suffered at least one personal crime in the last 12 months. The "
        "difference (victims minus non-victims, in percentage points) is tested with the full "
        "sample design, at the {alpha}% level.",
        "Vítimas: pessoas que sofreram ao menos um crime pessoal nos últimos 12 meses. A "
        "diferença (vítimas menos não vítimas, em pontos percentuais) é testada com o desenho "
        "amostral completo, a {alpha}%.",
        "Victimes\u00a0: personnes ayant subi au moins une infraction personnelle au cours des 12 "
        "derniers mois. L'écart (victimes moins non-victimes, en points de pourcentage) est testé "
        "avec le plan de sondage complet, au seuil de {alpha}\u00a0%.",
    ),
    "sub_paradox": tr(
        "Miedo y victimización por grupo",
        "Fear and victimization by group",
        "Medo e vitimização por grupo",
        "Peur et victimation par groupe",
    ),
    "col_fear": tr("Inseguridad", "Feels unsafe", "Insegurança", "Insécurité"),
    "col_victimization": tr("Victimización", "Victimization", "Vitimização", "Victimation"),
    "col_vs_rest": tr(
        "frente al resto", "against the rest", "em relação ao resto", "par rapport au reste"
    ),
    "col_pattern": tr("Lectura", "Reading", "Leitura", "Lecture"),
    "pattern_more_fear_less_victimization": tr(
        "más miedo y menos victimización que el resto",
        "more fear and less victimization than the rest",
        "mais medo e menos vitimização que o resto",
        "plus de peur et moins de victimation que le reste",
    ),
    "pattern_less_fear_more_victimization": tr(
        "menos miedo y más victimización que el resto",
        "less fear and more victimization than the rest",
        "menos medo e mais vitimização que o resto",
        "moins de peur et plus de victimation que le reste",
    ),
    "pattern_same_direction": tr(
        "miedo y victimización en el mismo sentido",
        "fear and victimization in the same direction",
        "medo e vitimização no mesmo sentido",
        "peur et victimation dans le même sens",
    ),
    "pattern_not_significant": tr(
        "sin contraste significativo",
        "no significant contrast",
        "sem contraste significativo",
        "pas de contraste significatif",
    ),
    "paradox_note": tr(
        "Cada grupo se compara con el resto de los adultos{pairs}. La «paradoja» es un grupo con más miedo y menos victimización, o al revés, "
        "ambas diferencias significativas al {alpha}%. Miedo y victimización se muestran lado a "
        "lado y no se dividen una entre otra.",
        "Each group is compared with the rest of the adults{pairs}. The “paradox” is a group with more fear and less victimization, or the "
        "reverse, both differences significant at the {alpha}% level. Fear and victimization "
        "are shown side by side and are not divided by each other.",
        "Cada grupo é comparado com o resto dos adultos{pairs}. O «paradoxo» é um grupo com mais medo e menos vitimização, ou o contrário, "
        "ambas as diferenças significativas a {alpha}%. Medo e vitimização são mostrados lado a "
        "lado e não são divididos um pelo outro.",
        "Chaque groupe est comparé au reste des adultes{pairs}. Le «\u00a0paradoxe\u00a0» est un groupe avec plus de peur et moins de victimation, ou "
        "l'inverse, les deux écarts étant significatifs au seuil de {alpha}\u00a0%. Peur et "
        "victimation sont présentées côte à côte et ne sont pas divisées l'une par l'autre.",
    ),
    # the pairs the paradox note names, for the groups its table has (topic_sections.paradox_pairs)
    "paradox_pair_sex": tr(
        "mujeres con hombres", "women with men", "mulheres com homens", "femmes et hommes"
    ),
    "paradox_pair_youth": tr(
        "18 a 29 años con 30 y más",
        "18–29 with 30 and over",
        "18 a 29 anos com 30 e mais",
        "18–29 ans et 30 ans et plus",
    ),
    "sub_exposure_model": tr(
        "Percepción de inseguridad según la exposición a noticias sobre delitos",
        "Feeling unsafe by exposure to crime news",
        "Percepção de insegurança segundo a exposição a notícias sobre crimes",
        "Sentiment d'insécurité selon l'exposition aux informations sur la délinquance",
    ),
    # {adjusted}: exposure_adjusted with the model's adjustments, or exposure_unadjusted
    # (analysis/report/inputs.exposure_note)
    "exposure_note": tr(
        "Razones de momios de un modelo logístico con el diseño muestral, {adjusted}. Es una "
        "asociación, no un efecto de los medios: quien teme más puede también seguir más las "
        "noticias sobre delitos.",
        "Odds ratios of a design-based logistic model {adjusted}. It is an association, not an "
        "effect of the media: people who fear crime more may also follow crime news more.",
        "Razões de chances de um modelo logístico com o desenho amostral, {adjusted}. É uma "
        "associação, não um efeito da mídia: quem teme mais pode também acompanhar mais as "
        "notícias sobre crimes.",
        "Rapports de cotes d'un modèle logistique tenant compte du plan de sondage, {adjusted}. "
        "C'est une association, pas un effet des médias\u00a0: les personnes qui ont plus peur "
        "peuvent aussi suivre davantage l'actualité criminelle.",
    ),
    "exposure_adjusted": tr(
        "ajustado por {terms}",
        "adjusted for {terms}",
        "ajustado por {terms}",
        "ajusté sur {terms}",
    ),
    "exposure_unadjusted": tr(
        "sin ajuste por otras variables",
        "without adjustment for other variables",
        "sem ajuste por outras variáveis",
        "sans ajustement sur d'autres variables",
    ),
    # the adjustments in the list of exposure_adjusted (French with their articles); none
    # begins with an i sound, so Spanish joins the last with "y"
    "adjust_victim": tr("victimización", "victimization", "vitimização", "la victimation"),
    "adjust_sex": tr("sexo", "sex", "sexo", "le sexe"),
    "adjust_age_group": tr("grupo de edad", "age group", "faixa etária", "le groupe d'âge"),
    "adjust_area": tr("área", "area", "área", "la zone"),
    "list_and": tr("{rest} y {last}", "{rest} and {last}", "{rest} e {last}", "{rest} et {last}"),
    # an adjustment term the wave has no values for although its questionnaire asks the item
    # (or a term no item names: areas, victimization); the items not asked: term_left_out
    "model_fitted_without": tr(
        "El modelo se ajusta sin el término de {term}: ninguna entrevista de esta ola tiene un "
        "valor para él.",
        "The model is fitted without its {term} term: no interview of this wave has a value "
        "for it.",
        "O modelo é ajustado sem o termo de {term}: nenhuma entrevista desta onda tem um valor "
        "para ele.",
        "Le modèle est ajusté sans le terme «\u00a0{term}\u00a0»\u00a0: aucun entretien de cette vague n'a de "
        "valeur pour ce terme.",
    ),
    "sub_evaluation": tr(
        "Evaluación de una medida: diferencia en diferencias",
        "Evaluation of a measure: difference in differences",
        "Avaliação de uma medida: diferença em diferenças",
        "Évaluation d'une mesure\u00a0: différence de différences",
    ),
    "col_programme_areas": tr(
        "Áreas del programa", "Programme areas", "Áreas do programa", "Zones du programme"
    ),
    "col_other_areas": tr("Resto de áreas", "Other areas", "Demais áreas", "Autres zones"),
    "col_before": tr("Antes", "Before", "Antes", "Avant"),
    "col_after": tr("Después", "After", "Depois", "Après"),
    "col_did": tr(
        "Diferencia en diferencias",
        "Difference in differences",
        "Diferença em diferenças",
        "Différence de différences",
    ),
    "col_se": tr("Error estándar", "Standard error", "Erro padrão", "Erreur type"),
    "unit_points": tr(
        "puntos porcentuales", "percentage points", "pontos percentuais", "points de pourcentage"
    ),
    "did_result": tr(
        "{indicator}: en las áreas del programa pasó de {programme_before} a {programme_after} "
        "({change_programme}); en las demás, de {rest_before} a {rest_after} ({change_rest}). "
        "La diferencia en diferencias es {did} {unit} (intervalo al {level}%: {low} a {high}).",
        "{indicator}: in the programme areas it went from {programme_before} to "
        "{programme_after} ({change_programme}); in the other areas from {rest_before} to "
        "{rest_after} ({change_rest}). The difference in differences is {did} {unit} "
        "({level}% interval: {low} to {high}).",
        "{indicator}: nas áreas do programa passou de {programme_before} para {programme_after} "
        "({change_programme}); nas demais, de {rest_before} para {rest_after} ({change_rest}). "
        "A diferença em diferenças é {did} {unit} (intervalo de {level}%: {low} a {high}).",
        "{indicator}\u00a0: dans les zones du programme, de {programme_before} à {programme_after} "
        "({change_programme})\u00a0; dans les autres zones, de {rest_before} à {rest_after} "
        "({change_rest}). La différence de différences est de {did} {unit} (intervalle à "
        "{level}\u00a0%\u00a0: {low} à {high}).",
    ),
    "did_significant": tr(
        "Es estadísticamente significativa al {alpha}%: el indicador cambió de manera distinta en "
        "las áreas del programa que en las demás.",
        "It is statistically significant at the {alpha}% level: the indicator changed "
        "differently in the programme areas than in the others.",
        "É estatisticamente significativa a {alpha}%: o indicador mudou de forma diferente nas "
        "áreas do programa e nas demais.",
        "Elle est statistiquement significative au seuil de {alpha}\u00a0%\u00a0: l'indicateur a évolué "
        "différemment dans les zones du programme et dans les autres.",
    ),
    "did_not_significant": tr(
        "No es estadísticamente significativa al {alpha}%: los datos no muestran un cambio "
        "distinto en las áreas del programa (lo que tampoco prueba que no lo haya).",
        "It is not statistically significant at the {alpha}% level: the data do not show a "
        "different change in the programme areas (which does not prove there was none).",
        "Não é estatisticamente significativa a {alpha}%: os dados não mostram uma mudança "
        "diferente nas áreas do programa (o que também não prova que não tenha havido).",
        "Elle n'est pas statistiquement significative au seuil de {alpha}\u00a0%\u00a0: les données ne "
        "montrent pas d'évolution différente dans les zones du programme (ce qui ne prouve pas "
        "qu'il n'y en ait pas eu).",
    ),
    "did_assumption": tr(
        "Lo que no muestra: esta diferencia es el efecto del programa solo si, sin él, ambos "
        "grupos de áreas hubieran cambiado igual (tendencias paralelas), algo que dos "
        "levantamientos no permiten comprobar, y si nada más cambió de forma distinta en esas "
        "áreas al mismo tiempo. No es una prueba de causalidad.",
        "What it does not show: this difference is the programme's effect only if, without it, "
        "both groups of areas would have changed alike (parallel trends), which two waves "
        "cannot check, and if nothing else changed differently in those areas at the same time. "
        "It is not proof of cause.",
        "O que não mostra: esta diferença é o efeito do programa somente se, sem ele, os dois "
        "grupos de áreas tivessem mudado igualmente (tendências paralelas), algo que dois "
        "levantamentos não permitem verificar, e se nada mais mudou de forma diferente nessas "
        "áreas ao mesmo tempo. Não é prova de causalidade.",
        "Ce qu'elle ne montre pas\u00a0: cet écart n'est l'effet du programme que si, sans lui, les "
        "deux groupes de zones avaient évolué de la même façon (tendances parallèles), ce que "
        "deux vagues ne permettent pas de vérifier, et si rien d'autre n'a changé différemment "
        "dans ces zones au même moment. Ce n'est pas une preuve de causalité.",
    ),
    "did_small_sample": tr(
        "Muestra pequeña o estimaciones de baja calidad: el menor de los cuatro grupos tiene {n} "
        "casos; el intervalo es amplio y el resultado, frágil.",
        "Small sample or estimates of low quality: the smallest of the four groups has {n} "
        "cases; the interval is wide and the result fragile.",
        "Amostra pequena ou estimativas de baixa qualidade: o menor dos quatro grupos tem {n} "
        "casos; o intervalo é amplo e o resultado, frágil.",
        "Petit échantillon ou estimations de faible qualité\u00a0: le plus petit des quatre groupes "
        "compte {n} cas\u00a0; l'intervalle est large et le résultat fragile.",
    ),
    "did_small_sample_one": tr(
        "Muestra pequeña o estimaciones de baja calidad: el menor de los cuatro grupos tiene {n} "
        "caso; el intervalo es amplio y el resultado, frágil.",
        "Small sample or estimates of low quality: the smallest of the four groups has {n} "
        "case; the interval is wide and the result fragile.",
        "Amostra pequena ou estimativas de baixa qualidade: o menor dos quatro grupos tem {n} "
        "caso; o intervalo é amplo e o resultado, frágil.",
        "Petit échantillon ou estimations de faible qualité\u00a0: le plus petit des quatre groupes "
        "compte {n} cas\u00a0; l'intervalle est large et le résultat fragile.",
    ),
    "did_suppressed": tr(
        "{indicator}: no se publica; al menos una de las cuatro estimaciones no cumple las "
        "reglas de calidad.",
        "{indicator}: not published; at least one of the four estimates does not meet the "
        "quality rules.",
        "{indicator}: não publicado; ao menos uma das quatro estimativas não cumpre as regras de "
        "qualidade.",
        "{indicator}\u00a0: non publié\u00a0; au moins une des quatre estimations ne respecte pas les "
        "règles de qualité.",
    ),
    "police_note": tr(
        "Los delitos registrados por la policía solo incluyen los hechos denunciados; la encuesta "
        "mide también los que nunca llegan a la autoridad (cifra negra).",
        "Police-recorded crime includes only the crimes reported to the police; the survey also "
        "measures those that never reach the authorities (the dark figure).",
        "Os crimes registrados pela polícia incluem apenas os notificados; a pesquisa mede também "
        "os que nunca chegam às autoridades (cifra oculta).",
        "Les infractions enregistrées par la police ne comprennent que celles qui ont été "
        "signalées\u00a0; l'enquête mesure aussi celles qui n'arrivent jamais aux autorités (chiffre "
        "noir).",
    ),
    "odds_note": tr(
        "Razones de momios de sentirse inseguro (regresión logística con diseño muestral); "
        "valores mayores que 1 indican más temor que en la categoría de referencia.",
        "Odds ratios of feeling unsafe (design-based logistic regression); values above 1 mean "
        "more fear than in the reference category.",
        "Razões de chances de sentir-se inseguro (regressão logística com desenho amostral); "
        "valores acima de 1 indicam mais medo que na categoria de referência.",
        "Rapports de cotes du sentiment d'insécurité (régression logistique tenant compte du plan "
        "de sondage)\u00a0; une valeur supérieure à 1 signifie plus de peur que la catégorie de "
        "référence.",
    ),
    "no_data": tr(
        "No hay estimaciones para esta sección.",
        "There are no estimates for this section.",
        "Não há estimativas para esta seção.",
        "Aucune estimation pour cette section.",
    ),
    "source": tr(
        "Fuente: {survey}, {wave}. Intervalos de confianza al {level}%.",
        "Source: {survey}, {wave}. {level}% confidence intervals.",
        "Fonte: {survey}, {wave}. Intervalos de confiança de {level}%.",
        "Source\u00a0: {survey}, {wave}. Intervalles de confiance à {level}\u00a0%.",
    ),
    "source_police": tr(
        "Fuente: registros policiales ({period}) y {survey}, {wave}.",
        "Source: police records ({period}) and {survey}, {wave}.",
        "Fonte: registros policiais ({period}) e {survey}, {wave}.",
        "Source\u00a0: données de police ({period}) et {survey}, {wave}.",
    ),
    "survey_name": tr(
        "Encuesta de victimización y percepción de inseguridad",
        "Victimization and perceived insecurity survey",
        "Pesquisa de vitimização e percepção de insegurança",
        "Enquête de victimation et sentiment d'insécurité",
    ),
    "chart_subareas_title": tr(
        "Inseguridad percibida y prevalencia de victimización por {level}",
        "Perceived insecurity and victimization prevalence by {level}",
        "Insegurança percebida e prevalência de vitimização por {level}",
        "Insécurité perçue et prévalence de la victimation par {level}",
    ),
    "chart_subareas_note": tr(
        "Cada punto es un área; las líneas son intervalos de confianza al {level}%.",
        "Each point is an area; lines are {level}% confidence intervals.",
        "Cada ponto é uma área; as linhas são intervalos de confiança de {level}%.",
        "Chaque point est une zone\u00a0; les traits sont des intervalles de confiance à {level}\u00a0%.",
    ),
    "chart_levels_title": tr(
        "Población que se siente insegura, por ámbito",
        "Population feeling unsafe, by area level",
        "População que se sente insegura, por âmbito",
        "Population ne se sentant pas en sécurité, par niveau",
    ),
    "chart_groups_title": tr(
        "Inseguridad percibida y victimización por grupo",
        "Perceived insecurity and victimization by group",
        "Insegurança percebida e vitimização por grupo",
        "Insécurité perçue et victimation par groupe",
    ),
    "chart_police_title": tr(
        "Delitos registrados por la policía y delitos medidos por la encuesta",
        "Police-recorded crime and crime measured by the survey",
        "Crimes registrados pela polícia e crimes medidos pela pesquisa",
        "Infractions enregistrées par la police et mesurées par l'enquête",
    ),
    "chart_compare_title": tr(
        "{area}, su estado y el país",
        "{area}, its state and the country",
        "{area}, seu estado e o país",
        "{area}, son État et le pays",
    ),
    "series_perceived": tr(
        "Se siente inseguro", "Feel unsafe", "Sente-se inseguro", "Sentiment d'insécurité"
    ),
    "series_prevalence": tr("Fue víctima", "Were victims", "Foi vítima", "Victimes"),
    "series_likely": tr(
        "Cree probable ser víctima (próximos 12 meses)",
        "Think victimization likely (next 12 months)",
        "Acha provável ser vítima (próximos 12 meses)",
        "Pense probable d'être victime (12 prochains mois)",
    ),
    "series_survey": tr("Encuesta", "Survey", "Pesquisa", "Enquête"),
    "series_police": tr("Policía", "Police", "Polícia", "Police"),
    "series_current": tr("Actual", "Current", "Atual", "Actuelle"),
    "change_up": tr(
        "▲ aumento significativo",
        "▲ significant increase",
        "▲ aumento significativo",
        "▲ hausse significative",
    ),
    "change_down": tr(
        "▼ disminución significativa",
        "▼ significant decrease",
        "▼ redução significativa",
        "▼ baisse significative",
    ),
    "change_none": tr(
        "sin cambio significativo",
        "no significant change",
        "sem variação significativa",
        "pas d'évolution significative",
    ),
    "word_state": tr("en su estado", "in their state", "no seu estado", "dans son État"),
    "word_municipality": tr(
        "en su municipio", "in their municipality", "no seu município", "dans sa commune"
    ),
    # a national adaptation without a standard item (analysis/report/not_asked.py)
    "item_not_asked": tr(
        "El cuestionario no pregunta {item}; este informe no incluye: {parts}.",
        "The questionnaire does not ask {item}, so this report leaves out: {parts}.",
        "O questionário não pergunta {item}; este relatório não inclui: {parts}.",
        "Le questionnaire ne pose pas la question {item}\u00a0; ce rapport ne contient donc pas\u00a0: "
        "{parts}.",
    ),
    # the same, said in one part of a page or report, naming only what that part cannot show
    "item_not_asked_here": tr(
        "El cuestionario no pregunta {item}; por eso aquí no se muestra: {parts}.",
        "The questionnaire does not ask {item}, so this cannot be shown here: {parts}.",
        "O questionário não pergunta {item}; por isso aqui não se mostra: {parts}.",
        "Le questionnaire ne pose pas la question {item}\u00a0; on ne peut donc pas montrer ici\u00a0: "
        "{parts}.",
    ),
    # standard indicators a questionnaire cannot measure (analysis/indicators/coverage.py)
    "sub_not_measured": tr(
        "Indicadores estándar que este cuestionario no mide",
        "Standard indicators this questionnaire does not measure",
        "Indicadores padrão que este questionário não mede",
        "Indicateurs standard que ce questionnaire ne mesure pas",
    ),
    "not_measured_note": tr(
        "El cuestionario de este levantamiento no incluye ninguna de las preguntas con las que "
        "se calculan estos indicadores estándar; por eso no se estiman.",
        "The questionnaire of this wave asks none of the items these standard indicators are "
        "computed from, so they are not estimated.",
        "O questionário deste levantamento não inclui nenhuma das perguntas das quais estes "
        "indicadores padrão são calculados; por isso não são estimados.",
        "Le questionnaire de cette vague ne pose aucune des questions dont ces indicateurs "
        "standard sont calculés\u00a0; ils ne sont donc pas estimés.",
    ),
    "col_items_needed": tr(
        "Preguntas que necesita",
        "Items it needs",
        "Perguntas de que precisa",
        "Questions nécessaires",
    ),
    "groups_of": tr(
        "Grupos de población: {area}.",
        "Population groups: {area}.",
        "Grupos populacionais: {area}.",
        "Groupes de population\u00a0: {area}.",
    ),
    "col_crime_type": tr("Tipo de delito", "Crime type", "Tipo de crime", "Type d'infraction"),
    "col_prevalence": tr("Prevalencia (%)", "Prevalence (%)", "Prevalência (%)", "Prévalence (%)"),
    "col_incidence": tr(
        "Incidencia (×100.000)",
        "Incidence (×100,000)",
        "Incidência (×100.000)",
        "Incidence (×100\u202f000)",
    ),
    "col_reporting": tr("Denuncia (%)", "Reported (%)", "Notificação (%)", "Signalement (%)"),
    "col_dark": tr("Cifra negra (%)", "Dark figure (%)", "Cifra oculta (%)", "Chiffre noir (%)"),
    "chart_types_title": tr(
        "Prevalencia por tipo de delito",
        "Prevalence by crime type",
        "Prevalência por tipo de crime",
        "Prévalence par type d'infraction",
    ),
    "chart_reasons_title": tr(
        "Delitos no denunciados según razón",
        "Unreported crimes by reason",
        "Crimes não notificados por motivo",
        "Infractions non signalées selon la raison",
    ),
    # under a chart of the answers to a question that took several (the reasons for not
    # reporting), when its published percentages add up to more than 100
    "multiple_answers_note": tr(
        "Se podía dar más de una respuesta, por lo que los porcentajes suman más de 100.",
        "More than one answer was allowed, so the percentages add up to more than 100.",
        "Era possível dar mais de uma resposta, por isso as porcentagens somam mais de 100.",
        "Plusieurs réponses étaient possibles, si bien que les pourcentages totalisent plus "
        "de 100.",
    ),
    "chart_trust_title": tr(
        "Confianza, desempeño y corrupción percibida",
        "Trust, performance and perceived corruption",
        "Confiança, desempenho e corrupção percebida",
        "Confiance, efficacité et corruption perçue",
    ),
    "chart_avoid_title": tr(
        "Dejó de hacer actividades por temor",
        "Stopped doing things out of fear",
        "Deixou de fazer atividades por medo",
        "A renoncé à des activités par peur",
    ),
    "chart_places_title": tr(
        "Se siente inseguro según el lugar",
        "Feel unsafe, by place",
        "Sente-se inseguro segundo o lugar",
        "Ne se sent pas en sécurité, selon le lieu",
    ),
    "chart_prevalence_title": tr(
        "Prevalencia de victimización",
        "Victimization prevalence",
        "Prevalência de vitimização",
        "Prévalence de la victimation",
    ),
    "chart_bribery_title": tr(
        "Soborno entre quienes tuvieron contacto con servidores públicos",
        "Bribery among people in contact with public officials",
        "Suborno entre quem teve contato com servidores públicos",
        "Corruption parmi les personnes en contact avec des agents publics",
    ),
    "municipal_overview": tr(
        "Panorama municipal",
        "Municipal overview",
        "Panorama municipal",
        "Vue d'ensemble des municipalités",
    ),
    "term_victim": tr(
        "Fue víctima en los últimos 12 meses",
        "Victim in the last 12 months",
        "Foi vítima nos últimos 12 meses",
        "Victime au cours des 12 derniers mois",
    ),
    "term_age": tr("Edad {group}", "Age {group}", "Idade {group}", "Âge {group}"),
    "term_trusts": tr(
        "Confía en la policía",
        "Trusts the police",
        "Confia na polícia",
        "Fait confiance à la police",
    ),
    "term_trust_unknown": tr(
        "No conoce a la policía o no sabe",
        "Does not know the police, or don't know",
        "Não conhece a polícia ou não sabe",
        "Ne connaît pas la police, ou ne sait pas",
    ),
    # the fear model's note, from the terms it has (analysis/report/inputs.odds_reference_note)
    # a state's or municipality's report: the model is fitted once, on the whole wave
    "odds_national_sample": tr(
        "El modelo se estima con la muestra nacional, no solo con la de {area}: describe los "
        "factores asociados al temor en todo el país.",
        "The model is estimated on the national sample, not on the sample of {area} alone: it "
        "describes what goes with fear across the country.",
        "O modelo é estimado com a amostra nacional, não só com a de {area}: descreve os "
        "fatores associados ao medo em todo o país.",
        "Le modèle est estimé sur l'échantillon national, et non sur le seul échantillon de "
        "{area}\u00a0: il décrit les facteurs associés à la peur dans l'ensemble du pays.",
    ),
    "odds_area": tr(
        "Modelo ajustado también por área (efectos no mostrados).",
        "The model also adjusts for area (effects not shown).",
        "O modelo também ajusta por área (efeitos não mostrados).",
        "Le modèle tient aussi compte de la zone (effets non montrés).",
    ),
    "odds_reference": tr(
        "Referencias: {refs}.",
        "Reference: {refs}.",
        "Referência: {refs}.",
        "Référence\u00a0: {refs}.",
    ),
    "ref_men": tr("hombres", "men", "homens", "hommes"),
    "ref_age": tr("18-29 años", "aged 18-29", "18-29 anos", "18-29 ans"),
    "ref_distrusts": tr(
        "desconfía de la policía",
        "distrusts the police",
        "desconfia da polícia",
        "se méfie de la police",
    ),
    "ref_not_victim": tr("no víctima", "not a victim", "não vítima", "non victime"),
    # a covariate the questionnaire does not ask: the fear model is fitted without its term
    "term_left_out": tr(
        "{title}: el término de {term} (el modelo se ajusta sin él)",
        "{title}: its {term} term (the model is fitted without it)",
        "{title}: o termo de {term} (o modelo é ajustado sem ele)",
        "{title}\u00a0: le terme «\u00a0{term}\u00a0» (le modèle est ajusté sans lui)",
    ),
    "covariate_sex": tr("sexo", "sex", "sexo", "sexe"),
    "covariate_age": tr("edad", "age", "idade", "âge"),
    "covariate_area": tr("área", "area", "área", "zone"),
    "covariate_victim": tr("victimización", "victimization", "vitimização", "victimation"),
    "covariate_trust": tr(
        "confianza en la policía",
        "trust in the police",
        "confiança na polícia",
        "confiance dans la police",
    ),
    "trend_vs_measured": tr(
        "{trend} cree que la delincuencia en su zona aumentó respecto del año anterior; la "
        "prevalencia medida por la encuesta {change}.",
        "{trend} think crime in their area has increased compared with a year ago; the "
        "prevalence measured by the survey {change}.",
        "{trend} acham que a criminalidade na sua área aumentou em relação ao ano anterior; a "
        "prevalência medida pela pesquisa {change}.",
        "{trend} pensent que la délinquance a augmenté dans leur quartier par rapport à l'an "
        "dernier\u00a0; la prévalence mesurée par l'enquête {change}.",
    ),
    "measured_up": tr(
        "aumentó significativamente respecto de {wave}",
        "rose significantly from {wave}",
        "aumentou significativamente em relação a {wave}",
        "a augmenté significativement depuis {wave}",
    ),
    "measured_down": tr(
        "disminuyó significativamente respecto de {wave}",
        "fell significantly from {wave}",
        "diminuiu significativamente em relação a {wave}",
        "a baissé significativement depuis {wave}",
    ),
    "measured_same": tr(
        "no cambió significativamente respecto de {wave}",
        "did not change significantly from {wave}",
        "não variou significativamente em relação a {wave}",
        "n'a pas évolué significativement depuis {wave}",
    ),
    "defs_by_type": tr(
        "Los indicadores por tipo de delito siguen la misma definición, restringida a ese tipo.",
        "Indicators by crime type follow the same definitions, restricted to that crime type.",
        "Os indicadores por tipo de crime seguem a mesma definição, restrita a esse tipo.",
        "Les indicateurs par type d'infraction suivent la même définition, restreinte à ce type.",
    ),
    # groups
    "group_women": tr("Mujeres", "Women", "Mulheres", "Femmes"),
    "group_men": tr("Hombres", "Men", "Homens", "Hommes"),
    "group_youth": tr(
        "Jóvenes (18 a 29 años)",
        "Young people (18–29)",
        "Jovens (18 a 29 anos)",
        "Jeunes (18–29 ans)",
    ),
    "group_adults": tr(
        "Adultos (30 años y más)",
        "Adults (30 and over)",
        "Adultos (30 anos e mais)",
        "Adultes (30 ans et plus)",
    ),
    # methodology
    "design_default": tr(
        "Muestra probabilística estratificada y por conglomerados; un adulto por hogar, "
        "seleccionado al azar. Las varianzas se estiman por linealización de Taylor con estratos "
        "y unidades primarias de muestreo; los grados de libertad son el número de UPM menos el de "
        "estratos.",
        "Stratified multistage cluster probability sample; one adult per household selected at "
        "random. Variances by Taylor linearization with strata and primary sampling units; "
        "degrees of freedom are the number of PSUs minus the number of strata.",
        "Amostra probabilística estratificada por conglomerados; um adulto por domicílio, "
        "selecionado ao acaso. Variâncias por linearização de Taylor com estratos e unidades "
        "primárias de amostragem; graus de liberdade = UPAs menos estratos.",
        "Échantillon probabiliste stratifié à plusieurs degrés\u00a0; un adulte par ménage tiré au "
        "sort. Variances par linéarisation de Taylor avec strates et unités primaires\u00a0; degrés de "
        "liberté = nombre d'UP moins nombre de strates.",
    ),
    "quality_rules_intro": tr(
        "Conjunto de criterios aplicado: {name}.",
        "Quality rule set applied: {name}.",
        "Conjunto de critérios aplicado: {name}.",
        "Règles de qualité appliquées\u00a0: {name}.",
    ),
    "cv_bands": tr(
        "Bandas de calidad por CV: alta < {moderate}%, moderada {moderate}–{low}%, baja ≥ {low}%.",
        "CV quality bands: high < {moderate}%, moderate {moderate}–{low}%, low ≥ {low}%.",
        "Faixas de qualidade por CV: alta < {moderate}%, moderada {moderate}–{low}%, baixa ≥ {low}%.",
        "Classes de qualité selon le CV\u00a0: élevée < {moderate}\u00a0%, modérée {moderate}–{low}\u00a0%, faible ≥ {low}\u00a0%.",
    ),
    "weights_provisional": tr(
        "Los pesos son provisionales (peso base por hogar y adultos elegibles): la ponderación final no se ha ejecutado.",
        "Weights are provisional (household base weight times eligible adults): the final weighting has not been run.",
        "Os pesos são provisórios (peso base do domicílio vezes adultos elegíveis): a ponderação final não foi feita.",
        "Les poids sont provisoires (poids de base du ménage fois adultes éligibles)\u00a0: la pondération finale n'a pas été faite.",
    ),
    # regional comparison (analysis/report/regional.py, issue 14)
    "regional_title": tr(
        "Comparación regional de indicadores estandarizados",
        "Regional comparison of standardized indicators",
        "Comparação regional de indicadores padronizados",
        "Comparaison régionale d'indicateurs normalisés",
    ),
    "regional_header": tr(
        "Comparación regional · {n} levantamientos",
        "Regional comparison · {n} survey waves",
        "Comparação regional · {n} levantamentos",
        "Comparaison régionale · {n} vagues d'enquête",
    ),
    "regional_count": tr(
        "{n} levantamientos comparados",
        "{n} survey waves compared",
        "{n} levantamentos comparados",
        "{n} vagues d'enquête comparées",
    ),
    # a comparison of one wave (the observatory's default when one wave covers an area alone)
    "regional_header_one": tr(
        "Comparación regional · {n} levantamiento",
        "Regional comparison · {n} survey wave",
        "Comparação regional · {n} levantamento",
        "Comparaison régionale · {n} vague d'enquête",
    ),
    "regional_count_one": tr(
        "{n} levantamiento",
        "{n} survey wave",
        "{n} levantamento",
        "{n} vague d'enquête",
    ),
    "source_regional": tr(
        "Fuente: {waves}. Intervalos de confianza al {level}%.",
        "Source: {waves}. {level}% confidence intervals.",
        "Fonte: {waves}. Intervalos de confiança de {level}%.",
        "Source\u00a0: {waves}. Intervalles de confiance à {level}\u00a0%.",
    ),
    "sec_regional_waves": tr(
        "Levantamientos comparados",
        "Survey waves compared",
        "Levantamentos comparados",
        "Vagues d'enquête comparées",
    ),
    "regional_intro": tr(
        "Este informe compara el conjunto mínimo de indicadores estandarizados de {n} "
        "levantamientos. Cada estimación se muestra con su intervalo de confianza y su calidad; "
        "la tabla siguiente da el periodo de referencia, el modo de recolección y la versión del "
        "cuestionario de cada uno.",
        "This report compares the minimum set of standardized indicators of {n} survey waves. "
        "Each estimate is shown with its confidence interval and quality; the table below gives "
        "each wave's reference period, collection mode and questionnaire version.",
        "Este relatório compara o conjunto mínimo de indicadores padronizados de {n} "
        "levantamentos. Cada estimativa é mostrada com seu intervalo de confiança e sua "
        "qualidade; a tabela abaixo indica o período de referência, o modo de coleta e a versão "
        "do questionário de cada um.",
        "Ce rapport compare l'ensemble minimal d'indicateurs normalisés de {n} vagues "
        "d'enquête. Chaque estimation est présentée avec son intervalle de confiance et sa "
        "qualité\u00a0; le tableau ci-dessous donne la période de référence, le mode de collecte et "
        "la version du questionnaire de chacune.",
    ),
    "regional_intro_one": tr(
        "Este informe presenta el conjunto mínimo de indicadores estandarizados de {n} "
        "levantamiento. Cada estimación se muestra con su intervalo de confianza y su calidad; "
        "la tabla siguiente da su periodo de referencia, su modo de recolección y la versión de "
        "su cuestionario.",
        "This report presents the minimum set of standardized indicators of {n} survey wave. "
        "Each estimate is shown with its confidence interval and quality; the table below gives "
        "the wave's reference period, collection mode and questionnaire version.",
        "Este relatório apresenta o conjunto mínimo de indicadores padronizados de {n} "
        "levantamento. Cada estimativa é mostrada com seu intervalo de confiança e sua "
        "qualidade; a tabela abaixo indica seu período de referência, seu modo de coleta e a "
        "versão de seu questionário.",
        "Ce rapport présente l'ensemble minimal d'indicateurs normalisés de {n} vague "
        "d'enquête. Chaque estimation est présentée avec son intervalle de confiance et sa "
        "qualité\u00a0; le tableau ci-dessous donne sa période de référence, son mode de collecte "
        "et la version de son questionnaire.",
    ),
    "col_area_compared": tr("País o ciudad", "Country or city", "País ou cidade", "Pays ou ville"),
    "col_mode": tr("Modo", "Mode", "Modo", "Mode"),
    "col_questionnaire": tr("Cuestionario", "Questionnaire", "Questionário", "Questionnaire"),
    "mode_web": tr("web", "web", "web", "web"),
    "mode_tablet": tr(
        "entrevista presencial",
        "face-to-face interview",
        "entrevista presencial",
        "entretien en face à face",
    ),
    "sec_comparability": tr("Comparabilidad", "Comparability", "Comparabilidade", "Comparabilité"),
    "comparable_all": tr(
        "Los levantamientos usan el mismo cuestionario y versión, el mismo modo de recolección y "
        "el mismo periodo de referencia.",
        "The waves use the same questionnaire and version, the same collection mode and the same "
        "reference period.",
        "Os levantamentos usam o mesmo questionário e versão, o mesmo modo de coleta e o mesmo "
        "período de referência.",
        "Les vagues utilisent le même questionnaire dans la même version, le même mode de "
        "collecte et la même période de référence.",
    ),
    "note_instrument": tr(
        "Cuestionarios distintos ({values}): una diferencia puede deberse al instrumento y no al "
        "país.",
        "Different questionnaires ({values}): a difference may come from the instrument rather "
        "than the country.",
        "Questionários diferentes ({values}): uma diferença pode vir do instrumento e não do país.",
        "Questionnaires différents ({values})\u00a0: un écart peut venir de l'instrument plutôt que du "
        "pays.",
    ),
    "note_version": tr(
        "Versiones distintas del cuestionario ({values}): compare con cautela los indicadores "
        "cuyas preguntas cambiaron entre versiones.",
        "Different versions of the questionnaire ({values}): compare with care the indicators "
        "whose questions changed between versions.",
        "Versões diferentes do questionário ({values}): compare com cautela os indicadores cujas "
        "perguntas mudaram entre as versões.",
        "Versions différentes du questionnaire ({values})\u00a0: comparez avec prudence les "
        "indicateurs dont les questions ont changé d'une version à l'autre.",
    ),
    "note_period_disjoint": tr(
        "Los periodos de referencia no se superponen ({values}): una diferencia mezcla la de los "
        "países con la de los años.",
        "The reference periods do not overlap ({values}): a difference mixes the countries' "
        "difference with the years'.",
        "Os períodos de referência não se sobrepõem ({values}): uma diferença mistura a dos "
        "países com a dos anos.",
        "Les périodes de référence ne se chevauchent pas ({values})\u00a0: un écart mêle celui des "
        "pays et celui des années.",
    ),
    "note_period_differs": tr(
        "Los periodos de referencia se superponen pero no son iguales ({values}).",
        "The reference periods overlap but are not the same ({values}).",
        "Os períodos de referência se sobrepõem, mas não são iguais ({values}).",
        "Les périodes de référence se chevauchent sans être identiques ({values}).",
    ),
    "note_mode": tr(
        "Modos de recolección distintos ({values}): las respuestas sobre temas sensibles "
        "(violencia sexual, soborno) suelen diferir entre la entrevista presencial y la web.",
        "Different collection modes ({values}): answers on sensitive topics (sexual violence, "
        "bribery) tend to differ between face-to-face and web interviews.",
        "Modos de coleta diferentes ({values}): as respostas sobre temas sensíveis (violência "
        "sexual, suborno) costumam diferir entre a entrevista presencial e a web.",
        "Modes de collecte différents ({values})\u00a0: les réponses sur les sujets sensibles "
        "(violences sexuelles, corruption) diffèrent souvent entre l'entretien en face à face et "
        "le web.",
    ),
    "note_level": tr(
        "Las tablas usan niveles de confianza distintos ({values}).",
        "The tables use different confidence levels ({values}).",
        "As tabelas usam níveis de confiança diferentes ({values}).",
        "Les tableaux utilisent des niveaux de confiance différents ({values}).",
    ),
    "note_missing": tr(
        "{indicator}: sin estimación en {areas} (el cuestionario no lo pregunta o no hay casos).",
        "{indicator}: no estimate for {areas} (the questionnaire does not ask it, or no cases).",
        "{indicator}: sem estimativa para {areas} (o questionário não pergunta ou não há casos).",
        "{indicator}\u00a0: pas d'estimation pour {areas} (le questionnaire ne le demande pas, ou "
        "aucun cas).",
    ),
    "not_asked": tr("no disponible", "not available", "não disponível", "non disponible"),
    "sec_regional_core": tr(
        "Indicadores estandarizados",
        "Standardized indicators",
        "Indicadores padronizados",
        "Indicateurs normalisés",
    ),
    "chart_regional_title": tr(
        "Indicadores estandarizados por país o ciudad",
        "Standardized indicators by country or city",
        "Indicadores padronizados por país ou cidade",
        "Indicateurs normalisés par pays ou ville",
    ),
    "col_ci_note": tr(
        "Debajo de cada estimación, su intervalo de confianza al {level}%.",
        "Under each estimate, its {level}% confidence interval.",
        "Abaixo de cada estimativa, seu intervalo de confiança de {level}%.",
        "Sous chaque estimation, son intervalle de confiance à {level}\u00a0%.",
    ),
    "regional_diff_note": tr(
        "Diferencias respecto de {reference}, probadas como muestras independientes al {alpha}%; "
        "que dos intervalos se superpongan no prueba que no haya diferencia. Las notas de "
        "comparabilidad siguen valiendo para una diferencia significativa.",
        "Differences from {reference}, tested as independent samples at the {alpha}% level; "
        "overlapping intervals do not prove there is no difference. The comparability notes "
        "still apply to a significant difference.",
        "Diferenças em relação a {reference}, testadas como amostras independentes a {alpha}%; "
        "intervalos sobrepostos não provam que não haja diferença. As notas de comparabilidade "
        "continuam valendo para uma diferença significativa.",
        "Écarts par rapport à {reference}, testés comme échantillons indépendants au seuil de "
        "{alpha}\u00a0%\u00a0; des intervalles qui se chevauchent ne prouvent pas l'absence d'écart. Les "
        "notes de comparabilité valent aussi pour un écart significatif.",
    ),
    "regional_differences": tr(
        "{area} difiere significativamente de {reference} en: {items}.",
        "{area} differs significantly from {reference} in: {items}.",
        "{area} difere significativamente de {reference} em: {items}.",
        "{area} diffère significativement de {reference} pour\u00a0: {items}.",
    ),
    "regional_no_differences": tr(
        "Ninguna diferencia publicada entre {area} y {reference} es significativa.",
        "No published difference between {area} and {reference} is significant.",
        "Nenhuma diferença publicada entre {area} e {reference} é significativa.",
        "Aucun écart publié entre {area} et {reference} n'est significatif.",
    ),
    "regional_method_note": tr(
        "Cada estimación es la del informe de su levantamiento, con su diseño muestral, su "
        "ponderación y sus reglas de calidad; no se reponderan ni se armonizan los datos.",
        "Each estimate is the one of its wave's report, with its own sample design, weighting "
        "and quality rules; the data are neither reweighted nor harmonized.",
        "Cada estimativa é a do relatório do seu levantamento, com seu próprio desenho amostral, "
        "ponderação e regras de qualidade; os dados não são reponderados nem harmonizados.",
        "Chaque estimation est celle du rapport de sa vague, avec son propre plan de sondage, sa "
        "pondération et ses règles de qualité\u00a0; les données ne sont ni repondérées ni "
        "harmonisées.",
    ),
    # media, youth, coexistence, participation and protection (analysis/report/topic_sections.py)
    "sec_media": tr(
        "Medios de comunicación y percepción de inseguridad",
        "The media and perceived insecurity",
        "Meios de comunicação e percepção de insegurança",
        "Médias et sentiment d'insécurité",
    ),
    "media_note": tr(
        "Lo que la gente sabe de la delincuencia le llega en buena parte por los medios y las "
        "redes; seguir noticias de delitos no es haber sido víctima.",
        "Much of what people know about crime reaches them through the media and social "
        "networks; following crime news is not having been a victim.",
        "Muito do que as pessoas sabem sobre a criminalidade chega pelos meios de comunicação e "
        "pelas redes; acompanhar notícias de crimes não é ter sido vítima.",
        "Une grande part de ce que l'on sait de la délinquance arrive par les médias et les "
        "réseaux\u00a0; suivre l'actualité criminelle n'est pas avoir été victime.",
    ),
    "chart_media_title": tr(
        "Noticias sobre delincuencia: frecuencia, canales y lugar",
        "Crime news: how often, which channels, which place",
        "Notícias sobre criminalidade: frequência, canais e lugar",
        "Informations sur la délinquance\u00a0: fréquence, canaux et lieu",
    ),
    "sec_youth": tr(
        "Jóvenes y delincuencia: percepción y realidad",
        "Young people and crime: perception and reality",
        "Jovens e criminalidade: percepção e realidade",
        "Les jeunes et la délinquance\u00a0: perception et réalité",
    ),
    "youth_note": tr(
        "La proporción percibida es la opinión de las personas sobre los delitos de su zona; la "
        "real es la que describen las víctimas sobre quienes las atacaron (edad aproximada, en "
        "los incidentes en que vieron al agresor).",
        "The perceived share is people's opinion about crime in their area; the actual share is "
        "what victims describe of those who attacked them (approximate age, in the incidents "
        "where they saw the offender).",
        "A proporção percebida é a opinião das pessoas sobre os crimes da sua área; a real é a "
        "que as vítimas descrevem sobre quem as atacou (idade aproximada, nos incidentes em que "
        "viram o agressor).",
        "La part perçue est l'opinion des personnes sur la délinquance de leur zone\u00a0; la part "
        "réelle est ce que les victimes décrivent de leurs agresseurs (âge approximatif, dans "
        "les incidents où elles les ont vus).",
    ),
    "chart_youth_title": tr(
        "Jóvenes entre los agresores: percibido y descrito por las víctimas",
        "Young people among offenders: perceived and described by victims",
        "Jovens entre os agressores: percebido e descrito pelas vítimas",
        "Les jeunes parmi les auteurs\u00a0: perçu et décrit par les victimes",
    ),
    "sub_youth_gap": tr(
        "Brecha entre la proporción percibida y la real de jóvenes entre los agresores",
        "Gap between the perceived and the actual youth share of offenders",
        "Diferença entre a proporção percebida e a real de jovens entre os agressores",
        "Écart entre la part perçue et la part réelle des jeunes parmi les auteurs",
    ),
    "youth_gap_note": tr(
        "Brecha: proporción percibida menos la real, en puntos porcentuales (pp); su intervalo "
        "considera que ambas cifras vienen de la misma muestra.",
        "Gap: perceived minus actual share, in percentage points (pp); its interval allows for "
        "both figures coming from the same sample.",
        "Diferença: proporção percebida menos a real, em pontos percentuais (pp); seu intervalo "
        "considera que ambos os números vêm da mesma amostra.",
        "Écart\u00a0: part perçue moins part réelle, en points de pourcentage (pp)\u00a0; son intervalle "
        "tient compte du fait que les deux chiffres viennent du même échantillon.",
    ),
    "youth_gap_sentence_victims": tr(
        "Se cree que los jóvenes cometen el {perceived} de los delitos de la zona; el {actual} "
        "de las víctimas describe agresores jóvenes: una brecha de {gap} puntos (IC {level}%: "
        "{interval}).",
        "People think young people commit {perceived} of local crime; {actual} of victims "
        "describe young offenders: a gap of {gap} points ({level}% CI {interval}).",
        "Acredita-se que os jovens cometem {perceived} dos crimes da área; {actual} das vítimas "
        "descrevem agressores jovens: uma diferença de {gap} pontos (IC {level}%: {interval}).",
        "On pense que les jeunes commettent {perceived} des infractions de la zone\u00a0; {actual} des "
        "victimes décrivent des auteurs jeunes\u00a0: un écart de {gap} points (IC {level}\u00a0%\u00a0: "
        "{interval}).",
    ),
    "youth_gap_sentence_incidents": tr(
        "Se cree que los jóvenes cometen el {perceived} de los delitos de la zona; las víctimas "
        "describen agresores jóvenes en el {actual} de los delitos: una brecha de {gap} puntos "
        "(IC {level}%: {interval}).",
        "People think young people commit {perceived} of local crime; victims describe young "
        "offenders in {actual} of crimes: a gap of {gap} points ({level}% CI {interval}).",
        "Acredita-se que os jovens cometem {perceived} dos crimes da área; as vítimas descrevem "
        "agressores jovens em {actual} dos crimes: uma diferença de {gap} pontos (IC {level}%: "
        "{interval}).",
        "On pense que les jeunes commettent {perceived} des infractions de la zone\u00a0; les "
        "victimes décrivent des auteurs jeunes dans {actual} des infractions\u00a0: un écart de {gap} "
        "points (IC {level}\u00a0%\u00a0: {interval}).",
    ),
    "sec_coexistence": tr(
        "Convivencia, participación y protección",
        "Neighbourhood life, participation and protection",
        "Convivência, participação e proteção",
        "Vie de quartier, participation et protection",
    ),
    "sub_disorder": tr(
        "Desorden y convivencia en el barrio",
        "Disorder and life in the neighbourhood",
        "Desordem e convivência no bairro",
        "Désordre et vie dans le quartier",
    ),
    "chart_disorder_title": tr(
        "Situaciones alrededor de la vivienda y satisfacción con el barrio",
        "Situations around the home and satisfaction with the neighbourhood",
        "Situações nos arredores da casa e satisfação com o bairro",
        "Situations autour du logement et satisfaction à l'égard du quartier",
    ),
    "sub_participation": tr(
        "Participación ciudadana en la seguridad",
        "Citizen participation in safety",
        "Participação cidadã na segurança",
        "Participation citoyenne à la sécurité",
    ),
    "chart_participation_title": tr(
        "Participación y confianza en el gobierno municipal",
        "Participation and trust in the municipal government",
        "Participação e confiança na prefeitura",
        "Participation et confiance dans la municipalité",
    ),
    "sub_protection": tr(
        "Medidas de protección de los hogares",
        "Households' protection measures",
        "Medidas de proteção dos domicílios",
        "Mesures de protection des ménages",
    ),
    "chart_protection_title": tr(
        "Hogares que tomaron medidas de protección",
        "Households that took protection measures",
        "Domicílios que tomaram medidas de proteção",
        "Ménages ayant pris des mesures de protection",
    ),
    "protection_spending_note": tr(
        "El gasto en protección es un promedio por hogar, en la moneda del cuestionario, con su "
        "intervalo de confianza.",
        "Spending on protection is a mean per household, in the questionnaire's currency, with "
        "its confidence interval.",
        "O gasto com proteção é uma média por domicílio, na moeda do questionário, com seu "
        "intervalo de confiança.",
        "La dépense de protection est une moyenne par ménage, dans la monnaie du questionnaire, "
        "avec son intervalle de confiance.",
    ),
    "difference_mark": tr(
        "† diferencia significativa al {alpha}%.",
        "† difference significant at the {alpha}% level.",
        "† diferença significativa a {alpha}%.",
        "† écart significatif au seuil de {alpha}\u00a0%.",
    ),
}


#: Words ending the part of an indicator's name before its colon that the rest of the name
#: completes ("Confianza en: Policía"), for :meth:`Translator.subject`.
_JOINING_WORDS: dict[str, frozenset[str]] = {
    "es": frozenset({"en", "de", "a", "por", "con"}),
    "en": frozenset({"in", "of", "to", "by", "with"}),
    "pt": frozenset({"em", "de", "a", "por", "com"}),
    "fr": frozenset({"envers", "en", "de", "dans", "à", "par", "avec"}),
}


@dataclass(frozen=True)
class Translator:
    """The report's words and number formats in one language.

    Numbers follow the language's CLDR convention (:func:`analysis.i18n.format_number`).
    """

    language: str

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(
                f"language must be one of {', '.join(LANGUAGES)}, not {self.language!r}"
            )

    def __call__(self, key: str, /, **values: object) -> str:
        return lookup(STRINGS, key, self.language, **values)

    def count(self, key: str, count: int, /, **values: object) -> str:
        """The text ``key`` about ``count`` things: its ``<key>_one`` form where this language
        says the noun in the singular ("1 entrevista", French "0 entretien"), else ``key``
        (:func:`analysis.i18n.lookup_count`)."""
        return lookup_count(STRINGS, key, self.language, count, **values)

    def pick(self, texts: Mapping[str, str] | str | None, default: str = "") -> str:
        """The text in this language from a ``{language: text}`` mapping (else English)."""
        if texts is None:
            return default
        if isinstance(texts, str):
            return texts
        return pick(texts, self.language, default)

    def number(self, value: float, decimals: int = 1) -> str:
        """``value`` with this language's separators; a dash when not a number."""
        return format_number(value, self.language, decimals)

    def percent(self, value: float, decimals: int = 1) -> str:
        """``value`` (in percent) with this language's separators and percent sign."""
        return format_percent(value, self.language, decimals)

    def date(self, day: dt.date) -> str:
        """``day`` as this language writes dates ("30 de noviembre de 2026", "November 30, 2026")."""
        return format_date(day, self.language)

    def period(self, period: str | tuple[dt.date, dt.date] | None) -> str:
        """A period given as two dates in this language's dates; text as given; a dash for none."""
        if period is None:
            return "—"
        if isinstance(period, str):
            return period
        return format_period(period[0], period[1], self.language)

    def subject(self, name: str) -> str:
        """An indicator's name opening a "{name}: value" sentence, with its own colon made
        running text, so that the sentence has one colon: "Confianza en Policía: 43,4%",
        "ODS 16.5.1 (soborno): 3,2%"; it read "Confianza en: Policía: 43,4%".

        After a preposition ("Confianza en", "Trust in", "Confiance envers") the rest
        follows it; else the rest goes in brackets.
        """
        head, found, rest = name.partition(self.colon)
        if not found:
            head, found, rest = name.partition(": ")
        if not found:
            return name
        if head.rsplit(" ", 1)[-1].lower() in _JOINING_WORDS[self.language]:
            return f"{head} {rest}"
        return f"{head} ({rest})"

    @property
    def colon(self) -> str:
        """The colon between a name and what follows (:func:`analysis.i18n.colon`)."""
        return colon(self.language)

    @property
    def semicolon(self) -> str:
        """The semicolon between the items of a list (:func:`analysis.i18n.semicolon`)."""
        return semicolon(self.language)

    @property
    def percent_sign(self) -> str:
        """What follows a number to make it a percentage ("%", or "\u00a0%" in French)."""
        return PERCENT_SIGNS[self.language]
