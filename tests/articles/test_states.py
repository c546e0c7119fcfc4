"""The states the pure core writes and the models store are one set: each model's choices are the
core's enum (importer.core.draft), so a draft's kind, role or block type always fits its column."""

from articles.models import Article, Block, Byline
from importer.core.draft import ARTICLE_KINDS, BLOCK_TYPES, BYLINE_ROLES, ArticleKind, BlockType, BylineRole


def test_the_models_choices_are_the_core_enums():
    assert Article.Kind.values == [kind.value for kind in ArticleKind] == list(ARTICLE_KINDS)
    assert Byline.Role.values == [role.value for role in BylineRole] == list(BYLINE_ROLES)
    assert Block.Type.values == [block.value for block in BlockType] == list(BLOCK_TYPES)


def test_the_database_accepts_exactly_those_values():
    """The check constraints list the same values as the choices."""
    checks = {
        constraint.name: dict(constraint.condition.children)
        for model in (Article, Byline, Block)
        for constraint in model._meta.constraints
        if constraint.name.endswith("_valid")
    }
    assert checks["article_kind_valid"]["kind__in"] == Article.Kind.values
    assert checks["byline_role_valid"]["role__in"] == Byline.Role.values
    assert checks["block_type_valid"]["type__in"] == Block.Type.values
