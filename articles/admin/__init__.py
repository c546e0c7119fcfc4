"""The articles' admin: articles (articles.py), contributors and bylines (contributors.py), and a
page's articles in the editions' page admin (pages.py), the review of held changes (revisions.py)."""

from .articles import ArticleAdmin
from .contributors import BylineAdmin, ContributorAdmin
from .pages import PageWithArticlesAdmin
from .revisions import RevisionAdmin

__all__ = ["ArticleAdmin", "BylineAdmin", "ContributorAdmin", "PageWithArticlesAdmin", "RevisionAdmin"]
