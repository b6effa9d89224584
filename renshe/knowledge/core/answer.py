"""Optional plain-Chinese answer from an OpenAI-compatible model (``RENSHE_LLM_URL``), built only from
the retrieved articles.

The model sees the question and the top articles numbered [1]…[k] and must end every
sentence with the number of the article it rests on. An answer with a sentence that cites
nothing, or cites a number it was not given, is discarded: the ranked articles remain the
answer, as they are when no model is configured or it does not respond.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.error
import urllib.request
from dataclasses import dataclass

from renshe.knowledge.core.search import Hit

log = logging.getLogger(__name__)

SYSTEM = (
    "你是人力资源和社会保障法律咨询助手。只能依据用户提供的编号条文回答，用通俗的中文，"
    "每一句话末尾用方括号注明所依据的条文编号，如[1]或[1][2]；不得引用未提供的条文，不得编造。"
    "如果这些条文不足以回答，就说“所提供的条文不足以回答这个问题”并注明最接近的条文编号。"
)
_CITE = re.compile(r"\[(\d+)\]")
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")


@dataclass(frozen=True)
class Answer:
    text: str
    cited: list[Hit]


def _endpoint(url: str) -> str:
    url = url.rstrip("/")
    return url if url.endswith("/chat/completions") else f"{url}/chat/completions"


def _prompt(question: str, hits: list[Hit]) -> str:
    numbered = "\n".join(f"[{n}]《{h.document}》{h.label}：{h.text}" for n, h in enumerate(hits, 1))
    return f"问题：{question}\n\n条文：\n{numbered}"


def check(text: str, k: int) -> list[int] | None:
    """The article numbers the answer cites, or None if a sentence cites nothing or cites beyond 1..k."""
    cited: list[int] = []
    for sentence in _SENTENCE.findall(text):
        if not sentence.strip(" \t，,；;：:"):
            continue
        refs = [int(n) for n in _CITE.findall(sentence)]
        if not refs or any(not 1 <= n <= k for n in refs):
            return None
        cited += [n for n in refs if n not in cited]
    return cited or None


def cited_completion(
    system: str, prompt: str, k: int, url: str, model: str = "qwen", timeout: float = 20.0
) -> tuple[str, list[int]] | None:
    """Ask an OpenAI-compatible model; its text and the sources [1]…[k] it cites, or None when it
    is unreachable or any sentence cites nothing or a number outside 1…k (see :func:`check`)."""
    body = {
        "model": model,
        "temperature": 0,
        "messages": [{"role": "system", "content": system}, {"role": "user", "content": prompt}],
    }
    request = urllib.request.Request(
        _endpoint(url), data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (configured URL)
            text = json.load(response)["choices"][0]["message"]["content"].strip()
    except (urllib.error.URLError, TimeoutError, OSError, KeyError, IndexError, ValueError) as exc:
        log.warning("LLM answer unavailable: %s", exc)
        return None
    cited = check(text, k)
    if cited is None:
        log.warning("LLM answer discarded: a sentence without a valid citation")
        return None
    return text, cited


def llm_answer(
    question: str, hits: list[Hit], url: str, model: str = "qwen", timeout: float = 20.0
) -> Answer | None:
    """Ask the model; None when it is unreachable or its answer is not fully cited."""
    if not url or not hits:
        return None
    got = cited_completion(SYSTEM, _prompt(question, hits), len(hits), url, model, timeout)
    if got is None:
        return None
    text, cited = got
    return Answer(text=text, cited=[hits[n - 1] for n in cited])
