"""The one exception family of the reading stage."""

from __future__ import annotations


class IngestError(Exception):
    """A file that cannot be read: names the file and the reason in one line."""

    def __init__(self, filename: str, reason: str) -> None:
        super().__init__(f"{filename}: {reason}")
        self.filename = filename
        self.reason = reason
