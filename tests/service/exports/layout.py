"""Where a rendered report breaks its page: boxes that run beyond the page's content area, and
words cut in two without a hyphen (a narrow column's "importa/nt"). Read from WeasyPrint's
layout boxes, the positions the PDF is drawn from."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import weasyprint
from weasyprint.urls import URLFetcher

TOLERANCE_PX = 0.5


def _boxes(box: Any) -> Iterator[Any]:
    """`box` and its descendants, leaving out the page's margin boxes (the page number)."""
    yield box
    for child in getattr(box, "children", None) or ():
        if type(child).__name__ != "MarginBox":
            yield from _boxes(child)


class _Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.words: set[str] = set()
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.words.update(data.split())
        self.text.append(" ".join(data.split()))


def layout_problems(html: str) -> list[str]:
    """Every box outside its page's content area, and every word cut without a hyphen, as
    "page N: ..." lines (empty when the report fits)."""
    parser = _Words()
    parser.feed(html)
    words, text = parser.words, " ".join(parser.text)
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).render()
    problems = []
    for number, page in enumerate(document.pages, 1):
        page_box = page._page_box
        left, top = page_box.content_box_x(), page_box.content_box_y()
        right, bottom = left + page_box.width, top + page_box.height
        for box in _boxes(page_box):
            if box is page_box:
                continue
            x0, y0 = box.border_box_x(), box.border_box_y()
            x1, y1 = x0 + box.border_width(), y0 + box.border_height()
            if x0 < left - TOLERANCE_PX or x1 > right + TOLERANCE_PX or y1 > bottom + TOLERANCE_PX:
                problems.append(f"page {number}: <{box.element_tag}> outside the page")
            lines = [child for child in getattr(box, "children", None) or () if _is_line(child)]
            problems.extend(
                f"page {number}: {cut!r} cut in <{box.element_tag}>"
                for cut in _cuts(lines, words, text)
            )
    return problems


def _is_line(box: Any) -> bool:
    return type(box).__name__ == "LineBox"


def _text(line: Any) -> str:
    return "".join(getattr(box, "text", "") for box in _boxes(line))


def _cuts(lines: list[Any], words: set[str], text: str) -> Iterator[str]:
    """The words cut between two consecutive lines without a hyphen: the end of one line and
    the start of the next make a word of the report (a line may end after a space, a hyphen,
    a dash or within an address)."""
    for line, following in zip(lines, lines[1:], strict=False):
        end, start = _text(line), _text(following).split()
        if not end or end[-1].isspace() or not end[-1].isalpha() or not start:
            continue
        piece = end.split()[-1]
        spaced = f"{piece} {start[0]}" in text  # two words: "Sales force automation"
        if piece + start[0] in words and not spaced and "/" not in piece:
            yield f"{piece}/{start[0]}"
