"""Alembic environment: runs inside the Flask app (``surveyapp db ...`` / Flask-Migrate).

The database URL and the metadata come from the app, so migrations always act
on the database the app is configured for (``SURVEYAPP_DATABASE_URL``).
"""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

config = context.config
if config.config_file_name is not None:
    # Keep the app's own loggers alive when alembic configures logging.
    fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

migrate_ext = current_app.extensions["migrate"]
target_db = migrate_ext.db
target_metadata = target_db.metadata


def run_migrations_offline() -> None:
    """Write SQL to stdout instead of running it (``surveyapp db upgrade --sql``)."""
    url = target_db.engine.url.render_as_string(hide_password=False)
    context.configure(
        url=url, target_metadata=target_metadata, literal_binds=True, **migrate_ext.configure_args
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    def process_revision_directives(context_, revision, directives):  # noqa: ANN001
        # An autogenerate run that finds nothing writes no empty migration file.
        if getattr(config.cmd_opts, "autogenerate", False):
            script = directives[0]
            if script.upgrade_ops.is_empty():
                directives[:] = []
                logger.info("No changes in schema detected.")

    conf_args = dict(migrate_ext.configure_args)
    conf_args.setdefault("process_revision_directives", process_revision_directives)

    with target_db.engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # SQLite alters a table by copying it and dropping the old one (batch mode); with
            # foreign keys enforced, that DROP deletes the rows of every ON DELETE CASCADE child
            # (invitation codes, incident rows). Enforcement is off while migrating (the pragma
            # only works outside a transaction), and the result is checked before it is back on.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            context.configure(connection=connection, target_metadata=target_metadata, **conf_args)
            with context.begin_transaction():
                context.run_migrations()
            if sqlite:
                connection.commit()
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(
                        f"the migration left rows without their parent: {broken[:5]}"
                    )
        finally:
            if sqlite:
                connection.rollback()
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
