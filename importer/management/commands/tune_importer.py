"""Fit a publication's import profile to its corrected editions (issue 16).

    python manage.py tune_importer --publication dskb                 # its published editions
    python manage.py tune_importer --publication dskb --from corrected/ --holdout 1 --dry-run

--from DIR learns without the database's editions: DIR holds one folder per edition named by its
date (2026-03-28/) with the page dumps and edition.json (as export_edition --format json writes
it: the edition as the editors corrected it). The fitted profile is stored as a new version of
the publication's profile (who, when, the scores) unless it reads the held-back editions worse
than the defaults; earlier versions are restored in the admin.
"""

import datetime
import getpass
import json

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from editions.models import Publication
from importer.core.draft import EditionImportError
from importer.core.errors import say
from importer.core.learn.lessons import read_lessons
from importer.core.names import parse_date
from importer.core.profile import ProfileError
from importer.messages import describe
from importer.services import learning
from newsroom.text import printable


def positive(value):
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = "Fit a publication's import profile to its corrected editions and store it as a new version."

    def add_arguments(self, parser):
        parser.add_argument("--publication", required=True, metavar="SLUG", help="the paper to tune")
        parser.add_argument(
            "--from",
            dest="folder",
            metavar="DIR",
            help="corrected editions in DIR/<date>/ (page dumps and edition.json) instead of the database's",
        )
        parser.add_argument(
            "--since", metavar="YYYY-MM-DD", help="only the published editions from this date"
        )
        parser.add_argument(
            "--editions",
            type=positive,
            default=learning.LATEST,
            metavar="N",
            help=f"the latest N published editions (default {learning.LATEST}; 0: all)",
        )
        parser.add_argument(
            "--holdout",
            type=positive,
            default=1,
            metavar="N",
            help="editions held back to check on (with a single edition: a quarter of its pages); 0: none",
        )
        parser.add_argument("--seed", type=int, default=0, help="the seed of the hold-out and the fit")
        parser.add_argument("--dry-run", action="store_true", help="fit and print, store nothing")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        try:
            publication = Publication.objects.filter(slug=options["publication"]).first()
        except DatabaseError as error:
            raise CommandError(
                _("数据库还没有准备好（%(error)s）：请先运行 manage.py migrate") % {"error": error}
            ) from None
        if publication is None:
            raise CommandError(
                _("没有报纸“%(slug)s”：请在后台新建，或导入写明这家报纸的期次 JSON")
                % {"slug": printable(options["publication"])}
            )
        lessons = self._lessons(publication, options)
        started = datetime.datetime.now()
        try:
            tuning, row = learning.tune_publication(
                publication,
                lessons,
                holdout=options["holdout"],
                seed=options["seed"],
                dry_run=options["dry_run"],
                who=getpass.getuser(),
                progress=lambda message, done: self.stderr.write(f"… {done:4.0%} {say(message, gettext)}"),
            )
        except EditionImportError as error:
            raise CommandError(describe(error)) from None
        except ProfileError as error:
            raise CommandError(say(error.args[0], gettext)) from None
        except ValueError as error:
            raise CommandError(str(error)) from None
        seconds = (datetime.datetime.now() - started).total_seconds()
        if options["format"] == "json":
            self.stdout.write(json.dumps({**tuning.to_dict(), "stored": row is not None}, ensure_ascii=False))
        else:
            self._print(tuning, seconds)
        if not tuning.accepted:
            scores = tuning.scores
            raise CommandError(
                _(
                    "未保存：调好的配置读留出的期次不如默认配置（%(after).3f < %(defaults).3f），"
                    "请多给几期校正过的期次再调"
                )
                % {"after": scores["after"], "defaults": scores["defaults"]}
            )
        if row is not None:
            self.stdout.write(
                _("已保存为 %(slug)s 的导入配置（第 %(version)d 版）")
                % {"slug": publication.slug, "version": row.history.count()}
            )
        elif options["dry_run"]:
            self.stdout.write(_("试运行：什么也没有保存"))

    def _lessons(self, publication, options):
        try:
            if options["folder"]:
                found = read_lessons(options["folder"])
            else:
                since = parse_date(options["since"], where="--since") if options["since"] else None
                found = learning.lessons(publication, since, latest=options["editions"])
        except EditionImportError as error:
            raise CommandError(describe(error)) from None
        if not found:
            raise CommandError(
                _("%(slug)s 没有可以学习的校正过的期次：请先发布一期从版面文本导入的期次，或用 --from 文件夹")
                % {"slug": publication.slug}
            )
        return found

    def _print(self, tuning, seconds):
        scores = tuning.scores
        self.stdout.write(f"learned from: {'; '.join(tuning.learned_from)}")
        self.stdout.write(f"checked on:   {'; '.join(tuning.checked_on)}")
        for proposal in tuning.learned:
            value = " ".join(proposal.value) if isinstance(proposal.value, tuple) else proposal.value
            self.stdout.write(f"learned {proposal.field}: {value}  (e.g. {proposal.example})")
        for name, (before, after) in tuning.weights.items():
            self.stdout.write(f"{name}: {before:g} → {after:g}")
        self.stdout.write(
            f"learned-from editions: {scores['learned_before']:.3f} → {scores['learned_after']:.3f}"
        )
        self.stdout.write(
            f"held-back editions: defaults {scores['defaults']:.3f}, before {scores['before']:.3f}, "
            f"after {scores['after']:.3f}  ({seconds:.1f} s)"
        )
        if tuning.refitted:
            self.stdout.write("the profile kept was learnt again from every edition, the held-back ones too")
