"""Checks core/data/calendar.toml against the PyPI package chinesecalendar, day by day.

A working day in yibao's data is Monday-Friday not listed in `days_off`, or a date listed
in `workdays`; chinesecalendar carries the official 国务院办公厅 dates. Prints one line per
year and the closing 'N passed, N failed' line; exits non-zero on any difference.
"""
import datetime
import pathlib
import sys
import tomllib

import chinese_calendar

data = tomllib.loads((pathlib.Path(__file__).parent.parent / "core/data/calendar.toml").read_text("utf-8"))
passed = failed = 0
for year in data["years"]:
    off = {datetime.date.fromisoformat(d) for d in year["days_off"]}
    work = {datetime.date.fromisoformat(d) for d in year["workdays"]}
    day = datetime.date(year["year"], 1, 1)
    differences = []
    while day.year == year["year"]:
        ours = day in work or (day.weekday() < 5 and day not in off)
        if ours != chinese_calendar.is_workday(day):
            differences.append(day.isoformat())
        day += datetime.timedelta(days=1)
    if differences:
        failed += 1
        print(f"{year['year']}: differs on {', '.join(differences)}")
    else:
        passed += 1
        print(f"{year['year']}: every day agrees with chinesecalendar")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
