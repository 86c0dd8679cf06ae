"""botocore's HTML documentation -> plain text with light Markdown, for docstrings.

Paragraphs are separated by a blank line; list items become paragraphs that start with ``- ``;
``<code>`` becomes ````code````, links become ``text (url)``, ``<note>`` and ``<important>``
start with ``Note:`` / ``Important:``. Whitespace inside a paragraph is collapsed.
"""

from __future__ import annotations

from html.parser import HTMLParser

_BLOCKS = frozenset({"p", "div", "ul", "ol", "dl", "li", "dt", "dd", "note", "important", "pre"})
_BLOCKS |= frozenset({"h1", "h2", "h3", "h4", "br", "table", "tr"})
_LABELS = {"note": "Note: ", "important": "Important: "}
# Typographic characters that read as ASCII ones (and that linters flag as ambiguous in code).
_ASCII = str.maketrans(
    {"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'"}
    | {"\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u2011": "-", "\u2212": "-"}
)


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.prefix = ""
        self.href: list[str | None] = []
        self.link_text: list[int] = []

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.paragraphs.append(self.prefix + text)
        self.current = []
        self.prefix = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.flush()
            if tag == "li":
                self.prefix = "- "
            elif tag in _LABELS:
                self.prefix = _LABELS[tag]
        elif tag == "code":
            self.current.append("``")
        elif tag == "a":
            self.href.append(dict(attrs).get("href"))
            self.link_text.append(len(self.current))

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.flush()
        elif tag == "code":
            self.current.append("``")
        elif tag == "a" and self.href:
            href = self.href.pop()
            start = self.link_text.pop()
            label = "".join(self.current[start:]).strip()
            if href and href.startswith("http") and href not in label:
                self.current.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        self.current.append(data)


def html_to_text(markup: str) -> str:
    """Readable text for a docstring (``""`` for no documentation)."""
    if not markup:
        return ""
    converter = _Converter()
    converter.feed(markup)
    converter.close()
    converter.flush()
    # ``x`` followed by ``y`` with nothing between: one code span.
    return "\n\n".join(p.replace("````", "") for p in converter.paragraphs).translate(_ASCII)
