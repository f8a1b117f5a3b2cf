"""The mock's bottom layer: text cut into tokens, what a prompt states (facts), values that fit a JSON schema.
Imports nothing else of the mock."""
