"""Print a stored edition as edition JSON, or as page dumps that import back to the same edition.

python manage.py export_edition 2023-08-09 > 2023-08-09.json
python manage.py export_edition 2023-08-09 --format text --output backup/   # backup/2023-08-09/01.txt ...
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from editions.models import Edition, Publication
from importer.core.draft import EditionImportError
from importer.core.jsonio import edition_to_json
from importer.core.names import parse_date
from importer.messages import describe
from importer.services import export_dumps, export_edition
from newsroom.text import printable


class Command(BaseCommand):
    help = "Print a stored edition as edition JSON (default) or as page dumps."

    def add_arguments(self, parser):
        parser.add_argument("date", metavar="YYYY-MM-DD")
        parser.add_argument("--publication", help="publication slug (default: the project's own paper)")
        parser.add_argument("--format", choices=["json", "text"], default="json")
        parser.add_argument(
            "--output",
            metavar="DIR",
            help="write DIR/YYYY-MM-DD.json, or DIR/YYYY-MM-DD/<page>.txt for text, instead of printing",
        )

    def handle(self, *args, **options):
        try:
            date = parse_date(options["date"], where="date")
        except EditionImportError as error:
            raise CommandError(describe(error)) from None
        if options["publication"]:
            publication = Publication.objects.filter(slug=options["publication"]).first()
            if publication is None:
                raise CommandError(
                    _("没有报纸“%(slug)s”：请用后台里已有报纸的代号")
                    % {"slug": printable(options["publication"])}
                )
        else:
            publication = Publication.objects.default()
        edition = (
            Edition.objects.filter(publication=publication, date=date).select_related("publication").first()
        )
        if edition is None:
            raise CommandError(
                _("%(publication)s 没有 %(date)s 的期次：请换一个日期，或用 --publication 指明报纸")
                % {"publication": publication.slug, "date": date.isoformat()}
            )
        output = Path(options["output"]) if options["output"] else None
        if output is not None and output.exists() and not output.is_dir():
            raise CommandError(_("%(path)s 不是文件夹：--output 请给一个文件夹") % {"path": output})
        if options["format"] == "json":
            text = json.dumps(edition_to_json(export_edition(edition)), ensure_ascii=False, indent=2)
            if output is None:
                self.stdout.write(text)
            else:
                output.mkdir(parents=True, exist_ok=True)
                (output / f"{date.isoformat()}.json").write_text(text + "\n", encoding="utf-8")
            return
        dumps = export_dumps(edition)
        if output is None:
            # Each page begins with its masthead and page header lines, which say where it starts.
            self.stdout.write("\n".join(text for _label, text in dumps), ending="")
            return
        folder = output / date.isoformat()
        folder.mkdir(parents=True, exist_ok=True)
        for label, text in dumps:
            (folder / f"{label}.txt").write_text(text, encoding="utf-8")
        self.stderr.write(_("已把 %(count)d 个版面写入 %(folder)s") % {"count": len(dumps), "folder": folder})
