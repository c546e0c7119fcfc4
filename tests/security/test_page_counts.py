"""No page carries more articles than a printed one could (newsroom.text.MAX_PAGE_ARTICLES):
edition JSON is refused by its reader before the page's articles are read, any other source by the
import service, in one line naming the page, nothing written. The page's admin holds its list of
articles to the same count in Chinese, nothing saved, however the POST was made (a thousand new
rows, or stored rows left out of it), and refuses to move articles onto a full page, so a page an
editor saved exports and imports again."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse, reverse_lazy

from articles import services
from articles.models import Article
from editions.models import Edition, Page
from importer.core.draft import EditionImportError
from importer.core.jsonio import edition_from_json, edition_to_json
from importer.messages import describe
from importer.services import export_edition, import_edition
from newsroom.text import MAX_PAGE_ARTICLES
from tests.articles import factories
from tests.articles.admin_helpers import action_post, article_post_data, management
from tests.importer import helpers as h

REFUSED = f"一个版面最多 {MAX_PAGE_ARTICLES} 篇稿件：请删去多出的，或移到别的版面。"


def test_the_json_reader_refuses_a_page_of_more_articles_than_print_has_before_reading_them():
    data = edition_to_json(h.edition(pages=2))
    one = data["pages"][0]["articles"][0]
    data["pages"][0]["articles"] = [one | {"position": p} for p in range(1, MAX_PAGE_ARTICLES + 2)]
    with pytest.raises(EditionImportError) as raised:
        edition_from_json(data)
    assert describe(raised.value) == (
        f"期次 JSON：pages[0].articles 有 {MAX_PAGE_ARTICLES + 1} 项，超过上限 {MAX_PAGE_ARTICLES}"
    )


@pytest.mark.django_db
def test_the_import_service_refuses_a_page_of_more_articles_than_print_has_in_one_line():
    """Any source, a page dump's parse as much as edition JSON."""
    draft = h.edition(pages=2, articles_per_page=MAX_PAGE_ARTICLES + 1, continued=False)
    with pytest.raises(EditionImportError) as raised:
        import_edition(draft)
    assert describe(raised.value) == (
        f"第01版: 这个版面有 {MAX_PAGE_ARTICLES + 1} 篇稿件，超过上限 {MAX_PAGE_ARTICLES}"
        "（见报的版面不会有这么多）：请核对来源"
    )
    assert not Edition.objects.exists() and not Article.objects.exists()


# -- the page's admin ----------------------------------------------------------------------------


@pytest.fixture
def page(db):
    return factories.edition(pages=1, articles_per_page=0, published=False).pages.get()


def stored(page, count):
    Article.objects.bulk_create(
        Article(page=page, position=p, headline=f"第{p}条新闻") for p in range(1, count + 1)
    )
    return list(page.articles.order_by("position"))


def page_post_data(page, articles, new=0, initial=None):
    """The page form as the browser sends it back with `articles` listed, `new` articles added
    after them; `initial` stored rows claimed (a hostile POST claims fewer)."""
    data = {"edition": str(page.edition_id), "number": str(page.number), "label": page.label, "name": ""}
    data |= {
        "editor": "",
        **management("articles", len(articles) + new, len(articles) if initial is None else initial),
    }
    for i, article in enumerate(articles):
        data |= {f"articles-{i}-id": str(article.pk), f"articles-{i}-page": str(page.pk)}
        data |= {f"articles-{i}-position": str(article.position), f"articles-{i}-kind": article.kind}
        data |= {f"articles-{i}-kicker": article.kicker, f"articles-{i}-headline": article.headline}
    for i in range(len(articles), len(articles) + new):
        data |= {f"articles-{i}-page": str(page.pk), f"articles-{i}-kind": "news"}
        data |= {f"articles-{i}-kicker": "", f"articles-{i}-headline": f"新加的第{i}条"}
    return data


def post(staff_client, page, data):
    return staff_client.post(reverse("admin:editions_page_change", args=[page.pk]), data)


def test_a_thousand_new_articles_posted_on_a_page_are_refused_in_chinese(staff_client, page):
    response = post(staff_client, page, page_post_data(page, [], new=1000))
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert not page.articles.exists()


def test_one_article_past_the_count_is_refused_by_the_page_form(staff_client, page):
    articles = stored(page, MAX_PAGE_ARTICLES)
    response = post(staff_client, page, page_post_data(page, articles, new=1))
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert page.articles.count() == MAX_PAGE_ARTICLES


def test_a_post_leaving_stored_articles_out_cannot_add_past_the_count(staff_client, page):
    """The forms posted are within the count; the page after the save would not be."""
    stored(page, MAX_PAGE_ARTICLES)
    response = post(staff_client, page, page_post_data(page, [], new=1))
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert page.articles.count() == MAX_PAGE_ARTICLES


def test_a_page_filled_to_the_count_in_the_admin_exports_and_imports_again(staff_client, page):
    articles = stored(page, MAX_PAGE_ARTICLES - 2)
    data = page_post_data(page, articles[1:], new=3)
    data |= {"articles-0-DELETE": "on"}  # one deleted, three added: the count exactly
    assert post(staff_client, page, data).status_code == 302
    assert page.articles.count() == MAX_PAGE_ARTICLES
    draft = edition_from_json(edition_to_json(export_edition(page.edition)))
    Edition.objects.all().delete()
    import_edition(draft)
    assert Article.objects.filter(page__label=page.label).count() == MAX_PAGE_ARTICLES


# -- articles moved onto a full page ---------------------------------------------------------------

ARTICLES = reverse_lazy("admin:articles_article_changelist")


@pytest.fixture
def full_page(page):
    stored(page, MAX_PAGE_ARTICLES)
    return page


@pytest.fixture
def elsewhere(full_page):
    other = Page.objects.create(edition=full_page.edition, number=2, label="02")
    return [Article.objects.create(page=other, position=p, headline=f"二版第{p}条") for p in (1, 2)]


def test_an_article_moved_onto_a_full_page_in_its_form_is_refused(staff_client, full_page, elsewhere):
    article = elsewhere[0]
    data = article_post_data(article, page=str(full_page.pk), position=str(MAX_PAGE_ARTICLES + 1))
    response = staff_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["page"] == [
        f"{full_page}已有 {MAX_PAGE_ARTICLES} 篇稿件，再放 1 篇就超过一个版面的上限 {MAX_PAGE_ARTICLES} 篇："
        "请换一个版面。"
    ]
    assert full_page.articles.count() == MAX_PAGE_ARTICLES


def test_articles_moved_onto_a_full_page_from_the_list_are_refused(staff_client, full_page, elsewhere):
    apply = action_post("move_to_page", elsewhere, apply="1", page=str(full_page.pk))
    response = staff_client.post(ARTICLES, apply)
    assert response.status_code == 200
    assert f"再放 2 篇就超过一个版面的上限 {MAX_PAGE_ARTICLES} 篇" in response.content.decode()
    assert full_page.articles.count() == MAX_PAGE_ARTICLES


def test_the_move_service_refuses_a_full_page_whoever_calls_it(staff_user, full_page, elsewhere):
    moving = Article.objects.filter(pk__in=[article.pk for article in elsewhere])
    with pytest.raises(ValidationError, match="再放 2 篇就超过一个版面的上限"):
        services.move_to_page(moving, full_page, user=staff_user)
    assert full_page.articles.count() == MAX_PAGE_ARTICLES
    assert moving.exclude(page=full_page).count() == 2


def test_a_page_filled_after_the_move_form_s_check_is_refused_in_chinese(
    staff_client, full_page, elsewhere, monkeypatch
):
    monkeypatch.setattr("articles.forms.check_room", lambda page, adding: None)  # filled since
    apply = action_post("move_to_page", elsewhere, apply="1", page=str(full_page.pk))
    response = staff_client.post(ARTICLES, apply, follow=True)
    assert response.status_code == 200
    assert f"再放 2 篇就超过一个版面的上限 {MAX_PAGE_ARTICLES} 篇" in response.content.decode()
    assert full_page.articles.count() == MAX_PAGE_ARTICLES


def test_an_article_added_at_a_position_taken_since_the_page_was_opened_is_a_form_error(staff_client, page):
    """Another editor's article, saved after this editor opened the page, is not in the POST: the
    new article at its position was a database error (a 500, the editor's change lost)."""
    articles = stored(page, 3)
    opened = page_post_data(page, articles[:2], new=1)
    opened["articles-2-position"] = "3"
    response = post(staff_client, page, opened)
    assert response.status_code == 200
    assert "第 3 位已有一行（可能是别人刚刚加的）：请重新打开本页，再改。" in response.content.decode()
    assert list(page.articles.values_list("headline", flat=True)) == [a.headline for a in articles]
