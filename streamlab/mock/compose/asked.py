"""A prompt as the plain-prompt rules read it (streamlab.mock.compose.plain and its neighbours)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Asked:
    text: str  # the prompt, without the constraints on its answer's shape (constraints.py takes those off)
    zh: bool  # the answer's language is Chinese
    earlier: list[str] = field(default_factory=list)  # what was said before, in this conversation

    @property
    def low(self) -> str:
        return " ".join(self.text.lower().split()).rstrip(" ?？!！.。")
