"""An article's whole state as plain values (its fields and its parts: body, bylines, photos,
corrections, tags), read from the live rows or from a version in its history, and written back.

A restore from the history and a desk chief's approval of a held change both write a state through
`apply_snapshot` (called by articles.services), so both bring back the parts with the fields.
"""

from django.db.models import F, Max, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from editions.models import Page
from newsroom import images

from .models import Article, Block, Byline, Contributor, Correction, Photo

# The fields of an article a state holds: what editors edit (not the import's fingerprint or
# source text, not the search text, which follows the words).
ARTICLE_FIELDS = (
    "page_id",
    "position",
    "kind",
    "kicker",
    "headline",
    "subheadline",
    "column",
    "dateline",
    "editor_note",
    "continued_to_label",
    "continued_to_page",
    "continued_from_label",
    "continued_from_page",
    "next_part_id",
    "areas",
)
# Each part: its key in a state, its model and the fields kept (besides its id).
PARTS = {
    "blocks": (Block, ("order", "type", "text")),
    "bylines": (Byline, ("contributor_id", "role", "label", "order")),
    "photos": (Photo, ("image", "caption", "credit", "order")),
    "corrections": (Correction, ("kind", "text")),
}
# The state before a new article: nothing.
EMPTY_STATE = {"article": {}, **{key: [] for key in PARTS}, "tags": []}
# The parts a version in the history holds, each from its own history; its tags are on the
# version itself (articles.history). A restore brings them all back.
VERSIONED_PARTS = ("blocks", "bylines", "photos", "corrections")
# Blocks are unique per (article, order): those kept step past every real order first.
PARKED_ORDER = 1_000_000


class RestoreRefused(Exception):
    """An article state that cannot be written; the message says why, in the editor's words."""


def _value(obj, name):
    value = getattr(obj, name)
    if name == "image":
        return value.name if value else ""
    return value


def snapshot(article):
    """The article's state as stored now (in a query per part)."""
    state = {"article": {name: _value(article, name) for name in ARTICLE_FIELDS}}
    for key, (model, fields) in PARTS.items():
        rows = model.objects.filter(article_id=article.pk).order_by(
            *(["order"] if "order" in fields else []), "pk"
        )
        state[key] = [{"id": row.pk, **{name: _value(row, name) for name in fields}} for row in rows]
    state["tags"] = sorted(article.tags.names())
    return state


def version_snapshot(record):
    """The state of the article as its history's version `record` has it: its fields, and each
    part as it was when that version was current (until the article's next version)."""
    state = {"article": {name: getattr(record, name) for name in ARTICLE_FIELDS}}
    later = (
        Article.history.filter(id=record.id, history_date__gt=record.history_date)
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    for key in VERSIONED_PARTS:
        model, fields = PARTS[key]
        records = model.history.filter(article_id=record.id)
        if later is not None:
            records = records.filter(history_date__lt=later)
        latest = {}
        for part in records.order_by("history_date", "history_id"):
            latest[part.id] = part
        kept = [part for part in latest.values() if part.history_type != "-"]
        kept.sort(key=lambda part: (getattr(part, "order", 0), part.id))
        state[key] = [{"id": part.id, **{name: _value(part, name) for name in fields}} for part in kept]
    tags = version_tags(record)
    if tags is not None:  # versions from before tags were recorded leave them as they are
        state["tags"] = tags
    return state


def version_tags(record):
    """The tags as the article's version `record` had them (the last recorded by then), or None
    when no version by then recorded them."""
    tags = (
        Article.history.filter(
            id=record.id, history_date__lte=record.history_date, history_tags__isnull=False
        )
        .order_by("-history_date", "-history_id")
        .values_list("history_tags", flat=True)
        .first()
    )
    return None if tags is None else sorted(tags)


def record_tags(article):
    """Keep the article's tags in its latest version: they are saved after the article (the
    admin's form, a restore), and taggit's rows have no history."""
    latest = Article.history.filter(id=article.pk).order_by("-history_date", "-history_id")
    Article.history.filter(history_id=Subquery(latest.values("history_id")[:1])).update(
        history_tags=sorted(article.tags.names())
    )


def apply_snapshot(article, state, *, user, reason):
    """Write `state` to `article` (in the caller's transaction): its fields, then each part the
    state holds, kept, changed, added or deleted to match, each change in its history with `user`
    and `reason`. A position taken by another article goes to the page's end; a continuation that
    may no longer be made is left out. Returns how many bylines were left out because their
    contributor is gone."""
    fields = dict(state["article"])
    if not Page.objects.filter(pk=fields["page_id"]).exists():
        raise RestoreRefused(_("稿件原来的版面已被删除，无法恢复。"))
    for name, value in fields.items():
        setattr(article, name, value)
    others = Article.objects.filter(page_id=article.page_id).exclude(pk=article.pk)
    if others.filter(position=article.position).exists():
        article.position = (others.aggregate(last=Max("position"))["last"] or 0) + 1
    if article.next_part_id and (
        Article.continuation_problem(article.page_id, article.next_part_id)
        or Article.objects.filter(next_part_id=article.next_part_id).exclude(pk=article.pk).exists()
    ):
        article.next_part_id = None
    article._history_user = user
    article._change_reason = reason
    article.save()
    skipped = 0
    for key in PARTS:
        if key in state:
            skipped += _apply_parts(article, key, state[key], user=user, reason=reason)
    if "tags" in state:
        article.tags.set(state["tags"])
    record_tags(article)
    return skipped


def _apply_parts(article, key, rows, *, user, reason):
    model, fields = PARTS[key]
    current = {part.pk: part for part in model.objects.filter(article_id=article.pk)}
    wanted = {row["id"] for row in rows if row.get("id") in current}
    for pk in set(current) - wanted:
        _record(current.pop(pk), user, reason).delete()
    if model is Block:
        model.objects.filter(pk__in=current).update(order=F("order") + PARKED_ORDER)
    kept = _with_contributors(rows) if model is Byline else rows
    for row in kept:
        _apply_part(
            article, model, {name: row[name] for name in fields}, row.get("id"), current, user, reason
        )
    return len(rows) - len(kept)


def _with_contributors(rows):
    """The bylines whose contributor is still there (one may be merged or deleted since)."""
    known = set(
        Contributor.objects.filter(pk__in=[row["contributor_id"] for row in rows]).values_list(
            "pk", flat=True
        )
    )
    return [row for row in rows if row["contributor_id"] in known]


def _apply_part(article, model, values, pk, current, user, reason):
    part = current.get(pk)
    if part is not None and all(_value(part, name) == value for name, value in values.items()):
        if model is Block:  # parked: back to its place, as its history has it
            model.objects.filter(pk=part.pk).update(order=values["order"])
        return
    if part is None:
        # A part gone since, back with its id unless another article's part has it now.
        free = pk is not None and not model.objects.filter(pk=pk).exists()
        part = model(pk=pk if free else None, article_id=article.pk)
    for name, value in values.items():
        setattr(part, name, value)
    if model is Photo:
        part.renditions_of = _renditions_of(part)
    _record(part, user, reason).save()


def _record(part, user, reason):
    part._history_user = user
    part._change_reason = reason
    return part


def _renditions_of(photo):
    """The image whose renditions the photo's storage holds: they stay when a photo is deleted."""
    if photo.image and photo.image.storage.exists(
        images.rendition_name(photo.image.name, images.RENDITION_WIDTHS[0])
    ):
        return photo.image.name
    return ""


def version_time(record):
    """How a version is named to editors: its time."""
    return timezone.localtime(record.history_date).strftime("%Y-%m-%d %H:%M:%S")


def changes_over(base, proposed, current):
    """State `current` with what `proposed` changed from `base` (a field, or a whole kind of part:
    the body, the bylines …), the rest as it is now: two held changes made on one base each bring
    their own change, not the other's old values."""
    merged = {"article": dict(current["article"])}
    for name, value in proposed["article"].items():
        if base["article"].get(name) != value:
            merged["article"][name] = value
    for key in (*PARTS, "tags"):
        if key in proposed and base.get(key) != proposed[key]:
            merged[key] = proposed[key]
    return merged


def differences(before, after):
    """What writing state `after` over state `before` changes, for a reviewer: (what, before,
    after) as text, the article's fields first, then its parts."""
    rows = []
    for name in ARTICLE_FIELDS:
        old, new = before["article"].get(name), after["article"].get(name)
        if old != new:
            field = Article._meta.get_field(name.removesuffix("_id"))
            rows.append((field.verbose_name, _shown(field, old), _shown(field, new)))
    contributors = _contributor_names(before, after)
    for key, label in PART_LABELS.items():
        if key not in after:
            continue
        old = [_part_text(key, row, contributors) for row in before.get(key, [])]
        new = [_part_text(key, row, contributors) for row in after[key]]
        if old != new:
            rows.append((label, "\n".join(old) or "—", "\n".join(new) or "—"))
    if "tags" in after and sorted(before.get("tags", [])) != sorted(after["tags"]):
        rows.append((_("标签"), "、".join(before.get("tags", [])) or "—", "、".join(after["tags"]) or "—"))
    return rows


PART_LABELS = {"bylines": _("署名"), "blocks": _("正文"), "photos": _("图片"), "corrections": _("更正")}


def _shown(field, value):
    if value in (None, ""):
        return "—"
    if field.name == "page":
        page = Page.objects.filter(pk=value).first()
        return str(page) if page else "—"
    if field.name == "next_part":
        part = Article.objects.filter(pk=value).select_related("page__edition").first()
        return part.placed_headline if part else "—"
    if field.name == "areas":
        return areas_text(value) or "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


# A polygon of an article's area for a reviewer: its corners and the span it covers, in percent of
# the page's width (横) and height (纵).
AREA_LINE = _(
    "区域%(number)d：%(count)d 个顶点，横 %(left).1f%%–%(right).1f%%，纵 %(top).1f%%–%(bottom).1f%%"
)


def areas_text(areas):
    """An article's areas for an editor: a line per polygon (AREA_LINE)."""
    lines = []
    for number, polygon in enumerate(areas, 1):
        xs, ys = [x for x, _y in polygon], [y for _x, y in polygon]
        span = {"left": min(xs), "right": max(xs), "top": min(ys), "bottom": max(ys)}
        percent = {key: value * 100 for key, value in span.items()}
        lines.append(str(AREA_LINE) % {"number": number, "count": len(polygon), **percent})
    return "\n".join(lines)


def _contributor_names(*states):
    ids = {row["contributor_id"] for state in states for row in state.get("bylines", [])}
    return dict(Contributor.objects.filter(pk__in=ids).values_list("pk", "name"))


def _part_text(key, row, contributors):
    if key == "bylines":
        role = dict(Byline.Role.choices).get(row["role"], row["role"])
        return f"{row['label'] or role} {contributors.get(row['contributor_id'], '—')}"
    if key == "blocks":
        return f"【{_('小标题')}】{row['text']}" if row["type"] == Block.Type.SUBHEAD else row["text"]
    if key == "photos":
        return f"{row['caption'] or '—'}（{row['credit'] or '—'}）{row['image']}"
    return f"{dict(Correction.Kind.choices).get(row['kind'], row['kind'])}：{row['text']}"
