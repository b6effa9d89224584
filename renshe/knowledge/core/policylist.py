"""适用政策清单: the duties, rights and benefits that apply to a person or an enterprise (pure core).

The matching rules are data (``policy_rules.yaml``): each names the tags and fields that
make it apply, the article it rests on, why it applies and what to do next. Every rule's
article must exist in the corpus (checked on load), so a list never cites an article the
library cannot show.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from renshe.knowledge.core.library import library
from renshe.rules import dates, regions
from renshe.rules.fields import RegionCode

RULES_FILE = Path(__file__).parents[1] / "policy_rules.yaml"
_OPS = {
    "lt": lambda a, b: a < b,
    "lte": lambda a, b: a <= b,
    "gt": lambda a, b: a > b,
    "gte": lambda a, b: a >= b,
}


@lru_cache(maxsize=1)
def rulebook() -> dict[str, Any]:
    """The rules file, with every cited article checked against the corpus."""
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    docs = library()
    for i, rule in enumerate(data["rules"]):
        doc = docs.get(rule["document"])
        if doc is None or doc.article(int(rule["article"])) is None:
            raise ValueError(
                f"policy rule {i}: {rule['document']} art. {rule['article']} is not in the corpus"
            )
    return data


class Profile(BaseModel):
    """Who the list is for. Unknown extra fields are accepted and ignored (more may refine later)."""

    model_config = ConfigDict(extra="allow")

    kind: Literal["person", "enterprise"] = Field(title="对象", description="person 个人；enterprise 企业")
    region: RegionCode = "fujian"
    tags: list[str] = Field(default_factory=list, title="情形", description="见 CONTRACTS.md 的标签")
    as_of: dt.date | None = Field(None, title="日期", description="按该日有效的法律列出，默认今天")
    pregnant: bool | None = Field(None, title="在孕期、产期或哺乳期")
    employer_insured: bool | None = Field(None, title="单位已为本人参加工伤保险")
    contribution_years: float | None = Field(None, ge=0, title="已累计缴纳养老保险年数")
    dispatch: bool | None = Field(None, title="经营或拟经营劳务派遣业务")
    job_agency: bool | None = Field(None, title="从事职业中介活动")

    @field_validator("tags")
    @classmethod
    def _known_tags(cls, tags: list[str], info: ValidationInfo) -> list[str]:
        if not tags:
            raise ValueError("请至少选择一种情形 / choose at least one tag")
        kind = info.data.get("kind")
        if kind is None:  # kind itself is wrong; pydantic reports that
            return tags
        known = rulebook()["tags"][kind]
        unknown = [t for t in tags if t not in known]
        if unknown:
            raise ValueError(
                f"不认识的情形标签：{'、'.join(unknown)}；可用：{'、'.join(known)} / "
                f"unknown tags for {kind}: {', '.join(unknown)}; known: {', '.join(known)}"
            )
        return list(dict.fromkeys(tags))


@dataclass(frozen=True)
class Item:
    document: str
    number: str
    slug: str
    article: int
    label: str
    title: str
    why: str
    next_step: dict
    matched: tuple[str, ...]
    text: str

    def as_dict(self) -> dict:
        return {
            "document": self.document,
            "number": self.number or None,
            "article": self.article,
            "label": self.label,
            "slug": self.slug,
            "title": self.title,
            "why": self.why,
            "next_step": self.next_step,
            "matched": list(self.matched),
            "text": self.text,
        }


def parse(payload: Any) -> Profile:
    """A profile from JSON-like input; bad input is a bilingual RulesError naming the field."""
    return dates.validated(Profile, payload)


def _applies(when: dict, p: Profile) -> tuple[str, ...] | None:
    """The tags that made a rule apply, or None when it does not."""
    if when.get("kind") and when["kind"] != p.kind:
        return None
    tags = set(p.tags)
    if when.get("all") and not set(when["all"]) <= tags:
        return None
    hit = tuple(t for t in (when.get("any") or when.get("all") or []) if t in tags)
    if when.get("any") and not hit:
        return None
    for name, cond in (when.get("fields") or {}).items():
        value = getattr(p, name, None)
        if isinstance(cond, dict):
            if value is None or not all(_OPS[op](value, bound) for op, bound in cond.items()):
                return None
        elif value != cond:
            return None
    if when.get("region") and when["region"] not in regions.chain(p.region):
        return None
    return hit


def policy_list(payload: Any) -> dict:
    """``{"items": [...]}``: every rule that applies, in the order of the rules file, one per article."""
    p = parse(payload)
    day = p.as_of or dt.date.today()
    docs = library()
    items: dict[tuple[str, int], Item] = {}
    for rule in rulebook()["rules"]:
        matched = _applies(rule["when"], p)
        doc = docs[rule["document"]]
        if matched is None or not doc.in_force_on(day):
            continue
        key = (doc.slug, int(rule["article"]))
        if key in items:
            old = items[key]
            items[key] = Item(**{**old.__dict__, "matched": tuple(dict.fromkeys(old.matched + matched))})
            continue
        art = doc.article(int(rule["article"]))
        items[key] = Item(
            document=doc.title,
            number=doc.number,
            slug=doc.slug,
            article=art.number,
            label=art.label(doc.style),
            title=rule["title"],
            why=rule["why"],
            next_step=dict(rule["next_step"]),
            matched=matched,
            text=art.text_on(day) or art.text,
        )
    labels = rulebook()["tags"][p.kind]
    return {
        "kind": p.kind,
        "region": p.region,
        "region_name": regions.name_of(p.region),
        "as_of": day.isoformat(),
        "tags": [{"tag": t, "label": labels[t]} for t in p.tags],
        "items": [i.as_dict() for i in items.values()],
    }
