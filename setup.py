"""Packaging: everything is declared in setup.cfg except the one thing it cannot say.

The Alembic migrations live in the top-level ``migrations/`` folder (where
Flask-Migrate and reviewers expect them) but must ship inside the installed
package: they are mapped here to ``surveyapp/migrations`` in the wheel, where
:func:`surveyapp.migrations_directory` finds them.
"""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["surveyapp*", "questionnaires*", "analysis*"])
    + ["surveyapp.migrations", "surveyapp.migrations.versions"],
    package_dir={"surveyapp.migrations": "migrations"},
)
