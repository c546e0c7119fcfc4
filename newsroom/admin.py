"""Logins in the admin: users and groups, with their permissions named in Chinese.

Django stores a permission's name in English when it creates it ("Can change 稿件", "Can add
historical 稿件"), and the user and group forms list those names. Here each permission is shown
as its app, its model and its action in the admin's language."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission, User
from django.forms import ModelMultipleChoiceField
from django.utils.translation import gettext_lazy as _

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


@admin.register(User)
class NewsroomUserAdmin(TranslatedPermissions, UserAdmin):
    pass


@admin.register(Group)
class NewsroomGroupAdmin(TranslatedPermissions, GroupAdmin):
    pass
