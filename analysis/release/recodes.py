"""Labels of the variables a public edition publishes grouped or top-coded.

Disclosure control writes an age as the lower limit of its group (30 for
30 to 44) and a count above its cap as the cap; the files' labels still said
"How old are you?" with no value labels, so ``dem_age = 30`` read as thirty
years old. :func:`describe_recodes` gives such a variable value labels for
its groups (``30 = 30–44``, ``75 = 75+``) or its cap (``6 = 6+``) and says
the recode in its derivation, in the release's language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from analysis.i18n import lookup, tr
from analysis.release.model import FileName, Release, Variable

__all__ = ["describe_recodes"]

_TEXT: dict[str, dict[str, str]] = {
    "bands": tr(
        "Edición pública: agrupado; el valor es el límite inferior de su grupo ({groups}).",
        "Public edition: grouped; the value is the lower limit of its group ({groups}).",
        "Edição pública: agrupado; o valor é o limite inferior do seu grupo ({groups}).",
        "Édition publique\u00a0: regroupé\u00a0; la valeur est la limite inférieure de son groupe ({groups}).",
    ),
    "cap": tr(
        "Edición pública: los valores mayores que {cap} se publican como {cap}.",
        "Public edition: values above {cap} are published as {cap}.",
        "Edição pública: valores acima de {cap} são publicados como {cap}.",
        "Édition publique\u00a0: les valeurs supérieures à {cap} sont publiées comme {cap}.",
    ),
}


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _band_labels(edges: Sequence[float]) -> dict[int, str]:
    """``{18: "18–29", ..., 75: "75+"}`` for whole-number edges (ages, sizes)."""
    labels: dict[int, str] = {}
    for i, edge in enumerate(edges):
        if i + 1 < len(edges):
            labels[int(edge)] = f"{_number(edge)}–{_number(edges[i + 1] - 1)}"
        else:
            labels[int(edge)] = f"{_number(edge)}+"
    return labels


def _described(
    var: Variable, derivation: str, labels: Mapping[int, str], *, banded: bool
) -> Variable:
    """``var`` with ``labels`` added and ``derivation`` said. A banded variable keeps only
    its special answers' labels (-8, -9): a label of a code no longer published would
    mislead; a capped one keeps its own (a scale's top label says more than '5+')."""
    kept = {c: t for c, t in var.value_labels.items() if c < 0 or not banded}
    return replace(
        var,
        value_labels={**{c: t for c, t in labels.items() if c not in kept}, **kept},
        derivation=f"{var.derivation} {derivation}" if var.derivation else derivation,
    )


def describe_recodes(
    release: Release,
    *,
    bands: Mapping[str, Sequence[float]],
    caps: Mapping[str, float],
) -> Release:
    """``release`` with value labels and a derivation for each grouped or top-coded column.

    Parameters
    ----------
    release : Release
        A public edition after disclosure control.
    bands : mapping of str to sequence of float
        Column to the lower edges of its groups (the last group is open).
    caps : mapping of str to float
        Column to the cap its values were top-coded at (finite).

    Returns
    -------
    Release
        The same files; the variables of those columns relabelled. Text columns
        and columns the release does not have are left alone.
    """
    language = release.language
    variables: dict[FileName, tuple[Variable, ...]] = {}
    for name, described in release.variables.items():
        out = []
        for var in described:
            if var.numeric and var.name in bands and bands[var.name]:
                edges = sorted(bands[var.name])
                groups = ", ".join(_band_labels(edges).values())
                text = lookup(_TEXT, "bands", language, groups=groups)
                whole = all(float(e).is_integer() for e in edges)
                var = _described(var, text, _band_labels(edges) if whole else {}, banded=True)
            elif var.numeric and var.name in caps:
                cap = caps[var.name]
                text = lookup(_TEXT, "cap", language, cap=_number(cap))
                labels = {int(cap): f"{_number(cap)}+"} if float(cap).is_integer() else {}
                var = _described(var, text, labels, banded=False)
            out.append(var)
        variables[name] = tuple(out)
    return replace(release, variables=variables)
