"""What an import may do as the acting user: no more than their role may do by hand in the admin.

An editor imports the day's pages; an import that would create a publication, delete articles,
change what readers already see of a published edition, or publish, needs the permissions those
take by hand. The check runs in the import service (`import_edition`, and `plan_import` for the
admin's preview), so every caller gets it; `user=None` is the operator at the server (the
`import_edition` command), who may do anything.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from editions.models import Edition, Publication
from editions.services import may_publish
from importer.core.draft import EditionImportError

from .plan import REMOVED, ImportPlan, Outcome

# Headlines named in a refusal; the rest are counted.
SHOWN_HEADLINES = 3


class ImportNotAllowed(EditionImportError):
    """An import the acting user's role does not allow (the message says why, in the editors'
    language)."""


def _removals(plan):
    removed = [article.headline for article in plan.articles if article.action == REMOVED]
    if not removed:
        return ""
    shown = "、".join(f"“{headline[:30]}”" for headline in removed[:SHOWN_HEADLINES])
    if len(removed) > SHOWN_HEADLINES:
        shown += _("等")
    return _(
        "这次导入会删除 %(count)d 篇稿件（%(headlines)s），你没有删除稿件的权限："
        "请补全版面文件后再导入，或请值班主任导入。"
    ) % {"count": len(removed), "headlines": shown}


def _new_publication(slug):
    """Whether the import would create a publication (the installation's own paper is created on
    first use by whoever imports first: it is configured, not made up by an upload)."""
    if slug == settings.NEWSROOM_DEFAULT_PUBLICATION["slug"]:
        return False
    return not Publication.objects.filter(slug=slug).exists()


def refusals(plan: ImportPlan, edition, *, user, publish=False) -> list[str]:
    """Why `user` may not carry out `plan` over the stored `edition` (None: a new one)."""
    if user is None:
        return []
    if not user.has_perm("editions.import_edition"):
        return [_("你没有导入期次的权限。")]
    problems = []
    if not user.has_perm("editions.add_publication") and _new_publication(plan.publication.slug):
        problems.append(
            _(
                "导入的文件属于报纸“%(name)s”（%(slug)s），网站上还没有这份报纸，你没有新建报纸的权限："
                "请网站管理员先建好这份报纸，或改为导入到已有的报纸。"
            )
            % {"name": plan.publication.name, "slug": plan.publication.slug}
        )
    if not user.has_perm("articles.delete_article"):
        problems.append(_removals(plan))
    published = edition is not None and edition.status == Edition.Status.PUBLISHED
    if published and plan.status != Outcome.UNCHANGED and not may_publish(user):
        problems.append(
            _(
                "%(date)s 这一期已经发布，导入会改变读者看到的内容，你没有发布权限："
                "请值班主任导入，或请值班主任先撤回这一期。"
            )
            % {"date": plan.date.isoformat()}
        )
    if publish and not may_publish(user):
        problems.append(_("你没有发布权限，不能在导入后立即发布。"))
    return [problem for problem in problems if problem]


def check_import(plan: ImportPlan, edition, *, user, publish=False):
    """Raise ImportNotAllowed, naming every reason, when `user` may not carry out `plan`."""
    problems = refusals(plan, edition, user=user, publish=publish)
    if problems:
        raise ImportNotAllowed(" ".join(problems))
