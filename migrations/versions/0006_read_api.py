"""Read API tokens

Adds ``read_tokens`` (bearer tokens of the read API /api/v1, created by
administrators for systems that pull indicators: stored as SHA-256 with a
short display prefix, a scope public|internal, whether the holder may
download microdata releases, who created and who revoked it) and
``read_token_areas`` (the areas a token is limited to; none: every area).

Reviewed by hand: two new tables, nothing else changes; enums are plain
VARCHAR as in 0001; timestamps ``DateTime(timezone=True)`` as in 0001-0005.
An area a token names cannot be deleted (RESTRICT), so deleting an area never
widens a token to every area.

Revision ID: 0006_read_api
Revises: 0005_supervision
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0006_read_api'
down_revision = '0005_supervision'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('read_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('prefix', sa.String(length=16), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('scope', sa.Enum('public', 'internal', name='token_scope', native_enum=False, length=32), nullable=False),
    sa.Column('may_download_microdata', sa.Boolean(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_read_tokens_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['revoked_by_id'], ['users.id'], name=op.f('fk_read_tokens_revoked_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_read_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_read_tokens_token_hash'))
    )
    op.create_table('read_token_areas',
    sa.Column('token_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_read_token_areas_area_id_areas'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['token_id'], ['read_tokens.id'], name=op.f('fk_read_token_areas_token_id_read_tokens'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_id', 'area_id', name=op.f('pk_read_token_areas'))
    )


def downgrade():
    op.drop_table('read_token_areas')
    op.drop_table('read_tokens')
