"""The library as the platform serves it: rows edited in the admin, turned into the pure core's documents.

The search index is rebuilt when any document or article changes (a stamp of counts and
last-update times is checked on each search, so every worker process sees staff edits).
Before the demo loader has run the database is empty and the corpus files are served.
"""

from __future__ import annotations

import datetime as dt
import threading

from django.db.models import Count, Max

from renshe.knowledge import library, search
from renshe.knowledge.models import LIBRARY_FIELDS, Article, Document

_lock = threading.Lock()
_cache: dict[str, object] = {}


def _stamp() -> tuple:
    d = Document.objects.aggregate(n=Count("id"), t=Max("updated"))
    a = Article.objects.aggregate(n=Count("id"), t=Max("updated"))
    return (d["n"], d["t"], a["n"], a["t"])


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
    fields.update(short=doc.short or doc.title, topics=tuple(doc.topics), amendments=tuple(doc.amendments))
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
            docs = documents()
            _cache["index"] = (
                search.default_index()
                if docs is library.library()
                else search.SearchIndex(docs, search.synonyms())
            )
            _cache["stamp"] = stamp
        return _cache["index"]
