"""Training the digit classifier of ``ingest.ocr.digits`` (run once; the result is packaged).

    python -m ingest.ocr.digits_train [--fonts DIR] [--out PATH]
    python -m ingest.ocr.digits_train --export-uci .../sklearn/datasets/data/digits.csv.gz

Training glyphs: digits drawn from the pen strokes of ``data/digit_strokes.tsv`` and typeset
in the TrueType fonts under ``--fonts`` (DejaVu and Liberation; only needed here, not at run
time), all brought down to a scan's size, plus the even rows of ``data/digits_uci.tsv`` (the
UCI handwritten digits, CC BY 4.0, see that file). Held out: glyphs drawn and typeset with
another random seed, and the odd UCI rows; their accuracy is printed.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from importlib import resources
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from ingest.ocr.digits import MODEL, Network, dump_network
from ingest.ocr.digits_features import features
from ingest.ocr.digits_synth import Mask, drawn, scanned, shapes, typeset

Array = NDArray[np.float64]
UCI = "data/digits_uci.tsv"
_UCI_HEADER = """\
# Optical Recognition of Handwritten Digits (test part, 1797 digits by 13 writers), as shipped
# with scikit-learn (sklearn.datasets.load_digits). E. Alpaydin, C. Kaynak (1998), UCI Machine
# Learning Repository, https://doi.org/10.24432/C50P49, licence CC BY 4.0.
# One digit a line: the digit, a tab, then its 8x8 block counts (0-16, row by row) written
# as 64 characters in base 17 (0-9, a-g).
"""
_BASE17 = "0123456789abcdefg"
FONT_NAMES = ("DejaVuSans", "DejaVuSerif", "Liberation")
DRAWN_PER_DIGIT = 400
TYPESET_PER_DIGIT = 200
HIDDEN = 64
EPOCHS = 60


def export_uci(csv_gz: Path) -> str:
    """scikit-learn's ``digits.csv.gz`` (64 counts then the digit, per line) as UCI's file."""
    lines = [_UCI_HEADER.rstrip("\n")]
    with gzip.open(csv_gz, "rt", encoding="ascii") as handle:
        for row in handle:
            values = [int(v) for v in row.split(",")]
            counts, digit = values[:64], values[64]
            lines.append(f"{digit}\t{''.join(_BASE17[c] for c in counts)}")
    return "\n".join(lines) + "\n"


def uci_glyphs() -> tuple[list[Mask], list[int]]:
    """The UCI digits as 32×32 ink (their 8×8 counts scaled up and thresholded)."""
    text = resources.files("ingest.ocr").joinpath(UCI).read_text(encoding="utf-8")
    glyphs: list[Mask] = []
    digits: list[int] = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        digit, code = line.split("\t")
        counts = np.array([_BASE17.index(c) for c in code], dtype=np.float64).reshape(8, 8)
        grey = Image.fromarray((counts / 16 * 255).astype(np.uint8))
        big = grey.resize((32, 32), Image.Resampling.BILINEAR)
        glyphs.append(np.asarray(big) >= 128)
        digits.append(int(digit))
    return glyphs, digits


def fonts(folder: Path) -> list[Path]:
    by_name = {p.name: p for p in sorted(folder.rglob("*.ttf")) if p.name.startswith(FONT_NAMES)}
    found = [by_name[name] for name in sorted(by_name)]
    if not found:
        raise SystemExit(f"no DejaVu or Liberation fonts under {folder}")
    return found


def synthetic(seed: int, faces: list[Path], scale: float = 1.0) -> tuple[list[Mask], list[int]]:
    """Drawn and typeset glyphs of every digit, brought down to a scan's size."""
    rng = np.random.default_rng(seed)
    glyphs: list[Mask] = []
    digits: list[int] = []
    for digit in range(10):
        ways = [s for s in shapes() if s.digit == digit]
        for i in range(round(DRAWN_PER_DIGIT * scale)):
            glyphs.append(scanned(drawn(ways[i % len(ways)], rng), rng))
            digits.append(digit)
        for i in range(round(TYPESET_PER_DIGIT * scale)):
            glyphs.append(scanned(typeset(faces[i % len(faces)], digit, rng), rng))
            digits.append(digit)
    keep = [i for i, g in enumerate(glyphs) if g.sum() >= 20]
    return [glyphs[i] for i in keep], [digits[i] for i in keep]


def train(rows: Array, digits: NDArray[np.int64], seed: int = 0) -> Network:
    """A one-hidden-layer network fitted with Adam on softmax cross-entropy."""
    rng = np.random.default_rng(seed)
    mean, scale = rows.mean(axis=0), rows.std(axis=0) + 1e-6
    x_all = (rows - mean) / scale
    target = np.eye(10)[digits]
    params = [
        rng.normal(0.0, np.sqrt(2.0 / rows.shape[1]), (rows.shape[1], HIDDEN)),
        np.zeros(HIDDEN),
        rng.normal(0.0, np.sqrt(2.0 / HIDDEN), (HIDDEN, 10)),
        np.zeros(10),
    ]
    first = [np.zeros_like(p) for p in params]
    second = [np.zeros_like(p) for p in params]
    step = 0
    for _epoch in range(EPOCHS):
        order = rng.permutation(len(rows))
        for start in range(0, len(rows), 64):
            batch = order[start : start + 64]
            x = x_all[batch]
            hidden = np.maximum(0.0, x @ params[0] + params[1])
            logits = hidden @ params[2] + params[3]
            logits -= logits.max(axis=1, keepdims=True)
            odds = np.exp(logits)
            odds /= odds.sum(axis=1, keepdims=True)
            error = (odds - target[batch]) / len(batch)
            back = error @ params[2].T * (hidden > 0)
            grads = [x.T @ back + 1e-4 * params[0], back.sum(0)]
            grads += [hidden.T @ error + 1e-4 * params[2], error.sum(0)]
            step += 1
            for i, grad in enumerate(grads):
                first[i] = 0.9 * first[i] + 0.1 * grad
                second[i] = 0.999 * second[i] + 0.001 * grad * grad
                corrected = first[i] / (1 - 0.9**step)
                params[i] -= 1e-3 * corrected / (np.sqrt(second[i] / (1 - 0.999**step)) + 1e-8)
    return Network(mean, scale, params[0], params[1], params[2], params[3])


def accuracy(network: Network, glyphs: list[Mask], digits: list[int]) -> float:
    rows = np.array([features(g) for g in glyphs])
    guessed = network.probabilities(rows).argmax(axis=1)
    return float(np.mean(guessed == np.array(digits)))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fonts", type=Path, default=Path("/usr/share/fonts/truetype"))
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--export-uci", type=Path, default=None, metavar="DIGITS_CSV_GZ")
    args = parser.parse_args(argv)
    package = Path(__file__).parent
    if args.export_uci:
        (package / UCI).write_text(export_uci(args.export_uci), encoding="utf-8")
        return 0
    faces = fonts(args.fonts)
    glyphs, digits = synthetic(seed=1, faces=faces)
    held_glyphs, held_digits = synthetic(seed=2, faces=faces, scale=0.25)
    uci, uci_digits = uci_glyphs()
    glyphs += uci[0::2]
    digits += uci_digits[0::2]
    rows = np.array([features(g) for g in glyphs])
    network = train(rows, np.array(digits))
    print(f"trained on {len(glyphs)} glyphs ({len(faces)} fonts)")
    print(f"held out, drawn and typeset: {accuracy(network, held_glyphs, held_digits):.4f}")
    print(f"held out, UCI odd rows: {accuracy(network, uci[1::2], uci_digits[1::2]):.4f}")
    out = args.out or package / MODEL
    out.write_text(dump_network(network), encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
