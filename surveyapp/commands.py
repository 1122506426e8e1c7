"""Commands of the ``surveyapp`` CLI that need the app (registered on ``app.cli``).

``surveyapp init``, ``serve``, ``user create``, ``demo``; ``db`` comes from
Flask-Migrate and ``questionnaire`` from :mod:`questionnaires.cli` (with ``load`` added
by :mod:`.cli_instruments`).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

import click
import sqlalchemy as sa
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from flask_migrate import upgrade
from werkzeug.serving import run_simple

from questionnaires.loader import standard_instrument_paths
from questionnaires.problems import InstrumentError

from .cli_fieldwork import fieldwork_group
from .cli_instruments import questionnaire_group
from .cli_microdata import microdata_group
from .cli_report import report_command
from .cli_tokens import token_group
from .extensions import db
from .i18n import lookup_count
from .manage_texts import MANAGE
from .models import (
    Area,
    AreaLevel,
    InstrumentVersion,
    Mode,
    Role,
    SampleUnit,
    User,
    Wave,
    WaveStatus,
)
from .services import areas, fieldwork, invitations, staff_sessions, twofactor, waves
from .services.backup import BackupError, backup, restore
from .services.demo_data import SIZES as SIMULATION_SIZES
from .services.demo_data import load_simulated_wave
from .services.instruments import InstrumentConflict, load_instrument_files
from .services.sample import import_sample_units
from .services.users import UserError, create_user, find_user, set_password

if TYPE_CHECKING:
    from .services.demo_fieldwork import DemoFieldwork

DEMO_ADMIN_EMAIL = "admin@example.org"
DEMO_SLUG = "demo"
DEMO_PASSWORD_FILE = "demo-admin.txt"
DEMO_INTERVIEWER_EMAIL = "interviewer@example.org"
DEMO_INTERVIEWER_FILE = "demo-interviewer.txt"
DEMO_INTERVIEWER_2_EMAIL = "interviewer2@example.org"
DEMO_INTERVIEWER_2_FILE = "demo-interviewer-2.txt"
#: The demo wave's households: D-001 to D-006 (the first demo interviewer's D-001 to D-003 in
#: Norte, left for visitors to try the interviewer app), then the second demo interviewer's,
#: in Sur, with field work to supervise (services/demo_fieldwork.py).
DEMO_UNITS = 16
#: Households whose invitation codes the demo prints (the later ones are interviewed on tablets).
DEMO_WEB_UNITS = 6


def register_commands(app: Flask) -> None:
    app.cli.add_command(init_command)
    app.cli.add_command(serve_command)
    app.cli.add_command(user_group)
    app.cli.add_command(area_group)
    app.cli.add_command(demo_command)
    app.cli.add_command(questionnaire_group())
    app.cli.add_command(report_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(fieldwork_group)
    app.cli.add_command(microdata_group)
    app.cli.add_command(token_group)


def _fail(message: str) -> None:
    raise click.ClickException(message)


def load_standard_instruments() -> list[tuple[InstrumentVersion, bool]]:
    """Load the shipped questionnaires; a broken or conflicting file stops with its problems."""
    try:
        return load_instrument_files(db.session, standard_instrument_paths())
    except InstrumentError as exc:
        db.session.rollback()
        raise click.ClickException(
            "a standard questionnaire is broken:\n" + "\n".join(map(str, exc.problems))
        ) from None
    except InstrumentConflict as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from None


def _administrator_exists() -> bool:
    return db.session.scalar(sa.select(User.id).where(User.role == Role.administrator)) is not None


def initialise(admin_email: str | None, admin_name: str | None, admin_password: str | None) -> None:
    """Migrate the database, load the questionnaires, create the first administrator."""
    upgrade()
    for row, created in load_standard_instruments():
        click.echo(f"{'Loaded' if created else 'Already loaded'}: questionnaire {row.label}")
    if admin_email:
        try:
            create_user(
                db.session,
                email=admin_email,
                name=admin_name or admin_email.split("@")[0],
                role=Role.administrator,
                password=admin_password or "",
            )
        except UserError as exc:
            db.session.rollback()
            _fail(f"{exc.field}: {exc.message}")
        click.echo(f"Administrator {admin_email.lower()} created.")
    db.session.commit()


@click.command("init")
@click.option(
    "--admin-email", help="Email of the first administrator (asked for when there is none)."
)
@click.option("--admin-name", help="Full name of the first administrator.")
@click.option("--admin-password", help="Password (better: leave out and type it when asked).")
@click.option("--no-admin", is_flag=True, help="Do not create or ask for an administrator.")
@with_appcontext
def init_command(
    admin_email: str | None, admin_name: str | None, admin_password: str | None, no_admin: bool
) -> None:
    """Create or upgrade the database and load the standard questionnaires."""
    upgrade()
    needs_admin = not no_admin and (admin_email is not None or not _administrator_exists())
    if needs_admin:
        if admin_email is None:
            admin_email = click.prompt("Administrator email")
            admin_name = admin_name or click.prompt(
                "Administrator name", default=admin_email.split("@")[0]
            )
        if admin_password is None:
            admin_password = click.prompt(
                "Administrator password (at least 10 characters)",
                hide_input=True,
                confirmation_prompt=True,
            )
    initialise(admin_email if needs_admin else None, admin_name, admin_password)
    click.echo("Database ready.")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--debug", is_flag=True, help="Debugger and reloader: never on a reachable address.")
@with_appcontext
def serve_command(host: str, port: int, debug: bool) -> None:
    """Run the development server (use gunicorn in production, see surveyapp/docs/server.md)."""
    _serve(host, port, debug)


def _serve(host: str, port: int, debug: bool = False) -> None:
    # Werkzeug's own access log prints client addresses for every request,
    # respondent pages included; our request log leaves them out there.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    app.debug = debug
    # Not app.run(): Flask ignores it inside its own CLI.
    run_simple(host, port, app, use_reloader=debug, use_debugger=debug, threaded=True)


user_group = AppGroup("user", help="Manage staff accounts.")


@user_group.command("create")
@click.option("--email", required=True)
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--name", help="Full name (defaults to the part of the email before @).")
@click.option("--password", help="Leave out to type it (hidden) when asked.")
@click.option(
    "--area", "area_path", help="Limit the user to this area, given as its path of codes (MX/19)."
)
def user_create(
    email: str, role: str, name: str | None, password: str | None, area_path: str | None
) -> None:
    """Create a staff account; its holder must change the password at their first login."""
    area = None
    if area_path:
        area = next(
            (a for a in db.session.scalars(sa.select(Area)) if areas.area_path(a) == area_path),
            None,
        )
        if area is None:
            _fail(f"no area with path {area_path} (see: surveyapp area list)")
    if password is None:
        password = click.prompt(
            "Password (at least 10 characters)", hide_input=True, confirmation_prompt=True
        )
    try:
        user = create_user(
            db.session,
            email=email,
            name=name or email.split("@")[0],
            role=Role(role),
            password=password or "",
            area=area,
            temporary=True,
        )
    except UserError as exc:
        db.session.rollback()
        _fail(f"{exc.field}: {exc.message}")
    db.session.commit()
    click.echo(
        f"Created {user.email} ({user.role.value}). The password is temporary: "
        "they must change it at their first login."
    )


@user_group.command("set-password")
@click.option("--email", required=True)
@click.option("--password", help="Leave out to type it (hidden) when asked.")
def user_set_password(email: str, password: str | None) -> None:
    """Give a user a temporary password (forgotten or locked out); they must change it at
    their next login, and their sessions end."""
    user = find_user(db.session, email)
    if user is None:
        _fail(f"no user with email {email}")
    assert user is not None
    if password is None:
        password = click.prompt(
            "Temporary password (at least 10 characters)",
            hide_input=True,
            confirmation_prompt=True,
        )
    try:
        set_password(db.session, user, password or "", temporary=True)
    except UserError as exc:
        db.session.rollback()
        _fail(f"{exc.field}: {exc.message}")
    staff_sessions.end_all(db.session, user, by=None, reason="password reset")
    db.session.commit()
    click.echo(
        f"{user.email} has a temporary password: they must change it at their next login; "
        "their sessions have ended."
    )


@user_group.command("reset-2fa")
@click.option("--email", required=True)
def user_reset_two_factor(email: str) -> None:
    """Turn off a user's two-factor authentication (phone and recovery codes lost).

    A role that requires it sets it up again at the next login; the user's sessions end.
    """
    user = find_user(db.session, email)
    if user is None:
        _fail(f"no user with email {email}")
    assert user is not None
    twofactor.disable(db.session, user, by=None)
    staff_sessions.end_all(db.session, user, by=None, reason="two-factor reset")
    db.session.commit()
    click.echo(f"Two-factor authentication of {user.email} is off; their sessions have ended.")


@user_group.command("list")
def user_list() -> None:
    """List staff accounts: email, role, state, and whether the password is a temporary one
    its holder must still change (set by an administrator, ``user create`` or ``set-password``)."""
    for user in db.session.scalars(sa.select(User).order_by(User.email)):
        state = "active" if user.active else "deactivated"
        password = (
            "temporary password: must change it" if user.must_change_password else "password set"
        )
        click.echo(f"{user.email}\t{user.role.value}\t{state}\t{password}")


area_group = AppGroup(
    "area", help="Manage the area hierarchy (country > region > municipality > neighbourhood)."
)


@area_group.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def area_import(csv_file: Path) -> None:
    """Add areas from a CSV file with columns level, code, name, parent[, population].

    ``parent`` is the path of codes from the country down ("MX/19"), empty for
    countries; a row may refer to areas on earlier lines. Nothing is added if
    any line is wrong.
    """
    created, errors = areas.import_areas(db.session, csv_file.read_bytes())
    if errors:
        db.session.rollback()
        for error in errors:
            click.echo(f"{csv_file}: {error}", err=True)
        raise SystemExit(1)
    db.session.commit()
    click.echo(lookup_count(MANAGE, "areas_added", "en", len(created), n=len(created)))


@area_group.command("list")
def area_list() -> None:
    """List areas as path, level and name."""
    rows = [
        (areas.area_path(a), a.level.value, a.name) for a in db.session.scalars(sa.select(Area))
    ]
    for path, level, name in sorted(rows):
        click.echo(f"{path}\t{level}\t{name}")


# ---- demo ----


def _demo_admin_password(instance: Path) -> str:
    """The demo administrator's password, created once and kept in the instance folder."""
    return _demo_account(
        instance, DEMO_ADMIN_EMAIL, "Demo administrator", Role.administrator, DEMO_PASSWORD_FILE
    )


def _demo_account(instance: Path, email: str, name: str, role: Role, filename: str) -> str:
    """A demo account's password, created once and kept in ``instance/filename`` (mode 0600)."""
    path = instance / filename
    user = find_user(db.session, email)
    if user is not None and path.exists():
        saved = path.read_text(encoding="utf-8").split()[-1]
        if user.check_password(saved):
            return saved
    password = secrets.token_urlsafe(12)
    if user is None:
        create_user(db.session, email=email, name=name, role=role, password=password)
    else:
        set_password(db.session, user, password)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(f"{email} {password}\n")
    return password


def _demo_interviewer(instance: Path, wave: Wave) -> str:
    """The demo interviewer's password; the demo wave's units of Norte (D-001 to D-003) are theirs."""
    password = _demo_account(
        instance,
        DEMO_INTERVIEWER_EMAIL,
        "Demo interviewer",
        Role.interviewer,
        DEMO_INTERVIEWER_FILE,
    )
    interviewer = find_user(db.session, DEMO_INTERVIEWER_EMAIL)
    assert interviewer is not None
    norte = fieldwork.find_area(db.session, "DM/01/001")
    fieldwork.assign_units(db.session, wave, interviewer, by=None, area=norte)
    return password


def _demo_areas() -> list[Area]:
    country = db.session.scalar(
        sa.select(Area).where(Area.level == AreaLevel.country, Area.code == "DM")
    )
    if country is None:
        country = areas.create_area(
            db.session, level=AreaLevel.country, code="DM", name="Demo country"
        )
        region = areas.create_area(
            db.session, level=AreaLevel.region, code="01", name="Demo region", parent=country
        )
        for code, name in (("001", "Norte"), ("002", "Sur")):
            areas.create_area(
                db.session, level=AreaLevel.municipality, code=code, name=name, parent=region
            )
    return [country]


def _last_twelve_months(today: dt.date) -> tuple[dt.date, dt.date]:
    end = today.replace(day=1) - dt.timedelta(days=1)
    start = end.replace(year=end.year - 1, day=1) + dt.timedelta(days=31)
    return start.replace(day=1), end


def _demo_wave() -> Wave:
    wave = waves.find_wave_by_slug(db.session, DEMO_SLUG)
    if wave is None:
        version = db.session.scalar(
            sa.select(InstrumentVersion).order_by(
                (InstrumentVersion.instrument_id == "vict_std").desc(),
                InstrumentVersion.loaded_at.desc(),
            )
        )
        if version is None:
            _fail("no questionnaire is loaded")
        assert version is not None
        start, end = _last_twelve_months(dt.date.today())
        wave = waves.create_wave(
            db.session,
            name="Demo wave",
            slug=DEMO_SLUG,
            instrument_version=version,
            reference_start=start,
            reference_end=end,
            modes=[Mode.web, Mode.tablet],
            invitation_required=False,
            status=WaveStatus.open,
            areas=_demo_areas(),
        )
    # every household the demo uses, the later ones added to a demo wave made before them
    have = set(
        db.session.scalars(sa.select(SampleUnit.external_id).where(SampleUnit.wave_id == wave.id))
    )
    rows = "".join(
        f"D-{i:03d},Calle Demo {i},{'001' if i <= 3 else '002'},urban,{'N' if i <= 3 else 'S'}1,0.01,\n"
        for i in range(1, DEMO_UNITS + 1)
        if f"D-{i:03d}" not in have
    )
    if rows:
        header = "external_id,address,area_code,stratum,psu,selection_probability,eligible_adults\n"
        result = import_sample_units(db.session, wave, header + rows)
        if not result.ok:  # pragma: no cover - the demo file is fixed
            _fail("; ".join(map(str, result.errors)))
    return wave


def demo_fieldwork_units() -> str:
    return f"D-{DEMO_WEB_UNITS + 1:03d} to D-{DEMO_UNITS:03d}"


def _demo_field_work(instance: Path, wave: Wave, size: str) -> tuple[str, DemoFieldwork]:
    """The second demo interviewer's password and their field work (visits, interviews and
    reviews made through the services a tablet's sync uses), added once."""
    password = _demo_account(
        instance,
        DEMO_INTERVIEWER_2_EMAIL,
        "Demo interviewer 2",
        Role.interviewer,
        DEMO_INTERVIEWER_2_FILE,
    )
    interviewer = find_user(db.session, DEMO_INTERVIEWER_2_EMAIL)
    reviewer = find_user(db.session, DEMO_ADMIN_EMAIL)
    assert interviewer is not None and reviewer is not None
    # the review and upload services load the questionnaire engine: not at every CLI start
    from .services import demo_fieldwork

    work = demo_fieldwork.add_demo_fieldwork(
        db.session,
        wave,
        interviewer,
        reviewer,
        size=size,
        max_paradata_bytes=int(current_app.config["FIELD_MAX_PARADATA_BYTES"]),
    )
    return password, work


def _fresh_demo_hint() -> str:
    """How to run the demo again from nothing, for the database in use."""
    url = db.engine.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return f"delete {url.database} and run surveyapp demo again."
    return "set SURVEYAPP_DATABASE_URL to an empty database and run surveyapp demo again."


@click.command("demo")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option(
    "--no-serve", is_flag=True, help="Prepare everything and print the details, but do not serve."
)
@click.option(
    "--size",
    type=click.Choice(list(SIMULATION_SIZES)),
    default="small",
    show_default=True,
    help="Size of the simulated wave loaded for the observatory.",
)
@with_appcontext
def demo_command(host: str, port: int, no_serve: bool, size: str) -> None:
    """Set up a demonstration (database, questionnaires, admin, open wave) and serve it."""
    initialise(None, None, None)
    instance = Path(current_app.instance_path)
    password = _demo_admin_password(instance)
    # two waves a year apart, so the reports have changes to show
    simulated = [
        load_simulated_wave(db.session, seed=1, size=size, wave=number) for number in (1, 2)
    ]
    # a second country (another seed: its own areas, population and effects), surveyed on the
    # web, so the observatory's regional comparison has two countries to compare
    second = load_simulated_wave(db.session, seed=2, size=size, wave=1, mode=Mode.web)
    # after the simulation, which loads the standard questionnaire: the demo wave takes it
    wave = _demo_wave()
    field_password = _demo_interviewer(instance, wave)
    field_password_2, work = _demo_field_work(instance, wave, size)
    units = list(
        db.session.scalars(
            sa.select(SampleUnit)
            .where(
                SampleUnit.wave_id == wave.id,
                SampleUnit.external_id.in_([f"D-{i:03d}" for i in range(1, DEMO_WEB_UNITS + 1)]),
            )
            .order_by(SampleUnit.external_id)
        )
    )
    codes = invitations.generate_codes(db.session, wave, units, replace=True)
    db.session.commit()
    base = f"http://{host}:{port}"
    click.echo("\nDemonstration ready.\n")
    click.echo(f"  Public survey (open link, no code needed): {base}/s/{wave.slug}")
    click.echo(
        f"  Observatory (reports of two simulated waves, {simulated[-1].interviews} interviews in the "
        f"latest): {base}/observatory/"
    )
    click.echo(
        f"  Regional comparison ({simulated[-1].slug} and {second.slug}): {base}/observatory/regional"
    )
    click.echo(f"  Staff login:  {base}/auth/login")
    click.echo(f"      email:    {DEMO_ADMIN_EMAIL}")
    click.echo(f"      password: {password}   (kept in {instance / DEMO_PASSWORD_FILE})")
    if "administrator" in current_app.config["TWO_FACTOR_REQUIRED_ROLES"]:
        click.echo(
            "      two-factor authentication: administrators set it up at their first login "
            "(any TOTP app);\n      to try the demo without it: "
            "SURVEYAPP_TWO_FACTOR_REQUIRED_ROLES='[]' surveyapp demo"
        )
    if work.skipped is None:
        click.echo(
            f"  Supervision (log in as the administrator): field work of Demo interviewer 2,"
            f"\n  households {demo_fieldwork_units()}, {work.interviews} interviews and "
            f"{work.visits} visits:"
            f"\n      interviews to review: {base}/fieldwork/waves/{wave.id}/review"
            f"\n      quality control:      {base}/fieldwork/waves/{wave.id}/quality"
        )
        if not work.created and work.last_appointment and work.last_appointment < dt.date.today():
            # kept as the first run made it (a second run adds nothing): its days are past now
            click.echo(
                f"  The field work keeps the dates of the demo's first run: its last appointment,"
                f" {work.last_appointment.isoformat()}, is past.\n  For today's dates, start over"
                f" on a new database: {_fresh_demo_hint()}"
            )
    else:
        click.echo(f"  No demo field work to supervise: {work.skipped}.")
    click.echo(f"  Interviewer app (tablets; install it from the browser): {base}/fieldwork/app/")
    click.echo(
        f"      email:    {DEMO_INTERVIEWER_EMAIL}   (households D-001 to D-003, still to visit)"
    )
    click.echo(f"      password: {field_password}   (kept in {instance / DEMO_INTERVIEWER_FILE})")
    click.echo(
        f"      or {DEMO_INTERVIEWER_2_EMAIL}   (the field work above, an interview sent back)"
    )
    click.echo(
        f"      password: {field_password_2}   (kept in {instance / DEMO_INTERVIEWER_2_FILE})"
    )
    if codes:
        click.echo(
            f"  Invitation codes of the demo households D-001 to D-{DEMO_WEB_UNITS:03d} (new ones on "
            "every run; used codes stay valid),"
            f"\n  typed at {base}/s/code or opened as a link, e.g. {base}/s/c/{codes[0][1]}:"
        )
        for unit, code in codes:
            click.echo(f"      {unit.external_id}  {code}")
    click.echo(f"  Database: {db.engine.url.render_as_string(hide_password=True)}\n")
    if not no_serve:
        _serve(host, port)


# ---- backup and restore ----


@click.command("backup")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: backups/surveyapp-<UTC time>.<sqlite|dump> in the instance folder).",
)
@with_appcontext
def backup_command(output: Path | None) -> None:
    """Write a consistent backup of the database while the server keeps running.

    SQLite: the online backup API; PostgreSQL: pg_dump (custom format).
    """
    engine = db.engine
    if output is None:
        folder = Path(current_app.instance_path) / "backups"
        folder.mkdir(mode=0o700, exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S")
        output = (
            folder / f"surveyapp-{stamp}.{'sqlite' if engine.dialect.name == 'sqlite' else 'dump'}"
        )
    try:
        written = backup(engine, output, pg_bin_dir=current_app.config["PG_BIN_DIR"])
    except BackupError as exc:
        _fail(str(exc))
    os.chmod(written, 0o600)  # it holds every answer and every staff password hash
    click.echo(f"Backup written: {written} ({written.stat().st_size:,} bytes)")


@click.command("restore")
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def restore_command(backup_file: Path) -> None:
    """Load a backup into the configured database, which must be empty (nothing is overwritten).

    Then run "surveyapp db upgrade" if the backup is from an older version.
    """
    db.session.remove()
    db.engine.dispose()
    try:
        restore(db.engine, backup_file, pg_bin_dir=current_app.config["PG_BIN_DIR"])
    except BackupError as exc:
        _fail(str(exc))
    finally:
        db.engine.dispose()
    click.echo(f"Restored {backup_file} into {db.engine.url.render_as_string(hide_password=True)}")
