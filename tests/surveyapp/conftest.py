"""Fixtures shared by the server tests of the observatory and reports."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from flask import Flask

from surveyapp.extensions import db
from surveyapp.models import Wave
from surveyapp.services.demo_data import load_simulated_wave
from surveyapp.services.reports import AreaNode, wave_areas


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
