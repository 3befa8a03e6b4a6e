"""The transformers encoder loader, with a tiny BERT the test builds and saves locally.

Runs only where torch and transformers are installed (the ``[semantic-hf]`` extra); the main
development venv leaves them out (see the report), e.g.::

    PYTHONPATH=. /tmp/hfvenv/bin/python -m pytest -q tests/models/test_hf_encoder.py
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from models.encoders.manifest import EncoderManifest, ManifestError, file_sha256, write_manifest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

WORDS = ["tặng", "bằng", "khen", "phòng", "cháy", "chữa", "chợ", "q", "p", ":", "thi", "đua"]


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    os.environ["HF_HUB_OFFLINE"] = "1"
    folder = tmp_path_factory.mktemp("tiny-bert")
    tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]
    tokenizer = transformers.BertTokenizerFast(vocab={t: i for i, t in enumerate(tokens)},
                                               do_lower_case=False, strip_accents=False)
    assert tokenizer("tặng q")["input_ids"] == [2, 5, 12, 3]  # words known, not [UNK]
    config = transformers.BertConfig(vocab_size=len(WORDS) + 5, hidden_size=16,
                                     num_hidden_layers=1, num_attention_heads=2,
                                     intermediate_size=32, max_position_embeddings=64)
    torch.manual_seed(0)
    transformers.BertModel(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    write_manifest(folder, EncoderManifest(
        name="tiny-bert", version="test", weights="model.safetensors",
        sha256=file_sha256(folder / "model.safetensors"), licence="test only",
        how_trained="random weights", query_prefix="q : ", passage_prefix="p : ",
        max_length=32))
    return folder


def test_loads_and_embeds(model_dir: Path) -> None:
    from models.encoders.hf import HfEncoder

    encoder = HfEncoder.from_path(model_dir, threads=1)
    assert encoder.name == "hf/tiny-bert@test"
    assert encoder.dim == 16
    texts = ["tặng bằng khen", "phòng cháy chữa cháy ở chợ thi đua"]
    passages = encoder.embed_passages(texts)
    assert passages.shape == (2, 16)
    assert passages.dtype == np.float32
    assert np.linalg.norm(passages, axis=1) == pytest.approx([1.0, 1.0], abs=1e-5)
    alone = encoder.embed_passages(texts[:1])  # padding in a batch changes nothing
    assert np.allclose(alone[0], passages[0], atol=1e-5)
    queries = encoder.embed_queries(texts)
    assert not np.allclose(queries, passages)  # different prefixes


def test_open_embedder_spec(model_dir: Path) -> None:
    from search_api.semantic.embedders import open_embedder

    embedder = open_embedder(f"hf:{model_dir}")
    assert embedder.embed_queries(["thi đua"]).shape == (1, 16)


def test_changed_weights_are_refused(model_dir: Path, tmp_path: Path) -> None:
    from models.encoders.hf import HfEncoder

    copy = tmp_path / "copy"
    copy.mkdir()
    for path in model_dir.iterdir():
        (copy / path.name).write_bytes(path.read_bytes())
    (copy / "model.safetensors").write_bytes(b"not the weights")
    with pytest.raises(ManifestError, match="differs from the manifest"):
        HfEncoder.from_path(copy)
