"""OCR for pages without a text layer and for image files (Tesseract, Vietnamese model).

``ingest.ocr.pages.ocr_images`` is the entry point; ``engine`` runs Tesseract, ``prepare``
cleans page images, ``reread`` takes a second look at the number line, ``repair`` fixes
OCR noise that metadata depends on, ``accuracy`` measures OCR against a transcription.
"""
