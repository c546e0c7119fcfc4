"""The topic-change signal keeps its windows' pair counts, norms and dot product up to date as
texts enter and leave them; at every judgement they equal what counting the windows' texts from
scratch gives, whatever the page and however small the windows."""

from collections import Counter
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importer.core.parser import cohesion, parse_page
from importer.core.profile import DEFAULT

# Words the stories share or not, with the marks that make a line a title, prose or a caption.
WORDS = st.sampled_from(["城市", "发展", "铁路", "春天", "学校", "医院", "的", "Ａ", "1", "，", "“", "”"])
TITLE = st.lists(WORDS, min_size=1, max_size=6).map("".join)
PROSE = st.lists(WORDS, min_size=1, max_size=60).map(lambda words: "".join(words) + "。")
OTHER = st.sampled_from(["本报讯（记者 王某）城市的事。", "新华社记者 张某 摄", "据新华社", "——春天"])
# Pages of stories: title lines, paragraphs and the rest, a blank line or more between them.
GAPS = st.sampled_from(["\n", "\n\n", "\n\n\n"])
BLOCKS = st.tuples(st.one_of(TITLE, TITLE, *[PROSE] * 5, OTHER), GAPS)
PAGES = st.lists(BLOCKS, min_size=8, max_size=80).map(
    lambda blocks: "".join(text + gap for text, gap in blocks)
)
# Windows from a few characters to a few paragraphs, so that texts are cut to fit both ways.
LIMITS = st.fixed_dictionaries(
    {
        "cohesion_window": st.integers(4, 200),
        "cohesion_min_before": st.integers(0, 40),
        "cohesion_min_after": st.integers(0, 40),
        "cohesion_short": st.integers(0, 160),
    }
)


def bag(texts) -> Counter:
    found = Counter()
    for text in texts:
        found.update(cohesion.pairs(text))
    return +found


def test_pairs_are_the_content_pairs_of_the_normalised_text():
    # Full-width letters fold (ＡＢ is AB); pairs with a function character (的, 中, 国) say
    # nothing; a pair found twice counts twice.
    assert cohesion.pairs("城市的ＡＢ发展，城市") == ("城市", "AB", "B发", "发展", "城市")
    assert cohesion.pairs("中国人民") == ()


def checked_parse(page: str, profile) -> int:
    """Parse ``page``, checking the signal's counts at every judgement that counted its windows
    against the windows' texts counted from scratch; return how many were checked."""
    titles, checked, window = [""], 0, profile.limits.cohesion_window
    reset, judge = cohesion.Cohesion.reset, cohesion.Cohesion.judge

    def recorded_reset(signal, title):
        titles.append(title if title.strip() else "")
        return reset(signal, title)

    def checked_judge(signal, end):
        nonlocal checked
        weight = judge(signal, end)
        tail, after = signal.tail, signal.after
        if signal.tail_counted < len(tail) or signal.after_counted < len(after):
            return weight  # too little text on a side: nothing counted, no similarity
        # The story's kicker and headline count from the first judgement that counts.
        title = titles[-1] if not signal.title else ""
        before = bag([title, *tail])
        following = bag(after)
        # A pair taken away keeps its entry at zero, never below.
        assert min(signal.tail_counts.values(), default=0) >= 0
        assert min(signal.after_counts.values(), default=0) >= 0
        assert +Counter(signal.tail_counts) == before
        assert +Counter(signal.after_counts) == following
        assert signal.tail_norm == sum(n * n for n in before.values())
        assert signal.after_norm == sum(n * n for n in following.values())
        assert signal.dot == sum(n * following[pair] for pair, n in before.items())
        assert signal.tail_length == sum(map(len, tail))
        assert signal.after_length == sum(map(len, after)) <= window
        checked += 1
        return weight

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cohesion.Cohesion, "reset", recorded_reset)
        patch.setattr(cohesion.Cohesion, "judge", checked_judge)
        parse_page(page, profile=profile)
    return checked


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=PAGES, limits=LIMITS)
def test_the_sliding_windows_count_what_their_texts_hold(page, limits):
    checked_parse(page, replace(DEFAULT, limits=replace(DEFAULT.limits, **limits)))


def test_stories_with_subheads_are_checked_at_every_judgement():
    # Long paragraphs cut to the windows' sizes, subheads of one story, then a new story.
    story = "城市铁路发展的新闻，春天学校医院都说完了。" * 8
    page = "\n\n".join(
        ["城市铁路的新标题", "本报讯（记者 王某）" + story]
        + [f"小标题{i}\n\n{story}" for i in range(12)]
        + ["医院春天的另一篇", "本报讯（记者 李某）医院的事，说完了。" * 30]
    )
    assert checked_parse(page, DEFAULT) >= 10
    small = replace(DEFAULT, limits=replace(DEFAULT.limits, cohesion_window=25, cohesion_min_after=10))
    assert checked_parse(page, small) >= 10
