"""Property: citations a repair does not concern survive it byte for byte, whatever their layout
(one line or one parameter per line, spaces around `|` and `=`, comments, links, nowiki)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeaudit.audit import AuditOptions, report_on
from citeaudit.fix import propose_fixes
from citeaudit.model import Facts, SourceForm
from citeaudit.parse import parse_article
from tests.conftest import AS_OF

NAMES = ("cite web", "Cite news", "cite book", "citation", "Cite journal")
PARAMETERS = (
    "title",
    "work",
    "website",
    "publisher",
    "last",
    "first",
    "page",
    "quote",
    "via",
    "language",
)
WORDS = st.text(
    alphabet=st.characters(
        whitelist_categories=("L", "N"), whitelist_characters=" .,:;'’–-()!?&", max_codepoint=0x2FFF
    ),
    min_size=1,
    max_size=20,
).filter(lambda value: value.strip() and "''" not in value and "&" not in value)
DECORATIONS = st.sampled_from(
    ["", " <!-- checked -->", " [[Linked page|link]]", "<nowiki>{{x}}</nowiki>", "&nbsp;"]
)
LAYOUTS = st.sampled_from([(" |", "="), ("|", "="), ("\n| ", " = "), ("\n |", "="), (" | ", " = ")])


@st.composite
def citation(draw: st.DrawFn, index: int) -> str:
    separator, equals = draw(LAYOUTS)
    names = draw(st.lists(st.sampled_from(PARAMETERS), min_size=1, max_size=6, unique=True))
    params = [("url", f"https://example.org/{index}/page"), ("title", f"Title {index}")]
    params += [(name, draw(WORDS) + draw(DECORATIONS)) for name in names if name != "title"]
    body = "".join(f"{separator}{name}{equals}{value}" for name, value in params)
    closing = "\n" if separator.startswith("\n") else ""
    return "{{" + draw(st.sampled_from(NAMES)) + body + closing + "}}"


@st.composite
def article(draw: st.DrawFn) -> tuple[str, str, str]:
    count = draw(st.integers(min_value=1, max_value=6))
    citations = [draw(citation(index)) for index in range(count)]
    position = draw(st.integers(min_value=0, max_value=count))
    repaired = "{{cite web |title=Repaired |work=Gazette |date=08 March 2023}}"
    fixed = repaired.replace("08 March", "8 March")
    citations.insert(position, repaired)
    text = (
        "{{Use dmy dates}}\n"
        + "".join(f"Sentence {n}.<ref>{body}</ref>\n" for n, body in enumerate(citations))
        + "== References ==\n{{Reflist}}\n"
    )
    return text, repaired, fixed


@given(article())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_citations_a_repair_does_not_concern_survive_byte_for_byte(
    case: tuple[str, str, str],
) -> None:
    text, repaired, fixed = case
    parsed = parse_article(text, SourceForm.WIKITEXT, title="Generated")
    report = report_on(parsed, AuditOptions(as_of=AS_OF), Facts())
    patch = propose_fixes(report, text)
    assert patch.text == text.replace(repaired, fixed)
    assert [change.code for change in patch.changes] == ["date-invalid"]
