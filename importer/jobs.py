"""Imports that read page PDFs run as background jobs (`newsroom.jobs`), never in a request:
reading a broadsheet page's layout and rendering its images takes seconds a page. The admin's
upload is kept in the storage until its job has read it, then removed."""

from __future__ import annotations

import datetime
import io
import uuid
import zipfile

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from editions.models import Publication
from importer.core.draft import EditionImportError, PublicationDraft
from importer.core.pdf.chars import open_pdf
from importer.core.pdf.render import PageRenderer
from importer.core.sources import collect_uploads
from importer.messages import import_summary
from importer.services import import_edition, prepare_edition
from importer.services.pagefiles import render_pages
from importer.services.profiles import profile_for
from newsroom.jobs import enqueue, job

UPLOADS = "imports"


def has_pdf(files) -> bool:
    """Whether an upload holds page PDFs (alone or in a zip)."""
    for name, data in files:
        lowered = name.lower()
        if lowered.endswith(".pdf"):
            return True
        if lowered.endswith(".zip"):
            try:
                names = zipfile.ZipFile(io.BytesIO(data)).namelist()
            except (zipfile.BadZipFile, OSError, ValueError):
                continue
            if any(member.lower().endswith(".pdf") for member in names):
                return True
    return False


def unreadable_pdfs(files) -> list[str]:
    """The uploaded PDFs (alone or in a zip) that PDFium cannot open, each as a line for the upload
    form: refused at once rather than by a job that fails later."""
    pdfs = []
    for name, data in files:
        if name.lower().endswith(".pdf"):
            pdfs.append((name, data))
        elif name.lower().endswith(".zip"):
            try:
                archive = zipfile.ZipFile(io.BytesIO(data))
                pdfs += [(m, archive.read(m)) for m in archive.namelist() if m.lower().endswith(".pdf")]
            except (zipfile.BadZipFile, OSError, ValueError):
                continue
    problems = []
    for name, data in pdfs:
        try:
            open_pdf(data).close()
        except ValueError:
            problems.append(_("%(name)s：不是可以读取的 PDF 文件") % {"name": name})
    return problems


def enqueue_upload(payload, *, user, replace=False):
    """Keep the upload's files and queue their import; the Job row. A storage that refuses one
    of them (a full disk) raises its OSError, the files kept before it removed."""
    folder = f"{UPLOADS}/{uuid.uuid4().hex}"
    stored = []
    try:
        for index, (name, data) in enumerate(payload["files"]):
            stored.append([name, default_storage.save(f"{folder}/{index:03d}.upload", ContentFile(data))])
    except OSError:
        for _name, path in stored:
            default_storage.delete(path)
        raise
    return enqueue(
        import_upload,
        title=_("导入版面 PDF：%(files)s") % {"files": "、".join(name for name, _path in stored)[:150]},
        user=user,
        files=stored,
        publication=payload["publication"].pk,
        date=payload["date"].isoformat() if payload["date"] else None,
        encoding=payload["encoding"] or None,
        replace=replace,
        user_id=user.pk,
    )


@job
def import_upload(progress, *, files, publication, date=None, encoding=None, replace=False, user_id=None):
    """Read the uploaded pages (PDFs, their dumps), render the PDFs, import the edition as a draft,
    as the editor who uploaded them may."""
    try:
        contents = []
        for name, path in files:
            with default_storage.open(path, "rb") as stream:
                contents.append((name, stream.read()))
        paper = Publication.objects.get(pk=publication)
        day = datetime.date.fromisoformat(date) if date else None
        progress(0, 4, _("读取上传的文件"))
        sources = collect_uploads(contents, date=day, encoding=encoding)
        if len(sources) != 1:
            raise EditionImportError(
                _("一次导入一期：这些文件属于 %(count)d 个日期") % {"count": len(sources)}
            )
        source = sources[0]
        progress(1, 4, _("读取版面：%(count)d 个版") % {"count": len(source.pages)})
        # Each page PDF is rendered while it is open to be read, its images encoded meanwhile.
        with PageRenderer() as renderer:
            draft = source.draft(
                PublicationDraft(slug=paper.slug, name=paper.name), profile_for(paper.slug), renderer=renderer
            )
            prepared = prepare_edition(draft)
            progress(2, 4, _("生成版面图"))
            prepared.rendered = render_pages(source.pages, renderer)
        progress(3, 4, _("写入期次"))
        user = get_user_model().objects.get(pk=user_id)
        result = import_edition(prepared, replace=replace, dumps=source.pages, user=user)
        return {
            "edition": result.edition.pk,
            "summary": import_summary(result, _("勾选“覆盖编辑改过的稿件”再导入即可覆盖")),
        }
    finally:
        for _name, path in files:
            default_storage.delete(path)
