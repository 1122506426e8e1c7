"""Regional comparison PDFs in the report cache

Adds ``report_outputs.waves``: for a cached regional comparison (a row of kind
``regional``) the ids of the waves compared, in order ("3,7,9"; the first is
``wave_id``), so that the report worker knows what to build. The cache key
itself holds a hash of those ids and their data versions (``area_key``).
Reviewed by hand: one nullable column (NULL for every existing row, which are
single-wave outputs), added and dropped in a batch on SQLite; the kind
``regional`` needs no change (the enum is a plain VARCHAR(32) without a CHECK,
as in 0002). Downgrading deletes the cached regional PDFs (older code cannot
read that kind; they are built again when asked for).

Revision ID: 0009_regional_outputs
Revises: 0008_report_output_parts
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0009_regional_outputs'
down_revision = '0008_report_output_parts'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('report_outputs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('waves', sa.Text(), nullable=True))


def downgrade():
    # older code cannot load the kind 'regional'; the PDFs are a cache, built again on demand
    op.execute("DELETE FROM report_outputs WHERE kind = 'regional'")
    with op.batch_alter_table('report_outputs', schema=None) as batch_op:
        batch_op.drop_column('waves')
