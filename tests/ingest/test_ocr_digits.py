"""Digit glyphs: cut out of real stamped and printed fields and out of drawn ones, read by
the packaged classifier; its features, model file, training data and held-out accuracy."""

from __future__ import annotations

import gzip
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ingest.ocr.digits import dump_network, load_network, network, read_glyphs
from ingest.ocr.digits_features import LENGTH, SIZE, block_counts, features, square
from ingest.ocr.digits_segment import Glyph, components, erase_rules, glyphs
from ingest.ocr.digits_synth import Mask, drawn, parse_shapes, scanned, shapes
from ingest.ocr.digits_train import export_uci, synthetic, uci_glyphs

DIGITS = Path(__file__).parent / "data" / "digits"
_EDGE = 4
"""Field crops keep this many blank columns on each side of their digits."""


def _table(name: str) -> list[list[str]]:
    rows = (DIGITS / name).read_text("utf-8").splitlines()
    return [row.split("\t") for row in rows if row and not row.startswith("#")]


def _ink(path: Path) -> Mask:
    return np.asarray(Image.open(path).convert("L")) < 128


def _field(digits: list[Mask], gap: int, height: int = 70) -> Mask:
    """Glyphs side by side, ``gap`` columns apart (negative: overlapping), bottoms aligned."""
    width = sum(d.shape[1] for d in digits) + gap * (len(digits) - 1) + 40
    out = np.zeros((height, width), dtype=bool)
    x = 20
    for d in digits:
        top = height - 5 - d.shape[0]
        out[top : top + d.shape[0], x : x + d.shape[1]] |= d
        x += d.shape[1] + gap
    return out


def _tight(ink: Mask) -> Mask:
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


@pytest.mark.parametrize(("image", "digits"), _table("fields.tsv"), ids=lambda v: str(v))
def test_real_field_is_cut_into_one_glyph_per_digit(image: str, digits: str) -> None:
    ink = _ink(DIGITS / image)
    found = glyphs(ink, _EDGE, ink.shape[1] - _EDGE)
    assert len(found) == len(digits)
    assert all(a.box[2] <= b.box[2] for a, b in pairwise(found))


@pytest.mark.parametrize(("image", "digits"), _table("fields.tsv"), ids=lambda v: str(v))
def test_real_field_digits_are_read(image: str, digits: str) -> None:
    ink = _ink(DIGITS / image)
    readings = read_glyphs([g.ink for g in glyphs(ink, _EDGE, ink.shape[1] - _EDGE)])
    assert "".join(str(r.digit) for r in readings) == digits


def test_components_are_eight_connected_and_left_to_right() -> None:
    ink = np.zeros((10, 20), dtype=bool)
    ink[1, 12], ink[2, 13], ink[3, 14] = True, True, True  # a diagonal: one component
    ink[2:8, 2:4] = True
    found = components(ink)
    assert [g.box for g in found] == [(2, 2, 4, 8), (12, 1, 15, 4)]
    assert int(found[1].ink.sum()) == 3


def test_drawn_digits_are_cut_apart_specks_dropped_and_touching_ones_split() -> None:
    rng = np.random.default_rng(11)
    ones = [s for s in shapes() if s.digit == 1]
    sevens = [s for s in shapes() if s.digit == 7]
    parts = [_tight(drawn(ones[4], rng)), _tight(drawn(sevens[1], rng))]
    parts = [
        np.asarray(Image.fromarray(p).resize((p.shape[1] * 50 // p.shape[0], 50))) for p in parts
    ]
    apart = _field(parts, gap=8)
    apart[10, 5] = True  # a speck
    assert [r.digit for r in read_glyphs([g.ink for g in glyphs(apart, 0, apart.shape[1])])] == [
        1,
        7,
    ]
    touching = _field(parts, gap=-3)
    assert len(components(touching)) == 1
    cut = glyphs(touching, 0, touching.shape[1])
    assert [r.digit for r in read_glyphs([g.ink for g in cut])] == [1, 7]


def test_rule_line_touching_the_digits_is_wiped_out() -> None:
    ink = _ink(DIGITS / "1114-QD-TTg_number.png")
    ruled = np.zeros((ink.shape[0] + 6, ink.shape[1] + 400), dtype=bool)
    ruled[6:, 200 : 200 + ink.shape[1]] = ink
    rows = np.flatnonzero(ink.any(axis=1))
    ruled[rows[0] + 4 : rows[0] + 9, :] = True  # an underline through the top of the digits
    found = glyphs(ruled, 200 + _EDGE, 200 + ink.shape[1] - _EDGE)
    assert "".join(str(r.digit) for r in read_glyphs([g.ink for g in found])) == "1114"
    assert not erase_rules(ruled, 2 * ruled.shape[0])[rows[0] + 5, :150].any()


def test_broken_digit_is_put_back_together() -> None:
    ink = np.zeros((60, 60), dtype=bool)
    ink[5:28, 20:26] = True  # upper half of a bar ...
    ink[31:55, 21:27] = True  # ... and its lower half, after a break
    found = glyphs(ink, 0, 60)
    assert len(found) == 1
    assert found[0].box == (20, 5, 27, 55)


@pytest.mark.parametrize("width", [2, 3, 7, 400])
def test_long_thin_ink_is_cut_a_bounded_number_of_times(width: int) -> None:
    # A one-pixel-high stroke (a light threshold leaves such slivers) once recursed forever.
    ink = np.zeros((3, width + 4), dtype=bool)
    ink[1, 2 : 2 + width] = True
    found = glyphs(ink, 0, width + 4)
    assert len(found) <= 16
    assert sum(int(g.ink.sum()) for g in found) <= width


def test_only_glyphs_centred_between_the_bounds_are_kept() -> None:
    ink = np.zeros((40, 120), dtype=bool)
    for left in (10, 50, 90):
        ink[5:35, left : left + 12] = True
    assert [g.box[0] for g in glyphs(ink, 30, 100)] == [50, 90]


def test_features_fill_the_square_with_aspect_kept() -> None:
    bar = np.ones((40, 10), dtype=bool)
    grey = square(bar)
    assert grey.shape == (SIZE, SIZE)
    columns = np.flatnonzero(grey.max(axis=0) >= 0.5)
    assert grey[:, SIZE // 2].min() == pytest.approx(1.0)
    assert 6 <= len(columns) <= 10
    assert block_counts(grey).max() == 16
    assert features(bar).shape == (LENGTH,)
    assert not square(np.zeros((5, 5), dtype=bool)).any()


def test_model_file_round_trips_and_matches_the_features() -> None:
    model = network()
    again = load_network(dump_network(model))
    rows = np.random.default_rng(0).uniform(0, 16, size=(3, LENGTH))
    assert np.allclose(again.probabilities(rows), model.probabilities(rows), atol=1e-4)
    with pytest.raises(ValueError, match="does not match"):
        load_network(dump_network(model).replace("w2\t", "w2\t0 "))


def test_classifier_reads_held_out_drawn_and_typeset_digits() -> None:
    fonts = sorted(Path("/usr/share/fonts/truetype").rglob("DejaVu*.ttf"))
    if not fonts:
        pytest.skip("no DejaVu fonts here")
    glyph_list, digits = synthetic(seed=7, faces=fonts, scale=0.05)
    readings = read_glyphs(glyph_list)
    right = sum(r.digit == d for r, d in zip(readings, digits, strict=True))
    assert right / len(digits) >= 0.97


def test_classifier_reads_held_out_uci_handwriting() -> None:
    glyph_list, digits = uci_glyphs()
    assert len(digits) == 1797
    assert np.bincount(digits).min() >= 170
    readings = read_glyphs(glyph_list[1::2])  # the odd rows: not trained on
    right = sum(r.digit == d for r, d in zip(readings, digits[1::2], strict=True))
    assert right / len(readings) >= 0.93


def test_uci_export_writes_counts_in_base_17(tmp_path: Path) -> None:
    source = tmp_path / "digits.csv.gz"
    counts = [0, 16, 9, 10] + [1] * 60
    with gzip.open(source, "wt") as handle:
        handle.write(",".join(str(c) for c in [*counts, 7]) + "\n")
    rows = [r for r in export_uci(source).splitlines() if not r.startswith("#")]
    assert rows == ["7\t0g9a" + "1" * 60]


def test_shapes_file_parses_and_covers_every_digit() -> None:
    assert {s.digit for s in shapes()} == set(range(10))
    shape = parse_shapes("# comment\n7\t0,0 1,0 0.4,1 | ~ 0.2,0.5 0.8,0.5\n")[0]
    assert shape.digit == 7
    assert [s.smooth for s in shape.strokes] == [False, True]
    assert shape.strokes[0].points.shape == (3, 2)


def test_scanned_glyph_is_brought_to_scan_size() -> None:
    rng = np.random.default_rng(3)
    ink = scanned(drawn(shapes()[0], rng), rng)
    assert 30 <= ink.shape[0] - 4 <= 60
    assert ink.any()


def test_glyph_geometry() -> None:
    glyph = Glyph((10, 4, 30, 44), np.ones((40, 20), dtype=bool))
    assert (glyph.width, glyph.height, glyph.centre) == (20, 40, (20.0, 24.0))
