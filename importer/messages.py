"""The importer's words for editors, at the edge: what the admin's import page and the
import_edition command say, in the active language (the admin's is zh-hans).

The pure core (importer/core) cannot call gettext: it raises each refusal as an English template
marked with its own `gettext_noop` (importer/core/errors.py), which makemessages puts in the
catalogue; `describe` translates it here. The summary of an import is worded here too.
"""

from collections import Counter

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from editions.models import Edition
from importer.core.errors import EditionImportError, say
from importer.services.plan import Action, Outcome

IMPORT_ACTIONS = {
    Action.ADDED: _("新增"),
    Action.CHANGED: _("有改动"),
    Action.UNCHANGED: _("不变"),
    Action.MOVED: _("换了位置"),
    Action.REMOVED: _("将删除"),
    Action.KEPT: _("编辑改过，保留"),
}
OUTCOMES = {Outcome.CREATED: _("新建"), Outcome.UPDATED: _("更新"), Outcome.UNCHANGED: _("内容不变")}
DONE = {
    Action.ADDED: _("新增"),
    Action.CHANGED: _("改动"),
    Action.MOVED: _("换位"),
    Action.REMOVED: _("删除"),
}


def describe(error: EditionImportError) -> str:
    """The refusal in the active language."""
    return error.render(gettext)


def _kinds(kinds: Counter) -> str:
    labels = dict(Article.Kind.choices)
    return "、".join(f"{labels.get(kind, kind)} {n}" for kind, n in sorted(kinds.items()))


def import_summary(result, how_to_overwrite) -> str:
    """One line on what an import did (an `ImportResult`): the edition, what happened to it and
    its articles, the articles kept because editors changed them (and `how_to_overwrite` them),
    and whether it is a draft; and that its edition PDF is missing, when the storage refused it."""
    changes = Counter(a.action for a in result.plan.articles)
    detail = ""
    if result.status == Outcome.UPDATED:
        done = "、".join(f"{DONE[k]} {changes[k]}" for k in DONE if changes[k])
        detail = gettext("（%(changes)s）") % {"changes": done} if done else ""
    articles = sum(result.kinds.values())
    parts = [
        gettext("%(publication)s %(date)s：%(outcome)s%(detail)s")
        % {
            "publication": result.edition.publication.name,
            "date": result.edition.date.isoformat(),
            "outcome": OUTCOMES[result.status],
            "detail": detail,
        },
        ngettext("%(count)d 个版面", "%(count)d 个版面", result.pages) % {"count": result.pages}
        + gettext("，")
        + ngettext("%(count)d 篇稿件", "%(count)d 篇稿件", articles) % {"count": articles}
        + (f"（{_kinds(result.kinds)}）" if articles else ""),
        gettext("作者新增 %(new)d 位、沿用 %(reused)d 位")
        % {"new": result.contributors_new, "reused": result.contributors_reused},
        gettext("接上转版 %(count)d 处") % {"count": result.continuations_linked},
    ]
    if result.doubts:
        doubts = gettext("待核对 %(count)d 处") % {"count": result.doubts}
        if result.unplaced:
            doubts += gettext("（其中未归位文字 %(count)d 段）") % {"count": result.unplaced}
        parts.append(doubts)
    else:
        parts.append(gettext("没有待核对的问题"))
    if result.kept:
        kept = "、".join(
            gettext("第%(page)s版第%(position)d条《%(headline)s》")
            % {"page": a.page, "position": a.position, "headline": a.headline[:30]}
            for a in result.kept
        )
        parts.append(
            gettext("保留编辑改过的 %(count)d 篇：%(articles)s（%(how)s）")
            % {"count": len(result.kept), "articles": kept, "how": how_to_overwrite}
        )
    parts.append(gettext("已发布") if result.edition.status == Edition.Status.PUBLISHED else gettext("草稿"))
    if result.edition_pdf_refused is not None:
        parts.append(
            gettext("本期 PDF 未能生成：%(reason)s，存储腾出空间后同样再导入一次即可补上")
            % {"reason": say(result.edition_pdf_refused, gettext)}
        )
    return gettext("；").join(parts)
