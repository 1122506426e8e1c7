"""Interviews whose answers disagree with their household list

Adds ``interviews.household_mismatch``: true when a tablet interview's answers
disagree with the household list it was sent with (``hh_size`` or ``hh_adults``
against the list's people and eligible adults, or ``dem_sex``/``dem_age``
against the selected person: another sex, or an age more than a year apart),
so that the supervisors' dashboard can flag it per interviewer from a column,
not from the documents. NULL for interviews without a household list. Written
at upload by ``services.households.household_mismatch``; existing interviews
are filled in here with the rule as it stands at this revision (copied, as a
migration must not change with later code). Reviewed by hand: one nullable
column, added and dropped in a batch on SQLite.

Revision ID: 0010_household_mismatch
Revises: 0009_regional_outputs
Create Date: 2026-12-07
"""
import json

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0010_household_mismatch'
down_revision = '0009_regional_outputs'
branch_labels = None
depends_on = None

_SEX = {1: "m", 2: "f"}  # dem_sex answer -> roster code


def _document(value):
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def _whole(value):
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _mismatch(answers, household, eligible_adults):
    if not isinstance(household, dict) or not isinstance(household.get("roster"), list):
        return None
    answers = answers if isinstance(answers, dict) else {}
    roster = household["roster"]
    if roster and eligible_adults is not None:
        size, adults = answers.get("hh_size"), answers.get("hh_adults")
        if (size is not None and size != len(roster)) or (
            adults is not None and adults != eligible_adults
        ):
            return True
    line = household.get("selected_line")
    person = next((p for p in roster if isinstance(p, dict) and p.get("line") == line), None)
    if person is None or not isinstance(line, int):
        return False
    sex, age = person.get("sex"), _whole(person.get("age"))
    answered_sex = _SEX.get(answers.get("dem_sex")) if not isinstance(answers.get("dem_sex"), (list, dict)) else None
    answered_age = _whole(answers.get("dem_age"))
    if sex in ("m", "f") and answered_sex is not None and sex != answered_sex:
        return True
    return age is not None and answered_age is not None and abs(age - answered_age) > 1


def upgrade():
    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('household_mismatch', sa.Boolean(), nullable=True))
    connection = op.get_bind()
    interviews = sa.table(
        'interviews',
        sa.column('id', sa.Integer),
        sa.column('answers', sa.Text),
        sa.column('household', sa.Text),
        sa.column('eligible_adults', sa.Integer),
        sa.column('household_mismatch', sa.Boolean),
    )
    last = 0
    while True:  # in batches by id: a large database is not read into memory at once
        rows = connection.execute(
            sa.select(
                interviews.c.id,
                sa.cast(interviews.c.answers, sa.Text),
                sa.cast(interviews.c.household, sa.Text),
                interviews.c.eligible_adults,
            )
            .where(interviews.c.household.is_not(None), interviews.c.id > last)
            .order_by(interviews.c.id)
            .limit(500)
        ).all()
        if not rows:
            break
        updates = []
        for id_, answers, household, adults in rows:
            found = _mismatch(_document(answers), _document(household), adults)
            if found is not None:
                updates.append({"row_id": id_, "flag": found})
        if updates:
            connection.execute(
                interviews.update()
                .where(interviews.c.id == sa.bindparam("row_id"))
                .values(household_mismatch=sa.bindparam("flag")),
                updates,
            )
        last = rows[-1][0]


def downgrade():
    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.drop_column('household_mismatch')
