"""API keys in a small SQLite file beside the store (``<store dir>/keys.db``).

A key is ``vb_`` and 43 URL-safe characters (32 random bytes); only its SHA-256 is kept,
with a short prefix shown to tell keys apart. A revoked key stays listed but never verifies.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from search_api.auth.roles import CLEARANCES, Principal, clearance_of, role_rank
from search_api.store import store_folder

TOKEN_PREFIX = "vb_"
SHOWN_CHARS = 11
"""Characters of a key shown in listings (``vb_`` and 8 more)."""
MAX_TOKEN_CHARS = 200
SCHEMA = """
CREATE TABLE IF NOT EXISTS api_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    prefix TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    clearance TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
"""


@dataclass(frozen=True, slots=True)
class KeyInfo:
    id: int
    prefix: str
    name: str
    role: str
    clearance: str
    created_at: str
    revoked_at: str | None

    def principal(self) -> Principal:
        return Principal(self.name, self.role, clearance_of(self.clearance), self.prefix)


def keys_path_for(store_url: str) -> Path | None:
    """``<db folder>/keys.db`` for a SQLite file store; None otherwise (":memory:", ES)."""
    folder = store_folder(store_url)
    return None if folder is None else folder / "keys.db"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class KeyStore:
    """The keys file (in memory when ``path`` is None)."""

    def __init__(self, path: Path | None) -> None:
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._path = path
        self._conn = sqlite3.connect(str(path) if path else ":memory:", isolation_level=None,
                                     check_same_thread=False, timeout=30)
        self._lock = threading.Lock()
        self._readers = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._conn.executescript(SCHEMA)
        if path is not None:
            path.chmod(0o600)

    def _reader(self) -> sqlite3.Connection | None:
        """This thread's read-only connection to the keys file (None for an in-memory store):
        verifying a key on every request then takes no lock shared by all request threads."""
        if self._path is None:
            return None
        conn: sqlite3.Connection | None = getattr(self._readers, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"{self._path.as_uri()}?mode=ro", uri=True,
                                   isolation_level=None, timeout=30, check_same_thread=False)
            self._readers.conn = conn
            with self._lock:
                self._opened.append(conn)
        return conn

    def create(self, name: str, role: str, clearance: str = "public") -> tuple[str, KeyInfo]:
        """A new key: the token (shown once, never stored) and its listing entry."""
        role_rank(role)
        level = CLEARANCES[clearance_of(clearance)]
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock:
            cursor = self._conn.execute(
                "INSERT INTO api_keys (prefix, sha256, name, role, clearance, created_at)"
                " VALUES (?,?,?,?,?,?)",
                (token[:SHOWN_CHARS], hash_token(token), name, role, level, now))
        return token, KeyInfo(int(cursor.lastrowid or 0), token[:SHOWN_CHARS], name, role, level,
                              now, None)

    def list(self) -> list[KeyInfo]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, prefix, name, role, clearance, created_at, revoked_at"
                " FROM api_keys ORDER BY id").fetchall()
        return [KeyInfo(*row) for row in rows]

    def revoke(self, ident: str) -> int:
        """Revoke the key with this id or shown prefix; how many keys it revoked (0 or 1)."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        by_id = ident.isdigit()
        with self._lock:
            matches = self._conn.execute(
                "SELECT id FROM api_keys WHERE revoked_at IS NULL AND "
                + ("id = ?" if by_id else "prefix = ?"), (int(ident) if by_id else ident,)
            ).fetchall()
            if len(matches) != 1:
                return 0
            self._conn.execute("UPDATE api_keys SET revoked_at = ? WHERE id = ?",
                               (now, matches[0][0]))
        return 1

    def verify(self, token: str) -> KeyInfo | None:
        """The live key ``token`` is, or None (unknown, malformed or revoked)."""
        if not token.startswith(TOKEN_PREFIX) or len(token) > MAX_TOKEN_CHARS:
            return None
        sql = ("SELECT id, prefix, name, role, clearance, created_at, revoked_at FROM api_keys"
               " WHERE sha256 = ? AND revoked_at IS NULL")
        reader = self._reader()
        if reader is not None:
            row = reader.execute(sql, (hash_token(token),)).fetchone()
        else:
            with self._lock:
                row = self._conn.execute(sql, (hash_token(token),)).fetchone()
        return KeyInfo(*row) if row else None

    def close(self) -> None:
        with self._lock:
            self._conn.close()
            for conn in self._opened:
                conn.close()
            self._opened.clear()
