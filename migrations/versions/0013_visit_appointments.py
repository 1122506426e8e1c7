"""Visit appointments: when a household asked the interviewer to come back

Adds ``contact_attempts.appointment_date`` and ``appointment_time``: the day
(and, if one was agreed, the time) a visit with outcome ``appointment`` set for
the next one, as wall-clock values at the household (no offset, like
``local_date``). Both are NULL for every visit stored before, and for visits
sent by an app too old to ask. Reviewed by hand: two nullable columns, no data
to move; on SQLite the batch adds them with ALTER TABLE (no table copy) and
drops them in a batch on the way down.

Revision ID: 0013_visit_appointments
Revises: 0012_temporary_passwords
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0013_visit_appointments'
down_revision = '0012_temporary_passwords'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('contact_attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('appointment_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('appointment_time', sa.Time(), nullable=True))


def downgrade():
    with op.batch_alter_table('contact_attempts', schema=None) as batch_op:
        batch_op.drop_column('appointment_time')
        batch_op.drop_column('appointment_date')
