"""Report outputs cache and final interview weights

Adds ``report_outputs`` (cached indicator tables and PDF reports, also the job
rows that report workers claim) and ``interviews.final_weight`` (the final
person weight set by a weighting run or the demo loader).

Reviewed by hand: enums are plain VARCHAR as in 0001; ``content`` is
LargeBinary (BYTEA on PostgreSQL, BLOB on SQLite); the new column is nullable,
so the batch ALTER on SQLite copies the table without needing a default.

Revision ID: 0002_report_outputs
Revises: 0001
Create Date: 2026-11-28
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0002_report_outputs'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('report_outputs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('indicators', 'pdf', 'fear_drivers', name='report_output_kind', native_enum=False, length=32), nullable=False),
    sa.Column('wave_id', sa.Integer(), nullable=False),
    sa.Column('area_key', sa.String(length=32), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('public', sa.Boolean(), nullable=False),
    sa.Column('data_version', sa.String(length=64), nullable=False),
    sa.Column('status', sa.Enum('pending', 'running', 'ready', 'failed', name='report_output_status', native_enum=False, length=32), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('progress', sa.String(length=200), nullable=True),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('served', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['wave_id'], ['waves.id'], name=op.f('fk_report_outputs_wave_id_waves'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_outputs')),
    sa.UniqueConstraint('kind', 'wave_id', 'area_key', 'language', 'public', 'data_version', name='uq_report_outputs_key')
    )
    with op.batch_alter_table('report_outputs', schema=None) as batch_op:
        batch_op.create_index('ix_report_outputs_status', ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_outputs_wave_id'), ['wave_id'], unique=False)

    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('final_weight', sa.Float(), nullable=True))


def downgrade():
    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.drop_column('final_weight')

    with op.batch_alter_table('report_outputs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_outputs_wave_id'))
        batch_op.drop_index('ix_report_outputs_status')

    op.drop_table('report_outputs')
