"""Units: money, percent vs percentage points, people, ages, durations, measures, compounds."""
from __future__ import annotations

import math

import pytest

from factcheck import units
from factcheck.extract import compiled_rules, extract

from .test_numbers import one


@pytest.mark.parametrize("text, value, unit", [
    ("$377", 377, "USD"),
    ("£11.6bn", 11.6e9, "GBP"),
    ("US$4.7 billion", 4.7e9, "USD"),
    ("USD34.6 million", 34.6e6, "USD"),
    ("$ 75 million", 75e6, "USD"),
    ("$3.7m", 3.7e6, "USD"),
    ("₺500", 500, "TRY"),
    ("500 TL", 500, "TRY"),
    ("10 turkish lira", 10, "TRY"),
    ("20€", 20, "EUR"),
    ("20 euros", 20, "EUR"),
    ("EUR 125", 125, "EUR"),
    ("115USD", 115, "USD"),
    ("50 cents", 0.5, "USD"),
    ("470 pence", 4.7, "GBP"),
    ("3 dollars 50 cents", 3.5, "dollar"),
    ("30 MUSD", 30e6, "USD"),
])
def test_money(text: str, value: float, unit: str) -> None:
    one(text, value=float(value), unit=unit, kind="money")


def test_money_precision() -> None:
    one("$200", precision=100.0, low=150.0, high=250.0)
    one("$377", precision=1.0)
    one("50 cents", precision=0.01)


def test_percent_points_and_basis_points_stay_apart() -> None:
    one("10 per cent", value=10.0, unit="percent", kind="percent", precision=1.0)
    one("12.5%", value=12.5, unit="percent")
    one("2 percentage points", value=2.0, unit="percentage_point", kind="percentage_point")
    one("25 basis points", value=25.0, unit="basis_point", kind="percentage_point")
    pp = units.registry().Quantity(1, "percentage_point")
    assert pp.dimensionality != units.registry().Quantity(1, "percent").dimensionality
    assert math.isclose(units.convert(25, "basis_point", "percentage_point"), 0.25)


def test_m_is_million_for_money_and_people_but_metres_for_a_height() -> None:
    one("3.7m people", value=3.7e6, unit="person")
    one("He is 2m tall.", value=2.0, unit="meter")


@pytest.mark.parametrize("text, value, unit", [
    ("the nine-year-old conflict", 9, "year"),
    ("A man, aged 46, was arrested.", 46, "year"),
    ("He is 46 years old.", 46, "year"),
    ("a three-month-old baby", 3, "month"),
])
def test_ages(text: str, value: float, unit: str) -> None:
    one(text, value=float(value), unit=unit, kind="age")


def test_durations() -> None:
    one("in the last two weeks", value=2.0, unit="week", kind="duration")
    one("for three years", value=3.0, unit="year", kind="duration")


@pytest.mark.parametrize("text, value, unit", [
    ("120 km/h", 120, "kilometer / hour"),
    ("188 miles an hour", 188, "mile / hour"),
    ("660 square meters", 660, "square meter"),
    ("a 7.62mm barrel", 7.62, "millimeter"),
    ("45 degrees Celsius", 45, "degree_Celsius"),
    ("-10C", -10, "degree_Celsius"),
    ("16,000 metric tons", 16000, "metric_ton"),
    ("two pounds of meat", 2, "pound"),
    ("5 feet 2 inches", 62, "inch"),
    ("2 km and 1 meter", 2001, "meter"),
])
def test_measures(text: str, value: float, unit: str) -> None:
    one(text, value=float(value), unit=unit)


def test_money_per_time_is_a_rate() -> None:
    one("a pension of $377 a month", value=377.0, unit="USD / month", kind="rate")
    one("$2 a share", unit="USD", kind="money")
    one("$1.17 billion a year earlier", unit="USD", kind="money")


def test_counts_of_people_and_of_other_things() -> None:
    one("more than 900,000 people", unit="person", kind="count")
    one("about 3.7 million Syrian refugees", unit="person")
    one("5 defendants", unit=None, kind="count")


def test_every_lexicon_unit_is_pint_parseable() -> None:
    c = compiled_rules()
    names = {i.unit for i in list(c.unit_words.values()) + list(c.unit_symbols.values()) if i.unit}
    for name in sorted(names):
        units.canonical(name)  # raises on an unknown unit


def test_unit_factors_agree_with_pint() -> None:
    for name, (dim, factor) in compiled_rules().unit_factors.items():
        assert units.dimensionality(name) == dim, name
        assert math.isclose(units.factor(name), factor, rel_tol=1e-9), name


def test_currency_codes_are_units() -> None:
    for code in ("USD", "GBP", "TRY", "EUR", "franc"):
        assert units.dimensionality(code).startswith("[currency_")


# --------------------------------------------------------------------------------------------
# the units newsrooms write about emissions, energy, oil, land and rates per head
# (lexicons unit_symbols, unit_words, rate_bases), in the registry's spelling
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, unit", [
    ("Emissions reached 400 Mt last year.", 400, "megametric_ton"),
    ("Emissions reached 1.2 Gt last year.", 1.2, "gigametric_ton"),
    ("Emissions of 5.1 billion tonnes were recorded.", 5.1e9, "metric_ton"),
    ("Global emissions hit 36.8 GtCO2.", 36.8, "gigametric_ton"),
    ("The plant emits 2 MtCO2e a year.", 2, "megametric_ton"),
    ("Emissions rose to 320,000 kilotonnes.", 320000, "kilometric_ton"),
    ("Emissions were 36.8 gigatonnes of carbon dioxide.", 36.8, "gigametric_ton"),
    ("The country pumps 2.5 million bpd of crude.", 2.5e6, "barrel / day"),
    ("The country pumps 2.5 million b/d of crude.", 2.5e6, "barrel / day"),
    ("The country pumps 2.5 million barrels a day.", 2.5e6, "barrel / day"),
    ("The country pumps 2.5 million barrels of oil a day.", 2.5e6, "barrel / day"),
    ("The country pumps 2.5 million barrels per day.", 2.5e6, "barrel / day"),
    ("Demand will grow by 1.2 mb/d this year.", 1.2, "megabarrel / day"),
    ("Output rose by 300 kb/d.", 300, "kilobarrel / day"),
    ("The area is 780,000 km² in size.", 780000, "square kilometer"),
    ("The area is 780,000 sq km in size.", 780000, "square kilometer"),
    ("The area is 780,000 sq. km in size.", 780000, "square kilometer"),
    ("The area is 780,000 square kilometres in size.", 780000, "square kilometer"),
    ("The forest covers 12,000 hectares.", 12000, "hectare"),
    ("The forest covers 12,000 ha.", 12000, "hectare"),
    ("Households used 3,500 kWh each.", 3500, "kilowatt_hour"),
    ("The plant made 900 GWh last year.", 900, "gigawatt_hour"),
    ("The country used 300 TWh last year.", 300, "terawatt_hour"),
    ("The country used 300 terawatt hours last year.", 300, "terawatt_hour"),
    ("Energy use was 150 million tonnes of oil equivalent.", 1.5e8, "tonne_of_oil_equivalent"),
    ("Primary supply reached 1,200 Mtoe.", 1200, "megatonne_of_oil_equivalent"),
    ("Energy use was 728 kilograms of oil equivalent per capita.", 728, "kilogram_of_oil_equivalent / person"),
    ("Emissions were 4.6 tonnes per capita.", 4.6, "metric_ton / person"),
    ("Emissions were 4.6 tonnes per head.", 4.6, "metric_ton / person"),
])
def test_units_of_emissions_energy_oil_and_land(text: str, value: float, unit: str) -> None:
    one(text, value=float(value), unit=unit, kind="measure")


@pytest.mark.parametrize("text, figure, unit", [
    ("Germany has 4.5 doctors per 1,000 people.", "4.5", "1 / thousand_people"),
    ("There were 12 homicides per 100,000 people.", "12", "1 / hundred_thousand_people"),
    ("There were 12 homicides per 100,000 population.", "12", "1 / hundred_thousand_people"),
    ("There are 7 doctors for every 1,000 inhabitants.", "7", "1 / thousand_people"),
    ("Japan had 169 mobile phone subscriptions per 100 people.", "169", "1 / hundred_people"),
    ("Infant mortality was 25.7 per 1,000 live births.", "25.7", "1 / thousand_live_births"),
    ("The ratio was 1,016 deaths per 100,000 live births.", "1,016", "1 / hundred_thousand_live_births"),
    ("Women had 4.6 children per woman on average.", "4.6", "1 / woman"),
    ("The country has 2.1 cars per capita.", "2.1", "1 / person"),
])
def test_a_count_per_head_of_a_population_is_a_rate(text: str, figure: str, unit: str) -> None:
    first = extract(text)[0].to_dict()
    # the span stays the figure's (the words after it still say what it counts), and the base
    # ("1,000" in "per 1,000 people") is a figure of its own, which framing never judges
    assert (first["text"], first["unit"], first["kind"]) == (figure, unit, "count")
    assert units.why_not(unit, "1 / person" if "people" in unit or unit == "1 / person" else unit) == ""


@pytest.mark.parametrize("text", [
    "The 3 Mt Everest expeditions failed.",
    "He said 3 ha ha ha.",
    "He broke a toe.",
    "The rate was 7 per 1,000.",
    "Five people per car were allowed.",
    "By 2019 Mt Kenya had lost most of its glaciers.",
])
def test_unit_letters_that_are_no_unit_here(text: str) -> None:
    for q in extract(text, include_all=True):
        d = q.to_dict()
        assert d["unit"] not in ("megametric_ton", "hectare", "tonne_of_oil_equivalent", "1 / thousand_people",
                                 "1 / person"), d
