"""Verdicts a desk can trust: a claim is judged only when subject, measure, period, modality and
scope are settled; otherwise it is unverifiable and the finding says which part failed, in words
an editor understands. Each case is one of the false alarms seen on real copy, rewritten in our
own words (other countries, other years)."""
from __future__ import annotations

import pytest


def finding(checker, text: str, as_of: str, figure: str):
    report = checker.check_text(text, as_of=as_of)
    got = [f for f in report.findings if f.quantity.text == figure]
    assert got, [(f.quantity.text, f.verdict.value, f.message) for f in report.findings]
    return got[0]


@pytest.mark.parametrize("text, as_of, figure, words", [
    # a quarterly growth rate is not the year's
    ("Statistics Norway said gross domestic product grew a modest 0.3 pct in the quarter.", "1999-03-02",
     "0.3 pct", "quarterly"),
    ("Chile's economy expanded at an annual 2.1 pct rate in the third quarter.", "1999-11-02", "2.1 pct", "annualised"),
    # a month's price change is not the year's inflation
    ("Sweden's consumer price index fell 0.3 pct to 101.2 in January from December.", "1999-02-20", "0.3 pct",
     "monthly"),
    ("DANISH MAY CONSUMER PRICES RISE 0.2 PCT", "1999-06-10", "0.2 PCT", "monthly"),
    ("In the first two months of the year, inflation in Peru was 2.8 pct.", "1999-03-05", "2.8 pct", "part of a year"),
    # forecasts, assumptions, targets, hypotheticals
    ("Assuming a rate of 1.45 Swiss francs to the dollar this year, the report forecast a 2.5 pct rise in exports.",
     "1999-02-26", "1.45 Swiss francs", "assumption"),
    ("SPANISH 2000 GDP GROWTH FORECAST AT 3.4 PCT", "1999-05-10", "3.4 PCT", "forecast"),
    ("A one-point cut in mortgage rates would reduce inflation in Britain by about 0.4 pct.", "1999-03-01",
     "about 0.4 pct", "hypothetical"),
    ("The central bank expects Thailand's economy to grow 4 pct next year.", "1999-06-01", "4 pct", "forecast"),
    # a group of countries or a region is not a country
    ("OECD JANUARY ANNUAL INFLATION STEADY AT 1.3 PCT", "1999-03-02", "1.3 PCT", "OECD"),
    ("Latin America cannot reach 5 pct GDP growth while its debts are this high, the minister said.",
     "1999-03-02", "5 pct", "not one country"),
    # a sector, a component, a region inside a country
    ("Greece's manufacturing output rose 2.2 pct in 1998.", "1999-06-01", "2.2 pct", "manufacturing output"),
    ("Greece's GDP in manufacturing rose 2.2 pct in 1998.", "1999-06-01", "2.2 pct", "sector"),
    ("Food price inflation in Kenya reached 12 pct in 1998.", "1999-06-01", "12 pct", "one kind of price"),
    ("The cost of living in Bavaria fell 0.1 pct in 1998, the state statistics office said.", "1999-03-01",
     "0.1 pct", "Bavaria"),
    ("Female unemployment in Italy stood at 10 pct in 1998.", "1999-06-01", "10 pct", "part of the population"),
    # another measure than the reference's
    ("Japan's gross national product grew 1.2 pct in 1998.", "1999-06-01", "1.2 pct", "gross national product"),
    ("At current prices, Kenya's GDP rose 11 pct in 1998.", "1999-06-01", "11 pct", "current prices"),
])
def test_an_unsettled_part_makes_the_claim_unverifiable_and_says_why(checker, text, as_of, figure, words):
    f = finding(checker, text, as_of, figure)
    assert f.verdict.value == "unverifiable", f.message
    assert words.lower() in f.message.lower(), f.message


def test_a_figure_is_read_with_its_sign(checker):
    # WDI: Singapore 1985 -0.62%; a fall of 0.6% supports it, a rise of 0.6% would not
    f = finding(checker, "Singapore's economy grew 1.3 pct last year, after shrinking 0.6 pct in 1985.", "1987-03-25",
                "0.6 pct")
    assert f.verdict.value == "supported" and f.claim.quantity.value < 0, f.message


def test_the_time_of_the_figures_own_clause_dates_it(checker):
    # Hungary 1984 growth 2.66%: the 2.7 pct is for 1984, not the 1986 of the same sentence
    f = finding(checker, "Hungary's GDP grew 1.5 pct in 1986 after growing 2.7 pct in 1984.", "1987-03-27", "2.7 pct")
    assert f.claim.period.label == "1984" and f.verdict.value == "supported", f.message


def test_the_previous_year_is_the_year_before_the_sentences_own(checker):
    f = finding(checker, "Chile's gross domestic product rose 5.4 pct last year, compared with a 3.5 pct rise in the "
                         "previous year.", "1987-03-06", "3.5 pct")
    assert f.claim.period.label == "1985", f.claim.period


def test_a_base_year_of_a_comparison_is_not_the_figures_year(checker):
    f = finding(checker, "A report on Italy's economy in 1986 showed gross domestic product 2.9 pct higher in real terms "
                         "than in 1985.", "1987-03-26", "2.9 pct")
    assert f.claim.period.label == "1986", f.claim.period


def test_gdp_is_not_judged_as_gdp_per_capita(checker):
    report = checker.check_text("Turkey's GDP was $906 billion in 2022, and GDP per capita about $10,600.", as_of="2023-09-01")
    by = {f.quantity.text: f for f in report.findings}
    assert by["$906 billion"].rule == "metrics.gdp_usd", by["$906 billion"].message
    assert by["about $10,600"].rule == "metrics.gdp_per_capita", by["about $10,600"].message
    assert by["about $10,600"].claim.period.label == "2022"


def test_a_named_year_published_after_the_text_is_judged_and_said_so(checker):
    f = finding(checker, "Turkey's economy grew 4.5% in 2023.", "2024-01-15", "4.5%")
    assert f.verdict.value == "approximate" and "after the text's date" in f.message, f.message


def test_an_old_first_estimate_within_the_usual_revision_is_approximate_since_revised(checker):
    # WDI: Canada 1986 real GDP growth 2.12%; a 1987 text said 3.0%
    f = finding(checker, "Canada's gross domestic product rose 3.0 pct in 1986.", "1987-03-03", "3.0 pct")
    assert f.verdict.value == "approximate" and "since revised" in f.message, f.message


def test_an_undated_figure_compared_with_a_dated_one_speaks_of_a_later_period(checker):
    f = finding(checker, "Turkey's economy grew by nearly eight pct, up from 5.1 pct in 1985.", "1987-03-04",
                "nearly eight pct")
    assert f.verdict.value == "unverifiable", f.message


def test_a_proper_name_the_data_does_not_know_is_not_the_documents_country(checker):
    text = ("WASHINGTON - U.S. officials said on Tuesday that U.S. growth was slow. The U.S. budget is large. "
            "They said the Soviet economy grew by 4.1 pct in 1986.")
    f = finding(checker, text, "1987-03-26", "4.1 pct")
    assert f.verdict.value == "unverifiable", f.message


def test_a_forecast_sentence_still_reports_the_past_year_it_compares_with(checker):
    # France 1986 CPI inflation (WDI) 2.54%
    f = finding(checker, "In annual average terms inflation in France will fall to two pct next year from 2.6 pct this "
                         "year and 2.5 pct last year.", "1987-03-23", "2.5 pct")
    assert f.verdict.value == "supported", f.message
    g = finding(checker, "In annual average terms inflation in France will fall to two pct next year from 2.6 pct this "
                         "year and 2.5 pct last year.", "1987-03-23", "2.6 pct")
    assert g.verdict.value == "unverifiable", g.message


def test_a_level_compared_with_keeps_its_sign(checker):
    # "down from 29.5 percent in 2017" is a rate of 29.5, not a fall of 29.5 (Egypt 2017: 29.51%)
    f = finding(checker, "In 2018, Egypt's inflation averaged 14.4 percent, down from 29.5 percent in 2017.", "2019-03-01",
                "29.5 percent")
    assert f.claim.quantity.value > 0 and f.verdict.value == "supported", f.message


def test_a_count_that_only_grows_is_not_contradicted_by_an_older_count(checker):
    # OCHA: 900,000 displaced in NW Syria since 1 December, as of 17 February 2020
    f = finding(checker, "Around 950,000 people have fled their homes in Idlib since early December.", "2020-02-20",
                "Around 950,000")
    assert f.verdict.value == "approximate" and "only grows" in f.message, f.message
    g = finding(checker, "Some 586,000 people have fled in Idlib since early December.", "2020-02-20", "Some 586,000")
    assert g.verdict.value == "contradicted", g.message


def test_a_figure_compared_with_another_is_about_the_country_its_own_clause_names(checker):
    # WDI 2023: Spain 3.53%, Germany 5.95%
    report = checker.check_text("In 2023 consumer prices in Spain rose 3.5% on average, compared with 5.9% in Germany.",
                                as_of="2024-05-20")
    by = {f.quantity.text: f for f in report.findings}
    assert by["5.9%"].claim.subject == "DEU" and by["5.9%"].verdict.value == "supported", by["5.9%"].message


def test_a_quarter_of_a_running_year_is_quarterly_not_a_forecast(checker):
    f = finding(checker, "Mexico's gross domestic product shrank 0.6 pct in the first quarter of 1995.", "1995-06-12",
                "0.6 pct")
    assert f.verdict.value == "unverifiable" and "quarterly" in f.message, f.message


def test_an_adverb_of_several_words_does_not_cut_the_clause_from_its_year(checker):
    # Germany 2008 CPI inflation (WDI) 2.63%
    f = finding(checker, "In Germany in 2008 as a whole inflation averaged 2.6 percent.", "2009-11-13", "2.6 percent")
    assert f.claim.period.label == "2008" and f.verdict.value == "supported", f.message


def test_the_date_of_a_dateline_is_when_the_story_was_filed_not_what_a_figure_is_for(checker):
    f = finding(checker, "ANKARA, 20 February 2020 (Reuters) - Turkey has taken in about 3.7 million Syrian refugees "
                         "since the war started.", "2020-02-20", "about 3.7 million")
    assert f.verdict.value == "approximate" and "2020-01-20" in f.message, f.message
