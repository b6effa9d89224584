"""Who may plan files of households on the staff page (read by ``renshe.platform.accounts.roles``):
the department's divisions (e.g. the pension division preparing outreach) and leaders."""

_USE = ["planner_batch.add_planbatch", "planner_batch.view_planbatch", "planner_batch.delete_planbatch"]

PERMISSIONS: dict[str, list[str]] = {"division_staff": _USE, "leader": _USE}
