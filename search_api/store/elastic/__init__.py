"""The Elasticsearch backend: ``open_elastic_store("http://localhost:9200")``.

Nothing here imports the ``elasticsearch`` client until a store is opened, so vanban runs
without it; opening one without it says which extra to install.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from search_api.store import StoreURLError

if TYPE_CHECKING:
    from search_api.store.elastic.store import ElasticStore

INSTALL_HINT = "pip install 'vanban[es]'"


class MissingClientError(StoreURLError):
    """The ``elasticsearch`` package is not installed."""


def open_elastic_store(url: str) -> ElasticStore:
    """The store at ``http(s)://[user:password@]host:port[/prefix][?refresh=…]``.

    Raises ``StoreURLError`` (or ``MissingClientError``) with the reason when it cannot be
    opened: a bad URL, no ``elasticsearch`` package, no cluster answering.
    """
    try:
        import elasticsearch
    except ImportError as exc:
        raise MissingClientError(
            f"{url}: the Elasticsearch backend needs the elasticsearch package: "
            f"{INSTALL_HINT}") from exc
    from search_api.store.elastic.config import ElasticURLError, parse_url
    from search_api.store.elastic.store import ElasticStore

    try:
        config = parse_url(url)
    except ElasticURLError as exc:
        raise StoreURLError(str(exc)) from exc
    try:
        return ElasticStore(config)
    except elasticsearch.ConnectionError as exc:
        raise StoreURLError(f"{url}: no Elasticsearch answers there ({exc})") from exc
    except elasticsearch.AuthenticationException as exc:
        raise StoreURLError(f"{url}: Elasticsearch refused the credentials ({exc})") from exc


__all__ = ["INSTALL_HINT", "MissingClientError", "open_elastic_store"]
