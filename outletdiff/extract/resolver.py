"""Resolve a mention to the person or body it names: "he", "Peskov" and "the Kremlin spokesman"
become "Dmitry Peskov", so one speaker has one name across an article.

A :class:`Resolver` is per document: it learns the full names, roles and organisations the
whole text names, then resolves mentions in reading order, remembering whom each resolved to.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import TypeVar

from .mentions import (
    _DETERMINERS,
    _HONORIFICS,
    _PARTICLES,
    _PRONOUNS,
    _STOP,
    Mention,
    MentionKind,
    Token,
    _bare,
    _trailing_name,
    is_initial,
    tokenize,
)
from .outlets import find_outlet
from .roles import RoleBook, apposed_roles, canonical_role, held_role
from .wordlists import word_list

_Entry = TypeVar("_Entry", tuple[int, str], tuple[int, str, frozenset[str]])


@cache
def _organisation_words() -> frozenset[str]:
    """Words that make a capitalised run an organisation ("Ministry", "Corp")."""
    return word_list("institutions") | word_list("company_words")


@cache
def _not_in_names() -> frozenset[str]:
    """Words that keep a capitalised run from being learned as a person's full name."""
    return _organisation_words() | _STOP | _DETERMINERS | word_list("roles") | word_list("calendar_words")


@lru_cache(maxsize=16)
def _learned_names(text: str) -> Resolver:
    """The names, roles and entities read from a whole text, shared (never mutated) by the
    resolvers ``Resolver.for_text`` hands out. Bounded: one event's documents at a time."""
    return Resolver._learn(text)


@dataclass
class Resolver:
    """Per-document memory that turns pronouns, surnames and descriptions into full names.

    ``full_names`` is read from the whole text first, so a bare "Peskov" resolves even when
    his first mention is a role phrase the frame finder did not take as a speaker. ``persons``
    and ``organisations`` list every named entity in reading order, so a description ("the
    despot", "the company") resolves to the nearest compatible name before it, the way a
    reader does, without a parser. ``roles`` is this text's role -> name table; ``book`` holds
    the other compared documents' (``doc`` is this one), and ``borrowed`` remembers each name
    taken from it with the document that gave it. ``topics`` are persons opening a sentence as
    its subject, and ``spoken_at`` where the last mention resolved, for "he" and "she".
    """

    full_names: list[tuple[int, str]] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)
    history: list[tuple[str, MentionKind]] = field(default_factory=list)
    persons: list[tuple[int, str]] = field(default_factory=list)
    organisations: list[tuple[int, str, frozenset[str]]] = field(default_factory=list)
    held_roles: dict[str, set[str]] = field(default_factory=dict)
    by_surname: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)
    doc: int = 0
    book: RoleBook = field(default_factory=RoleBook)
    borrowed: dict[str, int] = field(default_factory=dict)
    topics: list[tuple[int, str]] = field(default_factory=list)
    spoken_at: int = -1

    @classmethod
    def for_text(cls, text: str, *, doc: int = 0, book: RoleBook | None = None) -> Resolver:
        """A fresh resolver for ``text``: its own memory of what it resolves, over names learned once.

        Quotes and sources each resolve a document in reading order, so each needs its own
        memory; the names read from the whole text are the same for both and are learned once.
        ``book`` holds who the event's other documents (``doc`` is this one's index) name in
        which role, for descriptions this text leaves unnamed.
        """
        learned = _learned_names(text)
        return replace(
            learned,
            roles=dict(learned.roles),
            held_roles={name: set(words) for name, words in learned.held_roles.items()},
            history=list(learned.history),
            doc=doc,
            book=book or RoleBook(),
            borrowed={},
            topics=[],
        )

    @classmethod
    def _learn(cls, text: str) -> Resolver:
        resolver = cls()
        runs: list[list[Token]] = []
        run: list[Token] = []
        titled: list[tuple[int, str, str]] = []  # (where, surname, role): "President Obama"
        tokens = [*tokenize(text, 0, len(text)), Token(",", len(text), len(text), ",", False, False)]
        for index, token in enumerate(tokens):
            same_line = not run or "\n" not in text[run[-1].end : token.start]
            if (
                token.is_word
                and same_line
                and (token.is_capital or (run and (token.lower in _PARTICLES or token.lower == "of")))
            ) or (
                token.text == "."
                and run
                and (is_initial(run[-1]) or run[-1].lower in _HONORIFICS)  # "Vladimir V. Putin", "Rep. Grimm"
                and same_line
            ):
                run.append(token)
                continue
            if run:
                before = tokens[max(0, index - len(run) - 3) : index - len(run)]
                while before and not all(t.is_word for t in before):
                    before = before[1:]  # role words only from the same phrase
                resolver._learn_run(text, run, [t.lower for t in before], titled)
                runs.append(run)
            run = []
        for at, full in resolver.full_names:
            resolver.by_surname.setdefault(full.split()[-1], []).append((at, full))
        for at, surname, role in titled:
            resolver._hold(role, resolver.full_name(surname, at))
        surnames = set(resolver.by_surname)
        starts = {at for at, _ in resolver.full_names}
        for run in runs:
            resolver._index_run(text, run, surnames, starts)
        resolver.genders = _genders(text, resolver.persons)
        return resolver

    def _learn_run(
        self, text: str, run: list[Token], before: list[str], titled: list[tuple[int, str, str]]
    ) -> None:
        """Learn a full name, and the role written just before it ("spokesman Dmitry Peskov").

        A title before a surname alone ("President Obama") is kept in ``titled`` until the
        full names are known.
        """
        name = _trailing_name(run)
        role = held_role([*before, *(t.lower for t in run[: len(run) - len(name)])])
        if len(name) == 1 and role and len(run) > 1 and name[0].lower not in _not_in_names():
            titled.append((name[0].start, _bare(name[0].text), role))
        if not 2 <= len(name) <= 4:
            return
        lowered = {token.lower for token in name}
        if lowered & _not_in_names():
            return
        full = text[name[0].start : name[-1].end]
        if find_outlet(full, 0, len(full)) is not None:
            return
        self.full_names.append((name[0].start, full))
        if role:
            self._hold(role, full)

    def _hold(self, role: str, name: str) -> None:
        """Record that ``name`` holds ``role``; the first holder the text names keeps the role."""
        self.roles.setdefault(role, name)
        self.held_roles.setdefault(name, set()).add(role)

    def _index_run(self, text: str, run: list[Token], surnames: set[str], starts: set[int]) -> None:
        """Record where a person or an organisation is named, for resolving descriptions."""
        name = _trailing_name(run)
        bare = _bare(run[-1].text)
        if name and name[0].start in starts:
            self._person(text, name, text[name[0].start : name[-1].end])
            return
        if len(run) == 1 and bare in surnames:
            self._person(text, run, self.full_name(bare, run[-1].start))
            return
        lowered = {_bare(token.text).lower() for token in run}
        organisation = lowered & _organisation_words()
        while run and (run[0].lower in _DETERMINERS or run[0].lower in _STOP):
            run = run[1:]
        if organisation and run and find_outlet(text, run[0].start, run[-1].end) is None:
            name_text = text[run[0].start : run[-1].start + len(_bare(run[-1].text))]
            self.organisations.append((run[0].start, name_text, frozenset(organisation)))
        elif run and _bare(run[-1].text) in surnames:
            self._person(text, run[-1:], self.full_name(_bare(run[-1].text), run[-1].start))
        elif len(name) == 1 and not organisation and name[0].lower not in _not_in_names():
            for role in apposed_roles(text, name[0].start, name[0].end):  # "Obama, the president,"
                self._hold(role, name[0].text)

    def _person(self, text: str, name: list[Token], full: str) -> None:
        """Record where a person is named, and a role set beside the name ("Obama, the president,")."""
        self.persons.append((name[0].start, full))
        for role in apposed_roles(text, name[0].start, name[-1].end):
            self._hold(role, full)

    def full_name(self, name: str, position: int) -> str:
        """The earlier full name whose last word is ``name`` (or anywhere, failing that)."""
        parts = name.split()
        if len(parts) != 1:
            return name
        candidates = self.by_surname.get(name, [])
        earlier = [full for at, full in candidates if at < position]
        if earlier:
            return earlier[-1]
        return candidates[0][1] if candidates else name

    def resolve(self, mention: Mention) -> tuple[str, MentionKind] | None:
        """The resolved (name, kind) of a mention, remembering it for later pronouns."""
        if mention.kind == "pronoun":
            answer = (
                self._topic(mention)
                or self._last_speaker(mention)
                or self._gendered(mention)
                or self._pronoun(mention.name)
                or self._nearest_person(mention)
            )
            if answer is not None:
                self.history.append(answer)
                self.spoken_at = mention.start
            return answer
        resolved: tuple[str, MentionKind]
        if mention.kind == "person":
            resolved = (self.full_name(mention.name, mention.start), mention.kind)
            role = held_role((mention.role or "").split())
            if role:
                self.roles[role] = resolved[0]  # the latest holder named: "the senator" is the last "Sen. X"
                self.held_roles.setdefault(resolved[0], set()).add(role)
        elif mention.kind == "anonymous":
            holder = self._role_holder(mention) or self._described_person(mention) or self._borrowed(mention)
            earlier = self._earlier_group(mention)
            if holder:
                resolved = (holder, "person")
            elif earlier:
                return earlier, "anonymous"
            else:
                resolved = (mention.name, mention.kind)
        elif mention.kind == "institution":
            resolved = (self._described_organisation(mention) or mention.name, mention.kind)
        else:
            resolved = (mention.name, mention.kind)
        if mention.kind != "report":
            self.history.append(resolved)
            self.spoken_at = mention.start
        return resolved

    def person_at(self, start: int, end: int) -> str | None:
        """The full name of the person named within ``[start, end)``, if the text names one there."""
        index = bisect.bisect_left(self.persons, (start,))
        if index < len(self.persons) and self.persons[index][0] < end:
            return self.persons[index][1]
        return None

    def note_topic(self, at: int, name: str) -> None:
        """Remember a person who opens a sentence as its subject ("Netanyahu also appeared ...")."""
        self.topics.append((at, name))

    def _topic(self, mention: Mention) -> tuple[str, MentionKind] | None:
        """ "... Netanyahu also appeared on NBC. “...,” he said": the subject of a sentence since
        the last speaker is what a "he" continues, before the last speaker, if the gender agrees."""
        want = _PRONOUN_GENDER.get(mention.name)
        if want is None:
            return None
        for at, name in reversed(self.topics):
            if at <= self.spoken_at or mention.start - at > _TOPIC_REACH:
                break
            if at < mention.start and self.genders.get(name, want) == want:
                return name, "person"
        return None

    def _role_holder(self, mention: Mention) -> str | None:
        """ "The president": the person this text names in that role ("President Barack Obama")."""
        words = mention.text.lower().split()
        if not words or words[0] not in ("the", "this"):
            return None
        return self.roles.get(canonical_role(words[-1]))

    def _borrowed(self, mention: Mention) -> str | None:
        """ "The president", unnamed here: the person another outlet's article names in that role.

        The name is remembered in ``borrowed`` with the document that gave it, so a quote can
        say its speaker was named elsewhere.
        """
        head = _description_head(mention.text)
        found = self.book.holder(head, doc=self.doc) if head and not _plural(head) else None
        if found is None:
            return None
        name, doc = found
        name = self.full_name(name, mention.start)  # "Obama" as this text writes him in full
        self.borrowed[name] = doc
        return name

    def _described_person(self, mention: Mention) -> str | None:
        """ "The despot", "the Russian leader": the nearest person named before, if compatible.

        A person known to hold another role ("Kremlin spokesman Dmitry Peskov") is not "the
        president"; an office ("the mayor") goes only to someone given that title; plural
        descriptions ("the officials") are groups, never one person.
        """
        head = _description_head(mention.text)
        if head is None or head not in word_list("roles") or _plural(head):
            return None
        office = head in word_list("offices")  # "the mayor" is whoever was called mayor
        for _, name in self._before(self.persons, mention.start):
            held = self.held_roles.get(name)
            if (held and canonical_role(head) in held) or (not office and not held):
                return name
        return None

    def _last_speaker(self, mention: Mention) -> tuple[str, MentionKind] | None:
        """ "Peskov said ... Putin ... He said": the last named speaker, when the gender agrees.

        The last speaker is the most salient person in news prose, more than a name inside
        what they said; one whose gender disagrees ("she" after a man) is passed over.
        """
        want = _PRONOUN_GENDER.get(mention.name)
        if want is None:
            return None
        for name, kind in reversed(self.history[-6:]):
            if kind == "person":
                return (name, kind) if self.genders.get(name, want) == want else None
            if kind == "anonymous" and not _plural(name.split()[-1]):
                return None  # "a spokesperson ... she said": the unnamed speaker, decided later
        return None

    def _gendered(self, mention: Mention) -> tuple[str, MentionKind] | None:
        """ "He"/"she": the nearest person named shortly before whose gender agrees.

        A reader takes the last person named who can be "she", not the last speaker: "Health
        Minister Ana Ruiz visited the site. ... she said" is Ruiz even when a brigade spoke
        before. A person whose gender the text never tells agrees with either pronoun, but
        only the nearest one is taken then, so an unknown name never jumps a known one.
        """
        want = _PRONOUN_GENDER.get(mention.name)
        if want is None:
            return None
        for at, name in self._before(self.persons, mention.start, limit=8):
            if mention.start - at > _PRONOUN_REACH:
                break
            gender = self.genders.get(name)
            if gender == want:
                return name, "person"
            if gender is None:
                return None
        return None

    def _nearest_person(self, mention: Mention) -> tuple[str, MentionKind] | None:
        """ "He"/"she" with no earlier speaker: the nearest person named before it."""
        if _PRONOUNS.get(mention.name) != "person" or mention.name == "i":
            return None
        for _, name in self._before(self.persons, mention.start, limit=1):
            return name, "person"
        return None

    def _described_organisation(self, mention: Mention) -> str | None:
        """ "The company", "the ministry": the nearest organisation of that kind named before."""
        head = _description_head(mention.text)
        if head is None:
            return None
        if head in word_list("company_nouns"):
            wanted = word_list("company_words")
        elif head in word_list("institutions"):
            wanted = frozenset([head])
        else:
            return None
        for _, name, words in self._before(self.organisations, mention.start):
            if words & wanted:
                return name
        for name, kind in reversed(self.history[-6:]):
            if (
                kind == "institution"
                and name.lower().split()[-1] == head
                and name.lower() != mention.text.lower()
            ):
                return name  # "the regional fire brigade ... the brigade said"
        return None

    @staticmethod
    def _before(entries: list[_Entry], position: int, *, limit: int = 6) -> list[_Entry]:
        """Up to ``limit`` entries named before ``position`` within reach, nearest first."""
        index = bisect.bisect_left(entries, (position,))
        chosen = [entry for entry in entries[max(0, index - limit) : index] if position - entry[0] <= _REACH]
        return chosen[::-1]

    def _earlier_group(self, mention: Mention) -> str | None:
        """ "The sources" / "the insiders": the unnamed source introduced just before."""
        words = mention.text.lower().split()
        if (
            len(words) < 2
            or words[0] not in ("the", "these", "those")
            or words[-1] not in word_list("anonymous")
        ):
            return None
        for name, kind in reversed(self.history[-6:]):
            if kind == "anonymous" and name.lower() != mention.text.lower():
                return name
        return None

    def _pronoun(self, pronoun: str) -> tuple[str, MentionKind] | None:
        want = _PRONOUNS.get(pronoun)
        for name, kind in reversed(self.history[-6:]):
            if want == "person" and kind == "person":
                return name, kind
            if want == "person" and kind == "anonymous" and not name.lower().endswith("s"):
                return name, kind  # "a Halvorsen spokesperson ... he called"
            if want == "group" and kind in ("anonymous", "institution", "person"):
                return name, kind
            if want == "thing" and kind in ("outlet", "institution"):
                return name, kind
        return None

    def note(self, name: str, kind: MentionKind) -> None:
        """Remember a speaker found another way (a quote continuing the previous one)."""
        self.history.append((name, kind))


_REACH = 2500  # characters a description may reach back for its name
_PRONOUN_REACH = 600  # characters "he"/"she" may reach back for a named person
_TOPIC_REACH = 400  # characters "he"/"she" may reach back for a sentence's subject
_PRONOUN_GENDER = {"he": "m", "she": "f", "him": "m", "her": "f", "his": "m", "hers": "f"}
_GENDER_PRONOUN = re.compile(r"\b(?:(he|him|his|himself)|(she|her|hers|herself))\b", re.IGNORECASE)


@cache
def _gendered_words() -> dict[str, str]:
    """Title and kin words that tell a gender, from ``data/gendered_words.txt`` ("word m")."""
    return dict(entry.split() for entry in word_list("gendered_words"))


@cache
def _first_names() -> dict[str, str]:
    """Given names that tell a gender, from ``data/first_names.txt`` ("name f")."""
    return dict(entry.split() for entry in word_list("first_names"))


def _genders(text: str, persons: list[tuple[int, str]]) -> dict[str, str]:
    """Each named person's gender as the text tells it: "m", "f", or absent when unknown.

    Three signals, voted over every mention of the name: a common given name ("Meredith"), a
    gendered word just before it ("Mr.", "spokeswoman"), and the first gendered pronoun after it
    before the next person is named ("Ana Ruiz visited the site. ... she said"). A name the
    votes split on stays unknown.
    """
    votes: dict[str, list[int]] = {}
    words = _gendered_words()
    for number, (at, name) in enumerate(persons):
        if name not in votes:
            given = _first_names().get(name.split()[0].lower()) if " " in name else None
            votes[name] = [2 * (given == "m"), 2 * (given == "f")]
        tally = votes[name]
        before = re.findall(r"[A-Za-z]+", text[max(0, at - 30) : at])
        for word in before[-2:]:
            gender = words.get(word.lower())
            if gender:
                tally[gender == "f"] += 2
        limit = persons[number + 1][0] if number + 1 < len(persons) else len(text)
        match = _GENDER_PRONOUN.search(text, at + len(name), min(limit, at + len(name) + 300))
        if match:
            tally[match.group(2) is not None] += 1
    return {name: ("m" if m > f else "f") for name, (m, f) in votes.items() if m != f}


def _plural(word: str) -> bool:
    return word.endswith(("s", "men", "people")) and not word.endswith(("ss", "us"))


def _description_head(text: str) -> str | None:
    """The head noun of a definite description ("the Oslo-based software company" -> company).

    None unless the phrase opens with "the"/"this"/"that" and its head is lower case: "The
    Velvet Arcade" is a name, not a description.
    """
    words = text.split()
    if len(words) < 2 or words[0].lower() not in ("the", "this", "that") or not words[-1].islower():
        return None
    return words[-1]


def role_table(text: str) -> dict[str, str]:
    """Role -> full name as ``text`` names them ("President Barack Obama", "Obama, the
    president,"), for merging over an event's documents into a :class:`RoleBook`."""
    return dict(_learned_names(text).roles)
