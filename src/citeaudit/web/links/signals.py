"""The patterns behind the verdicts: bot challenges, error-page URLs, "page not found" titles.

Each predicate returns the evidence it found (a short phrase for the `reason`) or None. The
lists are ours, informed by what the anchors learnt the hard way:
- IABot's soft-404 rules were tightened after matching pages like `error-handling.html`
  (https://github.com/cyberpower678/Cyberbot_II/pull/16), so URL rules here match whole path
  segments, never substrings;
- Citation bot's bad-title lists are the best public catalogue of captured challenge pages
  (ms609/citation-bot `src/includes/constants/bad_data.php`);
- a challenge page says nothing about the page behind it, whatever its status code.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlsplit

from citeaudit.model import FetchResult
from citeaudit.web.links.page import Page

# --- Bot challenges and firewalls ------------------------------------------------------------

# Title parts (lower-cased, edge punctuation stripped) that are a challenge page's whole title.
CHALLENGE_TITLES = {
    "just a moment",
    "attention required",
    "please wait",
    "one moment, please",
    "ddos-guard",
    "stackpath",
    "access denied",
    "access to this page has been denied",
    "pardon our interruption",
    "are you a robot",
    "are you a human",
    "robot or human",
    "human verification",
    "bot verification",
    "browser check",
    "security check",
    "client challenge",
    "captcha",
    "request rejected",
    "request unsuccessful",
    "radware bot manager captcha",
    "radware block page",
    "shieldsquare captcha",
    "you have been blocked",
    "haproxy challenge",
    "sucuri website firewall - access denied",
    "making sure you're not a bot",
    "making sure you’re not a bot",
    "verification required",
}
# Title beginnings that only an interstitial has.
CHALLENGE_TITLE_PREFIXES = (
    "just a moment",
    "attention required!",
    "checking your browser",
    "verifying you are human",
    "please wait while we verify",
    "checking if the site connection is secure",
    "ddos-guard",
    "making sure you're not a bot",
    "making sure you’re not a bot",
)

# Markers in a body that only a challenge or firewall page carries, whatever the status.
STRONG_BODY_MARKERS = (
    ("cf_chl_opt", "Cloudflare challenge"),
    ("cf-browser-verification", "Cloudflare browser check"),
    ("enable javascript and cookies to continue", "Cloudflare challenge"),
    ("incapsula incident id", "Incapsula"),
    ("captcha-delivery.com", "DataDome captcha"),
    ("px-captcha", "PerimeterX captcha"),
)

# Markers that ordinary pages carry too (CDN assets, injected scripts, a comment form with
# reCAPTCHA): evidence of a challenge only on an error status or on a page with hardly any text.
WEAK_BODY_MARKERS = (
    ("/cdn-cgi/challenge-platform/", "Cloudflare challenge"),
    ("_incapsula_resource", "Incapsula"),
    ("ddos-guard", "DDoS-Guard"),
    ("stackpath", "StackPath"),
    ("press &amp; hold", "PerimeterX 'Press & Hold'"),
    ("press & hold", "PerimeterX 'Press & Hold'"),
    ("awswafintegration", "AWS WAF challenge"),
    ("g-recaptcha", "reCAPTCHA"),
    ("google.com/recaptcha", "reCAPTCHA"),
    ("hcaptcha.com", "hCaptcha"),
    ("h-captcha", "hCaptcha"),
    ("captcha", "captcha"),
    ("you don't have permission to access", "Akamai 'Access Denied'"),
)
# A page with less visible text than this is an interstitial rather than an article.
SHORT_PAGE_CHARS = 600

BLOCKING_STATUSES = {
    401: "authentication required",
    402: "payment required",
    403: "forbidden",
    407: "proxy authentication required",
    429: "rate limited",
    451: "unavailable for legal reasons",
    999: "non-standard refusal (LinkedIn-style bot block)",
}


def challenge_evidence(result: FetchResult, page: Page) -> str | None:
    """Why `result` looks like a bot challenge or firewall page, or None."""
    if (result.header("cf-mitigated") or "").lower() == "challenge":
        return "Cloudflare challenge (cf-mitigated: challenge)"
    title_match = _challenge_title(page.title)
    if title_match is not None:
        return f"challenge page titled {page.title!r}"
    body = page.html[:200_000].lower()
    for marker, name in STRONG_BODY_MARKERS:
        if marker in body:
            return f"{name} page"
    # A full 404 page may carry a newsletter form with reCAPTCHA: only a short one is a challenge.
    status = result.status or 0
    is_refusal_status = status >= 400 and status not in (404, 410)
    if is_refusal_status or page.text_chars < SHORT_PAGE_CHARS:
        for marker, name in WEAK_BODY_MARKERS:
            if marker in body:
                return f"{name} page"
    return None


def _challenge_title(title: str | None) -> str | None:
    if not title:
        return None
    lowered = title.strip().lower()
    for prefix in CHALLENGE_TITLE_PREFIXES:
        if lowered.startswith(prefix):
            return prefix
    for part in title_parts(title):
        if part in CHALLENGE_TITLES:
            return part
    return None


# --- Error pages and generic landing pages, by URL ------------------------------------------

_ERROR_SEGMENTS = {
    "404",
    "410",
    "404error",
    "error404",
    "404-error",
    "error-404",
    "404page",
    "page404",
    "404-page",
    "page-404",
    "notfound",
    "not-found",
    "not_found",
    "pagenotfound",
    "page-not-found",
    "page_not_found",
    "filenotfound",
    "file-not-found",
    "nopage",
    "no-page",
    "gone",
    "missing",
    "deleted",
    "removed",
    "unavailable",
    "content-not-found",
}
_GENERIC_ERROR_SEGMENTS = {"error", "errors", "err", "errorpage", "error-page", "fehler", "erreur"}
_ERROR_QUERY_KEYS = {"aspxerrorpath", "errorpath"}
_LOGIN_SEGMENTS = {
    "login",
    "log-in",
    "logon",
    "signin",
    "sign-in",
    "sign_in",
    "sso",
    "authenticate",
    "subscribe",
    "paywall",
    "register",
    "anmelden",
    "connexion",
    "accedi",
    "entrar",
    "inloggen",
    "logowanie",
}
# Query parameters that do not name content: tracking, language, session.
_INCIDENTAL_PARAMETERS = {"fbclid", "gclid", "ref", "lang", "hl", "locale", "from", "source", "sid"}
_INDEX_FILE = re.compile(r"^(index|default|home|start|main)(\.[a-z0-9]{2,5})?$", re.IGNORECASE)
# ISO 639-1: a home page per language is `/en/`, `/de-at/`, `/pt_BR/`; other two-letter paths
# (`/ok`, `/tv`) are pages.
LANGUAGE_CODES = frozenset(
    "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy "
    "da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht "
    "hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky "
    "la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny "
    "oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss "
    "st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo "
    "za zh zu".split()
)
_LANGUAGE_SEGMENT = re.compile(r"^([a-z]{2})(?:[-_][a-z]{2,4})?$", re.IGNORECASE)
_EXTENSION = re.compile(r"\.[a-z0-9]{2,5}$", re.IGNORECASE)


def error_url_evidence(final_url: str) -> str | None:
    """Why a redirect target looks like an error page (`/404.html`, `?aspxerrorpath=`), or None."""
    parts = urlsplit(final_url)
    stems = [_EXTENSION.sub("", segment.lower()) for segment in _segments(parts.path)]
    for stem in stems:
        if stem in _ERROR_SEGMENTS:
            return f"redirected to an error page ({final_url})"
    query = dict(parse_qsl(parts.query.lower(), keep_blank_values=True))
    if _ERROR_QUERY_KEYS & query.keys():
        return f"redirected to an error page ({final_url})"
    has_generic = any(stem in _GENERIC_ERROR_SEGMENTS for stem in stems)
    if has_generic and (
        query.get("code") in {"404", "410"}
        or query.get("status") in {"404", "410"}
        or "404" in stems
    ):
        return f"redirected to an error page ({final_url})"
    if has_generic and stems and stems[-1] in _GENERIC_ERROR_SEGMENTS:
        return f"redirected to an error page ({final_url})"
    return None


def is_deep_link(url: str) -> bool:
    """True when `url` is below a site's home: a path past an index or language root, or a query."""
    return not is_site_root(url)


def is_site_root(url: str) -> bool:
    """True when `url` is a site's home: `/`, `/index.html`, `/en/`, `/en/home`, ...

    A query that names content (`/index.php?id=123`) makes it a page; tracking and language
    parameters (`?utm_source=x`, `?lang=en`) do not.
    """
    parts = urlsplit(url)
    if any(
        not _is_incidental_parameter(key)
        for key, _ in parse_qsl(parts.query, keep_blank_values=True)
    ):
        return False
    segments = [segment for segment in _segments(parts.path) if not _INDEX_FILE.match(segment)]
    return not segments or (len(segments) == 1 and _is_language_root(segments[0]))


def _is_incidental_parameter(key: str) -> bool:
    lowered = key.lower()
    return lowered.startswith("utm_") or lowered in _INCIDENTAL_PARAMETERS


def _is_language_root(segment: str) -> bool:
    match = _LANGUAGE_SEGMENT.match(segment)
    return match is not None and match.group(1).lower() in LANGUAGE_CODES


def login_evidence(final_url: str, cited_url: str) -> tuple[str, bool] | None:
    """Whether a redirect target is a login or subscription page, and returns to the cited page.

    A login page whose query carries the cited path (`?next=/article/1`) says the page is there
    behind a wall; one that does not is a generic landing page.
    """
    parts = urlsplit(final_url)
    segments = [_EXTENSION.sub("", segment.lower()) for segment in _segments(parts.path)]
    if not _LOGIN_SEGMENTS.intersection(segments):
        return None
    cited_path = urlsplit(cited_url).path.rstrip("/")
    values = [unquote(value) for _, value in parse_qsl(parts.query, keep_blank_values=True)]
    returns_to_page = bool(cited_path) and any(cited_path in value for value in values)
    return f"redirected to a login page ({final_url})", returns_to_page


def _segments(path: str) -> list[str]:
    return [segment for segment in unquote(path).split("/") if segment]


# --- "Page not found" titles and headings -----------------------------------------------------

# Whole-phrase matches: a title part that is exactly one of these (after lower-casing and
# stripping punctuation) says the page is missing. Short words alone ("error") are too common
# in real titles to match as substrings.
MISSING_EXACT = {
    "404",
    "410",
    "not found",
    "error",
    "page missing",
    "missing page",
    "nicht gefunden",
    "introuvable",
    "no encontrada",
    "no encontrado",
    "non trovata",
    "non trovato",
    "não encontrada",
    "não encontrado",
    "не найдено",
    "niet gevonden",
    "nie znaleziono",
    "bulunamadı",
    "hittades inte",
    "404 not found",
    "404 error",
    "error 404",
    "410 gone",
    "fehler 404",
    "erreur 404",
    "errore 404",
    "erro 404",
    "ошибка 404",
    "fout 404",
    "błąd 404",
}

# Substring matches: phrases specific enough to say "missing" wherever they stand in a title.
MISSING_PHRASES = (
    # en
    "page not found",
    "page cannot be found",
    "page could not be found",
    "page can't be found",
    "page can’t be found",
    "page does not exist",
    "page doesn't exist",
    "page doesn’t exist",
    "page no longer exists",
    "file not found",
    "document not found",
    "article not found",
    "content not found",
    "story not found",
    # de
    "seite nicht gefunden",
    "seite wurde nicht gefunden",
    "seite existiert nicht",
    "seite konnte nicht gefunden werden",
    "fehlerseite",
    # fr
    "page introuvable",
    "page non trouvée",
    "page inexistante",
    "page n'existe pas",
    "page n’existe pas",
    # es
    "página no encontrada",
    "pagina no encontrada",
    "página no existe",
    "no se encontró la página",
    # it
    "pagina non trovata",
    "pagina non esiste",
    "pagina non disponibile",
    # pt
    "página não encontrada",
    "pagina nao encontrada",
    "página não existe",
    # ru
    "страница не найдена",
    "страница не существует",
    # uk
    "сторінку не знайдено",
    "сторінка не знайдена",
    # kk
    "бет табылмады",
    "парақ табылмады",
    # nl
    "pagina niet gevonden",
    "pagina bestaat niet",
    # pl
    "nie znaleziono strony",
    "strona nie została znaleziona",
    "strona nie istnieje",
    # cs, sv, tr, ...
    "stránka nenalezena",
    "stránka nebyla nalezena",
    "sidan hittades inte",
    "sidan kunde inte hittas",
    "siden blev ikke fundet",
    "sayfa bulunamadı",
    "sivua ei löydy",
    # ja, zh, ko
    "ページが見つかりません",
    "页面不存在",
    "页面未找到",
    "找不到页面",
    "網頁不存在",
    "頁面不存在",
    "找不到網頁",
    "페이지를 찾을 수 없습니다",
)

_MISSING_PHRASE = re.compile(
    "|".join(rf"(?<!\w){re.escape(phrase)}(?!\w)" for phrase in MISSING_PHRASES)
)
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·»«/•]+\s+|\s*[|·»«•]\s*")
_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")


def missing_page_evidence(page: Page) -> str | None:
    """Why the page's title or first heading says the page is missing, or None."""
    for label, text in (("title", page.title), ("heading", page.heading)):
        if text and says_missing(text):
            return f"the page's {label} says it is missing: {text!r}"
    return None


def says_missing(text: str) -> bool:
    """True when a title or heading says "page not found" in one of the languages above."""
    if _MISSING_PHRASE.search(text.lower()):
        return True
    return any(part in MISSING_EXACT for part in title_parts(text))


def title_parts(title: str) -> list[str]:
    """A title and its parts (`Page | Site`), lower-cased, edge punctuation stripped."""
    parts = [
        _EDGE_PUNCTUATION.sub("", part.strip().lower()) for part in _TITLE_SEPARATOR.split(title)
    ]
    whole = _EDGE_PUNCTUATION.sub("", title.strip().lower())
    return [part for part in [whole, *parts] if part]
