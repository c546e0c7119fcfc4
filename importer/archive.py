"""A deterministic synthetic archive for benchmarks, recombined from real page text. Pure Python
(it builds drafts; `generate_archive` writes them).

Titles and paragraphs come from the text sources given (`TextPool`: the seed page by default, the
corpus truth files for the benchmarks); bylines are drawn from a pool of generated reporters, so
that contributors repeat across editions as they do in a real paper; each edition has stories
continued to a later page.
"""

from __future__ import annotations

import datetime
import json
import random
from collections.abc import Iterator
from pathlib import Path

from importer.core.draft import (
    ArticleDraft,
    ArticleKind,
    BlockDraft,
    BlockType,
    BylineDraft,
    BylineRole,
    EditionDraft,
    PageDraft,
    PageRef,
    PhotoDraft,
    PublicationDraft,
)
from importer.core.parser import parse_page
from importer.core.text import decode_dump

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = "军明华平建文国志伟丽敏静勇强磊洋艳杰娟涛超霞秀英慧宇鹏晨琳昱婷照慧泉煦安艺波卫"
PAGE_NAMES = ["要闻", "综合", "经济", "评论", "国际", "文化", "体育", "副刊", "社会", "视觉"]
TAGS = [
    "乡村振兴",
    "城市治理",
    "党建",
    "经济",
    "民生",
    "文化",
    "科技",
    "教育",
    "生态",
    "交通",
    "人民",
    "制造业",
]
LABELS = [
    ("全媒体记者", BylineRole.REPORTER),
    ("记者", BylineRole.REPORTER),
    ("通讯员", BylineRole.CORRESPONDENT),
    ("实习生", BylineRole.INTERN),
]


class TextPool:
    """Titles and paragraphs of real articles, from the text sources given: a corpus' truth files
    (`truth.json`: pages of articles with kicker, headline, subheadline and paragraphs, as
    editors read them) and page dumps, read as the importer reads them. A folder gives its truth
    files, or where it has none its page dumps."""

    def __init__(self, sources):
        self.titles: list[tuple[str, str, str]] = []
        self.paragraphs: list[str] = []
        for source in map(Path, sources):
            if source.is_dir():
                truths = sorted(source.rglob("truth.json"))
                for path in truths or sorted(source.rglob("*.txt")):
                    self._add(path)
            elif source.is_file():
                self._add(source)
            else:
                raise ValueError(f"{source}: no such file or folder")
        if not self.titles or not self.paragraphs:
            raise ValueError("no article text found in " + ", ".join(map(str, sources)))

    def _add(self, path: Path):
        if path.name == "truth.json":
            truth = json.loads(path.read_text(encoding="utf-8"))
            articles = [a for page in truth["pages"] for a in page["articles"]]
            titles = [(a["kicker"], a["headline"], a["subheadline"]) for a in articles]
            paragraphs = [p for a in articles for p in a["paragraphs"]]
        else:
            articles = list(parse_page(decode_dump(path.read_bytes())).articles)
            titles = [(a.kicker, a.headline, a.subheadline) for a in articles if a.headline]
            paragraphs = [p for a in articles for p in a.paragraphs]
        self.titles.extend(titles)
        self.paragraphs.extend(p for p in paragraphs if len(p) > 30)


class ArchiveGenerator:
    def __init__(
        self,
        *,
        seed: int,
        publication_slug: str,
        publication_name: str,
        dateline: str,
        pages: int = 8,
        articles_per_page: int = 8,
        contributors: int = 300,
        pool: TextPool,
    ):
        self.seed = seed
        self.publication = PublicationDraft(slug=publication_slug, name=publication_name)
        self.dateline = dateline
        self.pages = pages
        self.articles_per_page = articles_per_page
        self.pool = pool
        rng = random.Random(seed)
        names = set()
        while len(names) < contributors:
            names.add(rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))))
        self.reporters = sorted(names)

    def editions(self, *, end: datetime.date, count: int) -> Iterator[EditionDraft]:
        """`count` daily editions ending on `end`, oldest first."""
        start = end - datetime.timedelta(days=count - 1)
        for offset in range(count):
            date = start + datetime.timedelta(days=offset)
            yield self.edition(date, number=offset + 1)

    def edition(self, date: datetime.date, number: int | None = None) -> EditionDraft:
        rng = random.Random(f"{self.seed}-{date.isoformat()}")
        pages = []
        for page_number in range(1, self.pages + 1):
            label = f"{page_number:02d}"
            name = PAGE_NAMES[(page_number - 1) % len(PAGE_NAMES)]
            editor = rng.choice(self.reporters)
            articles = [self._article(rng, position) for position in range(1, self.articles_per_page + 1)]
            pages.append(
                PageDraft(number=page_number, label=label, name=name, editor=editor, articles=articles)
            )
        self._continue_stories(rng, pages)
        return EditionDraft(publication=self.publication, date=date, number=number, pages=pages)

    def _article(self, rng: random.Random, position: int) -> ArticleDraft:
        kicker, headline, subheadline = rng.choice(self.pool.titles)
        paragraphs = [rng.choice(self.pool.paragraphs) for _ in range(rng.randint(3, 9))]
        body = [BlockDraft(BlockType.PARAGRAPH, text) for text in paragraphs]
        if len(body) > 5 and rng.random() < 0.3:
            body.insert(3, BlockDraft(BlockType.SUBHEAD, rng.choice(self.pool.titles)[1][:16]))
        bylines = []
        for name in rng.sample(self.reporters, rng.choice((1, 1, 2, 3))):
            label, role = rng.choice(LABELS)
            bylines.append(BylineDraft(name=name, role=role, label=label))
        photos = []
        if rng.random() < 0.2:
            photos.append(PhotoDraft(caption=paragraphs[0][:24].rstrip("，。,"), credit="本报记者摄"))
        return ArticleDraft(
            position=position,
            kind=ArticleKind.NEWS,
            kicker=kicker,
            headline=headline,
            subheadline=subheadline.lstrip("—"),
            dateline=self.dateline,
            bylines=bylines,
            body=body,
            photos=photos,
            tags=rng.sample(TAGS, rng.choice((0, 1, 2))),
        )

    def _continue_stories(self, rng: random.Random, pages: list[PageDraft]) -> None:
        """Front-page stories go on to a later page, which repeats the headline."""
        if len(pages) < 2:
            return
        for first in pages[0].articles[: min(2, len(pages[0].articles))]:
            target = rng.choice(pages[1:])
            second = ArticleDraft(
                position=len(target.articles) + 1,
                kind=first.kind,
                headline=first.headline,
                body=[BlockDraft(BlockType.PARAGRAPH, rng.choice(self.pool.paragraphs)) for _ in range(3)],
                continued_from=PageRef(label=pages[0].label, page=pages[0].number),
            )
            first.continued_to = PageRef(label=target.label, page=target.number)
            target.articles.append(second)
