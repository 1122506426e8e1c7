"""PDF status reports through the portal and the ``surveyapp report`` command (slow: WeasyPrint)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
import pypdf
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskCliRunner

import surveyapp.services.report_build as report_build
from surveyapp.extensions import db
from surveyapp.models import OutputKind, OutputStatus, ReportOutput, Role, User, Wave
from surveyapp.services.demo_data import load_simulated_wave
from surveyapp.services.reports import AreaNode, wave_areas

from ..conftest import sqlite_file_or_skip, write_elsewhere  # type: ignore[misc]

pytestmark = pytest.mark.slow


@pytest.fixture
def app_config() -> dict[str, Any]:
    return {"REPORT_WORKER": "inline"}


@pytest.fixture
def sim(app: Flask) -> tuple[int, str, AreaNode]:
    with app.app_context():
        loaded = load_simulated_wave(db.session, seed=5, size="tiny")
        db.session.commit()
        wave = db.session.get(Wave, loaded.wave_id)
        assert wave is not None
        muni = next(a for a in wave_areas(db.session, wave) if a.report_level == "municipality")
        return loaded.wave_id, loaded.slug, muni


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def test_internal_pdf_is_built_once_and_flags_what_public_hides(
    app: Flask,
    sim: tuple[int, str, AreaNode],
    make_user: Callable[..., User],
    login: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
    runner: FlaskCliRunner,
    tmp_path: Path,
) -> None:
    wave_id, slug, muni = sim
    builds: list[str] = []
    real = report_build.pdf_report

    def counted(*args: Any, **kwargs: Any) -> bytes:
        builds.append(kwargs["language"])
        return real(*args, **kwargs)

    monkeypatch.setattr(report_build, "pdf_report", counted)
    client = app.test_client()
    login(client, make_user(Role.analyst))
    url = f"/observatory/waves/{wave_id}/report.pdf?area={muni.key}&lang=en&audience=internal"
    first = client.get(url)
    assert first.status_code == 200 and first.content_type == "application/pdf"
    assert first.headers["Content-Disposition"].endswith(f'{slug}-{muni.code}-en-internal.pdf"')
    internal = _text(first.data)
    assert muni.name in internal and "‡" in internal, (
        "internal edition marks estimates that fail the rule"
    )
    assert "Factors associated with fear" in internal, (
        "odds ratios of compare.fear_model are in the report"
    )
    second = client.get(url)
    assert second.data == first.data and builds == ["en"], "second download comes from the cache"
    with app.app_context():
        row = db.session.scalar(sa.select(ReportOutput).where(ReportOutput.kind == OutputKind.pdf))
        assert row is not None and row.status is OutputStatus.ready and row.served == 2

    # the public edition from the command line: same area, no flagged estimate anywhere
    out = tmp_path / "public.pdf"
    result = runner.invoke(
        args=["report", "--wave", slug, "--area", muni.code, "--lang", "es", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "rendering PDF" in result.output and f"wrote {out}" in result.output
    reader = pypdf.PdfReader(out)
    public = "\n".join(page.extract_text() for page in reader.pages)
    assert muni.name in public and "Municipio" in public
    assert "‡" not in public and "Edición pública" in public
    assert "Factores asociados al temor" in public
    with app.app_context():
        cached = db.session.scalar(
            sa.select(ReportOutput).where(
                ReportOutput.kind == OutputKind.pdf, ReportOutput.public.is_(True)
            )
        )
        assert cached is not None and cached.content == out.read_bytes(), (
            "the portal serves the CLI's PDF"
        )
        drivers = db.session.scalars(
            sa.select(ReportOutput).where(ReportOutput.kind == OutputKind.fear_drivers)
        )
        assert [d.status for d in drivers] == [OutputStatus.ready], (
            "the model is fitted once per data version"
        )


def test_report_command_errors(
    app: Flask, sim: tuple[int, str, AreaNode], runner: FlaskCliRunner
) -> None:
    _wave_id, slug, _muni = sim
    no_wave = runner.invoke(args=["report", "--wave", "nope", "-o", "x.pdf"])
    assert no_wave.exit_code == 2 and slug in no_wave.output
    no_area = runner.invoke(args=["report", "--wave", slug, "--area", "Atlantis", "-o", "x.pdf"])
    assert no_area.exit_code == 2 and "no area" in no_area.output
    missing = runner.invoke(args=["report"])
    assert missing.exit_code == 2


@pytest.mark.parametrize("builder", ["command", "worker"])
def test_a_report_build_holds_no_write_lock_while_it_computes(
    app: Flask,
    sim: tuple[int, str, AreaNode],
    monkeypatch: pytest.MonkeyPatch,
    runner: FlaskCliRunner,
    tmp_path: Path,
    builder: str,
) -> None:
    """On SQLite one writer at a time: a report built in one transaction (tens of seconds on a
    real wave) made every respondent's page save wait, and fail after the 5 s busy timeout
    (``surveyapp report`` did). While the model is fitted and the PDF rendered, by the command
    or by the portal's worker, another process can write at once."""
    import weasyprint

    with app.app_context():
        path = sqlite_file_or_skip(db.engine)
    _wave_id, slug, muni = sim
    writes: list[str] = []
    fit, html = report_build.fear_drivers, weasyprint.HTML

    def fitting(*args: Any, **kwargs: Any) -> Any:
        writes.append(f"fitting the model: {write_elsewhere(path)}")
        return fit(*args, **kwargs)

    def rendering(*args: Any, **kwargs: Any) -> Any:
        writes.append(f"rendering the PDF: {write_elsewhere(path)}")
        return html(*args, **kwargs)

    monkeypatch.setattr(report_build, "fear_drivers", fitting)
    monkeypatch.setattr(weasyprint, "HTML", rendering)
    if builder == "command":
        out = tmp_path / "report.pdf"
        result = runner.invoke(
            args=["report", "--wave", slug, "--area", muni.code, "--lang", "es", "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(b"%PDF")
    else:
        from surveyapp.observatory.jobs import build_pending, report_settings
        from surveyapp.services.reports import OutputKey, data_version, request_output

        with app.app_context():
            settings = report_settings(app)
            wave = db.session.get(Wave, _wave_id)
            assert wave is not None
            key = OutputKey.pdf(wave, muni, "es", True, data_version(db.session, wave, settings))
            output_id = request_output(db.session, key).id
            db.session.commit()
            assert build_pending(db.session, settings=settings) >= 1
            row = db.session.get(ReportOutput, output_id)
            assert row is not None and row.status is OutputStatus.ready, row and row.error
            assert row.content is not None and row.content.startswith(b"%PDF")
            db.session.remove()
    assert writes and "fitting the model: written" in writes, writes
    assert all(w.endswith(": written") for w in writes), writes
