"""App configurations the project gives third-party apps."""

from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LoginProtectionConfig(AxesAppConfig):
    """django-axes (failed logins, lockouts), named in the admin's language: it has no name of
    its own, and the admin's index would list it as "Axes"."""

    verbose_name = _("登录保护")


class NewsroomConfig(AppConfig):
    """The project's own app: the admin of logins (users and groups), the command that creates an
    editor's login, and what belongs to no app of the paper's."""

    name = "newsroom"
    verbose_name = _("编辑部")
