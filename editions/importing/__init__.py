"""Turning page dumps and edition JSON into editions, and editions back into JSON and dumps.

`parser`, `draft` and `jsonio` are pure Python (no Django import), so they can be tested and
fuzzed alone; `service` writes an `EditionDraft` to the database.
"""
