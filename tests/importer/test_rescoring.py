"""An edition's import score is computed when it is published however it was published
(`import_edition --publish` as the admin's 发布), and again when editors change it afterwards:
queued once the change is committed, one waiting job per edition however many changes."""

import pytest
from django.contrib.auth.models import Permission

from articles.approvals import approve_revision, propose
from articles.models import Article, Block
from editions.models import Edition
from importer.models import EditionScore
from newsroom.models import Job
from tests.importer import helpers as h
from tests.importer.test_learning import WIRE, import_and_correct, run

pytestmark = pytest.mark.django_db
SCORE_JOB = "importer.tasks.score_edition"


@pytest.fixture
def daily():
    from editions.models import Publication

    return Publication.objects.create(slug="daily", name="日报")


def test_import_edition_publish_scores_the_edition_as_publishing_in_the_admin_does(tmp_path, daily):
    path = tmp_path / "2026-03-28" / "A01.txt"
    path.parent.mkdir(parents=True)
    path.write_text(WIRE, encoding="utf-8")
    run("import_edition", path.parent, "--publication", "daily", *h.publishing())
    edition = Edition.objects.get(publication=daily)
    job = Job.objects.get(task=SCORE_JOB)
    assert job.status == Job.Status.DONE and job.arguments == {"edition_id": edition.pk}
    # Published as imported: the parse is what was published.
    score = EditionScore.objects.get(edition=edition)
    assert score.passed == score.checks_total and score.corrections == 0
    # The same import again changes nothing: no new score.
    run("import_edition", path.parent, "--publication", "daily", *h.publishing())
    assert Job.objects.filter(task=SCORE_JOB).count() == 1


def test_a_correction_after_publication_scores_the_edition_again_once_committed(
    tmp_path, daily, staff_user, django_capture_on_commit_callbacks
):
    edition = import_and_correct(tmp_path, staff_user)
    assert EditionScore.objects.get(edition=edition).corrections == 2
    last = Article.objects.filter(page__edition=edition).order_by("position").last()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        # The editor moves the last closing source line back where the import had it.
        source = Block.objects.get(article__page__edition=edition, text="摘自光明网")
        source.delete()
        last.kicker = "摘自光明网"
        last.save()
        assert Job.objects.filter(task=SCORE_JOB).count() == 1  # not in the request's own work
    assert callbacks
    assert Job.objects.filter(task=SCORE_JOB, status=Job.Status.DONE).count() == 2
    assert EditionScore.objects.get(edition=edition).corrections == 1


def test_an_approved_revision_scores_the_edition_again(
    tmp_path, daily, staff_user, django_user_model, django_capture_on_commit_callbacks
):
    edition = import_and_correct(tmp_path, staff_user)
    before = EditionScore.objects.get(edition=edition)
    reporter = django_user_model.objects.create_user(
        "jizhe", password="a-long-test-password-1", is_staff=True
    )
    reporter.user_permissions.add(*Permission.objects.filter(codename__in=["change_article", "view_article"]))
    first = Article.objects.filter(page__edition=edition).order_by("position").first()

    def retitle():
        first.headline = "堤防加固工程年内完工"
        first.save()

    revision = propose(first, retitle, user=reporter)
    assert EditionScore.objects.get(edition=edition).passed == before.passed  # held, not published
    with django_capture_on_commit_callbacks(execute=True):
        approve_revision(revision, user=staff_user)
    assert EditionScore.objects.get(edition=edition).passed < before.passed


def test_many_changes_while_a_score_waits_queue_no_second_job(
    tmp_path, daily, staff_user, settings, django_capture_on_commit_callbacks
):
    edition = import_and_correct(tmp_path, staff_user)
    settings.NEWSROOM_JOBS = "database"  # jobs wait for a worker from here on
    articles = list(Article.objects.filter(page__edition=edition))
    for number, article in enumerate(articles):
        with django_capture_on_commit_callbacks(execute=True):
            article.headline = f"{article.headline}（{number}）"
            article.save()
    waiting = Job.objects.filter(task=SCORE_JOB, status=Job.Status.QUEUED)
    assert [job.arguments for job in waiting] == [{"edition_id": edition.pk}]
    # A draft's changes queue nothing.
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.DRAFT)
    waiting.update(status=Job.Status.DONE)
    with django_capture_on_commit_callbacks(execute=True):
        articles[0].save()
    assert not Job.objects.filter(task=SCORE_JOB, status=Job.Status.QUEUED).exists()
