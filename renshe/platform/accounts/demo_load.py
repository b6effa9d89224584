"""Demo organisations and one staff account per role, in the department and two cities.

Idempotent. Passwords: ``RENSHE_DEMO_PASSWORD`` if set (the same for every account),
otherwise one generated per account on first run and kept in var/demo-passwords.txt
(mode 600), whose path is printed. Reruns keep existing passwords.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group

from .models import Organisation, User
from .organisations import sync_organisations
from .roles import ROLES, sync_roles

#: username → (role code, organisation code, surname, given name)
DEMO_USERS: dict[str, tuple[str, str, str, str]] = {
    "admin": ("administrator", "350000-bgs", "管", "理员"),
    "leader": ("leader", "350000", "林", "厅长"),
    "legal": ("legal_office", "350000-fgc", "陈", "法规"),
    "staff": ("division_staff", "350000-ldgxc", "黄", "处员"),
    "inspector.xm": ("labour_inspector", "350200", "郑", "监察"),
    "arbitrator.xm": ("arbitrator", "350200", "吴", "仲裁"),
    "mediator.xm": ("mediator", "350206", "王", "调解"),
    "inspector.fz": ("labour_inspector", "350100", "张", "监察"),
    "mediator.fz": ("mediator", "350102", "李", "调解"),
    "leader.fz": ("leader", "350100", "刘", "局长"),
    "housing.xm": ("industry_department", "350200-zjj", "蔡", "住建"),
    "feed.bank": ("bank_feed", "350000", "银行", "接口"),
    "feed.housing": ("housing_feed", "350000", "住建", "接口"),
}


def passwords_file() -> Path:
    return Path(settings.RENSHE["VAR_DIR"]) / "demo-passwords.txt"


def _read_passwords(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            user, _, pw = line.partition(" ")
            out[user] = pw.strip()
    return out


def load(stdout) -> None:
    n = sync_organisations()
    missing = sync_roles(apps)
    orgs = {o.code: o for o in Organisation.objects.all()}
    shared = os.environ.get("RENSHE_DEMO_PASSWORD", "")
    path = passwords_file()
    known = _read_passwords(path)
    written = dict(known)
    for username, (role, org_code, last, first) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(username=username)
        user.last_name, user.first_name = last, first
        user.organisation = orgs[org_code]
        user.is_staff = ROLES[role].admin_site
        user.is_superuser = role == "administrator"
        if shared:
            if not user.check_password(shared):
                user.set_password(shared)
        elif created or username not in known:
            written[username] = secrets.token_urlsafe(12)
            user.set_password(written[username])
        user.save()
        user.groups.set([Group.objects.get(name=ROLES[role].name)])
    if not shared and written != known:
        path.write_text(
            "# 演示账号密码（用户名 密码）/ demo accounts (username password)\n"
            + "".join(f"{u} {p}\n" for u, p in written.items()),
            encoding="utf-8",
        )
        path.chmod(0o600)
    where = "RENSHE_DEMO_PASSWORD" if shared else str(path)
    stdout.write(f"组织机构 {n} 个，演示账号 {len(DEMO_USERS)} 个，密码见 {where} / demo passwords: {where}\n")
    if missing:
        stdout.write(f"尚未创建的权限 / permissions not created yet: {', '.join(missing)}\n")
