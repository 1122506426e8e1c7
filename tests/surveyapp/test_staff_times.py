"""Staff pages write times on the 24-hour clock in every language, English included.

English took Babel's default, CLDR's ``en`` (the United States): "3:00 PM". The system's
readers are statistics offices of Latin America and the Caribbean, whose Spanish, Portuguese
and French pages say "15:00"; the interviewer agrees an appointment at "15:00" (the app's
time field, its cards), the night flag says "between 22:00 and 6:00", and an English page
read beside a Spanish one should give the same time the same way.
"""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask, g

from surveyapp.staff_texts import staff_datetime, staff_time


@pytest.mark.parametrize(
    ("language", "afternoon", "morning", "moment"),
    [
        ("en", "15:00", "09:05", "December 5, 2025, 18:40:07\u00a0UTC"),
        ("es", "15:00", "9:05", "5 de diciembre de 2025, 18:40:07\u00a0UTC"),
        ("fr", "15:00", "09:05", "5\u00a0décembre\u00a02025, 18:40:07\u00a0UTC"),
    ],
)
def test_times_are_on_the_24_hour_clock_in_every_language(
    app: Flask, language: str, afternoon: str, morning: str, moment: str
) -> None:
    with app.test_request_context():
        g.staff_page_language = language
        assert staff_time(dt.time(15, 0)) == afternoon
        assert staff_time(dt.time(9, 5)) == morning
        assert staff_datetime(dt.datetime(2025, 12, 5, 18, 40, 7), seconds=True) == moment
        said = staff_datetime(dt.datetime(2025, 12, 5, 18, 40, 7, tzinfo=dt.UTC))
        assert "AM" not in said and "PM" not in said
