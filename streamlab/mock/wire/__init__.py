"""The wire formats the mock speaks (OpenAI Chat Completions and Responses, Anthropic Messages) and how their bytes
go out: frames, pacing, faults, counters. Uses compose/ (what to say) and words/ (tokens)."""
