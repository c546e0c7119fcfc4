"""Conventions a paper prints that its profile lacks, proposed from what its editors changed.

`proposals(lessons, profile)` reads the corrections (`corrections.py`) of each corrected edition
parsed with ``profile`` and the editions as published, and proposes additions to the profile's
`Conventions`, each with the example it came from:

* a source-line form (``摘自{}``) for a closing line the editors kept in a story that the parse
  took for a title or a new article (``source line → title``, ``source line → new article``):
  the line's first one or two characters and its last few around ``{}``: of the forms reading
  the most such lines that the profile does not read, the one with the fewest words after ``{}``;
* a byline role word (``首席记者``) the editors gave a byline that the profile does not know;
* a furniture title (``天气预报``) for an article the editors deleted: page furniture; and the
  head of a box the import ran into the story before it (``大家健康``, no byline, no dateline),
  since a furniture title opens a box of its own;
* a column label (``土拍风云局``): a short line the import took as the last line of a title, that
  the editors moved out of it (a line of its own before the byline);
* a title-split habit: where the editors moved a first title line into the kicker (a kicker
  ending such as ``强调``) or a second into the subheadline (an opener such as ``今起``).

Each is only a proposal: the tuner keeps one only if the corrected editions score better with it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from ..profile import Profile
from ..rules import rules_for
from .corrections import corrections
from .match import assign, page_pairs
from .score import headline_split_known
from .texts import norm, page_key, title_of

CJK = range(0x4E00, 0xA000)
MIN_LITERAL = 2  # characters of a source form besides its outlet
SOURCE_SUFFIXES = (0, 1, 2, 3, 4)
FURNITURE_SUFFIX = 4
MAX_FURNITURE = 12
MAX_COLUMN = 12  # characters of a column label
LEADING = 3  # short paragraphs opening a published story looked at for a column label
SENTENCE_MARKS = "，,。！!？?；;：:"
# A title-split habit is learnt from two titles at least: one title's first words are its own.
HABITS = ("kicker_endings", "subheadline_openers")
HABIT_SEEN = 2


@dataclass(frozen=True)
class Proposal:
    field: str  # a field of Conventions
    value: str | tuple[str, str]
    example: str
    count: int = 1

    def apply(self, profile: Profile) -> Profile:
        conventions = profile.conventions
        current = getattr(conventions, self.field)
        if self.value in current:
            return profile
        if self.field == "role_labels":
            # Longest first, as the byline rule reads them.
            values = tuple(sorted((*current, self.value), key=lambda pair: -len(pair[0])))
        else:
            values = (*current, self.value)
        return replace(profile, conventions=replace(conventions, **{self.field: values}))

    def literal(self) -> str:
        """Text a page must hold for this proposal to change how it reads."""
        value = self.value[0] if isinstance(self.value, tuple) else self.value
        return max(value.split("{}"), key=len)

    def to_dict(self) -> dict:
        return {
            "field": self.field,
            "value": list(self.value) if isinstance(self.value, tuple) else self.value,
            "example": self.example,
            "count": self.count,
        }


def _chinese(text: str) -> bool:
    return bool(text) and all(ord(char) in CJK for char in text)


def source_forms(lines: list[str], profile: Profile) -> list[Proposal]:
    """The most specific forms that read the most of ``lines`` that the profile does not read."""
    rules = rules_for(profile)
    unread = [line for line in dict.fromkeys(lines) if line and not rules.is_source(line)]
    counts: Counter = Counter()
    examples: dict[str, str] = {}
    shapes: dict[str, tuple[int, int]] = {}  # form: (prefix, suffix) lengths
    for line in unread:
        for prefix in (1, 2):
            for suffix in SOURCE_SUFFIXES:
                outlet = len(line) - prefix - suffix
                if outlet < 2 or prefix + suffix < MIN_LITERAL:
                    continue
                form = line[:prefix] + "{}" + (line[len(line) - suffix :] if suffix else "")
                if not _chinese(form.replace("{}", "")):
                    continue
                counts[form] += 1
                examples.setdefault(form, line)
                shapes[form] = (prefix, suffix)
    out, covered = [], set()
    # The forms reading the most lines first; of those, the one with the fewest words after the
    # outlet (摘自{} rather than 摘自{}网: the outlet's own last word is not the form's).
    ranked = sorted(counts, key=lambda form: (-counts[form], shapes[form][1], -shapes[form][0], form))
    for form in ranked:
        proposal = Proposal("source_forms", form, examples[form])
        reading = rules_for(proposal.apply(profile))
        read = [line for line in unread if line not in covered and reading.is_source(line)]
        if read:
            out.append(replace(proposal, example=read[0], count=len(read)))
            covered.update(read)
    return out


def _article(published: dict, page: str, position: int | None) -> dict | None:
    for item in published.get("pages", []):
        if page_key(item.get("label")) == page_key(page):
            for article in item.get("articles", []):
                if article.get("position") == position:
                    return article
    return None


def _title_habits(published_article: dict, kind: str) -> list[Proposal]:
    if not headline_split_known(published_article):
        return []
    kicker, subheadline = norm(published_article.get("kicker")), norm(published_article.get("subheadline"))
    out = []
    if kind.endswith("headline→kicker") and _chinese(kicker[-2:]) and len(kicker) > 2:
        out.append(Proposal("kicker_endings", kicker[-2:], kicker))
    if kind.endswith("headline→subheadline") and _chinese(subheadline[:2]) and len(subheadline) > 2:
        out.append(Proposal("subheadline_openers", subheadline[:2], subheadline))
    return out


def _furniture(example: str) -> list[Proposal]:
    text = norm(example).rstrip("…")
    if not _chinese(text) or len(text) > MAX_FURNITURE or len(text) < 2:
        return []
    out = [Proposal("furniture_titles", text, text)]
    if len(text) > FURNITURE_SUFFIX:
        out.append(Proposal("furniture_titles", text[-FURNITURE_SUFFIX:], text))
    return out


def _box_head(published_article: dict) -> list[Proposal]:
    """The first title line of a box (no byline, no dateline) the import ran into another story."""
    if published_article.get("bylines") or published_article.get("dateline"):
        return []
    first = norm(published_article.get("kicker")) or (published_article.get("headline") or "").split(" ")[0]
    return _furniture(first)[:1]


def _column_labels(parsed: dict, published: dict) -> list[Proposal]:
    """Short lines opening a published story's body that the parse had as its title's last line."""
    out = []
    for page, mine in page_pairs(published, parsed):
        if mine is None:
            continue
        articles, parsed_articles = page.get("articles", []), mine.get("articles", [])
        for i, j in assign(articles, parsed_articles).items():
            title, column = title_of(parsed_articles[j]), norm(parsed_articles[j].get("column"))
            # The paragraphs the parse took into the title or its column (a caption, the label);
            # the last of them, printed right before the byline, is the label.
            taken = []
            for block in articles[i].get("body", [])[:LEADING]:
                text = norm(block.get("text"))
                if not text or (text not in title and text != column):
                    break
                taken.append(text)
            # Or the editors wrote it in the column field.
            label = taken[-1] if taken else norm(articles[i].get("column"))
            if label == column:
                continue  # read as the column already
            if (
                2 <= len(label) <= MAX_COLUMN
                and title.endswith(label)
                and not any(mark in label for mark in SENTENCE_MARKS)
                and label not in title_of(articles[i])
            ):
                out.append(Proposal("column_labels", label, title))
    return out


def _role_words(published: dict, profile: Profile) -> list[Proposal]:
    known = {label for label, _role in profile.conventions.role_labels}
    out = []
    for page in published.get("pages", []):
        for article in page.get("articles", []):
            for byline in article.get("bylines", []):
                label, role = norm(byline.get("label")), byline.get("role", "")
                if label and label not in known and _chinese(label) and len(label) <= 8:
                    out.append(Proposal("role_labels", (label, role), f"{label} {byline.get('name', '')}"))
    return out


def proposals(lessons: list[tuple[dict, dict]], profile: Profile) -> list[Proposal]:
    """Proposals from (parsed, published) edition JSON pairs, most frequent first."""
    found: list[Proposal] = []
    sources: list[str] = []
    for parsed, published in lessons:
        found += _role_words(published, profile)
        found += _column_labels(parsed, published)
        for correction in corrections(parsed, published):
            kind = correction.kind
            if kind.startswith("source line →"):
                sources.append(norm(correction.example).rstrip("…"))
            elif kind == "article deleted":
                found += _furniture(correction.example)
            elif kind == "two articles merged":
                article = _article(published, correction.page, correction.position)
                found += _box_head(article) if article else []
            elif kind.startswith("headline split"):
                article = _article(published, correction.page, correction.position)
                found += _title_habits(article, kind) if article else []
    found += source_forms(sources, profile)
    merged: dict[tuple, Proposal] = {}
    for proposal in found:
        key = (proposal.field, proposal.value)
        if key in merged:
            merged[key] = replace(merged[key], count=merged[key].count + proposal.count)
        else:
            merged[key] = proposal
    current = profile.conventions
    fresh = [
        p
        for p in merged.values()
        if p.value not in getattr(current, p.field) and (p.field not in HABITS or p.count >= HABIT_SEEN)
    ]
    return sorted(fresh, key=lambda p: (-p.count, p.field, str(p.value)))
