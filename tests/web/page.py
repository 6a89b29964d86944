"""Reading a dashboard page as a test does: the figures it carries (`data-*` attributes), its links,
and its scripts and styles (for the Content-Security-Policy's sake)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class Parsed(HTMLParser):
    elements: list[Element] = field(default_factory=list)
    _open: list[Element] = field(default_factory=list)

    def __post_init__(self) -> None:
        HTMLParser.__init__(self)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.elements.append(element)
        if tag not in ("input", "meta", "link", "br", "img", "path"):
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self._open.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data


def parse(html: str) -> Parsed:
    parsed = Parsed()
    parsed.feed(html)
    return parsed


def number(raw: str) -> Any:
    """A `data-value` as the value /v1 answers: an int, or a float for a rate."""
    return float(raw) if "." in raw else int(raw)


def figures(html: str, attribute: str = "data-metric") -> dict[str, Any]:
    """`{name: value}` of the elements carrying `attribute` and `data-value`."""
    return {
        e.attrs[attribute]: number(e.attrs["data-value"])
        for e in parse(html).elements
        if attribute in e.attrs and "data-value" in e.attrs
    }


def rows(html: str) -> dict[str, dict[str, Any]]:
    """`{date: {key: value}}` of a table's rows (`tr data-date`, cells `data-key`/`data-value`)."""
    out: dict[str, dict[str, Any]] = {}
    current: dict[str, Any] | None = None
    for e in parse(html).elements:
        if e.tag == "tr" and "data-date" in e.attrs:
            current = out.setdefault(e.attrs["data-date"], {})
        elif e.tag == "tr":
            current = None
        elif current is not None and "data-key" in e.attrs:
            current[e.attrs["data-key"]] = number(e.attrs["data-value"])
    return out


def links(html: str) -> list[str]:
    return [e.attrs["href"] for e in parse(html).elements if e.tag == "a" and "href" in e.attrs]


def inline_code(html: str) -> list[str]:
    """What a Content-Security-Policy of `default-src 'self'` would block: inline scripts, style
    elements and attributes, event handler attributes."""
    found = []
    for e in parse(html).elements:
        if e.tag == "script" and "src" not in e.attrs and e.attrs.get("type") != "application/json":
            found.append(f"inline script {e.text[:40]!r}")
        if e.tag == "style":
            found.append("style element")
        found += [f"{name} on <{e.tag}>" for name in e.attrs if name == "style" or name.startswith("on")]
    return found
