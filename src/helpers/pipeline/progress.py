"""Progress of a run's long stages, as lines in the driver's log: how much is done, the rate, the time left.

The driver's log is what a user watches in the terminal and what CI keeps, so progress is written
there as plain lines (a bar that redraws itself is unreadable in a log file). A stage reports when it
starts, every few seconds while it runs (from a watcher thread that asks the stage how far it is), and
when it ends; a stage shorter than the interval shows only its start and end lines.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

EVERY_S = 5.0  # seconds between progress lines while a stage runs


def _duration(seconds: float) -> str:
    seconds = max(0.0, seconds)
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes, secs = divmod(int(round(seconds)), 60)
    return f"{minutes} min {secs:02d} s" if minutes < 60 else f"{minutes // 60} h {minutes % 60:02d} min"


@dataclass
class Progress:
    """One stage's progress: ``done`` of ``total`` units since the stage started (by ``clock``)."""

    label: str
    total: int | None
    log: Callable[..., None]
    unit: str = "article"
    clock: Callable[[], float] = time.monotonic
    done: int = 0
    current: str = ""
    started: float = field(init=False)

    def __post_init__(self) -> None:
        self.started = self.clock()

    def _rate(self, elapsed: float) -> str:
        if self.done == 0 or elapsed <= 0:
            return ""
        per_second = self.done / elapsed
        return f"{per_second:.1f} {self.unit}s/s" if per_second >= 1 else f"{elapsed / self.done:.1f} s per {self.unit}"

    def left(self) -> str:
        """'about 57 s left' at the rate so far; empty before the first unit and after the last."""
        elapsed = self.clock() - self.started
        if self.total is None or not 0 < self.done < self.total or elapsed <= 0:
            return ""
        return f"about {_duration((self.total - self.done) * elapsed / self.done)} left"

    def line(self) -> str:
        """'LABEL: 1,500/10,000 articles (15%), 150.0 articles/s, 10 s elapsed, about 57 s left; CURRENT'."""
        elapsed = self.clock() - self.started
        count = f"{self.done:,}/{self.total:,} {self.unit}s ({self.done / self.total:.0%})" if self.total \
            else f"{self.done:,} {self.unit}s" if self.done else ""  # a stage that cannot count shows its time
        parts = [count, self._rate(elapsed), f"{_duration(elapsed)} elapsed", self.left()]
        return f"{self.label}: " + ", ".join(p for p in parts if p) + (f"; {self.current}" if self.current else "")

    def update(self, done: int | None = None, current: str | None = None) -> None:
        """Record how far the stage is and write a progress line."""
        if done is not None:
            self.done = done
        if current is not None:
            self.current = current
        self.log(self.line(), flush=True)

    def finish(self) -> float:
        """Write the stage's last line (count, time, rate); return the seconds it took."""
        elapsed = self.clock() - self.started
        rate = self._rate(elapsed)
        self.log(f"{self.label}: {self.done:,} {self.unit}s done in {elapsed:.1f} s" + (f" ({rate})" if rate else ""),
                 flush=True)
        return elapsed


@contextmanager
def watched(progress: Progress, measure: Callable[[], int] | None = None, every: float = EVERY_S) -> Iterator[None]:
    """While the body runs, write a progress line every ``every`` seconds (``measure`` says how much is done)."""
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(every):
            try:
                done = measure() if measure is not None else None
            except Exception:  # progress is advice: a measure that fails now skips one line, never the stage
                continue
            progress.update(done)

    thread = threading.Thread(target=watch, name=f"progress {progress.label}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
