"""Each published edition's import score is kept when it is published (a background job), and the
desk chiefs' page shows accuracy over time, corrections by kind and the least sure pages, with
tuning from the admin as a job."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from editions.models import Edition
from importer.models import CorrectionCount, EditionScore, PageScore
from newsroom.jobs import Progress
from newsroom.models import Job
from tests.importer.test_learning import import_and_correct

pytestmark = pytest.mark.django_db
PAGE = reverse("admin:importer_editionscore_changelist")
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def daily():
    from editions.models import Publication

    return Publication.objects.create(slug="daily", name="日报")


def test_publishing_an_edition_scores_its_import(tmp_path, daily, staff_user):
    edition = import_and_correct(tmp_path, staff_user)
    score = EditionScore.objects.get(edition=edition)
    assert (score.passed, score.checks_total, score.corrections) == (24, 28, 2)
    assert score.publication == daily and score.date == datetime.date(2026, 3, 28)
    (page,) = PageScore.objects.filter(edition_score=score)
    assert (page.label, page.corrections) == ("A01", 2)
    (kind,) = CorrectionCount.objects.filter(edition_score=score)
    assert (kind.kind, kind.count, kind.example) == ("source line → title", 2, "摘自人民网")
    job = Job.objects.get(task="importer.tasks.score_edition")
    assert job.status == Job.Status.DONE and job.arguments == {"edition_id": edition.pk}


def test_the_desk_chiefs_page_shows_accuracy_corrections_and_the_least_sure_pages(
    tmp_path, daily, staff_user, staff_client
):
    import_and_correct(tmp_path, staff_user)
    response = staff_client.get(PAGE)
    assert response.status_code == 200
    html = response.text
    assert "日报：每期导入准确率" in html and "<svg" in html
    assert "source line → title" in html and "摘自人民网" in html
    assert "导入最没把握的版面" in html and "A01" in html
    # Ten years read from rows: the page's queries do not grow with the editions.
    with CaptureQueriesContext(connection) as one:
        staff_client.get(PAGE)
    score = EditionScore.objects.get()
    for day in range(1, 4):
        other = Edition.objects.create(publication=daily, date=datetime.date(2026, 4, day))
        copy = EditionScore.objects.create(
            edition=other, publication=daily, date=other.date, score=0.9, passed=9, checks_total=10
        )
        PageScore.objects.create(
            edition_score=copy,
            publication=daily,
            label="A01",
            score=0.9,
            passed=9,
            checks_total=10,
            doubts=day,
        )
        CorrectionCount.objects.create(
            edition_score=copy, publication=daily, kind="two articles merged", count=day
        )
    with CaptureQueriesContext(connection) as four:
        response = staff_client.get(PAGE)
    assert len(four) == len(one)
    assert "two articles merged" in response.text and score.edition.date.isoformat() in response.text


def test_a_desk_chief_tunes_the_paper_from_the_admin_and_sees_before_and_after(
    tmp_path, daily, staff_user, staff_client
):
    import_and_correct(tmp_path, staff_user)
    response = staff_client.post(
        reverse("admin:importer_editionscore_tune"), {"publication": daily.pk, "holdout": "0"}, follow=True
    )
    assert response.status_code == 200
    job = Job.objects.get(task="importer.tasks.tune_publication")
    assert job.status == Job.Status.DONE, job.error
    assert job.requested_by == staff_user and job.result["stored"]
    assert job.result["scores"]["after"] > job.result["scores"]["before"]
    assert "已保存为新版本" in response.text and f"{job.result['scores']['after']:.3f}" in response.text


def test_a_tuning_run_s_progress_is_stored_in_chinese(tmp_path, daily, staff_user, staff_client, monkeypatch):
    """The core reports English templates (importer.core.learn.tune); the job stores each in the
    desk chiefs' words, which the Job row shows while it runs and after."""
    import_and_correct(tmp_path, staff_user)
    stored = []
    record = Progress.__call__
    monkeypatch.setattr(Progress, "__call__", lambda self, *a: stored.append(a[2]) or record(self, *a))
    staff_client.post(reverse("admin:importer_editionscore_tune"), {"publication": daily.pk, "holdout": "0"})
    job = Job.objects.get(task="importer.tasks.tune_publication")
    assert job.status == Job.Status.DONE, job.error
    assert stored[0] == "从 1 期学习，在 1 期上检验" and job.message == "在留出的期次上检验"
    assert any(message.startswith("权重，第 1 轮") for message in stored)
    assert any(message.startswith("阈值 1/") for message in stored)
    english = {"learning", "checking", "convention", "weights", "round", "threshold", "edition"}
    assert [m for m in stored if english & set(re.findall(r"[a-z]+", m)) or not CHINESE.match(m)] == []


def test_an_editor_may_look_but_not_tune(tmp_path, daily, staff_user, client, django_user_model):
    import_and_correct(tmp_path, staff_user)
    editor = django_user_model.objects.create_user("bian", password="a-long-test-password-1", is_staff=True)
    editor.groups.add(Group.objects.get(name="编辑"))
    client.force_login(editor)
    page = client.get(PAGE)
    assert page.status_code == 200 and "开始调校" not in page.text
    refused = client.post(reverse("admin:importer_editionscore_tune"), {"publication": daily.pk})
    assert (
        refused.status_code == 403 and not Job.objects.filter(task="importer.tasks.tune_publication").exists()
    )


def test_a_failed_tuning_shows_its_error(daily, staff_client):
    edition = Edition.objects.create(publication=daily, date=datetime.date(2026, 4, 1))
    EditionScore.objects.create(
        edition=edition, publication=daily, date=edition.date, score=0.9, passed=9, checks_total=10
    )
    Job.objects.create(
        task="importer.tasks.tune_publication",
        title="调整导入规则",
        arguments={"publication_id": daily.pk},
        status=Job.Status.FAILED,
        error="没有可以学习的已发布期次。",
    )
    html = staff_client.get(PAGE).text
    assert "失败" in html and "没有可以学习的已发布期次。" in html
