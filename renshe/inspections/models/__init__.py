"""执法监督's tables: the 双随机 catalogue, plans and tasks (one module each)."""

from .agencies import Agency, AnnualReport, Branch, CreditRecord, PatrolFinding
from .cases import Case
from .catalogue import Enterprise, InspectionItem, Inspector
from .tasks import ChecklistResult, Evidence, Plan, Task

__all__ = [
    "Agency", "AnnualReport", "Branch", "Case", "CreditRecord", "PatrolFinding", "ChecklistResult", "Enterprise", "Evidence", "InspectionItem", "Inspector", "Plan", "Task"]
