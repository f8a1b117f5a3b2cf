"""Live numbers for one run: time to first token, chunks, gaps, throughput, usage; the arrival chart."""

from __future__ import annotations

import html
import statistics
import time
from dataclasses import dataclass, field

PANE_COLOURS = ("#2563eb", "#16a34a", "#d97706", "#9333ea", "#dc2626")
REFRESH_S = 0.5  # the metrics table and the chart are redrawn at most this often while a run streams
THINKING_PANE = "thinking"  # a pane of this name holds a reasoning model's thinking: its first text is timed too


@dataclass
class Figures:
    """One measured pane: what arrived in it, counted as the pane shows it (one yielded piece = one chunk)."""

    chunks: int = 0
    chars: int = 0
    first_at: float | None = None
    last_at: float | None = None
    gaps: list[float] = field(default_factory=list)  # seconds between this pane's chunks

    def add(self, text: str, now: float) -> None:
        if not text:  # an empty piece shows nothing: no chunk
            return
        if self.last_at is not None:
            self.gaps.append(now - self.last_at)
        self.chunks += 1
        self.chars += len(text)
        if self.first_at is None:
            self.first_at = now
        self.last_at = now


@dataclass
class Metrics:
    """Counts are of the measured panes (the answer text, a lesson's MEASURE); the chart shows every pane."""

    measured: tuple[str, ...] = ("output",)
    started: float = field(default_factory=time.perf_counter)
    usage: dict | None = None
    arrivals: list[tuple[float, str, int]] = field(default_factory=list)  # (seconds, pane, chars)
    ended: float | None = None  # set when the run is over: elapsed stops growing there
    panes: dict[str, Figures] = field(default_factory=dict)
    first_thinking_at: float | None = None  # the first text of a `thinking` pane, measured or not

    def __post_init__(self) -> None:
        self.panes = {pane: Figures() for pane in self.measured}

    @property
    def chunks(self) -> int:
        return sum(f.chunks for f in self.panes.values())

    @property
    def chars(self) -> int:
        return sum(f.chars for f in self.panes.values())

    @property
    def first_at(self) -> float | None:
        return min((f.first_at for f in self.panes.values() if f.first_at is not None), default=None)

    def finish(self, now: float | None = None) -> None:
        if self.ended is None:
            self.ended = time.perf_counter() if now is None else now

    def record(self, pane: str, text: str, now: float | None = None) -> None:
        now = time.perf_counter() if now is None else now
        self.arrivals.append((now - self.started, pane, len(text)))
        if pane == THINKING_PANE and text and self.first_thinking_at is None:
            self.first_thinking_at = now
        figures = self.panes.get(pane)
        if figures is not None:
            figures.add(text, now)

    def _pane_summary(self, f: Figures) -> dict:
        streaming = (f.last_at - f.first_at) if f.first_at is not None and f.last_at is not None else 0.0
        return {
            "ttft_ms": None if f.first_at is None else round((f.first_at - self.started) * 1000),
            "chunks": f.chunks,
            "chars": f.chars,
            "chunks_per_s": round((f.chunks - 1) / streaming, 1) if streaming > 0 else None,
            "median_gap_ms": round(statistics.median(f.gaps) * 1000, 1) if f.gaps else None,
        }

    def summary(self, now: float | None = None) -> dict:
        """The run's figures: the first measured pane's at the top level, every measured pane's under "panes"."""
        now = self.ended or (time.perf_counter() if now is None else now)
        panes = {name: self._pane_summary(f) for name, f in self.panes.items()}
        first = next(iter(panes.values()), self._pane_summary(Figures()))
        thinking = None if self.first_thinking_at is None else round((self.first_thinking_at - self.started) * 1000)
        return {**first, "first_thinking_ms": thinking, "elapsed_s": round(now - self.started, 2),
                "usage": self.usage, "panes": panes}

    def markdown(self, now: float | None = None) -> str:
        """A row per measured pane, named; then the run's elapsed time and its token usage."""
        s = self.summary(now)
        rows = []
        for name, p in s["panes"].items():
            ttft = "—" if p["ttft_ms"] is None else f"{p['ttft_ms']} ms"
            rate = "—" if p["chunks_per_s"] is None else f"{p['chunks_per_s']}"
            rows.append(f"| {name} | {ttft} | {p['chunks']} | {p['chars']} | {rate} |")
        run = [("elapsed", f"{s['elapsed_s']:.1f} s")]
        usage = s["usage"] or {}
        tokens = (usage.get("prompt_tokens", usage.get("input_tokens")),
                  usage.get("completion_tokens", usage.get("output_tokens")))
        if any(t is not None for t in tokens):
            run.append(("tokens in / out", f"{tokens[0]} / {tokens[1]}"))
        if usage.get("reasoning_tokens") is not None:  # part of the tokens out, spent thinking
            run.append(("of which reasoning", usage["reasoning_tokens"]))
        return ("| pane | first token | chunks | characters | chunks/s |\n|---|---|---|---|---|\n"
                + "\n".join(rows) + "\n\n" + " · ".join(f"{name} **{value}**" for name, value in run))

    def chart_svg(self, panes: tuple[str, ...], width: int = 640, row: int = 22) -> str:
        """One row of ticks per pane at each chunk's arrival time (seconds since the request).

        Each row is one `<path>` (a few bytes a tick), so redrawing it while the run streams stays cheap."""
        if not self.arrivals:
            return ""
        end = max(t for t, _, _ in self.arrivals) or 1e-3
        left, right = 90, 12
        scale = (width - left - right) / end
        present = {a[1] for a in self.arrivals}
        rows = [p for p in panes if p in present] or list(panes)
        height = row * len(rows) + 28
        parts = [f'<svg class="arrivals" role="img" viewBox="0 0 {width} {height}" width="100%" '
                 f'xmlns="http://www.w3.org/2000/svg"><title>When each chunk arrived</title>']
        for i, pane in enumerate(rows):
            y = 6 + i * row
            colour = PANE_COLOURS[i % len(PANE_COLOURS)]
            parts.append(f'<text x="0" y="{y + 13}" font-size="11" fill="currentColor">{html.escape(pane)}</text>')
            ticks = "".join(f"M{left + t * scale:.1f} {y}v{row - 6}" for t, p, _ in self.arrivals if p == pane)
            if ticks:
                parts.append(f'<path class="ticks" d="{ticks}" stroke="{colour}" stroke-width="1.5"/>')
        axis_y = 6 + len(rows) * row
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{axis_y}" y2="{axis_y}" stroke="currentColor"/>')
        for k in range(5):
            t = end * k / 4
            x = left + t * scale
            parts.append(f'<text x="{x:.1f}" y="{axis_y + 16}" font-size="10" text-anchor="middle" '
                         f'fill="currentColor">{t:.2f}s</text>')
        parts.append("</svg>")
        return "".join(parts)
