from __future__ import annotations

import datetime as dt

import pytest

from factcheck.model import Period
from factcheck.reference import FxError


def test_try_per_usd_daily(catalog):
    r = catalog.fx.rate("USD", "TRY", dt.date(2024, 7, 15))
    assert 32 < r.value < 33.5 and r.date_used == dt.date(2024, 7, 15) and r.method == "ecb daily"
    inverse = catalog.fx.rate("TRY", "USD", dt.date(2024, 7, 15))
    assert inverse.value == pytest.approx(1 / r.value)


def test_weekend_uses_previous_business_day(catalog):
    r = catalog.fx.rate("USD", "TRY", dt.date(2024, 7, 14))  # a Sunday
    assert r.date_used == dt.date(2024, 7, 12)


def test_monthly_and_annual_average(catalog):
    m = catalog.fx.monthly_average("USD", "TRY", 2024, 7)
    assert 32 < m.value < 33.5 and "monthly" in m.method and m.date_used == dt.date(2024, 7, 31)
    y = catalog.fx.annual_average("USD", "TRY", 2024)
    assert 30 < y.value < 35


def test_convert_with_period(catalog):
    amount, r = catalog.fx.convert(12_500, "TRY", "USD", Period.month(2024, 7))
    assert 370 < amount < 390 and "monthly" in r.method
    amount, _ = catalog.fx.convert(100, "EUR", "EUR", dt.date(2020, 1, 1))
    assert amount == 100


def test_wdi_fallback_when_ecb_has_no_quote(catalog):
    r = catalog.fx.rate("USD", "SYP", dt.date(2019, 7, 15))
    assert r.method.startswith("wdi annual") and r.value > 100
    rub = catalog.fx.rate("USD", "RUB", dt.date(2023, 6, 1))  # ECB stopped RUB in March 2022
    assert rub.method.startswith("wdi annual") and 50 < rub.value < 120


def test_no_rate(catalog):
    with pytest.raises(FxError):
        catalog.fx.rate("USD", "XYZ", dt.date(2020, 1, 1))
