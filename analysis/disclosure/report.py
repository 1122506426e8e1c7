"""The disclosure-control report of a public edition and its methodology-annex section."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from analysis.disclosure.policy import DisclosurePolicy
from analysis.disclosure.risk import RiskSummary
from analysis.disclosure.strings import STRINGS
from analysis.disclosure.utility import NATIONAL, UtilityRow
from analysis.i18n import LANGUAGES, format_number, lookup

__all__ = ["DisclosureReport", "annex_paragraphs", "annex_text"]


@dataclass(frozen=True)
class DisclosureReport:
    """What disclosure control did to a release and what it cost.

    Attributes
    ----------
    policy : DisclosurePolicy
    risk_before, risk_recoded, risk_after : RiskSummary
        Risk of the respondent file on the quasi-identifiers: internal,
        after the global recodes (bands, top codes, areas), public.
    suppressed : dict
        Cells blanked by local suppression per quasi-identifier (respondents),
        PSU extension included.
    suppressed_linked : dict
        ``{file: {column: cells}}`` blanked in the linked files.
    dropped : dict
        ``{file: [columns]}`` removed.
    recoded : dict
        Values changed per column by each global recode:
        ``{"dates"|"top_codes"|"bands": {column: values}}``.
    caps : dict
        The cap of every top-coded column (percentiles resolved).
    areas : dict
        ``{column: {area: pooled code or None (blank)}}``.
    areas_unknown : dict
        ``{column: [areas]}`` missing from the populations given (treated as
        small: check that the populations use the files' area codes).
    pseudonymized : list of str
    utility : tuple of UtilityRow
        Key variables, internal vs public, national and by domain.
    estimates : tuple of UtilityRow
        The caller's estimates (``key_estimates``), internal vs public.
    seconds : float
        Time taken by :func:`analysis.disclosure.apply_policy`.
    """

    policy: DisclosurePolicy
    risk_before: RiskSummary
    risk_recoded: RiskSummary
    risk_after: RiskSummary
    suppressed: dict[str, int]
    suppressed_linked: dict[str, dict[str, int]] = field(default_factory=dict)
    dropped: dict[str, list[str]] = field(default_factory=dict)
    recoded: dict[str, dict[str, int]] = field(default_factory=dict)
    caps: dict[str, float] = field(default_factory=dict)
    areas: dict[str, dict[str, str | None]] = field(default_factory=dict)
    areas_unknown: dict[str, list[str]] = field(default_factory=dict)
    pseudonymized: list[str] = field(default_factory=list)
    utility: tuple[UtilityRow, ...] = ()
    estimates: tuple[UtilityRow, ...] = ()
    seconds: float = 0.0

    @property
    def cells_suppressed(self) -> int:
        """Cells blanked by local suppression in the respondent file."""
        return sum(self.suppressed.values())

    def largest_national_difference(self) -> float:
        """Largest absolute national difference of a key variable (a proportion), 0 if none."""
        found = [abs(r.difference) for r in self.utility if r.domain == NATIONAL]
        found = [d for d in found if not math.isnan(d)]
        return max(found, default=0.0)

    def to_dict(self) -> dict[str, Any]:
        """Plain values (JSON), the policy included."""
        return {
            "policy": self.policy.to_dict(),
            "risk": {
                "before": self.risk_before.to_dict(),
                "recoded": self.risk_recoded.to_dict(),
                "after": self.risk_after.to_dict(),
            },
            "suppressed": dict(self.suppressed),
            "suppressed_linked": {f: dict(c) for f, c in self.suppressed_linked.items()},
            "dropped": {f: list(c) for f, c in self.dropped.items()},
            "recoded": {step: dict(c) for step, c in self.recoded.items()},
            "caps": {c: (None if math.isinf(v) else v) for c, v in self.caps.items()},
            "areas": {c: dict(m) for c, m in self.areas.items()},
            "areas_unknown": {c: list(a) for c, a in self.areas_unknown.items()},
            "pseudonymized": list(self.pseudonymized),
            "utility": [r.to_dict() for r in self.utility],
            "estimates": [r.to_dict() for r in self.estimates],
            "seconds": self.seconds,
        }

    def to_markdown(self, language: str = "en") -> str:
        """The report in ``language`` (es, en, pt, fr) as Markdown."""
        t = _words(language)
        lines = [f"# {t('title')}", "", f"## {t('sec_policy')}", ""]
        lines += [
            p for paragraph in annex_paragraphs(self.policy, language) for p in (paragraph, "")
        ]
        lines += [f"## {t('sec_risk')}", "", _risk_table(self, language), "", t("risk_note"), ""]
        lines += [f"## {t('sec_suppressed')}", ""]
        for column, recode in self.areas.items():
            pooled = sum(1 for code in recode.values() if code is not None)
            unknown = len(self.areas_unknown.get(column, []))
            note = t(
                "areas_note",
                column=column,
                pooled=pooled,
                blank=len(recode) - pooled,
                unknown=unknown,
            )
            lines += [note, ""]
        lines += [_suppressed_table(self, language), ""]
        linked = [
            f"{t('file_' + f)} {column} {cells}"
            for f, columns in self.suppressed_linked.items()
            for column, cells in columns.items()
            if cells
        ]
        if linked:
            lines += [t("linked_note", cells="; ".join(linked)), ""]
        lines += [f"## {t('sec_utility')}", "", _utility_table(self.utility, language), ""]
        if self.estimates:
            lines += [f"### {t('callback_title')}", ""]
            lines += [_estimates_table(self.estimates, language), ""]
        return "\n".join(lines).rstrip() + "\n"


def _words(language: str) -> Any:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")

    def t(key: str, **values: object) -> str:
        return lookup(STRINGS, key, language, **values)

    return t


def _table(header: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(out)


def _risk_table(report: DisclosureReport, language: str) -> str:
    t = _words(language)
    stages = (report.risk_before, report.risk_recoded, report.risk_after)

    def num(value: float, decimals: int = 0) -> str:
        return format_number(value, language, decimals)

    rows = [
        [t("risk_records")] + [num(s.records) for s in stages],
        [t("risk_below_k", k=report.policy.k)] + [num(s.below_k) for s in stages],
        [t("risk_share_below_k")] + [num(100 * s.share_below_k, 1) for s in stages],
        [t("risk_uniques")] + [num(s.uniques) for s in stages],
        [t("risk_expected")] + [num(s.expected_reidentifications, 1) for s in stages],
        [t("risk_global")] + [num(100 * s.global_risk, 2) for s in stages],
        [t("risk_max")] + [num(100 * s.max_risk, 1) for s in stages],
    ]
    return _table([t("col_measure"), t("col_original"), t("col_recoded"), t("col_public")], rows)


def _suppressed_table(report: DisclosureReport, language: str) -> str:
    t = _words(language)
    if not report.cells_suppressed:
        return t("suppressed_none")
    n = max(report.risk_after.records, 1)
    rows = [
        [column, format_number(cells, language, 0), format_number(100 * cells / n, language, 2)]
        for column, cells in report.suppressed.items()
    ]
    return _table([t("col_variable"), t("col_cells"), t("col_share")], rows)


def _utility_table(rows: tuple[UtilityRow, ...], language: str) -> str:
    t = _words(language)
    by_name: dict[str, list[UtilityRow]] = {}
    for row in rows:
        by_name.setdefault(row.name, []).append(row)
    table = []
    for name, found in by_name.items():
        national = next((r for r in found if r.domain == NATIONAL), None)
        domains = [r for r in found if r.domain != NATIONAL and not math.isnan(r.difference)]
        worst = max(domains, key=lambda r: abs(r.difference), default=None)
        table.append(
            [
                name,
                _pct(national.internal if national else math.nan, language),
                _pct(national.public if national else math.nan, language),
                _pct(national.difference if national else math.nan, language, 2),
                f"{_pct(worst.difference, language, 2)} ({worst.domain})" if worst else "—",
            ]
        )
    return _table(
        [
            t("col_estimate"),
            t("col_original"),
            t("col_public"),
            t("col_difference"),
            t("col_max_domain"),
        ],
        table,
    )


def _estimates_table(rows: tuple[UtilityRow, ...], language: str) -> str:
    t = _words(language)

    def num(value: float) -> str:
        return format_number(value, language, 3)

    return _table(
        [t("col_estimate"), t("col_original"), t("col_public"), t("col_difference")],
        [[r.name, num(r.internal), num(r.public), num(r.difference)] for r in rows],
    )


def _pct(share: float, language: str, decimals: int = 1) -> str:
    return format_number(100 * share, language, decimals)


def annex_paragraphs(
    policy: DisclosurePolicy, language: str, report: DisclosureReport | None = None
) -> list[str]:
    """The methodology-annex section on the public edition, one paragraph per item.

    With ``report`` the last paragraph gives the risk and the utility cost.
    """
    t = _words(language)
    out = [t("annex_intro")]
    if policy.drop:
        out.append(t("annex_drop", columns=", ".join(policy.drop)))
    if policy.pseudonymize:
        out.append(t("annex_pseudonyms", columns=", ".join(policy.pseudonymize)))
    for unit in ("month", "quarter"):
        columns = [d.column for d in policy.dates if d.unit == unit]
        if columns:
            out.append(t("annex_dates", units=t(f"unit_{unit}"), columns=", ".join(columns)))
    if policy.top_codes:
        caps = [
            f"{c.pattern} ≤ {_cap(c.cap, language)}"
            if c.quantile is None
            else f"{c.pattern} ≤ p{format_number(100 * c.quantile, language, 0)}"
            for c in policy.top_codes
        ]
        out.append(t("annex_top_codes", caps="; ".join(caps)))
    if policy.bands:
        bands = [
            f"{b.column}: " + ", ".join(_cap(e, language) for e in b.edges) + "+"
            for b in policy.bands
        ]
        out.append(t("annex_bands", bands="; ".join(bands)))
    for g in policy.geography:
        out.append(
            t(
                "annex_geography",
                column=g.column,
                parent=g.parent,
                threshold=format_number(g.threshold, language, 0),
                suffix=g.suffix,
            )
        )
    if policy.quasi_identifiers:
        out.append(
            t(
                "annex_k",
                k=policy.k,
                others=policy.k - 1,
                columns=" × ".join(policy.quasi_identifiers),
            )
        )
    if report is not None:
        before, after = report.risk_before, report.risk_after
        out.append(
            t(
                "annex_result",
                before=format_number(100 * before.share_below_k, language, 1),
                after=format_number(100 * after.share_below_k, language, 1),
                expected_before=format_number(before.expected_reidentifications, language, 1),
                expected_after=format_number(after.expected_reidentifications, language, 1),
                cells=format_number(report.cells_suppressed, language, 0),
                national=format_number(100 * report.largest_national_difference(), language, 2),
            )
        )
    return out


def _cap(value: float | None, language: str) -> str:
    if value is None:
        return "—"
    return format_number(value, language, 0 if float(value).is_integer() else 2)


def annex_text(
    policy: DisclosurePolicy, language: str, report: DisclosureReport | None = None
) -> str:
    """:func:`annex_paragraphs` as one text, paragraphs separated by blank lines."""
    return "\n\n".join(annex_paragraphs(policy, language, report))
