"""The report sweep: every kind of PDF status report, built and read back (nightly / release check).

    bash .ci/report-sweep                     # everything: 96 reports + 4 regional comparisons
    bash .ci/report-sweep --lang pt --quick   # a subset, to rerun a fault fast
    bash .ci/report-sweep --workdir /tmp/sweep --keep   # reuse the database, keep the PDFs

Each variant is an area level (national, the first state, the first municipality) x edition
(public, internal) x previous wave (without, with) x questionnaire (standard, adapted) x
language (es, en, pt, fr), plus the regional comparison of three waves in each language.
Every PDF is read back with :func:`layout_problems` and :func:`foreign_phrases`
(tests/analysis/report/pdf_layout.py, the same checks as the slow layout tests). One line per
variant with its problem count, the problems under it; the exit status is 1 when any is found.

Why a script and not tests: 10-30 s a PDF (104 PDFs: 32-34 min on the shared machine, 19.5 min
of CPU), too slow for CI, which builds a few of these variants (test_reports_layout.py,
test_adapted_reports_layout.py); every earlier layout fault was in a variant no test built.
It sits next to those tests because it uses their helpers (the adaptation, the readers); not
named ``test_*``, so pytest does not collect it. Builds one report at a time (one core).

The waves, in a SQLite database of their own, made and upgraded by the migrations
(``--workdir`` keeps it between runs, with the indicator tables and fear-driver models cached
as the server caches them; a kept database made before the sweep migrated is refused):

* standard, no previous wave: the simulated country of seed 1, wave 1;
* standard, with previous wave: seed 1, wave 2 (compared with wave 1);
* adapted, no previous wave: seed 4, wave 1, moved onto tests/surveyapp/conftest.py's
  adaptation of vict_std (five items and the bicycle-theft screener dropped);
* adapted, with previous wave: seed 3, wave 2 on the adaptation, compared with seed 3's wave 1
  on the standard questionnaire (a country that adapted the questionnaire in its second wave);
* the regional comparison: seed 1 wave 2, seed 2 wave 1 (web), seed 4 wave 1 (adapted).

Reports are built as ``surveyapp report`` builds them (the app's report settings, the
fear-driver model), in process, so the database and the tables are made once.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

#: Every variant's dimensions, in the order of a variant's name.
LEVELS = ("national", "state", "municipality")
EDITIONS = ("public", "internal")
PREVIOUS = ("first", "previous")  # without / with a previous wave
QUESTIONNAIRES = ("standard", "adapted")
LANGUAGES = ("es", "en", "pt", "fr")

#: Waves of the sweep: (seed, wave number, adapted) by (questionnaire, previous).
WAVES = {
    ("standard", "first"): (1, 1, False),
    ("standard", "previous"): (1, 2, False),
    ("adapted", "first"): (4, 1, True),
    ("adapted", "previous"): (3, 2, True),
}
#: Loaded but not reported on alone: the adapted wave's previous wave, a second country.
OTHER_WAVES = ((3, 1, False), (2, 1, False))
#: The regional comparison's waves (seed, wave), the first the reference.
REGIONAL = ((1, 2), (2, 1), (4, 1))


@dataclass(frozen=True)
class Variant:
    language: str
    level: str = "regional"
    edition: str = "public"
    previous: str = ""
    questionnaire: str = ""

    @property
    def name(self) -> str:
        if self.level == "regional":
            return f"regional {self.edition} {self.language}"
        return f"{self.level} {self.edition} {self.previous} {self.questionnaire} {self.language}"


def variants(args: argparse.Namespace) -> list[Variant]:
    """The variants the options choose, one language after another."""
    chosen = [
        Variant(language, level, edition, previous, questionnaire)
        for language, questionnaire, previous, level, edition in itertools.product(
            args.lang, args.questionnaire, args.previous, args.level, args.edition
        )
    ]
    if args.regional:
        chosen += [
            Variant(language, edition=edition) for language in args.lang for edition in args.edition
        ]
        chosen.sort(key=lambda v: args.lang.index(v.language))
    return chosen


def _choice(values: Sequence[str]) -> Callable[[str], list[str]]:
    def parse(text: str) -> list[str]:
        parts = [p.strip() for p in text.split(",") if p.strip()]
        wrong = [p for p in parts if p not in values]
        if not parts or wrong:
            raise argparse.ArgumentTypeError(
                f"{', '.join(wrong) or 'nothing'}: choose among {', '.join(values)} (comma-separated)"
            )
        return [v for v in values if v in parts]

    return parse


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=".ci/report-sweep",
        description="Build every kind of status report and read each back for layout and "
        "language faults; exit 1 if any is found.",
    )
    p.add_argument("--lang", type=_choice(LANGUAGES), default=list(LANGUAGES), help="es,en,pt,fr")
    p.add_argument(
        "--level", type=_choice(LEVELS), default=list(LEVELS), help="national,state,municipality"
    )
    p.add_argument(
        "--edition", type=_choice(EDITIONS), default=list(EDITIONS), help="public,internal"
    )
    p.add_argument(
        "--previous", type=_choice(PREVIOUS), default=list(PREVIOUS), help="first,previous"
    )
    p.add_argument(
        "--questionnaire",
        type=_choice(QUESTIONNAIRES),
        default=list(QUESTIONNAIRES),
        help="standard,adapted",
    )
    p.add_argument(
        "--no-regional",
        dest="regional",
        action="store_false",
        help="leave out the regional comparisons",
    )
    p.add_argument(
        "--quick",
        action="store_true",
        help="public edition, national and municipal reports only (a quarter of the PDFs)",
    )
    p.add_argument(
        "--workdir",
        type=Path,
        help="database (reused when there) and PDFs; default: a temporary folder",
    )
    p.add_argument(
        "--keep", action="store_true", help="write every PDF into the workdir (to look at pages)"
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.quick:
        args.edition = ["public"]
        args.level = [lv for lv in args.level if lv != "state"] or args.level
    chosen = variants(args)
    with tempfile.TemporaryDirectory(prefix="report-sweep-") as temporary:
        workdir = args.workdir or Path(temporary)
        workdir.mkdir(parents=True, exist_ok=True)
        return _sweep(chosen, workdir, keep=args.keep)


def _sweep(chosen: list[Variant], workdir: Path, *, keep: bool) -> int:
    # imported here: --help answers at once
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from surveyapp import create_app
    from surveyapp.extensions import db

    started = time.monotonic()
    app = create_app(
        {"SECRET_KEY": "report-sweep", "DATABASE_URL": f"sqlite:///{workdir / 'sweep.sqlite'}"},
        instance_path=str(workdir / "instance"),
    )
    failed = total = 0
    with app.app_context():
        # The migrations, not create_all: a workdir kept from an earlier run (--workdir) holds
        # a database of that day's schema, which create_all would leave without a new column.
        try:
            upgrade()
        except sa.exc.OperationalError as exc:  # tables made by create_all, before migrations
            print(
                f"{workdir / 'sweep.sqlite'} was made by an older sweep and cannot be "
                f"migrated ({exc.orig}): delete it or choose another --workdir",
                file=sys.stderr,
            )
            return 2
        waves = _load_waves(workdir)
        print(
            f"waves ready in {time.monotonic() - started:.0f} s; {len(chosen)} variants", flush=True
        )
        for variant in chosen:
            began = time.monotonic()
            try:
                pdf = _build(variant, waves)
                problems = _problems(pdf, variant.language)
                if keep:
                    (workdir / f"{variant.name.replace(' ', '-')}.pdf").write_bytes(pdf)
            except Exception:  # noqa: BLE001 - a report that cannot be built is a fault to list
                problems = ["not built: " + traceback.format_exc().strip().splitlines()[-1]]
                traceback.print_exc()
                db.session.rollback()
            failed += bool(problems)
            total += len(problems)
            print(
                f"{len(problems):4d}  {variant.name:<50} {time.monotonic() - began:6.1f} s",
                flush=True,
            )
            for problem in problems:
                print(f"        {problem}", flush=True)
        db.session.remove()
        db.engine.dispose()
    minutes = (time.monotonic() - started) / 60
    print(f"{len(chosen)} variants, {failed} with problems, {total} problems, {minutes:.1f} min")
    return 1 if total else 0


def _load_waves(workdir: Path) -> dict[tuple[int, int], int]:
    """Load (or find) the sweep's waves; their ids by (seed, wave number). Commits."""
    from surveyapp.extensions import db
    from surveyapp.models import Mode
    from surveyapp.services.demo_data import load_simulated_wave

    from .conftest import adapt_wave, adapted_vict_std  # type: ignore[misc]

    adaptation = adapted_vict_std(workdir, "sweep")
    ids = {}
    for seed, number, adapted in (*WAVES.values(), *OTHER_WAVES):
        mode = Mode.web if seed == 2 else Mode.tablet
        loaded = load_simulated_wave(db.session, seed=seed, size="small", wave=number, mode=mode)
        if adapted and loaded.created:
            adapt_wave(db.session, loaded.wave_id, adaptation)
        db.session.commit()
        ids[seed, number] = loaded.wave_id
    return ids


def _build(variant: Variant, waves: dict[tuple[int, int], int]) -> bytes:
    """The variant's PDF, built as ``surveyapp report`` builds it."""
    from surveyapp.extensions import db
    from surveyapp.models import Wave
    from surveyapp.observatory.jobs import report_settings
    from surveyapp.services.regional import regional_pdf
    from surveyapp.services.report_build import cached_drivers, pdf_report, wave_table
    from surveyapp.services.reports import data_version, wave_areas

    settings = report_settings()
    public = variant.edition == "public"
    if variant.level == "regional":
        chosen = [db.session.get(Wave, waves[key]) for key in REGIONAL]
        pdf = regional_pdf(
            db.session,
            [w for w in chosen if w is not None],
            language=variant.language,
            public=public,
            settings=settings,
        )
        db.session.commit()
        return pdf
    seed, number, _ = WAVES[variant.questionnaire, variant.previous]
    wave = db.session.get(Wave, waves[seed, number])
    assert wave is not None
    area = next(a for a in wave_areas(db.session, wave) if a.report_level == variant.level)
    table = wave_table(db.session, wave, settings=settings)
    drivers = cached_drivers(db.session, wave, data_version(db.session, wave, settings))
    db.session.commit()  # the cached table and model serve the next variants
    pdf = pdf_report(
        db.session,
        wave,
        area,
        language=variant.language,
        public=public,
        table=table,
        settings=settings,
        drivers=drivers,
    )
    db.session.commit()
    return pdf


def _problems(pdf: bytes, language: str) -> list[str]:
    from ..analysis.report.pdf_layout import foreign_phrases, layout_problems  # type: ignore[import-not-found,misc]

    return [
        *(str(p) for p in layout_problems(pdf)),
        *(f"another language: {p!r}" for p in foreign_phrases(pdf, language)),
    ]


if __name__ == "__main__":
    sys.exit(main())
