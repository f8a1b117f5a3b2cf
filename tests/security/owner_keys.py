"""The server owner's keys the attack tests put in the environment: none may ever reach a visitor."""

OWNER_KEYS = {"OPENAI_API_KEY": "sk-owner-openai-LEAKCHECK-1f2e",
              "ANTHROPIC_API_KEY": "sk-ant-owner-LEAKCHECK-3c4d",
              "STREAMLAB_COMPATIBLE_API_KEY": "sk-owner-compat-LEAKCHECK-5a6b"}
