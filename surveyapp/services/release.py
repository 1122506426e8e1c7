"""A wave's microdata release: the files, their codebook, the DDI and, for public editions,
the disclosure-control report (docs: analysis/docs/microdata.md).

The records are the ones that feed the wave's indicators (services/feeds.py, final or
provisional weights as services/reports/records.py gives them), so the files reproduce the
observatory's tables. A public edition passes through :func:`analysis.disclosure.apply_policy`
with the wave's policy; the internal edition (staff only) keeps every variable.
pandas and the release builder are imported when a release is built, not at start-up.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from math import inf
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import sqlalchemy as sa

from ..models import Interview, PopulationTotal, Wave
from . import DBSession
from .feeds import feeds_indicators
from .instruments import instrument_of
from .reports.records import interview_records
from .reports.settings import reason

if TYPE_CHECKING:
    from analysis.release import Release
    from analysis.release.model import FileName

__all__ = [
    "EDITIONS",
    "FORMATS",
    "BuiltRelease",
    "ReleaseError",
    "build_wave_release",
    "public_edition",
    "write_ddi",
    "write_wave_release",
]

Edition = Literal["public", "internal"]
#: Kept here (not imported from analysis.release) so the CLI starts without pandas;
#: tests/surveyapp/test_release.py checks they are the library's.
EDITIONS: tuple[Edition, ...] = ("public", "internal")
FORMATS: tuple[str, ...] = ("csv", "xlsx", "dta", "sav", "parquet")


class ReleaseError(ValueError):
    """A release cannot be made as asked (no interviews, a file that cannot be written)."""


@dataclass(frozen=True)
class BuiltRelease:
    """A release and, for a public edition, its disclosure-control report."""

    release: Release
    report: Any | None = None  # analysis.disclosure.DisclosureReport; None for internal


def _households(session: DBSession, wave: Wave) -> dict[Any, dict[str, Any]]:
    """Interview id -> household record (roster) of the interviews that feed the indicators."""
    query = sa.select(Interview.id, Interview.household).where(
        Interview.wave_id == wave.id, feeds_indicators(wave), Interview.household.is_not(None)
    )
    return {ident: doc for ident, doc in session.execute(query) if isinstance(doc, dict)}


def build_wave_release(
    session: DBSession,
    wave: Wave,
    *,
    edition: Edition,
    language: str,
    policy: Mapping[str, Any] | None = None,
) -> BuiltRelease:
    """The wave's release in ``language``; a public edition with disclosure control applied.

    ``policy`` is the disclosure policy as a mapping
    (``analysis.disclosure.DisclosurePolicy.from_mapping``); None takes the library's
    default policy. A public file that fails its own policy is refused (ReleaseError).
    """
    from analysis.release import Study, build_release

    if edition not in EDITIONS:
        raise ReleaseError(f"edition must be one of {', '.join(EDITIONS)}, not {edition!r}")
    records, provisional = interview_records(session, wave)
    if not records:
        raise ReleaseError(reason("no_interviews_to_release", wave=wave.slug))
    version = wave.instrument_version
    instrument = instrument_of(version)
    study = Study(
        id=wave.slug,
        title=wave.name,
        reference_start=wave.reference_start,
        reference_end=wave.reference_end,
        fieldwork_start=wave.fieldwork_start,
        fieldwork_end=wave.fieldwork_end,
        instrument=f"{instrument.id} {instrument.version}",
    )
    release = build_release(
        records,
        study=study,
        language=language,
        instrument=instrument,
        households=_households(session, wave),
        edition=edition,
    )
    del records  # the answer documents (half the peak memory) are not needed past this point
    if provisional:
        release = release.with_files(release.files, _PROVISIONAL.get(language, _PROVISIONAL["en"]))
    if edition == "internal":
        return BuiltRelease(release)
    return public_edition(release, policy or {}, _populations(session))


_PROVISIONAL = {
    "es": "Pesos provisionales: algunas entrevistas aún no tienen peso final.",
    "en": "Provisional weights: some interviews have no final weight yet.",
    "pt": "Pesos provisórios: algumas entrevistas ainda não têm peso final.",
    "fr": "Poids provisoires\u00a0: certains entretiens n'ont pas encore de poids final.",
}


#: The release's file names as analysis.disclosure calls them.
_DISCLOSURE_FILES: dict[FileName, str] = {
    "respondent": "respondents",
    "incident": "incidents",
    "household": "households",
}
#: The key estimates whose shift the disclosure report shows (national, catalogue ids).
KEY_INDICATORS: tuple[str, ...] = (
    "prev_person",
    "prev_household",
    "incidence",
    "reporting_rate",
    "sdg_16_1_4",
    "insecure_nbhd",
)


def _populations(session: DBSession) -> dict[str, float]:
    """Area id (as text, as the files hold it) -> people in the latest census totals loaded."""
    latest = (
        sa.select(PopulationTotal.area_id, sa.func.max(PopulationTotal.reference_year).label("y"))
        .group_by(PopulationTotal.area_id)
        .subquery()
    )
    query = (
        sa.select(PopulationTotal.area_id, sa.func.sum(PopulationTotal.population))
        .join(
            latest,
            sa.and_(
                latest.c.area_id == PopulationTotal.area_id,
                latest.c.y == PopulationTotal.reference_year,
            ),
        )
        .group_by(PopulationTotal.area_id)
    )
    return {str(area): float(people or 0) for area, people in session.execute(query)}


def _key_estimates(files: Mapping[str, Any]) -> Any:
    """National key estimates of a set of files (the utility rows of the report).

    Only the columns the key indicators and the design use are handed on: compute_indicators
    copies the table it gets, and the whole file is some 280 columns.
    """
    import pandas as pd

    from analysis.indicators import compute_indicators, get_indicator
    from analysis.indicators.conditions import codes_in

    from .reports.tables import REPORT_DESIGN

    respondents = files.get("respondents")
    if respondents is None:
        return pd.Series(dtype=float)
    incidents = files.get("incidents")
    chosen = [i for i in KEY_INDICATORS if _has_items(i, respondents, files)]
    needed = {"hh_adults", "inc_factor", REPORT_DESIGN.weight, REPORT_DESIGN.respondent_id}
    needed |= set(REPORT_DESIGN.design_columns)
    for ident in chosen:
        indicator = get_indicator(ident)
        for node in (indicator.numerator, indicator.denominator, indicator.unknown):
            if node is not None:
                needed |= set(codes_in(node))
    table = compute_indicators(
        respondents[[c for c in respondents.columns if c in needed]],
        None if incidents is None else incidents[[c for c in incidents.columns if c in needed]],
        REPORT_DESIGN,
        domains=["national"],
        indicators=chosen,
    )
    return pd.Series(table["estimate"].to_numpy(), index=table["indicator"].to_list())


def _has_items(ident: str, respondents: Any, files: Mapping[str, Any]) -> bool:
    from analysis.indicators import get_indicator
    from analysis.indicators.conditions import codes_in

    indicator = get_indicator(ident)
    table = files.get("incidents") if indicator.level in ("incident", "victim") else respondents
    return table is not None and any(c in table.columns for c in codes_in(indicator.numerator))


def public_edition(
    release: Release, policy: Mapping[str, Any], populations: Mapping[str, float]
) -> BuiltRelease:
    """``release`` through the disclosure policy (a mapping; {} is the library's default).

    Refused (ReleaseError) when the policy is malformed or the public files fail it.
    """
    from analysis.disclosure import DisclosurePolicy, apply_policy, verify
    from analysis.disclosure.policy import TopCode
    from analysis.release import rederive
    from analysis.release.recodes import describe_recodes

    back: dict[str, FileName] = {v: k for k, v in _DISCLOSURE_FILES.items()}
    try:
        declared = DisclosurePolicy.from_mapping(dict(policy))
        files = {_DISCLOSURE_FILES[name]: frame for name, frame in release.files.items()}
        public, report = apply_policy(
            files, declared, populations=populations, key_estimates=_key_estimates
        )
        # indicator variables derived from the capped and recoded items, not the originals
        fresh = rederive({back[k]: v for k, v in public.items()}, release.language)
        public = {_DISCLOSURE_FILES[name]: frame for name, frame in fresh.items()}
        # A failing file is never written. Quantile caps are checked as the caps applied:
        # the quantile of the capped file itself is lower (the library would recompute it).
        applied = replace(
            declared,
            top_codes=tuple(
                TopCode(column, cap=cap) for column, cap in report.caps.items() if cap != inf
            )
            + tuple(t for t in declared.top_codes if t.quantile is None),
        )
        verify(public, applied, populations=populations)
    except ValueError as exc:  # PolicyError, PolicyViolation: nothing is published
        raise ReleaseError(reason("public_not_releasable", detail=exc)) from exc
    files_back = {back[k]: v for k, v in public.items()}
    described = describe_recodes(
        release.with_files(files_back),  # type: ignore[arg-type]
        bands={rule.column: rule.edges for rule in declared.bands},
        caps={column: cap for column, cap in report.caps.items() if cap != inf},
    )
    return BuiltRelease(described, report)


def _writable_dir(path: Path) -> Path:
    if path.exists() and not path.is_dir():
        raise ReleaseError(f"{path} exists and is not a directory")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReleaseError(f"cannot create {path}: {exc.strerror}") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise ReleaseError(f"cannot write into {path}: permission denied")
    return path


def write_wave_release(built: BuiltRelease, directory: str | Path, format: str) -> list[Path]:
    """Write the release's files, codebook and (public) disclosure report into ``directory``.

    Files are written into a temporary folder inside ``directory`` and moved into place
    only when all are written, so a failure leaves no half-written release behind.
    """
    from analysis.release import release_prefix, write_release

    if format not in FORMATS:
        raise ReleaseError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    folder = _writable_dir(Path(directory))
    staging = Path(tempfile.mkdtemp(prefix=".release-", dir=folder))
    try:
        written = write_release(built.release, staging, format)  # type: ignore[arg-type]
        if built.report is not None:
            prefix = release_prefix(built.release)
            report = staging / f"{prefix}_disclosure.md"
            report.write_text(built.report.to_markdown(built.release.language), encoding="utf-8")
            figures = staging / f"{prefix}_disclosure.json"
            figures.write_text(
                json.dumps(built.report.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8"
            )
            written += [report, figures]
        final = []
        for path in written:
            target = folder / path.name
            os.replace(path, target)
            final.append(target)
        return final
    except OSError as exc:
        raise ReleaseError(f"cannot write the release into {folder}: {exc.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_ddi(built: BuiltRelease, path: str | Path) -> Path:
    """Write the release's DDI Codebook 2.5 XML to ``path`` (replaced only once complete)."""
    from analysis.release import ddi_codebook

    target = Path(path)
    if target.is_dir():
        raise ReleaseError(f"{target} is a directory; give a file name such as wave.xml")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise ReleaseError(f"folder {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ReleaseError(f"cannot write into {parent}: permission denied")
    data = ddi_codebook(built.release)
    handle, temporary = tempfile.mkstemp(prefix=".ddi-", dir=parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ReleaseError(f"cannot write {target}: {exc.strerror}") from None
    return target
