"""Catalogue entries of the media, youth, coexistence, protection and participation modules.

The questions (``media_``, ``youth_``, ``inc_offender_age``, ``dis_``,
``nbhd_sat_``, ``prot_``, ``part_`` in ``vict_std``) and their sources are
in questionnaires/docs/naming.md; the indicators in docs/indicators.md.
"""

from __future__ import annotations

from analysis.i18n import tr
from analysis.indicators.conditions import (
    AllOf,
    Always,
    AnyOf,
    Between,
    Condition,
    Is,
    Not,
    Score,
    ValueOf,
)
from analysis.indicators.definition import Indicator, Text, fmt, item_label, share

__all__ = ["DISORDER_ITEMS", "topic_indicators"]

#: ENVIPE's neighbourhood behaviours, in questionnaire order (``dis_<key>``)
DISORDER_ITEMS: tuple[str, ...] = (
    "drinking",
    "drugs",
    "gangs",
    "vandalism",
    "shots",
    "robbery",
    "fights",
)
_SATISFACTION = ("lighting", "spaces", "life")
_CONTACT = (11, 13, 14, 15, 18)  # crime types whose incidents ask the offenders' age
_YOUNG = Is("inc_offender_age", (1, 2))  # under 18, 18-29
_AGE_KNOWN = Is("inc_offender_age", (1, 2, 3, 4))
_FOLLOWS_ANSWERED = Is("media_freq", (1, 2, 3, 4, 5))
_PROTECTION_ANSWERED = AnyOf((Is("prot_any", (1,)), Is("prot_measures__0", (1,))))
_COST_GIVEN = Between("prot_cost", 0.0, float("inf"))


def _media() -> list[Indicator]:
    social = AnyOf((Is("media_channels__5", (1,)), Is("media_channels__6", (1,))))
    return [
        share(
            "media_exposure",
            "media",
            "media_freq",
            (1, 2),
            (1, 2, 3, 4, 5),
            tr(
                "Exposición a noticias sobre delincuencia",
                "Exposure to crime news",
                "Exposição a notícias sobre criminalidade",
                "Exposition aux informations sur la délinquance",
            ),
            tr(
                "Personas que ven, escuchan o leen noticias sobre delincuencia todos o casi todos los días o varias veces a la semana, entre las que respondieron (se excluye «no sabe»).",
                "Persons who watch, listen to or read crime news every day or almost, or several times a week, over those who answered (don't know excluded).",
                "Pessoas que veem, ouvem ou leem notícias sobre criminalidade todos ou quase todos os dias ou várias vezes por semana, entre as que responderam (exclui «não sabe»).",
                "Personnes qui regardent, écoutent ou lisent des informations sur la délinquance tous les jours ou presque, ou plusieurs fois par semaine, parmi les répondants («\u00a0ne sait pas\u00a0» exclu).",
            ),
        ),
        Indicator(
            id="media_social",
            group="media",
            name=tr(
                "Se informa de la delincuencia por redes sociales o mensajería",
                "Gets crime news from social networks or messaging groups",
                "Informa-se sobre a criminalidade por redes sociais ou mensagens",
                "S'informe sur la délinquance par les réseaux sociaux ou les messageries",
            ),
            definition=tr(
                "Personas que se enteran de noticias sobre delincuencia por redes sociales o grupos de mensajería, entre las que respondieron sobre su frecuencia (quienes nunca las siguen cuentan como «no»).",
                "Persons who hear crime news through social networks or messaging groups, over those who said how often they follow it (those who never do count as 'no').",
                "Pessoas que ficam sabendo de notícias sobre criminalidade por redes sociais ou grupos de mensagens, entre as que responderam sobre a frequência (quem nunca as acompanha conta como «não»).",
                "Personnes qui prennent connaissance des informations sur la délinquance par les réseaux sociaux ou des groupes de messagerie, parmi celles qui ont indiqué leur fréquence (celles qui ne les suivent jamais comptent comme «\u00a0non\u00a0»).",
            ),
            level="person",
            unit="percent",
            estimator="proportion",
            numerator=social,
            denominator=_FOLLOWS_ANSWERED,
            unknown=Is("media_channels__5", (-8,)),
        ),
        share(
            "media_local",
            "media",
            "media_where",
            (1,),
            (1, 2, 3),
            tr(
                "Las noticias de delincuencia que recibe son sobre todo locales",
                "Crime news received is mostly local",
                "As notícias sobre criminalidade recebidas são sobretudo locais",
                "Les informations sur la délinquance reçues sont surtout locales",
            ),
            tr(
                "Personas cuyas noticias sobre delincuencia son sobre todo de su barrio o municipio, entre las que siguen esas noticias.",
                "Persons whose crime news is mostly about their own neighbourhood or municipality, over those who follow such news.",
                "Pessoas cujas notícias sobre criminalidade são principalmente do seu bairro ou município, entre as que acompanham essas notícias.",
                "Personnes dont les informations sur la délinquance portent surtout sur leur quartier ou leur commune, parmi celles qui suivent ces informations.",
            ),
        ),
    ]


def _youth() -> list[Indicator]:
    out = [
        Indicator(
            id="youth_share_perceived",
            group="youth",
            name=tr(
                "Proporción percibida de delitos cometidos por jóvenes",
                "Perceived share of crime committed by young people",
                "Proporção percebida de crimes cometidos por jovens",
                "Part perçue des infractions commises par des jeunes",
            ),
            definition=tr(
                "Promedio, en porcentaje, de cuántos de cada 10 delitos del barrio creen las personas que cometen jóvenes menores de 30 años, entre quienes respondieron (se excluye «no sabe»).",
                "Mean, as a percentage, of how many of every 10 crimes in their area people think are committed by young people under 30, over those who answered (don't know excluded).",
                "Média, em porcentagem, de quantos de cada 10 crimes do bairro as pessoas acham que são cometidos por jovens com menos de 30 anos, entre quem respondeu (exclui «não sabe»).",
                "Moyenne, en pourcentage, du nombre d'infractions sur 10 commises dans le quartier que les personnes attribuent à des jeunes de moins de 30 ans, parmi les répondants («\u00a0ne sait pas\u00a0» exclu).",
            ),
            level="person",
            unit="percent",
            estimator="mean",
            numerator=ValueOf("youth_share", scale=0.1),
            denominator=Between("youth_share", 0.0, 10.0),
        ),
        share(
            "youth_trend_up",
            "youth",
            "youth_trend",
            (1,),
            (1, 2, 3),
            tr(
                "Cree que la delincuencia juvenil aumentó",
                "Thinks youth crime increased",
                "Acha que a criminalidade juvenil aumentou",
                "Pense que la délinquance des jeunes a augmenté",
            ),
            tr(
                "Personas que creen que la delincuencia cometida por jóvenes en su zona aumentó respecto de hace un año.",
                "Persons who think crime committed by young people in their area increased compared with a year ago.",
                "Pessoas que acham que a criminalidade cometida por jovens no seu bairro aumentou em relação ao ano anterior.",
                "Personnes pensant que la délinquance commise par des jeunes dans leur quartier a augmenté par rapport à l'an dernier.",
            ),
        ),
        Indicator(
            id="youth_share_incidents",
            group="youth",
            name=tr(
                "Delitos cometidos por jóvenes, según las víctimas",
                "Crimes committed by young people, as victims report",
                "Crimes cometidos por jovens, segundo as vítimas",
                "Infractions commises par des jeunes, selon les victimes",
            ),
            definition=tr(
                "Delitos con contacto (robo con violencia, agresión, amenazas, delito sexual, secuestro) cuyo agresor tenía menos de 30 años (la mayoría, si eran varios), entre los de edad conocida (peso de incidente).",
                "Contact crimes (robbery, assault, threats, sexual offences, kidnapping) whose offender was under 30 (most of them, if several), over those with a known age (incident weight).",
                "Crimes com contato (roubo, agressão, ameaças, crime sexual, sequestro) cujo agressor tinha menos de 30 anos (a maioria, se eram vários), entre os de idade conhecida (peso de ocorrência).",
                "Infractions avec contact (vol avec violence, agression, menaces, infraction sexuelle, enlèvement) dont l'auteur avait moins de 30 ans (la plupart, s'ils étaient plusieurs), parmi celles dont l'âge est connu (poids d'incident).",
            ),
            level="incident",
            unit="percent",
            estimator="ratio",
            numerator=_YOUNG,
            denominator=AllOf((Is("inc_crime", _CONTACT), _AGE_KNOWN)),
        ),
        Indicator(
            id="youth_share_victims",
            group="youth",
            name=tr(
                "Víctimas de agresores jóvenes",
                "Victims of young offenders",
                "Vítimas de agressores jovens",
                "Victimes d'auteurs jeunes",
            ),
            definition=tr(
                "Víctimas de delitos con contacto con al menos un incidente descrito cuyo agresor tenía menos de 30 años, entre las víctimas con la edad del agresor conocida en algún incidente descrito (peso de persona).",
                "Victims of contact crimes with at least one described incident whose offender was under 30, over victims with the offender's age known in some described incident (person weight).",
                "Vítimas de crimes com contato com pelo menos uma ocorrência descrita cujo agressor tinha menos de 30 anos, entre as vítimas com a idade do agressor conhecida em alguma ocorrência descrita (peso de pessoa).",
                "Victimes d'infractions avec contact ayant au moins un incident décrit dont l'auteur avait moins de 30 ans, parmi les victimes dont l'âge de l'auteur est connu pour un incident décrit (poids de personne).",
            ),
            level="victim",
            unit="percent",
            estimator="proportion",
            numerator=_YOUNG,
            denominator=AllOf((Is("inc_crime", _CONTACT), _AGE_KNOWN)),
            once_per_victim=True,
        ),
    ]
    gap = tr(
        "Brecha entre la proporción percibida y la real de delitos de jóvenes ({x})",
        "Gap between the perceived and the actual youth share of offenders ({x})",
        "Diferença entre a proporção percebida e a real de crimes de jovens ({x})",
        "Écart entre la part perçue et la part réelle des jeunes parmi les auteurs ({x})",
    )
    gap_def = tr(
        "Proporción percibida de delitos cometidos por jóvenes menos {x}, en puntos porcentuales; positiva cuando se cree que los jóvenes cometen más delitos de los que las víctimas describen. El intervalo tiene en cuenta que ambas cifras vienen de las mismas personas y UPM.",
        "Perceived share of crime committed by young people minus {x}, in percentage points; positive when people think young people commit more crime than victims describe. The interval allows for both figures coming from the same persons and PSUs.",
        "Proporção percebida de crimes cometidos por jovens menos {x}, em pontos percentuais; positiva quando se acha que os jovens cometem mais crimes do que as vítimas descrevem. O intervalo leva em conta que ambos os números vêm das mesmas pessoas e UPA.",
        "Part perçue des infractions commises par des jeunes moins {x}, en points de pourcentage\u00a0; positif quand on pense que les jeunes commettent plus d'infractions que ce que décrivent les victimes. L'intervalle tient compte du fait que les deux chiffres viennent des mêmes personnes et UPE.",
    )
    for key, actual, words in (
        (
            "incidents",
            "youth_share_incidents",
            tr(
                "en los delitos",
                "in crimes",
                "nos crimes",
                "dans les infractions",
            ),
        ),
        (
            "victims",
            "youth_share_victims",
            tr("en las víctimas", "in victims", "nas vítimas", "chez les victimes"),
        ),
    ):
        subtrahend = tr(
            f"la proporción real {words['es']}",
            f"the actual share {words['en']}",
            f"a proporção real {words['pt']}",
            f"la part réelle {words['fr']}",
        )
        out.append(
            Indicator(
                id=f"youth_gap_{key}",
                group="youth",
                name=fmt(gap, x=words),
                definition=fmt(gap_def, x=subtrahend),
                level="person",
                unit="points",
                estimator="difference",
                numerator=Always(),
                denominator=Always(),
                parts=("youth_share_perceived", actual),
            )
        )
    return out


def _coexistence() -> list[Indicator]:
    items = tuple(f"dis_{key}" for key in DISORDER_ITEMS)
    out = [
        Indicator(
            id="disorder_index",
            group="coexistence",
            name=tr(
                "Índice de desorden en el barrio",
                "Neighbourhood disorder index",
                "Índice de desordem no bairro",
                "Indice de désordre dans le quartier",
            ),
            definition=tr(
                "Número promedio, de 0 a 7, de situaciones que la persona sabe que ocurren alrededor de su vivienda (consumo de alcohol en la calle, venta de droga, pandillas, vandalismo, disparos, robos o asaltos, peleas entre vecinos; lista de la ENVIPE), entre quienes respondieron a las siete.",
                "Mean number, from 0 to 7, of the situations the person knows happen around their home (drinking in the street, drug selling, gangs, vandalism, shootings, robberies or muggings, fights among neighbours; ENVIPE's list), over those who answered all seven.",
                "Número médio, de 0 a 7, de situações que a pessoa sabe que acontecem nos arredores da sua casa (consumo de álcool na rua, venda de drogas, gangues, vandalismo, tiroteios, roubos ou assaltos, brigas entre vizinhos; lista da ENVIPE), entre quem respondeu às sete.",
                "Nombre moyen, de 0 à 7, de situations dont la personne sait qu'elles se produisent autour de son logement (alcool dans la rue, vente de drogue, bandes, vandalisme, tirs, vols ou agressions, bagarres entre voisins\u00a0; liste de l'ENVIPE), parmi celles qui ont répondu aux sept.",
            ),
            level="person",
            unit="mean",
            estimator="mean",
            numerator=Score(tuple(Is(item, (1,)) for item in items)),
            denominator=Always(),
            unknown=Not(AllOf(tuple(Is(item, (1, 2)) for item in items))),
        )
    ]
    for key in DISORDER_ITEMS:
        code = f"dis_{key}"
        label = item_label(code)
        out.append(
            share(
                f"disorder_{key}",
                "coexistence",
                code,
                (1,),
                (1, 2),
                fmt(
                    tr(
                        "En los alrededores de su vivienda {b}",
                        "Around their home: {b}",
                        "Nos arredores da sua casa: {b}",
                        "Autour de leur logement\u00a0: {b}",
                    ),
                    b=label,
                ),
                fmt(
                    tr(
                        "Personas que saben o han escuchado que alrededor de su vivienda {b}, entre las que respondieron (lista de la ENVIPE).",
                        "Persons who know or have heard of this around their home: {b}; over those who answered (ENVIPE's list).",
                        "Pessoas que sabem ou ouviram falar que nos arredores da sua casa há {b}, entre as que responderam (lista da ENVIPE).",
                        "Personnes qui savent ou ont entendu dire qu'autour de leur logement {b}, parmi les répondants (liste de l'ENVIPE).",
                    ),
                    b=label,
                ),
            )
        )
    for key in _SATISFACTION:
        code = f"nbhd_sat_{key}"
        label = item_label(code)
        out.append(
            share(
                f"satisfied_{key}",
                "coexistence",
                code,
                (1, 2),
                (1, 2, 3, 4),
                fmt(
                    tr(
                        "Satisfecho con {x} del barrio",
                        "Satisfied with {x} in the neighbourhood",
                        "Satisfeito com {x} do bairro",
                        "Satisfait de {x} du quartier",
                    ),
                    x=label,
                ),
                fmt(
                    tr(
                        "Personas muy o bastante satisfechas con {x} de su barrio, entre las que respondieron.",
                        "Persons very or fairly satisfied with {x} in their neighbourhood, over those who answered.",
                        "Pessoas muito ou razoavelmente satisfeitas com {x} do seu bairro, entre as que responderam.",
                        "Personnes très ou plutôt satisfaites de {x} de leur quartier, parmi les répondants.",
                    ),
                    x=label,
                ),
            )
        )
    return out


def _household(
    ident: str, name: Text, definition: Text, numerator: Condition | ValueOf, **more: object
) -> Indicator:
    mean = isinstance(numerator, ValueOf)
    return Indicator(
        id=ident,
        group="protection",
        name=name,
        definition=definition,
        level="household",
        unit="mean" if mean else "percent",
        estimator="mean" if mean else "proportion",
        numerator=numerator,
        denominator=_PROTECTION_ANSWERED,
        **more,  # type: ignore[arg-type]
    )


def _protection() -> list[Indicator]:
    return [
        _household(
            "protection_any",
            tr(
                "Hogares que tomaron medidas de protección",
                "Households that took protective measures",
                "Domicílios que adotaram medidas de proteção",
                "Ménages ayant pris des mesures de protection",
            ),
            tr(
                "Hogares que en los últimos 12 meses tomaron al menos una medida para protegerse de la delincuencia (cerraduras, rejas, alarmas, cámaras, vigilancia privada, perro, seguro), entre los que respondieron.",
                "Households that took at least one measure against crime in the last 12 months (locks, bars, alarms, cameras, private security, a dog, insurance), over those who answered.",
                "Domicílios que nos últimos 12 meses adotaram pelo menos uma medida contra a criminalidade (fechaduras, grades, alarmes, câmeras, segurança privada, cão, seguro), entre os que responderam.",
                "Ménages ayant pris au moins une mesure contre la délinquance au cours des 12 derniers mois (serrures, grilles, alarmes, caméras, sécurité privée, chien, assurance), parmi les répondants.",
            ),
            Is("prot_any", (1,)),
        ),
        _household(
            "private_security",
            tr(
                "Hogares que contrataron seguridad privada",
                "Households that hired private security",
                "Domicílios que contrataram segurança privada",
                "Ménages ayant engagé une sécurité privée",
            ),
            tr(
                "Hogares que en los últimos 12 meses contrataron vigilancia o una empresa de seguridad privada, entre los que respondieron.",
                "Households that hired a guard or a private security company in the last 12 months, over those who answered.",
                "Domicílios que nos últimos 12 meses contrataram vigia ou empresa de segurança privada, entre os que responderam.",
                "Ménages ayant engagé un gardien ou une société de sécurité privée au cours des 12 derniers mois, parmi les répondants.",
            ),
            Is("prot_measures__5", (1,)),
        ),
        Indicator(
            id="protection_spending",
            group="protection",
            name=tr(
                "Gasto promedio en protección de los hogares que tomaron medidas",
                "Mean spending on protection, households that took measures",
                "Gasto médio com proteção dos domicílios que adotaram medidas",
                "Dépense moyenne de protection des ménages ayant pris des mesures",
            ),
            definition=tr(
                "Gasto promedio (moneda nacional, últimos 12 meses) en medidas de protección de los hogares que tomaron alguna; se excluyen los montos «no sabe», cuya proporción se publica.",
                "Mean spending (national currency, last 12 months) on protective measures of the households that took any; amounts answered 'don't know' are left out and their share published.",
                "Gasto médio (moeda nacional, últimos 12 meses) com medidas de proteção dos domicílios que adotaram alguma; excluem-se os valores «não sabe», cuja proporção é publicada.",
                "Dépense moyenne (monnaie nationale, 12 derniers mois) en mesures de protection des ménages qui en ont pris\u00a0; les montants «\u00a0ne sait pas\u00a0» sont exclus et leur part publiée.",
            ),
            level="household",
            unit="mean",
            estimator="mean",
            numerator=ValueOf("prot_cost"),
            denominator=Is("prot_any", (1,)),
            unknown=Not(_COST_GIVEN),
        ),
        _household(
            "protection_spending_all",
            tr(
                "Gasto promedio en protección por hogar",
                "Mean spending on protection per household",
                "Gasto médio com proteção por domicílio",
                "Dépense moyenne de protection par ménage",
            ),
            tr(
                "Gasto promedio (moneda nacional, últimos 12 meses) en medidas de protección por hogar, con 0 para los hogares que no tomaron ninguna; se excluyen los montos «no sabe», cuya proporción se publica.",
                "Mean spending (national currency, last 12 months) on protective measures per household, 0 for households that took none; amounts answered 'don't know' are left out and their share published.",
                "Gasto médio (moeda nacional, últimos 12 meses) com medidas de proteção por domicílio, 0 para os que não adotaram nenhuma; excluem-se os valores «não sabe», cuja proporção é publicada.",
                "Dépense moyenne (monnaie nationale, 12 derniers mois) en mesures de protection par ménage, 0 pour les ménages n'en ayant pris aucune\u00a0; les montants «\u00a0ne sait pas\u00a0» sont exclus et leur part publiée.",
            ),
            ValueOf("prot_cost", zero_when=Is("prot_measures__0", (1,))),
            unknown=AllOf((Is("prot_any", (1,)), Not(_COST_GIVEN))),
        ),
    ]


def _participation() -> list[Indicator]:
    took_part = AnyOf((Is("part_meeting", (1,)), Is("part_joint", (1,))))
    neither = AllOf((Is("part_meeting", (2,)), Is("part_joint", (2,))))
    out = [
        Indicator(
            id="participation",
            group="participation",
            name=tr(
                "Participación vecinal en seguridad",
                "Taking part in neighbourhood safety",
                "Participação comunitária em segurança",
                "Participation à la sécurité du quartier",
            ),
            definition=tr(
                "Personas que en los últimos 12 meses asistieron a una reunión sobre la seguridad del barrio o se organizaron con sus vecinos para hacer algo por la seguridad, entre las de respuesta conocida (se excluye «prefiero no responder»).",
                "Persons who in the last 12 months attended a meeting about safety in their neighbourhood or organised something for safety with their neighbours, over those with a known answer ('prefer not to answer' excluded).",
                "Pessoas que nos últimos 12 meses participaram de uma reunião sobre a segurança do bairro ou se organizaram com os vizinhos para fazer algo pela segurança, entre as de resposta conhecida (exclui «prefiro não responder»).",
                "Personnes ayant, au cours des 12 derniers mois, assisté à une réunion sur la sécurité du quartier ou organisé quelque chose pour la sécurité avec leurs voisins, parmi celles dont la réponse est connue («\u00a0préfère ne pas répondre\u00a0» exclu).",
            ),
            level="person",
            unit="percent",
            estimator="proportion",
            numerator=took_part,
            denominator=Always(),
            unknown=Not(AnyOf((took_part, neither))),
        )
    ]
    # (name, what the persons did, in the third person: the questionnaire's labels speak to
    # the respondent, "attend a meeting ... about safety in your neighbourhood")
    parts: dict[str, tuple[Text, Text]] = {
        "meeting": (
            tr(
                "Asistió a reuniones sobre la seguridad del barrio",
                "Attended meetings about neighbourhood safety",
                "Participou de reuniões sobre a segurança do bairro",
                "A assisté à des réunions sur la sécurité du quartier",
            ),
            tr(
                "asistieron a alguna reunión de vecinos o con autoridades sobre la seguridad del barrio",
                "attended a meeting of neighbours, or with the authorities, about safety in their neighbourhood",
                "participaram de alguma reunião de vizinhos ou com autoridades sobre a segurança do bairro",
                "assisté à une réunion de voisins, ou avec les autorités, sur la sécurité du quartier",
            ),
        ),
        "joint": (
            tr(
                "Se organizó con sus vecinos por la seguridad",
                "Organised something for safety with the neighbours",
                "Organizou-se com os vizinhos pela segurança",
                "S'est organisé avec ses voisins pour la sécurité",
            ),
            tr(
                "se organizaron con sus vecinos para hacer algo por la seguridad (vigilancia vecinal, grupo de alerta, alarmas o alumbrado)",
                "organised something with their neighbours for safety (neighbourhood watch, an alert group, alarms or lighting)",
                "se organizaram com os vizinhos para fazer algo pela segurança (vigilância comunitária, grupo de alerta, alarmes ou iluminação)",
                "organisé quelque chose avec leurs voisins pour la sécurité (surveillance de voisinage, groupe d'alerte, alarmes ou éclairage)",
            ),
        ),
    }
    for key, (name, did) in parts.items():
        code = f"part_{key}"
        out.append(
            share(
                f"participation_{key}",
                "participation",
                code,
                (1,),
                (1, 2),
                name,
                fmt(
                    tr(
                        "Personas que en los últimos 12 meses {x}, entre las que respondieron (se excluye «prefiero no responder»).",
                        "Persons who in the last 12 months {x}, over those who answered ('prefer not to answer' excluded).",
                        "Pessoas que nos últimos 12 meses {x}, entre as que responderam (exclui «prefiro não responder»).",
                        "Personnes qui, au cours des 12 derniers mois, ont {x}, parmi les répondants (hors «\u00a0préfère ne pas répondre\u00a0»).",
                    ),
                    x=did,
                ),
            )
        )
    out.append(
        share(
            "trust_localgov",
            "participation",
            "part_trust_localgov",
            (1, 2),
            (1, 2, 3, 4),
            tr(
                "Confianza en el gobierno municipal para enfrentar la delincuencia",
                "Trust in the municipal government to deal with crime",
                "Confiança na prefeitura para enfrentar a criminalidade",
                "Confiance dans la municipalité pour faire face à la délinquance",
            ),
            tr(
                "Personas con mucha o algo de confianza en el gobierno de su municipio para enfrentar la delincuencia, entre las que respondieron (se excluye «no sabe»).",
                "Persons with much or some trust in their municipal government to deal with crime, over those who answered (don't know excluded).",
                "Pessoas com muita ou alguma confiança na prefeitura do seu município para enfrentar a criminalidade, entre as que responderam (exclui «não sabe»).",
                "Personnes ayant beaucoup ou une certaine confiance dans leur municipalité pour faire face à la délinquance, parmi les répondants («\u00a0ne sait pas\u00a0» exclu).",
            ),
        )
    )
    return out


def topic_indicators() -> list[Indicator]:
    """Media, youth (perceived vs actual), coexistence, protection and participation, in order."""
    return _media() + _youth() + _coexistence() + _protection() + _participation()
