"""Live numbers for one run: time to first token, chunks, gaps, throughput, usage; the arrival chart."""

from __future__ import annotations

import html
import statistics
import time
from dataclasses import dataclass, field

PANE_COLOURS = ("#2563eb", "#16a34a", "#d97706", "#9333ea", "#dc2626")
THINKING_PANE = "thinking"  # a pane of this name holds a reasoning model's thinking: its first text is timed too


@dataclass
class Metrics:
    """Counts are of the main pane (the answer); the chart shows every pane's arrivals. A `thinking` pane's
    first text is timed as well, to set the thinking's first token against the answer's."""

    main_pane: str = "output"
    started: float = field(default_factory=time.perf_counter)
    first_at: float | None = None
    first_thinking_at: float | None = None
    last_at: float | None = None
    chunks: int = 0
    chars: int = 0
    usage: dict | None = None
    arrivals: list[tuple[float, str, int]] = field(default_factory=list)  # (seconds, pane, chars)
    gaps: list[float] = field(default_factory=list)  # seconds between main-pane chunks
    ended: float | None = None  # set when the run is over: elapsed stops growing there

    def finish(self, now: float | None = None) -> None:
        if self.ended is None:
            self.ended = time.perf_counter() if now is None else now

    def record(self, pane: str, text: str, now: float | None = None) -> None:
        now = time.perf_counter() if now is None else now
        self.arrivals.append((now - self.started, pane, len(text)))
        if pane == THINKING_PANE and text and self.first_thinking_at is None:
            self.first_thinking_at = now
        if pane != self.main_pane:
            return
        if self.last_at is not None:
            self.gaps.append(now - self.last_at)
        self.chunks += 1
        self.chars += len(text)
        if text and self.first_at is None:
            self.first_at = now
        self.last_at = now

    def summary(self, now: float | None = None) -> dict:
        now = self.ended or (time.perf_counter() if now is None else now)
        elapsed = now - self.started
        streaming = (self.last_at - self.first_at) if self.first_at and self.last_at else 0.0
        return {
            "ttft_ms": self._ms_since_start(self.first_at),
            "first_thinking_ms": self._ms_since_start(self.first_thinking_at),
            "chunks": self.chunks,
            "chars": self.chars,
            "elapsed_s": round(elapsed, 2),
            "chunks_per_s": round((self.chunks - 1) / streaming, 1) if streaming > 0 else None,
            "median_gap_ms": round(statistics.median(self.gaps) * 1000, 1) if self.gaps else None,
            "usage": self.usage,
        }

    def _ms_since_start(self, at: float | None) -> int | None:
        return None if at is None else round((at - self.started) * 1000)

    def markdown(self, now: float | None = None) -> str:
        s = self.summary(now)
        ttft = "—" if s["ttft_ms"] is None else f"{s['ttft_ms']} ms"
        rate = "—" if s["chunks_per_s"] is None else f"{s['chunks_per_s']}"
        cells = [("first thinking", f"{s['first_thinking_ms']} ms")] if s["first_thinking_ms"] is not None else []
        cells += [("first token", ttft), ("chunks", s["chunks"]), ("characters", s["chars"]),
                  ("elapsed", f"{s['elapsed_s']} s"), ("chunks/s", rate)]
        usage = s["usage"] or {}
        tokens = (usage.get("prompt_tokens", usage.get("input_tokens")),
                  usage.get("completion_tokens", usage.get("output_tokens")))
        if any(t is not None for t in tokens):
            cells.append(("tokens in / out", f"{tokens[0]} / {tokens[1]}"))
        if usage.get("reasoning_tokens") is not None:  # part of the tokens out, spent thinking
            cells.append(("of which reasoning", usage["reasoning_tokens"]))
        head = " | ".join(c[0] for c in cells)
        body = " | ".join(str(c[1]) for c in cells)
        return f"| {head} |\n|{'---|' * len(cells)}\n| {body} |"

    def chart_svg(self, panes: tuple[str, ...], width: int = 640, row: int = 22) -> str:
        """One row of ticks per pane at each chunk's arrival time (seconds since the request)."""
        if not self.arrivals:
            return ""
        end = max(t for t, _, _ in self.arrivals) or 1e-3
        left, right = 90, 12
        scale = (width - left - right) / end
        rows = [p for p in panes if any(a[1] == p for a in self.arrivals)] or list(panes)
        height = row * len(rows) + 28
        parts = [f'<svg class="arrivals" role="img" viewBox="0 0 {width} {height}" width="100%" '
                 f'xmlns="http://www.w3.org/2000/svg"><title>When each chunk arrived</title>']
        for i, pane in enumerate(rows):
            y = 6 + i * row
            colour = PANE_COLOURS[i % len(PANE_COLOURS)]
            parts.append(f'<text x="0" y="{y + 13}" font-size="11" fill="currentColor">{html.escape(pane)}</text>')
            for t, p, _ in self.arrivals:
                if p == pane:
                    x = left + t * scale
                    parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y}" y2="{y + row - 6}" '
                                 f'stroke="{colour}" stroke-width="1.5"/>')
        axis_y = 6 + len(rows) * row
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{axis_y}" y2="{axis_y}" stroke="currentColor"/>')
        for k in range(5):
            t = end * k / 4
            x = left + t * scale
            parts.append(f'<text x="{x:.1f}" y="{axis_y + 16}" font-size="10" text-anchor="middle" '
                         f'fill="currentColor">{t:.2f}s</text>')
        parts.append("</svg>")
        return "".join(parts)
