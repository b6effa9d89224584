"""Fixtures for the register: a division, one user per role, documents moved through the service."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from renshe.normdocs import service
from renshe.platform.accounts.models import Organisation
from renshe.platform.lawcalendar import overlay

D = dt.date


@pytest.fixture(autouse=True)
def _calendar_from_files():
    """No holiday notice in the database: the calendar reads holidays/*.yaml and the package."""
    overlay.forget()
    yield
    overlay.forget()


@pytest.fixture
def orgs(db):
    dept = Organisation.objects.create(code="350000", name="福建省人力资源和社会保障厅", kind="department")
    return {
        "dept": dept,
        "ldgxc": Organisation.objects.create(
            code="350000-ldgxc", name="劳动关系处", kind="division", parent=dept
        ),
        "fgc": Organisation.objects.create(code="350000-fgc", name="法规处", kind="division", parent=dept),
        "jcj": Organisation.objects.create(
            code="350000-jcj", name="劳动保障监察局", kind="division", parent=dept
        ),
    }


def _user(username: str, group: str | None, org: Organisation | None):
    user = get_user_model().objects.create_user(username, password="pw-for-tests-only", organisation=org)
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


@pytest.fixture
def users(orgs):
    return {
        "staff": _user("staff", "division_staff", orgs["ldgxc"]),
        "other_staff": _user("other", "division_staff", orgs["jcj"]),
        "legal": _user("legal", "legal_office", orgs["fgc"]),
        # the kernel checks the organisation as well as the role (issue 13 item 1)
        "leader": _user("leader", "leader", orgs["dept"]),
        "admin": _user("admin", "administrator", orgs["dept"]),
        "nobody": _user("nobody", None, orgs["ldgxc"]),
    }


@pytest.fixture
def make_doc(orgs, users):
    """A document of 劳动关系处 moved to ``state`` through the service, on fixed 2025 dates."""

    def make(
        state: str = "draft",
        title: str = "关于规范劳务派遣用工若干问题的意见",
        number: str = "闽人社规〔2025〕1号",
    ):
        doc = service.create_draft(users["staff"], title=title, drafting_division=orgs["ldgxc"])
        steps = [
            ("under_review", "submit", users["staff"], D(2025, 9, 26), {}),
            (
                "approved",
                "review_pass",
                users["legal"],
                D(2025, 10, 17),
                {"opinion": "符合上位法规定，同意。"},
            ),
            ("approved", "approve", users["leader"], D(2025, 10, 20), {}),
            (
                "published",
                "publish",
                users["staff"],
                D(2025, 10, 20),
                {
                    "number": number,
                    "published_on": D(2025, 10, 20),
                    "effective_from": D(2025, 12, 1),
                    "valid_until": D(2030, 11, 30),
                },
            ),
            (
                "filed",
                "file",
                users["legal"],
                D(2025, 11, 10),
                {"filed_with": "福建省人民政府", "receipt": "备-1"},
            ),
        ]
        order = ["draft", "under_review", "approved", "published", "filed"]
        for target, action, actor, on, data in steps:
            if order.index(state if state in order else "filed") < order.index(target):
                break
            doc = service.apply(doc, action, actor, on=on, **data)
        if state not in order:
            doc = service.apply(
                doc, state_action(state), users["legal"], on=D(2025, 12, 10), reason="年度清理"
            )
        return doc

    return make


def state_action(state: str) -> str:
    return {"retained": "retain", "amended": "amend", "repealed": "repeal", "expired": "declare_expired"}[
        state
    ]
