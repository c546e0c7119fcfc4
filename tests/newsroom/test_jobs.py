"""Background jobs (newsroom/jobs.py): one `enqueue` whatever runs them — django-tasks' database
worker, Celery, or the calling process — with a record of who asked, progress and outcome."""

import json

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from newsroom import jobs
from newsroom.celery import app as celery_app
from newsroom.models import Job
from tests.newsroom.test_settings import run_settings


@jobs.job
def count_words(progress, *, words):
    for number, word in enumerate(words, start=1):
        progress(number, len(words), f"read {word}")
    return {"words": len(words)}


@jobs.job
def refuse(progress, *, reason):
    progress(1, 3, "started")
    raise ValueError(reason)


def not_a_job(progress):
    return "ran"


@pytest.mark.django_db
def test_a_job_runs_and_its_record_keeps_who_asked_the_progress_and_the_result(staff_user):
    record = jobs.enqueue(count_words, title="数字数", user=staff_user, words=["甲", "乙", "丙"])
    assert record.status == Job.Status.DONE and record.runner == "immediate"
    assert record.result == {"words": 3}
    assert (record.done, record.total, record.message) == (3, 3, "read 丙")
    assert record.requested_by == staff_user and record.percent == 100
    assert record.started_at and record.finished_at and record.started_at <= record.finished_at


@pytest.mark.django_db
def test_a_failing_job_is_recorded_with_its_error_and_never_run_again():
    record = jobs.enqueue(refuse, title="拒绝", reason="no corrected edition to learn from")
    assert record.status == Job.Status.FAILED
    assert record.error == "no corrected edition to learn from"
    assert (record.done, record.total) == (1, 3)
    jobs.execute(record.pk)  # a queue delivering it twice
    record.refresh_from_db()
    assert record.status == Job.Status.FAILED and record.finished_at is not None


@pytest.mark.django_db
def test_only_functions_marked_as_jobs_are_queued_or_run():
    with pytest.raises(TypeError):
        jobs.enqueue(not_a_job, title="x")
    # A row naming some other importable function (a tampered row) fails without calling it.
    record = Job.objects.create(task="tests.newsroom.test_jobs.not_a_job", title="x", runner="immediate")
    with pytest.raises(LookupError):
        jobs.execute(record.pk)
    record.refresh_from_db()
    assert record.status == Job.Status.FAILED and "is not a job" in record.error


@pytest.mark.django_db(transaction=True)
def test_the_database_queue_keeps_a_job_until_the_worker_runs_it(settings):
    settings.NEWSROOM_JOBS = "database"
    record = jobs.enqueue(count_words, title="数字数", words=["甲", "乙"])
    record.refresh_from_db()
    assert record.status == Job.Status.QUEUED and record.runner == "database"
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "newsroom.jobs.run_job" and queued.args_kwargs["args"] == [record.pk]
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    record.refresh_from_db()
    assert record.status == Job.Status.DONE and record.result == {"words": 2}
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db
def test_celery_gets_the_job_once_the_transaction_commits(settings, django_capture_on_commit_callbacks):
    settings.NEWSROOM_JOBS = "celery"
    celery_app.conf.task_always_eager = True  # the task runs here instead of on a broker's worker
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            record = jobs.enqueue(count_words, title="数字数", words=["甲"])
        record.refresh_from_db()
        assert record.status == Job.Status.QUEUED and record.runner == "celery"
        assert len(callbacks) == 1
        callbacks[0]()
    finally:
        celery_app.conf.task_always_eager = False
    record.refresh_from_db()
    assert record.status == Job.Status.DONE and record.result == {"words": 1}


@pytest.mark.django_db
def test_the_admin_lists_jobs_with_their_progress_and_lets_nobody_add_one(staff_client):
    jobs.enqueue(count_words, title="调校株洲日报", words=["甲"])
    listing = staff_client.get("/admin/newsroom/job/")
    assert listing.status_code == 200
    assert "调校株洲日报" in listing.text and "100%" in listing.text
    assert staff_client.get("/admin/newsroom/job/add/").status_code == 403


PRINT_JOBS = (
    "import django, json; from django.conf import settings; django.setup(); "
    "print(json.dumps([settings.NEWSROOM_JOBS, settings.CELERY_BROKER_URL]))"
)


def test_jobs_run_from_the_database_unless_a_celery_broker_is_set():
    assert json.loads(run_settings(PRINT_JOBS).stdout) == ["database", ""]
    redis = run_settings(PRINT_JOBS, CELERY_BROKER_URL="redis://127.0.0.1:6379/1")
    assert json.loads(redis.stdout) == ["celery", "redis://127.0.0.1:6379/1"]
    forced = run_settings(PRINT_JOBS, CELERY_BROKER_URL="redis://x", NEWSROOM_JOBS="database")
    assert json.loads(forced.stdout)[0] == "database"
    wrong = run_settings(PRINT_JOBS, NEWSROOM_JOBS="cron")
    assert wrong.returncode != 0 and "NEWSROOM_JOBS must be database, celery or immediate" in wrong.stderr
    unbrokered = run_settings(PRINT_JOBS, NEWSROOM_JOBS="celery")
    assert unbrokered.returncode != 0 and "CELERY_BROKER_URL" in unbrokered.stderr
