"""A wave's disclosure-control policy: what the public edition drops, coarsens and suppresses.

:class:`DisclosurePolicy` is a frozen dataclass whose defaults are the policy of
the standard questionnaire ``vict_std`` (:func:`default_policy`, argued in
``analysis/docs/disclosure.md``). :meth:`DisclosurePolicy.from_mapping` reads
the declared, per-wave form (a JSON/YAML mapping) and names the bad key or
value; :meth:`DisclosurePolicy.to_dict` writes it back, so the policy can be
stored with the release.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Literal, cast

from analysis.crime_types import HOUSEHOLD_STEMS, PERSONAL_STEMS

__all__ = [
    "Alias",
    "DateRule",
    "DisclosurePolicy",
    "FileKey",
    "Geography",
    "KeyVariable",
    "PolicyError",
    "TopCode",
    "default_policy",
]

#: The files of a release, as :func:`analysis.disclosure.apply_policy` takes them.
FileKey = Literal["respondents", "incidents", "households"]
FILE_KEYS: tuple[FileKey, ...] = ("respondents", "incidents", "households")
DateUnit = Literal["month", "quarter"]
_QUANTILE = re.compile(r"^p(\d{1,2}(?:\.\d+)?)$")


class PolicyError(ValueError):
    """A policy mapping with a bad key or value; ``key`` names it (``top_codes.dem_age``)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"disclosure policy, {key}: {message}")
        self.key = key


@dataclass(frozen=True)
class DateRule:
    """Dates of ``column`` (``YYYY-MM-DD`` or ``YYYY-MM``) coarsened to ``unit``."""

    column: str
    unit: DateUnit


@dataclass(frozen=True)
class TopCode:
    """Values of the columns matching ``pattern`` above a cap become the cap.

    The cap is ``cap`` or, with ``quantile`` (``"p99"`` in the mapping), the
    unweighted quantile of the file's non-negative values. Negative values are
    special answers (-8 don't know, -9 refused) and stay.
    """

    pattern: str
    cap: float | None = None
    quantile: float | None = None


@dataclass(frozen=True)
class Bands:
    """Values of ``column`` replaced by the lower edge of their band; the last band is open."""

    column: str
    edges: tuple[float, ...]


@dataclass(frozen=True)
class Geography:
    """Areas of ``column`` with fewer than ``threshold`` inhabitants are coarsened.

    The small areas of one ``parent`` area are pooled into the code
    ``<parent><suffix>`` when together they reach the threshold, else the
    column is blanked (the parent stays).
    """

    column: str
    parent: str
    threshold: float
    suffix: str = "999"


@dataclass(frozen=True)
class KeyVariable:
    """A key estimate for the utility report: weighted share of ``column`` in ``values``.

    Computed in ``file`` with the weight ``weight`` over every row but those
    with a special answer (negative code); a blank (not asked, as a 12-month
    screener after a "no" over five years) counts as not in ``values``.
    Nationally and by each quasi-identifier the file carries.
    """

    name: str
    column: str
    values: tuple[float, ...]
    file: FileKey = "respondents"
    weight: str = "weight"


@dataclass(frozen=True)
class Alias:
    """``column`` of ``file`` repeats the respondent's quasi-identifier ``source``.

    A blank made in ``source`` is made in ``column`` too, on the respondent's
    rows of ``file``: those where ``rows`` is 1 (the household roster's
    ``selected`` line), or all of them when ``rows`` is None.
    """

    file: FileKey
    column: str
    source: str
    rows: str | None = None


def _crime_keys() -> tuple[KeyVariable, ...]:
    personal = tuple(KeyVariable(f"victim_{s}", f"pv_{s}_12m", (1.0,)) for s in PERSONAL_STEMS)
    household = tuple(
        KeyVariable(f"victim_{s}", f"hv_{s}_12m", (1.0,), weight="weight_household")
        for s in HOUSEHOLD_STEMS
    )
    return personal + household


def _default_keys() -> tuple[KeyVariable, ...]:
    return (
        *_crime_keys(),
        KeyVariable("safe_after_dark", "per_dark", (1.0, 2.0)),
        KeyVariable("incident_reported", "inc_reported", (1.0,), "incidents", "inc_weight"),
    )


@dataclass(frozen=True)
class DisclosurePolicy:
    """What the public edition of a wave may show.

    The defaults are the policy of the standard questionnaire (see
    ``analysis/docs/disclosure.md`` for the reasons).

    Attributes
    ----------
    k : int
        Every respondent shares its quasi-identifiers with at least ``k - 1``
        others (a blank matches any value, as in sdcMicro with alpha = 1).
    quasi_identifiers : tuple of str
        Columns an intruder may know, from the most to the least important:
        local suppression blanks the least important first.
    drop : tuple of str
        Columns (``fnmatch`` patterns) removed from every file: direct
        identifiers, paradata, selection probabilities.
    keep_text : tuple of str
        Text columns kept; every other text column (free text) is dropped.
    dates : tuple of DateRule
    top_codes : tuple of TopCode
    bands : tuple of Bands
    geography : tuple of Geography
    pseudonymize : tuple of str
        Identifier columns replaced by random codes, the same in every file.
    link : str
        The respondent identifier that links the files.
    weight : str
        The respondent weight (estimated population frequencies, risk).
    cluster : str or None
        The PSU column: a blanked ``cluster_keys`` value would be given away
        by the other respondents of its PSU, so it is blanked in the whole PSU.
    cluster_keys : tuple of str
    key_variables : tuple of KeyVariable
        The key estimates of the utility report.
    aliases : tuple of Alias
        Columns of the other files that repeat a quasi-identifier under
        another name (the roster's sex, age and size): they get its blanks.
    """

    k: int = 3
    quasi_identifiers: tuple[str, ...] = ("state", "municipality", "dem_sex", "dem_age", "hh_size")
    drop: tuple[str, ...] = (
        "p_psu",
        "p_household",
        "block",
        "household",
        "person",
        "name*",
        "*_name",
        "address*",
        "phone*",
        "email*",
        "gps_*",
        "latitude",
        "longitude",
        "interviewer*",
        "device*",
        "started_at",
        "submitted_at",
        "ip*",
        "birthday*",
    )
    keep_text: tuple[str, ...] = ("interview_id", "wave", "state", "municipality", "stratum", "psu")
    dates: tuple[DateRule, ...] = (DateRule("inc_month", "quarter"),)
    top_codes: tuple[TopCode, ...] = (
        TopCode("pv_*_n", 10),
        TopCode("hv_*_n", 10),
        TopCode("inc_count", 10),
        TopCode("hh_size", 6),
        TopCode("hh_adults", 4),
        TopCode("roster_size", 8),
        TopCode("eligible_adults", 5),
        TopCode("dem_years_nbhd", 30),
        TopCode("inc_loss_value", quantile=0.99),
        TopCode("prot_cost", quantile=0.99),
    )
    bands: tuple[Bands, ...] = (
        Bands("dem_age", (18, 30, 45, 60, 75)),
        Bands("age", (0, 5, 12, 18, 30, 45, 60, 75)),
    )
    geography: tuple[Geography, ...] = (Geography("municipality", "state", 20_000),)
    pseudonymize: tuple[str, ...] = ("interview_id", "psu")
    link: str = "interview_id"
    weight: str = "weight"
    cluster: str | None = "psu"
    cluster_keys: tuple[str, ...] = ("state", "municipality")
    key_variables: tuple[KeyVariable, ...] = field(default_factory=_default_keys)
    aliases: tuple[Alias, ...] = (
        Alias("households", "sex", "dem_sex", "selected"),
        Alias("households", "age", "dem_age", "selected"),
        Alias("households", "roster_size", "hh_size"),
    )

    def __post_init__(self) -> None:
        if not isinstance(self.k, int) or isinstance(self.k, bool) or self.k < 1:
            raise PolicyError("k", f"must be a whole number of 1 or more; got {self.k!r}")
        if len(set(self.quasi_identifiers)) != len(self.quasi_identifiers):
            raise PolicyError("quasi_identifiers", "lists a column twice")
        for key in self.cluster_keys:
            if key not in self.quasi_identifiers:
                raise PolicyError("cluster_keys", f"{key!r} is not a quasi-identifier")

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any]) -> DisclosurePolicy:
        """The policy declared by ``mapping`` (the form of :meth:`to_dict`); absent keys default.

        Raises
        ------
        PolicyError
            Naming the unknown key or the bad value.
        """
        if not isinstance(mapping, Mapping):
            raise PolicyError("policy", f"must be a mapping; got {type(mapping).__name__}")
        known = {f.name for f in fields(cls)}
        unknown = sorted(str(k) for k in mapping if k not in known)
        if unknown:
            raise PolicyError(unknown[0], f"unknown key (known: {', '.join(sorted(known))})")
        values: dict[str, Any] = {}
        for key, value in mapping.items():
            values[key] = _READERS[key](key, value)
        if "quasi_identifiers" in values and "cluster_keys" not in values:
            # the default cluster keys that are still quasi-identifiers
            default = cls.__dataclass_fields__["cluster_keys"].default
            values["cluster_keys"] = tuple(
                c for c in cast(tuple[str, ...], default) if c in values["quasi_identifiers"]
            )
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """The policy as plain JSON values; ``from_mapping(to_dict())`` gives it back."""
        return {
            "k": self.k,
            "quasi_identifiers": list(self.quasi_identifiers),
            "drop": list(self.drop),
            "keep_text": list(self.keep_text),
            "dates": {d.column: d.unit for d in self.dates},
            "top_codes": {
                t.pattern: t.cap if t.quantile is None else f"p{_percent(t.quantile)}"
                for t in self.top_codes
            },
            "bands": {b.column: list(b.edges) for b in self.bands},
            "geography": [
                {
                    "column": g.column,
                    "parent": g.parent,
                    "threshold": g.threshold,
                    "suffix": g.suffix,
                }
                for g in self.geography
            ],
            "pseudonymize": list(self.pseudonymize),
            "link": self.link,
            "weight": self.weight,
            "cluster": self.cluster,
            "cluster_keys": list(self.cluster_keys),
            "key_variables": [
                {
                    "name": v.name,
                    "column": v.column,
                    "values": list(v.values),
                    "file": v.file,
                    "weight": v.weight,
                }
                for v in self.key_variables
            ],
            "aliases": [
                {"file": a.file, "column": a.column, "source": a.source, "rows": a.rows}
                for a in self.aliases
            ],
        }


def default_policy() -> DisclosurePolicy:
    """The documented policy of the standard questionnaire (``analysis/docs/disclosure.md``)."""
    return DisclosurePolicy()


def _percent(q: float) -> str:
    text = f"{q * 100:.6g}"
    return text


# --- readers of the mapping form, one per key ---------------------------------------------


def _names(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise PolicyError(key, f"must be a list of column names; got {value!r}")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item:
            raise PolicyError(f"{key}[{i}]", f"must be a column name; got {item!r}")
        out.append(item)
    return tuple(out)


def _name(key: str, value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise PolicyError(key, f"must be a column name; got {value!r}")
    return value


def _optional_name(key: str, value: Any) -> str | None:
    return None if value is None else _name(key, value)


def _number(key: str, value: Any, *, minimum: float | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise PolicyError(key, f"must be a number; got {value!r}")
    if minimum is not None and value < minimum:
        raise PolicyError(key, f"must be at least {minimum:g}; got {value!r}")
    return float(value)


def _table(key: str, value: Any) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise PolicyError(key, f"must be a mapping of column to setting; got {value!r}")
    for column in value:
        if not isinstance(column, str) or not column:
            raise PolicyError(key, f"column names must be text; got {column!r}")
    return value


def _read_k(key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise PolicyError(key, f"must be a whole number of 1 or more; got {value!r}")
    return value


def _read_dates(key: str, value: Any) -> tuple[DateRule, ...]:
    rules = []
    for column, unit in _table(key, value).items():
        if unit not in ("month", "quarter"):
            raise PolicyError(f"{key}.{column}", f"must be 'month' or 'quarter'; got {unit!r}")
        rules.append(DateRule(column, cast(DateUnit, unit)))
    return tuple(rules)


def _read_top_codes(key: str, value: Any) -> tuple[TopCode, ...]:
    codes = []
    for pattern, cap in _table(key, value).items():
        where = f"{key}.{pattern}"
        if isinstance(cap, str):
            found = _QUANTILE.match(cap)
            if not found or not 0 < float(found.group(1)) < 100:
                raise PolicyError(
                    where, f"must be a number or a percentile 'p1'..'p99'; got {cap!r}"
                )
            codes.append(TopCode(pattern, quantile=float(found.group(1)) / 100))
        else:
            codes.append(TopCode(pattern, _number(where, cap)))
    return tuple(codes)


def _read_bands(key: str, value: Any) -> tuple[Bands, ...]:
    out = []
    for column, edges in _table(key, value).items():
        where = f"{key}.{column}"
        if isinstance(edges, str) or not isinstance(edges, Sequence) or len(edges) < 2:
            raise PolicyError(where, f"must be a list of at least two band edges; got {edges!r}")
        numbers = tuple(_number(f"{where}[{i}]", e) for i, e in enumerate(edges))
        if any(b <= a for a, b in zip(numbers, numbers[1:], strict=False)):
            raise PolicyError(where, f"band edges must increase; got {list(edges)}")
        out.append(Bands(column, numbers))
    return tuple(out)


def _records(
    key: str, value: Any, needed: tuple[str, ...], optional: tuple[str, ...]
) -> list[tuple[str, Mapping[str, Any]]]:
    """The mappings of a list, each with its place (``geography[0]``); known keys only."""
    allowed = (*needed, *optional)
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise PolicyError(key, f"must be a list of {{{', '.join(needed)}}}; got {value!r}")
    out = []
    for i, item in enumerate(value):
        where = f"{key}[{i}]"
        if not isinstance(item, Mapping):
            raise PolicyError(where, f"must be a mapping; got {item!r}")
        extra = sorted(str(k) for k in item if k not in allowed)
        if extra:
            raise PolicyError(f"{where}.{extra[0]}", f"unknown key ({', '.join(allowed)})")
        for name in needed:
            if name not in item:
                raise PolicyError(f"{where}.{name}", "is missing")
        out.append((where, item))
    return out


def _file(where: str, value: Any) -> FileKey:
    if value not in FILE_KEYS:
        raise PolicyError(where, f"must be one of {', '.join(FILE_KEYS)}; got {value!r}")
    return cast(FileKey, value)


def _read_geography(key: str, value: Any) -> tuple[Geography, ...]:
    out = []
    for where, rule in _records(key, value, ("column", "parent", "threshold"), ("suffix",)):
        suffix = rule.get("suffix", "999")
        if not isinstance(suffix, str) or not suffix:
            raise PolicyError(f"{where}.suffix", f"must be text; got {suffix!r}")
        out.append(
            Geography(
                _name(f"{where}.column", rule["column"]),
                _name(f"{where}.parent", rule["parent"]),
                _number(f"{where}.threshold", rule["threshold"], minimum=0),
                suffix,
            )
        )
    return tuple(out)


def _read_key_variables(key: str, value: Any) -> tuple[KeyVariable, ...]:
    out = []
    for where, item in _records(key, value, ("name", "column", "values"), ("file", "weight")):
        codes = item["values"]
        if isinstance(codes, str) or not isinstance(codes, Sequence) or not codes:
            raise PolicyError(f"{where}.values", f"must be a list of codes; got {codes!r}")
        out.append(
            KeyVariable(
                _name(f"{where}.name", item["name"]),
                _name(f"{where}.column", item["column"]),
                tuple(_number(f"{where}.values[{j}]", c) for j, c in enumerate(codes)),
                _file(f"{where}.file", item.get("file", "respondents")),
                _name(f"{where}.weight", item.get("weight", "weight")),
            )
        )
    return tuple(out)


def _read_aliases(key: str, value: Any) -> tuple[Alias, ...]:
    return tuple(
        Alias(
            _file(f"{where}.file", item["file"]),
            _name(f"{where}.column", item["column"]),
            _name(f"{where}.source", item["source"]),
            _optional_name(f"{where}.rows", item.get("rows")),
        )
        for where, item in _records(key, value, ("file", "column", "source"), ("rows",))
    )


_READERS: dict[str, Any] = {
    "k": _read_k,
    "quasi_identifiers": _names,
    "drop": _names,
    "keep_text": _names,
    "dates": _read_dates,
    "top_codes": _read_top_codes,
    "bands": _read_bands,
    "geography": _read_geography,
    "pseudonymize": _names,
    "link": _name,
    "weight": _name,
    "cluster": _optional_name,
    "cluster_keys": _names,
    "key_variables": _read_key_variables,
    "aliases": _read_aliases,
}
