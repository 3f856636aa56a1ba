"""Inputs of the CLI fuzz run (tests/robustness/test_fuzz_cli.py, SECURITY.md "Deeper fuzzing"):
random byte strings, and random newsy sentences built from number, unit, qualifier and time
fragments, from a seeded random generator (the same seed gives the same inputs)."""
from __future__ import annotations

import random

NUMBERS = [
    "3.7", "12", "1,234", "1,234,567", "0.5", "45", "100", "2019", "1.2", "7,500", "99.9", "250,000", "three",
    "nine", "twelve", "forty-five", "two hundred and forty-five thousand", "a third", "half", "a dozen", "½",
    "3/4", "2 1/2", "1e6", "1e308", "9" * 40, "-5", "12-15", "1.234,5", "\u0663\u066b\u0667",
    "\uff13\uff0e\uff17", "\u0967\u0968", "3\u200b.7", "1\u00a0000", "10\u202f000", "0", "00", "007", ".5",
]
SCALES = ["", "", " million", " billion", " thousand", "bn", "m", "k", " trillion", " crore", " lakh", " mn"]
UNITS = ["", "", "%", " percent", " per cent", " percentage points", " tonnes", " km", " barrels a day", " kg",
         " mph", " degrees Celsius", " people", " refugees", " troops", " years", " dollars", " euros", " liras",
         " a year", " a day", " per capita"]
CURRENCIES = ["", "", "", "$", "€", "£", "₺", "¥", "US$", "USD ", "EUR ", "TL "]
QUALIFIERS = ["", "", "about ", "more than ", "nearly ", "at least ", "up to ", "fewer than ", "some ", "roughly ",
              "an estimated ", "almost ", "over ", "just under ", "as many as "]
SUBJECTS = ["Turkey", "Syria", "Germany", "Kenya", "Brazil", "India", "Japan", "The United States", "The ministry",
            "The central bank", "Officials", "The UN", "Türkiye", "The European Union", "Idlib"]
VERBS = ["hosts", "said GDP grew", "said inflation rose to", "said unemployment fell by", "exported",
         "has taken in", "spent", "reported", "counted", "said the population was", "said the deficit widened to",
         "said growth slowed to", "lost", "recorded", "estimated"]
NOUNS = ["", "", " Syrian refugees", " people", " of GDP", " in revenue", " jobs", " barrels", " tonnes of wheat",
         " deaths", " soldiers", " homes", " children", " migrants"]
TIMES = ["", "", " in 2019", " last year", " since 2011", " in the first quarter", " on Feb. 20, 2020", " by 2030",
         " this month", " a year earlier", " between 2015 and 2020", " in March", " from 2010 to 2020",
         " over the past decade", " in 2024-25", " on 3 March 2024"]
BETWEEN = [" and ", " to ", "-", " or ", ", up from ", ", down from ", " compared with "]
HOSTILE = ["\u200b", "\u200f", "\u202a", "\u2066", "\u00ad", "\ufeff", "\u0301", "\u00a0", "😀", "<b>", "</p>", "&amp;",
           "`", "*", "|", "> ", "- ", "# ", "\t", "\r\n", "«", "»", "“", "”", "…", "—", "\x0b", "\\"]


def _figure(rng: random.Random) -> str:
    return (rng.choice(QUALIFIERS) + rng.choice(CURRENCIES) + rng.choice(NUMBERS) + rng.choice(SCALES)
            + rng.choice(UNITS))


def sentence(rng: random.Random) -> str:
    """One newsy sentence: a subject, a verb, one or two figures, what they count, a time."""
    fig = _figure(rng)
    if rng.random() < 0.3:
        fig += rng.choice(BETWEEN) + _figure(rng)
    s = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {fig}{rng.choice(NOUNS)}{rng.choice(TIMES)}."
    if rng.random() < 0.15:  # a hostile character somewhere
        i = rng.randrange(len(s) + 1)
        s = s[:i] + rng.choice(HOSTILE) + s[i:]
    return s


def random_bytes(rng: random.Random) -> bytes:
    """Bytes of several kinds: uniform noise, noise with a UTF-8 BOM or an HTML/Markdown/zip head,
    random Unicode text as UTF-8, and a sentence with bytes flipped."""
    kind = rng.randrange(5)
    n = rng.randrange(0, 400)
    if kind == 0:
        return rng.randbytes(n)
    if kind == 1:
        return rng.choice([b"\xef\xbb\xbf", b"<html><p>", b"---\ndate: ", b"PK\x03\x04", b"\xff\xfe", b"# "]) + rng.randbytes(n)
    if kind == 2:
        return "".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0xA0, 0x2FFF), rng.randrange(0x10000, 0x1FFFF)]))
                       for _ in range(n)).encode("utf-8", "surrogatepass")
    if kind == 3:
        return "".join(rng.choice(HOSTILE + NUMBERS + [" ", ".", "\n"]) for _ in range(n // 4)).encode("utf-8")
    data = bytearray(sentence(rng).encode("utf-8"))
    for _ in range(rng.randrange(1, 4)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def inputs(seed: int, n_bytes: int, n_sentences: int) -> tuple[list[bytes], list[str]]:
    rng = random.Random(seed)
    return [random_bytes(rng) for _ in range(n_bytes)], [sentence(rng) for _ in range(n_sentences)]
