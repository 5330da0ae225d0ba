"""Stance: whether a passage says the opposite of a claim without changing any fact.

Four signs, all read on aligned words (see `citeaudit.support.align`):
- a negation in scope of a word both share ("Police have not disclosed" against "Police
  disclosed"; "exempt from quarantine" against "to its quarantine list"; "though not of
  Republicans" against "a majority of Republicans");
- the claim's words in a clause the source denies ("One common misconception is that they need
  constant water");
- a pair of antonyms in the same place ("approved"/"rejected", "rose"/"fell", "won"/"lost",
  "more"/"fewer", "allowed"/"excluded");
- the same number put above something on one side and below it on the other ("more than the
  2016 high of 8,836" against "falls just short of the 2016 high of 8,836").

The antonym pairs are the ones whose swap reverses what a sentence asserts; pairs whose swap
often keeps the meaning ("before"/"after", "first"/"last", "start"/"end") are left out, since a
supported sentence called contradicted is the error this must not make.
"""

from __future__ import annotations

from citeaudit.support.words import Token, TokenKind, lemma_stem, stem

NEGATIONS = frozenset(
    """not no never nothing none neither nor without cannot cant dont doesnt didnt isnt arent
    wasnt werent hasnt havent hadnt couldnt wouldnt shouldnt wont aint exempt lack lacks lacked
    lacking nobody barred bars banned bans prohibited prohibits forbade forbidden forbids
    prevented prevents refused refuses denied denies failed fails unable failure refusal
    inability absence limitation denial failing refusing denying fail refuse deny ban prohibit
    forbid prevent preventing absent declined declines declining""".split()
)
"""Words that negate what follows them within a clause (folded: `doesn't` is `doesnt`)."""
_WORDS_OF_NEGATION = frozenset(
    """not no never nothing none neither nor without cannot cant dont doesnt didnt isnt arent
    wasnt werent hasnt havent hadnt couldnt wouldnt shouldnt wont aint nobody""".split()
)
"""The negations that are no more than that; the rest of `NEGATIONS` ("banned", "failed") say
something themselves, and a negation of them undoes them ("not banned from", "never failed
to")."""
_NEGATING_BEFORE_FROM = frozenset({"bars"})
"""Negations only with a "from" after them: "the law bars companies from ..." (more often "bars"
is a noun: "bars and restaurants")."""
_NEGATING_BEFORE_INFINITIVE = frozenset({"declined", "declines", "declining"})
"""Negations only before "to" and a verb: "declined to comment" (more often "sales declined")."""
_CONSTRUCTION_REACH = 4
_NOT_AN_INFINITIVE = frozenset("the a an its their his her about around nearly almost".split())
"""Words after "declined to" that make it a fall ("declined to the lowest level"), not a refusal."""
_NOT_NEGATING_AFTER = {"not": {"only", "just", "least", "merely"}, "no": {"more", "less", "longer"}}
# "no longer" does negate, but it is read with its verb ("no longer connected"): see below.
_NEGATING_PAIRS = frozenset({("no", "longer")})
SCOPE_ENDS = frozenset(
    """but while although though whereas however yet unlike instead rather despite""".split()
)
NEGATION_SCOPE = 3
"""How many words before a word a negation may stand and govern it ("have not yet disclosed")."""

ANTONYM_WORDS = (
    ("approve", "reject"),
    ("approved", "rejected"),
    ("approve", "deny"),
    ("approved", "denied"),
    ("accept", "reject"),
    ("accepted", "rejected"),
    ("accept", "refuse"),
    ("accepted", "refused"),
    ("agree", "refuse"),
    ("agreed", "refused"),
    ("allow", "ban"),
    ("allowed", "banned"),
    ("allow", "exclude"),
    ("allowed", "excluded"),
    ("allow", "forbid"),
    ("allowed", "forbidden"),
    ("allow", "prohibit"),
    ("allowed", "prohibited"),
    ("permit", "ban"),
    ("permitted", "banned"),
    ("permit", "prohibit"),
    ("permitted", "prohibited"),
    ("include", "exclude"),
    ("included", "excluded"),
    ("rise", "fall"),
    ("rose", "fell"),
    ("risen", "fallen"),
    ("rising", "falling"),
    ("rise", "decline"),
    ("rose", "declined"),
    ("rose", "dropped"),
    ("rose", "slid"),
    ("increase", "decrease"),
    ("increased", "decreased"),
    ("increase", "decline"),
    ("increased", "declined"),
    ("increased", "reduced"),
    ("increased", "fell"),
    ("increased", "dropped"),
    ("increase", "reduction"),
    ("grow", "shrink"),
    ("grew", "shrank"),
    ("gain", "loss"),
    ("gained", "lost"),
    ("win", "lose"),
    ("won", "lost"),
    ("win", "loss"),
    ("winner", "loser"),
    ("victory", "defeat"),
    ("beat", "lost"),
    ("more", "fewer"),
    ("more", "less"),
    ("higher", "lower"),
    ("above", "below"),
    ("largest", "smallest"),
    ("biggest", "smallest"),
    ("most", "least"),
    ("best", "worst"),
    ("better", "worse"),
    ("warmer", "colder"),
    ("hotter", "colder"),
    ("warmest", "coldest"),
    ("hottest", "coldest"),
    ("twice", "half"),
    ("double", "half"),
    ("convicted", "acquitted"),
    ("convict", "acquit"),
    ("guilty", "innocent"),
    ("opened", "closed"),
    ("join", "leave"),
    ("joined", "left"),
    ("hired", "fired"),
    ("bought", "sold"),
    ("buy", "sell"),
    ("import", "export"),
    ("support", "oppose"),
    ("supported", "opposed"),
    ("confirmed", "denied"),
    ("legal", "illegal"),
    ("alive", "dead"),
    ("survived", "died"),
    ("success", "failure"),
    ("succeeded", "failed"),
    ("added", "removed"),
    ("strengthen", "weaken"),
    ("expanded", "reduced"),
    ("expand", "reduce"),
    ("raised", "lowered"),
    ("raise", "lower"),
    ("maximum", "minimum"),
    ("majority", "minority"),
    ("positive", "negative"),
    ("complete", "incomplete"),
    ("completed", "dropped"),
    ("ended", "continued"),
    ("stopped", "continued"),
    ("ahead", "behind"),
    ("praised", "criticised"),
    ("praised", "criticized"),
    ("easy", "difficult"),
    ("cheap", "expensive"),
    ("safe", "dangerous"),
    ("public", "private"),
    ("permanent", "temporary"),
    ("permanently", "temporarily"),
    ("always", "never"),
    ("agreed", "declined"),
    ("reduced", "increased"),
    # Common reversals of news and reference prose, beyond those above.
    ("lift", "impose"),
    ("lifted", "imposed"),
    ("ease", "tighten"),
    ("eased", "tightened"),
    ("loosen", "tighten"),
    ("boost", "cut"),
    ("boosted", "cut"),
    ("increase", "cut"),
    ("raise", "cut"),
    ("raised", "cut"),
    ("gain", "drop"),
    ("gained", "dropped"),
    ("climb", "fall"),
    ("climbed", "fell"),
    ("climbed", "dropped"),
    ("surge", "plunge"),
    ("surged", "plunged"),
    ("soared", "plummeted"),
    ("rose", "plunged"),
    ("jumped", "fell"),
    ("grew", "declined"),
    ("grew", "fell"),
    ("growth", "decline"),
    ("expanded", "contracted"),
    ("growth", "contraction"),
    ("passed", "failed"),
    ("admit", "deny"),
    ("admitted", "denied"),
    ("confirm", "deny"),
    ("accepted", "declined"),
    ("launched", "cancelled"),
    ("launched", "canceled"),
    ("approved", "vetoed"),
    ("signed", "vetoed"),
    ("resume", "suspend"),
    ("resumed", "suspended"),
    ("continue", "halt"),
    ("continued", "halted"),
    ("continue", "stop"),
    ("continue", "end"),
    ("reopened", "closed"),
    ("welcome", "condemn"),
    ("welcomed", "condemned"),
    ("praised", "condemned"),
    ("endorse", "oppose"),
    ("endorsed", "opposed"),
    ("favor", "oppose"),
    ("favour", "oppose"),
    ("backed", "opposed"),
    ("true", "false"),
    ("real", "fake"),
    ("genuine", "fake"),
    ("strong", "weak"),
    ("stronger", "weaker"),
    ("strengthened", "weakened"),
    ("fast", "slow"),
    ("faster", "slower"),
    ("rich", "poor"),
    ("richest", "poorest"),
    ("profit", "loss"),
    ("surplus", "deficit"),
    ("upheld", "overturned"),
    ("uphold", "overturn"),
    ("high", "low"),
    ("highest", "lowest"),
    ("allowed", "blocked"),
    ("enabled", "prevented"),
    ("included", "omitted"),
    ("present", "absent"),
    ("presence", "absence"),
    ("loved", "hated"),
    ("mandatory", "voluntary"),
    ("mandatory", "optional"),
    ("required", "optional"),
    ("compulsory", "optional"),
    ("inside", "outside"),
    ("indoor", "outdoor"),
    ("indoors", "outdoors"),
    ("oldest", "youngest"),
    ("eldest", "youngest"),
    ("elder", "younger"),
    ("older", "younger"),
    ("longest", "shortest"),
    ("longer", "shorter"),
    ("larger", "smaller"),
    ("bigger", "smaller"),
    ("large", "small"),
    ("optimistic", "pessimistic"),
    ("benefit", "harm"),
    ("beneficial", "harmful"),
    ("helped", "hurt"),
    ("improve", "worsen"),
    ("improved", "worsened"),
    ("improved", "deteriorated"),
    ("easier", "harder"),
    ("cheaper", "costlier"),
    ("overestimated", "underestimated"),
    ("morning", "evening"),
    ("morning", "afternoon"),
    ("morning", "night"),
    ("daytime", "nighttime"),
    ("summer", "winter"),
    ("close", "open"),
    ("closed", "open"),
    ("closed", "reopened"),
    ("less", "higher"),
    ("less", "greater"),
    ("more", "lower"),
    ("greater", "lower"),
    ("greater", "smaller"),
    ("gain", "decline"),
    ("gained", "declined"),
    # Physical and other plain opposites.
    ("wet", "dry"),
    ("wetter", "drier"),
    ("wettest", "driest"),
    ("heavy", "light"),
    ("heavier", "lighter"),
    ("thick", "thin"),
    ("wide", "narrow"),
    ("wider", "narrower"),
    ("deep", "shallow"),
    ("hot", "cold"),
    ("hard", "soft"),
    ("full", "empty"),
    ("major", "minor"),
    ("ancient", "modern"),
    ("domestic", "foreign"),
    ("internal", "external"),
    ("arrived", "departed"),
    ("arrival", "departure"),
    ("upstream", "downstream"),
    ("offensive", "defensive"),
    ("strict", "lenient"),
    ("wealthy", "poor"),
    ("quick", "slow"),
    ("quickly", "slowly"),
    ("early", "late"),
    ("simple", "complex"),
    ("simple", "complicated"),
    ("peaceful", "violent"),
    ("friendly", "hostile"),
    ("ally", "enemy"),
    ("allies", "enemies"),
    ("upbeat", "gloomy"),
    ("bullish", "bearish"),
    ("boom", "bust"),
    ("expand", "shrink"),
    ("survived", "killed"),
    ("convicted", "cleared"),
    ("promoted", "relegated"),
    ("promoted", "demoted"),
    ("promotion", "relegation"),
    ("upgraded", "downgraded"),
    ("upgrade", "downgrade"),
    ("lend", "borrow"),
    ("lent", "borrowed"),
    ("overvalued", "undervalued"),
    # How a work was received.
    ("praised", "panned"),
    ("acclaimed", "panned"),
    ("impressive", "underwhelming"),
    ("impressed", "underwhelmed"),
    ("glowing", "scathing"),
    ("hit", "flop"),
    ("success", "flop"),
    ("good", "bad"),
    ("praised", "savaged"),
    ("praised", "slammed"),
    ("praised", "lambasted"),
    ("impressive", "disappointing"),
    ("impressed", "disappointed"),
    ("exciting", "boring"),
)
ANTONYMS = frozenset(
    frozenset({lemma_stem(first), lemma_stem(second)})
    for first, second in ANTONYM_WORDS
    if lemma_stem(first) != lemma_stem(second)
)
"""Pairs of stems of base forms whose swap reverses a sentence's stance: "win"/"lose" pairs
"won" with "lost" and "wins" with "losing" too."""
_OPPOSITES = {
    word: frozenset(other for pair in ANTONYMS if word in pair for other in pair - {word})
    for word in frozenset().union(*ANTONYMS)
}
"""Each stem to the stems it is the antonym of: a pair looked up in one step."""


_ABOVE = frozenset(
    """more greater above over exceed exceeds exceeded exceeding higher beyond surpass surpassed
    surpassing topped tops""".split()
)
_BELOW = frozenset("less fewer below under short lower beneath shy".split())
_COMPARISON_REACH = 6
"""How many tokens before a number a comparison word may stand ("more than the 2016 high of
8,836")."""


def comparison(tokens: list[Token], index: int) -> Token | None:
    """The word that puts the number at `index` above or below something ("more than 500",
    "falls short of the record of 8,836"), if one stands before it in the same clause."""
    for back in range(index - 1, max(-1, index - 1 - _COMPARISON_REACH), -1):
        token = tokens[back]
        if token.kind is TokenKind.BOUNDARY:
            return None
        if token.folded in _ABOVE or token.folded in _BELOW:
            return token
    return None


def are_opposite_comparisons(first: Token, second: Token) -> bool:
    """Whether one of two comparison words puts a number above and the other below."""
    return (first.folded in _ABOVE and second.folded in _BELOW) or (
        first.folded in _BELOW and second.folded in _ABOVE
    )


EXCLUSIVE_SETS = (
    "spring summer autumn winter",
    "monday tuesday wednesday thursday friday saturday sunday",
    "north south east west northeast northwest southeast southwest",
    "northern southern eastern western northeastern northwestern southeastern southwestern",
    "northward southward eastward westward",
    "hourly daily weekly fortnightly monthly quarterly yearly annually biannually",
    "gold silver bronze",
    "urban rural",
    "mother father",
    "son daughter",
    "sons daughters",
    "husband wife",
    "brother sister",
    "brothers sisters",
    "boy girl",
    "boys girls",
    "man woman",
    "men women",
    "male female",
    "grandfather grandmother",
    "uncle aunt",
    "nephew niece",
    "king queen",
    "prince princess",
)
"""Closed sets of values of which one excludes the others: a season, a day of the week, a
point of the compass, how often, a medal, a relative ("fall" is more often a verb than a
season)."""
_EXCLUSIVE_SET = {
    word: index for index, words in enumerate(EXCLUSIVE_SETS) for word in words.split()
}


def are_antonyms(first: Token, second: Token) -> bool:
    """Whether two words are a pair of antonyms: listed above, two members of one closed set
    ("spring"/"autumn", "east"/"west"), or one the other with a negating prefix
    ("likely"/"unlikely", "legal"/"illegal", "possible"/"impossible")."""
    if second.lemma in _OPPOSITES.get(first.lemma, ()):
        return True
    kind = _EXCLUSIVE_SET.get(first.folded)
    if kind is not None and first.folded != second.folded:
        return _EXCLUSIVE_SET.get(second.folded) == kind
    shorter, longer = first.folded, second.folded
    if len(shorter) > len(longer):
        shorter, longer = longer, shorter
    # Cheap first: the longer word goes on, after a prefix of two to four letters (a hyphen
    # included), as the shorter one starts.
    head = shorter[:3]
    if head not in (longer[2:5], longer[3:6], longer[4:7]):
        return False
    return len(shorter) < len(longer) and _negated_by_prefix(shorter, longer)


_NEGATING_PREFIXES = ("un", "non", "dis", "il", "ir", "in", "im")
_PREFIXED_NOT_NEGATED = tuple(
    """unless discover discharg display dismiss disease discount dispatch dissent disgrace
    disband distract disclos discours disposit dissolv disabl""".split()
)
"""Words (or their openings) that a prefix makes into another word, not into the opposite of
the rest: "unless", "discover", "display"; "disable" is not the opposite of "able"."""
_ADJECTIVE_ENDINGS = ("ible", "able", "ent", "ant", "ate", "ive", "al", "ect", "ete", "ure", "ite")
"""What a word must end with for "in"/"im" to negate it: adjectives ("inaccurate", "immature"),
not verbs ("inform", "import", "improve", "increase")."""
_PREFIXED_BASE = 4


def _negated_by_prefix(word: str, prefixed: str) -> bool:
    """Whether `prefixed` is `word` (or a form of it) with a negating prefix."""
    if len(word) < _PREFIXED_BASE:
        return False
    for prefix in _NEGATING_PREFIXES:
        if not prefixed.startswith(prefix):
            continue
        base = prefixed[len(prefix) :].lstrip("-")
        if base[:3] != word[:3] or prefixed.startswith(_PREFIXED_NOT_NEGATED):
            continue
        if prefix in ("il", "ir") and not base.startswith(prefix[1]):
            continue
        if prefix in ("in", "im") and not base.endswith(_ADJECTIVE_ENDINGS):
            continue
        if len(base) >= _PREFIXED_BASE and stem(base) == stem(word):
            return True
    return False


def is_negated(
    tokens: list[Token], index: int, *, scope: int = NEGATION_SCOPE, in_conditions: bool = False
) -> bool:
    """Whether a negation governs the token at `index` (see `negator`)."""
    return negator(tokens, index, scope=scope, in_conditions=in_conditions) is not None


def negator(
    tokens: list[Token], index: int, *, scope: int = NEGATION_SCOPE, in_conditions: bool = False
) -> int | None:
    """Where the negation that governs the token at `index` stands: one of the few words before
    it in the same clause negates ("have not disclosed", "nothing in the code", "exempt from");
    None when none does, or when that word is itself negated ("not banned from"). A negation
    in a condition ("If there's no drainage") states nothing, unless `in_conditions`: set when
    the other side supposes too ("if it was attached" against "if it wasn't attached")."""
    for back in range(index - 1, max(-1, index - 1 - scope), -1):
        token = tokens[back]
        if token.kind is TokenKind.BOUNDARY or (
            token.folded in SCOPE_ENDS and not negates(tokens, back) and not _not_yet(tokens, back)
        ):
            return None
        if negates(tokens, back):
            following = tokens[back + 1].folded if back + 1 < len(tokens) else ""
            if not in_conditions and is_conditional(tokens, back):
                return None
            if _until_after(tokens, index):
                return None
            if (token.folded, following) in _NEGATING_PAIRS:
                return back
            if following in _NOT_NEGATING_AFTER.get(token.folded, set()):
                return None
            # Read alike in a claim and a page: a negation of a negating word stands close.
            if token.folded not in _WORDS_OF_NEGATION and is_negated(
                tokens, back, in_conditions=in_conditions
            ):
                return None
            return back
    return None


def _not_yet(tokens: list[Token], index: int) -> bool:
    """Whether the token at `index` is the "yet" of "not yet" ("have not yet disclosed"), which
    goes on with the negation rather than ending its clause as "yet" does ("slow, yet sure")."""
    return tokens[index].folded == "yet" and index > 0 and negates(tokens, index - 1)


def negates(tokens: list[Token], index: int) -> bool:
    """Whether the token at `index` is a negation here: one of `NEGATIONS`, in its construction
    where it needs one, "yet to" ("has yet to produce any") or "free of"."""
    folded = tokens[index].folded
    after = tokens[index + 1 : index + 1 + _CONSTRUCTION_REACH]
    if folded == "yet":
        return bool(after) and after[0].folded == "to"
    if folded in _NEGATING_BEFORE_FROM:
        return any(token.folded == "from" for token in after)
    if folded == "free":
        # "Free of side effects", "free from disease": none of them ("set free" is no negation).
        return bool(after) and after[0].folded in ("of", "from")
    if folded in _NEGATING_BEFORE_INFINITIVE:
        return (
            len(after) > 1
            and after[0].folded == "to"
            and after[1].kind is TokenKind.WORD
            and after[1].folded not in _NOT_AN_INFINITIVE
        )
    return folded in NEGATIONS


_UNTIL = frozenset({"until", "till", "til"})
_UNTIL_REACH = 10


def _until_after(tokens: list[Token], index: int) -> bool:
    """Whether "until" follows a word in its clause: "didn't start reaching for the stars until
    1984" says when it started, not that it never did. "From tomorrow until further notice" is
    a span the negation holds for."""
    for ahead in range(index + 1, min(len(tokens), index + 1 + _UNTIL_REACH)):
        if tokens[ahead].kind is TokenKind.BOUNDARY or tokens[ahead].folded == "from":
            return False
        if tokens[ahead].folded in _UNTIL:
            return True
    return False


_DENIALS = frozenset(
    """misconception misconceptions myth myths fallacy fallacies falsehood falsehoods untrue false
    incorrect erroneous mistaken debunk debunks debunked debunking dispel dispels dispelled
    refute refutes refuted disprove disproves disproved""".split()
)
"""Words that say what follows them is not so ("One common misconception is that ...", "it is
untrue that ...", "debunked the claim that ...")."""
_BELIEFS = frozenset(
    """believe believes believed belief beliefs think thinks thought assume assumes assumed
    assumption perceive perceived perception notion widely claim claims claimed claiming allege
    alleges alleged allegation allegations rumor rumors rumour rumours""".split()
)
"""Words with which a claim reports what is believed or alleged rather than what is so ("he
claimed that the vote was rigged" is true of a page that calls the claim false)."""
_NEGATED_FRAMES = frozenset("true evidence proof sign indication".split())
"""Words that deny what follows them when negated ("not true that", "no evidence that")."""
DENYING = _DENIALS | _NEGATED_FRAMES | {"not"}
"""Every word that may open a denied clause: a cheap test before `denied_clause`."""
_DENIAL_REACH = 5
"""How many tokens after a denying word its "that" may stand ("misconception, though, is that")."""


def denied_clause(tokens: list[Token], index: int) -> int | None:
    """Where the clause that the token at `index` denies begins, if it denies one: the token
    after the "that" it opens ("One common misconception, though, is that they need constant
    water"), or after "not true that", "no evidence that", "not that"."""
    token = tokens[index]
    following = tokens[index + 1].folded if index + 1 < len(tokens) else ""
    denies = (
        token.folded in _DENIALS
        or (token.folded in _NEGATED_FRAMES and is_negated(tokens, index))
        # "It's not that AI will replace doctors"
        or (token.folded == "not" and following == "that")
    )
    if not denies:
        return None
    for ahead in range(index + 1, min(len(tokens), index + 1 + _DENIAL_REACH)):
        if tokens[ahead].folded == "that":
            return ahead + 1
    return None


def frames_belief(tokens: list[Token]) -> bool:
    """Whether a text reports a belief or a denial itself ("a common misconception is that",
    "many believe that"): then a source that denies the same words does not reverse it."""
    return any(t.folded in _DENIALS or t.folded in _BELIEFS for t in tokens)


_CONDITIONS = frozenset({"if", "unless", "whether"})
_CONDITION_REACH = 3


def is_conditional(tokens: list[Token], index: int) -> bool:
    """Whether a word stands in a condition ("If there's no drainage, ..."): it supposes, it
    does not state."""
    for back in range(index - 1, max(-1, index - 1 - _CONDITION_REACH), -1):
        if tokens[back].kind is TokenKind.BOUNDARY:
            return False
        if tokens[back].folded in _CONDITIONS:
            return True
    return False
