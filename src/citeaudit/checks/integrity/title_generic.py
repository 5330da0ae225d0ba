"""Titles that are not the source's title: a captured bot-challenge or error page, or a placeholder.

A citation tool that fetched the page behind a bot wall records the wall's title ("StackPath",
"Just a moment...", "Attention Required!"); one that got an error page records "Page not found";
bots fill "Archived copy" when they know no title. Readers cannot find the source by such a
title, and the URL may not hold what the editor meant.

The tables start from Citation bot's public lists (`ALWAYS_BAD_TITLES`, `BAD_TITLES` exact,
`ZOTERO_BAD_TITLES` substrings; `reference/anchors.md` §2.3), CS1's "archived copy" maintenance
category, and the challenge pages of the CDNs the link checker recognises (StackPath, Cloudflare,
DDoS-Guard, Incapsula, PerimeterX). Comparison is case-insensitive, with surrounding spaces,
trailing dots and ellipses ignored. Substrings broad enough to occur in real titles ("log in",
"sign in", "has expired", "cloudflare") are matched exactly only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citeaudit.checks.base import Check, CheckContext, describe_reference, first_section_title
from citeaudit.model import Article, Finding, FindingFamily, Severity, SourceForm

CHALLENGE = "a bot-challenge page"
ERROR = "an error page"
PLACEHOLDER = "a placeholder, not a title"

EXACT_TITLES = {
    **dict.fromkeys(
        (
            "stackpath",
            "just a moment",
            "attention required!",
            "attention required! | cloudflare",
            "attention required",
            "are you a robot?",
            "bloomberg - are you a robot?",
            "making sure you're not a bot!",
            "radware bot manager captcha",
            "haproxy challenge",
            "bot verification",
            "browser check",
            "one moment, please",
            "please wait",
            "checking your browser",
            "security check",
            "ddos-guard",
            "captcha",
            "cookieabsent",
            "dpg media privacy gate",
            "validate user",
            "human verification",
            "pardon our interruption",
        ),
        CHALLENGE,
    ),
    **dict.fromkeys(
        (
            "access denied",
            "page not found",
            "not found",
            "404",
            "404 not found",
            "403 forbidden",
            "forbidden",
            "error",
            "internal server error",
            "request rejected",
            "rate limit reached",
            "something went wrong",
            "access restricted",
            "ssrn temporarily unavailable",
            "wordpress › error",
            "radware block page",
            "service unavailable",
            "bad gateway",
            "502 bad gateway",
            "503 service unavailable",
            "log in - proquest",
            "library login",
            "login",
            "log in",
            "sign in",
            "sign up",
            "redirecting",
            "redirect notice",
            "loading",
            "index of /home",
            "domain for sale",
            "account suspended",
        ),
        ERROR,
    ),
    **dict.fromkeys(
        (
            "archived copy",
            "untitled",
            "untitled document",
            "untitled-1",
            "untitled-2",
            "no title",
            "title",
            "{title}",
            "document",
            "unknown",
            "missing",
            "home",
            "home page",
            "homepage",
            "index",
            "web page",
            "webpage",
            "pdf",
            "google books",
            "- youtube",
            "youtube",
            "wayback machine",
            "internet archive wayback machine",
            "welcome",
        ),
        PLACEHOLDER,
    ),
}

SUBSTRINGS = {
    **dict.fromkeys(
        (
            "are you a robot",
            "captcha",
            "client challenge",
            "shieldsquare",
            "just a moment",
            "attention required",
            "checking your browser",
            "enable javascript and cookies",
            "ddos protection by",
            "incapsula incident",
            "access to this page has been denied",
            "you have been blocked",
            "perimeterx",
            "stackpath",
        ),
        CHALLENGE,
    ),
    **dict.fromkeys(
        (
            "page not found",
            "404 not found",
            "error 404",
            "404 error",
            "access denied",
            "domain for sale",
            "this domain is for sale",
            "ezproxy",
            "subscribe to read",
            "page no longer available",
            "site not found",
        ),
        ERROR,
    ),
    **dict.fromkeys(("{{", "}}", "http://", "https://"), PLACEHOLDER),
}

_TRAILING = re.compile(r"(\s|\.|…)+$")


def generic_title_kind(title: str) -> str | None:
    """What kind of non-title a title is (`CHALLENGE`, `ERROR`, `PLACEHOLDER`), or None."""
    plain = _TRAILING.sub("", " ".join(title.split()).lower())
    if plain in EXACT_TITLES:
        return EXACT_TITLES[plain]
    for fragment, kind in SUBSTRINGS.items():
        if fragment in plain:
            return kind
    return None


class GenericTitleCheck(Check):
    family = FindingFamily.INTEGRITY
    codes = ("title-generic",)

    def run(self, article: Article, context: CheckContext) -> Iterator[Finding]:
        for reference in article.references:
            if not reference.title:
                continue
            kind = generic_title_kind(reference.title)
            if kind is None:
                continue
            if kind == PLACEHOLDER:
                advice = "Replace it with the document's real title."
            elif article.source_form is SourceForm.TEXT:
                advice = (
                    "Follow the reference's link on the article page, check it is the document "
                    "meant, and copy its real title into |title=."
                )
            elif reference.url:
                advice = (
                    "Open the URL in a browser, check it is the document meant, and copy "
                    "its real title into |title=."
                )
            else:
                advice = (
                    "The citation gives no URL to open: find the document (by its publisher "
                    "and date), add its |url= and copy its real title into |title=."
                )
            yield self.finding(
                "title-generic",
                Severity.WARNING,
                f'{describe_reference(reference)}: the title "{reference.title}" is {kind}.',
                fix=advice,
                section=first_section_title(article, reference),
                reference=reference,
            )
