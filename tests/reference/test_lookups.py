"""Time-aware lookups over the built reference data (the seed article's claims)."""
from __future__ import annotations

import datetime as dt

from factcheck.model import Period


def test_datasets_listed(catalog):
    names = set(catalog.datasets)
    assert {"wdi", "unhcr_refugees", "idmc_idps", "ocha_idlib_displacement",
            "turkiye_syrian_refugees", "turkiye_living_costs", "syria_conflict_events",
            "ecb_fx", "countries"} <= names
    wdi = catalog.datasets["wdi"]
    assert wdi.rows > 90_000 and wdi.entities > 200 and wdi.licenses and wdi.sources
    assert wdi.period_start.year == 1960


def test_tur_population_2019(catalog):
    obs = catalog.at_period("TUR", "population", Period.year(2019))
    assert obs is not None and obs.dataset == "wdi" and obs.unit == "person"
    assert 80e6 < obs.value < 85e6
    assert obs.period.label == "2019" and obs.series == "Population, total"
    assert catalog.latest("TUR", "population", dt.date(2019, 12, 31)) == obs


def test_series_sorted_by_end(catalog):
    s = catalog.series("TUR", "population")
    assert len(s) > 60
    ends = [o.period.end for o in s]
    assert ends == sorted(ends)


def test_syrian_refugees_in_turkey_end_2019(catalog):
    obs = catalog.at_period("TUR", "refugees_from", Period.year(2019), origin="SYR",
                            dataset="unhcr_refugees")
    assert obs.value == 3_576_370 and obs.period.end == dt.date(2019, 12, 31)
    assert obs.period.label == "end-2019"


def test_refugees_latest_prefers_exact_within_window(catalog):
    at = dt.date(2020, 2, 20)
    hedged = catalog.latest("TUR", "refugees_from", at, origin="SYR")
    assert hedged.period.end == dt.date(2020, 1, 30) and hedged.qualifier == "almost"
    exact = catalog.latest("TUR", "refugees_from", at, origin="SYR", exact_within_days=31)
    assert exact.value == 3_576_370 and exact.period.end == dt.date(2020, 1, 20)
    assert exact.qualifier == "" and exact.url.startswith("https://")


def test_claim_context_rows_are_not_statistics(catalog):
    values = {o.value for o in catalog.series("TUR", "refugees_from", origin="SYR")}
    assert 3_700_000 not in values


def test_ocha_displaced_since_december(catalog):
    obs = catalog.latest("SYR", "people_displaced", dt.date(2020, 2, 20), since="2019-12-01")
    assert obs.value == 900_000 and obs.period.end == dt.date(2020, 2, 20)
    assert obs.period.start == dt.date(2019, 12, 1)
    assert obs.source.startswith("Recent Developments in Northwest Syria Flash Update")
    # a date object works as the extra key too
    assert catalog.latest("SYR", "people_displaced", dt.date(2020, 2, 20),
                          since=dt.date(2019, 12, 1)) == obs


def test_same_day_exact_beats_hedged_and_primary_beats_secondary(catalog):
    obs = catalog.latest("SYR", "people_displaced", dt.date(2020, 2, 17), since="2019-12-01")
    assert obs.value == 900_000 and obs.key == "idlib_11"  # primary over the secondary 875,000
    obs = catalog.latest("SYR", "people_displaced", dt.date(2020, 2, 2), since="2019-12-01")
    assert obs.key == "idlib_04"


def test_pension_in_force_july_2024(catalog):
    obs = catalog.at_period("TUR", "minimum_monthly_pension", Period.month(2024, 7))
    assert obs.value == 12_500 and obs.unit == "TRY"
    later = catalog.at_period("TUR", "minimum_monthly_pension", Period.month(2024, 11))
    assert later.value == 12_500
    assert catalog.at_period("TUR", "minimum_monthly_pension", Period.month(2026, 2)).value == 16_881


def test_hunger_threshold_july_2024(catalog):
    obs = catalog.at_period("TUR", "hunger_threshold", Period.month(2024, 7))
    assert obs.value == 19_234 and obs.period.label == "July 2024"


def test_flagged_rows_skipped(catalog):
    assert catalog.latest("TUR", "hunger_threshold", dt.date(2026, 2, 28)).value == 30_143
    assert 43_415 not in {o.value for o in catalog.series("TUR", "hunger_threshold")}
    flagged = catalog.series("TUR", "hunger_threshold", include_flagged=True)
    assert 43_415 in {o.value for o in flagged}


def test_unknown_series_is_empty(catalog):
    assert catalog.series("XXX", "population") == ()
    assert catalog.latest("TUR", "no_such_indicator", dt.date(2020, 1, 1)) is None
    assert catalog.at_period("TUR", "population", Period.year(1800)) is None


def test_events(catalog):
    sochi = catalog.events(keywords="de-escalation idlib")
    assert [e.event_id for e in sochi] == ["evt_03"]
    assert sochi[0].event_type == "agreement" and sochi[0].date_start == dt.date(2018, 9, 17)
    talks = catalog.events(event_type="talks", parties=["TUR", "RUS"])
    assert len(talks) == 2
    start = catalog.events(event_type="conflict_start", entity="SYR")
    assert start[0].start.label == "March 2011" and start[0].date_start == dt.date(2011, 3, 1)
    assert not any("nine years" in e.title for e in catalog.events())


def test_step_series_latest_is_level_in_force(catalog):
    # 14,469 took effect in January 2025 though first reported in June; 12,500 before.
    assert catalog.latest("TUR", "minimum_monthly_pension", dt.date(2025, 3, 1)).value == 14_469
    assert catalog.latest("TUR", "minimum_monthly_pension", dt.date(2024, 12, 31)).value == 12_500
    # the proposed 20,000 of January 2026 is skipped
    assert catalog.latest("TUR", "minimum_monthly_pension", dt.date(2026, 3, 1)).value == 16_881


def test_plural_demonyms(catalog):
    for name, iso3 in [("Syrians", "SYR"), ("Iraqis", "IRQ"), ("Turks", "TUR"),
                       ("Americans", "USA"), ("Afghans", "AFG")]:
        assert catalog.entities.resolve(name).iso3 == iso3
