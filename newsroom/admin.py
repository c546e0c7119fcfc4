"""Logins in the admin: users and groups, with their permissions named in Chinese.

Django stores a permission's name in English when it creates it ("Can change 稿件", "Can add
historical 稿件"), and the user and group forms list those names. Here each permission is shown
as its app, its model and its action in the admin's language."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission, User
from django.forms import ModelMultipleChoiceField
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from newsroom.models import Job
from newsroom.permissions import is_staff

ACTIONS = {"add": _("可以新增"), "change": _("可以修改"), "delete": _("可以删除"), "view": _("可以查看")}


def model_name(model):
    """A model's name; a history model (django-simple-history's) as its model's history."""
    tracked = getattr(model, "instance_type", None)
    if tracked is not None:
        return _("%(name)s（历史记录）") % {"name": tracked._meta.verbose_name}
    return model._meta.verbose_name


def permission_label(permission):
    content_type = permission.content_type
    model = content_type.model_class()
    if model is None:  # a model that no longer exists
        return str(permission)
    action, _sep, _rest = permission.codename.partition("_")
    default = f"{action}_{model._meta.model_name}" == permission.codename and action in ACTIONS
    what = f"{ACTIONS[action]}{model_name(model)}" if default else permission.name
    return f"{model._meta.app_config.verbose_name} | {model_name(model)} | {what}"


class PermissionField(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return permission_label(obj)


class TranslatedPermissions:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name in ("permissions", "user_permissions"):
            kwargs["form_class"] = PermissionField
            kwargs.setdefault("queryset", Permission.objects.select_related("content_type"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


admin.site.unregister(User)
admin.site.unregister(Group)
# The queue's own rows (django-tasks-db): what a job is and how far it got is its Job row.
admin.site.unregister(DBTaskResult)


@admin.register(User)
class NewsroomUserAdmin(TranslatedPermissions, UserAdmin):
    pass


@admin.register(Group)
class NewsroomGroupAdmin(TranslatedPermissions, GroupAdmin):
    pass


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Background jobs as the staff watch them: read only; they are made by what queues them."""

    list_display = ["title", "status", "progress", "requested_by", "created_at", "finished_at"]
    list_filter = ["status", "task"]
    list_select_related = ["requested_by"]
    readonly_fields = [field.name for field in Job._meta.fields]
    date_hierarchy = "created_at"

    @admin.display(description=_("进度"))
    def progress(self, job):
        return f"{job.percent}% {job.message}".strip()

    def has_module_permission(self, request):
        return is_staff(request.user)

    def has_view_permission(self, request, obj=None):
        return is_staff(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
