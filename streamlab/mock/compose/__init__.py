"""What the mock says: a request read as a conversation, then an answer (curated, or composed for the prompt's
intent), tool calls, reasoning. Uses words/ only."""
