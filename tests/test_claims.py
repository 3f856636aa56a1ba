"""Claim framing: who a figure is about and when, on sentences shaped like news copy."""
from __future__ import annotations


def findings(checker, text, as_of):
    return {f.quantity.text: f for f in checker.check_text(text, as_of=as_of).findings}


def test_a_sentence_opening_on_its_speaks_of_the_country_before(checker):
    got = findings(checker, "Germany saw its economy shrink by 0.3% last year. Its unemployment rate rose to 3.1%.",
                   "2024-03-15")
    assert got["3.1%"].claim.subject == "DEU"


def test_a_year_in_the_main_clause_dates_every_figure_of_the_sentence(checker):
    got = findings(checker, "Turkey's economy grew 4.5% in 2023, the institute said, while unemployment stood at 9.4%.",
                   "2024-03-15")
    assert got["9.4%"].claim.period.label == "2023"


def test_a_time_in_a_relative_clause_stays_there(checker):
    got = findings(checker, "Argentina's annual inflation, which topped 200% at the end of last year, stood at 236.7%.",
                   "2024-09-10")
    assert got["236.7%"].claim.period_source == "as_of"


def test_people_named_before_the_figure_are_its_origin(checker):
    got = findings(checker, "Syrian refugees in Turkey number about 3.6 million.", "2023-03-01")
    f = got["about 3.6 million"]
    assert (f.claim.subject, f.claim.param("origin"), f.verdict.value) == ("TUR", "SYR", "supported")


def test_home_to_other_people_is_not_a_population(checker):
    got = findings(checker, "Lebanon, home to 1.5 million Syrians, is in crisis.", "2023-03-01")
    assert got["1.5 million"].code != "FC150"


def test_datelines_and_regions_are_not_subjects(checker):
    got = findings(checker, "BUENOS AIRES, Sept 10 (Reuters) - The South American country, home to some 46 million "
                   "people, is in recession.", "2024-09-10")
    assert got["some 46 million"].claim is None or got["some 46 million"].claim.subject != "USA"
