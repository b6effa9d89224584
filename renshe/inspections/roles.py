"""Model permissions of 执法监督 for the role groups (the admin site); the workflow table
(:mod:`renshe.inspections.core.workflow`) and the services decide who may act on a task."""

_VIEW = [
    "inspections.view_inspectionitem", "inspections.view_enterprise", "inspections.view_inspector",
    "inspections.view_plan", "inspections.view_task",
]

PERMISSIONS: dict[str, list[str]] = {
    "labour_inspector": _VIEW,
    "division_staff": _VIEW,
    "leader": _VIEW,
    "legal_office": _VIEW,
    "administrator": [*_VIEW, "inspections.change_inspectionitem", "inspections.change_inspector"],
}
