"""Building admin form posts in tests: formset management data, whole article forms, images."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def png_upload(name="photo.png", size=(640, 480)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def jpeg_with_gps(name="photo.jpg", size=(1600, 900)):
    """A JPEG carrying EXIF with a camera model and GPS position, as phones write them."""
    image = Image.new("RGB", size, (30, 90, 160))
    exif = Image.Exif()
    exif[0x0110] = "NewsCam 9"  # Model
    exif[0x8825] = {1: "N", 2: (27.0, 49.0, 0.0), 3: "E", 4: (113.0, 8.0, 0.0)}  # GPSInfo
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def article_post_data(article, **changes):
    """The article change form as the browser would send it back unchanged, plus `changes`."""
    data = {
        "kicker": article.kicker,
        "headline": article.headline,
        "subheadline": article.subheadline,
        "column": article.column,
        "dateline": article.dateline,
        "editor_note": article.editor_note,
        "page": str(article.page_id),
        "position": str(article.position),
        "kind": article.kind,
        "continued_to_label": article.continued_to_label,
        "continued_to_page": article.continued_to_page or "",
        "continued_from_label": article.continued_from_label,
        "continued_from_page": article.continued_from_page or "",
        "next_part": article.next_part_id or "",
        "tags": ", ".join(article.tags.names()),
        "opened_updated": article.updated.isoformat(),
    }
    bylines = list(article.bylines.order_by("order"))
    data.update(management("bylines", len(bylines), len(bylines)))
    for i, byline in enumerate(bylines):
        data.update(
            {
                f"bylines-{i}-id": str(byline.pk),
                f"bylines-{i}-article": str(article.pk),
                f"bylines-{i}-order": str(byline.order),
                f"bylines-{i}-contributor": str(byline.contributor_id),
                f"bylines-{i}-role": byline.role,
                f"bylines-{i}-label": byline.label,
            }
        )
    blocks = list(article.blocks.order_by("order"))
    data.update(management("blocks", len(blocks), len(blocks)))
    for i, block in enumerate(blocks):
        data.update(
            {
                f"blocks-{i}-id": str(block.pk),
                f"blocks-{i}-article": str(article.pk),
                f"blocks-{i}-order": str(block.order),
                f"blocks-{i}-type": block.type,
                f"blocks-{i}-text": block.text,
            }
        )
    photos = list(article.photos.order_by("order"))
    data.update(management("photos", len(photos), len(photos)))
    for i, photo in enumerate(photos):
        data.update(
            {
                f"photos-{i}-id": str(photo.pk),
                f"photos-{i}-article": str(article.pk),
                f"photos-{i}-order": str(photo.order),
                f"photos-{i}-caption": photo.caption,
                f"photos-{i}-credit": photo.credit,
            }
        )
    data.update(management("corrections", 0))
    data.update(changes)
    return data


def member_of(django_user_model, group_name, username):
    """A staff user in one of the newsroom's groups (created by the groups migration)."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def action_post(action, objects, **extra):
    from django.contrib.admin import helpers

    return {"action": action, helpers.ACTION_CHECKBOX_NAME: [str(obj.pk) for obj in objects], **extra}


# A new article's headline, as new_article posts it.
HEADLINE = "夜班新加的一条消息"


def new_article(page, **changes):
    """The add form as an editor fills it in: a headline, one paragraph and a tag."""
    data = {
        "kicker": "",
        "headline": HEADLINE,
        "subheadline": "",
        "column": "",
        "dateline": "本报讯",
        "editor_note": "",
        "page": str(page.pk),
        "position": "3",
        "kind": "news",
        "continued_to_label": "",
        "continued_to_page": "",
        "continued_from_label": "",
        "continued_from_page": "",
        "next_part": "",
        "tags": "夜班",
        **management("bylines", 0),
        **management("blocks", 1),
        "blocks-0-order": "1",
        "blocks-0-type": "paragraph",
        "blocks-0-text": "新稿件的第一段。",
        **management("photos", 0),
        **management("corrections", 0),
    }
    data.update(changes)
    return data
