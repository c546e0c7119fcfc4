"""An editor's one-step fixes in the article list clear the parser's doubts they settle (issue 15):
setting an article's kind (what it is: no title needed, its text placed), moving it to its page
(its unplaced text placed), linking or unlinking continued parts (every continuation doubt of each
part). Other doubts stay open; the articles app knows nothing of doubts (articles.signals)."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from importer.core.draft import DoubtKind
from importer.models import ArticleDoubt
from tests.articles import factories
from tests.articles.admin_helpers import action_post, member_of

pytestmark = pytest.mark.django_db

ARTICLES = reverse("admin:articles_article_changelist")


@pytest.fixture
def editor(django_user_model):
    client = Client()
    client.force_login(member_of(django_user_model, "编辑", "bian"))
    return client


@pytest.fixture
def articles():
    edition = factories.edition(published=False, pages=2, articles_per_page=2)
    return list(Article.objects.filter(page__edition=edition).order_by("page__number", "position"))


def doubt(article, kind):
    return ArticleDoubt.objects.create(article=article, kind=kind, message="请核对")


def still_open(*doubts):
    return [ArticleDoubt.objects.get(pk=d.pk).cleared_at is None for d in doubts]


def test_setting_the_kind_settles_a_missing_title_and_unplaced_text(editor, articles):
    article = articles[0]
    no_title, unplaced, byline = (doubt(article, k) for k in ("no_title", "unplaced", "byline"))
    other = doubt(articles[1], DoubtKind.NO_TITLE)
    editor.post(ARTICLES, action_post("set_kind_advertisement", [article]))
    assert still_open(no_title, unplaced, byline, other) == [False, False, True, True]
    cleared = ArticleDoubt.objects.get(pk=no_title.pk)
    assert (cleared.cleared_how, cleared.cleared_by.username) == ("fixed", "bian")


def test_moving_an_article_to_its_page_settles_its_unplaced_text(editor, articles):
    article, target = articles[0], articles[2].page
    unplaced, title = doubt(article, "unplaced"), doubt(article, "title_split")
    editor.post(ARTICLES, action_post("move_to_page", [article], apply="1", page=str(target.pk)))
    assert Article.objects.get(pk=article.pk).page == target
    assert still_open(unplaced, title) == [False, True]


def test_linking_and_unlinking_parts_settle_the_continuation_doubts_of_both(editor, articles):
    first, second = articles[0], articles[2]
    missing, guessed, boundary = (
        doubt(first, "continuation_missing"),
        doubt(second, "continuation_guessed"),
        doubt(second, "boundary"),
    )
    editor.post(ARTICLES, action_post("link_continuation", [first, second]))
    assert Article.objects.get(pk=first.pk).next_part_id == second.pk
    assert still_open(missing, guessed, boundary) == [False, False, True]
    not_found = doubt(second, "continuation_not_found")
    editor.post(ARTICLES, action_post("unlink_continuation", [first]))
    assert Article.objects.get(pk=first.pk).next_part_id is None
    assert still_open(not_found, boundary) == [False, True]
