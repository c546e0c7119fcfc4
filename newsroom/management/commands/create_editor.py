"""Create an editor's login: staff status (工作人员状态, without which the admin refuses the
login) and the newsroom group of their role, never a superuser."""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

EDITOR, DESK_CHIEF, SITE_ADMIN = "编辑", "值班主任", "网站管理员"
PASSWORD_VARIABLE = "NEWSROOM_EDITOR_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create a login for an editor (group 编辑), a desk chief (值班主任, --desk-chief) or a site "
        "administrator (网站管理员, --site-admin), with staff status so the admin lets them in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        role = parser.add_mutually_exclusive_group()
        role.add_argument("--desk-chief", action="store_true", help="值班主任: may also publish and delete")
        role.add_argument("--site-admin", action="store_true", help="网站管理员: may also manage logins")
        parser.add_argument("--name", default="", help="the person's name as the admin shows it")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_true",
            help=f"take the password from ${PASSWORD_VARIABLE} instead of asking for it",
        )
        parser.add_argument("--dry-run", action="store_true", help="check everything, create nothing")

    def handle(self, *args, username, desk_chief, site_admin, name, email, noinput, dry_run, **options):
        group_name = SITE_ADMIN if site_admin else DESK_CHIEF if desk_chief else EDITOR
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            raise CommandError(f"There is no group {group_name}: run 'manage.py migrate' first.")
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"There is already a login '{username}': change it in the admin (用户).")
        user = User(username=username, email=email, first_name=name, is_staff=True, is_superuser=False)
        password = self._password(user, noinput)
        if dry_run:
            self.stdout.write(f"Would create '{username}' in {group_name} (staff); nothing written.")
            return
        with transaction.atomic():
            user.set_password(password)
            user.save()
            user.groups.add(group)
        self.stdout.write(f"Created '{username}' in {group_name} with staff status: log in at the admin.")

    def _password(self, user, noinput):
        if noinput:
            password = os.environ.get(PASSWORD_VARIABLE, "")
            if not password:
                raise CommandError(f"Set ${PASSWORD_VARIABLE} to the password, or leave out --noinput.")
            self._validate(password, user)
            return password
        for _attempt in range(3):
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The two passwords differ; try again.")
                continue
            try:
                self._validate(password, user)
            except CommandError as error:
                self.stderr.write(str(error))
                continue
            return password
        raise CommandError("No acceptable password given; nothing created.")

    @staticmethod
    def _validate(password, user):
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
