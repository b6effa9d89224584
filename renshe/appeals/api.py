"""The appeals API: machine intake (the 12345 platform's token), public tracking, routing and KPIs.

Intake and figures need a staff role (session with CSRF, or ``Authorization: Bearer``); the
public tracking answer masks the phone. Bad input answers 422 with the bilingual message.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ValidationError

from renshe.platform.accounts.api_auth import staff_auth
from renshe.platform.accounts.masking import mask_phone
from renshe.platform.web.api import ErrorOut, json_body
from renshe.rules import calendar, jsoninput
from renshe.rules.errors import RulesError, from_pydantic

from . import services, stats
from .core.intake import validate
from .core.kpi import DEFINITIONS
from .models import Appeal, Channel
from .scoping import appeals_for

router = Router(tags=["appeals"])
API_PREFIX = "/appeals"
STAFF = ("division_staff", "labour_inspector", "leader", "administrator")


class IntakeIn(Schema):
    model_config = {"json_schema_extra": {"example": {
        "channel": "12345", "received_on": "2025-03-03", "name": "林建华", "phone": "13805921111",
        "category": "wage_arrears", "place": "350206", "content": "在某安置房项目做木工三个月，工资一直没有结清。",
        "project": "某安置房项目", "employer": "某建筑劳务有限公司", "amount": 36800.0, "workers": 6}}}

    channel: str
    received_on: dt.date | None = None
    name: str
    phone: str
    category: str
    place: str
    content: str
    project: str = ""
    employer: str = ""
    amount: float | None = None
    workers: int | None = None
    head_count: int = 1


class AppealOut(Schema):
    number: str
    channel: str
    category: str
    state: str
    state_label: str
    organisation: str
    pending_org: str | None
    received_on: dt.date
    acceptance_due: dt.date | None
    closing_due: dt.date | None
    replied_on: dt.date | None
    phone: str


def _out(a: Appeal) -> dict:
    return {"number": a.number, "channel": a.channel, "category": a.category, "state": a.state,
            "state_label": a.get_state_display(), "organisation": a.organisation.name,
            "pending_org": a.pending_org.name if a.pending_org_id else None, "received_on": a.received_on,
            "acceptance_due": a.acceptance_due, "closing_due": a.closing_due, "replied_on": a.replied_on,
            "phone": mask_phone(a.phone)}


@router.post("/requests", response={201: AppealOut, 422: ErrorOut}, auth=staff_auth(*STAFF),
             summary="登记诉求 / register a request",
             description="12345 等平台以接口令牌推送诉求，或工作人员登记来信来访。按分办规则分派，首问负责。",
             openapi_extra=json_body(IntakeIn))
def register(request):
    try:  # read here, so hostile JSON and bad fields get the bilingual 422, not ninja's 400
        body = IntakeIn.model_validate(jsoninput.loads(request.body or b"null", "(body)"))
    except ValidationError as exc:
        raise from_pydantic(exc) from None
    if body.channel not in Channel.values:
        raise RulesError.of("channel", f"渠道应为 {'、'.join(Channel.values)}", f"channel must be one of {Channel.values}")
    data = body.dict()
    channel, on = data.pop("channel"), data.pop("received_on") or timezone.localdate()
    calendar.check_date(on, "received_on")  # a day the working-day calendar knows, or a bilingual 422
    fields = validate(data).model_dump()
    return Status(201, _out(services.register(fields, channel=channel, on=on)))


@router.get("/requests/{number}", response=AppealOut, summary="查询办理进度 / track a request",
            description="凭编号和提交时的联系电话查询；电话号码部分隐藏。")
def track(request, number: str, phone: str):
    a = Appeal.objects.select_related("organisation", "pending_org").filter(number=number.upper(), phone=phone).first()
    if a is None:
        raise HttpError(404, "没有找到编号和电话都相符的诉求 / no request with that number and phone")
    return _out(a)


class KpiQuery(Schema):
    start: dt.date
    end: dt.date
    by: str = "channel"


@router.get("/kpi", auth=staff_auth(*STAFF), summary="诉求办理指标 / KPIs",
            description="及时受理率、按时办结率、群众满意率、来信来访答复率，按渠道、设区市、承办单位、类别或月份；"
                        "只含调用者可见范围内的诉求。每项附定义。")
def kpi(request, q: Query[KpiQuery]):
    if q.by not in stats.BREAKDOWNS:
        raise RulesError.of("by", f"分组应为 {'、'.join(stats.BREAKDOWNS)}", f"by must be one of {list(stats.BREAKDOWNS)}")
    today = timezone.localdate()
    qs = stats.period(appeals_for(request.auth), q.start, q.end)

    def fig(f):
        return {"received": f.received, "repeats": f.repeats, "visits_people": f.visits_people,
                **{c: {"numerator": getattr(f, c).numerator, "denominator": getattr(f, c).denominator,
                       "rate": getattr(f, c).rate} for c in ("timely_acceptance", "on_time_completion",
                                                            "satisfaction", "answered")}}

    return {"definitions": {c: d.text for c, d in DEFINITIONS.items()}, "total": fig(stats.totals(qs, today)),
            "by": q.by, "groups": [{"key": str(ln.key), "label": ln.label, **fig(ln.figures)}
                                   for ln in stats.breakdown(qs, q.by, today)]}
