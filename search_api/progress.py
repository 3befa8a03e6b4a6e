"""A terminal progress line for long runs: files done, files/s and time left."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from search_api.indexer import Progress


class ProgressLine:
    """Callback for ``index_paths``: redraws one line on a terminal, logs every 10 s otherwise."""

    def __init__(self, stream: TextIO = sys.stderr, *, interval: float = 0.2) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.interval = interval if self.tty else 10.0
        self.started = time.monotonic()
        self.last = 0.0

    def __call__(self, state: Progress) -> None:
        now = time.monotonic()
        if now - self.last < self.interval and state.done < state.total:
            return
        self.last = now
        line = self.describe(state, now - self.started)
        if self.tty:
            self.stream.write("\r\x1b[2K" + line)
            if state.done >= state.total:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    @staticmethod
    def describe(state: Progress, elapsed: float) -> str:
        rate = state.done / elapsed if elapsed > 0 else 0.0
        left = (state.total - state.done) / rate if rate > 0 else 0.0
        share = state.done / state.total if state.total else 1.0
        bar = "#" * int(share * 24)
        return (
            f"[{bar:<24}] {state.done}/{state.total} files  {rate:.1f} files/s  "
            f"{_clock(left)} left  (stored {state.stored}, unchanged {state.skipped}, "
            f"failed {state.failed})"
        )


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
