"""Model permissions of the role groups for disputes (applied after every migrate).

Mediators record elements and agreements; arbitrators also override a computed claim
(``disputes.override_claim``). Which case a person may touch is decided by the committee's
organisation (``accounts.scoping``) in :mod:`renshe.disputes.services`.
"""

_VIEW = ["disputes.view_case", "disputes.view_element", "disputes.view_evidence", "disputes.view_mediationorganisation"]

PERMISSIONS: dict[str, list[str]] = {
    "mediator": [*_VIEW, "disputes.change_element", "disputes.mediate_case"],
    "arbitrator": [*_VIEW, "disputes.change_case", "disputes.change_element", "disputes.mediate_case",
                   "disputes.override_claim", "disputes.view_claimoverride"],
    "leader": _VIEW,
}
