"""Load: concurrent clients of mixed searches and task queries against ``vanban serve``.

    .venv/bin/python bench/load.py [--docs 10000] [--clients 32] [--seconds 30] [--json]

Builds a store of ``--docs`` documents (as ``bench/search.py`` does, from ``corpus/*.txt``;
or use ``--store sqlite:///…`` as it is), creates a reader key, starts ``vanban serve`` on
127.0.0.1 (loopback only, ``--workers`` processes) and runs ``--clients`` clients, each
sending one request after another on its own keep-alive connection, for ``--seconds`` or
``--max-requests`` in all, whichever comes first. Prints requests/s, latency p50/p99 (from
writing the request to having read the whole body) and errors (any status but 200, or a
failed connection), and the CPU time the server processes and this client spent per request
(less sensitive than latency to other jobs sharing the machine).

The clients share the server's cores, so by default they speak plain HTTP/1.1 over asyncio
streams (``--client raw``, about a tenth of the CPU of ``--client httpx``, which is kept to
cross-check). ``--check`` exits 1 on any error or a p99 over ``--p99-ms``.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
WORDS = ["thi đua khen thưởng", "cai cach hanh chinh", "phòng cháy chữa cháy", "ngân sách",
         "bảo hiểm xã hội", "chuyen doi so", "đất đai", "giáo dục đào tạo", "an toàn giao thông"]
AGENCIES = ["Sở Tài chính", "Sở Nội vụ", "Sở Y tế", "UBND các huyện", "Sở TN&MT",
            "Sở Giáo dục và Đào tạo", "Công an tỉnh"]


def _store_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("vanban_bench_search", ROOT / "bench" / "search.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_store(folder: Path, docs: int) -> str:
    """A SQLite store of ``docs`` varied documents cut from ``corpus/*.txt``."""
    from search_api.store import open_store

    sb = _store_bench()
    sources = sb._sources(Path("/nonexistent"), ROOT / "corpus")
    bases = sb._analysed(sources)
    url = f"sqlite:///{folder / 'vanban.db'}"
    store = open_store(url)
    try:
        batch: list[tuple[Any, str | None, str | None]] = []
        for record in sb._documents(sources, bases, docs, seed=7):
            batch.append((record, None, None))
            if len(batch) == 1000:
                store.put_many(batch)
                batch = []
        if batch:
            store.put_many(batch)
    finally:
        store.close()
    return url


def request_mix(rng: random.Random) -> tuple[str, dict[str, str]]:
    """One request: searches (words, filters, numbers, facets) and task queries."""
    kind = rng.randrange(10)
    if kind < 3:
        return "/v1/documents", {"q": rng.choice(WORDS)}
    if kind == 3:
        return "/v1/documents", {"q": rng.choice(WORDS), "doc_type": "quyet_dinh", "page": "2"}
    if kind == 4:
        year = rng.randrange(2010, 2024)
        return "/v1/documents", {"q": rng.choice(WORDS), "date_from": f"{year}-01-01",
                                 "date_to": f"{year + 1}-12-31", "order": "date"}
    if kind == 5:
        return "/v1/documents", {"q": f"{rng.randrange(1, 5000)}/{rng.randrange(2015, 2025)}"}
    if kind == 6:
        return "/v1/tasks", {"assignee": rng.choice(AGENCIES), "limit": "20"}
    if kind == 7:
        return "/v1/tasks", {"q": rng.choice(["báo cáo", "kiểm tra", "triển khai"]), "limit": "20"}
    if kind == 8:
        return "/v1/tasks", {"status": rng.choice(["overdue", "due_soon"]), "limit": "20",
                             "as_of": "2024-06-01"}
    return "/v1/entities", {"prefix": rng.choice(["so ", "ủy", "bo ", "nguyen"]), "limit": "10"}


class RawConnection:
    """One keep-alive HTTP/1.1 connection: GET with the key, read status and whole body."""

    def __init__(self, port: int, key: str) -> None:
        self.port, self.key = port, key
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str, params: dict[str, str]) -> int:
        if self.streams is None:
            self.streams = await asyncio.open_connection(HOST, self.port)
        reader, writer = self.streams
        writer.write(f"GET {path}?{urlencode(params)} HTTP/1.1\r\nHost: {HOST}\r\n"
                     f"X-API-Key: {self.key}\r\n\r\n".encode())
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
        status = int(head[9:12])
        if "transfer-encoding: chunked" in head:
            while size := int((await reader.readuntil(b"\r\n"))[:-2], 16):
                await reader.readexactly(size + 2)
            await reader.readuntil(b"\r\n")
        else:
            length = head.partition("content-length:")[2].partition("\r\n")[0]
            await reader.readexactly(int(length or 0))
        if "connection: close" in head:
            await self.reset()
        return status

    async def reset(self) -> None:
        """Drop the connection (after a failure); the next request opens a new one."""
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None

    aclose = reset


class HttpxConnection:
    """The same through ``httpx.AsyncClient`` (several times the client CPU)."""

    def __init__(self, port: int, key: str) -> None:
        self.client = httpx.AsyncClient(base_url=f"http://{HOST}:{port}",
                                        headers={"X-API-Key": key}, timeout=30)

    async def get(self, path: str, params: dict[str, str]) -> int:
        return (await self.client.get(path, params=params)).status_code

    async def reset(self) -> None:
        """Nothing: the client's pool drops a failed connection itself."""

    async def aclose(self) -> None:
        await self.client.aclose()


Connection = RawConnection | HttpxConnection
FAILURES = (httpx.HTTPError, OSError, ValueError, TimeoutError, asyncio.IncompleteReadError,
            asyncio.LimitOverrunError)


async def _client(connection: Connection, stop_at: float, budget: list[int], seed: int,
                  latencies: dict[str, list[float]], errors: list[str]) -> None:
    rng = random.Random(seed)
    while time.monotonic() < stop_at and budget[0] > 0:
        budget[0] -= 1
        path, params = request_mix(rng)
        started = time.perf_counter()
        try:
            async with asyncio.timeout(30):
                status = await connection.get(path, params)
            ok, detail = status == 200, f"{status} {path}"
        except FAILURES as exc:
            await connection.reset()
            ok, detail = False, f"{type(exc).__name__} {path}"
        latencies.setdefault(path, []).append((time.perf_counter() - started) * 1000)
        if not ok:
            errors.append(detail)


async def run_load(port: int, key: str, clients: int, seconds: float,
                   max_requests: int, kind: str = "raw") -> dict[str, Any]:
    """``clients`` closed-loop clients (built before the clock starts; each connects on its
    first request)."""
    latencies: dict[str, list[float]] = {}
    errors: list[str] = []
    budget = [max_requests]
    connections: list[Connection] = [
        RawConnection(port, key) if kind == "raw" else HttpxConnection(port, key)
        for _ in range(clients)]
    started, cpu = time.monotonic(), time.process_time()
    try:
        await asyncio.gather(*(_client(connection, started + seconds, budget, i, latencies,
                                       errors) for i, connection in enumerate(connections)))
    finally:
        elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
        for connection in connections:
            await connection.aclose()
    every = [ms for values in latencies.values() for ms in values]
    return {
        "clients": clients, "client": kind, "seconds": round(elapsed, 2), "requests": len(every),
        "throughput_rps": round(len(every) / elapsed, 1), **_percentiles(every),
        "by_path": {path: _percentiles(values) for path, values in sorted(latencies.items())},
        "errors": len(errors), "error_kinds": sorted(set(errors))[:10], "client_cpu_s": cpu,
    }


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU of process ``pid`` and its children (Linux ``/proc``), else None."""
    try:
        pids = [pid, *map(int, Path(f"/proc/{pid}/task/{pid}/children").read_text().split())]
        ticks = sum(sum(map(int, Path(f"/proc/{p}/stat").read_text().rpartition(")")[2]
                            .split()[11:13])) for p in pids)
    except (OSError, ValueError):
        return None
    return ticks / os.sysconf("SC_CLK_TCK")


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values) or [0.0]
    return {"p50_ms": round(statistics.median(ordered), 1),
            "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 1)}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def serve(url: str, port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    """``vanban serve`` on the loopback interface, in keys mode; waits until it answers."""
    env = {**os.environ, "VANBAN_AUTH_MODE": "keys", "VANBAN_STORE": url}
    process = subprocess.Popen(
        [sys.executable, "-m", "search_api.cli", "serve", "--store", url, "--host", HOST,
         "--port", str(port), "--log-level", "warning", "--workers", str(workers)],
        cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://{HOST}:{port}/healthz", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
        if process.poll() is not None:
            break
    process.kill()
    raise SystemExit(f"vanban serve did not start: {process.stderr.read().decode() if process.stderr else ''}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--store", help="use this sqlite:/// store as it is (no build)")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--p99-ms", type=float, default=200.0)
    parser.add_argument("--check", action="store_true", help="exit 1 on errors or a slow p99")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--workers", type=int, default=1, help="server processes (vanban serve --workers)")
    parser.add_argument("--client", choices=("raw", "httpx"), default="raw",
                        help="raw: HTTP/1.1 on asyncio streams (light); httpx: httpx.AsyncClient")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="vanban-load-") as tmp:
        started = time.monotonic()
        url = args.store or build_store(Path(tmp), args.docs)
        built = time.monotonic() - started
        from search_api.auth.keys import KeyStore, keys_path_for

        keys_path = keys_path_for(url)
        if keys_path is None:
            raise SystemExit("bench/load.py: needs a sqlite:/// file store")
        keys = KeyStore(keys_path)
        key, info = keys.create("bench/load.py", "reader", "tuyet_mat")
        keys.close()
        port = _free_port()
        server = serve(url, port, args.workers)
        try:
            server_cpu = cpu_seconds(server.pid)
            result = asyncio.run(run_load(port, key, args.clients, args.seconds,
                                          args.max_requests, args.client))
            server_after = cpu_seconds(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
            keys = KeyStore(keys_path)
            keys.revoke(info.prefix)
            keys.close()
    per_request = 1000 / max(1, result["requests"])
    result.update({"docs": args.docs if not args.store else None, "build_s": round(built, 1),
                   "cpus": os.cpu_count(), "workers": args.workers,
                   "server_cpu_ms_per_request": None if server_cpu is None or server_after is None
                   else round((server_after - server_cpu) * per_request, 2),
                   "client_cpu_ms_per_request": round(result.pop("client_cpu_s") * per_request, 2),
                   "load_average": [round(x, 2) for x in os.getloadavg()]})
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['requests']} requests in {result['seconds']} s from {args.clients} clients:"
              f" {result['throughput_rps']} req/s, p50 {result['p50_ms']} ms,"
              f" p99 {result['p99_ms']} ms, errors {result['errors']}")
        print(f"  CPU per request: server {result['server_cpu_ms_per_request']} ms"
              f" ({args.workers} worker(s)), client {result['client_cpu_ms_per_request']} ms"
              f" ({args.client}); load average {result['load_average']}")
        for path, figures in result["by_path"].items():
            print(f"  {path}: p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms")
        for kind in result["error_kinds"]:
            print(f"  error: {kind}")
    failed = result["errors"] > 0 or result["p99_ms"] > args.p99_ms
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
