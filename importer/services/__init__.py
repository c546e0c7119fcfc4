"""The import services: an `EditionDraft` written to the database, and a stored edition read back
as one. Callers (the commands, the admin's import page, the edition JSON view, the archive
generator, tests) use this facade; the modules behind it follow the import's own steps:

- `normalise`: the draft in the form the database keeps it, fingerprinted (`prepare_edition`),
  no query, so the command prepares editions in other processes while one is written;
- `plan`: what the import changes, compared with what is stored (`plan_import`, the admin's
  preview);
- `writer`: the plan carried out in bulk, a fixed number of queries per edition;
- `continuations`: the stored parts of continued stories linked;
- `rights`: what the acting user's role lets an import do (checked by `plan_import` and
  `import_edition`);
- `importing`: the whole import of one edition in one transaction (`import_edition`);
- `export`: a stored edition read back (`export_edition`, `export_dumps`).

`import_edition` is idempotent: the same draft twice leaves the second run 'unchanged' with the
same ids. A corrected draft updates the stored articles in place, matched by page and headline,
then by page and position. An article whose stored content no longer matches the fingerprint taken
when it was imported was edited by someone in the admin: it is kept and reported unless
`replace=True`.
"""

from .export import export_dumps, export_edition
from .importing import ImportResult, import_edition
from .normalise import PreparedEdition, prepare_edition
from .plan import Action, ArticlePlan, ImportPlan, Outcome, PagePlan, plan_import
from .rights import ImportNotAllowed

__all__ = [
    "Action",
    "ArticlePlan",
    "ImportNotAllowed",
    "ImportPlan",
    "ImportResult",
    "Outcome",
    "PagePlan",
    "PreparedEdition",
    "export_dumps",
    "export_edition",
    "import_edition",
    "plan_import",
    "prepare_edition",
]
