"""The migrations build exactly the schema the models describe."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from flask_migrate import downgrade, upgrade

from surveyapp.extensions import db
from surveyapp.models import Base


def _drop_everything(app: Flask) -> None:
    # The app fixture created the tables from the models; start from nothing.
    with app.app_context():
        db.drop_all()


def _diffs(app: Flask) -> list[Any]:
    with app.app_context(), db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def test_upgrade_on_empty_database_matches_models(app: Flask) -> None:
    _drop_everything(app)
    with app.app_context():
        upgrade()
    assert _diffs(app) == []


def test_downgrade_removes_every_table(app: Flask) -> None:
    _drop_everything(app)
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        tables = set(sa.inspect(db.engine).get_table_names())
    assert tables <= {"alembic_version"}


def test_models_have_no_unmigrated_changes_after_create_all(app: Flask) -> None:
    # create_all and the migrations agree: comparing create_all output is a no-op too.
    assert _diffs(app) == []
