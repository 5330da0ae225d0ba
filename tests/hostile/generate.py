"""Generated articles for the hostile-input tests and the scale benchmark (all simulated).

Each generator takes a count and returns text: pathological shapes (nesting, unclosed markup,
brackets) and realistic articles of a chosen size in each input form. Nothing here is read
from Wikipedia: the prose, titles and URLs are made up (`example.org`).
"""

from __future__ import annotations

from collections.abc import Callable

MEGABYTE = 1024 * 1024


def nested_templates(depth: int) -> str:
    return "Lead." + "{{outer|" * depth + "core" + "}}" * depth + " End.<ref>Kept.</ref>"


def nested_tags(depth: int, tag: str = "span") -> str:
    return "Lead." + f"<{tag}>" * depth + "core" + f"</{tag}>" * depth + " End.<ref>Kept.</ref>"


def unclosed_everything(count: int) -> str:
    """Every kind of opener, `count` times each, none of them closed (comments last)."""
    openers = ["{{a|", "[[b|", "<ref>", "<div>", "[http://example.org/ x ", '<span title="']
    body = "\n".join(f"Claim {number}. " + "".join(openers) for number in range(count))
    return "Lead.<ref>Kept.</ref>\n" + body + "\n<!--" * 3


def references(count: int) -> str:
    """`count` sentences, each with its own `{{cite web}}` ref, in paragraphs of ten."""
    lines = []
    for number in range(count):
        lines.append(
            f"Claim {number}.<ref>{{{{cite web |url=https://example.org/{number} "
            f"|title=Page {number} |access-date=2 June 2021}}}}</ref>"
        )
        if number % 10 == 9:
            lines.append("\n\n")
    return "".join(lines) + "\n== References ==\n{{Reflist}}\n"


def deep_lists(lines: int, depth: int) -> str:
    return "\n".join("*#:" * (depth // 3) + f" item {n}.<ref>r{n}</ref>" for n in range(lines))


def nested_tables(depth: int) -> str:
    return "{|\n|\n" * depth + "cell.<ref>In a table.</ref>\n" + "|}\n" * depth


def html_nested(depth: int, tag: str = "div") -> str:
    marker = '<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a></sup>'
    return (
        "<html><body><p>Lead sentence."
        + f"<{tag}>" * depth
        + "Deep claim."
        + marker
        + f"</{tag}>" * depth
        + "</p>"
        + _html_reference_list(1)
        + "</body></html>"
    )


def html_unclosed(count: int) -> str:
    return "<html><body><p>Lead." + "<b><i><div><table><tr><td>" * count


def html_markers_in_one_paragraph(count: int) -> str:
    markers = "".join(
        f'Claim {n}.<sup id="cite_ref-{n}" class="reference">'
        f'<a href="#cite_note-{n}">[{n}]</a></sup>'
        for n in range(1, count + 1)
    )
    return f"<html><body><p>{markers}</p>{_html_reference_list(count)}</body></html>"


def _html_entry(number: int) -> str:
    return (
        f'<li id="cite_note-{number}"><span class="reference-text"><cite class="citation web">'
        f'<a class="external text" href="https://example.org/{number}">Page {number}</a>'
        "</cite></span></li>"
    )


def _html_reference_list(count: int) -> str:
    items = "".join(_html_entry(number) for number in range(1, count + 1))
    return f'<div class="reflist"><ol class="references">{items}</ol></div>'


def text_brackets(count: int) -> str:
    """Rendered text with `count` opening and as many closing brackets in one paragraph."""
    return "Title\n\nSome claim " + "[" * count + "1" + "]" * count + ".\n" + "[" * count


# --- articles of a given size, for the scale benchmark ------------------------------------


def wikitext_block(number: int) -> str:
    return (
        f"\n== Section {number} ==\n"
        f"Sentence {number} says something about [[Topic {number}|a topic]], with '''bold''' "
        f"and ''italic'' text.<ref name=\"r{number}\">{{{{cite web |last=Author{number} "
        f"|title=Title {number} |url=https://example.org/{number}/page.html "
        f"|website=Example |date=2 May 2020 |access-date=2 June 2021}}}}</ref> A second "
        f'sentence, unsourced.{{{{citation needed|date=May 2024}}}} Again.<ref name="r{number}"/>\n'
        f"* A list item.<ref>Plain note {number}.</ref>\n"
        f'{{| class="wikitable"\n| cell || cell {number}\n|}}\n'
    )


def html_block(number: int) -> str:
    return (
        f"<h2>Section {number}</h2><p>Sentence {number} says something about "
        f'<a href="/wiki/Topic_{number}">a topic</a>, with <b>bold</b> text.'
        f'<sup id="cite_ref-{number}" class="reference"><a href="#cite_note-{number}">'
        f"[{number}]</a></sup> A second sentence.</p>"
        f'<ul><li>A list item.</li></ul><table class="wikitable"><tr><td>cell {number}</td>'
        "</tr></table>"
    )


def text_block(number: int) -> str:
    return (
        f"Section {number}[edit]\n"
        f"Sentence {number} says something about a topic, with bold text.[{number}] "
        "A second sentence.\n\n"
    )


def sized_article(
    size: int,
    block: Callable[[int], str],
    entry: Callable[[int], str] = lambda _number: "",
    wrap: Callable[[str, str], str] = lambda body, entries: body + entries,
) -> str:
    """Blocks numbered from 1, each with its reference-list entry, until the article reaches
    `size` characters; `wrap(body, entries)` puts the two together."""
    bodies: list[str] = []
    entries: list[str] = []
    length = 0
    number = 0
    while length < size:
        number += 1
        bodies.append(block(number))
        entries.append(entry(number))
        length += len(bodies[-1]) + len(entries[-1])
    return wrap("".join(bodies), "".join(entries))


def wikitext_article(size: int) -> str:
    return sized_article(
        size, wikitext_block, wrap=lambda body, _: body + "\n== References ==\n{{Reflist}}\n"
    )


def html_article(size: int) -> str:
    return sized_article(
        size,
        html_block,
        _html_entry,
        lambda body, entries: (
            f"<html><body>{body}"
            f'<div class="reflist"><ol class="references">{entries}</ol></div></body></html>'
        ),
    )


def text_article(size: int) -> str:
    return sized_article(
        size,
        text_block,
        lambda number: f'^ "Title {number}". Example. 2 May 2020. Retrieved 2 June 2021.\n',
        lambda body, entries: f"Generated article\n\n{body}References[edit]\n{entries}",
    )
