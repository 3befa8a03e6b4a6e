"""The `vanban` command line, run as a real subprocess where the contract is about exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from search_api.cli import main

NOTICE = """VĂN PHÒNG CHÍNH PHỦ
Số: 63/TB-VPCP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 15 tháng 3 năm 2021

THÔNG BÁO
Kết luận của Thủ tướng Chính phủ tại phiên họp Hội đồng Thi đua - Khen thưởng Trung ương

Ngày 10 tháng 3 năm 2021, Thủ tướng Chính phủ chủ trì phiên họp.
Giao Bộ Nội vụ chủ trì, phối hợp với Bộ Tư pháp hoàn thiện Dự án Luật Thi đua, khen thưởng
(sửa đổi), trình Chính phủ trước ngày 30 tháng 6 năm 2021.
Văn phòng Chính phủ thông báo để các cơ quan biết, thực hiện./.

Nơi nhận:
- Thủ tướng, các Phó Thủ tướng Chính phủ;
- Bộ Nội vụ;
- Lưu: VT, TCCV.
KT. BỘ TRƯỞNG, CHỦ NHIỆM
PHÓ CHỦ NHIỆM

Trần Văn Sơn
"""


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    good = tmp_path / "notice.txt"
    good.write_text(NOTICE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    second = tmp_path / "second.txt"
    second.write_text(NOTICE.replace("63/TB-VPCP", "64/TB-VPCP"), encoding="utf-8")
    return {"good": good, "empty": empty, "second": second}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "search_api.cli", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )


def test_extract_json_one_line_per_file_in_input_order(files: dict[str, Path]) -> None:
    proc = _run("extract", "--json", str(files["second"]), str(files["empty"]), str(files["good"]))
    assert proc.returncode == 1, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [line["source"]["filename"] for line in lines] == [
        str(files["second"]), str(files["empty"]), str(files["good"])
    ]
    assert "error" in lines[1]
    assert "empty" in lines[1]["error"]
    assert lines[0]["text"].startswith("VĂN PHÒNG CHÍNH PHỦ")
    assert {"id", "source", "text", "metadata", "entities", "citations", "tasks",
            "awards"} <= set(lines[0])


def test_extract_all_good_exits_zero(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(files["good"])]) == 0
    out = capsys.readouterr().out
    assert str(files["good"]) in out


def test_extract_table_over_a_folder(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    files["empty"].unlink()
    assert main(["extract", "--table", str(files["good"].parent)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["file", "number", "type"]
    assert len(out) == 4  # header, rule, two documents


def test_eval_reports_fields_for_gold_present(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(NOTICE, encoding="utf-8")
    gold = {"metadata": {"number": "63/TB-VPCP", "doc_type": "thong_bao"}}
    (tmp_path / "a.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    assert main(["eval", "--json", str(tmp_path)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents"] == 1
    assert set(report["scores"]) == {"metadata.number", "metadata.doc_type"}


def test_eval_without_gold_is_an_error(tmp_path: Path) -> None:
    assert main(["eval", str(tmp_path)]) == 2
