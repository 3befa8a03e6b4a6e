"""OCR for pages without a text layer and for image files (Tesseract, Vietnamese model).

``ingest.ocr.pages.ocr_images`` is the entry point and runs the steps of one page in order:
``prepare`` cleans the image, ``engine`` runs Tesseract, ``stamps`` drops received stamps,
``regions`` reads figure blocks that hold text (a signature under a seal) again, ``reread``
takes a second look at the number line and, through ``fields``, reads stamped or hand-drawn
digits of the number and date glyph by glyph (``digits_segment`` cuts them, ``digits``
classifies them with a small network trained by ``digits_train`` on ``digits_synth`` and UCI
data), ``columns`` orders the two header columns, ``tables`` turns ruled tables into " | "
rows (``grid`` finds the rules and their cells on the page image, ``cells`` reads again the
cells Tesseract misread), ``noise`` drops stray marks and ``repair`` fixes OCR noise that
metadata depends on. ``accuracy`` and ``evaluate`` measure OCR against
a transcription and against expected metadata.
"""
