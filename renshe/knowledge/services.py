"""The library as the platform serves it: rows edited in the admin, turned into the pure core's documents.

Published interpretations are searched with the articles. The index is rebuilt when any
document, article or interpretation changes (a stamp of counts and
last-update times is checked on each search, so every worker process sees staff edits).
Before the demo loader has run the database is empty and the corpus files are served.
"""

from __future__ import annotations

import datetime as dt
import threading

from django.db.models import Count, Max, Q

from renshe.knowledge import library, search
from renshe.knowledge.models import LIBRARY_FIELDS, Article, Document, Interpretation

_lock = threading.Lock()
_cache: dict[str, object] = {}


def _stamp() -> tuple:
    """Counts and last-update times: any edit, addition, deletion or (un)publication changes it."""
    published = Count("id", filter=Q(status=Interpretation.PUBLISHED))
    return (
        *(tuple(m.objects.aggregate(n=Count("id"), t=Max("updated")).values()) for m in (Document, Article)),
        tuple(Interpretation.objects.aggregate(n=published, t=Max("updated")).values()),
    )


def _interpretations() -> list[search.Entry]:
    """Published interpretations as search entries (whole texts: ``article`` is None)."""
    out = []
    for i in Interpretation.objects.filter(status=Interpretation.PUBLISHED).select_related("document"):
        out.append(
            search.Entry(
                slug=f"interpretation-{i.pk}",
                document=i.title,
                number="",
                article=None,
                label="政策解读",
                text="\n".join(x for x in (i.summary, i.body) if x),
                valid_from=i.published_on or dt.date.min,
                valid_to=dt.date.max,
                topics=tuple(i.document.topics) if i.document else (),
                current=True,
                url=f"/knowledge/interpretations/{i.pk}/",
            )
        )
    return out


def _as_library(doc: Document, rows: list[Article]) -> library.Document:
    current = [r for r in rows if r.valid_to is None]
    earlier: dict[int, list[library.Version]] = {}
    for r in rows:
        if r.valid_to is not None:
            earlier.setdefault(r.number, []).append(
                library.Version(r.text, r.valid_from or dt.date.min, r.valid_to, r.source, r.verified, r.note)
            )
    articles = tuple(
        library.Article(r.number, r.text, r.chapter, r.title, tuple(earlier.get(r.number, ())))
        for r in current
    )
    fields = {f: getattr(doc, f) for f in LIBRARY_FIELDS}
    fields.update(
        short=doc.short or doc.title,
        topics=tuple(doc.topics),
        amendments=tuple(doc.amendments),
        aliases=tuple(doc.aliases),
    )
    return library.Document(slug=doc.slug, articles=articles, **fields)


def documents() -> dict[str, library.Document]:
    """Every document, from the database when loaded, else from the corpus files."""
    if not Document.objects.exists():
        return library.library()
    rows: dict[int, list[Article]] = {}
    for a in Article.objects.order_by("number", "valid_from"):
        rows.setdefault(a.document_id, []).append(a)
    return {d.slug: _as_library(d, rows.get(d.pk, [])) for d in Document.objects.all()}


def index() -> search.SearchIndex:
    """The search index over what the database holds now (rebuilt only after an edit)."""
    stamp = _stamp()
    with _lock:
        if _cache.get("stamp") != stamp:
            docs, extra = documents(), _interpretations()
            if docs is library.library() and not extra:
                _cache["index"] = search.default_index()
            else:
                _cache["index"] = search.SearchIndex(docs, search.synonyms(), extra)
            _cache["stamp"] = stamp
        return _cache["index"]
