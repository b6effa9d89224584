"""Routing rules, KPI definitions and the annual-report tables, on hand-built data."""

import datetime as dt

import pytest

from renshe.appeals.core import annual_report as ar
from renshe.appeals.core import kpi, routing
from renshe.appeals.core.workflow import PETITION
from renshe.platform.workflow.machine import WorkflowError
from renshe.rules.errors import RulesError

D = dt.date
OFFICES = {"350000", "350000-jcj", "350000-ylbxc", "350200", "350206", "350100", "350102"}
RULES = [
    routing.Rule(1, "", "", "@county"),  # anything, anywhere: the county bureau where it arose
    routing.Rule(2, "social_insurance", "350000", "350000-ylbxc"),  # pensions: the division, province-wide
    routing.Rule(3, "wage_arrears", "350200", "@city"),  # Xiamen's wage complaints: the city bureau
    routing.Rule(4, "wage_arrears", "350206", "350206"),  # …but Huli district keeps its own
]


@pytest.fixture
def index():
    return routing.RulesIndex(RULES, OFFICES)


def test_most_specific_rule_wins(index):
    assert index.route("wage_arrears", "350206").office == "350206"  # county rule 4 beats city rule 3
    assert index.route("wage_arrears", "350203").office == "350200"  # city rule 3 (思明区 not on the list)
    assert index.route("social_insurance", "350102").office == "350000-ylbxc"  # category beats the catch-all
    assert index.route("employment", "350102").office == "350102"  # catch-all, the county itself
    assert index.route("employment", "350105").office == "350100"  # county without a bureau → its city
    assert index.route("wage_arrears", "350206").rule_id == 4


def test_bad_place_category_and_missing_rule(index):
    with pytest.raises(RulesError) as e:
        index.route("wage_arrears", "110101")
    assert e.value.problems[0].field == "place"
    with pytest.raises(RulesError):
        index.route("nonsense", "350206")
    bare = routing.RulesIndex([routing.Rule(9, "wage_arrears", "350200", "@city")], OFFICES)
    with pytest.raises(RulesError) as e:
        bare.route("employment", "350206")
    assert "没有适用" in e.value.problems[0].zh


def test_duplicate_rules_and_unknown_target_refused():
    with pytest.raises(RulesError):
        routing.RulesIndex([routing.Rule(1, "", "", "@county"), routing.Rule(2, "", "", "350000")], OFFICES)
    idx = routing.RulesIndex([routing.Rule(1, "", "", "350999")], OFFICES)
    with pytest.raises(RulesError) as e:
        idx.route("other", "350206")
    assert e.value.problems[0].field == "target"


def test_route_many_keeps_going_past_a_bad_row(index):
    out = index.route_many([("wage_arrears", "350206"), ("wage_arrears", "999999"), ("other", "350102")])
    assert out[0].office == "350206" and isinstance(out[1], RulesError) and out[2].office == "350102"


MAR3, MAR4, MAR10 = D(2025, 3, 3), D(2025, 3, 4), D(2025, 3, 10)


def _row(channel="12345", received=MAR3, accepted=None, acc_due=MAR4, replied=None, due=MAR10, sat="",
         repeat=False, heads=1):
    return kpi.Row(channel, received, accepted, acc_due, replied, due, sat, repeat, heads)


def test_kpi_on_a_hand_built_month():
    today = D(2025, 4, 1)
    rows = [
        # 1: accepted on time, replied on time, satisfied
        _row(accepted=D(2025, 3, 4), replied=D(2025, 3, 9), sat="satisfied"),
        # 2: accepted late, replied late, basic
        _row(accepted=D(2025, 3, 5), replied=D(2025, 3, 11), sat="basic"),
        # 3: accepted on time, still open and past due on 4/1 → missed; not rated
        _row(accepted=D(2025, 3, 4)),
        # 4: a repeat of 1 — not counted anywhere
        _row(accepted=D(2025, 3, 4), replied=D(2025, 3, 5), sat="dissatisfied", repeat=True),
        # 5: a letter, answered on time, dissatisfied
        _row(channel="letter", accepted=D(2025, 3, 10), acc_due=D(2025, 3, 18), replied=D(2025, 4, 1),
             due=D(2025, 5, 9), sat="dissatisfied"),
        # 6: a visit of 5 people, accepted, not answered yet and its due date ahead → not counted for on time
        _row(channel="visit", accepted=D(2025, 3, 12), acc_due=D(2025, 3, 18), due=D(2025, 5, 12), heads=5),
    ]
    f = kpi.compute(rows, today)
    assert (f.received, f.repeats, f.visits_people) == (5, 1, 5)
    # acceptance: rows 1, 3, 5, 6 on time; row 2 late → 4 / 5
    assert (f.timely_acceptance.numerator, f.timely_acceptance.denominator) == (4, 5)
    # completion: 1 on time, 2 late, 3 missed, 5 on time, 6 still running → 2 / 4
    assert (f.on_time_completion.numerator, f.on_time_completion.denominator) == (2, 4)
    # satisfaction: rated 1 (satisfied), 2 (basic), 5 (dissatisfied) → 2 / 3
    assert (f.satisfaction.numerator, f.satisfaction.denominator) == (2, 3)
    # letters and visits: letter answered, visit batch not yet → 1 / 2
    assert (f.answered.numerator, f.answered.denominator) == (1, 2)
    assert f.satisfaction.rate == pytest.approx(2 / 3)
    assert kpi.Ratio(0, 0).rate is None
    assert set(kpi.DEFINITIONS) >= {"timely_acceptance", "on_time_completion", "satisfaction", "answered"}


def _app(kind, rec, rep=None, out="", ch="", res=""):
    return ar.Application(kind, rec, rep, out, ch, res)


def test_annual_report_tables_on_a_hand_built_year():
    apps = [
        _app("natural", D(2024, 12, 20), D(2025, 1, 10), "disclose"),  # carried in, answered in 2025
        _app("natural", D(2025, 2, 1), D(2025, 2, 20), "disclose", "review", "upheld"),
        _app("natural", D(2025, 3, 1), D(2025, 3, 25), "partial"),
        _app("commercial", D(2025, 4, 1), D(2025, 4, 20), "refuse_third_party", "suit_direct", "pending"),
        _app("legal_service", D(2025, 5, 1), D(2025, 5, 20), "unable_none"),
        _app("natural", D(2025, 6, 1), D(2025, 6, 30), "ignore_petition"),
        _app("research", D(2025, 7, 1), D(2025, 8, 1), "other_no_completion"),
        _app("natural", D(2025, 12, 22), None),  # still open at year end: carried out
        _app("natural", D(2024, 6, 1), D(2024, 6, 20), "disclose"),  # all in 2024: not in 2025's table
    ]
    lines = {line.label: line.cells for line in ar.table_three(apps, 2025)}
    assert lines["一、本年新收政府信息公开申请数量"] == {
        "natural": 4, "commercial": 1, "research": 1, "public_interest": 0, "legal_service": 1, "other_org": 0,
        "total": 7,
    }
    assert lines["二、上年结转政府信息公开申请数量"]["total"] == 1
    assert lines["三、本年度办理结果 （一）予以公开"]["natural"] == 2
    assert lines["三、本年度办理结果 （二）部分公开（区分处理的，只计这一情形，不计其他情形）"]["total"] == 1
    assert lines["三、本年度办理结果 （三）不予公开 4.保护第三方合法权益"]["commercial"] == 1
    assert lines["三、本年度办理结果 （四）无法提供 1.本机关不掌握相关政府信息"]["legal_service"] == 1
    assert lines["三、本年度办理结果 （五）不予处理 1.信访举报投诉类申请"]["natural"] == 1
    assert lines["三、本年度办理结果 （六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"][
        "research"] == 1
    # answered in 2025: 7 (the carried-in one and six of the new); 7 new + 1 carried − 7 = 1 carried out
    assert lines["三、本年度办理结果 （七）总计"]["total"] == 7
    assert lines["四、结转下年度继续办理"] == {
        "natural": 1, "commercial": 0, "research": 0, "public_interest": 0, "legal_service": 0, "other_org": 0,
        "total": 1,
    }
    four = ar.table_four(apps, 2025)
    assert four["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}
    assert four["suit_direct"]["pending"] == 1 and four["suit_after_review"]["total"] == 0
    docs = [ar.Document("normative", D(2023, 5, 1), D(2025, 6, 1)), ar.Document("normative", D(2025, 2, 1), None),
            ar.Document("rule", D(2020, 1, 1), None)]
    two = ar.table_two(docs, 2025)
    assert two["normative"] == {"issued": 1, "repealed": 1, "in_force": 1}
    assert two["rule"] == {"issued": 0, "repealed": 0, "in_force": 1}


def test_workflow_table_refuses_with_reasons():
    with pytest.raises(WorkflowError) as e:
        PETITION.check("registered", "reply", {"division_staff"}, set())
    assert e.value.problems[0].field == "state"
    with pytest.raises(WorkflowError) as e:
        PETITION.check("accepted", "extend", {"division_staff"}, {"reason", "approved_by"})
    assert e.value.problems[0].field == "role"
    with pytest.raises(WorkflowError) as e:
        PETITION.check("accepted", "reply", {"division_staff"}, set())
    assert e.value.problems[0].zh == "“答复”要求：答复内容"
    assert PETITION.check("registered", "accept", {"leader"}, set()).clock == "deadlines.petition_closing"
