"""A transformers encoder from a local folder (AutoTokenizer + AutoModel, mean pooling).

For users with Vietnamese bi-encoders (e.g. PhoBERT-based sentence models) saved with
``save_pretrained``: the folder also holds ``vanban-encoder.yaml`` (see ``manifest``) with the
query/passage prefixes and the pooling. Loading never downloads (``local_files_only``,
``HF_HUB_OFFLINE=1``). torch and transformers come with the ``[semantic-hf]`` extra and are
imported only when an encoder is opened.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from models.encoders.manifest import EncoderManifest, read_manifest, verify_weights

INSTALL_HINT = "pip install 'vanban[semantic-hf]' (torch and transformers)"
BATCH = 16


@dataclass(slots=True)
class HfEncoder:
    """An encoder loaded from ``folder``; vectors are pooled, then L2-normalised."""

    folder: Path
    manifest: EncoderManifest
    tokenizer: Any
    model: Any

    @classmethod
    def from_path(cls, folder: str | Path, *, threads: int | None = None) -> HfEncoder:
        """Load the encoder saved in ``folder`` (weights checked against the manifest)."""
        path = Path(folder).expanduser()
        if not path.is_dir():
            raise FileNotFoundError(f"{path}: no such model folder")
        manifest = read_manifest(path)
        verify_weights(path, manifest)
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            import torch  # type: ignore[import-not-found, unused-ignore]
            from transformers import (  # type: ignore[import-not-found, unused-ignore]
                AutoModel,
                AutoTokenizer,
            )
        except ImportError as exc:
            raise ImportError(f"a transformers encoder needs torch and transformers: {INSTALL_HINT}"
                              ) from exc
        if threads:
            torch.set_num_threads(threads)
        tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
        model = AutoModel.from_pretrained(str(path), local_files_only=True)
        model.eval()
        return cls(path, manifest, tokenizer, model)

    @property
    def name(self) -> str:
        return f"hf/{self.manifest.name}@{self.manifest.version}"

    @property
    def dim(self) -> int:
        return int(self.manifest.dim or self.model.config.hidden_size)

    def embed_queries(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        return self._embed([self.manifest.query_prefix + t for t in texts])

    def embed_passages(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        return self._embed([self.manifest.passage_prefix + t for t in texts])

    def _embed(self, texts: list[str]) -> npt.NDArray[np.float32]:
        import torch  # type: ignore[import-not-found, unused-ignore]

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for first in range(0, len(texts), BATCH):
            batch = self.tokenizer(texts[first:first + BATCH], padding=True, truncation=True,
                                   max_length=self.manifest.max_length, return_tensors="pt")
            with torch.no_grad():
                hidden = self.model(**batch).last_hidden_state
            pooled = pool(hidden.float().numpy(), batch["attention_mask"].numpy(),
                          self.manifest.pooling)
            out[first:first + len(pooled)] = pooled
        return out


def pool(hidden: npt.NDArray[np.float32], mask: npt.NDArray[Any], how: str = "mean"
         ) -> npt.NDArray[np.float32]:
    """Token vectors (batch, tokens, dim) -> unit sentence vectors (batch, dim).

    ``mean`` averages the tokens the attention mask keeps; ``cls`` takes the first token.
    """
    if how == "cls":
        vectors = hidden[:, 0, :]
    else:
        weights = mask[:, :, None].astype(np.float32)
        vectors = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit: npt.NDArray[np.float32] = (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
    return unit
