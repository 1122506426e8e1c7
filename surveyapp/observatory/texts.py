"""Words of the observatory pages in the report languages (es, en, pt, fr)."""

from __future__ import annotations

LANGUAGE_NAMES = {"es": "Español", "en": "English", "pt": "Português", "fr": "Français"}


def _t(es: str, en: str, pt: str, fr: str) -> dict[str, str]:
    return {"es": es, "en": en, "pt": pt, "fr": fr}


TEXTS: dict[str, dict[str, str]] = {
    "observatory": _t("Observatorio", "Observatory", "Observatório", "Observatoire"),
    "waves": _t("Levantamientos", "Survey waves", "Levantamentos", "Vagues d'enquête"),
    "no_waves": _t(
        "Aún no hay resultados publicados.",
        "No results have been published yet.",
        "Ainda não há resultados publicados.",
        "Aucun résultat n'a encore été publié.",
    ),
    "area": _t("Área", "Area", "Área", "Zone"),
    "language": _t("Idioma", "Language", "Idioma", "Langue"),
    "audience": _t("Versión", "Edition", "Versão", "Édition"),
    "public": _t(
        "Pública (celdas pequeñas suprimidas)",
        "Public (small cells suppressed)",
        "Pública (células pequenas suprimidas)",
        "Publique (petites cellules supprimées)",
    ),
    "internal": _t(
        "Interna (todas las estimaciones, con alertas)",
        "Internal (every estimate, flagged)",
        "Interna (todas as estimativas, sinalizadas)",
        "Interne (toutes les estimations, signalées)",
    ),
    "show": _t("Mostrar", "Show", "Mostrar", "Afficher"),
    "downloads": _t("Descargas", "Downloads", "Downloads", "Téléchargements"),
    "pdf": _t("Informe PDF", "PDF report", "Relatório PDF", "Rapport PDF"),
    "csv": _t("Tabla CSV", "CSV table", "Tabela CSV", "Tableau CSV"),
    "xlsx": _t("Tabla Excel", "Excel table", "Tabela Excel", "Tableau Excel"),
    "json": _t("JSON (API)", "JSON (API)", "JSON (API)", "JSON (API)"),
    "indicator": _t("Indicador", "Indicator", "Indicador", "Indicateur"),
    "estimate": _t("Estimación", "Estimate", "Estimativa", "Estimation"),
    "interval": _t(
        "Intervalo de confianza",
        "Confidence interval",
        "Intervalo de confiança",
        "Intervalle de confiance",
    ),
    "cv": _t("CV", "CV", "CV", "CV"),
    "n": _t("Casos", "Cases", "Casos", "Cas"),
    "quality": _t("Calidad", "Quality", "Qualidade", "Qualité"),
    "suppressed": _t(
        "No publicable (calidad insuficiente)",
        "Not published (insufficient quality)",
        "Não publicável (qualidade insuficiente)",
        "Non publié (qualité insuffisante)",
    ),
    "flagged": _t(
        "No cumple la regla de calidad: no publicar",
        "Fails the quality rule: do not publish",
        "Não cumpre a regra de qualidade: não publicar",
        "Ne respecte pas la règle de qualité : ne pas publier",
    ),
    "preparing": _t(
        "Estamos preparando estos resultados",
        "These results are being prepared",
        "Estamos preparando estes resultados",
        "Ces résultats sont en préparation",
    ),
    "preparing_body": _t(
        "La página se actualizará sola en unos segundos.",
        "This page refreshes by itself in a few seconds.",
        "A página se atualizará sozinha em alguns segundos.",
        "Cette page se rafraîchit d'elle-même dans quelques secondes.",
    ),
    "failed": _t(
        "No se pudieron preparar los resultados",
        "The results could not be prepared",
        "Não foi possível preparar os resultados",
        "Les résultats n'ont pas pu être préparés",
    ),
    "no_data": _t(
        "Este levantamiento aún no tiene entrevistas completas.",
        "This wave has no completed interviews yet.",
        "Este levantamento ainda não tem entrevistas completas.",
        "Cette vague n'a pas encore d'entretiens complets.",
    ),
    "key_figures": _t("Cifras principales", "Key figures", "Números principais", "Chiffres clés"),
    "all_indicators": _t(
        "Todos los indicadores", "All indicators", "Todos os indicadores", "Tous les indicateurs"
    ),
    "quality_note": _t(
        "Intervalos al {level}%. Calidad según el CV y los tamaños de muestra de la regla {rules}.",
        "{level}% intervals. Quality from the CV and sample sizes under the {rules} rule.",
        "Intervalos de {level}%. Qualidade pelo CV e tamanhos de amostra da regra {rules}.",
        "Intervalles à {level} %. Qualité selon le CV et les effectifs de la règle {rules}.",
    ),
    "q_high": _t("alta", "high", "alta", "élevée"),
    "q_moderate": _t("moderada", "moderate", "moderada", "modérée"),
    "q_low": _t("baja", "low", "baixa", "faible"),
    "q_insufficient": _t("insuficiente", "insufficient", "insuficiente", "insuffisante"),
    "uploads": _t(
        "Datos administrativos",
        "Administrative data",
        "Dados administrativos",
        "Données administratives",
    ),
}


def text(key: str, language: str, **values: object) -> str:
    """The text of ``key`` in ``language`` (English when missing)."""
    entry = TEXTS[key]
    value = entry.get(language) or entry["en"]
    return value.format(**values) if values else value
