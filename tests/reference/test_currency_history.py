"""Currency histories: which currency a writer meant, fixed legal factors, the unit of WDI values,
and exchange rates that never treat two currencies as one."""
from __future__ import annotations

import datetime as dt
import math

import pytest

from factcheck.reference.currency_history import history

D87 = dt.date(1987, 3, 2)


@pytest.fixture(scope="module")
def h():
    return history()


# -- which currency the writer meant --------------------------------------------------------------

@pytest.mark.parametrize("written, country, on, code", [
    ("franc", "FRA", D87, "FRF"),
    ("franc", "CHE", D87, "CHF"),
    ("franc", "FRA", dt.date(2000, 6, 1), "FRF"),      # a denomination of the euro until 2002
    ("franc", "FRA", dt.date(2005, 6, 1), "FRF"),      # the franc France had (for old amounts)
    ("euro", "FRA", dt.date(2005, 6, 1), "EUR"),
    ("mark", "DEU", D87, "DEM"),
    ("lira", "TUR", D87, "TRL"),
    ("lira", "TUR", dt.date(2024, 6, 1), "TRY"),
    ("lira", "ITA", D87, "ITL"),
    ("bolivar", "VEN", D87, "VEB"),
    ("bolivar", "VEN", dt.date(2010, 1, 1), "VEF"),
    ("bolivar", "VEN", dt.date(2019, 1, 1), "VES"),
    ("peso", "MEX", D87, "MXP"),
    ("peso", "MEX", dt.date(1995, 1, 1), "MXN"),
    ("cruzado", "BRA", D87, "BRC"),
    ("austral", "ARG", D87, "ARA"),
    ("zloty", "POL", D87, "PLZ"),
    ("dollar", "CAN", D87, "CAD"),                     # the local dollar
    ("dollar", "TUR", D87, "USD"),                     # no dollar of its own: the US dollar
    ("pound", "EGY", D87, "EGP"),
    ("pound", "FRA", D87, "GBP"),
    ("crown", "SWE", D87, "SEK"),
    (None, "FRA", D87, "FRF"),                         # "6.0 to the dollar": the country's own
    (None, "FRA", dt.date(2003, 1, 1), "EUR"),
    (None, "TUR", D87, "TRL"),
    ("zloty", None, D87, "PLZ"),                       # one country's word needs no country
])
def test_the_currency_meant(h, written, country, on, code):
    got = h.meant(written, country, on)
    assert got.code == code, got


def test_a_code_the_writer_could_not_have_used_is_the_lineage_of_the_time(h):
    # "Turkish lira" in a 1987 text (read by the extractor as TRY) is the lira of 1987
    assert h.meant("TRY", "TUR", D87, written_on=D87).code == "TRL"
    # a 2020 text may give a 1987 amount in today's lira (back-converted): keep the code
    assert h.meant("TRY", "TUR", D87, written_on=dt.date(2020, 1, 1)).code == "TRY"


@pytest.mark.parametrize("written, country, on, written_on, words", [
    ("franc", "TUR", D87, None, "Türkiye had the old Turkish lira (TRL) in 1987"),
    ("franc", None, D87, None, "several countries' currencies are called franc"),
    ("mark", None, D87, None, "several countries' currencies are called mark"),
    ("lira", "TUR", D87, dt.date(2020, 1, 1), "the old Turkish lira (TRL) of the time or the Turkish lira (TRY)"),
    (None, "AND", D87, None, "Andorra used the"),
    ("dollar", "ZWE", dt.date(2005, 6, 1), None, "no currency of record for Zimbabwe in 2005"),  # not the 2019 dollar
])
def test_what_cannot_be_told_is_refused_with_a_reason(h, written, country, on, written_on, words):
    got = h.meant(written, country, on, written_on)
    assert got.code is None and words in got.reason, got


# -- fixed legal factors ------------------------------------------------------------------------

@pytest.mark.parametrize("a, b, on, per", [
    ("TRY", "TRL", D87, 1_000_000),                        # a redenomination holds at any date
    ("VEF", "VEB", D87, 1_000),
    ("VES", "VEB", D87, 100_000_000),                      # a chain: VEB -> VEF -> VES
    ("MXN", "MXP", D87, 1_000),
    ("BRL", "BRC", D87, 2750 * 1000 * 1 * 1000),           # real -> cruzeiro real -> cruzeiro -> cruzado novo -> cruzado
    ("ARS", "ARA", D87, 10_000),
    ("PLN", "PLZ", D87, 10_000),
    ("RUB", "RUR", dt.date(1995, 1, 1), 1_000),
    ("RON", "ROL", dt.date(2000, 1, 1), 10_000),
    ("GHS", "GHC", dt.date(2000, 1, 1), 10_000),
    ("EUR", "FRF", dt.date(2000, 1, 1), 6.55957),
    ("EUR", "DEM", dt.date(2000, 1, 1), 1.95583),
    ("EUR", "ITL", dt.date(2000, 1, 1), 1936.27),
    ("EUR", "GRD", dt.date(2001, 1, 1), 340.750),
    ("EUR", "HRK", dt.date(2023, 1, 1), 7.53450),
    ("DEM", "FRF", dt.date(2000, 1, 1), 6.55957 / 1.95583),  # two legacy currencies through the euro
])
def test_fixed_factors(h, a, b, on, per):
    got = h.factor(a, b, on)
    assert got is not None and math.isclose(got[0], per, rel_tol=1e-12), got


def test_a_union_holds_only_from_its_date(h):
    assert h.factor("EUR", "FRF", D87) is None       # no euro in 1987: a franc is no fraction of it
    assert h.factor("EUR", "GRD", dt.date(2000, 6, 1)) is None
    assert h.factor("USD", "TRY", D87) is None        # different currencies: only a dated rate converts


def test_the_words_of_a_factor_name_the_law(h):
    _, words = h.factor("TRY", "TRL", D87)
    assert words == "1,000,000 TRL = 1 TRY, the redenomination of 1 January 2005"
    _, words = h.factor("EUR", "FRF", dt.date(2000, 1, 1))
    assert words == "6.55957 FRF = 1 EUR, fixed by law from 1 January 1999"


# -- the unit of WDI values ----------------------------------------------------------------------

@pytest.mark.parametrize("entity, year, unit", [
    ("FRA", 1987, "FRF"), ("FRA", 1998, "FRF"), ("FRA", 1999, "EUR"),
    ("DEU", 1987, "DEM"), ("GRC", 2000, "GRD"), ("GRC", 2001, "EUR"), ("HRV", 2022, "HRK"),
    ("TUR", 1987, "TRY"),          # back-converted: 0.000857 is 857 old lira
    ("VEN", 1987, "VEF"),          # back-converted to the bolivar fuerte, and the series stops in 2017
    ("MEX", 1987, "MXN"), ("BRA", 1987, "BRL"), ("ARG", 1987, "ARS"), ("POL", 1987, "PLN"),
    ("ECU", 1999, "ECS"), ("ECU", 2001, "USD"), ("SLV", 2000, "SVC"),
    ("ZMB", 1971, "ZMK"), ("ZMB", 1972, "ZMW"),   # a series rebased mid-way, not at the change
])
def test_the_currency_of_wdi_exchange_rates(h, entity, year, unit):
    assert h.wdi_unit("PA.NUS.FCRF", entity, year) == unit


def test_unknown_units_are_never_used(h):
    assert h.wdi_unit("PA.NUS.FCRF", "ZWE", 2005) is None      # a Zimbabwe dollar of unknown vintage
    assert "ZWE" not in h.wdi_entities("PA.NUS.FCRF", "ZWL", 2005)


def test_the_money_series_are_us_dollars_everywhere(h):
    assert h.wdi_unit("NY.GDP.MKTP.CD", "FRA", 1987) == "USD"
    assert h.wdi_unit("NY.GDP.PCAP.CD", "VEN", 2010) == "USD"


def test_every_currency_the_extractor_writes_is_known():
    from factcheck.extraction import compiled_rules

    h = history()
    c = compiled_rules()
    units = set(c.currency_after_map.values()) | set(c.currency_prefix.values())
    units = {u for u in units if not (len(u) == 4 and u[0] == "M" and u.isupper())}  # "MUSD": a scale
    missing = sorted(u for u in units if u not in h.by_code and u not in h.generics and u not in ("BTC", "XAU"))
    assert not missing, missing


# -- exchange rates through the catalog -----------------------------------------------------------

def test_no_euro_rate_before_the_euro(catalog):
    from factcheck.reference import FxError

    with pytest.raises(FxError):
        catalog.fx.annual_average("USD", "EUR", 1987)   # once Austria's schillings, labelled euros


def test_legacy_rates_in_their_own_currency(catalog):
    assert catalog.fx.annual_average("USD", "FRF", 1987).value == pytest.approx(6.0107, rel=1e-4)
    trl = catalog.fx.annual_average("USD", "TRL", 1987)
    assert trl.value == pytest.approx(857.21, rel=1e-4) and "1,000,000 TRL = 1 TRY" in trl.source
    assert catalog.fx.annual_average("USD", "VEB", 1987).value == pytest.approx(14.5)
    assert catalog.fx.annual_average("USD", "MXP", 1987).value == pytest.approx(1378.18, rel=1e-4)


def test_a_legacy_euro_currency_is_quoted_through_the_euro(catalog):
    day = dt.date(2000, 5, 3)
    frf = catalog.fx.rate("USD", "FRF", day)
    eur = catalog.fx.rate("USD", "EUR", day)
    assert frf.value == pytest.approx(eur.value * 6.55957) and frf.method == "ecb daily"
    assert "6.55957 FRF = 1 EUR" in frf.source


def test_a_fixed_factor_is_a_rate_of_its_own(catalog):
    r = catalog.fx.rate("TRY", "TRL", dt.date(2003, 5, 1))
    assert r.value == 1_000_000 and r.method == "fixed"
    assert catalog.fx.daily_range("TRY", "TRL", dt.date(2003, 5, 1), dt.date(2003, 5, 5)) is None


# -- claims: the lookup reads the currency meant -------------------------------------------------

def findings(checker, text, as_of, rule):
    return [f for f in checker.check_text(text, as_of=as_of).findings if f.rule == rule]


def test_francs_of_1987_are_judged_in_francs(checker):
    (f,) = findings(checker, "France's franc averaged 6.0 francs to the dollar in 1987.", "1988-02-01",
                    "metrics.exchange_rate")
    assert f.verdict.value == "supported" and "6.01 FRF/USD" in f.message


def test_lira_of_1987_is_the_old_lira_at_the_legal_factor(checker):
    (f,) = findings(checker, "Turkey's lira averaged about 850 to the dollar in 1987.", "1988-02-01",
                    "metrics.exchange_rate")
    assert f.verdict.value == "supported" and "857 TRL/USD" in f.message
    assert "1,000,000 TRL = 1 TRY, the redenomination of 1 January 2005" in f.evidence.conversion


def test_a_currency_the_country_did_not_have_is_refused(checker):
    (f,) = findings(checker, "In Turkey the franc averaged 850 francs to the dollar in 1987.", "1988-02-01",
                    "metrics.exchange_rate")
    assert f.verdict.value == "unverifiable" and "Türkiye had the old Turkish lira (TRL) in 1987" in f.message


def test_money_in_a_legacy_currency_converts_through_its_fixed_rate(checker):
    (f,) = findings(checker, "France's GDP was 9,500 billion francs in 2000.", "2001-06-01", "metrics.gdp_usd")
    assert "FRF" in f.message and "6.55957 FRF = 1 EUR" in f.evidence.conversion


def test_lira_across_a_redenomination_is_refused(checker):
    (f,) = findings(checker, "Turkey's GDP was 60 trillion lira in 1987.", "2020-06-01", "metrics.gdp_usd")
    assert f.verdict.value == "unverifiable" and "the text does not say which" in f.message


def test_no_rate_is_said_in_words(checker):
    (f,) = findings(checker, "Venezuela's GDP was 500 billion bolivars in 2019.", "2020-06-01", "metrics.gdp_usd")
    assert f.verdict.value == "unverifiable"
    assert "no rate between the bolivar soberano (VES) and the US dollar (USD) for 2019" in f.message
