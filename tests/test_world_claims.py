"""End-to-end claims about the world: every shipped indicator, many countries, both directions.

Each row: the sentence, the article's date, the subject, the verdict. Figures were read from
the shipped data (World Bank WDI, UNHCR) by hand when the row was written.
"""
from __future__ import annotations

import pytest

CASES = [
    # population (WDI SP.POP.TOTL)
    ("Vietnam, a country of 98 million people, is growing fast.", "2021-07-15", "VNM", "supported"),
    ("Pakistan, home to 230 million people, faces floods.", "2022-07-15", "PAK", "approximate"),
    ("France's population reached 68.4 million last year.", "2024-07-15", "FRA", "supported"),
    ("Germany, a nation of 95 million people, votes today.", "2024-07-15", "DEU", "contradicted"),
    ("Nigeria's population of more than 200 million is the largest in Africa.", "2024-07-15", "NGA", "supported"),
    ("Kenya, a country of 80 million people, ...", "2024-07-15", "KEN", "contradicted"),
    ("Indonesia's population stood at about 281 million in 2023.", "2024-07-15", "IDN", "supported"),
    # GDP, current US$
    ("Japan's economy, worth about $4.4 trillion, slipped to fourth place.", "2024-07-15", "JPN", "supported"),
    ("India's GDP passed $3 trillion in 2021.", "2022-07-15", "IND", "supported"),
    ("Mexico's economy is worth $3 trillion.", "2024-07-15", "MEX", "contradicted"),
    ("Turkey's GDP reached $1.1 trillion in 2023.", "2024-07-15", "TUR", "supported"),
    # GDP per capita
    ("Brazil's GDP per capita was about $10,400 in 2023.", "2024-07-15", "BRA", "supported"),
    ("China's GDP per capita reached $25,000 in 2023.", "2024-07-15", "CHN", "contradicted"),
    # growth: both directions
    ("Italy's economy shrank by 8.9 percent in 2020.", "2021-07-15", "ITA", "supported"),
    ("Britain's economy contracted by nearly 10 per cent in 2020.", "2021-07-15", "GBR", "approximate"),
    ("Turkey's economy grew 5% in 2023.", "2024-07-15", "TUR", "supported"),
    ("Russia's GDP shrank by 1.4 percent in 2022.", "2023-07-15", "RUS", "supported"),
    ("Russia's economy grew 3% in 2022.", "2023-07-15", "RUS", "contradicted"),
    ("The Spanish economy grew 2.5% in 2023.", "2024-07-15", "ESP", "supported"),
    # inflation
    ("Inflation in Turkey hit 72.3 percent in 2022.", "2023-07-15", "TUR", "supported"),
    ("Consumer prices in Argentina rose 133.5% on average in 2023.", "2024-07-15", "ARG", "supported"),
    ("Egypt's inflation hit 20% in 2023.", "2024-07-15", "EGY", "contradicted"),
    ("In the United States, inflation reached 8 percent in 2022.", "2023-07-15", "USA", "supported"),
    ("Japan's inflation was 10% in 2023.", "2024-07-15", "JPN", "contradicted"),
    # unemployment
    ("Spain's unemployment rate stood at 12.2% in 2023.", "2024-07-15", "ESP", "supported"),
    ("The US jobless rate fell below 4 percent in 2023.", "2024-07-15", "USA", "supported"),
    ("South Africa's unemployment rate was 25% in 2023.", "2024-07-15", "ZAF", "contradicted"),
    ("Unemployment in Greece stood at 11% in 2023.", "2024-07-15", "GRC", "supported"),
    # exchange rate
    ("Turkey's lira averaged about 33 to the dollar in 2024.", "2025-03-01", "TUR", "supported"),
    ("In Turkey the lira averaged 16 to the dollar in 2022.", "2023-03-01", "TUR", "approximate"),
    ("Egypt's pound averaged 5 to the dollar in 2023.", "2024-03-01", "EGY", "contradicted"),
    # refugees hosted / from / originating
    ("Lebanon hosts about 790,000 refugees.", "2024-07-15", "LBN", "supported"),
    ("Poland hosts some 2 million refugees.", "2024-07-15", "POL", "contradicted"),
    ("Jordan is home to more than 660,000 Syrian refugees.", "2022-07-15", "JOR", "supported"),
    ("Germany has taken in about 600,000 Syrians.", "2021-07-15", "DEU", "supported"),
    ("Lebanon hosts some 865,000 registered Syrian refugees.", "2021-07-15", "LBN", "supported"),
    ("Jordan hosts 1.5 million Syrian refugees.", "2022-07-15", "JOR", "contradicted"),
    ("There are more than 6.5 million Syrian refugees worldwide.", "2023-07-15", "SYR", "supported"),
    ("About 10 million Ukrainian refugees have fled abroad.", "2024-07-15", "UKR", "contradicted"),
    # internally displaced
    ("Syria has 7.2 million internally displaced people.", "2024-07-15", "SYR", "supported"),
    ("Syria has 2 million internally displaced people.", "2024-07-15", "SYR", "contradicted"),
    # a named year is judged against its figure even when that was published after the text
    ("Turkey's economy grew 4.5% in 2023.", "2024-01-15", "TUR", "approximate"),
    # the dated facts: pension (converted at the article's date), wage, Türk-İş lines, displacement
    ("Turkey raised the lowest pension to 14,469 lira ($407) a month on Monday.", "2025-01-20", "TUR", "supported"),
    ("Turkey's minimum pension is now $500 a month.", "2025-01-20", "TUR", "contradicted"),
    ("Turkey's net minimum wage of 22,104 lira took effect in January.", "2025-01-20", "TUR", "supported"),
    ("In Turkey the hunger threshold for a family of four stood at 22,131 lira in January.", "2025-02-05", "TUR", "supported"),
    ("Turkey's poverty line was about 72,000 lira in January.", "2025-02-05", "TUR", "supported"),
    ("More than 900,000 people have fled their homes in Idlib since early December.", "2020-02-20", "SYR", "approximate"),
    ("Some 586,000 people have fled in Idlib since early December.", "2020-02-20", "SYR", "contradicted"),
    # named periods and ambiguous names
    ("Italy's economy shrank by 8.9 percent in the first pandemic year.", "2021-07-15", "ITA", "supported"),
    ("The Congolese economy grew 8% in 2023.", "2024-07-15", None, "unverifiable"),
    # the capital as the government is not a population claim
    ("Ankara said 3 million people had been vaccinated.", "2021-07-15", None, "unverifiable"),
]

COUNTRIES = {c[2] for c in CASES if c[2]}


def test_cases_cover_enough_countries():
    assert len(CASES) >= 40 and len(COUNTRIES) >= 15


@pytest.mark.parametrize("text, as_of, subject, verdict", CASES, ids=[c[0][:40] for c in CASES])
def test_world_claim(text, as_of, subject, verdict, checker):
    report = checker.check_text(text, as_of=as_of)
    got = [(f.verdict.value, f.claim.subject if f.claim else None, f.code, f.message) for f in report.findings]
    assert any(v == verdict and (subject is None or s == subject) for v, s, _, _ in got), got
    if verdict == "unverifiable":
        assert all(v == "unverifiable" for v, *_ in got), got
