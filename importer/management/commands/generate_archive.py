"""Build a realistic archive for benchmarks: N daily editions recombined from real page text.

    python manage.py generate_archive --editions 3650 --seed 1
    python manage.py generate_archive --editions 365 --dumps-dir /tmp/archive   # page dumps only
    python manage.py generate_archive --texts tests/fixtures/corpus          # other pages' text

Editions are written through the real import service (the same structure the importer writes);
with --dumps-dir they are written as page dumps in folders named by date instead, for
`import_edition DIR/*/` to import through the whole importer.
"""

import datetime
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from editions.models import Publication
from importer.archive import ArchiveGenerator, TextPool
from importer.core.dumps import edition_to_dumps
from importer.services import import_edition
from newsroom import seed
from newsroom.text import printable


class Command(BaseCommand):
    help = "Generate a deterministic archive of daily editions for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument(
            "--editions", type=int, default=3650, help="how many daily editions (default 10 years)"
        )
        parser.add_argument("--end", default="2023-08-08", help="date of the last edition (YYYY-MM-DD)")
        parser.add_argument("--pages", type=int, default=8)
        parser.add_argument("--articles-per-page", type=int, default=8)
        parser.add_argument("--contributors", type=int, default=300, help="size of the reporters' pool")
        parser.add_argument("--seed", type=int, default=1, help="same seed, same archive")
        parser.add_argument("--publication", help="publication slug (default: the project's own paper)")
        parser.add_argument("--dumps-dir", help="write page dumps into this folder instead of the database")
        parser.add_argument("--unpublished", action="store_true", help="leave the editions as drafts")
        parser.add_argument(
            "--texts",
            nargs="+",
            metavar="PATH",
            help="where the articles' text comes from: page dumps, or folders of them or of truth.json "
            "files (default: the seed page)",
        )

    def handle(self, *args, **options):
        for name in ("editions", "pages", "articles_per_page", "contributors"):
            if options[name] < 1:
                raise CommandError(_("--%(option)s 至少为 1。") % {"option": name.replace("_", "-")})
        try:
            end = datetime.date.fromisoformat(options["end"])
        except ValueError:
            raise CommandError(
                _("--end %(value)r 不是日期：请写成 YYYY-MM-DD。") % {"value": options["end"]}
            ) from None
        if options["publication"]:
            publication = Publication.objects.filter(slug=options["publication"]).first()
            if publication is None:
                raise CommandError(
                    _("没有报纸“%(slug)s”：请用后台里已有报纸的代号。")
                    % {"slug": printable(options["publication"])}
                )
        elif options["dumps_dir"]:
            # Page dumps need no database: the paper is the one the importer will create.
            publication = Publication(**settings.NEWSROOM_DEFAULT_PUBLICATION)
        else:
            publication = Publication.objects.default()

        try:
            pool = TextPool(options["texts"] or [seed.DUMP])
        except (ValueError, OSError) as error:
            raise CommandError(_("--texts：%(error)s") % {"error": error}) from None
        generator = ArchiveGenerator(
            pool=pool,
            seed=options["seed"],
            publication_slug=publication.slug,
            publication_name=publication.name,
            dateline=publication.dateline,
            pages=options["pages"],
            articles_per_page=options["articles_per_page"],
            contributors=options["contributors"],
        )
        total = options["editions"]
        dumps_dir = Path(options["dumps_dir"]) if options["dumps_dir"] else None
        started = time.monotonic()
        for index, draft in enumerate(generator.editions(end=end, count=total), start=1):
            if dumps_dir:
                folder = dumps_dir / draft.date.isoformat()
                folder.mkdir(parents=True, exist_ok=True)
                for label, text in edition_to_dumps(draft):
                    (folder / f"{label}.txt").write_text(text, encoding="utf-8")
            else:
                import_edition(draft, publish=not options["unpublished"])
            if index == total or index % 50 == 0:
                rate = index / max(time.monotonic() - started, 1e-9)
                self.stdout.write(
                    _("%(index)d/%(total)d 期（%(date)s），每秒 %(rate).1f 期")
                    % {"index": index, "total": total, "date": draft.date, "rate": rate}
                )
        if dumps_dir:
            done = _("已生成 %(total)d 期，写入 %(folder)s。") % {"total": total, "folder": dumps_dir}
        else:
            done = _("已生成 %(total)d 期，写入数据库。") % {"total": total}
        self.stdout.write(self.style.SUCCESS(done))
