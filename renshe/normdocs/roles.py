"""Model permissions for the platform's role groups (read by ``renshe.platform.accounts.roles``).

The workflow's own rules (:mod:`renshe.normdocs.core.workflow`) decide who may move a
document; these permissions govern the admin site only.
"""

_VIEW = [
    "normdocs.view_normativedocument",
    "normdocs.view_legalityreview",
    "normdocs.view_filing",
    "normdocs.view_cleanupdecision",
]

PERMISSIONS: dict[str, list[str]] = {
    "division_staff": _VIEW,
    "leader": _VIEW,
    "legal_office": [*_VIEW, "normdocs.add_normativedocument", "normdocs.change_normativedocument"],
    "administrator": _VIEW,
}
