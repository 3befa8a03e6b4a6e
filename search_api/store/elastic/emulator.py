"""A local Elasticsearch API for tests and trials: the emulator of the ``noida-db`` package.

>>> with running_emulator(Path("/tmp/es-data")) as url:  # doctest: +SKIP
...     store = open_store(url)
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

START_SECONDS = 30.0


class EmulatorError(RuntimeError):
    """noida-db is missing, or its Elasticsearch API did not come up."""


def find_binary() -> str | None:
    """The noida-db executable itself (not its Python wrapper, so stopping it stops the server)."""
    try:
        packaged = resources.files("noida_db").joinpath("noida-db")
        if packaged.is_file():
            return str(packaged)
    except ModuleNotFoundError:
        pass
    return shutil.which("noida-db")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return int(response.status) == 200
    except OSError:
        return False


@contextmanager
def running_emulator(data_dir: Path, *, port: int | None = None) -> Iterator[str]:
    """Start noida-db's Elasticsearch API on 127.0.0.1 (a free port unless given), yield its
    URL, and stop it afterwards. Its log is ``data_dir/noida.log``."""
    binary = find_binary()
    if binary is None:
        raise EmulatorError("noida-db is not installed: pip install noida-db")
    data_dir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = data_dir / "noida.log"
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [binary, "start", "--only", "elasticsearch", "--host", "127.0.0.1",
             "--elasticsearch-port", str(port), "--data-dir", str(data_dir / "data")],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_SECONDS
        while not _answers(url):
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log_path.read_text(errors="replace")[-2000:]
                raise EmulatorError(f"noida-db's Elasticsearch API did not start on {url}:\n{tail}")
            time.sleep(0.1)
        yield url
    finally:
        _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
