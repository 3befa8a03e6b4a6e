"""Reading an Elasticsearch store URL: hosts, index prefix, refresh policy, shards, replicas.

``http(s)://[user:password@]host:port[/prefix][?refresh=…&shards=N&replicas=N]``

>>> c = parse_url("http://es:9200/archive?shards=3&replicas=1")
>>> c.hosts, c.prefix, c.shards, c.replicas, c.refresh
(['http://es:9200'], 'archive', 3, 1, 'read')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs, unquote, urlparse

Refresh = Literal["read", "wait_for", "true"]
"""When writes become searchable: ``read`` (default) refreshes, before a search, only the
indices this store wrote to since its last refresh, so a batch ingest never forces one;
``wait_for`` makes every write wait for the next periodic refresh; ``true`` forces one."""
DEFAULT_PREFIX = "vanban"
_PREFIX = re.compile(r"[a-z0-9][a-z0-9._-]{0,80}")
_OPTIONS = frozenset({"refresh", "shards", "replicas"})


class ElasticURLError(ValueError):
    """A malformed Elasticsearch store URL."""


@dataclass(frozen=True, slots=True)
class ElasticConfig:
    hosts: list[str]
    prefix: str = DEFAULT_PREFIX
    """Every index and alias name starts with ``<prefix>-``."""
    username: str | None = None
    password: str | None = None
    refresh: Refresh = "read"
    shards: int = 1
    replicas: int | None = None
    """None: ``auto_expand_replicas 0-1`` (0 on one node, 1 when there are more)."""


def parse_url(url: str) -> ElasticConfig:
    """The configuration a store URL describes."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ElasticURLError(f"{url}: expected http(s)://host:port[/prefix]")
    prefix = parsed.path.strip("/") or DEFAULT_PREFIX
    if not _PREFIX.fullmatch(prefix):
        raise ElasticURLError(
            f"{url}: index prefix {prefix!r} must be lower case letters, digits, '.', '_' or '-'")
    options = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
    unknown = sorted(set(options) - _OPTIONS)
    if unknown:
        raise ElasticURLError(f"{url}: unknown option(s) {', '.join(unknown)}")
    refresh = options.get("refresh", "read")
    if refresh not in ("read", "wait_for", "true"):
        raise ElasticURLError(f"{url}: refresh must be read, wait_for or true")
    port = f":{parsed.port}" if parsed.port else ""
    host = f"[{parsed.hostname}]" if ":" in parsed.hostname else parsed.hostname
    return ElasticConfig(
        hosts=[f"{parsed.scheme}://{host}{port}"],
        prefix=prefix,
        username=unquote(parsed.username) if parsed.username else None,
        password=unquote(parsed.password) if parsed.password else None,
        refresh=refresh,  # type: ignore[arg-type]
        shards=_count(url, options, "shards", 1, minimum=1) or 1,
        replicas=_count(url, options, "replicas", None, minimum=0),
    )


def _count(url: str, options: dict[str, str], name: str, default: int | None, *,
           minimum: int) -> int | None:
    if name not in options:
        return default
    value = options[name]
    if not value.isdigit() or int(value) < minimum:
        raise ElasticURLError(f"{url}: {name} must be a whole number ≥ {minimum}")
    return int(value)
