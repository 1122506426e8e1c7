"""The release's read-me: how to set up the sample design and reproduce the published estimates.

An analyst who opens a release gets the design variables (``stratum``, ``psu``,
``weight``) but, without this note, no word on how the observatory's tables
were estimated from them. ``<prefix>_readme_<format>.md`` says it in the release's
language, with the calls of R's ``survey`` package (the reference), Stata
and SPSS for the format at hand, and what each format does with the
missing codes.
"""

from __future__ import annotations

from analysis.i18n import lookup, tr
from analysis.release.model import FILE_NAMES, Release

__all__ = ["readme"]

_TEXT: dict[str, dict[str, str]] = {
    "title": tr(
        "# {title}: microdatos, edición {edition}",
        "# {title}: microdata, {edition} edition",
        "# {title}: microdados, edição {edition}",
        "# {title}\u00a0: microdonnées, édition {edition}",
    ),
    "files": tr(
        "## Archivos\n\nSe vinculan por `interview_id`. El libro de códigos ({codebook}) describe cada variable: etiqueta, valores, códigos de datos faltantes, pregunta, universo y derivación.",
        "## Files\n\nThey are linked by `interview_id`. The codebook ({codebook}) describes every variable: label, values, missing codes, question, universe and derivation.",
        "## Arquivos\n\nSão vinculados por `interview_id`. O livro de códigos ({codebook}) descreve cada variável: rótulo, valores, códigos de dados faltantes, pergunta, universo e derivação.",
        "## Fichiers\n\nIls sont liés par `interview_id`. Le dictionnaire des codes ({codebook}) décrit chaque variable\u00a0: libellé, valeurs, codes de valeurs manquantes, question, univers et dérivation.",
    ),
    "rows": tr(
        "- `{name}`: {rows} filas",
        "- `{name}`: {rows} rows",
        "- `{name}`: {rows} linhas",
        "- `{name}`\u00a0: {rows} lignes",
    ),
    "design": tr(
        "## Diseño muestral y estimación\n\nMuestra estratificada por conglomerados. Use siempre el diseño completo: el estrato (`stratum`), la unidad primaria de muestreo (`psu`, anidada en su estrato) y el factor de expansión final de la persona (`weight`); los análisis de incidentes usan `inc_weight`. Para un dominio (un estado, un sexo) tome el subconjunto del diseño, nunca de las filas, o los errores estándar serán erróneos.\n\nLas cifras publicadas usan linealización de Taylor con estratos y UPM, centran en la media un estrato con una sola UPM, y dan intervalos al 90 % (logit para proporciones) con grados de libertad = UPM − estratos. La media ponderada de una variable `ind_<indicador>` sobre sus filas no vacías es la estimación publicada del indicador.",
        "## Sample design and estimation\n\nStratified cluster sample. Always use the whole design: the stratum (`stratum`), the primary sampling unit (`psu`, nested in its stratum) and the final person weight (`weight`); incident analyses use `inc_weight`. For a domain (a state, a sex) subset the design, never the rows, or the standard errors are wrong.\n\nThe published figures use Taylor linearization with strata and PSUs, centre a stratum with a single PSU on the mean, and give 90% intervals (logit for proportions) with degrees of freedom = PSUs − strata. The weighted mean of an `ind_<indicator>` variable over its non-blank rows is the indicator's published estimate.",
        "## Desenho amostral e estimação\n\nAmostra estratificada por conglomerados. Use sempre o desenho completo: o estrato (`stratum`), a unidade primária de amostragem (`psu`, aninhada no seu estrato) e o peso final da pessoa (`weight`); as análises de incidentes usam `inc_weight`. Para um domínio (um estado, um sexo) tome o subconjunto do desenho, nunca das linhas, ou os erros padrão estarão errados.\n\nOs números publicados usam linearização de Taylor com estratos e UPA, centram na média um estrato com uma só UPA e dão intervalos de 90 % (logit para proporções) com graus de liberdade = UPA − estratos. A média ponderada de uma variável `ind_<indicador>` nas suas linhas não vazias é a estimativa publicada do indicador.",
        "## Plan de sondage et estimation\n\nÉchantillon stratifié en grappes. Utilisez toujours le plan complet\u00a0: la strate (`stratum`), l'unité primaire d'échantillonnage (`psu`, emboîtée dans sa strate) et le poids final de la personne (`weight`)\u00a0; les analyses d'incidents utilisent `inc_weight`. Pour un domaine (un État, un sexe), restreignez le plan, jamais les lignes, sinon les erreurs types sont fausses.\n\nLes chiffres publiés utilisent la linéarisation de Taylor avec strates et UPE, centrent sur la moyenne une strate à une seule UPE et donnent des intervalles à 90\u00a0% (logit pour les proportions) avec degrés de liberté = UPE − strates. La moyenne pondérée d'une variable `ind_<indicateur>` sur ses lignes non vides est l'estimation publiée de l'indicateur.",
    ),
    "incidents": tr(
        "Los indicadores de incidentes (tasa de denuncia, cifra negra) son cocientes de sumas por entrevistado: sume `inc_factor` × `ind_<indicador>` (numerador) e `inc_factor` donde `ind_<indicador>` no está vacío (denominador) por `interview_id`, y estime el cociente con el diseño de los entrevistados. Así se obtiene el error estándar publicado; un diseño sobre el archivo de incidentes da casi el mismo, pero omite las UPM sin incidentes.",
        "Incident indicators (reporting rate, dark figure) are ratios of sums over respondents: add up `inc_factor` × `ind_<indicator>` (numerator) and `inc_factor` where `ind_<indicator>` is not blank (denominator) by `interview_id`, and estimate the ratio with the respondents' design. That gives the published standard error; a design on the incident file gives nearly the same, but leaves out the PSUs without incidents.",
        "Os indicadores de incidentes (taxa de denúncia, cifra oculta) são razões de somas por entrevistado: some `inc_factor` × `ind_<indicador>` (numerador) e `inc_factor` onde `ind_<indicador>` não está vazio (denominador) por `interview_id` e estime a razão com o desenho dos entrevistados. Assim se obtém o erro padrão publicado; um desenho sobre o arquivo de incidentes dá quase o mesmo, mas omite as UPA sem incidentes.",
        "Les indicateurs d'incidents (taux de plainte, chiffre noir) sont des rapports de sommes par répondant\u00a0: additionnez `inc_factor` × `ind_<indicateur>` (numérateur) et `inc_factor` là où `ind_<indicateur>` n'est pas vide (dénominateur) par `interview_id`, puis estimez le rapport avec le plan des répondants. On obtient ainsi l'erreur type publiée\u00a0; un plan sur le fichier des incidents donne presque la même, mais omet les UPE sans incident.",
    ),
    "r": tr(
        "### R (paquete survey)",
        "### R (survey package)",
        "### R (pacote survey)",
        "### R (paquet survey)",
    ),
    "stata": tr("### Stata", "### Stata", "### Stata", "### Stata"),
    "spss": tr(
        "### SPSS (módulo Complex Samples)",
        "### SPSS (Complex Samples module)",
        "### SPSS (módulo Complex Samples)",
        "### SPSS (module Complex Samples)",
    ),
    "missing": tr(
        "## Datos faltantes\n\n{how}",
        "## Missing values\n\n{how}",
        "## Dados faltantes\n\n{how}",
        "## Valeurs manquantes\n\n{how}",
    ),
    "missing_codes": tr(
        "-8 no sabe y -9 no responde son códigos; una celda vacía es «no aplica» (la pregunta no se hizo). Excluya -8 y -9 antes de estimar.",
        "-8 don't know and -9 refused are codes; an empty cell is 'not applicable' (the question was not asked). Exclude -8 and -9 before estimating.",
        "-8 não sabe e -9 recusou são códigos; uma célula vazia é «não se aplica» (a pergunta não foi feita). Exclua -8 e -9 antes de estimar.",
        "-8 ne sait pas et -9 refus sont des codes\u00a0; une cellule vide signifie «\u00a0sans objet\u00a0» (la question n'a pas été posée). Excluez -8 et -9 avant d'estimer.",
    ),
    "missing_dta": tr(
        "No sabe, no responde y no aplica son los valores faltantes extendidos `.a`, `.b` y `.c`, con etiqueta: Stata los excluye de toda estimación.",
        "Don't know, refused and not applicable are the extended missing values `.a`, `.b` and `.c`, labelled: Stata leaves them out of every estimate.",
        "Não sabe, recusou e não se aplica são os valores faltantes estendidos `.a`, `.b` e `.c`, rotulados: o Stata os exclui de toda estimativa.",
        "Ne sait pas, refus et sans objet sont les valeurs manquantes étendues `.a`, `.b` et `.c`, étiquetées\u00a0: Stata les exclut de toute estimation.",
    ),
    "missing_sav": tr(
        "-8 no sabe, -9 no responde y -7 no aplica están declarados como valores perdidos del usuario: SPSS los excluye (haven::read_sav los lee como NA).",
        "-8 don't know, -9 refused and -7 not applicable are declared user-missing values: SPSS leaves them out (haven::read_sav reads them as NA).",
        "-8 não sabe, -9 recusou e -7 não se aplica estão declarados como valores ausentes do usuário: o SPSS os exclui (haven::read_sav os lê como NA).",
        "-8 ne sait pas, -9 refus et -7 sans objet sont déclarés valeurs manquantes utilisateur\u00a0: SPSS les exclut (haven::read_sav les lit comme NA).",
    ),
    "public": tr(
        "## Control de divulgación\n\nEsta edición pública aplica el control de divulgación descrito en {report}: las variables agrupadas o topadas lo dicen en la columna de derivación del libro de códigos.",
        "## Disclosure control\n\nThis public edition applies the disclosure control described in {report}: grouped or top-coded variables say so in the codebook's derivation column.",
        "## Controle de divulgação\n\nEsta edição pública aplica o controle de divulgação descrito em {report}: as variáveis agrupadas ou com teto dizem-no na coluna de derivação do livro de códigos.",
        "## Contrôle de la divulgation\n\nCette édition publique applique le contrôle de la divulgation décrit dans {report}\u00a0: les variables regroupées ou plafonnées le disent dans la colonne de dérivation du dictionnaire des codes.",
    ),
    "edition_public": tr("pública", "public", "pública", "publique"),
    "edition_internal": tr("interna", "internal", "interna", "interne"),
}

#: How R reads the respondent file of each format (text columns stay text).
_R_READ = {
    "csv": 'resp <- read.csv("{file}", colClasses = c(interview_id = "character", '
    'stratum = "character", psu = "character"))\nresp[resp == -8 | resp == -9] <- NA',
    "xlsx": 'resp <- as.data.frame(readxl::read_excel("{file}", sheet = "respondent"))\n'
    "resp[resp == -8 | resp == -9] <- NA",
    "dta": 'resp <- zap_missing(zap_labels(read_dta("{file}")))',
    "sav": 'resp <- zap_labels(read_sav("{file}"))',
    "parquet": 'resp <- as.data.frame(arrow::read_parquet("{file}"))\n'
    "resp[resp == -8 | resp == -9] <- NA",
}


def readme(release: Release, format: str, prefix: str) -> str:
    """The read-me of ``release`` written as ``format`` with file names starting ``prefix``."""
    lang = release.language
    data_file = f"{prefix}.xlsx" if format == "xlsx" else f"{prefix}_respondent.{format}"
    codebook = "`codebook`" if format == "xlsx" else f"`{prefix}_codebook.csv`"
    edition = lookup(_TEXT, f"edition_{release.edition}", lang)
    parts = [
        lookup(_TEXT, "title", lang, title=release.study.title, edition=edition),
        lookup(_TEXT, "files", lang, codebook=codebook),
        "\n".join(
            lookup(
                _TEXT,
                "rows",
                lang,
                name=(name if format == "xlsx" else f"{prefix}_{name}.{format}"),
                rows=len(release.files[name]),
            )
            for name in FILE_NAMES
            if name in release.files
        ),
        lookup(_TEXT, "design", lang),
        lookup(_TEXT, "incidents", lang),
        lookup(_TEXT, "r", lang),
        "```r\nlibrary(haven); library(survey)\n"
        'options(survey.lonely.psu = "adjust")\n'
        + _R_READ[format].format(file=data_file)
        + "\ndes <- svydesign(id = ~psu, strata = ~stratum, weights = ~weight, nest = TRUE,"
        " data = resp)\n"
        "svymean(~ind_prev_person, des, na.rm = TRUE)\n"
        "svyciprop(~I(ind_prev_person == 1), subset(des, !is.na(ind_prev_person)),\n"
        '          method = "logit", level = 0.9, df = degf(des))\n'
        "svyby(~ind_prev_person, ~state, des, svymean, na.rm = TRUE)\n```",
        lookup(_TEXT, "stata", lang),
        "```stata\nsvyset psu [pweight = weight], strata(stratum) singleunit(centered)\n"
        "svy: mean ind_prev_person\nsvy, over(state): mean ind_prev_person\n```",
        lookup(_TEXT, "spss", lang),
        "```\nCSPLAN ANALYSIS /PLAN FILE='design.csaplan'\n"
        "  /PLANVARS ANALYSISWEIGHT=weight\n"
        "  /DESIGN STRATA=stratum CLUSTER=psu /ESTIMATOR TYPE=WR.\n"
        "CSDESCRIPTIVES /PLAN FILE='design.csaplan'\n"
        "  /SUMMARY VARIABLES=ind_prev_person /MEAN /STATISTICS SE CIN(90).\n```",
        lookup(
            _TEXT,
            "missing",
            lang,
            how=lookup(
                _TEXT,
                f"missing_{format}" if format in ("dta", "sav") else "missing_codes",
                lang,
            ),
        ),
    ]
    if release.edition == "public":
        parts.append(lookup(_TEXT, "public", lang, report=f"`{prefix}_disclosure.md`"))
    return "\n\n".join(parts) + "\n"
