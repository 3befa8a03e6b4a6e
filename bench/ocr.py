"""OCR speed and quality.

.venv/bin/python bench/ocr.py scans [DIR] [--expected TSV]
    seconds per page (wall time, all cores) over the image-only PDFs in DIR
    (default $VANBAN_REAL_CORPUS/pdf), and number/date per file against TSV
    (default tests/ingest/data/real_scans.tsv)
.venv/bin/python bench/ocr.py accuracy [DIR] [--faithful FOLDER]
    character accuracy of the OCR of each scan DIR/pdf/NAME_scan.pdf that has a faithful
    transcription FOLDER/NAME.faithful.txt (default tests/ingest/data/scans): against the
    shared transcription DIR/docs/NAME.txt, against the faithful one, and the ceiling (the
    shared transcription scored against the faithful one: the best any OCR can score
    against the shared one); DIR defaults to $VANBAN_REAL_CORPUS
.venv/bin/python bench/ocr.py synthetic [--limit N] [--dpi D]
    corpus documents rendered to PDF, rasterised, rotated/blurred/noised, read back:
    share whose number and issued date match the gold
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def _render_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_render", ROOT / "corpus" / "render.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def scans(folder: Path, expected_tsv: Path) -> int:
    from ingest.ocr.evaluate import header_matches
    from ingest.read import read_path

    with expected_tsv.open(encoding="utf-8") as handle:
        expected = {row["file"]: row for row in csv.DictReader(handle, delimiter="\t")}
    pages, elapsed, right = 0, 0.0, 0
    for pdf in sorted(folder.glob("*_scan.pdf")):
        start = time.perf_counter()
        doc = read_path(pdf)
        elapsed += time.perf_counter() - start
        pages += doc.source.pages or 0
        row = expected.get(pdf.name, {})
        check = header_matches(doc.text, row.get("number"), row.get("issued_date"))
        right += check.ok
        print(
            f"{pdf.name}\t{'ok' if check.ok else 'WRONG'}\tnumber={check.number}"
            f"\tdate={check.issued_date}\tconfidence={doc.source.page_confidence}"
        )
    print(f"number and date right: {right}/{len(expected)}")
    print(f"{elapsed / max(pages, 1):.2f} s per page over {pages} pages ({os.cpu_count()} cores)")
    return 0


def accuracy(corpus: Path, faithful: Path) -> int:
    from ingest.ocr.accuracy import character_accuracy
    from ingest.read import read_path

    print("scan\tvs shared\tvs faithful\tceiling\tseconds")
    for path in sorted(faithful.glob("*.faithful.txt")):
        name = path.name.removesuffix(".faithful.txt")
        exact = path.read_text("utf-8")
        shared = (corpus / "docs" / f"{name}.txt").read_text("utf-8-sig")
        start = time.perf_counter()
        text = read_path(corpus / "pdf" / f"{name}_scan.pdf").text
        elapsed = time.perf_counter() - start
        scores = (
            character_accuracy(shared, text),
            character_accuracy(exact, text),
            character_accuracy(shared, exact),
        )
        print(f"{name}\t" + "\t".join(f"{score:.4f}" for score in scores) + f"\t{elapsed:.1f}")
    return 0


def synthetic(limit: int | None, dpi: int) -> int:
    import pypdfium2 as pdfium

    from ingest.ocr.evaluate import header_matches
    from ingest.ocr.pages import ocr_images
    from ingest.ocr.synthetic import degrade

    render = _render_module()
    names = sorted(p.stem for p in (ROOT / "corpus").glob("*.txt"))[:limit]
    right, pages, elapsed = 0, 0, 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for seed, name in enumerate(names):
            text = (ROOT / "corpus" / f"{name}.txt").read_text("utf-8")
            gold = json.loads((ROOT / "corpus" / f"{name}.gold.json").read_text("utf-8"))
            pdf_path = Path(tmp) / f"{name}.pdf"
            render.render_pdf(text, pdf_path)
            doc = pdfium.PdfDocument(str(pdf_path))
            images = [degrade(doc[0].render(scale=dpi / 72).to_pil(), seed)]
            start = time.perf_counter()
            page = ocr_images(images, filename=name, dpi=dpi)[0]
            elapsed += time.perf_counter() - start
            pages += 1
            meta = gold["metadata"]
            check = header_matches(page.text, meta.get("number"), meta.get("issued_date"))
            right += check.ok
            print(f"{name}\t{'ok' if check.ok else 'WRONG'}\t{check.number}\t{check.issued_date}")
    print(f"number and date right: {right}/{len(names)} ({right / max(len(names), 1):.0%})")
    print(f"{elapsed / max(pages, 1):.2f} s per first page")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    scan = sub.add_parser("scans")
    default = Path(os.environ.get("VANBAN_REAL_CORPUS", "../shared/corpus-real")) / "pdf"
    scan.add_argument("folder", nargs="?", type=Path, default=default)
    scan.add_argument(
        "--expected", type=Path, default=ROOT / "tests" / "ingest" / "data" / "real_scans.tsv"
    )
    acc = sub.add_parser("accuracy")
    acc.add_argument("corpus", nargs="?", type=Path, default=default.parent)
    acc.add_argument("--faithful", type=Path, default=ROOT / "tests" / "ingest" / "data" / "scans")
    synth = sub.add_parser("synthetic")
    synth.add_argument("--limit", type=int, default=None)
    synth.add_argument("--dpi", type=int, default=300)
    args = parser.parse_args(argv)
    if args.command == "scans":
        return scans(args.folder, args.expected)
    if args.command == "accuracy":
        return accuracy(args.corpus, args.faithful)
    return synthetic(args.limit, args.dpi)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
