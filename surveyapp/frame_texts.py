"""Words of the frame every page shares (site name, skip link, menus, footer) in es, en, pt, fr.

The observatory's and the staff pages' tables both start from these.
"""

from __future__ import annotations

from analysis.i18n import tr

__all__ = ["FRAME"]

FRAME: dict[str, dict[str, str]] = {
    "site_name": tr(
        "Encuesta de victimización",
        "Victimization survey",
        "Pesquisa de vitimização",
        "Enquête de victimation",
    ),
    "skip_link": tr(
        "Saltar al contenido principal",
        "Skip to main content",
        "Ir para o conteúdo principal",
        "Aller au contenu principal",
    ),
    "site_menu": tr("Menú del sitio", "Site menu", "Menu do site", "Menu du site"),
    "staff_login": tr(
        "Acceso del personal", "Staff login", "Acesso da equipe", "Connexion du personnel"
    ),
    "footer": tr(
        "Encuesta ciudadana de victimización y percepción de inseguridad",
        "Citizen victimization and fear-of-crime survey",
        "Pesquisa cidadã de vitimização e percepção de insegurança",
        "Enquête citoyenne de victimation et de sentiment d'insécurité",
    ),
    "observatory": tr("Observatorio", "Observatory", "Observatório", "Observatoire"),
    "language": tr("Idioma", "Language", "Idioma", "Langue"),
}
