"""The importer's pure core: page dumps and edition JSON in, `EditionDraft` out, and back.

Nothing here imports Django or the project's apps, so it can be tested and fuzzed alone; the
services above it (`importer.services`) write an `EditionDraft` to the database.
"""
