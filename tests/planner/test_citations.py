"""Every figure on the planner page cites the rules behind it (issue 3: “every figure with its
trace and citations one tap away”): :func:`renshe.planner.core.explain.basis` names the trace steps,
the page links them."""

from __future__ import annotations

import re

import pytest

from renshe.planner.core import pdf
from renshe.planner.core.explain import basis, plan
from renshe.planner.core.models import Profile
from tests.documents.checks import pdf_text

FIGURES = {"monthly_cost", "affordable", "total_cost", "monthly_pension", "retire_month", "break_even_age", "irr",
           "replacement_rate", "lifetime_value"}


def _plan(**kw):
    return plan(Profile(**{"birth": "1980-05", "category": "male_60", "region": "fujian.fuzhou",
                           "as_of": "2026-06-15", **kw}))


def test_every_figure_of_every_option_rests_on_steps_the_trace_has():
    for result in (_plan(employment="employee", monthly_income=15000, paid_months=120),
                   _plan(employment="rural_resident", monthly_income=4000, paid_months=60),
                   _plan(employment="flexible", monthly_income=6000)):
        keys = {s.key for s in result.trace}
        assert None not in keys  # every step of the planner's trace is named
        for o in result.options:
            b = basis(o)
            assert set(b) == FIGURES
            assert all(b[f] and set(b[f]) <= keys for f in FIGURES), (o.key, b)


def test_the_basis_follows_the_scheme_and_the_add_ons():
    employee = _plan(employment="employee", monthly_income=15000, paid_months=120)
    with_private = next(o for o in employee.options if o.private_pension)
    b = basis(with_private)
    # 社会保险法第十条、第十二条 for the contribution, 38号 for the pension, 公告2022年第34号 for the add-on
    assert b["monthly_cost"] == ["contribution", "private_pension"]
    assert b["monthly_pension"] == ["employee_pension", "private_pension"]
    assert b["retire_month"] == ["retirement", "minimum_period"]
    assert b["affordable"] == ["affordability"]
    assert "assumptions" in b["lifetime_value"] and "assumptions" not in b["monthly_pension"]
    rural = _plan(employment="rural_resident", monthly_income=4000, paid_months=60)
    moved = next(o for o in rural.options if o.scheme == "flexible" and o.transfer)
    assert "transfer" in basis(moved)["monthly_pension"]  # 人社部发〔2014〕17号
    resident = next(o for o in rural.options if o.scheme == "resident")
    assert basis(resident)["monthly_cost"] == ["resident_pension"]  # 国发〔2014〕8号
    assert basis(resident)["retire_month"] == ["resident_pension"]


@pytest.mark.django_db
def test_the_page_cites_the_law_beside_each_figure(client):
    form = {"birth": "1985-06", "category": "male_60", "employment": "flexible", "region": "fujian",
            "monthly_income": "9000", "monthly_debt_payments": "2000", "children": "1", "paid_months": "120"}
    html = client.post("/planner/", form).content.decode()
    figures = re.findall(r'<details class="fig">.*?</details>', html, re.S)
    assert len(figures) == 8
    for fig in figures:
        assert 'class="cite">依据：<a href="/' in fig, fig[:80]
    pension = next(f for f in figures if "每月养老金" in f)
    assert "国发〔2005〕38号" in pension and "/knowledge/cite/?document=" in pension
    value = next(f for f in figures if "终身净收益" in f)
    assert 'href="/parameters/planner.default_assumptions/"' in value  # an assumption, not a law
    start = next(f for f in figures if "开始领取" in f)
    assert "渐进式延迟法定退休年龄" in start
    # each option's citations are short links into the “计算依据” list, where each step has its id
    options = re.findall(r'<details class="opt.*?</details>', html, re.S)
    assert options and all('class="cite">依据：<a href="#trace-' in o for o in options)
    for o in options:  # each text named once (the retirement rules are two steps of one 办法)
        names = re.findall(r'href="#trace-[a-z_]+">([^<]+)</a>', o)
        assert len(names) == len(set(names)), names
    # in the order of the “计算依据” list: retirement rules first, the assumptions last
    first = re.findall(r'href="#(trace-[a-z_]+)"', options[0])
    trace_order = re.findall(r'<li id="(trace-[a-z_]+)">', html)
    assert first == [t for t in trace_order if t in first] and first[-1] == "trace-assumptions"
    targets = set(re.findall(r'href="#(trace-[a-z_]+)"', html))
    assert targets and all(f'<li id="{t}">' in html for t in targets)


def test_the_pdf_numbers_the_legal_basis_and_each_figure_points_at_it():
    result = _plan(employment="flexible", monthly_income=6000)
    assert result.recommended.scheme == "flexible" and not result.recommended.transfer
    text = "".join(pdf_text(pdf.report(result)).split())
    steps = len(result.trace)
    for n in range(1, steps + 1):
        assert f"[{n}]" in text
    # the monthly pension rests on 国发〔2005〕38号 (step 4 of the trace), the lifetime value also on
    # the assumptions (the last step)
    order = [s.key for s in result.trace]
    pension, assumptions = order.index("employee_pension") + 1, order.index("assumptions") + 1
    assert text.count(f"依据[{pension}][{assumptions}]") >= 3  # break-even, IRR, replacement rate
    assert f"[{pension}]基本养老金=基础养老金" in text
