"""Microdata releases for download (read API and observatory): who may have which edition,
and one release as a ZIP.

The release itself is :mod:`.release`'s (the files ``surveyapp microdata export`` writes,
disclosure control applied to the public edition); this module only decides the editions
and packs the files with the DDI codebook.

Releases are whole-wave files, so the internal edition goes only to those who may see the
internal results of every area: staff (or internal tokens) not limited to an area. Anyone
else allowed microdata gets the public edition, of waves they may see.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from ..models import User, Wave
from . import DBSession
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
from .users import UserError

ZIP_TYPE = "application/zip"


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


def release_archive(
    session: DBSession, wave: Wave, *, edition: Edition, format_: str, language: str
) -> bytes:
    """The wave's release in one format as a ZIP: its files, codebook, (public) disclosure
    report and DDI Codebook 2.5 XML. ReleaseUnavailable when it cannot be made."""
    if edition not in EDITIONS or format_ not in FORMATS:
        raise ReleaseUnavailable("edition", "No such edition or format.")
    try:
        built = build_wave_release(
            session,
            wave,
            edition=edition,
            language=language,
        )
        with tempfile.TemporaryDirectory(prefix="surveyapp-release-") as folder:
            written = write_wave_release(built, Path(folder) / "files", format_)
            ddi = write_ddi(built, Path(folder) / f"{wave.slug}_{edition}_ddi.xml")
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for path in [*written, ddi]:
                    archive.write(path, arcname=path.name)
    except ReleaseError as exc:
        raise ReleaseUnavailable("wave", str(exc)) from exc
    return buffer.getvalue()
