"""Apply a disclosure policy to a release's files, and check a public file against its policy."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase

import numpy as np
import pandas as pd

from analysis.disclosure.policy import FILE_KEYS, Alias, DisclosurePolicy
from analysis.disclosure.recode import (
    MONTH,
    QUARTER,
    band,
    band_values,
    coarsen_areas,
    coarsen_dates,
    declared_text,
    drop_columns,
    dropped_by_policy,
    is_text,
    pseudonymize,
    top_code,
)
from analysis.disclosure.report import DisclosureReport
from analysis.disclosure.risk import RiskSummary, encode, frequencies, measure_risk
from analysis.disclosure.suppression import local_suppression
from analysis.disclosure.utility import EstimateFunction, callback_rows, key_variable_rows

__all__ = ["PolicyViolation", "Violation", "apply_policy", "check", "verify"]

UNITS = "respondents"


@dataclass(frozen=True)
class Violation:
    """One way a file fails its policy."""

    file: str
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file} file, {self.column}: {self.message}"


class PolicyViolation(ValueError):
    """A public file that fails its own disclosure policy: it cannot be published."""

    def __init__(self, violations: list[Violation]) -> None:
        lines = "\n".join(f"- {v}" for v in violations)
        super().__init__(f"the public file fails its disclosure policy:\n{lines}")
        self.violations = violations


def _checked_files(files: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    if not isinstance(files, Mapping):
        raise ValueError("files must be a mapping of file names to DataFrames")
    out: dict[str, pd.DataFrame] = {}
    for name, frame in files.items():
        if name not in FILE_KEYS:
            raise ValueError(f"unknown file {name!r}: files are {', '.join(FILE_KEYS)}")
        if not isinstance(frame, pd.DataFrame):
            raise ValueError(f"{name} file must be a pandas DataFrame; got {type(frame).__name__}")
        out[name] = frame
    return out


def _units(files: Mapping[str, pd.DataFrame], policy: DisclosurePolicy) -> pd.DataFrame | None:
    """The respondent file (k-anonymity is a property of people)."""
    found = files.get(UNITS)
    if found is None:
        for name, frame in files.items():
            if any(c in frame.columns for c in policy.quasi_identifiers):
                raise ValueError(
                    f"{name} file has quasi-identifiers but there is no respondent file: "
                    "k-anonymity is enforced on respondents and carried to the linked files"
                )
    return found


def apply_policy(
    files: Mapping[str, pd.DataFrame],
    policy: DisclosurePolicy,
    *,
    populations: Mapping[str, float] | None = None,
    key_estimates: EstimateFunction | None = None,
    rng: np.random.Generator | None = None,
) -> tuple[dict[str, pd.DataFrame], DisclosureReport]:
    """The public edition of a release's files, and the report of what it took.

    Parameters
    ----------
    files : mapping
        ``respondents``, ``incidents`` and ``households`` DataFrames (any may
        be absent), as the internal release has them. Never modified.
    policy : DisclosurePolicy
    populations : mapping, optional
        Area code -> inhabitants, for the policy's geography thresholds
        (required when the policy has any).
    key_estimates : callable, optional
        ``f(files) -> pandas.Series`` of named estimates; run on the internal
        and the public files for the report's utility cost.
    rng : numpy.random.Generator, optional
        For the pseudonyms; fresh entropy by default.

    Returns
    -------
    (dict of DataFrame, DisclosureReport)

    Raises
    ------
    ValueError
        Naming the file, column or row of bad input; nothing is changed.

    Notes
    -----
    Steps, in order: drop direct identifiers and free text; coarsen dates;
    top-code (recomputing the incident weights); band; pool or blank small
    areas; local suppression to k-anonymity on the respondent file, carried to
    the linked rows of the other files; pseudonyms. Risk is measured on the
    internal file, after the global recodes and on the public file.
    """
    start = time.perf_counter()
    internal = _checked_files(files)
    units = _units(internal, policy)
    weight = policy.weight if units is not None else None
    if units is not None and weight not in units.columns:
        raise ValueError(f"respondent file has no weight column {weight!r} (policy 'weight')")
    # pandas copy-on-write: a shallow copy is enough for the inputs never to change
    out = {name: frame.copy(deep=False) for name, frame in internal.items()}
    before = _risk(units, policy, weight)
    dropped = drop_columns(out, policy)
    recoded = {"dates": coarsen_dates(out, policy)}
    recoded["top_codes"], caps = top_code(out, policy)
    recoded["bands"] = band(out, policy)
    areas = coarsen_areas(out, policy, populations)
    known = {str(code) for code in populations or {}}
    unknown = {
        column: sorted(a for a in recode if a not in known) for column, recode in areas.items()
    }
    qis = [c for c in policy.quasi_identifiers if units is not None and c in out[UNITS].columns]
    coded = {
        name: frame[[c for c in qis if c in frame.columns]].copy() for name, frame in out.items()
    }
    suppressed: dict[str, int] = {}
    linked: dict[str, dict[str, int]] = {}
    if units is not None:
        respondents = out[UNITS]
        recoded_risk = measure_risk(respondents, qis, weight, policy.k)
        codes = encode(respondents, qis)
        clusters = None
        if policy.cluster is not None and policy.cluster in respondents.columns:
            clusters = pd.factorize(respondents[policy.cluster])[0]
        mask = local_suppression(
            codes,
            policy.k,
            clusters=clusters,
            cluster_columns=tuple(qis.index(c) for c in policy.cluster_keys if c in qis),
        )
        for j, column in enumerate(qis):
            suppressed[column] = int(mask[:, j].sum())
            respondents[column] = respondents[column].mask(mask[:, j])
        linked = _carry(out, qis, mask, policy.link)
        _carry_aliases(out, qis, mask, policy, linked)
        after = measure_risk(respondents, qis, weight, policy.k)
    else:
        recoded_risk = after = before
    utility = key_variable_rows(internal, coded, out, policy.key_variables, qis)
    pseudonyms = pseudonymize(out, policy, rng or np.random.default_rng())
    estimates = callback_rows(key_estimates, internal, out) if key_estimates else []
    report = DisclosureReport(
        policy=policy,
        risk_before=before,
        risk_recoded=recoded_risk,
        risk_after=after,
        suppressed=suppressed,
        suppressed_linked=linked,
        dropped=dropped,
        recoded=recoded,
        caps=caps,
        areas=areas,
        areas_unknown=unknown,
        pseudonymized=pseudonyms,
        utility=tuple(utility),
        estimates=tuple(estimates),
        seconds=time.perf_counter() - start,
    )
    return out, report


def _risk(units: pd.DataFrame | None, policy: DisclosurePolicy, weight: str | None) -> RiskSummary:
    if units is None:
        return measure_risk(pd.DataFrame(), (), None, policy.k)
    return measure_risk(units, policy.quasi_identifiers, weight, policy.k)


def _carry(
    files: dict[str, pd.DataFrame], qis: list[str], mask: np.ndarray, link: str
) -> dict[str, dict[str, int]]:
    """Blank in the other files what was blanked in the respondent file, by the link id."""
    ids = files[UNITS][link] if link in files[UNITS].columns else None
    done: dict[str, dict[str, int]] = {}
    for name, frame in files.items():
        if name == UNITS:
            continue
        shared = [c for c in qis if c in frame.columns]
        if not shared:
            continue
        if ids is None or link not in frame.columns:
            raise ValueError(
                f"{name} file shares {', '.join(shared)} with the respondent file but the link "
                f"column {link!r} is missing from one of them: suppressions cannot be carried over"
            )
        counts = {}
        for column in shared:
            gone = frame[link].isin(ids[mask[:, qis.index(column)]]).to_numpy()
            counts[column] = int((gone & frame[column].notna().to_numpy()).sum())
            frame[column] = frame[column].mask(gone)
        done[name] = counts
    return done


def _carry_aliases(
    files: dict[str, pd.DataFrame],
    qis: list[str],
    mask: np.ndarray,
    policy: DisclosurePolicy,
    linked: dict[str, dict[str, int]],
) -> None:
    """Blank the columns that repeat a suppressed quasi-identifier under another name."""
    ids = files[UNITS][policy.link] if policy.link in files[UNITS].columns else None
    for alias in policy.aliases:
        frame = files.get(alias.file)
        if frame is None or alias.source not in qis or alias.column not in frame.columns:
            continue
        if ids is None or policy.link not in frame.columns:
            raise ValueError(
                f"{alias.file} file repeats {alias.source} as {alias.column} but the link "
                f"column {policy.link!r} is missing: suppressions cannot be carried over"
            )
        if alias.rows is not None and alias.rows not in frame.columns:
            raise ValueError(f"{alias.file} file has no column {alias.rows!r} (aliases.rows)")
        gone = _rows_of(frame, alias, ids[mask[:, qis.index(alias.source)]], policy.link)
        cells = int((gone & frame[alias.column].notna().to_numpy()).sum())
        linked.setdefault(alias.file, {})[alias.column] = cells
        frame[alias.column] = frame[alias.column].mask(gone)


def _rows_of(frame: pd.DataFrame, alias: Alias, ids: pd.Series, link: str) -> np.ndarray:
    """Rows of ``frame`` that belong to the respondents ``ids`` and describe them."""
    rows = frame[link].isin(ids).to_numpy()
    if alias.rows is not None:
        return rows & (pd.to_numeric(frame[alias.rows], errors="coerce").to_numpy() == 1)
    return rows


def check(
    files: Mapping[str, pd.DataFrame],
    policy: DisclosurePolicy,
    *,
    populations: Mapping[str, float] | None = None,
) -> list[Violation]:
    """Every way the files fail ``policy``; an empty list when they may be published.

    Checks: no dropped or undeclared text column; dates, top codes and bands
    as declared; small areas pooled or blank (needs ``populations``);
    k-anonymity of the respondents; linked files carry the respondents'
    values; area keys blank in whole PSUs or not at all.
    """
    files = _checked_files(files)
    found: list[Violation] = []
    keep = declared_text(policy)
    for name, frame in files.items():
        for column in map(str, frame.columns):
            if dropped_by_policy(column, policy):
                found.append(Violation(name, column, "the policy drops this column"))
            elif column not in keep and is_text(frame[column]):
                found.append(Violation(name, column, "text column not declared in keep_text"))
        found += _check_dates(name, frame, policy)
        found += _check_bands(name, frame, policy)
    found += _check_caps(files, policy)
    found += _check_areas(files, policy, populations)
    units = files.get(UNITS)
    if units is not None:
        found += _check_k(units, policy)
        found += _check_links(files, units, policy)
        found += _check_aliases(files, units, policy)
        found += _check_clusters(units, policy)
    return found


def verify(
    files: Mapping[str, pd.DataFrame],
    policy: DisclosurePolicy,
    *,
    populations: Mapping[str, float] | None = None,
) -> None:
    """Raise :class:`PolicyViolation` unless the files pass :func:`check`."""
    violations = check(files, policy, populations=populations)
    if violations:
        raise PolicyViolation(violations)


def _text_values(column: pd.Series) -> pd.Series:
    present = column.dropna().astype(str).str.strip()
    return present[~present.isin(["-8", "-9", "-8.0", "-9.0"])]


def _check_dates(name: str, frame: pd.DataFrame, policy: DisclosurePolicy) -> list[Violation]:
    out = []
    for rule in policy.dates:
        if rule.column not in frame.columns:
            continue
        pattern = QUARTER if rule.unit == "quarter" else MONTH
        values = _text_values(frame[rule.column])
        bad = values[~values.str.match(pattern)]
        if len(bad):
            out.append(
                Violation(
                    name,
                    rule.column,
                    f"{len(bad)} values finer than a {rule.unit}, e.g. {bad.iat[0]!r}",
                )
            )
    return out


def _check_bands(name: str, frame: pd.DataFrame, policy: DisclosurePolicy) -> list[Violation]:
    out = []
    for rule in policy.bands:
        if rule.column not in frame.columns:
            continue
        if is_text(frame[rule.column]):
            out.append(Violation(name, rule.column, "banded column holds text"))
            continue
        values = frame[rule.column].to_numpy(dtype=np.float64, na_value=np.nan)
        banded = band_values(values, rule)
        bad = (values >= 0) & (banded != values)
        if bad.any():
            out.append(Violation(name, rule.column, f"{int(bad.sum())} values are not band edges"))
    return out


def _check_caps(files: dict[str, pd.DataFrame], policy: DisclosurePolicy) -> list[Violation]:
    """Fixed caps: no value above. Percentile caps: the largest value is not a rare one.

    A percentile cap (``p99``) of the internal file cannot be recomputed from the
    public one; what it leaves behind can: np.quantile puts at most
    ``floor((1 - q)(n - 1))`` of ``n`` values above the cap, all now equal to
    it, so the largest value is shared by at least that many.
    """
    out = []
    for rule in policy.top_codes:
        for name, frame in files.items():
            for column in (str(c) for c in frame.columns if fnmatchcase(str(c), rule.pattern)):
                if is_text(frame[column]):
                    out.append(Violation(name, column, "top-coded column holds text"))
                    continue
                values = frame[column].to_numpy(dtype=np.float64, na_value=np.nan)
                if rule.cap is not None:
                    over = int((values > rule.cap).sum())
                    if over:
                        message = f"{over} values above the cap {rule.cap:g}"
                        out.append(Violation(name, column, message))
                    continue
                valid = values[values >= 0]
                if rule.quantile is None or not len(valid):
                    continue
                need = int(np.floor((1 - rule.quantile) * (len(valid) - 1)))
                held = int((valid == valid.max()).sum())
                if held < need:
                    out.append(
                        Violation(
                            name,
                            column,
                            f"the largest value is held by {held} rows; a p{100 * rule.quantile:g} "
                            f"top code leaves at least {need}",
                        )
                    )
    return out


def _check_areas(
    files: dict[str, pd.DataFrame],
    policy: DisclosurePolicy,
    populations: Mapping[str, float] | None,
) -> list[Violation]:
    out = []
    for rule in policy.geography:
        holders = [n for n, f in files.items() if rule.column in f.columns]
        if not holders:
            continue
        if populations is None:
            out.append(Violation(holders[0], rule.column, "populations are needed to check areas"))
            continue
        people = {str(c): float(v) for c, v in populations.items()}
        for name in holders:
            frame = files[name]
            codes = frame[rule.column].astype(object)
            present = codes.notna().to_numpy()
            text = codes[present].astype(str)
            parents = (
                frame.loc[present, rule.parent].astype(str)
                if rule.parent in frame.columns
                else pd.Series("", index=text.index)
            )
            pooled = text == parents + rule.suffix
            sizes = text.map(people).fillna(0.0).astype(float)
            small = text[~pooled & (sizes < rule.threshold)]
            if len(small):
                out.append(
                    Violation(
                        name,
                        rule.column,
                        f"{len(small)} rows in areas under {rule.threshold:g} inhabitants, "
                        f"e.g. {small.iat[0]!r}",
                    )
                )
    return out


def _check_k(units: pd.DataFrame, policy: DisclosurePolicy) -> list[Violation]:
    fk, _ = frequencies(units, policy.quasi_identifiers, None)
    below = int((fk < policy.k).sum())
    if not below:
        return []
    qis = ", ".join(c for c in policy.quasi_identifiers if c in units.columns)
    return [Violation(UNITS, qis, f"{below} records in cells smaller than k = {policy.k}")]


def _same(a: pd.Series, b: pd.Series) -> np.ndarray:
    left, right = a.astype(object).to_numpy(), b.astype(object).to_numpy()
    blank_l, blank_r = pd.isna(left), pd.isna(right)
    return (blank_l & blank_r) | (~blank_l & ~blank_r & (left == right))


def _check_links(
    files: dict[str, pd.DataFrame], units: pd.DataFrame, policy: DisclosurePolicy
) -> list[Violation]:
    out = []
    link = policy.link
    for name, frame in files.items():
        if name == UNITS:
            continue
        shared = [c for c in policy.quasi_identifiers if c in frame.columns and c in units.columns]
        if not shared:
            continue
        if link not in frame.columns or link not in units.columns:
            out.append(Violation(name, link, "linked file without the link column"))
            continue
        table = units.drop_duplicates(link).set_index(link)
        for column in shared:
            theirs = table[column].reindex(frame[link].to_numpy())
            differ = int(
                (~_same(frame[column].reset_index(drop=True), theirs.reset_index(drop=True))).sum()
            )
            if differ:
                out.append(
                    Violation(name, column, f"{differ} rows differ from the respondent's value")
                )
    return out


def _check_aliases(
    files: dict[str, pd.DataFrame], units: pd.DataFrame, policy: DisclosurePolicy
) -> list[Violation]:
    out = []
    link = policy.link
    for alias in policy.aliases:
        frame = files.get(alias.file)
        if frame is None or alias.column not in frame.columns or alias.source not in units:
            continue
        if link not in frame.columns or link not in units.columns:
            out.append(Violation(alias.file, link, "linked file without the link column"))
            continue
        if alias.rows is not None and alias.rows not in frame.columns:
            out.append(
                Violation(alias.file, alias.rows, "column marking the respondent's rows is missing")
            )
            continue
        blank = units.loc[units[alias.source].isna(), link]
        shown = _rows_of(frame, alias, blank, link) & frame[alias.column].notna().to_numpy()
        if shown.any():
            out.append(
                Violation(
                    alias.file,
                    alias.column,
                    f"{int(shown.sum())} rows show the {alias.source} blanked in the respondent file",
                )
            )
    return out


def _check_clusters(units: pd.DataFrame, policy: DisclosurePolicy) -> list[Violation]:
    if policy.cluster is None or policy.cluster not in units.columns:
        return []
    out = []
    for column in policy.cluster_keys:
        if column not in units.columns:
            continue
        blank = units[column].isna().groupby(units[policy.cluster].to_numpy()).agg(["any", "all"])
        mixed = int((blank["any"] & ~blank["all"]).sum())
        if mixed:
            out.append(
                Violation(
                    UNITS, column, f"blank for some respondents of {mixed} PSUs but not others"
                )
            )
    return out
