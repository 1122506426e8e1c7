"""Microdata releases for download (read API and observatory): who may have which edition,
and one release as a ZIP, built once and served from the report cache.

The release itself is :mod:`.release`'s (the files ``surveyapp microdata export`` writes,
disclosure control applied to the public edition); this module decides the editions,
packs the files with the DDI codebook, and keeps the ZIP in the report cache: a
:class:`~surveyapp.models.ReportOutput` row of kind ``microdata``, keyed by wave,
edition, format, language, the release rules and the version of what the release holds
(:func:`~surveyapp.services.reports.release_version`, not the reports' data version: police
records or boundaries, which a release does not contain, do not rebuild it), built by the
report worker (observatory/jobs.py) like a PDF report, its bytes in parts of
:data:`PART_BYTES` (:class:`~surveyapp.models.ReportOutputPart`) that a download streams one
at a time. New data gives a new version, so an old release is never served; the worker
deletes the older versions of a release once the new one is stored.

Releases are whole-wave files, so the internal edition goes only to those who may see the
internal results of every area: staff (or internal tokens) not limited to an area. Anyone
else allowed microdata gets the public edition, of waves they may see.
"""

from __future__ import annotations

import hashlib
import json
import logging
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ..models import OutputKind, OutputStatus, ReportOutput, ReportOutputPart, User, Wave
from . import DBSession
from .indicator_rows import TableUnavailable
from .read_tokens import TokenView
from .release import (
    EDITIONS,
    FORMATS,
    Edition,
    ReleaseError,
    build_wave_release,
    write_ddi,
    write_wave_release,
)
from .report_access import is_staff
from .reports import (
    OutputKey,
    Progress,
    ReportError,
    find_output,
    quiet,
    release_version,
    request_output,
)
from .reports.settings import FAILED_MESSAGE, NO_SUCH_EDITION, WAVE_GONE
from .users import UserError

log = logging.getLogger(__name__)

ZIP_TYPE = "application/zip"
#: Size of the parts a release's ZIP is stored and streamed in (the memory one download needs).
PART_BYTES = 1024 * 1024
#: Bump when a change here or in analysis.release changes what a release holds.
RELEASE_FORMAT = "5"  # 2: read-me, codebook BOM; 3: recodes labelled; 4: SPSS measure; 5: read-me
#: The disclosure policy of downloaded public editions: the library's default
#: (``surveyapp microdata export --policy`` declares others for files made by hand).
DOWNLOAD_POLICY: dict[str, Any] = {}


class ReleaseUnavailable(UserError):
    """The release cannot be made (no interviews, a public file failing its policy)."""


def token_editions(view: TokenView) -> tuple[Edition, ...]:
    """The editions a token may download: none without the microdata permission."""
    if not view.may_download_microdata:
        return ()
    return EDITIONS if view.internal and not view.area_ids else ("public",)


def user_editions(user: User | None) -> tuple[Edition, ...]:
    """The editions a person may download in the observatory: staff only."""
    if not is_staff(user):
        return ()
    assert user is not None  # is_staff says so
    return EDITIONS if user.area_id is None else ("public",)


def archive_name(wave: Wave, edition: str, format_: str, language: str) -> str:
    return f"{wave.slug}-microdata-{edition}-{format_}-{language}.zip"


def _rules_tag() -> str:
    """A short hash of what decides a release besides the data: its format version and the
    disclosure policy. A change gives new cache keys, so older releases are not served."""
    rules = json.dumps([RELEASE_FORMAT, DOWNLOAD_POLICY], sort_keys=True)
    return hashlib.sha256(rules.encode("utf-8")).hexdigest()[:12]


def release_key(
    wave: Wave, *, edition: Edition, format_: str, language: str, version: str
) -> OutputKey:
    """The cache key of a release: ``area_key`` holds the format and the rules' tag,
    ``version`` is the wave's :func:`~surveyapp.services.reports.release_version`."""
    if edition not in EDITIONS or format_ not in FORMATS:
        raise ReleaseUnavailable("edition", NO_SUCH_EDITION)
    return OutputKey(
        OutputKind.microdata,
        wave.id,
        f"{format_}.{_rules_tag()}",
        language,
        edition == "public",
        version,
    )


@dataclass(frozen=True)
class ReadyRelease:
    """A release in the cache, ready to stream: its row, size in bytes and parts, a strong ETag."""

    output: ReportOutput
    output_id: int  # the row's id, read while the row is loaded (streaming ends transactions)
    size: int
    parts: int
    etag: str


def ready_release(
    session: DBSession,
    wave: Wave,
    *,
    edition: Edition,
    format_: str,
    language: str,
    stale_after: int,
    start_worker: Callable[[], None],
) -> ReadyRelease:
    """The wave's release of its current data, from the cache.

    Not built yet: the cache row is added (committed) and the worker started;
    TableUnavailable(row) says it is being prepared (or failed on our side).
    ReleaseUnavailable when the release cannot be made (no interviews, a public file
    failing its policy), with the reason the build gave.
    """
    key = release_key(
        wave,
        edition=edition,
        format_=format_,
        language=language,
        version=release_version(session, wave, public=edition == "public"),
    )
    output = find_output(session, key)
    if output is None or output.status is not OutputStatus.ready:
        output = request_output(session, key, stale_after=stale_after)
        session.commit()
        if output.status in (OutputStatus.pending, OutputStatus.running):
            start_worker()  # inline: builds it now, in this request
            session.refresh(output)
    if output.status is OutputStatus.failed and output.error != FAILED_MESSAGE:
        raise ReleaseUnavailable("wave", output.error or "")
    if output.status is not OutputStatus.ready or output.content is None:
        raise TableUnavailable(output)
    manifest = json.loads(output.content)
    return ReadyRelease(
        output, output.id, int(manifest["bytes"]), int(manifest["parts"]), manifest["sha256"][:32]
    )


def release_bytes(session: DBSession, release: ReadyRelease) -> Iterator[bytes]:
    """The ZIP of a ready release, a part at a time; the transaction ends after each part, so
    a slow client holds no connection. A release deleted meanwhile (its data changed) ends
    the stream short, which the client sees against Content-Length."""
    for seq in range(release.parts):
        data = session.scalar(
            sa.select(ReportOutputPart.data).where(
                ReportOutputPart.output_id == release.output_id, ReportOutputPart.seq == seq
            )
        )
        session.rollback()
        if data is None:
            log.warning("microdata release %s lost part %s while streamed", release.output_id, seq)
            return
        yield bytes(data)


def build_release_output(
    session: DBSession, output: ReportOutput, *, progress: Progress = quiet
) -> bytes:
    """Build a claimed microdata row: the ZIP stored in parts (flushed, not committed) and the
    older versions of the same release deleted. Returns the manifest the row keeps
    (JSON: bytes, parts, sha256). ReportError, with the reason, when it cannot be made."""
    wave = session.get(Wave, output.wave_id)
    if wave is None:
        raise ReportError(WAVE_GONE)
    edition: Edition = "public" if output.public else "internal"
    format_ = output.area_key.partition(".")[0]
    with tempfile.TemporaryFile(prefix="surveyapp-release-") as archive:
        try:
            progress(f"{edition} release: files and codebook")
            write_release_zip(
                session, wave, archive, edition=edition, format_=format_, language=output.language
            )
        except ReleaseUnavailable as exc:
            raise ReportError(exc.message) from exc
        progress("storing the release")
        session.execute(sa.delete(ReportOutputPart).where(ReportOutputPart.output_id == output.id))
        archive.seek(0)
        digest = hashlib.sha256()
        size = seq = 0
        while part := archive.read(PART_BYTES):
            session.execute(
                sa.insert(ReportOutputPart).values(output_id=output.id, seq=seq, data=part)
            )
            digest.update(part)
            size += len(part)
            seq += 1
    _delete_older(session, output)
    session.flush()
    return json.dumps({"bytes": size, "parts": seq, "sha256": digest.hexdigest()}).encode()


def _delete_older(session: DBSession, output: ReportOutput) -> None:
    """Drop this release's copies built from older data or under older release rules (their
    parts go with them)."""
    format_ = output.area_key.partition(".")[0]
    session.execute(
        sa.delete(ReportOutput)
        .where(
            ReportOutput.kind == OutputKind.microdata,
            ReportOutput.wave_id == output.wave_id,
            ReportOutput.area_key.startswith(f"{format_}.", autoescape=True),
            ReportOutput.language == output.language,
            ReportOutput.public == output.public,
            ReportOutput.id != output.id,
            ReportOutput.status != OutputStatus.running,
        )
        .execution_options(synchronize_session=False)
    )


def write_release_zip(
    session: DBSession,
    wave: Wave,
    archive: Any,
    *,
    edition: Edition,
    format_: str,
    language: str,
) -> None:
    """Write the wave's release in one format as a ZIP into ``archive`` (a binary file): its
    files, codebook, (public) disclosure report and DDI Codebook 2.5 XML.
    ReleaseUnavailable when it cannot be made."""
    if edition not in EDITIONS or format_ not in FORMATS:
        raise ReleaseUnavailable("edition", NO_SUCH_EDITION)
    try:
        built = build_wave_release(
            session, wave, edition=edition, language=language, policy=DOWNLOAD_POLICY
        )
        with tempfile.TemporaryDirectory(prefix="surveyapp-release-") as folder:
            written = write_wave_release(built, Path(folder) / "files", format_)
            ddi = write_ddi(built, Path(folder) / f"{wave.slug}_{edition}_ddi.xml")
            del built
            with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as packed:
                for path in [*written, ddi]:
                    packed.write(path, arcname=path.name)
    except ReleaseError as exc:
        raise ReleaseUnavailable("wave", str(exc)) from exc
