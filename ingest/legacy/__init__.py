"""Legacy Vietnamese font encodings (TCVN3/ABC, VNI Windows): detection and conversion."""

from ingest.legacy.codec import TCVN3, VNI, from_unicode, tcvn3_runs, tcvn3_to_unicode, to_unicode
from ingest.legacy.detect import detect_legacy
from ingest.legacy.fonts import font_conversion

__all__ = [
    "TCVN3",
    "VNI",
    "detect_legacy",
    "font_conversion",
    "from_unicode",
    "tcvn3_runs",
    "tcvn3_to_unicode",
    "to_unicode",
]
