"""What the mock knows, as data a newcomer extends in one line: places and their capitals, a few well-known
figures, the course's own terms, common phrases in several languages, personas a system prompt may ask for, and
lists on the course's topics. Plain tables in English and Chinese; `compose/plain.py` holds the rules that read
them. Imports nothing."""
