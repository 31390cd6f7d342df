"""The centers' models, one module per part: the center itself, its contract, its funding ledger, its office and
IP council, changes and termination, supervision (inspection, acceptance, rectification)."""

from .center import Center, CenterEvent, CenterPartner
from .changes import ChangeRequest, Termination
from .contract import Contract, ContractBudgetLine, ContractIndicator, ContractTarget, ContractVersion, Tranche
from .funding import LedgerEntry
from .office import CouncilDecision, CouncilMeeting, CouncilMember, Office, OfficeStaff
from .supervision import Acceptance, Finding, Inspection, Rectification, ReminderSent

__all__ = [
    "Acceptance",
    "Center",
    "CenterEvent",
    "CenterPartner",
    "ChangeRequest",
    "Contract",
    "ContractBudgetLine",
    "ContractIndicator",
    "ContractTarget",
    "ContractVersion",
    "CouncilDecision",
    "CouncilMeeting",
    "CouncilMember",
    "Finding",
    "Inspection",
    "LedgerEntry",
    "Office",
    "OfficeStaff",
    "Rectification",
    "ReminderSent",
    "Termination",
    "Tranche",
]
