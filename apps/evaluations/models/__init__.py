from .indicators import EvaluationIndicator, IndicatorArea, IndicatorSystem, VetoItem
from .rounds import (
    Delisting,
    Evaluation,
    EvaluationRound,
    IndicatorScore,
    SupportDecision,
    VetoFinding,
)

__all__ = [
    "Delisting",
    "Evaluation",
    "EvaluationIndicator",
    "EvaluationRound",
    "IndicatorArea",
    "IndicatorScore",
    "IndicatorSystem",
    "SupportDecision",
    "VetoFinding",
    "VetoItem",
]
