"""Linking the stored parts of continued stories (importer.services.continuations)."""

import pytest

from articles.models import Article
from editions.models import Edition, Page
from importer.core.draft import PageRef
from importer.services import import_edition
from tests.importer import helpers as h

pytestmark = pytest.mark.django_db


def test_continued_parts_are_linked_within_an_edition():
    result = import_edition(h.edition())
    first = Article.objects.get(headline="党建赋能治理 共建幸福家园")
    second = Article.objects.get(headline="党建赋能治理")
    assert first.next_part == second and second.previous_part == first
    assert (first.continued_to_label, first.continued_to_page) == ("02", 2)
    assert (second.continued_from_label, second.continued_from_page) == ("01", 1)
    assert result.continuations_linked == 1


def test_a_part_on_a_page_imported_later_is_linked_when_it_arrives():
    draft = h.edition()
    front = import_edition(h.page_only(draft, "01"))
    first = Article.objects.get(headline="党建赋能治理 共建幸福家园")
    assert first.next_part is None and first.continued_to_label == "02"
    assert front.continuations_linked == 0
    later = import_edition(h.page_only(draft, "02"))
    assert later.status == "updated" and later.continuations_linked == 1
    first.refresh_from_db()
    assert first.next_part.headline == "党建赋能治理"
    assert Edition.objects.count() == 1
    assert list(Page.objects.values_list("label", "number").order_by("number")) == [("01", 1), ("02", 2)]
    # The first page stayed as it was.
    assert Article.objects.get(pk=first.pk).position == 1


def test_page_two_first_then_page_one():
    draft = h.edition()
    import_edition(h.page_only(draft, "02"))
    second = Article.objects.get(headline="党建赋能治理")
    import_edition(h.page_only(draft, "01"))
    assert Article.objects.get(headline="党建赋能治理 共建幸福家园").next_part_id == second.pk
    assert list(Page.objects.values_list("label", "number").order_by("number")) == [("01", 1), ("02", 2)]


def test_continuation_with_a_shortened_headline_among_several_candidates():
    draft = h.edition(pages=2, articles_per_page=2)
    page_two = draft.pages[1]
    # A second continued part from page 01 on page 02, under another headline.
    other = h.article(9, "第1版第2条", continued_from=PageRef("01", 1))
    page_two.articles.append(other)
    draft.pages[0].articles[1].continued_to = PageRef("02", 2)
    import_edition(draft)
    assert Article.objects.get(headline="党建赋能治理 共建幸福家园").next_part.headline == "党建赋能治理"
    assert Article.objects.get(headline="第1版第2条", page__label="01").next_part.position == 9


def test_a_corrected_dump_that_swaps_two_stories_continued_parts_relinks_both():
    """Each part may follow only one first part: the links are released before they swap."""

    def draft(swapped):
        draft = h.edition(pages=2, articles_per_page=2, continued=False)
        for position, headline in ((1, "城市更新迈出新步伐"), (2, "乡村振兴结出硕果")):
            draft.pages[0].articles[position - 1] = h.article(
                position, headline, continued_to=PageRef("02", 2)
            )
        parts = (
            ("乡村振兴结出硕果", "城市更新迈出新步伐")
            if swapped
            else ("城市更新迈出新步伐", "乡村振兴结出硕果")
        )
        for position, headline in enumerate(parts, start=1):
            draft.pages[1].articles[position - 1] = h.article(
                position, headline, continued_from=PageRef("01", 1)
            )
        return draft

    def links():
        return {
            a.headline: a.next_part.position
            for a in Article.objects.filter(page__label="01").select_related("next_part")
        }

    import_edition(draft(swapped=False))
    assert links() == {"城市更新迈出新步伐": 1, "乡村振兴结出硕果": 2}
    result = import_edition(draft(swapped=True))
    assert result.status == "updated"
    assert links() == {"城市更新迈出新步伐": 2, "乡村振兴结出硕果": 1}


@pytest.mark.parametrize(("same_story", "linked"), [(None, False), (0.5, True)])
def test_stored_parts_are_matched_from_the_publication_s_own_same_story(same_story, linked):
    """A page arriving on its own is linked by the service as the parser would link it: among
    several parts, by a headline as similar as the publication's profile asks (0.56 here)."""
    from dataclasses import replace

    from editions.models import Publication
    from importer.core.profile import Profile
    from importer.services.profiles import save_profile

    draft = h.edition(pages=2, articles_per_page=2, continued=False)
    draft.pages[0].articles[0] = h.article(1, "城市更新迈出新步伐", continued_to=PageRef("02", 2))
    draft.pages[1].articles = [
        h.article(1, "城市更新有了新进展", continued_from=PageRef("01", 1)),
        h.article(2, "乡村振兴结出硕果", continued_from=PageRef("01", 1)),
    ]
    import_edition(h.page_only(draft, "01"))
    if same_story is not None:
        profile = Profile()
        profile = replace(profile, limits=replace(profile.limits, same_story=same_story))
        save_profile(Publication.objects.get(), profile, user=None)
    import_edition(h.page_only(draft, "02"))
    first = Article.objects.get(headline="城市更新迈出新步伐")
    assert (first.next_part.headline if first.next_part else None) == (
        "城市更新有了新进展" if linked else None
    )
