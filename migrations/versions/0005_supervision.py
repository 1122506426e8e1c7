"""Field supervision: contact attempts, unit dispositions and seeds, household selection

Adds ``contact_attempts`` (visits recorded on a device, idempotent by the
client's UUID, the device time kept as sent with its offset), and
``unit_assignments`` (every interviewer a unit was given to, so that an
interview made before a reassignment can still be sent); on
``sample_units`` the within-household selection seed and the derived AAPOR
disposition; on ``waves`` the selection method and which tablet interviews
feed indicators; on ``interviews`` the household record, the selection
factor (eligible adults), the number of draws and the quality figures the
supervisors' dashboard reads (local date and hour, duration, item
nonresponse, screener answers); on ``interview_revisions`` the household
record of each revision.

Reviewed by hand: enums are plain VARCHAR as in 0001; the two wave settings
are NOT NULL with a server default so that existing waves get ``kish`` and
``approved``. ``selection_seed`` is added NOT NULL with a server default of
0 and every existing unit then gets a random seed (Python's ``secrets``, the
same draw as at import; the app always gives one, 0 is only what a row
inserted by hand would get); existing assignments are copied into
``unit_assignments``. No table with rows is recreated: on SQLite a batch
recreate drops the old table, and with foreign keys on that deletes the rows
of every table referencing it with ON DELETE CASCADE (invitation codes,
contact attempts, unit assignments); every change here is an ALTER TABLE ADD
COLUMN or a new index, which SQLite does in place.

Revision ID: 0005_supervision
Revises: 0004_staff_security
Create Date: 2026-12-06
"""
import secrets

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0005_supervision'
down_revision = '0004_staff_security'
branch_labels = None
depends_on = None

MAX_SEED = 2**31 - 1
JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')


def upgrade():
    op.create_table('contact_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('sample_unit_id', sa.Integer(), nullable=False),
    sa.Column('wave_id', sa.Integer(), nullable=False),
    sa.Column('interviewer_id', sa.Integer(), nullable=True),
    sa.Column('attempted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('attempted_at_text', sa.String(length=40), nullable=False),
    sa.Column('local_date', sa.Date(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('outcome', sa.Enum('no_contact', 'refusal', 'appointment', 'not_eligible', 'other', 'language', 'incapacity', name='attempt_outcome', native_enum=False, length=32), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['interviewer_id'], ['users.id'], name=op.f('fk_contact_attempts_interviewer_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['sample_unit_id'], ['sample_units.id'], name=op.f('fk_contact_attempts_sample_unit_id_sample_units'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['wave_id'], ['waves.id'], name=op.f('fk_contact_attempts_wave_id_waves'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_attempts')),
    sa.UniqueConstraint('uuid', name=op.f('uq_contact_attempts_uuid'))
    )
    with op.batch_alter_table('contact_attempts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_attempts_interviewer_id'), ['interviewer_id'], unique=False)
        batch_op.create_index('ix_contact_attempts_unit_attempted', ['sample_unit_id', 'attempted_at'], unique=False)
        batch_op.create_index('ix_contact_attempts_wave_day', ['wave_id', 'local_date', 'outcome'], unique=False)

    op.create_table('unit_assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sample_unit_id', sa.Integer(), nullable=False),
    sa.Column('interviewer_id', sa.Integer(), nullable=False),
    sa.Column('assigned_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('assigned_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['assigned_by_id'], ['users.id'], name=op.f('fk_unit_assignments_assigned_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['interviewer_id'], ['users.id'], name=op.f('fk_unit_assignments_interviewer_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sample_unit_id'], ['sample_units.id'], name=op.f('fk_unit_assignments_sample_unit_id_sample_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unit_assignments')),
    sa.UniqueConstraint('sample_unit_id', 'interviewer_id', name=op.f('uq_unit_assignments_sample_unit_id_interviewer_id'))
    )
    with op.batch_alter_table('unit_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unit_assignments_interviewer_id'), ['interviewer_id'], unique=False)

    with op.batch_alter_table('waves', schema=None) as batch_op:
        batch_op.add_column(sa.Column('selection_method', sa.Enum('kish', 'next_birthday', 'last_birthday', name='selection_method', native_enum=False, length=32), server_default='kish', nullable=False))
        batch_op.add_column(sa.Column('indicator_interviews', sa.Enum('approved', 'received', name='indicator_interviews', native_enum=False, length=32), server_default='approved', nullable=False))

    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('household', JSON, nullable=True))
        batch_op.add_column(sa.Column('eligible_adults', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('selection_draws', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('local_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('local_hour', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('duration_seconds', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('items_answered', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('items_dont_know', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('items_refused', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('screeners_asked', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('screeners_yes', sa.Integer(), nullable=True))

    with op.batch_alter_table('interview_revisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('household', JSON, nullable=True))

    with op.batch_alter_table('sample_units', schema=None) as batch_op:
        batch_op.add_column(sa.Column('selection_seed', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('disposition', sa.Integer(), nullable=True))
        batch_op.create_index('ix_sample_units_wave_holder', ['wave_id', 'assigned_to_id', 'area_id', 'disposition'], unique=False)

    conn = op.get_bind()
    units = sa.table('sample_units', sa.column('id', sa.Integer), sa.column('selection_seed', sa.Integer),
                     sa.column('assigned_to_id', sa.Integer), sa.column('created_at', sa.DateTime(timezone=True)))
    ids = [row.id for row in conn.execute(sa.select(units.c.id))]
    for start in range(0, len(ids), 5000):
        conn.execute(
            units.update().where(units.c.id == sa.bindparam('unit_id')).values(selection_seed=sa.bindparam('seed')),
            [{'unit_id': i, 'seed': secrets.randbelow(MAX_SEED) + 1} for i in ids[start:start + 5000]],
        )
    held = sa.table('unit_assignments', sa.column('sample_unit_id', sa.Integer), sa.column('interviewer_id', sa.Integer),
                    sa.column('assigned_at', sa.DateTime(timezone=True)))
    conn.execute(held.insert().from_select(
        ['sample_unit_id', 'interviewer_id', 'assigned_at'],
        sa.select(units.c.id, units.c.assigned_to_id, units.c.created_at).where(units.c.assigned_to_id.is_not(None)),
    ))


def downgrade():
    with op.batch_alter_table('sample_units', schema=None) as batch_op:
        batch_op.drop_index('ix_sample_units_wave_holder')
        batch_op.drop_column('disposition')
        batch_op.drop_column('selection_seed')

    with op.batch_alter_table('interview_revisions', schema=None) as batch_op:
        batch_op.drop_column('household')

    with op.batch_alter_table('interviews', schema=None) as batch_op:
        for name in ('screeners_yes', 'screeners_asked', 'items_refused', 'items_dont_know',
                     'items_answered', 'duration_seconds', 'local_hour', 'local_date'):
            batch_op.drop_column(name)
        batch_op.drop_column('selection_draws')
        batch_op.drop_column('eligible_adults')
        batch_op.drop_column('household')

    with op.batch_alter_table('waves', schema=None) as batch_op:
        batch_op.drop_column('indicator_interviews')
        batch_op.drop_column('selection_method')

    with op.batch_alter_table('unit_assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unit_assignments_interviewer_id'))

    op.drop_table('unit_assignments')
    with op.batch_alter_table('contact_attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_contact_attempts_wave_day')
        batch_op.drop_index('ix_contact_attempts_unit_attempted')
        batch_op.drop_index(batch_op.f('ix_contact_attempts_interviewer_id'))

    op.drop_table('contact_attempts')
