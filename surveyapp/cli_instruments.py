"""``surveyapp questionnaire load``: questionnaire files into the database, for new waves.

surveyapp questionnaire load my_adaptation.yaml

The other ``surveyapp questionnaire`` commands (validate, import-xlsform, export-xlsform,
codebook) work on files alone and live in :mod:`questionnaires.cli`; this one needs the
database, so the server adds it to that group (:mod:`surveyapp.cli`).
"""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from questionnaires.loader import InstrumentError, load_instrument

from .extensions import db
from .services.instruments import InstrumentConflict, store_instrument

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
_YAML = (".yaml", ".yml")


@click.command("load")
@click.argument("paths", nargs=-1, required=True, type=_FILE)
@with_appcontext
def load_command(paths: tuple[Path, ...]) -> None:
    """Load questionnaire files (YAML) into the database, where new waves can use them.

    Each file is checked as `validate` checks it, and for item codes the web survey's
    pages cannot use. A file already loaded is left as it is; a changed file needs a new
    version number (interviews keep pointing at what they answered). All files are
    loaded, or none. An XLSForm is converted first: `surveyapp questionnaire
    import-xlsform FORM.xlsx -o FORM.yaml`.
    """
    from .respond.forms import page_name_clashes

    problems: list[str] = []
    loaded = []
    for path in paths:
        if path.suffix.lower() not in _YAML:
            problems.append(
                f"{path}: not a YAML questionnaire; convert an XLSForm first with "
                f"`surveyapp questionnaire import-xlsform {path} -o {path.stem}.yaml`"
            )
            continue
        try:
            instrument = load_instrument(path)
        except InstrumentError as exc:
            problems.extend(str(problem) for problem in exc.problems)
            continue
        problems.extend(f"{path}: {clash}; rename it" for clash in page_name_clashes(instrument))
        loaded.append((path, instrument))
    if problems:
        raise click.ClickException("nothing was loaded:\n" + "\n".join(problems))
    results = []
    try:
        for path, instrument in loaded:
            row, created = store_instrument(db.session, instrument, source=path.name)
            results.append((row.label, created))
    except InstrumentConflict as exc:
        db.session.rollback()
        raise click.ClickException(f"nothing was loaded: {exc}") from None
    db.session.commit()
    for label, created in results:
        click.echo(f"{'Loaded' if created else 'Already loaded'}: questionnaire {label}")


def questionnaire_group() -> click.Group:
    """``surveyapp questionnaire``: the file commands of :mod:`questionnaires.cli` and ``load``."""
    from questionnaires.cli import questionnaire

    return click.Group(
        name=questionnaire.name,
        help="Check, convert, document and load questionnaire (instrument) files.",
        commands={**questionnaire.commands, "load": load_command},
    )
