"""Device ids on the interviewer app's logins

Adds ``api_tokens.device_id``: a random id the interviewer app makes once on
each tablet and sends at login. A new login replaces the earlier login of the
same device; devices were told apart by the name typed at login, so two tablets
given the same name ("Tableta") logged each other out. NULL for existing tokens
and for an app that sends no id (those devices are still told apart by name).
Reviewed by hand: one nullable column, added and dropped in a batch on SQLite.

Revision ID: 0011_device_ids
Revises: 0010_household_mismatch
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0011_device_ids'
down_revision = '0010_household_mismatch'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('device_id', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_column('device_id')
