"""States are named by their enums: no production module or template writes a stored choice's
value, or an import's action or outcome, as a string (`kind == "news"`, `status="published"`,
`{"type": "paragraph"}`), so a value renamed in its enum cannot leave a comparison that silently
never holds. The enums' own definitions and the migrations are where the values are written;
tests may write them, as they check what is stored."""

import ast
import re

from articles.models import Article, Block, Byline, Correction, Revision
from editions.models import Edition
from importer.models import ArticleDoubt
from importer.services import Action, Outcome
from newsroom.models import Job
from tests.conftest import ROOT

PACKAGES = ("editions", "articles", "importer", "newsroom", "bench")
# The fields holding a choice, by name, and the values they hold.
CHOICES = {
    "kind": {*Article.Kind.values, *Correction.Kind.values, *ArticleDoubt.Kind.values},
    "role": set(Byline.Role.values),
    "type": set(Block.Type.values),
    "status": {*Edition.Status.values, *Revision.Status.values, *Job.Status.values, *Outcome},
    "action": set(Action),
    "cleared_how": set(ArticleDoubt.Clearing.values),
}
TEMPLATE_TEST = re.compile(
    r"\.(\w+)\s*[!=]=\s*[\"'](\w+)[\"']|[\"'](\w+)[\"']\s*[!=]=\s*\w+(?:\.\w+)*\.(\w+)\b"
)


def _field(node) -> str | None:
    """The choice field `node` reads: `x.kind`, `x["kind"]`, `x.get("kind")`."""
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
        return node.slice.value
    getter = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
    if getter and node.args and isinstance(node.args[0], ast.Constant):
        return node.args[0].value
    return None


def _strings(node) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [s for element in node.elts for s in _strings(element)]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    return []


def _written(field, value_node) -> list[str]:
    values = CHOICES.get(field, ()) if isinstance(field, str) else ()
    return [value for value in _strings(value_node) if value in values]


def literal_choices(tree) -> list[tuple[int, str, str]]:
    """(line, field, value) of each choice value written as a string in `tree`."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            for field in filter(None, map(_field, operands)):
                found += [(node.lineno, field, v) for other in operands for v in _written(field, other)]
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                field = target.id if isinstance(target, ast.Name) else _field(target)
                found += [(node.lineno, field, v) for v in _written(field, node.value)]
        elif isinstance(node, ast.keyword) and node.arg:
            found += [(node.value.lineno, node.arg, v) for v in _written(node.arg.split("__")[0], node.value)]
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant):
                    found += [(key.lineno, key.value, v) for v in _written(key.value, value)]
    return found


def test_no_module_writes_a_choice_as_a_string():
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            found += [
                f"{path.relative_to(ROOT)}:{line} {field} {value!r}"
                for line, field, value in literal_choices(tree)
            ]
    assert found == []


def test_no_template_compares_a_choice_with_a_string():
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in TEMPLATE_TEST.finditer(line):
                field, value = (
                    (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
                )
                if value in CHOICES.get(field, ()):
                    found.append(f"{path.relative_to(ROOT)}:{number} {field} {value!r}")
    assert found == []


def test_the_checks_find_what_they_look_for():
    code = """
if article.kind == "news" or block.get("type") in ("subhead",):
    Edition.objects.filter(status="published", kind__in=["notice"])
    truth = {"kind": "advertisement", "headline": "news"}
    ok = article.kind == Article.Kind.NEWS and page.label == "news"
    article.kind = "photo" if ok else article.kind
"""
    assert sorted(literal_choices(ast.parse(code))) == [
        (2, "kind", "news"),
        (2, "type", "subhead"),
        (3, "kind__in", "notice"),
        (3, "status", "published"),
        (4, "kind", "advertisement"),
        (6, "kind", "photo"),
    ]
