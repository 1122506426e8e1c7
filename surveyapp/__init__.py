"""The Flask survey server: ``create_app`` builds it.

Nothing here touches the database schema: run ``surveyapp init`` (or
``surveyapp db upgrade``) to create or migrate it. The server's modules are
imported by :func:`create_app`, not by ``import surveyapp``, so that the
console script can list its commands (and run the questionnaire ones)
without loading the server.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer
from werkzeug.routing import IntegerConverter, Map

from . import config as default_config


class DatabaseIdConverter(IntegerConverter):
    """``<int:...>`` limited to what the database can hold: a larger id is 404, not an OverflowError."""

    def __init__(
        self,
        map: Map,
        fixed_digits: int = 0,
        min: int | None = None,  # noqa: A002
        max: int | None = None,  # noqa: A002  (None: the largest id the database holds)
        signed: bool = False,
    ) -> None:
        from .models.base import MAX_ID

        super().__init__(
            map,
            fixed_digits=fixed_digits,
            min=min,
            max=MAX_ID if max is None else max,
            signed=signed,
        )


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, with its serializer built once per secret key.

    Flask builds a new serializer (and signer) for every request, to open and again to
    save the cookie; that is a tenth of what a question page costs the stack. The cookie,
    its signature, salt and attributes are Flask's own, unchanged.
    """

    def __init__(self) -> None:
        self._serializers: dict[tuple[Any, ...], URLSafeTimedSerializer] = {}

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        if not app.secret_key:
            return None
        keys = (*(app.config["SECRET_KEY_FALLBACKS"] or ()), app.secret_key)
        serializer = self._serializers.get(keys)
        if serializer is None:
            serializer = super().get_signing_serializer(app)
            assert serializer is not None
            self._serializers = {keys: serializer}  # a changed key replaces the old one
        return serializer


class SurveyApp(Flask):
    """The Flask app, with what every request runs through made cheaper (same behaviour).

    Flask asks ``inspect.iscoroutinefunction`` of every hook and view on every request
    (``ensure_sync``): about 16 times a request here. The answer for a function never
    changes, so it is kept.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.session_interface = SessionInterface()
        self._sync: dict[Any, Any] = {}

    def ensure_sync(self, func: Any) -> Any:
        try:
            return self._sync[func]
        except KeyError:
            pass
        except TypeError:  # an unhashable callable: asked every time, as Flask does
            return super().ensure_sync(func)
        synced = self._sync[func] = super().ensure_sync(func)
        return synced


def create_app(
    test_config: Mapping[str, Any] | None = None, instance_path: str | None = None
) -> Flask:
    """Build the app: defaults, then instance/config.py, then SURVEYAPP_* variables, then test_config.

    The instance folder (database, secret key, config.py) is ``instance_path``, else
    ``SURVEYAPP_INSTANCE_PATH``, else Flask's default: ``instance/`` next to the
    package in a source checkout, ``<prefix>/var/surveyapp-instance`` when installed.
    """
    from .commands import register_commands
    from .errors import register_error_handlers
    from .extensions import csrf, db, limiter, migrate
    from .requestlog import register_request_log
    from .security import register_security
    from .staff_texts import register as register_staff_texts

    instance_path = instance_path or os.environ.get("SURVEYAPP_INSTANCE_PATH") or None
    if instance_path is not None:
        instance_path = os.path.abspath(instance_path)
    app = SurveyApp(__name__, instance_relative_config=True, instance_path=instance_path)
    app.config.from_mapping(default_config.defaults())
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("SURVEYAPP")
    if test_config is not None:
        app.config.from_mapping(test_config)
    default_config.check(app.config)  # a wrong setting stops here, named, not in a later request
    # Only its owner may open the folder: it holds the database, the secret key and the demo
    # passwords. (A folder that exists keeps its mode: the administrator chose it.)
    os.makedirs(app.instance_path, mode=0o700, exist_ok=True)

    app.config["SQLALCHEMY_DATABASE_URI"] = database_url(app)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret_key(Path(app.instance_path))
    if app.config.get("TESTING") and "RATELIMIT_ENABLED" not in (test_config or {}):
        app.config["RATELIMIT_ENABLED"] = False

    db.init_app(app)
    migrate.init_app(app, db, directory=str(migrations_directory()))
    csrf.init_app(app)
    limiter.init_app(app)
    _init_login(app)

    _register_blueprints(app)
    register_error_handlers(app)
    register_request_log(app)
    register_security(app)
    app.context_processor(_template_globals)
    register_staff_texts(app)
    register_commands(app)
    return app


def migrations_directory() -> Path:
    """The Alembic migrations: inside the installed package, or ``migrations/`` of a source checkout.

    The wheel maps the top-level ``migrations/`` folder to ``surveyapp/migrations``
    (see setup.py); an editable install or a checkout on ``sys.path`` uses the folder itself.
    """
    package = Path(__file__).resolve().parent
    installed = package / "migrations"
    if (installed / "env.py").is_file():
        return installed
    return package.parent / "migrations"


def _template_globals() -> dict[str, Any]:
    from .models import Role

    return {"Role": Role}


def database_url(app: Flask) -> str:
    """The SQLAlchemy URL from DATABASE_URL, defaulting to SQLite in the instance folder."""
    url = app.config.get("DATABASE_URL") or app.config.get("SQLALCHEMY_DATABASE_URI")
    if not url:
        return "sqlite:///" + os.path.join(app.instance_path, "surveyapp.sqlite")
    url = str(url)
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _instance_secret_key(instance: Path) -> str:
    """Read the instance secret key, creating it (mode 0600) on first use."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key + "\n")
    return key


def _init_login(app: Flask) -> None:
    from .auth.session import load_user, unauthorized
    from .extensions import login_manager

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user)
    login_manager.unauthorized_handler(unauthorized)


def _register_blueprints(app: Flask) -> None:
    from .api import bp as api_bp
    from .api.v1 import bp as api_v1_bp
    from .auth import bp as auth_bp
    from .fieldwork import bp as fieldwork_bp
    from .fieldwork.api import bp as field_api_bp
    from .main import bp as main_bp
    from .manage import bp as manage_bp
    from .observatory import api_bp as observatory_api_bp
    from .observatory import bp as observatory_bp
    from .respond import bp as respond_bp

    app.url_map.converters["int"] = DatabaseIdConverter  # before any rule is added
    for bp in (
        main_bp,
        auth_bp,
        manage_bp,
        fieldwork_bp,
        field_api_bp,
        observatory_bp,
        api_bp,
        api_v1_bp,
        observatory_api_bp,
        respond_bp,
    ):
        app.register_blueprint(bp)
