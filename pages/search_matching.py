"""Forgiving phrase matching for search queries: case, punctuation, plurals and small typos.

Used to spot crisis queries ("sucidal", "Depressions!", "cant cope") and synonyms ("PND"). A
query and a phrase are both reduced to tokens: lower case, apostrophes dropped ("can't" is
"cant"), anything else that is not a letter or digit splits words. A phrase matches when its
tokens appear one after another in the query's, each token equal to the query's after removing a
simple plural ending, or, for a phrase word of 7 letters or more, within a small edit distance
(one edit, two from 9 letters; a swap of neighbours is one) that keeps the first letter (misspellings rarely change it, and ordinary words that are one or two edits away from a
crisis word usually do: "expression" is not "depression", "feeding" is not "bleeding").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

_APOSTROPHES = re.compile(r"['’‘`]")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")

# Edit distance allowed for a phrase's word of at least this many letters. Shorter words must
# match exactly (after plurals): "crisps" is not "crisis", "short" is not "shout".
FUZZY_ONE_FROM = 7
FUZZY_TWO_FROM = 9


def tokens(text: str) -> list[str]:
    """Lower-case words without accents or punctuation: "Can't  COPE!" -> ["cant", "cope"]."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_ALNUM.sub(" ", _APOSTROPHES.sub("", plain)).split()


def singular(token: str) -> str:
    """Drop a simple English plural ending: babies -> baby, crises -> crise, samaritans ->
    samaritan; leaves "stress" and short words alone."""
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 4 and token.endswith(("ches", "shes", "sses", "xes")):
        return token[:-2]
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def edit_distance(first: str, second: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours counts once), or limit + 1 as
    soon as it must exceed `limit`."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    before: list[int] | None = None
    previous = list(range(len(second) + 1))
    for i, char in enumerate(first, start=1):
        current = [i] + [0] * len(second)
        for j, other in enumerate(second, start=1):
            cost = 0 if char == other else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (
                before is not None
                and i > 1
                and j > 1
                and char == second[j - 2]
                and first[i - 2] == other
            ):
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def _allowed_edits(phrase_word: str) -> int:
    if len(phrase_word) >= FUZZY_TWO_FROM:
        return 2
    if len(phrase_word) >= FUZZY_ONE_FROM:
        return 1
    return 0


def _alike_at_the_ends(typed: str, word: str) -> bool:
    """Typos keep a word's first letter and usually its last ("emergancy"), or cut the last off
    ("suicid") or swap the last two ("overdoes"); ordinary words near a crisis word often do not
    ("emergence" is not "emergency")."""
    if typed[:1] != word[:1]:
        return False
    typed, word = singular(typed), singular(word)
    return typed[-1] == word[-1] or word.startswith(typed) or typed[-2:] == word[-2:][::-1]


def _forms(token: str) -> set[str]:
    """The word, its singular, and for "-ses" the "-sis" it may come from (crises, crisis)."""
    forms = {token, singular(token)}
    if len(token) > 5 and token.endswith("ses"):
        forms.add(token[:-2] + "is")
    return forms


def token_matches(query_token: str, phrase_token: str) -> bool:
    """Whether a word of the query counts as this word of a phrase."""
    if query_token == phrase_token:
        return True
    query_forms = _forms(query_token)
    phrase_forms = _forms(phrase_token)
    if query_forms & phrase_forms:
        return True
    allowed = _allowed_edits(phrase_token)
    if not allowed or not _alike_at_the_ends(query_token, phrase_token):
        return False
    return any(
        edit_distance(query_form, phrase_form, allowed) <= allowed
        for query_form in query_forms
        for phrase_form in phrase_forms
    )


def contains_phrase(query_tokens: Sequence[str], phrase_tokens: Sequence[str]) -> bool:
    """Whether the phrase's tokens appear one after another among the query's."""
    if not phrase_tokens or len(phrase_tokens) > len(query_tokens):
        return False
    last_start = len(query_tokens) - len(phrase_tokens)
    return any(
        all(
            token_matches(query_tokens[start + offset], word)
            for offset, word in enumerate(phrase_tokens)
        )
        for start in range(last_start + 1)
    )


def matching_phrases(query: str, phrases: Iterable[str]) -> list[str]:
    """The phrases the query contains, in the order given."""
    query_tokens = tokens(query)
    if not query_tokens:
        return []
    return [phrase for phrase in phrases if contains_phrase(query_tokens, tokens(phrase))]
