"""What the law says about each claim of a labour dispute: its basis, its limitation, its finality.

Shared by the one-case path (:mod:`renshe.rules.labour.claims`) and the array path
(:mod:`renshe.rules.labour.claims_array`), so both judge a claim by the same table.

Limitation (《劳动争议调解仲裁法》第二十七条). One year from the day the worker knew or should have
known of the infringement (¶1), except that pay owed while the employment lasts (劳动报酬: wages,
and overtime pay, which 《关于工资总额组成的规定》第四条 counts as wages) is not time-barred until
the employment ends and then runs one year from the end (¶4). So:

- ``unpaid_wages``, ``overtime_pay`` — ¶4: not running while employed; from the end otherwise;
- ``economic_compensation``, ``damages``, ``payment_in_lieu_of_notice`` — ¶1 from the day the
  employment ended (the termination is the infringement);
- ``double_wages`` — ¶1 from the last day of the double-wage period. The extra wage of 《劳动合同法》
  第八十二条 is a statutory sanction, not pay for work (practice treats it so; the statute says
  nothing), so ¶4 does not carry it;
- ``annual_leave_pay`` — ¶1 from the day it fell due: on leaving, the day the employment ended
  (《企业职工带薪年休假实施办法》第十二条); otherwise the last day of the leave year, or of the next
  year when the leave could be carried over (实施办法第九条、第十条), when the year is given;
- ``injury_medical_expenses`` — ¶1 from the day the worker knew the employer would not pay
  (given as ``medical_expenses_known_on``);
- ``injury_disability_subsidy`` — ¶1 from the day of the 劳动能力鉴定 conclusion (the grade, and
  so the amount, is known from then; ``disability_appraised_on``);
- ``injury_medical_subsidy``, ``injury_employment_subsidy`` — ¶1 from the day the employment ended:
  they fall due when it ends (《工伤保险条例》第三十六条第二款、第三十七条第（二）项).

Interruption and suspension (¶2, ¶3) are facts the arbitrator finds; the engine does not guess them,
and a limitation it cannot date (no day given) is reported as not expired, saying why.

Finality (第四十七条). A claim for 劳动报酬, 工伤医疗费, 经济补偿 or 赔偿金 is final when its amount does
not exceed twelve months of the local minimum wage (第（一）项), judged claim by claim
(《最高人民法院关于审理劳动争议案件适用法律问题的解释（一）》第十九条: “每项确定的数额”); a dispute over
the national standards of working time, rest and leave or social insurance is final whatever the
amount (第（二）项). The double wage counts as 赔偿金 and 代通知金 with the compensation it
accompanies; untaken annual leave is a dispute over rest and leave (第（二）项).

Work-injury benefits owed by the employer (our reading, stated so it can be reviewed). 第四十七条
第（一）项 names 工伤医疗费 only; the one-off benefits a worker claims from the employer — 一次性伤残补助金
and 一次性工伤医疗补助金 where it did not insure (《工伤保险条例》第六十二条第二款: it pays "按照本条例规定的
工伤保险待遇项目和标准"), 一次性伤残就业补助金 always (第三十六条第二款、第三十七条第（二）项) — are a money
debt of the employer, which we judge like 第（一）项's 赔偿金: final when the amount is at most twelve
months of the minimum wage, not final above it. We do not read them as 第（二）项's 社会保险 disputes
"因执行国家的劳动标准" (that covers the standards themselves, e.g. whether insurance was owed), so a
large one-off benefit is never made final by kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from renshe.rules.parameters import Reference

ARBITRATION_LAW = Reference(document="中华人民共和国劳动争议调解仲裁法")
SPC_INTERPRETATION = Reference(document="最高人民法院关于审理劳动争议案件适用法律问题的解释（一）", number="法释〔2020〕26号")
FINAL_AWARD_PARAM = "disputes.final_award_minimum_wage_months"

Kind = Literal[
    "unpaid_wages",
    "double_wages",
    "economic_compensation",
    "damages",
    "payment_in_lieu_of_notice",
    "overtime_pay",
    "annual_leave_pay",
    "injury_medical_expenses",
    "injury_disability_subsidy",
    "injury_medical_subsidy",
    "injury_employment_subsidy",
]
Limitation = Literal["wages", "from_end", "double_wages", "annual_leave", "medical", "injury"]
Finality = Literal["amount", "standard"]


@dataclass(frozen=True)
class ClaimLaw:
    """One kind of claim: its Chinese name, the articles behind it, how it is time-barred, whether final."""

    label: str
    plain: str  # how a worker says it, for the application form
    basis: tuple[str, ...]
    limitation: Limitation
    finality: Finality


CLAIMS: dict[str, ClaimLaw] = {
    "unpaid_wages": ClaimLaw(
        "拖欠工资",
        "公司欠我工资没发",
        ("《中华人民共和国劳动法》第五十条", "《工资支付暂行规定》第七条"),
        "wages",
        "amount",
    ),
    "double_wages": ClaimLaw(
        "未签书面劳动合同二倍工资差额",
        "干了一个多月还没签劳动合同",
        ("《中华人民共和国劳动合同法》第十条、第八十二条", "《中华人民共和国劳动合同法实施条例》第六条、第七条"),
        "double_wages",
        "amount",
    ),
    "economic_compensation": ClaimLaw(
        "解除或终止劳动合同经济补偿",
        "公司解除合同（或合同到期不续）没给补偿",
        ("《中华人民共和国劳动合同法》第四十六条、第四十七条",),
        "from_end",
        "amount",
    ),
    "damages": ClaimLaw(
        "违法解除或终止劳动合同赔偿金",
        "公司违法辞退我",
        ("《中华人民共和国劳动合同法》第四十八条、第八十七条",),
        "from_end",
        "amount",
    ),
    "payment_in_lieu_of_notice": ClaimLaw(
        "代通知金（额外一个月工资）",
        "公司没提前三十天通知就解除合同",
        ("《中华人民共和国劳动合同法》第四十条", "《中华人民共和国劳动合同法实施条例》第二十条"),
        "from_end",
        "amount",
    ),
    "overtime_pay": ClaimLaw(
        "加班工资",
        "加班没给加班费",
        ("《中华人民共和国劳动法》第四十四条",),
        "wages",
        "amount",
    ),
    "annual_leave_pay": ClaimLaw(
        "未休年休假工资报酬",
        "年假没休也没给钱",
        ("《职工带薪年休假条例》第五条", "《企业职工带薪年休假实施办法》第十条、第十二条"),
        "annual_leave",
        "standard",
    ),
    "injury_medical_expenses": ClaimLaw(
        "工伤医疗费",
        "工伤看病的钱没人报",
        ("《工伤保险条例》第三十条、第六十二条第二款",),
        "medical",
        "amount",
    ),
    # 第四十七条: amount-judged, see the module's note on work-injury benefits
    "injury_disability_subsidy": ClaimLaw(
        "一次性伤残补助金（用人单位未参加工伤保险）",
        "工伤评了伤残等级，单位没参保也不给补助金",
        ("《工伤保险条例》第三十五条至第三十七条、第六十二条第二款",),
        "injury",
        "amount",
    ),
    "injury_medical_subsidy": ClaimLaw(
        "一次性工伤医疗补助金（用人单位未参加工伤保险）",
        "工伤后离职，单位没参保，一次性工伤医疗补助金没人给",
        ("《工伤保险条例》第三十六条第二款、第三十七条第（二）项、第六十二条第二款",),
        "from_end",
        "amount",
    ),
    "injury_employment_subsidy": ClaimLaw(
        "一次性伤残就业补助金",
        "工伤后离职，单位不给一次性伤残就业补助金",
        ("《工伤保险条例》第三十六条第二款、第三十七条第（二）项",),
        "from_end",
        "amount",
    ),
}

KIND_LABELS = {k: v.label for k, v in CLAIMS.items()}
LIMITATION_ARTICLE = {
    "wages": "第二十七条第四款",
    "from_end": "第二十七条第一款",
    "double_wages": "第二十七条第一款",
    "annual_leave": "第二十七条第一款",
    "medical": "第二十七条第一款",
    "injury": "第二十七条第一款",
}
FINALITY_ARTICLE = {"amount": "第四十七条第（一）项", "standard": "第四十七条第（二）项"}
