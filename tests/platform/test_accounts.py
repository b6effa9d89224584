"""Roles, organisations, scoping, page and API access, masking and the demo accounts."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.http import HttpResponse
from django.urls import path
from django.views import View
from ninja import NinjaAPI

from renshe.platform import urls as project_urls
from renshe.platform.accounts import demo_load as demo_module
from renshe.platform.accounts.access import RoleRequiredMixin, has_role, role_required
from renshe.platform.accounts.api_auth import staff_auth
from renshe.platform.accounts.masking import mask_id_number, mask_phone
from renshe.platform.accounts.models import ApiToken, Organisation, User
from renshe.platform.accounts.organisations import data
from renshe.platform.accounts.roles import ROLES, declared_permissions, sync_roles
from renshe.platform.accounts.scoping import scope, visible_organisations
from renshe.rules.regions import FUJIAN_CITIES

from ..conftest import DEMO_PASSWORD

_api = NinjaAPI(urls_namespace="test-staff-api", docs_url=None)


@_api.get("/who", auth=staff_auth("labour_inspector", perm="accounts.view_organisation"))
def _who(request):
    return {"user": request.user.username, "visible": visible_organisations(request.user).count()}


@_api.post("/poke", auth=staff_auth("labour_inspector"))
def _poke(request):
    return {"ok": True}


@role_required("arbitrator", "mediator")
def _cases(request):
    return HttpResponse("案件")


class _Warnings(RoleRequiredMixin, View):
    roles = ("labour_inspector", "leader")
    permissions = ("accounts.view_organisation",)

    def get(self, request):
        return HttpResponse("预警")


urlpatterns = [
    path("t/", _api.urls),
    path("cases/", _cases),
    path("warnings/", _Warnings.as_view()),
    *project_urls.urlpatterns,
]
pytestmark = pytest.mark.urls(__name__)


def test_every_role_is_a_group_with_its_permissions(db):
    # The data migration created the groups; post_migrate granted the permissions.
    assert set(Group.objects.values_list("name", flat=True)) >= {r.name for r in ROLES.values()}
    admin = Group.objects.get(name="管理员")
    assert admin.permissions.filter(codename="change_user", content_type__app_label="accounts").exists()
    mediator = Group.objects.get(name="调解员")
    # exactly what the platform and the apps' roles modules declare for 调解员, nothing more
    declared = {p.split(".", 1)[1] for p in declared_permissions(apps.get_app_configs())["mediator"]}
    assert "view_organisation" in declared
    assert set(mediator.permissions.values_list("codename", flat=True)) == declared
    assert sync_roles(apps, exact=True) == []  # every declared permission exists
    assert "public" not in ROLES  # the public has no account


def test_sync_roles_command_takes_back_undeclared_permissions(db):
    group = Group.objects.get(name="调解员")
    group.permissions.add(*apps.get_model("auth", "Permission").objects.filter(codename="delete_user"))
    call_command("sync_roles", stdout=io.StringIO())
    assert not group.permissions.filter(codename="delete_user").exists()


def test_organisations_cover_fujian(demo):
    d = data()
    cities = Organisation.objects.filter(kind=Organisation.Kind.CITY)
    assert {c.region for c in cities} == set(FUJIAN_CITIES)  # nine 设区的市 and Pingtan
    assert Organisation.objects.filter(kind=Organisation.Kind.COUNTY).count() == 83  # 84 minus 金门县
    xiamen = Organisation.objects.get(code="350200")
    assert sorted(xiamen.children.values_list("name", flat=True)) == sorted(
        ["思明区", "海沧区", "湖里区", "集美区", "同安区", "翔安区"]
    )
    assert Organisation.objects.get(code="350206").path == "350000/350200/350206/"
    assert d["source_url"].startswith("https://www.mca.gov.cn/")


def test_visible_organisations_follow_the_tree(demo):
    # every HRSS organisation; the cities' industry departments are other government
    # departments outside the tree (they see only the alerts copied to them, renshe.arrears)
    total = Organisation.objects.exclude(kind="industry").count()
    assert Organisation.objects.filter(kind="industry").exists()
    assert visible_organisations(demo["leader"]).count() == total  # the department sees the province
    assert visible_organisations(demo["legal"]).count() == total  # so do its divisions
    assert set(visible_organisations(demo["inspector.xm"]).values_list("name", flat=True)) == {
        "厦门市", "思明区", "海沧区", "湖里区", "集美区", "同安区", "翔安区",
    }
    assert list(visible_organisations(demo["mediator.xm"]).values_list("name", flat=True)) == ["湖里区"]
    assert not visible_organisations(User(username="nobody")).exists()


def test_scope_filters_by_organisation_field(demo):
    users = scope(User.objects.all(), demo["inspector.xm"])
    assert set(users.values_list("username", flat=True)) == {"inspector.xm", "arbitrator.xm", "mediator.xm"}
    by_path = scope(Organisation.objects.all(), demo["mediator.fz"], org_field="parent")
    assert not by_path.exists()  # nothing hangs below 鼓楼区


@pytest.mark.parametrize(
    ("url", "denied", "allowed", "text"),
    [
        ("/cases/", "inspector.xm", "arbitrator.xm", "案件"),  # role_required on a function
        ("/warnings/", "mediator.fz", "leader.fz", "预警"),  # RoleRequiredMixin on a class
    ],
)
def test_staff_page_access(client, demo, url, denied, allowed, text):
    assert client.get(url)["Location"] == f"/accounts/login/?next={url}"
    client.force_login(demo[denied])
    assert client.get(url).status_code == 403
    client.force_login(demo[allowed])
    assert client.get(url).content.decode() == text


def test_role_checks(demo):
    assert has_role(demo["admin"], "mediator")  # the administrator is a superuser
    assert has_role(demo["mediator.fz"]) and not has_role(demo["mediator.fz"], "arbitrator")
    assert not has_role(User.objects.create(username="nobody"))  # an account with no role
    with pytest.raises(ValueError):
        role_required("judge")


def test_api_session_auth_checks_role_and_csrf(demo):
    from django.test import Client

    c = Client(enforce_csrf_checks=True)
    assert c.get("/t/who").status_code == 401
    c.force_login(demo["mediator.xm"])
    assert c.get("/t/who").status_code == 403
    c.force_login(demo["inspector.xm"])
    assert c.get("/t/who").json() == {"user": "inspector.xm", "visible": 7}
    assert c.post("/t/poke").status_code == 403  # no CSRF token
    c.get("/accounts/login/")  # sets the CSRF cookie
    token = c.cookies["csrftoken"].value
    assert c.post("/t/poke", headers={"X-CSRFToken": token}).json() == {"ok": True}


def test_api_bearer_token(client, demo):
    row, token = ApiToken.issue(demo["inspector.fz"], "12345 热线对接")
    assert row.digest != token and token.startswith(row.prefix)
    ok = client.get("/t/who", headers={"Authorization": f"Bearer {token}"})
    assert ok.json() == {"user": "inspector.fz", "visible": 13}
    assert client.post("/t/poke", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert client.get("/t/who", headers={"Authorization": "Bearer wrong"}).status_code == 401
    _, mediator_token = ApiToken.issue(demo["mediator.fz"], "x")
    assert client.get("/t/who", headers={"Authorization": f"Bearer {mediator_token}"}).status_code == 403
    row.user.is_active = False
    row.user.save()
    assert client.get("/t/who", headers={"Authorization": f"Bearer {token}"}).status_code == 401


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("35020319900307123X", "350203********123X"),
        ("350203900307123", "350203*****7123"),  # old 15-digit number
        ("", ""),
        (None, ""),
    ],
)
def test_mask_id_number(raw, masked):
    assert mask_id_number(raw) == masked


@pytest.mark.parametrize(
    ("raw", "masked"),
    [("13812345678", "138****5678"), ("+86 138-1234-5678", "138****5678"), ("0591-87654321", "********4321"), ("", "")],
)
def test_mask_phone(raw, masked):
    assert mask_phone(raw) == masked


def test_demo_is_idempotent_and_writes_generated_passwords(db, settings, tmp_path, monkeypatch):
    monkeypatch.delenv("RENSHE_DEMO_PASSWORD", raising=False)
    settings.RENSHE = {**settings.RENSHE, "VAR_DIR": tmp_path}
    out = io.StringIO()
    demo_module.load(out)
    first = (tmp_path / "demo-passwords.txt").read_text()
    demo_module.load(out)
    assert (tmp_path / "demo-passwords.txt").read_text() == first
    assert str(tmp_path / "demo-passwords.txt") in out.getvalue()
    passwords = dict(line.split(" ", 1) for line in first.splitlines() if not line.startswith("#"))
    assert set(passwords) == set(demo_module.DEMO_USERS)
    assert User.objects.get(username="mediator.xm").check_password(passwords["mediator.xm"])
    assert (tmp_path / "demo-passwords.txt").stat().st_mode & 0o077 == 0
    roles = {ROLES[r].name for r, *_ in demo_module.DEMO_USERS.values()}
    assert roles == {r.name for r in ROLES.values()}  # one account per role


def test_demo_login(client, demo):
    assert client.login(username="inspector.xm", password=DEMO_PASSWORD)


def test_template_filters_mask_and_name_regions():
    from django.template import Context, Template

    html = Template("{% load renshe %}{{ id|mask_id }} {{ tel|mask_phone }} {{ r|region_name }}").render(
        Context({"id": "35020319900307123X", "tel": "13812345678", "r": "fujian.xiamen"})
    )
    assert html == "350203********123X 138****5678 厦门市"


def test_sync_organisations_command_is_idempotent(db):
    call_command("sync_organisations", stdout=io.StringIO())
    n = Organisation.objects.count()
    Organisation.objects.filter(code="350200").update(name="改错的名字")
    call_command("sync_organisations", stdout=io.StringIO())
    # department, 7 divisions, 10 cities, 83 counties, and 3 industry departments per city
    assert Organisation.objects.count() == n == 1 + 7 + 10 + 83 + 3 * 10
    assert Organisation.objects.get(code="350200").name == "厦门市"


def test_admin_lists_only_the_users_and_organisations_in_scope(client, demo):
    client.force_login(demo["leader.fz"])  # 福州's leader: admin site, may view users
    users = client.get("/admin/accounts/user/").content.decode()
    assert ">inspector.fz</a>" in users and ">mediator.fz</a>" in users
    assert ">inspector.xm</a>" not in users and ">legal</a>" not in users
    orgs = client.get("/admin/accounts/organisation/?q=区").content.decode()
    assert ">鼓楼区</a>" in orgs and ">思明区</a>" not in orgs
    client.force_login(demo["leader"])  # the department's leader sees the province
    assert ">inspector.xm</a>" in client.get("/admin/accounts/user/").content.decode()


def test_domain_apps_declare_role_permissions_in_their_roles_module(monkeypatch):
    import sys
    import types

    from renshe.platform.accounts.roles import declared_permissions

    module = types.ModuleType("fakeapp.roles")
    module.PERMISSIONS = {"mediator": ["fakeapp.view_case"], "arbitrator": ["fakeapp.change_case"]}
    monkeypatch.setitem(sys.modules, "fakeapp", types.ModuleType("fakeapp"))
    monkeypatch.setitem(sys.modules, "fakeapp.roles", module)
    app = types.SimpleNamespace(name="fakeapp")
    declared = declared_permissions([app])
    assert declared["mediator"] == {"accounts.view_organisation", "fakeapp.view_case"}
    assert "fakeapp.change_case" in declared["arbitrator"]
    module.PERMISSIONS = {"judge": ["fakeapp.view_case"]}
    with pytest.raises(ValueError, match="judge"):
        declared_permissions([app])


def test_tests_write_nothing_into_the_developers_var(settings):
    """The suite has its own var/ (settings.test): load_demo in a test once replaced the
    developer's var/demo-passwords.txt, and the demo logins stopped working."""
    from pathlib import Path

    repo_var = Path(__file__).resolve().parents[2] / "var"
    assert Path(settings.RENSHE["VAR_DIR"]).resolve() != repo_var.resolve()
    assert Path(settings.MEDIA_ROOT).is_relative_to(settings.RENSHE["VAR_DIR"])
