"""Fixtures: the demo organisations and accounts, the demo routing rules and desks."""

import io

import pytest


@pytest.fixture
def setup(demo):
    """The demo accounts plus the appeals' demo rules and desks (no sample requests)."""
    from renshe.appeals import demo_load as appeals_demo
    from renshe.appeals.models import Appeal, Desk, RoutingRule
    from renshe.platform.accounts.models import Organisation

    for category, place, target, note in appeals_demo.RULES:
        RoutingRule.objects.create(category=category, place=place, target=target, note=note)
    orgs = {o.code: o for o in Organisation.objects.filter(code__in=appeals_demo.DESKS)}
    for code, username in appeals_demo.DESKS.items():
        Desk.objects.create(organisation=orgs[code], user=demo[username])
    assert Appeal.objects.count() == 0
    return demo


@pytest.fixture
def wage():
    return {"name": "林建华", "phone": "13805921111", "category": "wage_arrears", "place": "350206",
            "content": "在湖里区某安置房项目做木工三个月，工资一直没有结清。", "project": "某安置房项目",
            "employer": "某建筑劳务有限公司", "amount": "36800.00", "workers": 6}


def out():
    return io.StringIO()
