"""The one policy for text that comes from outside: page dumps, edition JSON, uploads.

Pure Python, no Django import: the importer's pure core and the search tokenizer both use it.

- `clean_value(text)`: NFC, without the invisible characters that have no place in printed text
  (C0/C1 control characters but tab and LF, bidi embeddings, overrides, isolates and marks, byte-
  order marks / zero-width no-break spaces). A right-to-left override would garble every page that
  shows the text; a control character can break the XML of a feed. One field of a document.
- `clean_text(text)`: a whole text of lines (a page dump): LF line ends (CRLF, CR, U+2028/2029 and
  NEL become LF), then `clean_value`.
- `without_controls(text)`: NFC without control characters, what every stored text must be
  (the import service applies it to drafts from any source).
- `nfkc(text)`: NFKC folding (full-width forms to their plain ones), for matching and searching,
  never for what is stored.
- `normalise_label(label)`: a page label as navigation prints it (``1`` -> ``01``, ``a2`` ->
  ``A2``), however a dump, a file's name, edition JSON or an editor wrote it; `label_key(label)`:
  the order labels sort in (01 < 02 < 10 < A1 < A2 < B1).

And what no cleaning can mend, so the text is refused with one line saying why (every reader of
outside text, the edition JSON reader, the import service, the admin's forms, asks the same):

- `text_problem(text, limit)`: a lone surrogate (no encoding writes one: the database refuses it,
  a fingerprint cannot hash it), or more characters than its column holds.
- `url_part_problem(text, limit)`: that, or a character a page label or slug cannot hold, for it
  becomes one segment of a reader's address (`/` would split it, `?` and `#` end it, `..` is
  resolved away by browsers): letters, digits, `-` and `_` only (`SLUG`, ASCII, for slugs).
- `markup(text)`: the first HTML tag or character reference in a text. Text is stored and shown as
  written, escaped on every page and feed; a tag in a page's text is a sign of an export gone wrong
  that an editor should see, not something to run.
- `MAX_PARAGRAPH_CHARS`, `MAX_ARTICLE_CHARS`: sizes no printed page holds; `MAX_BYLINES`,
  `MAX_TAGS`, `MAX_PHOTOS`, `MAX_BLOCKS`, `MAX_NOTE_PARAGRAPHS`: counts no printed article has;
  `MAX_PAGE_ARTICLES`: articles no printed page has; `MAX_POSITION`: the highest article position.
"""

from __future__ import annotations

import re
import unicodedata

from newsroom.phrases import Phrase, gettext_noop

# Line separators other than LF that editors' tools leave behind.
LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x85]")
# C0/C1 control characters but tab and LF.
_CONTROLS = r"\x00-\x08\x0b-\x1f\x7f-\x9f"
# Bidi embeddings/overrides/isolates and marks, byte-order marks / zero-width no-break spaces.
_BIDI = r"\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff"
CONTROLS = re.compile(f"[{_CONTROLS}]")
INVISIBLE = re.compile(f"[{_CONTROLS}{_BIDI}]")


LONE_SURROGATE = re.compile("[\ud800-\udfff]")
URL_PART = re.compile(r"[\w-]+")
SLUG = re.compile(r"[-a-zA-Z0-9_]+")  # Django's validate_slug, what a SlugField accepts
MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|<!--|&(?:[A-Za-z]+|#[0-9]+|#x[0-9A-Fa-f]+);")

# A broadsheet page prints some 8,000 to 12,000 characters, a story continued over several pages a
# few times that; the longest paragraph of the corpora is under 2,000. A paragraph of 20,000
# characters or an article of 200,000 is no page's text but a broken export (or an attack), and
# text that size costs every page, feed and search showing it (a 30-million-character paragraph
# took an import to 2.8 GB). A paragraph over the cap is split, an article over it refused.
MAX_PARAGRAPH_CHARS = 20_000
MAX_ARTICLE_CHARS = 200_000

# What one article carries, far above what any printed one has: a few bylines (a team's report
# names a dozen), a few dozen tags at most, tens of photos (a photo spread), hundreds of
# paragraphs (a work report printed over pages) and an editor's note of a few. 100,000 of any of
# them is an attack or a broken export, and it costs the import minutes (100,000 new tags took
# 155 s on SQLite) or ends in a database error (PostgreSQL takes at most 65,535 parameters a
# query, and a byline's or photo's order stops at 32,767).
MAX_BYLINES = 100
MAX_TAGS = 200
MAX_PHOTOS = 200
MAX_BLOCKS = 2_000
MAX_NOTE_PARAGRAPHS = 100
# A page prints a few dozen articles at most (a page of briefs or notices; the corpora's busiest
# page has 10). Thousands on one page are an attack or a broken export, and each is a row in the
# page's admin form and its reader's page.
MAX_PAGE_ARTICLES = 200
# An article's position on its page (the column is a smallint, to 32,767): the import's writer
# parks rows above it while it reorders them, and the admin holds an editor to it, so a page
# saved there exports and imports again.
MAX_POSITION = 10_000


def text_problem(text: str, limit: int | None = None) -> Phrase | None:
    """Why `text` cannot be stored (in a column of `limit` characters), or None: see the module
    docstring. The reason reads after the field's name: "headline is 300 characters, …", words
    the edge translates (newsroom.phrases)."""
    surrogate = LONE_SURROGATE.search(text)
    if surrogate:
        return gettext_noop(
            "holds a lone surrogate (U+%(code)s), which is not text", code=f"{ord(surrogate.group()):04X}"
        )
    if limit is not None and len(text) > limit:
        return gettext_noop("is %(size)d characters, more than %(limit)d", size=len(text), limit=limit)
    return None


def url_part_problem(text: str, limit: int | None = None, *, pattern: re.Pattern = URL_PART) -> Phrase | None:
    """Why `text` cannot be a page label (or, with `pattern=SLUG`, a slug), or None."""
    problem = text_problem(text, limit)
    if problem:
        return problem
    if not text:
        return gettext_noop("is empty")
    if pattern.fullmatch(text) is None:
        bad = repr(next(c for c in text if pattern.fullmatch(c) is None))
        if pattern is URL_PART:
            return gettext_noop(
                "holds %(char)s, which a web address cannot carry (letters, digits, - and _ only)", char=bad
            )
        return gettext_noop(
            "holds %(char)s, which a web address cannot carry (ASCII letters, digits, - and _ only)", char=bad
        )
    return None


# What a name shown in a message line must not carry as it is: every control character (line
# breaks and tabs too) and the bidi ones.
UNPRINTABLE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_BIDI}]")


def printable(text: str) -> str:
    """`text` (a file's name, a zip member's) as a line of a message shows it: its control and
    bidi characters as escapes (\\x07, \\n, \\u202e), so a name cannot break, garble or hide a line."""
    return UNPRINTABLE.sub(lambda found: ascii(found.group())[1:-1], text)


def markup(text: str) -> str | None:
    """The first HTML tag, comment or character reference in `text`, or None."""
    found = MARKUP.search(text)
    return found.group() if found else None


def clean_value(text: str) -> str:
    """`text` in NFC without invisible control or bidi characters (see the module docstring).
    Idempotent."""
    return unicodedata.normalize("NFC", INVISIBLE.sub("", text))


def without_controls(text: str) -> str:
    """`text` in NFC without control characters (but tab and LF): what no stored text may hold,
    whoever wrote it (a database column cannot hold NUL). Bidi marks are left to `clean_value`,
    the policy for outside text."""
    return unicodedata.normalize("NFC", CONTROLS.sub("", text))


def clean_text(text: str) -> str:
    """A text of lines: LF line ends, then `clean_value`. Idempotent."""
    return clean_value(LINE_BREAKS.sub("\n", text))


def normalise_label(label: str) -> str:
    """Page labels as printed in navigation: ``1`` -> ``01``, ``a2`` -> ``A2``."""
    label = label.strip().upper()
    if label.isdigit():
        return f"{int(label):02d}"
    return label


_LABEL_PARTS = re.compile(r"^([A-Za-z]*)(\d*)(.*)$", re.S)


def label_key(label: str):
    """Sort key for page labels as printed: 01 < 02 < 10 < A1 < A2 < B1."""
    prefix, digits, rest = _LABEL_PARTS.match(label).groups()
    return (prefix, int(digits) if digits else -1, rest)


# Characters a Chinese page prints that NFKC folds on their own (full-width punctuation, letters
# and digits, ideographic space, enclosed numbers ...), each with its fold.
_FOLDS = {
    c: folded
    for start, end in (
        (0xA0, 0x100),
        (0x2000, 0x2070),
        (0x2100, 0x2500),
        (0x3000, 0x3040),
        (0x3200, 0x3400),
        (0xFE30, 0xFE70),
        (0xFF00, 0xFFF0),
    )
    for c in map(chr, range(start, end))
    if (folded := unicodedata.normalize("NFKC", c)) != c
}
_FOLDABLE = re.compile("[" + "".join(map(re.escape, _FOLDS)) + "]")


def nfkc(text: str) -> str:
    """`unicodedata.normalize("NFKC", text)`, several times faster on Chinese text.

    NFKC of a page with its full-width punctuation walks every character through decomposition and
    recomposition. Replacing a character by its own NFKC leaves the NFKC of the whole text as it was
    (both decompose to the same sequence), so the common folds are made first with one regular
    expression, and the full algorithm runs only if something is left to normalise."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    text = _FOLDABLE.sub(lambda match: _FOLDS[match.group()], text)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)
