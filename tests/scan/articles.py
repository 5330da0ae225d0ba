"""Generated articles of realistic shape and size for the scan tests and benchmark (all simulated).

Nothing here comes from Wikipedia: names are made of syllables, prose is filler, and every
cited host is under the reserved `.example` top-level domain (RFC 2606), so no real site is
named. What is realistic is the shape: sizes drawn around a median of about 4 KB of wikitext
(English Wikipedia's median article; long articles are rarer but much longer), about one
citation per 500 characters, `{{cite web}}`/`{{cite news}}`/`{{cite book}}` templates with
CS1 dates in the article's format, some archived links, bare URLs, reused named references,
maintenance tags, infoboxes, lists and tables, and hosts cited with a Zipf-like skew (a few
news sites cited everywhere, a long tail of small ones). A few citations carry the mistakes
the static checks exist to find (an access-date before the publication date, none at all, a
reference named but never defined).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random

from citeaudit.model.calendar import MONTHS

MEDIAN_SIZE = 3_600
SIZE_SPREAD = 0.8
"""Sigma of the log-normal size: about a third of articles under 2 KB, one in twenty over 15 KB."""
MIN_SIZE, MAX_SIZE = 500, 80_000
CITED_SENTENCES = 0.35
"""Sentences followed by a citation: about one citation per 500 characters of wikitext, a
little denser than English Wikipedia's average (about five citations in an article of 3-4 KB;
Singh et al., "Wikipedia Citations", 2020, arXiv:2007.07022)."""
HOSTS = 400
_SYLLABLES = (
    "ka ri mo ten sa lu vor an del mi ra go nes tar bel os qui ven dra lo pe sun har ith ul "
    "bra cor fel gan hol jor kes lim nor pra ros sel tov wyn zar"
).split()
_SECTIONS = (
    "History",
    "Early life",
    "Career",
    "Geography",
    "Economy",
    "Reception",
    "Legacy",
    "Background",
    "Description",
    "Production",
    "Awards",
    "Politics",
    "Demographics",
)
_VERBS = (
    "was founded",
    "was elected",
    "opened",
    "was described",
    "expanded",
    "was renamed",
    "received",
    "was appointed",
    "published",
    "won",
    "was restored",
    "moved",
)


def name(rng: random.Random, words: int = 2) -> str:
    return " ".join(
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        for _ in range(words)
    )


def article_size(rng: random.Random) -> int:
    """A size in characters, log-normal around the median."""
    size = int(MEDIAN_SIZE * math.exp(rng.gauss(0.0, SIZE_SPREAD)))
    return max(MIN_SIZE, min(MAX_SIZE, size))


_HOST_WEIGHTS = list(itertools.accumulate(1 / rank for rank in range(1, HOSTS + 1)))
"""Zipf's law over the hosts (weight 1/rank): the first is cited about 15 % of the time."""


def host(rng: random.Random) -> str:
    """A cited host, host 1 cited twice as often as host 2, three times as often as host 3..."""
    [rank] = rng.choices(range(1, HOSTS + 1), cum_weights=_HOST_WEIGHTS)
    kind = ("news", "daily", "gazette", "archive", "society", "records")[rank % 6]
    return f"www.{kind}{rank}.example"


class _Writer:
    """Builds one article: prose with citations, then the reference machinery."""

    def __init__(self, rng: random.Random, title: str, dmy: bool, cited: float) -> None:
        self.cited = cited
        self.rng = rng
        self.title = title
        self.dmy = dmy
        self.named: list[str] = []
        self.citations = 0

    def date(self, day: dt.date) -> str:
        month = MONTHS[day.month - 1]
        return f"{day.day} {month} {day.year}" if self.dmy else f"{month} {day.day}, {day.year}"

    def day(self, first: int = 1998, last: int = 2024) -> dt.date:
        return dt.date(first, 1, 1) + dt.timedelta(days=self.rng.randrange((last - first) * 365))

    def citation(self) -> str:
        rng = self.rng
        self.citations += 1
        number = self.citations
        if self.named and rng.random() < 0.12:
            return f'<ref name="{rng.choice(self.named)}" />'
        if rng.random() < 0.01:
            return f'<ref name="missing{number}" />'
        kind = rng.random()
        published = self.day(2000, 2023)
        accessed = published + dt.timedelta(days=rng.randrange(1, 900))
        if rng.random() < 0.02:  # a slip: retrieved before it was published
            accessed = published - dt.timedelta(days=rng.randrange(1, 300))
        year = published.year
        path = rng.choice(("news", "story", "article", "p"))
        url = f"https://{host(rng)}/{path}/{year}/{rng.randint(1, 99999)}"
        access = f" |access-date={self.date(accessed)}" if rng.random() > 0.05 else ""
        if kind < 0.55:
            archive = ""
            if rng.random() < 0.25:
                archived = accessed + dt.timedelta(days=rng.randrange(0, 60))
                stamp = f"{archived:%Y%m%d}120000"
                archive = (
                    f" |archive-url=https://web.archive.org/web/{stamp}/{url} "
                    f"|archive-date={self.date(archived)} |url-status=live"
                )
            body = (
                f"{{{{cite web |url={url} |title={name(rng, 3)} |website={name(rng, 1)} "
                f"|date={self.date(published)}{access}{archive}}}}}"
            )
        elif kind < 0.8:
            body = (
                f"{{{{cite news |last={name(rng, 1)} |first={name(rng, 1)} |title={name(rng, 4)} "
                f"|url={url} |work=The {name(rng, 1)} Times "
                f"|date={self.date(published)}{access}}}}}"
            )
        elif kind < 0.92:
            body = (
                f"{{{{cite book |last={name(rng, 1)} |first={name(rng, 1)} |title={name(rng, 3)} "
                f"|publisher={name(rng, 1)} Press |year={year} "
                f"|isbn=978-0-{rng.randint(10000, 99999)}-{rng.randint(100, 999)}-"
                f"{rng.randint(0, 9)} |page={rng.randint(1, 400)}}}}}"
            )
        elif kind < 0.97:
            body = f"[{url} {name(rng, 3)}]. {name(rng, 1)}. Retrieved {self.date(accessed)}."
        else:
            body = url
        if rng.random() < 0.15:
            ref_name = f"{name(rng, 1).lower()}{number}"
            self.named.append(ref_name)
            return f'<ref name="{ref_name}">{body}</ref>'
        return f"<ref>{body}</ref>"

    def sentence(self) -> str:
        rng = self.rng
        words = (
            f"In {rng.randint(1850, 2023)}, the {name(rng, 1)} {rng.choice(_VERBS)} "
            f"by [[{name(rng)}]] near [[{name(rng, 1)}]]"
        )
        if rng.random() < 0.4:
            words += f", with {rng.randint(2, 9000)} {rng.choice(('people', 'members', 'copies'))}"
        sentence = words + "."
        roll = rng.random()
        if roll < self.cited:
            sentence += self.citation()
        elif roll < self.cited + 0.03:
            sentence += (
                f"{{{{citation needed|date={rng.choice(MONTHS)} {rng.randint(2015, 2024)}}}}}"
            )
        return sentence

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))


def realistic_article(
    rng: random.Random, title: str, size: int | None = None, cited: float = CITED_SENTENCES
) -> str:
    """Wikitext of about `size` characters (drawn when None) for an article called `title`."""
    size = size or article_size(rng)
    dmy = rng.random() < 0.5
    writer = _Writer(rng, title, dmy, cited)
    parts = [f"{{{{Use {'dmy' if dmy else 'mdy'} dates|date={rng.choice(MONTHS)} 2024}}}}"]
    if rng.random() < 0.35:
        parts.append(
            f"{{{{Infobox settlement\n| name = {title}\n| population = {rng.randint(100, 90000)}\n"
            f"| established = {writer.date(writer.day(1800, 2000))}\n}}}}"
        )
    parts.append(f"'''{title}''' is a place in [[{name(rng, 1)}]]. " + writer.paragraph())
    length = sum(len(part) for part in parts)
    sections = list(_SECTIONS)
    rng.shuffle(sections)
    while length < size - 300:
        heading = sections.pop() if sections else f"{name(rng, 1)} period"
        text = f"== {heading} ==\n{writer.paragraph()}\n\n{writer.paragraph()}"
        if rng.random() < 0.2:
            text += "\n" + "\n".join(f"* {writer.sentence()}" for _ in range(rng.randint(2, 5)))
        if rng.random() < 0.08:
            text += (
                '\n{| class="wikitable"\n! Year !! Value\n'
                + "".join(f"|-\n| {1990 + n} || {rng.randint(1, 999)}\n" for n in range(4))
                + "|}"
            )
        parts.append(text)
        length += len(text)
    parts.append("== See also ==\n* [[" + name(rng) + "]]")
    parts.append("== References ==\n{{Reflist}}")
    parts.append(f"== External links ==\n* [https://{host(rng)}/ Official website]")
    parts.append(f"[[Category:{name(rng, 1)}]]\n[[Category:Populated places]]")
    return "\n\n".join(parts) + "\n"
