"""Chinese-aware search text: one tokenizer at index time and at query time.

Text is segmented into words with rjieba (jieba's Rust port) in search mode, which also emits the
shorter words inside long ones (中华人民共和国 → 中华 华人 人民 共和 共和国 …), so two-character
words such as 人民 are found.
"""

import re
import unicodedata

import rjieba

_WORD = re.compile(r"\w", re.UNICODE)


def tokens(text):
    """The words of `text`, lower-cased and width-folded, without punctuation or spaces."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return [t for t in rjieba.cut_for_search(text) if _WORD.search(t)]


def segment(text):
    """`text` as space-separated words: what the search column stores."""
    return " ".join(tokens(text))
