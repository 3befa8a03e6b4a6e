"""vanban's reading stage: files in, ``ParsedDocument`` (clean NFC text) out."""
