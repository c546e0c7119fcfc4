"""Uploaded photos and page images: checked with Pillow, stripped of metadata, and given web
renditions next to the original.

An upload is refused (a `ValidationError` the form shows) when it is not a JPEG, PNG, WebP or GIF,
is larger than `MAX_BYTES`, is wider or taller than `MAX_SIDE`, holds more than `MAX_PIXELS`
pixels, or is an animation whose frames hold more than `MAX_ANIMATION_PIXELS` together (a
decompression or frame bomb is refused from its headers, before any pixel is decoded). Only the
first frame of an animation is decoded and kept: a printed photo is a still.

Renditions are WebP files `RENDITION_WIDTHS` pixels wide (never wider than the original) stored
beside the original under a name derived from it: `photos/2023/08/09/a.jpg` gets
`photos/2023/08/09/a.w400.webp` and `photos/2023/08/09/a.w1200.webp`. `srcset(fieldfile)` gives
the `srcset` attribute the public site puts on an `<img>`.
"""

import hashlib
import io
import posixpath
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_SIDE = 12000
MAX_PIXELS = 50_000_000
# Counting an animation's frames reads their headers only; the pixels they would decode to are
# what a frame bomb (a hundred 4000×4000 frames in 1.3 MB) costs whoever decodes them all.
MAX_ANIMATION_PIXELS = 4 * MAX_PIXELS
# Hex digits of the image's SHA-256 in its stored name (as importer.services.pagefiles names pages).
DIGEST = 12
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
RENDITION_WIDTHS = (400, 1200)


def _open(data):
    """Open image bytes with the bomb check raised as an error, not a warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        return Image.open(io.BytesIO(data))


def clean_upload(upload):
    """Check an uploaded image and return it re-encoded without metadata (EXIF, GPS, comments),
    turned upright if its EXIF said so, under a name whose extension matches its real type."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("图片文件太大（%(size)d MB），上限 %(max)d MB。"),
            code="too_large",
            params={"size": upload.size // (1024 * 1024), "max": MAX_BYTES // (1024 * 1024)},
        )
    upload.seek(0)
    data = upload.read()
    try:
        image = _open(data)
        width, height = image.size
        kind = image.format
        if kind not in FORMATS:
            raise ValidationError(
                _("不支持的图片类型 %(kind)s：请上传 JPEG、PNG、WebP 或 GIF。"),
                code="bad_type",
                params={"kind": kind or "?"},
            )
        _check_dimensions(width, height)
        _check_frames(image, width, height)
        image.load()
        cleaned = _strip(image, kind)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("图片像素过多，疑为“解压炸弹”，已拒绝。"), code="bomb") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("无法识别的图片文件：可能已损坏，或不是图片。"), code="invalid") from None
    stem = posixpath.splitext(posixpath.basename(upload.name or "image"))[0][:40] or "image"
    # Media are served without asking who reads them: an image of a draft (a page, a photo) under
    # the name it was uploaded with (pages/2026/12/01/A01.png) is found by guessing. Its digest
    # in the name, as the import's page images have, cannot be guessed.
    digest = hashlib.sha256(cleaned).hexdigest()[:DIGEST]
    return ContentFile(cleaned, name=f"{stem}-{digest}.{FORMATS[kind]}")


def _check_dimensions(width, height):
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise ValidationError(
            _("图片尺寸 %(width)d×%(height)d 过大：宽高不超过 %(side)d 像素，总像素不超过 %(mp)d 百万。"),
            code="too_big",
            params={"width": width, "height": height, "side": MAX_SIDE, "mp": MAX_PIXELS // 1_000_000},
        )


def _check_frames(image, width, height):
    frames = getattr(image, "n_frames", 1)
    if frames > 1 and frames * width * height > MAX_ANIMATION_PIXELS:
        raise ValidationError(
            _("动图共 %(frames)d 帧、每帧 %(width)d×%(height)d，像素总数过大，疑为“帧炸弹”，已拒绝。"),
            code="frame_bomb",
            params={"frames": frames, "width": width, "height": height},
        )


def _strip(image, kind):
    """Re-encode the first frame from pixels only, so no metadata block (nor other frame)
    survives."""
    out = io.BytesIO()
    if kind == "GIF":
        # GIF carries no EXIF; re-saving one frame drops comments, extensions and the animation.
        image.save(out, "GIF")
        return out.getvalue()
    upright = ImageOps.exif_transpose(image)
    if kind == "JPEG":
        upright = upright.convert("RGB") if upright.mode not in ("RGB", "L") else upright
        upright.save(out, "JPEG", quality=90, optimize=True)
    elif kind == "PNG":
        upright.save(out, "PNG", optimize=True)
    else:
        upright.save(out, "WEBP", quality=90)
    return out.getvalue()


def rendition_name(name, width):
    stem, _ext = posixpath.splitext(name)
    return f"{stem}.w{width}.webp"


def make_renditions(fieldfile):
    """Write the web renditions of a stored image beside it (replacing older ones)."""
    storage = fieldfile.storage
    with storage.open(fieldfile.name, "rb") as handle:
        image = _open(handle.read())
        image.load()
    image = ImageOps.exif_transpose(image)
    image = image.convert("RGBA" if image.has_transparency_data else "RGB")
    names = []
    for width in RENDITION_WIDTHS:
        copy = image.copy()
        if copy.width > width:
            copy = copy.resize((width, round(copy.height * width / copy.width)), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        copy.save(out, "WEBP", quality=82)
        name = rendition_name(fieldfile.name, width)
        if storage.exists(name):
            storage.delete(name)
        names.append(storage.save(name, ContentFile(out.getvalue())))
    return names


def rendition_url(fieldfile, width):
    """The URL of an image's rendition (the caller knows it was made: `Photo.has_renditions`)."""
    return fieldfile.storage.url(rendition_name(fieldfile.name, width))


def srcset(fieldfile):
    """`<url> 400w, <url> 1200w` for an `<img srcset>` of an image whose renditions were made."""
    return ", ".join(f"{rendition_url(fieldfile, width)} {width}w" for width in RENDITION_WIDTHS)


def cleaned_image(value):
    """A new upload run through `clean_upload` (checks, metadata stripped, first frame only); an
    image already stored, or none, as it is."""
    if isinstance(value, UploadedFile):
        return clean_upload(value)
    return value


class CleanImageMixin:
    """A form mixin: a new upload in `image` goes through `cleaned_image`."""

    def clean_image(self):
        return cleaned_image(self.cleaned_data.get("image"))
