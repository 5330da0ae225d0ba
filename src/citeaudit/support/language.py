"""Tell a source's language cheaply: what the page declares, else a stopword profile of its text.

The profiles hold the most frequent function words of twelve languages that sources of
English Wikipedia articles are often written in. Counting them in the first few thousand words
is enough to tell an English page from a German or Russian one, which is all claim support
needs (it then compares only language-neutral facts). It is not a general language identifier:
a text with too few function words gets no language rather than a guess.
"""

from __future__ import annotations

import re

STOPWORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "en": "the of and to in is was that for on with as by at from his her she he it are were "
        "this which be has have had an not or but their they its after",
        "de": "der die das und ist nicht den von zu mit sich des auf für im dem ein eine einer "
        "als auch es an wurde sie er bei aus nach wird sind",
        "fr": "le la les et des est une un du que qui dans pour pas sur au avec par il elle ses "
        "sont été ont aux cette ce leur mais son",
        "es": "el la los las de que y en un una es del por con para se su al como más fue ha "
        "sus pero sobre este esta entre",
        "it": "il di che e la per un una è del della non con sono gli le da dei nel alla ha "
        "anche come più delle stato questo",
        "pt": "o a os as de que e do da em um uma para com não por se na no dos das foi ao "
        "mais como pela pelo sua",
        "nl": "de het een en van in is dat op te zijn voor met die niet aan er maar ook als "
        "bij door werd naar uit",
        "ru": "и в не на что с по как это для из от к о был она он его её их но же так "
        "также была были после при",
        "uk": "і в на що з до не та як це для від у за її його але також була були після "
        "який яка які при",
        "pl": "i w nie na że się z do to jest jak o za od po ale jej jego był była przez "
        "oraz dla które który",
        "tr": "ve bir bu da de için ile olarak olan çok daha gibi ama en ne o şu kadar "
        "sonra göre tarafından",
        "kk": "және мен бен бұл үшін деп бір жылы да де ол оның қазақстан туралы болды "
        "бойынша сондай",
    }.items()
}

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SAMPLE_WORDS = 3000
_MIN_HITS = 8
_MIN_SHARE = 0.08


def normalise_language(code: str | None) -> str | None:
    """A declared language (`en-GB`, `de_DE`, `pt-br`, ` RU `) as its primary subtag (`en`)."""
    if not code:
        return None
    primary = re.split(r"[-_,;\s]", code.strip().lower(), maxsplit=1)[0]
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def detect_language(text: str) -> str | None:
    """The language whose stopwords the text uses most, or None when the evidence is thin.

    Needs at least a handful of stopword hits and a share of the words that ordinary prose
    reaches; ties go to no language rather than to a guess.
    """
    words = [match.group(0).lower() for match in _WORD.finditer(text[:40_000])][:_SAMPLE_WORDS]
    if not words:
        return None
    hits = {code: sum(word in profile for word in words) for code, profile in STOPWORDS.items()}
    ranked = sorted(hits.items(), key=lambda item: item[1], reverse=True)
    (best, best_hits), (_, runner_up) = ranked[0], ranked[1]
    if best_hits < _MIN_HITS or best_hits / len(words) < _MIN_SHARE or best_hits == runner_up:
        return None
    return best
