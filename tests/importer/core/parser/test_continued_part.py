from importer.core.parser import parse_page

PAGE = """第一篇的标题

株洲日报讯(记者/李军) 第一篇的正文，写到这里还没有说完的一句话，接着是破折号——

迈出建设网络强国的坚实步伐

上接01版

从农村到城市，今天的互联网早已成为人们学习、工作、生活的新空间。
"""


def test_a_title_before_a_continuation_marker_opens_the_second_part():
    """Even after a paragraph that does not end a sentence, a title line followed by 上接 is the
    repeated headline of a continued story, never a subhead of the story before it."""
    first, second = parse_page(PAGE, label="08", number=8).articles
    assert first.headline == "第一篇的标题"
    assert [block.type for block in first.body] == ["paragraph"]
    assert second.headline == "迈出建设网络强国的坚实步伐"
    assert second.continued_from.label == "01"
    assert second.body[0].text.startswith("从农村到城市")
