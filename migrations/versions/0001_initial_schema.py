"""Initial schema

Users, areas, instrument versions, waves, sample units, invitation codes,
interviews, incident rows, police records, population totals, audit log.

Reviewed by hand: enums are plain VARCHAR (native_enum=False) so adding a state
later needs no ALTER TYPE; JSON columns are JSONB on PostgreSQL; timestamps are
timezone-aware (the models' UTCDateTime stores them as DateTime(timezone=True)).
Indexes are created inside batch blocks so the file runs on SQLite too.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('areas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Enum('country', 'region', 'municipality', 'neighbourhood', name='area_level', native_enum=False, length=32), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('population', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['areas.id'], name=op.f('fk_areas_parent_id_areas'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_areas')),
    sa.UniqueConstraint('level', 'parent_id', 'code', name=op.f('uq_areas_level_parent_id_code'))
    )
    with op.batch_alter_table('areas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_areas_parent_id'), ['parent_id'], unique=False)

    op.create_table('instrument_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('instrument_id', sa.String(length=64), nullable=False),
    sa.Column('version', sa.String(length=32), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('title', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('languages', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('default_language', sa.String(length=8), nullable=False),
    sa.Column('document', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('source', sa.String(length=500), nullable=True),
    sa.Column('loaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_instrument_versions')),
    sa.UniqueConstraint('content_hash', name=op.f('uq_instrument_versions_content_hash')),
    sa.UniqueConstraint('instrument_id', 'version', name=op.f('uq_instrument_versions_instrument_id_version'))
    )
    op.create_table('population_totals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('reference_year', sa.Integer(), nullable=False),
    sa.Column('sex', sa.String(length=16), nullable=False),
    sa.Column('age_group', sa.String(length=16), nullable=False),
    sa.Column('population', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_population_totals_area_id_areas'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_population_totals')),
    sa.UniqueConstraint('area_id', 'reference_year', 'sex', 'age_group', name=op.f('uq_population_totals_area_id_reference_year_sex_age_group'))
    )
    with op.batch_alter_table('population_totals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_population_totals_area_id'), ['area_id'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=256), nullable=False),
    sa.Column('role', sa.Enum('administrator', 'survey_manager', 'supervisor', 'interviewer', 'analyst', name='role', native_enum=False, length=32), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('area_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_users_area_id_areas'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_users_area_id'), ['area_id'], unique=False)

    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('object_type', sa.String(length=64), nullable=True),
    sa.Column('object_id', sa.String(length=64), nullable=True),
    sa.Column('details', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_audit_log_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_created_at'), ['created_at'], unique=False)
        batch_op.create_index('ix_audit_log_object', ['object_type', 'object_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_user_id'), ['user_id'], unique=False)

    op.create_table('police_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('crime_type', sa.String(length=64), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('population', sa.Integer(), nullable=True),
    sa.Column('source', sa.String(length=200), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_police_records_area_id_areas'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_police_records_uploaded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_police_records')),
    sa.UniqueConstraint('area_id', 'period_start', 'period_end', 'crime_type', name=op.f('uq_police_records_area_id_period_start_period_end_crime_type'))
    )
    with op.batch_alter_table('police_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_police_records_area_id'), ['area_id'], unique=False)

    op.create_table('waves',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('slug', sa.String(length=64), nullable=False),
    sa.Column('instrument_version_id', sa.Integer(), nullable=False),
    sa.Column('reference_start', sa.Date(), nullable=False),
    sa.Column('reference_end', sa.Date(), nullable=False),
    sa.Column('fieldwork_start', sa.Date(), nullable=True),
    sa.Column('fieldwork_end', sa.Date(), nullable=True),
    sa.Column('languages', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('modes', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('invitation_required', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'open', 'closed', name='wave_status', native_enum=False, length=32), nullable=False),
    sa.Column('public_report', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_waves_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['instrument_version_id'], ['instrument_versions.id'], name=op.f('fk_waves_instrument_version_id_instrument_versions'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_waves')),
    sa.UniqueConstraint('slug', name=op.f('uq_waves_slug'))
    )
    with op.batch_alter_table('waves', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_waves_instrument_version_id'), ['instrument_version_id'], unique=False)

    op.create_table('sample_units',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('wave_id', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=False),
    sa.Column('address', sa.String(length=500), nullable=True),
    sa.Column('area_id', sa.Integer(), nullable=True),
    sa.Column('stratum', sa.String(length=64), nullable=True),
    sa.Column('psu', sa.String(length=64), nullable=True),
    sa.Column('selection_probability', sa.Float(), nullable=True),
    sa.Column('eligible_adults', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('pending', 'started', 'completed', 'partial', 'refused', 'noncontact', 'ineligible', 'other', name='sample_unit_status', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_sample_units_area_id_areas'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['wave_id'], ['waves.id'], name=op.f('fk_sample_units_wave_id_waves'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sample_units')),
    sa.UniqueConstraint('wave_id', 'external_id', name=op.f('uq_sample_units_wave_id_external_id'))
    )
    with op.batch_alter_table('sample_units', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sample_units_area_id'), ['area_id'], unique=False)
        batch_op.create_index('ix_sample_units_wave_id_area_id', ['wave_id', 'area_id'], unique=False)

    op.create_table('wave_areas',
    sa.Column('wave_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('target_completes', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_wave_areas_area_id_areas'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['wave_id'], ['waves.id'], name=op.f('fk_wave_areas_wave_id_waves'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('wave_id', 'area_id', name=op.f('pk_wave_areas'))
    )
    with op.batch_alter_table('wave_areas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wave_areas_area_id'), ['area_id'], unique=False)

    op.create_table('interviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('wave_id', sa.Integer(), nullable=False),
    sa.Column('sample_unit_id', sa.Integer(), nullable=True),
    sa.Column('instrument_version_id', sa.Integer(), nullable=False),
    sa.Column('mode', sa.Enum('web', 'tablet', name='interview_mode', native_enum=False, length=32), nullable=False),
    sa.Column('status', sa.Enum('in_progress', 'completed', 'abandoned', name='interview_status', native_enum=False, length=32), nullable=False),
    sa.Column('disposition', sa.Integer(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('answers', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('paradata', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('last_section', sa.String(length=64), nullable=True),
    sa.Column('resume_code_hash', sa.String(length=64), nullable=True),
    sa.Column('interviewer_id', sa.Integer(), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['instrument_version_id'], ['instrument_versions.id'], name=op.f('fk_interviews_instrument_version_id_instrument_versions'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['interviewer_id'], ['users.id'], name=op.f('fk_interviews_interviewer_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['sample_unit_id'], ['sample_units.id'], name=op.f('fk_interviews_sample_unit_id_sample_units'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['wave_id'], ['waves.id'], name=op.f('fk_interviews_wave_id_waves'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interviews')),
    sa.UniqueConstraint('resume_code_hash', name=op.f('uq_interviews_resume_code_hash')),
    sa.UniqueConstraint('uuid', name=op.f('uq_interviews_uuid'))
    )
    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interviews_instrument_version_id'), ['instrument_version_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_interviews_interviewer_id'), ['interviewer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_interviews_sample_unit_id'), ['sample_unit_id'], unique=False)
        batch_op.create_index('ix_interviews_wave_id_status', ['wave_id', 'status'], unique=False)

    op.create_table('invitation_codes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sample_unit_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['sample_unit_id'], ['sample_units.id'], name=op.f('fk_invitation_codes_sample_unit_id_sample_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitation_codes')),
    sa.UniqueConstraint('code_hash', name=op.f('uq_invitation_codes_code_hash'))
    )
    with op.batch_alter_table('invitation_codes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitation_codes_sample_unit_id'), ['sample_unit_id'], unique=False)

    op.create_table('incident_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('interview_id', sa.Integer(), nullable=False),
    sa.Column('repeat_code', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('crime_type', sa.String(length=64), nullable=True),
    sa.Column('data', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['interview_id'], ['interviews.id'], name=op.f('fk_incident_records_interview_id_interviews'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incident_records')),
    sa.UniqueConstraint('interview_id', 'repeat_code', 'position', name=op.f('uq_incident_records_interview_id_repeat_code_position'))
    )
    with op.batch_alter_table('incident_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_records_crime_type'), ['crime_type'], unique=False)



def downgrade():
    with op.batch_alter_table('incident_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_records_crime_type'))

    op.drop_table('incident_records')
    with op.batch_alter_table('invitation_codes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitation_codes_sample_unit_id'))

    op.drop_table('invitation_codes')
    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.drop_index('ix_interviews_wave_id_status')
        batch_op.drop_index(batch_op.f('ix_interviews_sample_unit_id'))
        batch_op.drop_index(batch_op.f('ix_interviews_interviewer_id'))
        batch_op.drop_index(batch_op.f('ix_interviews_instrument_version_id'))

    op.drop_table('interviews')
    with op.batch_alter_table('wave_areas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wave_areas_area_id'))

    op.drop_table('wave_areas')
    with op.batch_alter_table('sample_units', schema=None) as batch_op:
        batch_op.drop_index('ix_sample_units_wave_id_area_id')
        batch_op.drop_index(batch_op.f('ix_sample_units_area_id'))

    op.drop_table('sample_units')
    with op.batch_alter_table('waves', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_waves_instrument_version_id'))

    op.drop_table('waves')
    with op.batch_alter_table('police_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_police_records_area_id'))

    op.drop_table('police_records')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_user_id'))
        batch_op.drop_index('ix_audit_log_object')
        batch_op.drop_index(batch_op.f('ix_audit_log_created_at'))

    op.drop_table('audit_log')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_area_id'))

    op.drop_table('users')
    with op.batch_alter_table('population_totals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_population_totals_area_id'))

    op.drop_table('population_totals')
    op.drop_table('instrument_versions')
    with op.batch_alter_table('areas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_areas_parent_id'))

    op.drop_table('areas')
