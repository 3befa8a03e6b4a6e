"""canonical_agency, canonical_place, fold and modern_tones (table in metadata/data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp.agencies import canonical_agency, canonical_place, fold, modern_tones, province_names

_TABLE = Path(__file__).parent / "metadata" / "data" / "agency_names.tsv"
_ROWS = [
    tuple(line.split("\t"))
    for line in _TABLE.read_text(encoding="utf-8").splitlines()[2:]
    if line and not line.startswith("#")
]


@pytest.mark.parametrize(("raw", "expected"), _ROWS, ids=[r[0] for r in _ROWS])
def test_canonical_agency(raw: str, expected: str) -> None:
    assert canonical_agency(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Hà Nội", "Hà Nội"),
        ("Ha Noi", "Hà Nội"),
        ("TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
        ("Tp.HCM", "Thành phố Hồ Chí Minh"),
        ("QUẢNG BÌNH", "Quảng Bình"),
        ("Đăk Lăk", "Đắk Lắk"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("Phường Bến Nghé", "Phường Bến Nghé"),
    ],
)
def test_canonical_place(raw: str, expected: str) -> None:
    assert canonical_place(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("hoà", "hòa"), ("Uỷ ban", "Ủy ban"), ("thuỷ lợi", "thủy lợi"), ("khoẻ", "khỏe"),
     ("quý", "quý"), ("hoàng", "hoàng"), ("HOÀ", "HÒA")],
)  # fmt: skip
def test_modern_tones(raw: str, expected: str) -> None:
    assert modern_tones(raw) == expected


def test_fold_keeps_length() -> None:
    text = "Đồng chí Nguyễn Thị Hương, Ủy ban nhân dân"
    assert fold(text) == "Dong chi Nguyen Thi Huong, Uy ban nhan dan"
    assert len(fold(text)) == len(text)


def test_provinces_before_and_after_2025() -> None:
    names = province_names()
    assert len(names) == len(set(names)) == 64  # 63 units, plus "Huế" from 1 July 2025
    assert {"Hà Nội", "Huế", "Hồ Chí Minh", "Thừa Thiên Huế", "Bà Rịa - Vũng Tàu"} <= set(names)
