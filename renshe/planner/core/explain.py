"""One household's plan, explained: options with their arithmetic, the recommendation in plain
Chinese, what would change it, the cash flow by age, and the legal trace. Pure: no Django.

The numbers all come from :func:`renshe.planner.core.optimize.evaluate`; this module only runs it
for one profile (and for the same profile under shifted assumptions) and puts words to it.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import numpy as np

from renshe.planner.core import optimize as opt
from renshe.planner.core.law import Law, law_on
from renshe.planner.core.models import (
    Assumptions,
    PlanResult,
    Profile,
)
from renshe.planner.platform_note import platform_worker_note
from renshe.rules import retirement
from renshe.rules.money import money, money_array
from renshe.rules.parameters import ParamValue, Reference
from renshe.rules.retirement import month_index, month_text
from renshe.rules.trace import Trace

ASSUMPTION_LABELS = {
    "wage_growth": "工资年增长率",
    "interest": "个人账户记账利率",
    "indexation": "养老金年调整幅度",
    "discount_rate": "贴现率",
    "life_expectancy": "预期寿命",
}
#: how far each assumption is moved in the sensitivity analysis
SHIFTS = {
    "wage_growth": (-0.02, -0.01, 0.01, 0.02),
    "interest": (-0.015, -0.01, 0.01, 0.02),
    "indexation": (-0.02, -0.01, 0.01, 0.02),
    "discount_rate": (-0.02, -0.01, 0.01, 0.02),
    "life_expectancy": (-6.0, -3.0, 3.0, 6.0),
}
SI_LAW = "中华人民共和国社会保险法"
GUOFA_2014_8 = Reference(
    document="国务院关于建立统一的城乡居民基本养老保险制度的意见",
    number="国发〔2014〕8号",
    article="六、养老保险待遇及调整；七、养老保险待遇领取条件",
)
TRANSFER = Reference(document="城乡养老保险制度衔接暂行办法", number="人社部发〔2014〕17号", article="第三条至第五条")
ASSUMPTIONS_REF = Reference(document="社保规划师测算假设（非法定参数）", article="用户可改写")


def resolve_assumptions(assumptions: Assumptions, law: Law) -> dict[str, float]:
    """The user's assumptions where given, the dated defaults elsewhere."""
    given = assumptions.model_dump()
    out = {k: float(given[k] if given[k] is not None else law.defaults.value[k]) for k in opt.ASSUMPTIONS}
    floor = given["dependent_floor"]
    out["dependent_floor"] = float(floor if floor is not None else law.dependent_floor.value)
    share = given["max_share"]
    out["max_share"] = float(share if share is not None else law.defaults.value["max_share"])
    return out


def to_arrays(profiles: list[Profile], on: dt.date) -> opt.Profiles:
    """Profiles → the optimiser's arrays (dependents counted; dates as month numbers)."""
    f = lambda xs: np.array(xs, dtype=np.float64)  # noqa: E731
    return opt.Profiles(
        birth=np.array([month_index(p.birth) for p in profiles], dtype=np.int64),
        category=np.array([retirement.CATEGORY_CODE[p.category] for p in profiles], dtype=np.int64),
        employment=np.array([opt.EMPLOYMENT_CODE[p.employment] for p in profiles], dtype=np.int64),
        income=f([p.monthly_income for p in profiles]),
        debt=f([p.monthly_debt_payments for p in profiles]),
        dependents=f([len(p.dependents) for p in profiles]),
        paid=np.array([p.paid_months for p in profiles], dtype=np.int64),
        balance=f([p.account_balance for p in profiles]),
        avg_index=f([np.nan if p.avg_index is None else p.avg_index for p in profiles]),
        as_of=np.full(len(profiles), on.year * 12 + on.month - 1, dtype=np.int64),
    )


def ym_cn(ym: str) -> str:
    """2045-06 → 2045年6月 (dates read the Chinese way on pages and in sentences)."""
    y, m = ym.split("-")
    return f"{int(y)}年{int(m)}月"


def _yuan(x: float) -> str:
    return f"{x:,.2f}"


def _pct(rate: ParamValue) -> str:
    """A rate parameter as people write it: 0.08 → 8%, 0.03 → 3%."""
    return f"{float(rate.value) * 100:g}%"


def _yuans(xs: list[float]) -> list[str]:
    return [f"{x:,.2f}" for x in xs]


def _rounded(xs: list[float], nd: int) -> list[float | None]:
    """Rounded values, None where not finite (no IRR, no break-even, not that scheme).

    numpy rounds a column at once; Python's round() with digits costs microseconds a number."""
    a = np.asarray(xs, dtype=np.float64)
    return [None if x != x else x for x in np.where(np.isfinite(a), np.round(a, nd), np.nan).tolist()]


#: month numbers as YYYY-MM, remembered (every option of every plan has one)
_month_text = lru_cache(maxsize=4096)(month_text)


def _formulas(row: dict[str, list], a: dict[str, float], law: Law) -> list[dict[str, str]]:
    """The arithmetic behind each figure of every option, numbers filled in.

    Built a column at a time (each number formatted once) because the API returns it for
    every option of every request; a number only one kind of option shows (the base, the
    个人养老金 figures) is formatted only for that kind.
    """
    y = {k: _yuans(row[k]) for k in (
        "monthly_cost", "total_cost", "lifetime_value", "basic", "account", "personal", "monthly_pension",
    )}
    disposable = _yuan(row["disposable"][0]) if row["disposable"] else ""  # one household: one figure
    divisor = float(law.resident_divisor.value)  # 国发〔2014〕8号 六、
    basic_rate = float(law.pension.basic_rate.value)  # 国发〔2005〕38号 六、
    total_note = f"个月缴费合计（工资增长 {a['wage_growth']:.1%}/年）= "
    value_note = (
        f"领取养老金的现值 − 缴费的现值（贴现率 {a['discount_rate']:.1%}，预期寿命 {a['life_expectancy']:g}岁，"
        f"养老金每年调整 {a['indexation']:.1%}）= "
    )
    out = []
    for j, (scheme, n, addon, affordable) in enumerate(
        zip(row["scheme"], row["months"], row["addon"], row["affordable"], strict=True)
    ):
        f = {}
        if scheme == opt.RESIDENT:
            f["monthly_cost"] = f"{row['tier'][j]:.0f}元/年 ÷ 12 = {y['monthly_cost'][j]}元/月（按年缴纳）"
            f["monthly_pension"] = (
                f"基础养老金 {y['basic'][j]} + 个人账户 {y['account'][j]} ÷ {divisor:g} = {y['personal'][j]}"
                f"，合计 {y['monthly_pension'][j]}元/月"
            )
        else:
            base, c0 = row["base"][j], row["c0"][j]
            rate = c0 / base if base else 0
            f["monthly_cost"] = f"缴费基数 {base:,.2f} × {rate:.0%} = {c0:,.2f}元/月"
            if addon:
                private = row["monthly_cost"][j] - c0
                f["monthly_cost"] += f"，另缴个人养老金 {private:,.2f}元/月，每年少交个税 {row['tax_saved'][j]:,.2f}元"
            years = int(row["credited"][j] + n) / 12
            f["monthly_pension"] = (
                f"基础养老金 {row['calc_base'][j]:,.2f} × (1 + {row['index'][j]:.4f}) ÷ 2 × {years:.2f}年 × {basic_rate:.0%} = {y['basic'][j]}；"
                f"个人账户 {y['account'][j]} ÷ 计发月数 = {y['personal'][j]}"
                + (f"；个人养老金 {row['private_monthly'][j]:,.2f}" if addon else "")
                + f"；合计 {y['monthly_pension'][j]}元/月"
            )
        if not n:  # the minimum is met and the age reached: nothing is left to pay (办法第二条)
            f["monthly_cost"] = "已缴满最低缴费年限且已到退休年龄，不需要再缴费"
        f["total_cost"] = f"{int(n)}{total_note}{y['total_cost'][j]}元"
        f["lifetime_value"] = value_note + y["lifetime_value"][j] + "元"
        f["affordable"] = f"每月缴费 {y['monthly_cost'][j]} {'≤' if affordable else '>'} 每月可用于缴费 {disposable}"
        out.append(f)
    return out


class _Fields(dict):
    """A JSON-ready dict whose keys also read as attributes, so the wording code reads naturally."""

    __getattr__ = dict.__getitem__


def _options(row: dict[str, list], keys: list[str], labels: list[str], a, law: Law) -> list[_Fields]:
    """Every option's fields (the :class:`Option` contract) as plain JSON-ready values."""
    base_ratio, tier = _rounded(row["base_ratio"], 4), _rounded(row["tier"], 2)
    break_even, irr, replacement = (
        _rounded(row["break_even_age"], 1), _rounded(row["irr"], 4), _rounded(row["replacement_rate"], 4)
    )
    formulas = _formulas(row, a, law)
    retire_age = _rounded([x / 12.0 for x in row["age_start"]], 2)
    out = []
    for j, off in enumerate(row["offset"]):
        out.append(_Fields(
            key=keys[j],
            label=labels[j],
            scheme=opt.SCHEMES[int(row["scheme"][j])],
            base_ratio=base_ratio[j],
            tier=tier[j],
            timing="early" if off < 0 else "late" if off > 0 else "statutory",
            timing_months=int(off),
            transfer=bool(row["transfer"][j]),
            private_pension=bool(row["addon"][j]),
            months=int(row["months"][j]),
            extension_months=int(row["extension"][j]),
            retire_month=_month_text(row["start"][j]),
            retire_age=retire_age[j],
            monthly_cost=row["monthly_cost"][j],
            total_cost=row["total_cost"][j],
            tax_saved_per_year=row["tax_saved"][j],
            monthly_pension=row["monthly_pension"][j],
            break_even_age=break_even[j],
            irr=irr[j],
            replacement_rate=replacement[j],
            lifetime_value=row["lifetime_value"][j],
            meets_minimum=bool(row["meets_minimum"][j]),
            affordable=bool(row["affordable"][j]),
            formulas=formulas[j],
        ))
    return out


def _cashflow(row: dict[str, list], j: int, birth: int, on: int, a: dict[str, float]) -> list[dict]:
    """Cumulative nominal cash flow (pension in, own contributions net of tax saved out) at each
    birthday from now to the assumed end of life."""
    g = lambda k: row[k][j]  # noqa: E731
    end = birth + int(round(a["life_expectancy"] * 12))
    months = np.arange(on, max(end, on + 1))
    t = months - on
    cost = np.where(t < g("months"), g("c0") * g("grow") ** t + g("flat"), 0.0)
    start = int(g("start"))
    income = np.where(months >= start, g("monthly_pension") * g("k_m") ** np.maximum(months - start, 0), 0.0)
    cum = np.cumsum(income - cost)
    keep = (months - birth) % 12 == 0
    ages = np.round((months[keep] - birth) / 12.0, 2).tolist()
    return [{"age": x, "cumulative": y} for x, y in zip(ages, money_array(cum[keep]).tolist(), strict=True)]


def _variants(a: dict[str, float]) -> list[tuple[str | None, dict[str, float]]]:
    """The assumptions as given (first), then each one shifted by each of its SHIFTS."""
    out: list[tuple[str | None, dict[str, float]]] = [(None, dict(a))]
    for name in opt.ASSUMPTIONS:
        for d in SHIFTS[name]:
            v = dict(a)
            v[name] = max(a[name] + d, 0.0) if name in {"interest", "discount_rate"} else a[name] + d
            out.append((name, v))
    return out


VARIANTS = 1 + sum(len(d) for d in SHIFTS.values())


def _sensitivity(tpl: opt.Template, variants, pick: list[int], value: list[float]) -> list[_Fields]:
    """What is recommended under each shifted assumption (one evaluated row per variant)."""
    points = []
    for (name, v), j, lv in zip(variants, pick, value, strict=True):
        for assumption in opt.ASSUMPTIONS if name is None else [name]:
            points.append(
                _Fields(
                    assumption=assumption,
                    label=ASSUMPTION_LABELS[assumption],
                    value=round(v[assumption], 4),
                    recommended=tpl.keys[j] if j >= 0 else None,
                    recommended_label=tpl.labels[j] if j >= 0 else None,
                    lifetime_value=lv if j >= 0 else None,
                )
            )
    points.sort(key=lambda s: (s.assumption, s.value))
    return points


def _left_sentence(disposable: float, a: dict[str, float], people: int) -> str:
    """How the money left for contributions was found, in one clause (社会救助暂行办法第十条)."""
    floor = (
        f"本人的基本生活费（每月 {_yuan(a['dependent_floor'])} 元，按最低生活保障标准）"
        if people == 1
        else f"全家 {people} 人的基本生活费（每人每月 {_yuan(a['dependent_floor'])} 元，按最低生活保障标准）"
    )
    if disposable > 0:
        return f"月收入扣除每月还债和{floor}后，每月余下约 {_yuan(disposable)} 元"
    return f"月收入扣除每月还债和{floor}后已没有余钱（还差 {_yuan(-disposable)} 元）"


def _reached_reasons(options: list[_Fields], rec: _Fields | None, reached: str) -> list[str]:
    """What an age already reached means (办法第一条至第三条): apply now, or pay on to the minimum."""
    out = [f"您已于 {ym_cn(reached)}达到法定退休年龄（办法第一条），弹性提前或延迟退休都已不再适用（办法第三条）。"]
    ready = [o for o in options if o.scheme != "resident" and o.months == 0 and o.meets_minimum]
    if ready:
        out.append("您的累计缴费已满最低缴费年限，不需要再缴费：请尽快带身份证和社保卡到参保地社保经办机构申请按月领取基本养老金。")
    elif rec is not None and rec.extension_months:
        out.append(
            f"您的累计缴费还不满最低缴费年限，可以延长缴费 {rec.extension_months} 个月，缴满后申请按月领取（办法第二条）。"
        )
    return out


def _reasons(
    options: list[_Fields], rec: _Fields | None, disposable: float, sens: list[_Fields], law: Law,
    a: dict[str, float], people: int, reached: str | None,
) -> list[str]:
    out: list[str] = []
    affordable = [o for o in options if o.affordable]
    if not options:
        last_age = int(law.pension.divisor_ages[-1]) // 12  # 国发〔2005〕38号 附件 计发月数表
        return [
            f"按现行规定没有可以测算的缴费方案：职工养老保险的个人账户计发月数表只到{last_age}岁，延长缴费到{last_age}岁"
            f"仍不满最低缴费年限，城乡居民养老保险也无法在规定年龄内缴满{law.resident_min_years:g}年。",
            "请带上缴费记录到社保经办机构咨询一次性补缴等办法。",
        ]
    if reached:
        out += _reached_reasons(options, rec, reached)
        if rec is not None and rec.months == 0:
            out.append(f"按现行办法估算，每月约领 {_yuan(rec.monthly_pension)} 元；以经办机构核定为准。")
            return out
    if rec is None:
        cheapest = min(options, key=lambda o: o.monthly_cost) if options else None
        out.append(f"{_left_sentence(disposable, a, people)}，没有一个方案负担得起，所以暂不推荐。")
        if cheapest:
            out.append(f"最省钱的方案是“{cheapest.label}”，每月 {_yuan(cheapest.monthly_cost)} 元。收入增加或债务减少后可以再算一次。")
        out.append("如家庭困难，可向户籍所在地社保经办机构咨询城乡居民养老保险的困难群体代缴政策。")
        return out
    limit = a["max_share"] * disposable
    light = [o for o in affordable if o.monthly_cost <= limit + 1e-9]
    share_text = f"{a['max_share']:.0%}"
    if rec.monthly_cost <= limit + 1e-9:
        out.append(
            f"{_left_sentence(disposable, a, people)}。每月缴费不超过其中 {share_text}（{_yuan(limit)} 元）的方案有 {len(light)} 个，"
            f"其中“{rec.label}”按今天的钱算终身净收益最高，约 {_yuan(rec.lifetime_value)} 元。"
        )
    else:
        out.append(
            f"{_left_sentence(disposable, a, people)}。每个方案每月都要缴掉其中 {share_text} 以上，"
            f"所以推荐每月缴费最少的“{rec.label}”，给生活留出余地。"
        )
    share = rec.monthly_cost / disposable if disposable > 0 else 0
    out.append(
        f"每月缴 {_yuan(rec.monthly_cost)} 元，约占每月余下的钱的 {share:.0%}；"
        f"从 {ym_cn(rec.retire_month)}起每月约领 {_yuan(rec.monthly_pension)} 元"
        + (f"，约 {rec.break_even_age:g} 岁时领回的钱超过交出的钱。" if rec.break_even_age else "。")
    )
    if rec.timing == "late":
        out.append(f"这个方案要在法定退休年龄后再工作 {rec.timing_months // 12} 年，须与单位协商一致（办法第三条）。")
    elif rec.timing == "early":
        out.append(f"这个方案比法定退休年龄提前 {-rec.timing_months // 12} 年，须本人申请，且届时已满最低缴费年限（办法第三条）。")
    if rec.extension_months and not reached:
        out.append(f"到退休年龄时缴费年限还不够最低要求，需要延长缴费 {rec.extension_months} 个月（办法第二条）。")
    if rec.transfer:
        out.append("已有的缴费记录和个人账户会按《城乡养老保险制度衔接暂行办法》转入这个险种。")
    if rec.private_pension:
        out.append(
            f"加缴个人养老金每年可少交个人所得税约 {_yuan(rec.tax_saved_per_year)} 元，"
            f"领取时按 {_pct(law.withdrawal_tax)} 单独计税。"  # 财政部 税务总局公告2022年第34号
        )
    better = [o for o in options if o.lifetime_value > rec.lifetime_value and o.monthly_cost > rec.monthly_cost]
    if better:
        b = max(better, key=lambda o: o.lifetime_value)
        why = "超过了您能负担的金额" if not b.affordable else f"超过了余下的钱的 {share_text}，会挤占生活开支"
        out.append(
            f"“{b.label}”终身净收益更高（约 {_yuan(b.lifetime_value)} 元），但每月要缴 {_yuan(b.monthly_cost)} 元，"
            f"{why}，所以没有推荐。"
        )
    changes = {}
    for s in sens:
        if s.recommended and s.recommended != rec.key and s.assumption not in changes:
            changes[s.assumption] = s
    for s in changes.values():
        shown = f"{s.value:g} 岁" if s.assumption == "life_expectancy" else f"{s.value:.1%}"
        out.append(f"如果{s.label}是 {shown}，推荐会变为“{s.recommended_label}”。")
    if not changes:
        out.append("工资增长、记账利率、养老金调整、贴现率和预期寿命在合理范围内变动时，推荐不变。")
    out.append("以上按测算假设估算，不是经办机构的核定结果；假设（包括每人基本生活费和缴费最多占余钱的比例）可以在“测算假设”中修改。")
    return out


def _platform(profile: Profile, on: dt.date, region: str) -> list[str]:
    """The occupational-injury protection a platform worker carries beside pension insurance."""
    note = platform_worker_note(on, region) if profile.platform_worker else None
    return [note] if note else []


def basis(option) -> dict[str, list[str]]:
    """The steps of the plan's trace (by ``key``) that each figure of ``option`` rests on, so a
    page can cite the law beside every figure (issue 3: “every figure with its trace and
    citations one tap away”). ``option`` is an :class:`Option` or its JSON-ready fields."""
    resident = option.scheme == opt.SCHEMES[opt.RESIDENT]
    cost = ["resident_pension"] if resident else ["contribution"]
    pension = ["resident_pension"] if resident else ["employee_pension"]
    if option.private_pension:
        cost, pension = cost + ["private_pension"], pension + ["private_pension"]
    if option.transfer:  # earlier records moved across (人社部发〔2014〕17号)
        pension = pension + ["transfer"]
    value = pension + ["assumptions"]
    return {
        "monthly_cost": cost,
        "affordable": ["affordability"],
        "total_cost": cost + ["assumptions"],
        "monthly_pension": pension,
        "retire_month": ["resident_pension"] if resident else ["retirement", "minimum_period"],
        "break_even_age": value,
        "irr": value,
        "replacement_rate": value,
        "lifetime_value": value,
    }


@lru_cache(maxsize=256)
def _trace_for(on: dt.date, region: str, assumed: tuple[tuple[str, float], ...]) -> list[dict]:
    """The legal trace depends only on the date, the region and the assumptions: built once each."""
    return [step.model_dump(mode="json") for step in _trace(law_on(on, region), dict(assumed))]


def _trace(law: Law, a: dict[str, float]) -> Trace:
    t = Trace()
    r = law.retirement
    t.add(
        f"法定退休年龄按出生年月和人员类别确定；可弹性提前（最多{r.early_months / 12:g}年，不低于原法定退休年龄，"
        f"须已满最低缴费年限）或经单位同意弹性延迟（最多{r.late_months / 12:g}年）",
        retirement.measures("第一条、第三条"),
        params=[r.original, r.start, r.step, r.target, r.flexible],
        key="retirement",
    )
    t.add(
        f"按月领取基本养老金须累计缴费满最低年限（{retirement.minimum_rise_year()}年起逐年提高）；不足的可延长缴费",
        retirement.measures("第二条"),
        inputs={"社会保险法": "第十六条"},
        key="minimum_period",
    )
    t.add(
        f"职工个人按本人工资的{_pct(law.employee_rate)}缴费（工资在缴费基数上下限之间取值）；灵活就业人员在上下限之间自选基数，"
        f"按{_pct(law.flexible_rate)}缴费，其中{_pct(law.flexible_account_rate)}记入个人账户",
        Reference(document=SI_LAW, article="第十条、第十二条"),
        params=[law.avg_wage, law.base_limits, law.employee_rate, law.flexible_rate, law.flexible_account_rate, law.flexible_ratios],
        key="contribution",
    )
    t.add(
        f"基本养老金 = 基础养老金（计发基数 ×（1 + 平均缴费指数）÷ 2 × 缴费年限 × {_pct(law.pension.basic_rate)}）"
        "+ 个人账户储存额 ÷ 计发月数",
        Reference(document="国务院关于完善企业职工基本养老保险制度的决定", number="国发〔2005〕38号", article="六、改革基本养老金计发办法"),
        params=[law.calc_base, law.pension.basic_rate, law.pension.divisor],
        inputs={"计发基数是否按最近公布值推算": law.calc_base_carried},
        formula="未来的计发基数 = 最近公布的计发基数 × (1 + 工资增长率)^年数（假设）",
        key="employee_pension",
    )
    t.add(
        f"城乡居民养老金 = 基础养老金 + 个人账户（个人缴费 + 政府补贴，计息）÷ {float(law.resident_divisor.value):g}；"
        f"年满{int(law.resident_age.value)}周岁、累计缴费满{law.resident_min_years:g}年按月领取",
        GUOFA_2014_8,
        params=[law.resident_tiers, law.resident_basic, law.resident_divisor, law.resident_age, law.resident_min],
        key="resident_pension",
    )
    t.add(
        "两个制度之间转移：职工养老保险缴费年限转入城乡居民养老保险合并计算；城乡居民转入职工的，个人账户随同转移，缴费年限不折算",
        TRANSFER,
        key="transfer",
    )
    t.add(
        f"有应纳税所得的职工可每年向个人养老金账户缴费最多{float(law.private_cap.value):g}元并在税前扣除，"
        f"领取时按{_pct(law.withdrawal_tax)}单独计税",
        Reference(document="财政部 税务总局关于个人养老金有关个人所得税政策的公告", number="财政部 税务总局公告2022年第34号"),
        params=[law.private_cap, law.withdrawal_tax, law.iit_brackets, law.iit_deduction],
        key="private_pension",
    )
    t.add(
        "每月可用于缴费 = 月收入 − 每月还债 − （本人 + 被抚养人人数）× 每人基本生活费（按最低生活保障标准）；"
        "缴费超过它的方案只展示、不推荐；推荐优先选每月缴费不超过它的一定比例的方案，都超过时选每月缴费最少的",
        Reference(document="社会救助暂行办法", number="国务院令第649号", article="第十条"),
        params=[law.dependent_floor],
        inputs={"每人基本生活费（元/月）": a["dependent_floor"], "缴费最多占余钱的比例": a["max_share"]},
        key="affordability",
    )
    t.add(
        "终身净收益、内部收益率、回本年龄和替代率按下列假设计算（假设不是法定值，可改写）",
        ASSUMPTIONS_REF,
        params=[law.defaults],
        inputs={ASSUMPTION_LABELS[k]: a[k] for k in opt.ASSUMPTIONS},
        key="assumptions",
    )
    return t


ROW_FIELDS = (
    "scheme", "base_ratio", "tier", "offset", "transfer", "addon", "months", "extension", "start", "age_start",
    "monthly_cost", "total_cost", "tax_saved", "monthly_pension", "lifetime_value", "replacement_rate",
    "meets_minimum", "affordable", "disposable", "c0", "grow", "flat", "k_m", "base", "calc_base", "index",
    "account", "basic", "personal", "private_monthly", "credited",
)


def plan_data(profile: Profile) -> dict:
    """Plan one household as JSON-ready data with the fields of :class:`PlanResult`.

    The API serialises this directly (the figures come from the optimiser's typed arrays, so a
    second validation would only cost time); :func:`plan` gives the same as a typed model.
    """
    return plan_data_many([profile])[0]


def plan_data_many(profiles: list[Profile]) -> list[dict]:
    """:func:`plan_data` for many households in one vectorised pass per (date, region, template).

    Each household is evaluated under its own assumptions and under every shifted variant
    (the sensitivity analysis) as rows of one array; IRR and break-even are solved for all
    their valid options at once. The API coalesces concurrent requests into one call, so the
    fixed cost of the array arithmetic is shared; the result for each household is exactly
    what planning it alone gives (tested).
    """
    today = dt.date.today()
    groups: dict[tuple, list[int]] = {}
    for i, p in enumerate(profiles):
        groups.setdefault((p.as_of or today, p.region, p.employment == "employee"), []).append(i)
    out: list[dict] = [{} for _ in profiles]
    for (on, region, _), idx in groups.items():
        members = [profiles[i] for i in idx]
        for i, data in zip(idx, _plan_group(members, on, region), strict=True):
            out[i] = data
    return out


def _plan_group(members: list[Profile], on: dt.date, region: str) -> list[dict]:
    law = law_on(on, region)
    arrays = to_arrays(members, on)
    # 办法第一条: whose statutory age is already behind them (the reasons say what that means)
    statutory = retirement.retirement_core(arrays.birth, arrays.category, law.retirement)["retire_month"]
    reached = [_month_text(m) if m < t0 else None for m, t0 in zip(statutory.tolist(), arrays.as_of.tolist(), strict=True)]
    tpl = opt.template(law, int(arrays.employment[0]))
    assumed = [resolve_assumptions(p.assumptions, law) for p in members]
    variants = [_variants(a) for a in assumed]
    rows_a = {k: np.array([v[k] for vs in variants for _, v in vs]) for k in assumed[0]}
    stacked = opt.Profiles(**{k: np.repeat(v, VARIANTS) for k, v in vars(arrays).items()})
    ev = opt.evaluate(stacked, tpl, law, rows_a)
    pick = opt.choose(ev, tpl.rank())
    picked_value = money_array(ev["lifetime_value"][np.arange(len(pick)), np.maximum(pick, 0)]).tolist()
    pick_list = pick.tolist()

    # Every valid option of every household (its own assumptions: the first row of its block).
    first = np.arange(len(members)) * VARIANTS
    who, cols = np.nonzero(ev["valid"][first])
    r = first[who]
    flat = {k: ev[k][r, cols].tolist() for k in ROW_FIELDS}
    for k in ("total_cost", "tax_saved", "lifetime_value"):  # money is rounded once, at the end
        flat[k] = money_array(ev[k][r, cols]).tolist()
    rate, be = opt.rate_and_break_even(ev, assumed[0], r, cols)
    flat["irr"], flat["break_even_age"] = rate.tolist(), be.tolist()
    bounds = np.searchsorted(who, np.arange(len(members) + 1)).tolist()
    cols_list = cols.tolist()

    results = []
    for m, a in enumerate(assumed):
        lo, hi = bounds[m], bounds[m + 1]
        row = {k: v[lo:hi] for k, v in flat.items()}
        mine = cols_list[lo:hi]
        options = _options(row, [tpl.keys[c] for c in mine], [tpl.labels[c] for c in mine], a, law)
        block = slice(m * VARIANTS, (m + 1) * VARIANTS)
        sens = _sensitivity(tpl, variants[m], pick_list[block], picked_value[block])
        chosen = pick_list[m * VARIANTS]
        at = mine.index(chosen) if chosen >= 0 else None
        rec = options[at] if at is not None else None
        disposable = float(money(ev["disposable"][m * VARIANTS, 0]))
        results.append({
            "options": options,
            "recommended": rec,
            "reasons": _reasons(
                options, rec, disposable, sens, law, a, 1 + int(arrays.dependents[m]), reached[m]
            ) + _platform(members[m], on, region),
            "assumptions": a,
            "disposable": disposable,
            "sensitivity": sens,
            "cashflow": _cashflow(row, at, int(arrays.birth[m]), int(arrays.as_of[m]), a) if at is not None else [],
            "trace": _trace_for(on, region, tuple(sorted(a.items()))),
        })
    return results


def plan(profile: Profile) -> PlanResult:
    """Plan one household: every legal option, the recommendation and why (typed)."""
    return PlanResult.model_validate(plan_data(profile))
