"""Microdata releases in the report cache

Adds ``report_output_parts``: the ZIP of a cached microdata release (a
``report_outputs`` row of kind ``microdata``), in ordered parts of 1 MiB so
that the worker writes it and a download streams it a part at a time.
Reviewed by hand: a new table only; the kind ``microdata`` needs no change
(the enum is a plain VARCHAR(32) without a CHECK, as in 0002); parts go with
their output (ON DELETE CASCADE: pruning or deleting the wave removes them).

Revision ID: 0008_report_output_parts
Revises: 0007_area_boundaries
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0008_report_output_parts'
down_revision = '0007_area_boundaries'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('report_output_parts',
    sa.Column('output_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['output_id'], ['report_outputs.id'], name=op.f('fk_report_output_parts_output_id_report_outputs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('output_id', 'seq', name=op.f('pk_report_output_parts'))
    )


def downgrade():
    op.drop_table('report_output_parts')
