"""Staff roles: one Django group per role, with the model permissions that role needs.

The public (citizens, enterprises) has no account and so no group. Every other role is
a group whose name is the role's Chinese name; code refers to roles by their stable
code (``mediator``...). Permissions are ``"app_label.codename"`` strings:

- this module declares those on the platform's own models (:data:`PERMISSIONS`);
- a domain app declares its own in an optional ``<app>/roles.py`` with the same
  ``PERMISSIONS = {"role_code": ["app.codename", ...]}``, found automatically.

:func:`sync_roles` creates the groups and grants what is declared. It runs after every
``migrate`` (for the app whose permissions were just created) and on demand with
``manage.py sync_roles``, which also takes back permissions no longer declared.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    code: str
    name: str  # the Django group's name, shown to staff
    description: str
    admin_site: bool = False  # may open /admin/ (is_staff for demo accounts)
    machine: bool = False  # a system account that only pushes data: no pages, no 待办, only its named operations


ROLES: dict[str, Role] = {
    r.code: r
    for r in [
        Role("mediator", "调解员", "劳动人事争议调解组织的调解员：受理、调解案件"),
        Role("arbitrator", "仲裁员", "劳动人事争议仲裁院的仲裁员：立案、审理、裁决"),
        Role("labour_inspector", "劳动保障监察员", "劳动保障监察机构的监察员：欠薪预警处置、执法检查"),
        Role("division_staff", "处室工作人员", "厅（局）内处室工作人员：办理分派到本处室的诉求"),
        Role("legal_office", "法规处", "法规处：规范性文件合法性审核、备案、清理，执法监督", admin_site=True),
        Role("leader", "领导", "厅（局）领导：查看全省（全市）态势、审批", admin_site=True),
        Role("administrator", "管理员", "系统管理员：维护机构、用户和角色", admin_site=True),
        Role("bank_feed", "银行数据接口", "合作银行的系统账号：以接口令牌推送代发工资和工资专户流水，不办理业务",
             machine=True),
        Role("industry_department", "行业主管部门",
             "设区市住建、交通、水利等工程建设主管部门：查看抄送本部门的欠薪预警，反馈本部门的处理情况"),
        Role("housing_feed", "住建数据接口", "住房和城乡建设部门的系统账号：以接口令牌推送项目、参建单位、实名制用工和考勤",
             machine=True),
    ]
}

_VIEW_ORG = "accounts.view_organisation"

#: Permissions on the platform's own models, by role code.
PERMISSIONS: dict[str, list[str]] = {
    "mediator": [_VIEW_ORG],
    "arbitrator": [_VIEW_ORG],
    "labour_inspector": [_VIEW_ORG],
    "division_staff": [_VIEW_ORG],
    "industry_department": [_VIEW_ORG],
    "legal_office": [_VIEW_ORG, "audit.view_auditrecord"],
    "leader": [_VIEW_ORG, "accounts.view_user", "audit.view_auditrecord"],
    "administrator": [
        _VIEW_ORG,
        "accounts.add_organisation",
        "accounts.change_organisation",
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_apitoken",
        "accounts.add_apitoken",
        "accounts.delete_apitoken",
        "auth.view_group",
        "audit.view_auditrecord",
    ],
}


def declared_permissions(app_configs) -> dict[str, set[str]]:
    """Role code → every permission declared for it, here and in each app's ``roles`` module."""
    out: dict[str, set[str]] = {code: set(PERMISSIONS.get(code, [])) for code in ROLES}
    for config in app_configs:
        if config.name == __package__:
            continue
        try:
            module = importlib.import_module(f"{config.name}.roles")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.roles":
                raise
            continue
        for code, perms in getattr(module, "PERMISSIONS", {}).items():
            if code not in ROLES:
                raise ValueError(f"{config.name}.roles: unknown role code {code!r}; known: {', '.join(ROLES)}")
            out[code].update(perms)
    return out


def sync_roles(apps, *, app_label: str | None = None, exact: bool = False) -> list[str]:
    """Create the role groups and grant the declared permissions that exist.

    ``apps`` is an app registry (``django.apps.apps``, or the historical one in a
    migration). With ``app_label`` only that app's permissions are granted (the
    post-migrate hook); with ``exact`` each group ends up with exactly what is
    declared. Returns the declared permissions that do not exist (yet).
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    from django.apps import apps as live_apps

    declared = declared_permissions(live_apps.get_app_configs())
    missing: list[str] = []
    for code, role in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role.name)
        wanted = sorted(p for p in declared[code] if app_label is None or p.split(".", 1)[0] == app_label)
        found = []
        for perm in wanted:
            label, codename = perm.split(".", 1)
            obj = Permission.objects.filter(content_type__app_label=label, codename=codename).first()
            if obj is None:
                missing.append(f"{code}: {perm}")
            else:
                found.append(obj)
        if exact:
            group.permissions.set(found)
        else:
            group.permissions.add(*found)
    return missing
