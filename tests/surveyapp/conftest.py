"""Fixtures shared by the server tests of the observatory and reports."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import Session

from questionnaires.loader import load_instrument
from surveyapp.extensions import db
from surveyapp.models import Interview, Wave
from surveyapp.services.demo_data import load_simulated_wave
from surveyapp.services.instruments import store_instrument
from surveyapp.services.reports import AreaNode, wave_areas

from ..conftest import VICT_STD  # type: ignore[misc]


@dataclass(frozen=True)
class TinyWave:
    """A loaded simulated wave (2 states x 2 municipalities) and the areas it reports on."""

    id: int
    slug: str
    name: str
    areas: list[AreaNode]

    def first(self, level: str, *, state: AreaNode | None = None, inside: bool = True) -> AreaNode:
        """The first area of ``level``; with ``state``, the first inside it (or outside it)."""
        return next(
            a
            for a in self.areas
            if a.report_level == level and (state is None or (a.state_id == state.id) == inside)
        )

    @property
    def muni(self) -> AreaNode:
        return self.first("municipality")

    @property
    def state(self) -> AreaNode:
        return self.first("state")


@pytest.fixture
def tiny_wave(app: Flask) -> Callable[..., TinyWave]:
    """``tiny_wave(public=True)``: load the tiny simulated wave (seed 5) and commit."""

    def load(*, public: bool = True) -> TinyWave:
        with app.app_context():
            loaded = load_simulated_wave(db.session, seed=5, size="tiny", public=public)
            db.session.commit()
            wave = db.session.get(Wave, loaded.wave_id)
            assert wave is not None
            return TinyWave(wave.id, wave.slug, wave.name, wave_areas(db.session, wave))

    return load


#: The items the report tests' national adaptation drops (with the bicycle-theft screener's group).
ADAPTATION_DROPS = ("dem_sex", "per_safe_nbhd", "media_freq", "trust_police")


def _without(text: str, code: str) -> str:
    """``text`` (a questionnaire) without the item ``code`` (as conftest's vict_std_without)."""
    found = re.search(rf"\n( +)- code: {re.escape(code)}\n", text)
    assert found is not None, code
    after = re.compile(rf"\n{found.group(1)}- code: |\n {{0,{len(found.group(1)) - 1}}}\S")
    following = after.search(text, found.end() - 1)
    assert following is not None
    return text[: found.start() + 1] + text[following.start() + 1 :]


def adapted_vict_std(folder: Path, tag: str) -> Path:
    """vict_std without :data:`ADAPTATION_DROPS` and the bicycle-theft screener, as version
    ``1.1.1-<tag>``: the reports of its waves carry the "not asked" and "not measured" parts."""
    text = VICT_STD.read_text(encoding="utf-8")
    for code in ADAPTATION_DROPS:
        text = _without(text, code)
    # the two media items media_freq conditioned are asked of everybody
    condition = '        relevant: "${media_freq} >= 1 and ${media_freq} <= 4"\n'
    assert text.count(condition) == 2
    text = text.replace(condition, "")
    # no bicycle-theft screener: its group goes, the incidents it counted are none
    start, end = text.index("\n  - name: hv_bike\n"), text.index("\n  - name: hv_burg\n")
    text = text[: start + 1] + text[end + 1 :]
    text, n = re.subn(
        r"(- code: n_inc_bike\n +type: calculate\n +calculation: )>-\n(?: {10}.*\n)+",
        r'\1"0"\n',
        text,
    )
    assert n == 1 and "hv_bike" not in text
    text = text.replace('\nversion: "1.1.1"\n', f'\nversion: "1.1.1-{tag}"\n', 1)
    path = folder / f"vict_std_{tag}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def adapt_wave(session: Session, wave_id: int, questionnaire: Path) -> None:
    """Move a loaded wave and its interviews onto ``questionnaire`` (stored if new); flushes.

    The interviews then answered the adaptation: its items are all the server reads.
    """
    version, _ = store_instrument(session, load_instrument(questionnaire))
    session.execute(
        sa.update(Interview)
        .where(Interview.wave_id == wave_id)
        .values(instrument_version_id=version.id)
    )
    wave = session.get(Wave, wave_id)
    assert wave is not None
    wave.instrument_version = version
    session.flush()
