"""The local figures of an art. 47 case: given, published, or provably irrelevant (pure core).

劳动合同法第四十七条第二款 caps the wage at 3 × the 设区的市's 上年度职工月平均工资 and
实施条例第二十七条、第十四条 floor it at the minimum wage of the place of performance. Each
function returns the figure the user gave, else the published parameter, else proof (from
:mod:`renshe.rules.labour.local_bounds`) that the figure cannot change the answer; only when
it could does it ask, in Chinese by the field's label, saying where the figure is published.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from renshe.rules import parameters, regions
from renshe.rules.errors import ParameterNotFound
from renshe.rules.labour import local_bounds
from renshe.rules.labour.common import given_or_params
from renshe.rules.money import money
from renshe.rules.parameters import ParamValue

AVG_WAGE_LABEL = "本地区上年度职工月平均工资"
MINIMUM_WAGE_LABEL = "当地月最低工资标准"


@dataclass(frozen=True)
class LocalFigure:
    """A local figure for one case: its value, or proof that the law's answer does not need it."""

    value: float | None
    param: ParamValue | None
    why: str = ""
    extra_params: tuple[ParamValue, ...] = ()


def minimum_wage(region: str, on: dt.date, wage: float, given: float | None) -> LocalFigure:
    """The minimum wage of the place of performance (实施条例第二十七条、第十四条), or proof the floor cannot bind.

    Asks the user only when the wage is below the highest tier that can apply in the region.
    """
    if given is not None:
        return LocalFigure(given, None)
    tiers = local_bounds.minimum_wage_tiers(on, region)
    if tiers is None:
        ((minimum, pv),) = given_or_params(
            [(None, "local_minimum_wage", "wages.minimum_monthly", MINIMUM_WAGE_LABEL)], on, region
        )
        return LocalFigure(minimum, pv)
    if tiers.exact is not None:
        return LocalFigure(tiers.exact, tiers.param, f"{regions.name_of(region)}各县区同属一档")
    if wage >= tiers.high:
        return LocalFigure(
            None,
            tiers.param,
            f"未提供当地月最低工资标准；{regions.name_of(region)}各县区的标准为{tiers.describe()}，"
            f"月平均工资 {wage:.2f} 元不低于其中最高的 {tiers.high:g} 元，无论在哪个县区都不需要按最低工资保底",
        )
    raise ParameterNotFound.of(
        "local_minimum_wage",
        f"请填写“{MINIMUM_WAGE_LABEL}（元）”：月平均工资 {wage:.2f} 元低于{regions.name_of(region)}"
        f"可能适用的最高一档 {tiers.high:g} 元，是否按最低工资保底取决于劳动合同履行地所在县（市、区）的档次"
        f"（{tiers.describe()}）。各县区的标准见福建省人力资源和社会保障厅《关于公布我省最低工资标准的通知》附件1，"
        "也可向当地人社局或12333咨询。",
        f"the wage {wage:.2f} is below the highest minimum-wage tier ({tiers.high:g}) that may apply in "
        f"'{region}'; give local_minimum_wage, the monthly minimum wage of the county where the contract is performed",
    )


def average_wage(
    region: str, on: dt.date, floored: float, multiple: float, given: float | None
) -> LocalFigure:
    """The 上年度职工月平均工资 of art. 47 ¶2, or proof that the 3× cap cannot bind.

    The figure the user gives wins; then a published parameter; then a provable lower bound
    (:func:`local_bounds.average_wage_lower_bound`): a wage at most 3× the bound is never capped.
    """
    if given is not None:
        return LocalFigure(given, None)
    try:
        pv = parameters.value_at("labour.local_avg_monthly_wage", on, region)
        return LocalFigure(float(pv.value), pv)
    except ParameterNotFound:
        pass
    bound = local_bounds.average_wage_lower_bound(on, region)
    if bound is not None and floored <= multiple * bound.monthly:
        return LocalFigure(
            None,
            bound.evidence[0],
            f"未提供本地区上年度职工月平均工资；{bound.explain()}。月工资 {floored:.2f} 元不超过下界的"
            f"{multiple:g}倍 {money(multiple * bound.monthly):.2f} 元，因而也不超过实际数额的{multiple:g}倍，不封顶",
            tuple(bound.evidence[1:]),
        )
    known = (
        f"；已知它不低于 {bound.monthly:.2f} 元（{bound.explain()}），月工资超过其{multiple:g}倍 "
        f"{money(multiple * bound.monthly):.2f} 元，是否封顶取决于实际数额"
        if bound is not None
        else ""
    )
    raise ParameterNotFound.of(
        "local_avg_monthly_wage",
        f"请填写“{AVG_WAGE_LABEL}（元）”：月工资高于该数额三倍的按三倍计算（劳动合同法第四十七条第二款）"
        f"{known}。这个数额由劳动合同履行地设区的市人民政府公布，可在当地人社局或统计局网站查到"
        "（常称“上年度职工月平均工资”或“在岗职工平均工资”），也可拨打12333咨询。",
        f"the art. 47 cap may bind: give local_avg_monthly_wage, the previous year's average monthly wage "
        f"published by the city where the contract is performed ('{region}', {on.isoformat()})",
    )
