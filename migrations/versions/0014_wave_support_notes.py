"""Support contacts per wave: where a respondent can find help, per language

Adds ``waves.support_notes``: a JSON object {language: plain text} (JSONB on
PostgreSQL, as the other JSON columns), shown to respondents on the survey's
end page, the thank-you page and the page after "Save and continue later".
NULL for every wave stored before: nothing is shown and the questionnaire's
own sentence stays. Reviewed by hand: one nullable column, no data to move;
on SQLite the batch adds it with ALTER TABLE (no table copy) and drops it in
a batch on the way down.

Revision ID: 0014_wave_support_notes
Revises: 0013_visit_appointments
Create Date: 2026-12-08
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0014_wave_support_notes'
down_revision = '0013_visit_appointments'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('waves', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'support_notes',
                sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'),
                nullable=True,
            )
        )


def downgrade():
    with op.batch_alter_table('waves', schema=None) as batch_op:
        batch_op.drop_column('support_notes')
