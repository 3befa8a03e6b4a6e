"""Which legacy encoding a font name implies: ".VnTime" is TCVN3, "VNI-Times" is VNI."""

from __future__ import annotations

from ingest.legacy.codec import TCVN3, VNI


def font_conversion(font: str | None) -> tuple[str, bool] | None:
    """``(conversion, uppercase_font)`` for a legacy font name, else ``None``.

    >>> font_conversion(".VnTimeH")
    ('tcvn3', True)
    >>> font_conversion("VNI-Times")
    ('vni', False)
    >>> font_conversion("Times New Roman") is None
    True
    """
    if not font:
        return None
    name = font.strip()
    if name.startswith(".Vn") or (name.startswith("Vn") and name[2:3].isupper()):
        family = name.lstrip(".").split()[0]
        return TCVN3, family.endswith("H")
    if name.upper().startswith("VNI-") or name.upper().startswith("VNI "):
        return VNI, False
    return None
