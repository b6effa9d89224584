"""Permissions of the appeals app, by role (granted by ``renshe.platform.accounts.roles.sync_roles``).

Who may take which step is the workflow table (:mod:`renshe.appeals.core.workflow`) and the
organisation scope (:mod:`renshe.appeals.scoping`); these model permissions cover the admin,
where the administrator keeps the routing rules and the desks (受理岗).
"""

_VIEW = ["appeals.view_appeal", "appeals.view_disclosurerequest", "appeals.view_catalogueitem",
         "appeals.view_routingrule"]

PERMISSIONS = {
    "division_staff": _VIEW,
    "labour_inspector": _VIEW,
    "legal_office": [*_VIEW, "appeals.add_catalogueitem", "appeals.change_catalogueitem"],
    "leader": _VIEW,
    "administrator": [*_VIEW, "appeals.add_routingrule", "appeals.change_routingrule", "appeals.delete_routingrule",
                      "appeals.view_desk", "appeals.add_desk", "appeals.change_desk", "appeals.delete_desk"],
}
