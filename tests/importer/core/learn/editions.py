"""Small edition JSON documents written for the learning tests (newsroom.edition/1)."""


def article(
    headline, *body, kicker="", subheadline="", column="", dateline="", bylines=(), photos=(), **extra
):
    blocks = [
        {"type": "subhead", "text": text[1:]} if text.startswith("#") else {"type": "paragraph", "text": text}
        for text in body
    ]
    return {
        "position": 0,
        "kind": extra.pop("kind", "news"),
        "kicker": kicker,
        "headline": headline,
        "subheadline": subheadline,
        "column": column,
        "dateline": dateline,
        "bylines": [
            {"name": name, "role": role, "label": label, "organization": ""} for label, role, name in bylines
        ],
        "editor_note": [],
        "body": blocks,
        "photos": [{"caption": caption, "credit": credit, "image": None} for caption, credit in photos],
        "continued_to": extra.pop("continued_to", None),
        "continued_from": extra.pop("continued_from", None),
        "tags": [],
        **extra,
    }


def page(label, *articles, number=None, name=""):
    for position, item in enumerate(articles, start=1):
        item["position"] = position
    return {"number": number or 1, "label": label, "name": name, "editor": "", "articles": list(articles)}


def edition(*pages, date="2026-03-28", slug="daily"):
    for number, item in enumerate(pages, start=1):
        item["number"] = number
    return {
        "schema": "newsroom.edition/1",
        "publication": {"slug": slug, "name": "日报"},
        "date": date,
        "number": None,
        "pages": list(pages),
    }


# Prose long enough for the paragraph checks (over 30 characters each), on three topics.
RIVER = (
    "市水利局昨天通报，今年汛期前全市将完成二十三处堤防加固工程，总投资约四亿元。",
    "施工单位表示，加固工程采用新型防渗墙技术，预计在五月底前全部完工并通过验收。",
)
SCHOOL = (
    "新学期开始后，全市中小学将推行课后服务全覆盖，家长可以自愿报名参加相关活动。",
    "教育部门提醒，各校收费须按规定公示，不得以任何名义强制学生参加或另行收费。",
)
MARKET = (
    "周末的农贸市场里，春笋和蚕豆成了最受欢迎的时令蔬菜，价格比上周回落了两成。",
    "摊主说，今年春笋上市早，产量也比去年多，预计价格还会继续下降一段时间。",
)
