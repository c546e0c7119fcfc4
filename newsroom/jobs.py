"""Background jobs: long work (tuning the importer, scoring a published edition, reading PDFs)
never runs in a request.

    @job
    def tune(progress, *, publication_id):
        progress(0, 10, "…")
        …
        return {"score": 0.97}          # what the job came to, as JSON

    record = enqueue(tune, title="…", user=request.user, publication_id=3)

`enqueue` writes a `Job` row (newsroom.models: who asked, status, progress, result or error) and
hands its id to the queue that settings.NEWSROOM_JOBS names:

- "database" (the default): django-tasks with django-tasks-db's backend: the job waits in the
  database until `manage.py db_worker` (`make worker`) runs it. No broker to install.
- "celery" (the default when CELERY_BROKER_URL is set): Celery over Redis or RabbitMQ, after the
  enqueuing transaction commits; `celery -A newsroom.celery worker` runs it.
- "immediate": in the calling process, at once (the tests).

A job function takes the progress reporter and its keyword arguments (JSON: ids, not objects)
and returns JSON. Only functions marked with `@job` are ever run from a Job row.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django_tasks import task

from newsroom.models import Job

logger = logging.getLogger(__name__)
RUNNERS = ("database", "celery", "immediate")


def job(function: Callable) -> Callable:
    """Mark `function(progress, **arguments)` as a job `enqueue` may queue and a worker may run."""
    function.job_path = f"{function.__module__}.{function.__qualname__}"
    return function


class Progress:
    """Reports how far a job got; each report is saved at once so the admin shows it while the
    job runs (outside any transaction of the job's own)."""

    def __init__(self, record: Job):
        self.record = record

    def __call__(self, done: int, total: int | None = None, message: str = "") -> None:
        total = self.record.total if total is None else max(total, 0)
        done = min(max(done, 0), total)
        self.record.done, self.record.total, self.record.message = done, total, message[:300]
        Job.objects.filter(pk=self.record.pk).update(done=done, total=total, message=self.record.message)


def enqueue(function: Callable, *, title: str, user=None, **arguments) -> Job:
    """Queue `function` (marked with @job) with keyword `arguments`; returns its Job row."""
    path = getattr(function, "job_path", None)
    if path is None:
        raise TypeError(f"{function!r} is not marked with @newsroom.jobs.job")
    runner = settings.NEWSROOM_JOBS
    if runner not in RUNNERS:
        raise ValueError(f"NEWSROOM_JOBS must be one of {', '.join(RUNNERS)}, not {runner!r}")
    record = Job.objects.create(
        task=path,
        title=title[:200],
        arguments=arguments,
        runner=runner,
        requested_by=user if user is not None and user.is_authenticated else None,
    )
    if runner == "celery":
        from newsroom.celery import run_job_with_celery

        # After the commit: the worker must find the row (and what the job reads).
        transaction.on_commit(lambda: run_job_with_celery.delay(record.pk))
    else:
        # The database backend's row is written in this transaction: a worker sees both at once.
        run_job.using(backend="immediate" if runner == "immediate" else "default").enqueue(record.pk)
        if runner == "immediate":
            record.refresh_from_db()
    return record


@task()
def run_job(job_id: int) -> None:
    """The one django-tasks task: run the job of Job row `job_id`."""
    execute(job_id)


def execute(job_id: int) -> None:
    """Run the job of Job row `job_id` once: a job already finished is not run again (a queue
    that delivers twice, a worker restarted), and a failure is recorded on the row."""
    started = Job.objects.filter(pk=job_id, status__in=[Job.Status.QUEUED, Job.Status.RUNNING]).update(
        status=Job.Status.RUNNING, started_at=timezone.now(), error=""
    )
    if not started:
        logger.warning("Job %s is finished or gone: not run again", job_id)
        return
    record = Job.objects.get(pk=job_id)
    try:
        function = import_string(record.task)
        if getattr(function, "job_path", None) != record.task:
            raise LookupError(f"{record.task} is not a job")
        result = function(Progress(record), **record.arguments)
    except Exception as error:
        logger.exception("Job %s (%s) failed", job_id, record.task)
        Job.objects.filter(pk=job_id).update(
            status=Job.Status.FAILED, error=_said(error), finished_at=timezone.now()
        )
        raise
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.DONE, result=result, done=F("total"), finished_at=timezone.now()
    )


def _said(error: Exception) -> str:
    """The error as the editor reads it on the job's page: a refusal that can say itself in the
    active language (`render(translate)`, as the importer's do: their str() is English) in it,
    any other as its text."""
    render = getattr(error, "render", None)
    text = render(gettext) if callable(render) else str(error)
    return text or type(error).__name__
