"""A hand-built month (March 2025) run through the platform — requests, petitions (letters) and
disclosure applications registered, accepted, answered and rated by the services staff use —
and its KPI and annual-report figures worked out by hand below (today = 1 April 2025).

Clocks (the cited parameters; the hotline ones marked unverified in their file):
- 闽治欠 (mzq) wage complaints: acceptance 1 working day from registration, closing 5
  working days from acceptance;
- letters (信访工作条例第二十三条第二款, 第三十二条): acceptance 15 days, closing 60 days;
- disclosure (政府信息公开条例第三十三条): reply 20 working days.
"""

import datetime as dt

import pytest

from renshe.appeals import disclosure, services, stats, steps
from renshe.appeals.core import annual_report
from renshe.appeals.core.intake import validate
from renshe.appeals.models import Appeal, DisclosureRequest
from renshe.platform.accounts.models import Organisation

D = dt.date
TODAY = D(2025, 4, 1)
APP = {"applicant_kind": "natural", "applicant": "张三", "id_document": "身份证 350203199001011234",
       "contact": "13800000000", "description": "2024年厦门市工伤认定决定数量", "form": "电子邮件"}


def _reg(data, channel, on):
    return services.register(validate(data).model_dump(), channel=channel, on=on)


@pytest.mark.django_db
def test_a_month_of_requests_petitions_and_disclosures(setup, wage):
    xm, staff, legal = setup["inspector.xm"], setup["leader"], setup["legal"]
    letter = {"name": "陈明", "phone": "13905001234", "category": "social_insurance", "place": "350102",
              "content": "咨询灵活就业人员养老保险缴费档次。"}
    # R1: registered Mon 3/3, acceptance due 3/4; accepted 3/4 (on time); closing 5 working days
    # 3/5, 3/6, 3/7, 3/10, 3/11 → due 3/11; replied 3/10 (on time); rated satisfied
    r1 = _reg(wage, "mzq", D(2025, 3, 3))
    steps.apply(r1, "accept", xm, on=D(2025, 3, 4))
    r1 = steps.apply(r1, "reply", xm, facts={"reply": "已责令支付"}, on=D(2025, 3, 10))
    steps.rate(steps.rating_token(r1), "satisfied", on=D(2025, 3, 11))
    # R2: another worker, registered 3/3, accepted 3/5 (late: due 3/4); closing 3/6, 3/7, 3/10,
    # 3/11, 3/12 → due 3/12; replied 3/13 (late); rated 基本满意 (counts as satisfied)
    r2 = _reg({**wage, "phone": "13805922222", "name": "黄志强"}, "mzq", D(2025, 3, 3))
    r2 = steps.apply(r2, "accept", xm, on=D(2025, 3, 5))
    assert r2.closing_due == D(2025, 3, 12)
    r2 = steps.apply(r2, "reply", xm, facts={"reply": "已调解结清"}, on=D(2025, 3, 13))
    steps.rate(steps.rating_token(r2), "basic", on=D(2025, 3, 14))
    # R3: registered Mon 3/10, acceptance due 3/11, accepted 3/11 (on time); closing 3/12, 3/13,
    # 3/14, 3/17, 3/18 → due 3/18; not replied by 4/1 → counted as missed; not rated
    r3 = _reg({**wage, "phone": "13805923333", "name": "吴海"}, "mzq", D(2025, 3, 10))
    r3 = steps.apply(r3, "accept", xm, on=D(2025, 3, 11))
    assert (r3.acceptance_due, r3.closing_due) == (D(2025, 3, 11), D(2025, 3, 18))
    # R4: R1's worker again about the same matter on 3/20: a repeat, counted nowhere
    assert _reg(wage, "mzq", D(2025, 3, 20)).repeat_of_id == r1.pk
    # L1: a letter of 3/3, acceptance due 3/3 + 15 days = 3/18; accepted 3/5 (on time); closing
    # 60 days from 3/5: 3/31 is day 26, 4/30 day 56, 5/4 day 60, in the 劳动节 break 5/1–5/5 → 5/6;
    # answered 3/25 (on time); not rated
    l1 = _reg(letter, "letter", D(2025, 3, 3))
    l1 = steps.apply(l1, "accept", staff, on=D(2025, 3, 5))
    assert (l1.acceptance_due, l1.closing_due) == (D(2025, 3, 18), D(2025, 5, 6))
    steps.apply(l1, "reply", staff, facts={"reply": "已书面答复缴费档次"}, on=D(2025, 3, 25))
    # L2: a letter of 3/20, acceptance due 4/4 (清明 4/4–4/6) → 4/7, not yet accepted: not counted
    # for acceptance (due after 4/1) nor completion (no closing clock), but unanswered
    l2 = _reg({**letter, "phone": "13905005678", "name": "郑丽"}, "letter", D(2025, 3, 20))
    assert l2.acceptance_due == D(2025, 4, 7)

    f = stats.totals(stats.period(Appeal.objects.all(), D(2025, 3, 1), D(2025, 3, 31)), TODAY)
    # received: R1, R2, R3, L1, L2 = 5 (R4 a repeat)
    assert (f.received, f.repeats, f.visits_people) == (5, 1, 0)
    # 及时受理率: R1, R3, L1 on time, R2 late; L2 not yet due → 3 / 4
    assert (f.timely_acceptance.numerator, f.timely_acceptance.denominator) == (3, 4)
    # 按时办结率: R1, L1 on time; R2 late; R3 past due unanswered; L2 no closing clock → 2 / 4
    assert (f.on_time_completion.numerator, f.on_time_completion.denominator) == (2, 4)
    # 群众满意率: rated R1 (满意), R2 (基本满意) → 2 / 2
    assert (f.satisfaction.numerator, f.satisfaction.denominator) == (2, 2)
    # 信访件答复: L1 answered, L2 not yet → 1 / 2
    assert (f.answered.numerator, f.answered.denominator) == (1, 2)

    dept = Organisation.objects.get(code="350000")
    # D1: received Mon 3/3, reply due 20 working days: 3/4–3/7 (4), 3/10–14 (9), 3/17–21 (14),
    # 3/24–28 (19), 3/31 (20) → 3/31; disclosed 3/20 (on time)
    d1 = disclosure.receive(APP, dept, on=D(2025, 3, 3))
    assert d1.reply_due == D(2025, 3, 31)
    disclosure.apply(d1, "reply", legal, facts={"outcome": "disclose", "reply": "提供统计表。"}, on=D(2025, 3, 20))
    # D2: received 3/3, due 3/31, answered 4/1 (late): the information is not held (无法提供)
    d2 = disclosure.receive({**APP, "applicant": "李四"}, dept, on=D(2025, 3, 3))
    disclosure.apply(d2, "reply", legal, facts={"outcome": "unable_none", "reply": "本机关不掌握。"}, on=D(2025, 4, 1))
    # D3: received Mon 3/17, due 3/18–21 (4), 3/24–28 (9), 3/31–4/3 (13), 清明 4/4, 4/7–11 (18),
    # 4/14, 4/15 (20) → 4/15; still open on 4/1 and not yet due: not counted
    d3 = disclosure.receive({**APP, "applicant": "王五"}, dept, on=D(2025, 3, 17))
    assert d3.reply_due == D(2025, 4, 15)
    # 依申请公开按时答复: D1 on time, D2 late → 1 / 2
    r = stats.disclosure_on_time(DisclosureRequest.objects.all(), TODAY)
    assert (r.numerator, r.denominator) == (1, 2)
    # the annual report's table three for 2025, from these records: 3 new (natural persons),
    # answered 2 (one 予以公开, one 无法提供·本机关不掌握), 3 − 2 = 1 carried into next year
    apps = [annual_report.Application(x.applicant_kind, x.received_on, x.replied_on, x.outcome)
            for x in DisclosureRequest.objects.all()]
    lines = {ln.label: ln.cells for ln in annual_report.table_three(apps, 2025)}
    assert lines["一、本年新收政府信息公开申请数量"]["natural"] == lines["一、本年新收政府信息公开申请数量"]["total"] == 3
    assert lines["三、本年度办理结果 （一）予以公开"]["natural"] == 1
    assert lines["三、本年度办理结果 （四）无法提供 1.本机关不掌握相关政府信息"]["natural"] == 1
    assert lines["三、本年度办理结果 （七）总计"]["total"] == 2
    assert lines["四、结转下年度继续办理"]["total"] == 1
