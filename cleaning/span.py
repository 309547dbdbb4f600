"""Where the article runs in a whole-page text dump.

A page's visible text stored as plain text carries, under the article, what the page showed beside it:
headline lists, menus, teasers in other languages, comment boards. The header finder has already cut what
stood above the headline; line by line from there, Chinese prose counts for the article and short
unpunctuated lines against it, and the article runs as far as the total keeps its best value. Anchoring
the run at the headline keeps a short article from losing to a longer block of prose further down (a
comment board's rules, an ad). Only a long stretch clearly worth less than nothing is cut, so a stored
article with a few labels under it keeps every line.
"""
from __future__ import annotations

import re

from .noise import NUMBERED_ITEM, punct_count

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
PROSE_MIN_CHARS = 8
MIN_CUT_LINES = 4        # a stretch shorter than this is never cut (a label, a byline, a caption)
MIN_CUT_WORTH = -20.0    # nor one that is only slightly negative


_BULLET = re.compile(r"^[．.·•●○■□▪◆◇►▶>＞\-－—*]\s*")
_LISTED_AT = re.compile(r"[\(（\[【]?\s*(?:\d{4}[-/.年])?\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2})?\s*[\)）\]】]?$")
_FULL_STOP = re.compile(r"。[”」』)）]?$")
LONG_PROSE_CHARS = 20
# a line of personal names (`张三 李四 王五`, `赵六、钱七`): part of a list the article gives (award winners)
_NAME_LIST = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:[\s、,，]+[\u4e00-\u9fff]{2,4}){2,}$")


def line_worth(s: str) -> float:
    """Chinese prose counts its characters; a numbered item is neutral; anything else (a bulleted or dated
    headline in a list, a short exclamation of an ad, a menu label, a line in another script) costs; a
    line of names is neutral too."""
    if _BULLET.match(s) or _LISTED_AT.search(s):
        return -(3.0 + 0.5 * min(len(s), 40))
    han = len(_CJK.findall(s))
    if han >= PROSE_MIN_CHARS and (_FULL_STOP.search(s) or han >= LONG_PROSE_CHARS and punct_count(s) >= 2):
        return han - 3.0
    if NUMBERED_ITEM.match(s) or _NAME_LIST.match(s):
        return 0.0
    return -(3.0 + 0.5 * min(len(s), 40))


# headings that only ever stand under an article, and its keyword line (unlike `相关阅读`, which pages also set
# as a box inside the text)
_AFTER_ARTICLE = re.compile(r"^[■●◆□▲►>»·・•\s]*(?:其他人也在看|大家都在看|猜你喜欢|你可能(?:还)?(?:感兴趣|喜欢)|"
                            r"看了(?:本文|这篇文章)的人还看了|网友回应|网友评论|热门评论|最新评论|发表评论|我要评论)"
                            r"\s*[:：]?\s*$|^(?:关键词|关键字|相关热词|标签|TAG|Tags?)\s*[:：]", re.I)


def ends_article(s: str) -> bool:
    return bool(_AFTER_ARTICLE.match(s))


def best_prefix_end(worths: list[float]) -> int:
    """End of the best-scoring run that starts at the first line (the text under the headline): the
    article runs from there as long as what follows still adds up."""
    best, best_end, total = 0.0, 0, 0.0
    for i, w in enumerate(worths):
        total += w
        if total > best:
            best, best_end = total, i + 1
    return best_end


def after_article(texts: list[str]) -> list[int]:
    """Indexes of the lines after the article run when they are worth cutting (see module doc)."""
    worths = [line_worth(t) for t in texts]
    end = best_prefix_end(worths)
    if end == 0 or len(texts) - end < MIN_CUT_LINES or sum(worths[end:]) > MIN_CUT_WORTH:
        return []
    return list(range(end, len(texts)))
