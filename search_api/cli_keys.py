"""``vanban keys create|list|revoke``: the API keys of a store (``<store dir>/keys.db``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from search_api.auth.roles import CLEARANCES, ROLES


def keys_file(args: argparse.Namespace) -> Path:
    """``--keys-db``, else ``$VANBAN_KEYS_DB``, else ``keys.db`` beside the SQLite store."""
    from search_api.auth.keys import keys_path_for
    from search_api.cli_store import store_url
    from search_api.settings import get_settings

    if args.keys_db:
        return Path(args.keys_db)
    if configured := get_settings().keys_db:
        return Path(configured)
    path = keys_path_for(store_url(args))
    if path is None:
        raise SystemExit("vanban keys: this store has no folder for keys.db;"
                         " name the file with --keys-db or VANBAN_KEYS_DB")
    return path


def _create(args: argparse.Namespace) -> int:
    from search_api.auth.keys import KeyStore

    keys = KeyStore(keys_file(args))
    try:
        token, info = keys.create(args.name, args.role, args.clearance)
    finally:
        keys.close()
    print(token)
    print(f"key {info.prefix}… for {info.name!r}: role {info.role}, clearance {info.clearance}"
          " (shown once: only its hash is kept)", file=sys.stderr)
    return 0


def _list(args: argparse.Namespace) -> int:
    from search_api.auth.keys import KeyStore

    keys = KeyStore(keys_file(args))
    try:
        rows = keys.list()
    finally:
        keys.close()
    for info in rows:
        if args.json:
            print(json.dumps({"id": info.id, "prefix": info.prefix, "name": info.name,
                              "role": info.role, "clearance": info.clearance,
                              "created_at": info.created_at, "revoked_at": info.revoked_at},
                             ensure_ascii=False))
        else:
            state = f"revoked {info.revoked_at}" if info.revoked_at else "active"
            print(f"{info.id:>4}  {info.prefix}…  {info.role:<8} {info.clearance:<9} {state:<9}"
                  f"  {info.name}")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    from search_api.auth.keys import KeyStore

    keys = KeyStore(keys_file(args))
    try:
        done = keys.revoke(args.key)
    finally:
        keys.close()
    if not done:
        print(f"vanban keys revoke: no single active key {args.key!r} (give its id or prefix)",
              file=sys.stderr)
        return 1
    print(f"revoked {args.key}", file=sys.stderr)
    return 0


def add_keys_command(commands: Any) -> None:
    """Register ``vanban keys`` and its subcommands."""
    keys = commands.add_parser("keys", help="API keys: create, list, revoke")
    keys.add_argument("--store", help="store URL (default: $VANBAN_STORE); keys.db sits beside it")
    keys.add_argument("--keys-db", help="the keys file (default: keys.db beside the store)")
    actions = keys.add_subparsers(dest="keys_command", required=True, metavar="ACTION")
    create = actions.add_parser("create", help="make a key and print it (once)")
    create.add_argument("--name", required=True, help="who or what holds the key")
    create.add_argument("--role", choices=ROLES, default="reader")
    create.add_argument("--clearance", choices=CLEARANCES, default="public",
                        help="the most secret documents it may see (default: public)")
    create.set_defaults(run=_create)
    listing = actions.add_parser("list", help="keys with prefix, role, clearance, state")
    listing.add_argument("--json", action="store_true", help="one key per line")
    listing.set_defaults(run=_list)
    revoke = actions.add_parser("revoke", help="revoke a key by id or prefix")
    revoke.add_argument("key", metavar="ID_OR_PREFIX")
    revoke.set_defaults(run=_revoke)
