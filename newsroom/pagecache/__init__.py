"""The page cache of the published site, invalidated edition by edition.

Every cached response is stored with the version tokens of the scopes it depends on, and served
only while they are all current:

- an edition (its pages, articles, whole stories and JSON),
- its publication (the front page and the archive, which show the latest editions),
- the whole site (contributor names appear in every byline).

`tokens` holds the scopes and their tokens, `decorator` the view decorator (`cache_published`)
and the cache headers (`mark_public`, `mark_private`); neither imports an app, so every app's
views may use them. `receivers` forgets cached pages when what they show changes: it knows the
editions' and articles' models, sits above both apps, and is connected by this package's own
AppConfig (`newsroom.pagecache.apps`). Writes with side effects never live in a receiver; cache
invalidation is the one thing signals do.
"""
