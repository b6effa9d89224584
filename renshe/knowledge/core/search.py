"""云普法 search over the regulation library: BM25 over words and characters, plus meaning (pure core).

Why BM25 over articles: an article is the unit a worker or a mediator cites, and BM25
(Robertson & Zaragoza 2009) ranks short legal texts well with no training data. People
ask in their own words (“公司不签合同怎么办”), so the query is expanded with the legal
terms of ``synonyms.yaml`` (→ 书面劳动合同, 二倍工资) before ranking, a character-level BM25
catches what segmentation splits differently, and a sentence-embedding model
(:mod:`.semantic`) adds how close the question's meaning is to each article's. Every article
wording is an entry with the dates it applied, so ``on`` picks the law of that day.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba
import numpy as np
import yaml

from renshe.knowledge.core import semantic
from renshe.knowledge.core.library import Document, cn_number, library
from renshe.rules.errors import RulesError

SYNONYMS_FILE = Path(__file__).parents[1] / "synonyms.yaml"
ALIASES_FILE = Path(__file__).parents[1] / "article_aliases.yaml"
K1, B = 1.2, 0.75
#: the document's short title counts as this many extra occurrences of its words in every article
TITLE_WEIGHT = 1
#: a question naming the article number (“劳动合同法第八十二条”) multiplies that article's score
ARTICLE_HINT_BOOST = 3.0
#: the statute that states a rule outranks, at equal wording, the texts that refine it: judicial
#: interpretations and departmental rules/notices are weighted down slightly (法律/行政法规 = 1)
KIND_PRIOR = {"judicial_interpretation": 0.85, "rule": 0.9, "notice": 0.9}
#: a legal term a colloquial word implies weighs this much against the user's own words (1.0)
EXPANSION_WEIGHT = 0.7
#: Share of the character-level BM25 in the fused score (issue 17 §4). People's own words seldom
#: segment like the statute's, but they share characters and character pairs with it (“辞了” /
#: “辞退”, “派遣工” / “被派遣劳动者”): a plain BM25 over single characters and pairs, with no
#: synonyms, finds questions the word-level search misses and the other way round, so the two
#: normalised scores are added. Tuned on questions_tuning.yaml only.
CHAR_WEIGHT = 0.3
#: a single character counts this much against a character pair in the character-level BM25
UNIGRAM_WEIGHT = 0.3
#: Share of the model's similarity (:mod:`.semantic`) in the final score, against BM25's (issue 17
#: §4). Chosen on questions_tuning.yaml and questions.yaml only, among 0.3–0.6 (bench/search.py
#: ``--tune`` prints the grid).
SEMANTIC_WEIGHT = 0.5
#: e5's cosine similarities crowd between about 0.75 (unrelated) and 0.95 (the same question), so
#: the part above this floor is what counts, scaled to the best entry's. Chosen with the weight.
SEMANTIC_FLOOR = 0.85
#: a clause shorter than this is joined to the next before it is embedded on its own
MIN_CLAUSE = 20
_CLAUSE_END = re.compile(r"(?<=[。；])|\n")
_CN_DIGITS = frozenset("零〇一二三四五六七八九十百千万两")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+|[a-z0-9]+")
_MAX_DAY = dt.date.max.toordinal()
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)
_ARTICLE_HINT = re.compile(r"第([零〇一二三四五六七八九十百千\d]+)条")
#: cross-references (本法第三十八条第一款第二项) and bare numbers carry no meaning for a question
_NOISE = re.compile(
    r"(本法|本条例|本规定|本办法|本解释)?(第[零〇一二三四五六七八九十百千\d]+[条款项章节](之[一二三四五六七八九十])?)+|[（(][一二三四五六七八九十]+[)）]|\d+(\.\d+)?%?"
)


@dataclass(frozen=True)
class Entry:
    """One article wording in the index, with the dates it applied."""

    slug: str
    document: str
    number: str
    article: int | None
    label: str
    text: str
    valid_from: dt.date
    valid_to: dt.date
    topics: tuple[str, ...]
    current: bool
    url: str = ""


@dataclass(frozen=True)
class Hit:
    """A ranked result: the CONTRACTS.md fields plus what a page needs to show it."""

    document: str
    number: str
    article: int | None
    text: str
    score: float
    slug: str
    label: str
    highlight: str
    valid_from: dt.date
    valid_to: dt.date | None
    url: str

    def as_dict(self) -> dict:
        return {
            "document": self.document,
            "number": self.number or None,
            "article": self.article,
            "text": self.text,
            "score": round(self.score, 4),
            "slug": self.slug,
            "label": self.label,
            "highlight": self.highlight,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "url": self.url,
        }


class Analyzer:
    """Chinese segmentation (jieba, search mode) with legal terms kept whole and stopwords dropped."""

    def __init__(self, extra_words: list[str], stopwords: list[str]) -> None:
        jieba.setLogLevel(logging.WARNING)  # no "Building prefix dict" chatter on stderr
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()
        for w in extra_words:
            self._jieba.add_word(w, freq=20000)
        self.stopwords = frozenset(stopwords)

    def tokens(self, text: str, whole: bool = False) -> list[str]:
        """Index/query tokens; ``whole`` keeps compound terms whole (for expansions)."""
        text = _NOISE.sub(" ", text)
        out = []
        words = self._jieba.cut(text) if whole else self._jieba.cut_for_search(text)
        for tok in words:
            tok = tok.strip().lower()
            if len(tok) > 1 and tok not in self.stopwords and not _PUNCT.fullmatch(tok):
                out.append(tok)
        return _drop_number_fragments(out)


def _drop_number_fragments(tokens: list[str]) -> list[str]:
    """Numbers mean nothing without their unit: “十五岁” must not match “十五年” (issue 17 §4).

    Search-mode segmentation also yields the bare numeral (十五) and the tail of the number with
    its unit (五岁, 五年); both are dropped when the whole number-with-unit (十五岁) is a token.
    """
    whole = [t for t in tokens if t[0] in _CN_DIGITS and not set(t) <= _CN_DIGITS]
    return [
        t
        for t in tokens
        if not set(t) <= _CN_DIGITS
        and not (t[0] in _CN_DIGITS and any(len(w) > len(t) and t in w for w in whole))
    ]


def char_tokens(text: str, stop_chars: frozenset[str]) -> list[str]:
    """Single characters (minus stopword characters) and character pairs of ``text``.

    Cross-references and numbers are dropped first (as for words), and a pair made only of
    numerals (十五) is skipped, so “十五岁” and “十五年” share nothing but the numeral.
    """
    out: list[str] = []
    for run in _CJK_RUN.findall(_NOISE.sub(" ", text.lower())):
        out.extend(ch for ch in run if ch not in stop_chars)
        out.extend(
            run[i : i + 2]
            for i in range(len(run) - 1)
            if not (run[i] in _CN_DIGITS and run[i + 1] in _CN_DIGITS)
        )
    return out


def _bm25(token_lists: list[list[str]], weight_of) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """BM25 postings (entry indices, weights) per term over ``token_lists``; ``weight_of(term)`` scales a term."""
    postings: dict[str, dict[int, int]] = {}
    lengths = np.zeros(len(token_lists), dtype=np.float64)
    for i, toks in enumerate(token_lists):
        lengths[i] = len(toks)
        for t in toks:
            row = postings.setdefault(t, {})
            row[i] = row.get(i, 0) + 1
    n, avgdl = len(token_lists), float(lengths.mean()) if len(lengths) else 1.0
    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for term, tf_map in postings.items():
        idx = np.fromiter(tf_map.keys(), dtype=np.int64, count=len(tf_map))
        tf = np.fromiter(tf_map.values(), dtype=np.float64, count=len(tf_map))
        idf = np.log(1 + (n - len(idx) + 0.5) / (len(idx) + 0.5))
        w = weight_of(term) * idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[idx] / avgdl))
        out[term] = (idx, w)
    return out


def _entries(docs: dict[str, Document]) -> list[Entry]:
    entries: list[Entry] = []
    for d in docs.values():
        start = d.current_from or d.effective or dt.date.min
        end = d.repealed - dt.timedelta(days=1) if d.repealed else dt.date.max
        for a in d.articles:
            common = {
                "slug": d.slug,
                "document": d.title,
                "number": d.number,
                "article": a.number,
                "label": a.label(d.style),
                "topics": d.topics,
                "url": f"/knowledge/doc/{d.slug}/{a.number}/",
            }
            entries.append(Entry(text=a.text, valid_from=start, valid_to=end, current=True, **common))
            for v in a.versions:
                entries.append(
                    Entry(text=v.text, valid_from=v.valid_from, valid_to=v.valid_to, current=False, **common)
                )
    return entries


def clauses(text: str) -> list[str]:
    """The sentences and 项 of an article (split after 。 and ；), short ones joined to the next.

    A long article averages its 项 into one vector, so a question about one of them (“医疗期满”
    in 劳动合同法第四十条) is closer to that 项 alone; an article of one clause gives none.
    """
    out, buf = [], ""
    for part in (p.strip() for p in _CLAUSE_END.split(text)):
        buf += part
        if len(buf) >= MIN_CLAUSE:
            out.append(buf)
            buf = ""
    if buf and out:
        out[-1] += buf
    return out if len(out) > 1 else []


def meaning_texts(entry: Entry, short: str, phrases: Sequence[str]) -> list[str]:
    """What the model embeds for an entry: the whole wording, each of its clauses (both headed by
    the document's short title and the article), and each 常见问法 phrase of the article."""
    head = f"{short} {entry.label}："
    return [head + entry.text, *(head + c for c in clauses(entry.text)), *phrases]


def _meaning_texts(
    entries: Sequence[Entry], shorts: dict[str, str], aliases: dict[str, dict[int, list[str]]]
) -> list[list[str]]:
    phrases = {(slug, int(n)): p for slug, arts in aliases.items() for n, p in arts.items()}
    return [
        meaning_texts(e, shorts.get(e.slug, e.document), phrases.get((e.slug, e.article), []))
        for e in entries
    ]


def corpus_meaning_texts() -> list[str]:
    """Every text the default index embeds, once each (what ``renshe knowledge embed`` ships)."""
    docs = library()
    per_entry = _meaning_texts(_entries(docs), {d.slug: d.short for d in docs.values()}, article_aliases())
    return list(dict.fromkeys(t for ts in per_entry for t in ts))


class SearchIndex:
    """BM25 postings as numpy arrays: one (entries, weights) pair per term, scored by addition."""

    def __init__(
        self,
        docs: dict[str, Document],
        synonyms: dict,
        extra: Sequence[Entry] = (),
        aliases: dict[str, dict[int, list[str]]] | None = None,
        vectors: semantic.VectorStore | None = None,
    ) -> None:
        """Index every article wording of ``docs``, plus ``extra`` entries (e.g. published interpretations).

        ``aliases`` (slug → article → phrases, :func:`article_aliases`) are the ways people ask
        what an article answers; they are indexed with every wording of that article. With
        ``vectors`` (the shipped embeddings), the model's similarity is part of the score.
        """
        self.analyzer = Analyzer(synonyms.get("extra_words", []), synonyms.get("stopwords", []))
        self.phrases: dict[str, list[str]] = synonyms.get("phrases", {})
        self.words: dict[str, list[str]] = synonyms.get("words", {})
        self.docs = docs
        self.entries = _entries(docs) + list(extra)
        short_tokens = {d.slug: self.analyzer.tokens(d.short) for d in docs.values()}
        asked = {
            (slug, int(n)): "；".join(phrases)
            for slug, arts in (aliases or {}).items()
            for n, phrases in arts.items()
        }
        said = [asked.get((e.slug, e.article), "") for e in self.entries]
        self.postings = _bm25(
            [
                self.analyzer.tokens(e.text)
                + short_tokens.get(e.slug, self.analyzer.tokens(e.document)) * TITLE_WEIGHT
                + self.analyzer.tokens(extra_text)
                for e, extra_text in zip(self.entries, said, strict=True)
            ],
            lambda term: 1.0,
        )
        self.stop_chars = frozenset(w for w in self.analyzer.stopwords if len(w) == 1)
        shorts = {d.slug: d.short for d in docs.values()}
        self.char_postings = _bm25(
            [
                char_tokens(f"{e.text} {shorts.get(e.slug, e.document)} {extra_text}", self.stop_chars)
                for e, extra_text in zip(self.entries, said, strict=True)
            ],
            lambda term: UNIGRAM_WEIGHT if len(term) == 1 else 1.0,
        )
        self.char_weight = CHAR_WEIGHT
        self.semantic_weight = 0.0
        if vectors is not None:
            per_entry = _meaning_texts(self.entries, shorts, aliases or {})
            texts = list(dict.fromkeys(t for ts in per_entry for t in ts))
            row = {t: i for i, t in enumerate(texts)}
            self.meaning_vectors = vectors.matrix(texts)
            # each entry's texts, entry after entry: an entry's similarity is the best of its texts'
            self.meaning_text = np.array([row[t] for ts in per_entry for t in ts], dtype=np.int64)
            self.meaning_start = np.cumsum([0] + [len(ts) for ts in per_entry[:-1]], dtype=np.int64)
            self.semantic_weight = SEMANTIC_WEIGHT
        self.semantic_floor = SEMANTIC_FLOOR
        self.valid_from = np.array([e.valid_from.toordinal() for e in self.entries], dtype=np.int64)
        self.valid_to = np.array(
            [min(e.valid_to.toordinal(), _MAX_DAY) for e in self.entries], dtype=np.int64
        )
        self.prior = np.array(
            [KIND_PRIOR.get(docs[e.slug].kind, 1.0) if e.slug in docs else 1.0 for e in self.entries]
        )
        self.numbers = np.array([e.article or 0 for e in self.entries], dtype=np.int64)
        self.slugs = np.array([e.slug for e in self.entries])
        self.topic_masks = {
            t: np.array([t in e.topics for e in self.entries]) for d in docs.values() for t in d.topics
        }

    def expand(self, query: str) -> dict[str, float]:
        """Query terms with weights: the user's own words count 1, legal terms they imply EXPANSION_WEIGHT."""
        terms: dict[str, float] = {}
        for t in self.analyzer.tokens(query):
            terms[t] = terms.get(t, 0.0) + 1.0
            for syn in self.words.get(t, []):
                for s in self.analyzer.tokens(syn, whole=True):
                    terms.setdefault(s, EXPANSION_WEIGHT)
        for phrase, legal in self.phrases.items():
            if phrase in query:
                for syn in legal:
                    for s in self.analyzer.tokens(syn, whole=True):
                        terms[s] = max(terms.get(s, 0.0), EXPANSION_WEIGHT)
        return terms

    def search(
        self,
        query: str,
        *,
        limit: int = 10,
        on: dt.date | None = None,
        document: str | None = None,
        topic: str | None = None,
    ) -> list[Hit]:
        """Rank the article wordings in force on ``on`` (default today) for ``query``."""
        terms = self.expand(query)
        scores = self._fused(terms, query)
        scores *= self.prior
        day = (on or dt.date.today()).toordinal()
        mask = (self.valid_from <= day) & (day <= self.valid_to)
        if document:
            doc = self.find_document(document)
            mask &= self.slugs == (doc.slug if doc else "")
        if topic:
            mask &= self.topic_masks.get(topic, np.zeros(len(self.entries), dtype=bool))
        for m in _ARTICLE_HINT.finditer(query):
            raw = m.group(1)
            num = int(raw) if raw.isdigit() else cn_number(raw)
            scores[self.numbers == num] *= ARTICLE_HINT_BOOST
        scores = np.where(mask & (scores > 0), scores, 0.0)
        k = min(limit, int((scores > 0).sum()))
        if k <= 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        marks = sorted(
            {t for t in terms if len(t) > 1 or t not in self.analyzer.stopwords}, key=len, reverse=True
        )
        return [self._hit(int(i), float(scores[i]), marks) for i in top]

    def _fused(self, terms: dict[str, float], query: str) -> np.ndarray:
        """Word-level BM25 (with the synonym expansion) and character-level BM25, each scaled to its best."""
        word = np.zeros(len(self.entries), dtype=np.float64)
        for term, qw in terms.items():
            if term in self.postings:
                idx, w = self.postings[term]
                word[idx] += qw * w
        if self.char_weight <= 0:
            return word
        chars = np.zeros(len(self.entries), dtype=np.float64)
        for term in char_tokens(query, self.stop_chars):
            if term in self.char_postings:
                idx, w = self.char_postings[term]
                chars[idx] += w
        top_w, top_c = word.max(initial=0.0), chars.max(initial=0.0)
        fused = (1 - self.char_weight) * (word / top_w if top_w > 0 else word)
        fused += self.char_weight * (chars / top_c if top_c > 0 else chars)
        if self.semantic_weight <= 0 or fused.max(initial=0.0) <= 0:
            # the model always finds a nearest article, even for “zzqqxx”: meaning ranks what a
            # question shares words or characters with, and a question sharing none finds nothing
            return fused
        return (1 - self.semantic_weight) * fused + self.semantic_weight * self.meaning(query)

    def meaning(self, query: str) -> np.ndarray:
        """Each entry's closeness in meaning to ``query``: the best similarity of its texts above
        :data:`SEMANTIC_FLOOR`, scaled so the closest entry scores 1."""
        sims = self.meaning_vectors @ semantic.encoder().query(query)
        floor = self.semantic_floor
        best = np.maximum(np.maximum.reduceat(sims[self.meaning_text], self.meaning_start), floor)
        best = best.astype(np.float64) - floor
        top = best.max(initial=0.0)
        return best / top if top > 0 else best

    def variant(
        self, *, char_weight: float, semantic_weight: float | None = None, semantic_floor: float | None = None
    ) -> SearchIndex:
        """The same index with other shares of the character-level score and of meaning (for the
        benchmark's baselines and its ``--tune`` grid)."""
        other = copy.copy(self)
        other.char_weight = char_weight
        if semantic_weight is not None:
            other.semantic_weight = semantic_weight
        if semantic_floor is not None:
            other.semantic_floor = semantic_floor
        return other

    def find_document(self, key: str) -> Document | None:
        return next((d for d in self.docs.values() if d.named(key)), None)

    def _hit(self, i: int, score: float, marks: list[str]) -> Hit:
        e = self.entries[i]
        return Hit(
            document=e.document,
            number=e.number,
            article=e.article,
            text=e.text,
            score=score,
            slug=e.slug,
            label=e.label,
            highlight=highlight(e.text, marks),
            valid_from=e.valid_from,
            valid_to=None if e.valid_to == dt.date.max else e.valid_to,
            url=e.url,
        )


def highlight(text: str, terms: list[str]) -> str:
    """HTML-escaped ``text`` with every occurrence of ``terms`` wrapped in <mark>."""
    terms = [t for t in terms if t.strip()]
    if not terms:
        return html.escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    out, pos = [], 0
    for m in pattern.finditer(text):
        out.append(html.escape(text[pos : m.start()]))
        out.append(f"<mark>{html.escape(m.group(0))}</mark>")
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


@lru_cache(maxsize=1)
def synonyms() -> dict:
    """The colloquial → legal mapping, stopwords and legal terms of ``synonyms.yaml``."""
    return yaml.safe_load(SYNONYMS_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def article_aliases() -> dict[str, dict[int, list[str]]]:
    """How people ask what each article answers (``article_aliases.yaml``), by slug and article."""
    return yaml.safe_load(ALIASES_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def default_index() -> SearchIndex:
    """The index over the corpus files with the shipped embeddings (built once per process, a second or two)."""
    return SearchIndex(library(), synonyms(), aliases=article_aliases(), vectors=semantic.shipped())


MAX_LIMIT = 100
MAX_QUERY = 200


def run_query(
    query: str,
    *,
    limit: int = 10,
    on: dt.date | None = None,
    document: str | None = None,
    topic: str | None = None,
    index: SearchIndex | None = None,
) -> list[Hit]:
    """Check the request (bilingual errors naming the field), then search ``index`` (default: the corpus)."""
    query = (query or "").strip()
    if not query:
        raise RulesError.of("q", "请输入要查询的问题或关键词", "the query is empty")
    if len(query) > MAX_QUERY:
        raise RulesError.of(
            "q", f"问题不能超过 {MAX_QUERY} 个字", f"the query is longer than {MAX_QUERY} characters"
        )
    if not 1 <= limit <= MAX_LIMIT:
        raise RulesError.of(
            "limit", f"返回条数应在 1–{MAX_LIMIT} 之间", f"limit must be between 1 and {MAX_LIMIT}"
        )
    index = index or default_index()
    if document and index.find_document(document) is None:
        raise RulesError.of("document", f"法规库中没有这部文件：{document}", f"no such document: {document}")
    if topic and topic not in index.topic_masks:
        raise RulesError.of("topic", f"没有这个主题：{topic}", f"unknown topic: {topic}")
    return index.search(query, limit=limit, on=on, document=document, topic=topic)
