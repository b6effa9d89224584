"""Permissions on the alert models, by role (granted by renshe.platform.accounts.roles.sync_roles).

Who may take which step of the workflow is the table in :mod:`renshe.arrears.alerts`;
these model permissions only decide who may open the pages.
"""

PERMISSIONS = {
    "labour_inspector": ["arrears.view_alert", "arrears.change_alert", "arrears.view_evidence", "arrears.add_evidence"],
    "leader": ["arrears.view_alert", "arrears.change_alert", "arrears.view_evidence", "arrears.add_evidence"],
    "administrator": ["arrears.view_alert", "arrears.view_evidence"],
}
