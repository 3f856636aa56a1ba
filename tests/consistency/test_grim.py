"""GRIM: means of whole-number answers that a sample of n cannot produce."""
from __future__ import annotations

from factcheck.consistency.grim import grim

from .conftest import run


def test_grim_arithmetic():
    assert not grim(5.27, 43, 2).consistent
    assert grim(5.28, 43, 2).consistent  # 227/43 = 5.279
    assert grim(3.27, 12, 2, items=4).consistent  # 157/48 = 3.2708
    assert grim(5.27, 143, 2) is None  # 143 answers: every mean to two decimals is possible


def test_needs_a_whole_number_scale():
    assert run("On a 1-7 scale, the 43 participants gave a mean rating of 5.27.", "consistency.grim")
    assert not run("The 43 participants slept a mean of 5.27 hours.", "consistency.grim")


def test_mean_outside_the_scale():
    (f,) = run("Patients rated their pain on a 0-10 scale (M = 11.2, n = 30).", "consistency.grim")
    assert "outside the 0-10 scale" in f.message


def test_spans_and_message():
    text = "Respondents rated the service on a 1-7 scale, with a mean of 5.27 from 43 participants."
    (f,) = run(text, "consistency.grim")
    assert text[f.quantity.span.start:f.quantity.span.end] == "5.27"
    assert text[f.related_span.start:f.related_span.end] == "43"
    assert "226/43" in f.message and "227/43" in f.message
