"""Generate a synthetic corpus (events x outlets) for benchmarking ``outletdiff corpus``.

Each event has a base story of news-like sentences (names, numbers, dates, quotes with
speakers, attributions); each outlet retells it with paraphrase noise: synonyms swapped,
sentences dropped or added, clauses moved, framing words inserted in its own voice, quotes
trimmed. Sentence lengths follow a news-like spread (about 12 to 35 words). The text is
made up from templates, so it has no copyright and no resemblance to real reporting.

    python benchmarks/make_corpus.py OUT_DIR --events 100 --outlets 2 --sentences 40
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

FIRST = [
    "Helen",
    "Omar",
    "Priya",
    "Tomas",
    "Grace",
    "Viktor",
    "Amara",
    "Jonas",
    "Leila",
    "Samuel",
    "Ines",
    "Karl",
]
LAST = ["Okafor", "Lindqvist", "Mehta", "Vidal", "Brennan", "Novak", "Osei", "Hartmann", "Rahimi", "Cole"]
ROLES = [
    "the transport commissioner",
    "a council spokesperson",
    "the union leader",
    "the chief executive",
    "a local resident",
    "the health minister",
    "an independent engineer",
    "the police chief",
]
PLACES = ["Kessington", "Thornbury", "Kastoria", "Marlow Bay", "Eastfield", "Brackenridge", "Port Aylen"]
ORGS = [
    "the city council",
    "the Health Ministry",
    "Halvorsen Systems",
    "the regional authority",
    "the workers' union",
    "the national regulator",
    "CityLink",
    "the harbour board",
]
NOUNS = [
    "bridge",
    "plan",
    "budget",
    "warehouse",
    "contract",
    "inquiry",
    "festival",
    "factory",
    "report",
    "hospital",
    "road",
    "school",
    "pipeline",
    "agreement",
    "programme",
]
VERBS = [
    ("closed", "shut"),
    ("announced", "unveiled"),
    ("delayed", "postponed"),
    ("cut", "reduced"),
    ("approved", "backed"),
    ("reviewed", "examined"),
    ("cancelled", "scrapped"),
    ("opened", "launched"),
]
SYNONYMS = {
    "said": "stated",
    "people": "residents",
    "about": "around",
    "because": "since",
    "started": "began",
    "large": "big",
    "expected": "set",
    "officials": "authorities",
    "quickly": "rapidly",
    "also": "additionally",
}
FRAMING = [
    "shocking",
    "chaotic",
    "so-called",
    "massive",
    "bungling",
    "controversial",
    "disastrous",
    "slammed",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "last week", "on Sunday night"]
FILLER = [
    "and officials said more details would follow in the coming days",
    "according to figures published by the authority",
    "which people in the area had expected for some time",
    "after a meeting that lasted about three hours",
    "while critics said the decision came too late for many families",
    "as the work was expected to take several more weeks",
]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _sentence(rng: random.Random) -> str:
    """One news-like sentence from a template, lengthened with clauses to a realistic size."""
    verb = rng.choice(VERBS)[0]
    templates = [
        f"{rng.choice(ORGS).capitalize()} {verb} the {rng.choice(NOUNS)} in {rng.choice(PLACES)} "
        f"{rng.choice(DAYS)}, affecting {rng.randint(2, 90) * 1000:,} people",
        f"{_person(rng)}, {rng.choice(ROLES)}, said the {rng.choice(NOUNS)} would cost "
        f"{rng.randint(2, 40)}.{rng.randint(1, 9)} million pounds",
        f"“The {rng.choice(NOUNS)} has to come first for everyone in {rng.choice(PLACES)},” "
        f"said {_person(rng)}",
        f"The {rng.choice(NOUNS)} was first {verb} in {rng.randint(1990, 2023)} and has been "
        f"reviewed {rng.randint(2, 9)} times since then",
        f"According to {rng.choice(ORGS)}, at least {rng.randint(3, 400)} workers were told about "
        f"the {rng.choice(NOUNS)} on {rng.choice(DAYS)}",
        f"{rng.choice(ORGS).capitalize()} said it had {verb} the {rng.choice(NOUNS)} because of "
        f"concerns raised by {rng.choice(ROLES)}",
    ]
    text = rng.choice(templates)
    while len(text.split()) < rng.gauss(22, 7):
        text += ", " + rng.choice(FILLER)
    return text + "."


def _paraphrase(sentence: str, rng: random.Random, *, framing: float) -> str:
    """Swap synonyms, trim a clause, and sometimes add a framing word in the outlet's voice."""
    words = sentence.split(" ")
    words = [SYNONYMS.get(w, w) if rng.random() < 0.5 else w for w in words]
    text = " ".join(words)
    if ", " in text and rng.random() < 0.2:
        text = text.rsplit(", ", 1)[0] + "."
    if rng.random() < framing:
        position = rng.randrange(1, max(2, len(words) // 2))
        parts = text.split(" ")
        parts.insert(position, rng.choice(FRAMING))
        text = " ".join(parts)
    return text


def make_event(event: int, *, outlets: int, sentences: int, seed: int) -> dict[str, str]:
    """The articles of one event, keyed by outlet file name."""
    rng = random.Random(seed * 1_000_003 + event)
    place = rng.choice(PLACES)
    base = [_sentence(rng) for _ in range(sentences)]
    articles = {}
    for outlet in range(outlets):
        orng = random.Random(seed * 7919 + event * 31 + outlet)
        framing = 0.05 + 0.25 * (outlet % 3) / 2
        body = []
        for sentence in base:
            roll = orng.random()
            if roll < 0.1:
                continue  # dropped by this outlet
            body.append(sentence if roll < 0.35 else _paraphrase(sentence, orng, framing=framing))
            if orng.random() < 0.08:
                body.append(_sentence(orng))  # only this outlet has it
        if len(body) > 4 and orng.random() < 0.5:
            i = orng.randrange(len(body) - 1)
            body[i], body[i + 1] = body[i + 1], body[i]
        name = f"Outlet {chr(65 + outlet)}"
        paragraphs = "\n\n".join(" ".join(body[i : i + 3]) for i in range(0, len(body), 3))
        articles[f"outlet-{chr(97 + outlet)}.txt"] = (
            f"---\noutlet: {name}\ndate: 2025-03-{1 + event % 28:02d}\n"
            f"title: Event {event} in {place}\n---\n"
            f"Event {event}: what happened in {place}\n\n{paragraphs}\n"
        )
    return articles


def write_corpus(out: Path, *, events: int, outlets: int = 2, sentences: int = 40, seed: int = 1) -> Path:
    """Write ``events`` event folders under ``out`` (existing files are overwritten)."""
    for event in range(events):
        folder = out / f"event-{event:06d}"
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in make_event(event, outlets=outlets, sentences=sentences, seed=seed).items():
            (folder / name).write_text(text, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--events", type=int, default=100)
    parser.add_argument("--outlets", type=int, default=2)
    parser.add_argument("--sentences", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_corpus(args.out, events=args.events, outlets=args.outlets, sentences=args.sentences, seed=args.seed)
    print(f"wrote {args.events} events x {args.outlets} outlets to {args.out}")


if __name__ == "__main__":
    main()
