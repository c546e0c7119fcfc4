"""Celery, when settings.NEWSROOM_JOBS is "celery" (CELERY_BROKER_URL: Redis or RabbitMQ).

Run a worker with `celery -A newsroom.celery worker`. Its one task runs a Job row
(newsroom/jobs.py), as django-tasks' database worker does otherwise."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

app = Celery("newsroom")
app.config_from_object("django.conf:settings", namespace="CELERY")


@app.task(name="newsroom.run_job")
def run_job_with_celery(job_id):
    from newsroom.jobs import execute

    execute(job_id)
