"""The layout holds: one import direction between the apps, a pure importer core, modules small
enough to read whole. Every import of every module is read with `ast` (inside functions too), so
a lazy import cannot hide an edge.

The layers, lowest first (docs/architecture.md):

- shared helpers of the project (`newsroom.*` but its wiring): import no app;
- `editions`; `articles` may import `editions`; the importer (`importer`) sits above both;
- the project's wiring (`newsroom.urls`, settings, the page cache's receivers and AppConfig)
  sits above everything.
"""

import ast

import radon.complexity

from tests.conftest import ROOT

APPS = ("editions", "articles", "importer")
# The project's wiring: may import every app (URLs, receivers connected to the apps' models).
WIRING = (
    "newsroom.urls",
    "newsroom.settings",
    "newsroom.wsgi",
    "newsroom.asgi",
    "newsroom.pagecache.apps",
    "newsroom.pagecache.receivers",
)
# The importer's pure core, and the text policy it shares with the apps: no Django, no app.
PURE = ("importer.core", "newsroom.text", "newsroom.phrases")
# What the pure core holds at least (the issue names them).
PURE_MODULES = (
    "importer.core.draft",
    "importer.core.dumps",
    "importer.core.headlines",
    "importer.core.jsonio",
    "importer.core.outline",
    "importer.core.parser",
    "importer.core.rules",
    "importer.core.sources",
    "importer.core.text",
    "newsroom.text",
)
# Django and the Django apps the project installs: none of them may reach the pure core.
DJANGO = (
    "django", "taggit", "simple_history", "axes", "csp", "django_filters", "whitenoise", "storages",
    "django_tasks", "django_tasks_db", "celery",
)  # fmt: skip
PACKAGES = (*APPS, "newsroom")
MAX_LINES = 400  # a module is shorter than this
# A function at radon's D or worse carries this comment, with a one-line reason, on its line or
# the line above.
COMPLEXITY_REASON = "# complexity:"


def _modules(packages=PACKAGES, root=ROOT):
    """Module name -> path of every module of `packages` (migrations left out: history)."""
    found = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(root).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def imports_of(name, path, known=()):
    """Every module `name` (at `path`) imports, by absolute name, wherever the import stands
    (`from package import module` imports that module of `known` too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module
            names.add(module)
            names.update(f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in known)
    return names


def _within(module, prefixes):
    return any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes)


def _top(module):
    return module.split(".")[0]


def _rank(module):
    """The layer of a project module: 0 shared helpers, 1 editions, 2 articles, 3 the importer,
    4 the wiring; None for anything else (the standard library, other packages)."""
    if _within(module, WIRING):
        return 4
    if _top(module) == "newsroom":
        return 0
    if _top(module) in APPS:
        return 1 + APPS.index(_top(module))
    return None


def _views(module):
    return _top(module) in PACKAGES and module.split(".")[1:2] == ["views"]


def direction_violations(root=ROOT):
    """Imports of a higher layer, and of another app's views."""
    violations = []
    modules = _modules(root=root)
    for name, path in modules.items():
        for imported in sorted(imports_of(name, path, modules)):
            rank = _rank(imported)
            if rank is not None and rank > _rank(name):
                violations.append(f"{name} imports {imported}")
            elif _views(name) and _views(imported) and _top(imported) != _top(name):
                violations.append(f"{name} imports another app's views: {imported}")
    return violations


def purity_violations(root=ROOT):
    """Imports of Django, a Django app or a project module outside PURE, reached from a PURE
    module through the project modules it imports."""
    modules = _modules(root=root)
    violations = [f"{name}: no such module" for name in PURE_MODULES if name not in modules]
    seen, todo = set(), [name for name in modules if _within(name, PURE)]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for imported in sorted(imports_of(name, modules[name], modules)):
            if _top(imported) in DJANGO:
                violations.append(f"{name} imports {imported}")
            elif _top(imported) in PACKAGES:
                if not _within(imported, PURE):
                    violations.append(f"{name} imports {imported}")
                elif imported in modules:
                    todo.append(imported)
    return violations


def test_every_import_follows_the_one_direction():
    assert direction_violations() == []


def test_the_importer_core_and_the_text_policy_import_nothing_of_django_or_the_apps():
    assert purity_violations() == []


def _python_files():
    for folder in (*PACKAGES, "bench", "tests"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            # Migrations are history; the scorer is a byte-identical copy of ../shared/tools.
            if "migrations" not in path.parts and "fixtures" not in path.parts:
                yield path
    yield ROOT / "manage.py"


def test_every_module_is_shorter_than_400_lines():
    long = {
        str(path.relative_to(ROOT)): n
        for path in _python_files()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) >= MAX_LINES
    }
    assert long == {}


def test_no_function_is_as_complex_as_radon_d_without_a_reason():
    unexplained = []
    for path in _python_files():
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for block in radon.complexity.cc_visit(text):
            if radon.complexity.cc_rank(block.complexity) < "D":
                continue
            around = lines[max(0, block.lineno - 2) : block.lineno]
            if not any(COMPLEXITY_REASON in line for line in around):
                unexplained.append(
                    f"{path.relative_to(ROOT)}:{block.lineno} {block.fullname} {block.complexity}"
                )
    assert unexplained == []


def test_the_checks_see_an_edge_hidden_in_a_function(tmp_path):
    """The walk is not fooled by a lazy import, nor by a relative one."""
    for package, source in {
        "editions": "def later():\n    from articles.models import Article\n",
        "articles": "from .models import x\n",
        "importer": "",
        "newsroom": "import sys\n",
        "importer/core": "def f():\n    import django.db\n",
    }.items():
        (tmp_path / package).mkdir(parents=True, exist_ok=True)
        (tmp_path / package / "__init__.py").write_text(source)
    (tmp_path / "articles" / "models.py").write_text("")
    (tmp_path / "importer" / "core" / "text.py").write_text("from ..views import page\n")
    assert direction_violations(tmp_path) == ["editions imports articles.models"]
    assert sorted(purity_violations(tmp_path)) == [
        "importer.core imports django.db",
        "importer.core.draft: no such module",
        "importer.core.dumps: no such module",
        "importer.core.headlines: no such module",
        "importer.core.jsonio: no such module",
        "importer.core.outline: no such module",
        "importer.core.parser: no such module",
        "importer.core.rules: no such module",
        "importer.core.sources: no such module",
        "importer.core.text imports importer.views",
        "newsroom.text: no such module",
    ]


def test_the_check_sees_a_view_importing_another_app_s_views(tmp_path):
    for package in ("editions", "articles"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "editions" / "views.py").write_text("")
    (tmp_path / "articles" / "views.py").write_text("def page():\n    from editions.views import archive\n")
    assert direction_violations(tmp_path) == ["articles.views imports another app's views: editions.views"]


# The staff check is written once (newsroom.permissions.is_staff), and the reading interfaces
# (views, feeds, sitemaps) leave what a reader may see to the querysets (visible_to, published,
# for_reading) and articles.selectors: no status or publication time of their own.
STAFF_CHECK = "newsroom.permissions"
READING = ("views", "feeds", "sitemaps")
VISIBILITY = {"status", "published_at"}


def staff_check_violations(root=ROOT):
    violations = []
    for name, path in _modules(root=root).items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            reads = isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load)
            if reads and node.attr == "is_staff" and name != STAFF_CHECK:
                violations.append(f"{name}:{node.lineno} reads is_staff")
    for path in sorted((root / "templates").rglob("*")):
        if path.is_file() and "is_staff" in path.read_text(encoding="utf-8"):
            violations.append(f"{path.relative_to(root)} reads is_staff")
    return violations


def visibility_violations(root=ROOT):
    violations = []
    for name, path in _modules(root=root).items():
        if name.rpartition(".")[2] not in READING or _top(name) not in APPS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.keyword) and node.arg and VISIBILITY & set(node.arg.split("__")):
                violations.append(f"{name}:{node.value.lineno} filters by {node.arg}")
            elif isinstance(node, ast.Attribute) and node.attr == "Status":
                violations.append(f"{name}:{node.lineno} reads a Status")
    return violations


def test_the_staff_check_is_written_once():
    assert staff_check_violations() == []


def test_the_reading_interfaces_leave_visibility_to_the_querysets():
    assert visibility_violations() == []


def reader_context_violations(root=ROOT):
    """The apps' views that render a page (an .html template) without the shared reader context
    (editions.reading.reader_context)."""
    violations = []
    for name, path in _modules(root=root).items():
        if _top(name) not in APPS or not _views(name):
            continue
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not isinstance(function, ast.FunctionDef):
                continue
            called = {
                ast.unparse(node.func): node for node in ast.walk(function) if isinstance(node, ast.Call)
            }
            page = called.get("render")
            renders_a_page = page is not None and len(page.args) > 1 and ".html" in ast.unparse(page.args[1])
            if renders_a_page and "reader_context" not in called:
                violations.append(f"{name}.{function.name}")
    return violations


def test_every_reader_s_page_has_the_shared_reader_context():
    assert reader_context_violations() == []


def test_the_checks_see_a_staff_check_or_a_visibility_filter_written_again(tmp_path):
    (tmp_path / "newsroom").mkdir()
    (tmp_path / "newsroom" / "permissions.py").write_text("def is_staff(user):\n    return user.is_staff\n")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "base.html").write_text("{% if user.is_staff %}{% endif %}")
    (tmp_path / "editions").mkdir()
    (tmp_path / "editions" / "feeds.py").write_text(
        "def items(request):\n"
        "    if request.user.is_staff:\n"
        "        return Edition.objects.filter(status=Edition.Status.PUBLISHED)\n"
        "    return Article.objects.filter(page__edition__published_at__lte=now)\n"
    )
    (tmp_path / "editions" / "views.py").write_text(
        "def archive(request):\n"
        "    return render(request, 'editions/archive.html', {'paper_name': '株洲日报'})\n"
        "def robots(request):\n"
        "    return render(request, 'robots.txt', {})\n"
    )
    assert reader_context_violations(tmp_path) == ["editions.views.archive"]
    assert staff_check_violations(tmp_path) == [
        "editions.feeds:2 reads is_staff",
        "templates/base.html reads is_staff",
    ]
    assert sorted(visibility_violations(tmp_path)) == [
        "editions.feeds:3 filters by status",
        "editions.feeds:3 reads a Status",
        "editions.feeds:4 filters by page__edition__published_at__lte",
    ]


# Whether and when readers see an edition is written by editions.services (publish, schedule,
# unpublish, save_edition, and publish_edition, which the import's --publish calls in its own
# transaction) through the model's publish / unpublish; no admin, view, form, command or other
# service sets it itself.
PUBLICATION_WRITERS = ("editions.models", "editions.services")


def _edition_state(node):
    return "Edition.Status" in ast.unparse(node) or "EditionStatus" in ast.unparse(node)


def _writes_publication(attr, value):
    return attr == "published_at" or (attr == "status" and _edition_state(value))


def _publication_writes(node):
    """What `node` writes of an edition's publication, as "calls publish", "sets status" …"""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr in ("publish", "unpublish") and ast.unparse(node.func.value) != "services":
            yield f"calls {node.func.attr}"
        if node.func.attr == "update":
            yield from (f"updates {k.arg}" for k in node.keywords if _writes_publication(k.arg, k.value))
    elif isinstance(node, ast.Assign):
        for target in node.targets:
            parts = target.elts if isinstance(target, ast.Tuple) else [target]
            for part in parts:
                if isinstance(part, ast.Attribute) and _writes_publication(part.attr, node.value):
                    yield f"sets {part.attr}"


def publication_write_violations(root=ROOT):
    violations = []
    for name, path in _modules(root=root).items():
        if name in PUBLICATION_WRITERS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            violations += [f"{name}:{node.lineno} {write}" for write in _publication_writes(node)]
    return violations


def test_only_the_services_write_whether_readers_see_an_edition():
    assert publication_write_violations() == []


def test_the_check_sees_an_edition_published_by_hand(tmp_path):
    (tmp_path / "editions").mkdir()
    (tmp_path / "editions" / "admin.py").write_text(
        "def publish_now(self, request, queryset):\n"
        "    services.publish(queryset, user=request.user)\n"
        "    for edition in queryset:\n"
        "        edition.publish()\n"
        "        edition.published_at = None\n"
        "        edition.status = Edition.Status.DRAFT\n"
        "    queryset.update(status=Edition.Status.DRAFT, published_at=None)\n"
        "    revision.status, revision.reviewer = Revision.Status.APPROVED, request.user\n"
    )
    assert sorted(publication_write_violations(tmp_path)) == [
        "editions.admin:4 calls publish",
        "editions.admin:5 sets published_at",
        "editions.admin:6 sets status",
        "editions.admin:7 updates published_at",
        "editions.admin:7 updates status",
    ]
