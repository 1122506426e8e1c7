"""Global recodes of a public file: drops, coarser dates, top codes, bands, areas, pseudonyms.

Each function takes the files (already copies) and the policy, changes the
files in place and returns what it did, for the report. A column is treated
the same in every file that has it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from fnmatch import fnmatchcase

import numpy as np
import pandas as pd

from analysis.disclosure.policy import Bands, DisclosurePolicy, Geography, TopCode

__all__ = [
    "band",
    "coarsen_areas",
    "coarsen_dates",
    "drop_columns",
    "is_text",
    "pseudonymize",
    "small_areas",
    "top_code",
]

Files = dict[str, pd.DataFrame]
_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-\d{2})?")
_SPECIAL_TEXT = frozenset({"-8", "-9", "-8.0", "-9.0"})
QUARTER = re.compile(r"^\d{4}-Q[1-4]$")
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def is_text(column: pd.Series) -> bool:
    """Whether a column holds text (or dates) rather than numbers."""
    return not (pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column))


def declared_text(policy: DisclosurePolicy) -> set[str]:
    """Text columns the policy keeps: codes, dates it coarsens, identifiers it replaces, areas."""
    return (
        set(policy.keep_text)
        | {d.column for d in policy.dates}
        | set(policy.pseudonymize)
        | {policy.link}
        | {g.column for g in policy.geography}
        | {g.parent for g in policy.geography}
    )


def dropped_by_policy(column: str, policy: DisclosurePolicy) -> bool:
    """Whether ``column`` matches one of the policy's ``drop`` patterns."""
    return any(fnmatchcase(column, pattern) for pattern in policy.drop)


def drop_columns(files: Files, policy: DisclosurePolicy) -> dict[str, list[str]]:
    """Drop direct identifiers and free text; returns the dropped columns per file."""
    keep = declared_text(policy)
    dropped: dict[str, list[str]] = {}
    for name, frame in files.items():
        gone = [
            str(c)
            for c in frame.columns
            if dropped_by_policy(str(c), policy) or (str(c) not in keep and is_text(frame[c]))
        ]
        if gone:
            files[name] = frame.drop(columns=gone)
            dropped[name] = gone
    return dropped


def _coarse_date(value: object, unit: str) -> str | None:
    """``YYYY-MM`` or ``YYYY-Qn`` of a date, a special answer as it is, None if not a date."""
    text = str(value).strip()
    if text in _SPECIAL_TEXT:
        return text
    found = _DATE.match(text)
    if not found or not 1 <= int(found.group(2)) <= 12:
        return None
    year, month = found.group(1), int(found.group(2))
    return f"{year}-{month:02d}" if unit == "month" else f"{year}-Q{(month - 1) // 3 + 1}"


def coarsen_dates(files: Files, policy: DisclosurePolicy) -> dict[str, int]:
    """Dates to ``YYYY-MM`` or ``YYYY-Qn``; returns the values changed per column.

    Special answers (-8, -9) and blanks stay; any other value that is not a
    date is an error naming the file, column, row and value.
    """
    changed: dict[str, int] = {}
    for rule in policy.dates:
        for name, frame in files.items():
            if rule.column not in frame.columns:
                continue
            column = frame[rule.column]
            if pd.api.types.is_datetime64_any_dtype(column):
                column = column.dt.strftime("%Y-%m-%d")
            codes, uniques = pd.factorize(column, use_na_sentinel=True)
            coarse = np.empty(len(uniques) + 1, dtype=object)
            coarse[-1] = None  # blanks stay blank (code -1)
            for u, value in enumerate(np.asarray(uniques, dtype=object)):
                coarse[u] = _coarse_date(value, rule.unit)
                if coarse[u] is None:
                    row = int(np.flatnonzero(codes == u)[0])
                    raise ValueError(
                        f"{name} file, column {rule.column!r}, row {row}: {value!r} is not a "
                        "date (YYYY-MM-DD or YYYY-MM)"
                    )
            same = np.append(coarse[:-1] == np.asarray(uniques, dtype=object), True)
            changed[rule.column] = changed.get(rule.column, 0) + int((~same[codes]).sum())
            frame[rule.column] = pd.Series(coarse[codes], index=frame.index, dtype=object)
    return changed


def _matching(frame: pd.DataFrame, pattern: str) -> list[str]:
    return [str(c) for c in frame.columns if fnmatchcase(str(c), pattern)]


def _numbers(frame: pd.DataFrame, name: str, column: str) -> np.ndarray:
    if is_text(frame[column]):
        raise ValueError(f"{name} file, column {column!r}: top codes and bands need numbers")
    return frame[column].to_numpy(dtype=np.float64, na_value=np.nan)


def resolve_caps(files: Files, rules: tuple[TopCode, ...]) -> dict[str, float]:
    """The cap of every column a top code applies to (a quantile from the first file holding it)."""
    caps: dict[str, float] = {}
    for rule in rules:
        for name, frame in files.items():
            for column in _matching(frame, rule.pattern):
                if column in caps:
                    continue
                if rule.quantile is None:
                    assert rule.cap is not None  # TopCode has one or the other
                    caps[column] = rule.cap
                    continue
                values = _numbers(frame, name, column)
                valid = values[values >= 0]
                caps[column] = float(np.quantile(valid, rule.quantile)) if len(valid) else np.inf
    return caps


def top_code(files: Files, policy: DisclosurePolicy) -> tuple[dict[str, int], dict[str, float]]:
    """Cap values; returns values changed per column and the caps used.

    When ``inc_count`` is capped in an incident file of
    :func:`analysis.microdata.incident_table`, ``inc_factor`` and
    ``inc_weight`` are recomputed from it as that function defines them, so
    the weight does not give the capped count away (NCVS counts a series as at
    most 10 incidents in its weights too).
    """
    caps = resolve_caps(files, policy.top_codes)
    changed: dict[str, int] = {}
    for name, frame in files.items():
        for column, cap in caps.items():
            if column not in frame.columns:
                continue
            values = _numbers(frame, name, column)
            over = values > cap  # NaN compares False; specials are negative
            if over.any():
                values = values.copy()
                values[over] = cap
                frame[column] = values
            changed[column] = changed.get(column, 0) + int(over.sum())
        _recount_incidents(frame)
    return changed, caps


def _recount_incidents(frame: pd.DataFrame) -> None:
    needed = {"inc_count", "inc_described", "inc_factor"}
    if not needed <= set(frame.columns):
        return
    factor = pd.to_numeric(frame["inc_count"]) / pd.to_numeric(frame["inc_described"])
    frame["inc_factor"] = factor
    if {"inc_weight", "weight"} <= set(frame.columns):
        frame["inc_weight"] = pd.to_numeric(frame["weight"]) * factor


def band_values(values: np.ndarray, rule: Bands) -> np.ndarray:
    """Each non-negative value as the lower edge of its band (below the first: the first)."""
    edges = np.asarray(rule.edges)
    out = values.copy()
    valid = values >= 0
    at = np.clip(np.searchsorted(edges, values[valid], side="right") - 1, 0, len(edges) - 1)
    out[valid] = edges[at]
    return out


def band(files: Files, policy: DisclosurePolicy) -> dict[str, int]:
    """Replace values by their band's lower edge; returns values changed per column."""
    changed: dict[str, int] = {}
    for rule in policy.bands:
        for name, frame in files.items():
            if rule.column not in frame.columns:
                continue
            values = _numbers(frame, name, rule.column)
            out = band_values(values, rule)
            frame[rule.column] = out
            moved = ~((out == values) | (np.isnan(out) & np.isnan(values)))
            changed[rule.column] = changed.get(rule.column, 0) + int(moved.sum())
    return changed


def small_areas(
    files: Files, rule: Geography, populations: Mapping[str, float]
) -> tuple[dict[str, str | None], set[str]]:
    """Where each small area of ``rule.column`` goes: a pooled code or None (blank).

    Returns the recode and the pooled codes. Areas missing from ``populations``
    count as small (the cautious side).
    """
    pairs: dict[str, str] = {}
    for frame in files.values():
        if rule.column in frame.columns and rule.parent in frame.columns:
            both = frame[[rule.column, rule.parent]].dropna().astype(str).drop_duplicates()
            pairs.update(zip(both[rule.column], both[rule.parent], strict=True))
    size = {code: float(populations.get(code, 0.0)) for code in pairs}
    small = {code for code, people in size.items() if people < rule.threshold}
    pooled: dict[str, float] = {}
    for code in small:
        pooled[pairs[code]] = pooled.get(pairs[code], 0.0) + size[code]
    recode: dict[str, str | None] = {}
    codes: set[str] = set()
    for code in small:
        parent = pairs[code]
        if pooled[parent] >= rule.threshold:
            recode[code] = f"{parent}{rule.suffix}"
            codes.add(recode[code] or "")
        else:
            recode[code] = None
    return recode, codes


def coarsen_areas(
    files: Files, policy: DisclosurePolicy, populations: Mapping[str, float] | None
) -> dict[str, dict[str, str | None]]:
    """Pool or blank the small areas; returns the recode of each geography column."""
    done: dict[str, dict[str, str | None]] = {}
    if not policy.geography:
        return done
    if populations is None:
        raise ValueError(
            "the policy coarsens areas below a population threshold "
            f"({', '.join(g.column for g in policy.geography)}): give populations={{code: people}}"
        )
    people = {str(code): float(value) for code, value in populations.items()}
    for rule in policy.geography:
        recode, _ = small_areas(files, rule, people)
        done[rule.column] = recode
        for frame in files.values():
            if rule.column not in frame.columns or not recode:
                continue
            frame[rule.column] = _recode(frame[rule.column], recode)
    return done


def _recode(column: pd.Series, mapping: Mapping[str, str | None]) -> pd.Series:
    """Values found in ``mapping`` (by their text) replaced; others and blanks kept."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    new = np.empty(len(uniques) + 1, dtype=object)
    new[:-1] = [mapping.get(str(u), u) for u in np.asarray(uniques, dtype=object)]
    new[-1] = None  # blanks stay blank (code -1)
    return pd.Series(new[codes], index=column.index, dtype=object)


def pseudonymize(files: Files, policy: DisclosurePolicy, rng: np.random.Generator) -> list[str]:
    """Replace identifier columns by random codes, one mapping per column across files."""
    done = []
    for column in policy.pseudonymize:
        holders = [frame for frame in files.values() if column in frame.columns]
        found = [frame[column].dropna().astype(str).to_numpy(dtype=object) for frame in holders]
        values = pd.Index(pd.unique(np.concatenate(found))) if found else pd.Index([])
        if not len(values):
            continue
        width = len(str(len(values)))
        codes = np.array([f"{i + 1:0{width}d}" for i in rng.permutation(len(values))], dtype=object)
        for frame in holders:
            at = values.get_indexer(pd.Index(frame[column].astype(str)))
            out = codes[at]
            out[frame[column].isna().to_numpy()] = None
            frame[column] = pd.Series(out, index=frame.index, dtype=object)
        done.append(column)
    return done
