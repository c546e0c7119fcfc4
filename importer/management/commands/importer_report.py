"""How well the importer reads a publication: its published editions' stored page dumps parsed
again with the current profile and scored against what the editors published (issue 16).

    python manage.py importer_report --publication dskb --since 2026-03-01
    python manage.py importer_report --format json
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from editions.models import Publication
from importer.core.draft import EditionImportError
from importer.core.names import parse_date
from importer.core.outline import plural
from importer.messages import describe
from importer.services import learning
from newsroom.text import printable

KINDS_SHOWN = 20


class Command(BaseCommand):
    help = (
        "Score the import of every published edition against what the editors published: a line per "
        "edition, the totals, and the most frequent corrections by kind with an example."
    )

    def add_arguments(self, parser):
        parser.add_argument("--publication", metavar="SLUG", help="one paper (default: every paper)")
        parser.add_argument("--since", metavar="YYYY-MM-DD", help="only editions from this date")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        try:
            since = parse_date(options["since"], where="--since") if options["since"] else None
        except EditionImportError as error:
            raise CommandError(describe(error)) from None
        publication = None
        try:
            if options["publication"]:
                publication = Publication.objects.filter(slug=options["publication"]).first()
                if publication is None:
                    raise CommandError(
                        _("没有报纸“%(slug)s”：请用后台里已有报纸的代号")
                        % {"slug": printable(options["publication"])}
                    )
            found = learning.report(publication, since, progress=self._progress)
        except DatabaseError as error:
            raise CommandError(
                _("数据库还没有准备好（%(error)s）：请先运行 manage.py migrate") % {"error": error}
            ) from None
        except EditionImportError as error:
            raise CommandError(describe(error)) from None
        if options["format"] == "json":
            self.stdout.write(json.dumps(as_json(found), ensure_ascii=False, indent=1))
        else:
            self._text(found)

    def _progress(self, done, total, what):
        if self.verbosity > 1 or (total > 5 and done % 10 == 0):
            self.stderr.write(f"… {done}/{total} {what}")

    def _text(self, found):
        if not found.measures:
            self.stdout.write(_("没有存有版面文本的已发布期次：请先从版面文本导入并发布一期"))
            return
        for item in found.measures:
            score = item.score
            self.stdout.write(
                f"{item.edition.publication.slug} {item.edition.date}  {score.value:.3f}  "
                f"({score.passed}/{score.total} checks, {plural(len(item.corrections), 'correction')})"
            )
        total, editions = found.total, plural(len(found.measures), "edition")
        self.stdout.write(f"total: {total.value:.3f} ({total.passed}/{total.total} checks) over {editions}")
        for name, (passed, count) in total.checks.items():
            self.stdout.write(f"  {name}: {passed}/{count}")
        self.stdout.write("corrections by kind:")
        for kind, count, example, link in found.kinds()[:KINDS_SHOWN]:
            where = f"{example.page} #{example.position}" if example.position else example.page
            self.stdout.write(f"  {kind}: {count}  e.g. {where} {example.example!r} {link}".rstrip())


def as_json(found) -> dict:
    total = found.total
    return {
        "editions": [
            {
                "publication": item.edition.publication.slug,
                "date": item.edition.date.isoformat(),
                **item.score.to_dict(),
                "corrections": len(item.corrections),
            }
            for item in found.measures
        ],
        "total": total.to_dict(),
        "corrections": [
            {"kind": kind, "count": count, "example": {**example.to_dict(), "link": link}}
            for kind, count, example, link in found.kinds()
        ],
    }
