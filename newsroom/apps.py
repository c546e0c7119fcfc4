"""App configurations the project gives third-party apps."""

from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class LoginProtectionConfig(AxesAppConfig):
    """django-axes (failed logins, lockouts), named in the admin's language: it has no name of
    its own, and the admin's index would list it as "Axes"."""

    verbose_name = _("登录保护")


class TaskQueueConfig(TasksAppConfig):
    """django-tasks-db (the background jobs' queue in the database), named in the admin's language:
    its permissions are listed on every login's page."""

    verbose_name = _("任务队列")


class NewsroomConfig(AppConfig):
    """The project's own app: the admin of logins (users and groups), the command that creates an
    editor's login, and what belongs to no app of the paper's."""

    name = "newsroom"
    verbose_name = _("编辑部")
