"""The regulation library: documents and their articles, verbatim, with dates (pure core, no Django).

Each document is ``corpus/<slug>.yaml`` (metadata: title, number, issuer, dates, status,
source) with its text either in ``corpus/<slug>.md`` (the official text, articles as
“第N条 …” paragraphs, as in ../shared/laws) or inline under ``articles`` where only part of
a document could be verified. An amended article keeps its earlier wording under
``versions`` with the dates it applied, so a question about a past date gets the law of
that date (e.g. 劳动合同法 art. 57 before the 2012 amendment took effect on 2013-07-01).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

CORPUS_DIR = Path(__file__).parents[1] / "corpus"

STATUSES = {"in_force": "现行有效", "amended": "已被修改", "repealed": "已废止", "not_yet": "尚未施行"}

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_ARTICLE = re.compile(r"^第([零〇一二三四五六七八九十百千]+)条[\s\u3000]*(.*)$")
_SECTION = re.compile(r"^##\s*([零〇一二三四五六七八九十百千]+)(?:、\s*(.*))?$")
_HEADING = re.compile(r"^#{2,4}\s*(.+?)\s*$")


def cn_number(text: str) -> int:
    """Chinese numerals as used in article numbers → int: 第一百零二条 → 102, 第十条 → 10."""
    if not text or any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        raise ValueError(f"不是中文数字 / not a Chinese numeral: {text!r}")
    total, digit = 0, 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (digit or 1) * _UNITS[ch]
            digit = 0
    return total + digit


def article_number(citation: str) -> int | None:
    """The article a citation names: “第四十七条第二款” → 47, “47” → 47; None if it names none."""
    citation = (citation or "").strip()
    if citation.isdigit():
        return int(citation)
    m = re.match(r"第([零〇一二三四五六七八九十百千]+)条", citation) or re.match(
        r"([零〇一二三四五六七八九十百千]+)(?:、|$)", citation
    )  # “第四十七条第二款”, or a notice's numbered point “二、”
    return cn_number(m.group(1)) if m else None


def cn_numeral(n: int) -> str:
    """int → Chinese numeral for labels: 102 → 一百零二, 10 → 十, 15 → 十五."""
    if not 0 < n < 10000:
        raise ValueError(f"article number out of range: {n}")
    names = "零一二三四五六七八九"
    parts, zero = [], False
    for unit, label in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, unit)
        if d:
            if zero:
                parts.append("零")
            parts.append(("" if (label == "十" and d == 1 and not parts) else names[d]) + label)
            zero = False
        elif parts:
            zero = True
    return "".join(parts)


@dataclass(frozen=True)
class Version:
    """Wording an article had before an amendment, and the dates it applied."""

    text: str
    valid_from: dt.date
    valid_to: dt.date
    source: str
    verified: bool
    note: str = ""


@dataclass(frozen=True)
class Article:
    """One article: its number, chapter, current text and earlier wordings."""

    number: int
    text: str
    chapter: str = ""
    title: str = ""
    versions: tuple[Version, ...] = ()

    def label(self, style: str = "article") -> str:
        if style == "item":
            return f"{cn_numeral(self.number)}、"
        return f"第{cn_numeral(self.number)}条"

    def text_on(self, day: dt.date) -> str | None:
        """The wording in force on ``day`` (None if an earlier wording is unknown)."""
        for v in self.versions:
            if v.valid_from <= day <= v.valid_to:
                return v.text
        return self.text


@dataclass(frozen=True)
class Document:
    """A law, regulation or policy document with its metadata and articles."""

    slug: str
    title: str
    short: str
    kind: str
    number: str
    issuer: str
    adopted: dt.date | None
    promulgated: dt.date | None
    effective: dt.date | None
    status: str
    topics: tuple[str, ...]
    amendments: tuple[dict, ...]
    source: dict
    articles: tuple[Article, ...]
    style: str = "article"
    preamble: str = ""
    repealed: dt.date | None = None
    missing: str = ""
    region: str = "national"
    current_from: dt.date | None = None
    aliases: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)

    def named(self, key: str) -> bool:
        """Whether ``key`` names this document: slug, full title, short name or an alias."""
        return key in (self.slug, self.title, self.short, *self.aliases)

    def article(self, number: int) -> Article | None:
        for a in self.articles:
            if a.number == number:
                return a
        return None

    def in_force_on(self, day: dt.date) -> bool:
        if self.effective is None:  # dates not verified: never claimed to be in force
            return False
        return self.effective <= day and (self.repealed is None or day < self.repealed)

    @property
    def status_zh(self) -> str:
        return STATUSES[self.status]


def parse_markdown(text: str, style: str = "article") -> tuple[str, list[Article]]:
    """Split an official text into (preamble, articles), keeping every paragraph verbatim.

    ``style="article"``: articles start at lines “第N条 …”, chapters are ``##`` headings.
    ``style="item"``: a notice whose numbered points are ``## 一、标题`` headings.
    """
    body = text.split("<!-- INFO END -->", 1)[-1]
    preamble: list[str] = []
    articles: list[dict] = []
    chapter = ""
    for raw in body.splitlines():
        line = raw.strip().strip("\u3000\u200b").strip()
        if not line:
            continue
        if style == "item" and (m := _SECTION.match(line)):
            articles.append({"number": cn_number(m.group(1)), "title": m.group(2) or "", "lines": []})
            continue
        if m := _HEADING.match(line):
            chapter = m.group(1)
            continue
        if style == "article" and (m := _ARTICLE.match(line)):
            articles.append({"number": cn_number(m.group(1)), "chapter": chapter, "lines": [m.group(2)]})
            continue
        (articles[-1]["lines"] if articles else preamble).append(line)
    out = [
        Article(
            number=a["number"],
            text="\n".join(x for x in a["lines"] if x),
            chapter=a.get("chapter", ""),
            title=a.get("title", ""),
        )
        for a in articles
    ]
    return "\n".join(preamble), out


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _versions(meta: dict) -> dict[int, tuple[Version, ...]]:
    found: dict[int, list[Version]] = {}
    for v in meta.get("versions") or []:
        found.setdefault(int(v["article"]), []).append(
            Version(
                text=v["text"].strip(),
                valid_from=_date(v["from"]),
                valid_to=_date(v["to"]),
                source=v["source"],
                verified=bool(v["verified"]),
                note=v.get("note", ""),
            )
        )
    return {k: tuple(vs) for k, vs in found.items()}


def load_document(path: Path) -> Document:
    """Read one ``<slug>.yaml`` (and its ``.md`` text when it names one)."""
    meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    style = meta.get("style", "article")
    preamble = ""
    if meta.get("text_file"):
        preamble, articles = parse_markdown(
            (path.parent / meta["text_file"]).read_text(encoding="utf-8"), style
        )
    else:
        articles = [
            Article(
                number=int(a["number"]),
                text=a["text"].strip(),
                chapter=a.get("chapter", ""),
                title=a.get("title", ""),
            )
            for a in meta.get("articles") or []
        ]
    versions = _versions(meta)
    articles = [Article(a.number, a.text, a.chapter, a.title, versions.get(a.number, ())) for a in articles]
    known = {
        "slug",
        "title",
        "short",
        "kind",
        "number",
        "issuer",
        "adopted",
        "promulgated",
        "effective",
        "status",
        "topics",
        "amendments",
        "source",
        "text_file",
        "articles",
        "versions",
        "style",
        "repealed",
        "missing",
        "region",
        "current_from",
        "aliases",
    }
    return Document(
        slug=path.stem,
        title=meta["title"],
        short=meta.get("short") or meta["title"],
        kind=meta["kind"],
        number=meta.get("number") or "",
        issuer=meta["issuer"],
        adopted=_date(meta.get("adopted")),
        promulgated=_date(meta.get("promulgated")),
        effective=_date(meta.get("effective")),
        status=meta["status"],
        topics=tuple(meta.get("topics") or ()),
        amendments=tuple(
            {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in m.items()}
            for m in meta.get("amendments") or ()
        ),
        source=meta["source"],
        articles=tuple(articles),
        style=style,
        preamble=preamble,
        repealed=_date(meta.get("repealed")),
        missing=meta.get("missing", ""),
        region=meta.get("region", "national"),
        current_from=_date(meta.get("current_from")),
        aliases=tuple(meta.get("aliases") or ()),
        extra={k: v for k, v in meta.items() if k not in known},
    )


@lru_cache(maxsize=1)
def library() -> dict[str, Document]:
    """Every document of the corpus by slug (read once per process)."""
    return {p.stem: load_document(p) for p in sorted(CORPUS_DIR.glob("*.yaml"))}


def find(title_or_slug: str) -> Document | None:
    """A document by slug, full title or short name (the form calculators cite)."""
    return next((d for d in library().values() if d.named(title_or_slug)), None)
