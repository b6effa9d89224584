"""The library as the platform serves it: rows edited in the admin, turned into the pure core's documents.

Published interpretations are searched with the articles. The index is rebuilt when any
document, article or interpretation changes (a stamp of counts and
last-update times is checked on each search, so every worker process sees staff edits).
Before the demo loader has run the database is empty and the corpus files are served.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading

from django.db import DatabaseError
from django.db.models import Count, Max, Q

from renshe.knowledge.core import library, search, semantic
from renshe.knowledge.models import LIBRARY_FIELDS, Article, Document, Interpretation

log = logging.getLogger(__name__)
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
    """Published interpretations as search entries (whole texts: ``article`` is None).

    ``document`` is the full title of the document interpreted (CONTRACTS.md: a hit's document is a
    document title), and the interpretation's own title goes into ``label``: a title such as
    “一次性伤残补助金：伤残等级越高，领取的月数越多” is a sentence, and shown as a document it read
    like a mis-parsed entry (issue 13 §12).
    """
    out = []
    for i in Interpretation.objects.filter(status=Interpretation.PUBLISHED).select_related("document"):
        out.append(
            search.Entry(
                slug=f"interpretation-{i.pk}",
                document=i.document.title if i.document else "政策解读",
                number=i.document.number if i.document else "",
                article=None,
                label=f"政策解读：{i.title}",
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


def _load_documents() -> dict[str, library.Document]:
    """Every document, from the database when loaded, else from the corpus files."""
    if not Document.objects.exists():
        return library.library()
    rows: dict[int, list[Article]] = {}
    for a in Article.objects.order_by("number", "valid_from"):
        rows.setdefault(a.document_id, []).append(a)
    return {d.slug: _as_library(d, rows.get(d.pk, [])) for d in Document.objects.all()}


def _current() -> dict[str, object]:
    """The documents and the search index for what the database holds now.

    Both are built once per process and rebuilt only when the stamp changes (an edit, addition,
    deletion or (un)publication), so a page render or an API call costs three aggregate queries,
    not a reload of every article (issue 13 §12: 41 ms a render before).
    """
    stamp = _stamp()
    with _lock:
        if _cache.get("stamp") != stamp:
            docs, extra = _load_documents(), _interpretations()
            if docs is library.library() and not extra:
                built = search.default_index()
            else:
                built = search.SearchIndex(
                    docs, search.synonyms(), extra, aliases=search.article_aliases(), vectors=semantic.shipped()
                )
            _cache.update(stamp=stamp, documents=docs, index=built)
        return dict(_cache)


def documents() -> dict[str, library.Document]:
    """Every document as the platform serves it (shared with the search index, rebuilt after an edit)."""
    return _current()["documents"]  # type: ignore[return-value]


def index() -> search.SearchIndex:
    """The search index over what the database holds now (rebuilt only after an edit)."""
    return _current()["index"]  # type: ignore[return-value]


def warm() -> None:
    """Build the documents and the index now, at worker start, not on the first search (issue 18 §15).

    A database that is not ready (not migrated yet) only postpones the build to the first search.
    """
    try:
        _current()
    except DatabaseError as exc:
        log.warning("regulation library not warmed at start: %s", exc)
