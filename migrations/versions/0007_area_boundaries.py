"""Area boundaries for maps

Adds ``area_boundaries``: one GeoJSON geometry (Polygon or MultiPolygon,
longitude/latitude, checked valid by shapely at upload) per area, with
where it came from and who uploaded it. Reviewed by hand: a new table only,
nothing existing changes; the boundary goes with its area (ON DELETE
CASCADE), the uploader's id is kept NULL when the user is deleted.

Revision ID: 0007_area_boundaries
Revises: 0006_read_api
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0007_area_boundaries'
down_revision = '0006_read_api'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('area_boundaries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('geometry', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_area_boundaries_area_id_areas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_area_boundaries_uploaded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_area_boundaries')),
    sa.UniqueConstraint('area_id', name=op.f('uq_area_boundaries_area_id'))
    )


def downgrade():
    op.drop_table('area_boundaries')
