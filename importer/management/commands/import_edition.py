"""Import page dumps or edition JSON as editions.

    python manage.py import_edition --seed                           # the project's seed page
    python manage.py import_edition --seed 01.pdf                    # beside its page PDF (make demo)
    python manage.py import_edition 2023-08-09/ --publish --confirm-doubts zhuren  # open doubts
    python manage.py import_edition old/*/ --publish --operator-confirms "旧系统已发布的期次"
    python manage.py import_edition archive/*/                       # one edition per dated folder
    python manage.py import_edition 2023-08-09/ --dry-run --format json

Every input is read and checked before the first edition is written; each edition is then written
in its own transaction (see importer.services).

The command runs as the operator: whoever can run manage.py on the server holds the database's
credentials already, so it imports with every right (it may create a publication, remove
articles, publish). Editors import through the admin, where their role's permissions apply
(importer.services.rights). Publishing an edition with open doubts still takes a desk chief's
confirmation: named with --confirm-doubts, or given in the admin after a draft import; or the
operator's own, with the reason recorded (--operator-confirms: a demo edition, editions moved from
another system that readers already saw). --publish asks the publication checks the admin's 发布
asks (every photo has its caption and credit): an edition they refuse is not imported at all.
"""

import json
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, reset_queries
from django.utils.translation import gettext as _

from editions.models import Publication
from importer.core.draft import PublicationDraft
from importer.core.errors import EditionImportError, gettext_noop
from importer.core.jsonio import edition_to_json
from importer.core.names import parse_date, parse_label
from importer.core.outline import outline
from importer.core.pdf.render import PageRenderer
from importer.core.sources import collect_paths
from importer.messages import describe, import_summary
from importer.models import DoubtConfirmation
from importer.services import import_edition, prepare_edition
from importer.services.pagefiles import render_pages
from importer.services.profiles import profile_for
from newsroom import seed
from newsroom.text import SLUG, clean_value, printable, text_problem, url_part_problem

# Above this many editions, progress lines carry a count, a rate and the time left.
MANY = 5
# Parsing an edition costs about as much as writing it: a run of several editions parses them in
# worker processes (one per core) while this process writes. Only a
# few editions are prepared ahead, so memory stays flat however long the run.
WORKERS = max(1, min(4, os.cpu_count() or 1))
AHEAD = 2 * WORKERS


class Command(BaseCommand):
    help = "Import page dumps or page PDFs (files, folders, zips) or edition JSON files as editions."

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help="page dump or page PDF (01.txt, 01.pdf), a folder of them, or edition JSON",
        )
        parser.add_argument(
            "--seed",
            action="store_true",
            help="the project's seed page (newsroom.seed.DUMP), on its date unless --date; "
            "PATHs given too join it (make demo: its page PDF)",
        )
        parser.add_argument("--date", help="the edition's date, YYYY-MM-DD (else from names or the masthead)")
        parser.add_argument("--publication", help="publication slug (default: the project's own paper)")
        parser.add_argument("--page", help="page label of a single page dump, e.g. 01 or A2")
        parser.add_argument("--encoding", help="force the dumps' encoding (default: detected)")
        parser.add_argument("--dry-run", action="store_true", help="parse and print, write nothing")
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="dry-run output: an outline (text) or edition JSON (several editions: one per line)",
        )
        parser.add_argument(
            "--replace", action="store_true", help="overwrite articles editors changed since import"
        )
        parser.add_argument("--publish", action="store_true", help="publish the edition now")
        parser.add_argument(
            "--confirm-doubts",
            metavar="USERNAME",
            help="with --publish: the desk chief (值班主任) who confirms the edition's open doubts; "
            "recorded as the admin's 确认核对 records it",
        )
        parser.add_argument(
            "--operator-confirms",
            metavar="REASON",
            help="with --publish, when no desk chief checked them: confirm the open doubts on your "
            "own word for REASON (a demo edition, editions moved from another system), recorded "
            "as the confirmation's note",
        )

    def handle(self, *args, **options):
        paths, labels = options["paths"], {}
        if options["seed"]:
            paths, labels = [seed.DUMP, *paths], {str(seed.DUMP): seed.PAGE}
            options["date"] = options["date"] or seed.DATE
        if not paths:
            raise CommandError(_("请给出要导入的文件或文件夹（PATH），或用 --seed 导入示例期次。"))
        try:
            date = parse_date(options["date"]) if options["date"] else None
            page = parse_label(options["page"]) if options["page"] else None
            sources = collect_paths(paths, date=date, page=page, encoding=options["encoding"], labels=labels)
            publication = self._publication(options["publication"], options["dry_run"])
            self.profile = profile_for(publication.slug)
            self.operator_confirms = self._operator_reason(options)
            self.confirmed_by = self._desk_chief(options["confirm_doubts"], options["publish"])
        except EditionImportError as error:
            raise CommandError(describe(error)) from None
        except DatabaseError as error:
            raise CommandError(
                _("数据库还没有准备好（%(error)s）：请先运行 manage.py migrate")
                % {"error": _first_line(error)}
            ) from None
        if options["dry_run"]:
            self._dry_run(sources, publication, options["format"])
        else:
            self._import(sources, publication, options["replace"], options["publish"])

    def _desk_chief(self, username, publish):
        """The user named by --confirm-doubts, who must be one who may confirm doubts."""
        if username is None:
            return None
        if not publish:
            raise CommandError(_("--confirm-doubts 只和 --publish 一起用：确认的是随导入发布的这一期。"))
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None or not user.has_perm("importer.confirm_doubts"):
            raise CommandError(
                _("--confirm-doubts：%(name)s 不是可以确认核对的用户（值班主任）。")
                % {"name": printable(username)}
            )
        return user

    def _operator_reason(self, options):
        """The reason given with --operator-confirms, as the confirmation stores it ("": none)."""
        reason = options["operator_confirms"]
        if reason is None:
            return ""
        if not options["publish"]:
            raise CommandError(_("--operator-confirms 只和 --publish 一起用：确认的是随导入发布的这一期。"))
        if options["confirm_doubts"] is not None:
            raise CommandError(_("--operator-confirms 和 --confirm-doubts 只能用一个：确认人只有一个。"))
        limit = DoubtConfirmation._meta.get_field("note").max_length
        if text_problem(reason, limit) or printable(reason) != reason or not reason.strip():
            raise CommandError(
                _("--operator-confirms：请用一行不超过 %(limit)d 字的文字写明原因。") % {"limit": limit}
            )
        return clean_value(reason).strip()

    def _publication(self, slug, dry_run) -> PublicationDraft:
        default = settings.NEWSROOM_DEFAULT_PUBLICATION
        problem = slug and url_part_problem(slug, pattern=SLUG)
        if problem:
            raise EditionImportError(
                gettext_noop("--publication %(slug)s is not a publication slug: it %(problem)s"),
                slug=ascii(slug),
                problem=problem,
            )
        if slug and slug != default["slug"]:
            found = Publication.objects.filter(slug=slug).first()
            if found is None:
                raise EditionImportError(gettext_noop("unknown publication '%(slug)s'"), slug=slug)
            return PublicationDraft(slug=found.slug, name=found.name)
        if dry_run:
            # A dry run writes nothing, not even the default publication.
            found = Publication.objects.filter(slug=default["slug"]).first()
            return PublicationDraft(slug=default["slug"], name=found.name if found else default["name"])
        found = Publication.objects.default()
        return PublicationDraft(slug=found.slug, name=found.name)

    def _drafts(self, sources, publication):
        for source in sources:
            try:
                yield source, source.draft(publication, self.profile)
            except EditionImportError as error:
                raise CommandError(describe(error)) from None

    def _prepared(self, sources, publication):
        """(source, PreparedEdition) in order: in worker processes when there are several
        editions, at most AHEAD of them waiting. Each source is let go once it is written."""
        pending = deque(sources)
        # The page text of every edition need not stay in memory to the end of the run.
        sources.clear()
        if len(pending) < 2:
            while pending:
                source = pending.popleft()
                yield source, _prepare(source, publication, self.profile)
            return
        # fork: the workers start with Django set up and this module loaded; they never touch the
        # database (preparing runs no query).
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(
            WORKERS, mp_context=context, initializer=_worker_init, initargs=(os.getpid(),)
        ) as pool:
            waiting = deque()
            try:
                while pending or waiting:
                    while pending and len(waiting) < AHEAD:
                        source = pending.popleft()
                        waiting.append(
                            (source, pool.submit(_prepare, source, publication, self.profile, True))
                        )
                    source, future = waiting.popleft()
                    yield source, future.result()
            finally:
                for _source, future in waiting:
                    future.cancel()

    def _dry_run(self, sources, publication, fmt):
        for index, (_source, draft) in enumerate(self._drafts(sources, publication)):
            if fmt == "json":
                document = edition_to_json(draft)
                if len(sources) == 1:
                    self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
                else:
                    self.stdout.write(json.dumps(document, ensure_ascii=False, separators=(",", ":")))
            else:
                if index:
                    self.stdout.write("")
                self.stdout.write(outline(draft))

    def _import(self, sources, publication, replace, publish):
        total, started = len(sources), time.monotonic()
        for index, (source, edition) in enumerate(self._prepared(sources, publication), start=1):
            self._progress(
                index,
                total,
                started,
                _("正在导入 %(date)s（%(count)d 个版面）")
                % {"date": source.date, "count": source.page_count},
            )
            try:
                # user=None: the operator (see the module docstring).
                result = import_edition(
                    edition,
                    replace=replace,
                    publish=publish,
                    dumps=source.pages,
                    user=None,
                    progress=self.stderr.write,
                    confirmed_by=self.confirmed_by,
                    operator_confirms=self.operator_confirms,
                )
            except EditionImportError as error:
                raise CommandError(describe(error.at(source.origin))) from None
            except DatabaseError as error:
                raise CommandError(
                    _("%(origin)s：数据库拒收这一期：%(error)s")
                    % {"origin": printable(source.origin), "error": _first_line(error)}
                ) from None
            self.stdout.write(import_summary(result, _("用 --replace 覆盖")))
            # With DEBUG on, Django keeps every query's SQL; a long run would keep them all.
            reset_queries()
        if total > MANY:
            self._progress(total, total, started, _("完成"), final=True)

    def _progress(self, index, total, started, message, final=False):
        """One line per edition on stderr; with many editions, a count, a bar and the time left."""
        if total <= MANY:
            self.stderr.write(message)
            return
        elapsed = time.monotonic() - started
        done = index if final else index - 1
        rate = done / elapsed if elapsed > 0 and done else 0.0
        left = ""
        if rate and done < total:
            left = _("，还需 %(seconds)d 秒") % {"seconds": (total - done) / rate}
        width = 20
        bar = "#" * (width * done // total) + "." * (width - width * done // total)
        line = f"[{bar}] {index}/{total} {message}（" + _("每秒 %(rate).1f 期") % {"rate": rate} + f"{left}）"
        self.stderr.write(line)


def _prepare(source, publication, profile, with_documents=False):
    """Parse, normalise and fingerprint one edition (no database access). In the worker
    processes the search text is segmented too, off the writer's path; a lone edition leaves it to
    the writer, which segments only the articles it writes."""
    # Rendering the page PDFs is the costliest step: here, in the workers when there are several,
    # each page while its PDF is open to be read (its images encoded meanwhile in a thread).
    with PageRenderer() as renderer:
        try:
            draft = source.draft(publication, profile, renderer=renderer)
        except EditionImportError as error:
            raise CommandError(describe(error)) from None
        try:
            prepared = prepare_edition(draft, with_documents=with_documents)
        except EditionImportError as error:
            raise CommandError(describe(error.at(source.origin))) from None
        prepared.rendered = render_pages(source.pages, renderer)
    return prepared


def _worker_init(parent: int):
    # Ctrl-C reaches the whole process group: the command stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int):
    """A worker whose command was killed (kill -9) would wait for work forever."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _first_line(error) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
