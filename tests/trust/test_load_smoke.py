"""A short run of ``bench/load.py``: a small store, a few clients, a few seconds, no errors
(the full run's figures are in docs/security.md; latency is not asserted on shared CI)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_load_smoke() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load.py"), "--docs", "200", "--clients", "8",
         "--seconds", "3", "--max-requests", "2000", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["errors"] == 0, result["error_kinds"]
    assert result["requests"] > 0
    assert set(result["by_path"]) == {"/v1/documents", "/v1/tasks", "/v1/entities"}
    assert result["requests"] <= 2000
