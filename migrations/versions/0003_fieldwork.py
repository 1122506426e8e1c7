"""Field work: device tokens, interview revisions, review state, assignments

Adds ``api_tokens`` (bearer tokens of the interviewer app, stored as SHA-256,
revocable), ``interview_revisions`` (every accepted upload of a tablet
interview, unique per interview by number and by content hash, which makes
retried uploads idempotent), the supervisor's review columns on
``interviews`` and ``sample_units.assigned_to_id`` (the interviewer who works
the unit).

Reviewed by hand: enums are plain VARCHAR as in 0001; timestamps are
``DateTime(timezone=True)`` as in 0001/0002 (the model's UTCDateTime is a
TypeDecorator over it); every new column on an existing table is nullable,
so the batch ALTER on SQLite copies the tables without defaults.

Revision ID: 0003_fieldwork
Revises: 0002_report_outputs
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0003_fieldwork'
down_revision = '0002_report_outputs'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('purpose', sa.Enum('field', name='token_purpose', native_enum=False, length=32), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['revoked_by_id'], ['users.id'], name=op.f('fk_api_tokens_revoked_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_api_tokens_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_tokens_token_hash'))
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_tokens_user_id'), ['user_id'], unique=False)

    op.create_table('interview_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('interview_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('answers', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('paradata', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('token_id', sa.Integer(), nullable=True),
    sa.Column('client_saved_at', sa.String(length=40), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['interview_id'], ['interviews.id'], name=op.f('fk_interview_revisions_interview_id_interviews'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_interview_revisions_submitted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['token_id'], ['api_tokens.id'], name=op.f('fk_interview_revisions_token_id_api_tokens'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interview_revisions')),
    sa.UniqueConstraint('interview_id', 'content_hash', name=op.f('uq_interview_revisions_interview_id_content_hash')),
    sa.UniqueConstraint('interview_id', 'number', name=op.f('uq_interview_revisions_interview_id_number'))
    )
    with op.batch_alter_table('interview_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interview_revisions_submitted_by_id'), ['submitted_by_id'], unique=False)

    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revision', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('review_status', sa.Enum('received', 'approved', 'rejected', 'resubmitted', name='review_status', native_enum=False, length=32), nullable=True))
        batch_op.add_column(sa.Column('review_comment', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('review_item', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('reviewed_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_interviews_reviewed_by_id_users'), 'users', ['reviewed_by_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('sample_units', schema=None) as batch_op:
        batch_op.add_column(sa.Column('assigned_to_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_sample_units_assigned_to_id'), ['assigned_to_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_sample_units_assigned_to_id_users'), 'users', ['assigned_to_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('sample_units', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_sample_units_assigned_to_id_users'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_sample_units_assigned_to_id'))
        batch_op.drop_column('assigned_to_id')

    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_interviews_reviewed_by_id_users'), type_='foreignkey')
        batch_op.drop_column('reviewed_by_id')
        batch_op.drop_column('reviewed_at')
        batch_op.drop_column('review_item')
        batch_op.drop_column('review_comment')
        batch_op.drop_column('review_status')
        batch_op.drop_column('revision')

    with op.batch_alter_table('interview_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interview_revisions_submitted_by_id'))

    op.drop_table('interview_revisions')
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_tokens_user_id'))

    op.drop_table('api_tokens')
