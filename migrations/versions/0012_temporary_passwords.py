"""Temporary passwords: a password someone else set must be changed at the next login

Adds ``users.must_change_password``: true when an administrator (management
pages or the CLI) set the password, when creating the account or resetting it;
the user must choose their own before any other staff page, and the interviewer
app's login refuses until then. Existing accounts are not forced: the column is
added false for every row (server default), as if each had chosen their own.
Reviewed by hand: one NOT NULL boolean with a server default; on SQLite the batch
adds it with ALTER TABLE (no table copy, so nothing that references ``users`` is
touched); dropped in a batch on the way down.

Revision ID: 0012_temporary_passwords
Revises: 0011_device_ids
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0012_temporary_passwords'
down_revision = '0011_device_ids'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('must_change_password', sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')
