"""An audit record as a Chinese reader reads it: who did what, in words, and what changed,
by the field's label with values as the page shows them (no codes, no JSON, no ISO dates).

Used by ``{% audit_history obj %}`` on every workflow object's page and by the admin.
A workflow step's name comes from the object's machine (``obj.machine``); the platform's
other record kinds are named in :data:`ACTIONS`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models

from .models import AuditRecord

#: what the platform's own record kinds mean (workflow steps are named by their machine)
ACTIONS: dict[str, str] = {
    "create": "登记",
    "update": "修改",
    "delete": "删除",
    "dispatch": "交办",
    "escalate": "超期升级督办",
    "evidence": "上传证据",
    "industry_feedback": "行业主管部门反馈",
    "track": "开始计算期限",
    "track_many": "批量开始计算期限",
    "import": "批量导入",
    "close": "期限办结",
    "pause": "暂停计算期限",
    "resume": "恢复计算期限",
    "extend": "依法延长期限",
    "recompute": "放假安排变化，重新计算期限",
    "queued": "提交",
    "deleted": "删除",
    "expired": "保留期满，删除",
}
#: bookkeeping fields no reader needs in a history
HIDDEN = {"id", "updated_at", "created_at", "closed_at", "heartbeat_at"}
EMPTY = "（空）"


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


def action_label(model: type[models.Model] | None, action: str) -> str:
    machine = getattr(model, "machine", None)
    if machine is not None:
        for t in machine.transitions:
            if t.action == action:
                return t.label
    return ACTIONS.get(action, action)


def _date(value: str) -> str:
    try:
        d = dt.date.fromisoformat(value[:10])
    except (TypeError, ValueError):
        return str(value)
    return f"{d.year}年{d.month}月{d.day}日"


def _plain(value: Any) -> str:
    """A JSON value in words: lists joined, a pause as its span, an indicator by its title."""
    if value in (None, "", [], {}):
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(_plain(v) for v in value)
    if isinstance(value, dict):
        if "from" in value and "to" in value:  # a clock's pause
            span = f"{_date(value['from'])}至{_date(value['to']) if value['to'] else '今'}"
            return span + (f"（{value['reason']}）" if value.get("reason") else "")
        if "title" in value:
            return str(value["title"])
        return "；".join(f"{k}：{_plain(v)}" for k, v in value.items())
    return str(value)


def field_value(field: models.Field | None, value: Any) -> str:
    """``value`` (as stored in the record) the way the field shows it on a page."""
    if value is None or value == "":
        return EMPTY
    if field is None:
        return _plain(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        obj = field.related_model._default_manager.filter(pk=value).first()
        return str(obj) if obj is not None else f"（已删除，编号{value}）"
    if isinstance(field, models.DateTimeField):
        return _date(str(value)) + (f" {str(value)[11:16]}" if len(str(value)) > 10 else "")
    if isinstance(field, models.DateField):
        return _date(str(value))
    if isinstance(field, models.BooleanField):
        return "是" if value else "否"
    if isinstance(field, models.DecimalField):
        return f"{float(value):,.2f}"
    return _plain(value)


def changes(model: type[models.Model] | None, before: dict | None, after: dict | None) -> list[Change]:
    """Each changed field by its label, values in words; bookkeeping fields left out."""
    before, after = before or {}, after or {}
    fields = {f.attname: f for f in model._meta.concrete_fields} if model else {}
    m2m = {f.name: f for f in model._meta.many_to_many} if model else {}
    out = []
    for key in sorted(before.keys() | after.keys()):
        if key in HIDDEN:
            continue
        field = fields.get(key)
        label = str((field or m2m.get(key)).verbose_name) if (field or m2m.get(key)) else key
        b, a = field_value(field, before.get(key)), field_value(field, after.get(key))
        if b != a:
            out.append(Change(label, b, a))
    return out


@dataclass(frozen=True)
class Entry:
    record: AuditRecord
    who: str
    what: str
    note: str
    changes: list[Change]

    @property
    def sentence(self) -> str:
        """「2025年10月9日 14:03，张三签收。」 with the note after it."""
        at = self.record.at.astimezone() if self.record.at.tzinfo else self.record.at
        head = f"{at.year}年{at.month}月{at.day}日 {at:%H:%M}，{self.who}{self.what}"
        return head + (f"：{self.note}" if self.note else "") + ("" if (self.note or head).endswith("。") else "。")


def entry(rec: AuditRecord) -> Entry:
    model = rec.content_type.model_class()
    who = (rec.actor.get_full_name() or rec.actor.username) if rec.actor else "系统"
    return Entry(record=rec, who=who, what=action_label(model, rec.action), note=rec.note,
                 changes=changes(model, rec.before, rec.after))
