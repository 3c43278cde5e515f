#!/usr/bin/env python3
"""Generates a synthetic county of residents for `yibao batch` (python3 standard library only).

The county is 长治市潞州区 (region 140402) paying for benefit year 2024 (policy 140400-2024):

* valid 18-character ID numbers: region 140402, a birth date, a sequence number and the
  GB 11643-1999 check character (ISO 7064 MOD 11-2);
* about 2% of rows give a birth_date instead of an ID number;
* about 8% of residents are in aided categories (低保, 特困, 重度残疾, 返贫致贫, 监测对象,
  脱贫人口), a few in two at once;
* payment dates across the collection window 2023-09-01..2023-12-25 and the late period
  in 2024, including days 26-31, which are not payment days in 长治 (errors by design);
* households of one to six members sharing a `household` key;
* about 0.5% of rows invalid on purpose: a wrong check digit, a malformed date, an
  unknown category, a row with a missing field.

The output is deterministic for a given --seed, so runs and machines compare.

usage: python3 scripts/gen-county.py [--rows N] [--format csv|jsonl] [--seed S] [-o PATH]
"""

import argparse
import datetime
import json
import random
import sys

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
REGION = "140402"
POLICY = "140400-2024"

# (categories, weight in per mille): ~8% aided in all.
AIDED = [
    ("minimum_living", 35),
    ("extreme_poverty", 6),
    ("severe_disability", 10),
    ("returned_to_poverty", 4),
    ("unstable_out_of_poverty", 5),
    ("marginal_at_risk", 4),
    ("out_of_poverty", 12),
    ("minimum_living|severe_disability", 4),
]


def check_char(first17: str) -> str:
    """The GB 11643-1999 check character of seventeen digits."""
    return CHECK[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]


def id_number(birth: datetime.date, seq: int) -> str:
    first17 = f"{REGION}{birth:%Y%m%d}{seq % 1000:03d}"
    return first17 + check_char(first17)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--format", choices=["csv", "jsonl"], default="csv")
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8", newline="")
    window_start = datetime.date(2023, 9, 1)
    window_days = (datetime.date(2023, 12, 25) - window_start).days + 1
    late_start = datetime.date(2024, 1, 1)
    oldest = datetime.date(1925, 1, 1).toordinal()
    youngest = datetime.date(2023, 8, 31).toordinal()
    aided_total = 1000
    aided_cum = []
    acc = 0
    for cats, w in AIDED:
        acc += w
        aided_cum.append((acc, cats))

    if args.format == "csv":
        out.write("id_number,birth_date,categories,paid_on,household,policy\n")
    household = 0
    left_in_household = 0
    household_paid = window_start
    for i in range(args.rows):
        if left_in_household == 0:
            household += 1
            left_in_household = rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5, 6])
            # A household pays together: one date for all its members.
            # Payments are taken on days 1-25 only: most dates fall there, and about
            # 1.5% of households try a day 26-31 (refused, not_payment_day).
            while True:
                if rng.random() < 0.88:
                    household_paid = window_start + datetime.timedelta(days=rng.randrange(window_days))
                else:
                    household_paid = late_start + datetime.timedelta(days=rng.randrange(300))
                if household_paid.day <= 25 or rng.random() < 0.07:
                    break
        left_in_household -= 1
        birth = datetime.date.fromordinal(rng.randint(oldest, youngest))
        r = rng.randrange(aided_total)
        cats = ""
        for cum, c in aided_cum:
            if r < cum:
                cats = c
                break
        ident = id_number(birth, rng.randrange(1000))
        birth_text = ""
        if rng.random() < 0.02:
            ident, birth_text = "", birth.isoformat()
        paid = household_paid.isoformat()
        policy = POLICY
        bad = rng.random()
        if bad < 0.001:
            # One changed check character.
            ident = ident[:17] + ("0" if ident[17:] != "0" else "1") if ident else "1404021980010112"
        elif bad < 0.002:
            paid = paid.replace("-", "/")
        elif bad < 0.003:
            paid = paid[:5] + "13" + paid[7:]
        elif bad < 0.004:
            cats = "minimum_livng"
        elif bad < 0.005:
            policy = "140400-2042"
        hh = f"H{household:07d}"
        if args.format == "csv":
            if 0.005 <= bad < 0.0055:
                # A field short: the row is refused, not guessed.
                out.write(f"{ident},{birth_text},{cats},{paid},{hh}\n")
            else:
                out.write(f"{ident},{birth_text},{cats},{paid},{hh},{policy}\n")
        else:
            row = {"paid_on": paid, "household": hh, "policy": policy}
            if ident:
                row["id_number"] = ident
            if birth_text:
                row["birth_date"] = birth_text
            if cats:
                row["categories"] = cats.split("|")
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
