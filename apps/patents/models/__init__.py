"""The patents' models, one module per part: the portfolio (patents, their legal-status history, family members,
awards), imports of database exports, pre-filing assessment, grading, utilization, standards and alliances, and the
KPI engine's self-reported values."""

from .assessment import AssessmentWeights, Disclosure, PreFilingAssessment
from .grading import GradingModel, PatentGrade, StrategicIPC
from .imports import ImportBatch, ImportTemplate
from .kpi import SelfReportedValue
from .portfolio import Award, FamilyMember, LegalStatusChange, Patent
from .standards import Alliance, Standard
from .utilization import Exploitation

__all__ = [
    "Alliance",
    "AssessmentWeights",
    "Award",
    "Disclosure",
    "Exploitation",
    "FamilyMember",
    "GradingModel",
    "ImportBatch",
    "ImportTemplate",
    "LegalStatusChange",
    "Patent",
    "PatentGrade",
    "PreFilingAssessment",
    "SelfReportedValue",
    "Standard",
    "StrategicIPC",
]
