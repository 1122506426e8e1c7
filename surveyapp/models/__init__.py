"""The data model, split by concern; import models from here."""

from .areas import Area, AreaLevel
from .audit import AuditLog
from .base import Base, utcnow
from .boundaries import AreaBoundary
from .fieldwork import ApiToken, InterviewRevision, ReviewStatus, TokenPurpose
from .instruments import InstrumentVersion
from .interviews import Disposition, IncidentRecord, Interview, InterviewStatus
from .read_api import ReadToken, TokenScope
from .records import PoliceRecord, PopulationTotal
from .reports import OutputKind, OutputStatus, ReportOutput, ReportOutputPart
from .sample import InvitationCode, SampleUnit, SampleUnitStatus
from .supervision import AttemptOutcome, ContactAttempt, UnitAssignment
from .users import Role, User
from .waves import IndicatorInterviews, Mode, SelectionMethod, Wave, WaveArea, WaveStatus

__all__ = [
    "ApiToken",
    "Area",
    "AreaBoundary",
    "AreaLevel",
    "AttemptOutcome",
    "AuditLog",
    "Base",
    "ContactAttempt",
    "Disposition",
    "IncidentRecord",
    "IndicatorInterviews",
    "InstrumentVersion",
    "Interview",
    "InterviewRevision",
    "InterviewStatus",
    "InvitationCode",
    "Mode",
    "OutputKind",
    "OutputStatus",
    "PoliceRecord",
    "PopulationTotal",
    "ReadToken",
    "ReportOutput",
    "ReportOutputPart",
    "ReviewStatus",
    "Role",
    "SampleUnit",
    "SampleUnitStatus",
    "SelectionMethod",
    "TokenPurpose",
    "TokenScope",
    "UnitAssignment",
    "User",
    "Wave",
    "WaveArea",
    "WaveStatus",
    "utcnow",
]
