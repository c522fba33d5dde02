#!/usr/bin/env python3
"""Build crates/annotate/data/conflict_calendar.tsv from UCDP GED CSV files.

The table answers one question for sitrep: in which years did a place (a
country and its first-level region) see recorded conflict events in a given
month?  It is used to pick the year of a date written without one
("Tuesday, Dec. 13").

Input: any number of UCDP Georeferenced Event Dataset (GED) CSV files, with
at least the columns id, country, adm_1, date_start, date_end and best.
Events are deduplicated by `id` across all files; when the same id occurs
more than once with different contents, the record from the file named
first on the command line is kept (list the newest GED release first).

Output: a UTF-8 TSV with the header

    country  region  year  month  events  deaths

one row per (ISO 3166-1 alpha-2 country, first-level region, year, month of
date_start); events = number of distinct events, deaths = sum of `best`.
Rows are sorted by country, region (code-point order), year and month, so
re-running on the same input gives byte-identical output.

Python 3 standard library only.

Usage:
    python3 crates/annotate/tools/conflict_calendar.py \\
        --ged FILE [FILE ...] --out crates/annotate/data/conflict_calendar.tsv
"""

import argparse
import csv
import io
import os
import re
import sys
import unicodedata

# GED `country` names -> ISO 3166-1 alpha-2.  GED names countries after the
# Gleditsch-Ward state system ("Russia (Soviet Union)", "Yemen (North
# Yemen)", "Serbia (Yugoslavia)"); each is mapped to the ISO code of the
# present-day state GED's name stands for.  The code follows GED's
# `country` column, not the modern location of the event: GED files events
# in Gaza and the West Bank under Israel, and some 1991-92 events in Croatia
# and Bosnia under Serbia (Yugoslavia); they keep those codes here.
#
# Every name in the bundled samples is listed.  A name that is not here
# stops the script: add it (check the spelling against the GED file) rather
# than guessing.
COUNTRY_ISO2 = {
    "Afghanistan": "AF",
    "Algeria": "DZ",
    "Angola": "AO",
    "Azerbaijan": "AZ",
    "Bosnia-Herzegovina": "BA",
    "Brazil": "BR",
    "Burkina Faso": "BF",
    "Burundi": "BI",
    "Cambodia (Kampuchea)": "KH",
    "Cameroon": "CM",
    "Central African Republic": "CF",
    "Chad": "TD",
    "Colombia": "CO",
    "Comoros": "KM",
    "DR Congo (Zaire)": "CD",
    "Egypt": "EG",
    "Ethiopia": "ET",
    "Haiti": "HT",
    "India": "IN",
    "Indonesia": "ID",
    "Iran": "IR",
    "Iraq": "IQ",
    "Israel": "IL",
    "Ivory Coast": "CI",
    "Kenya": "KE",
    "Kingdom of eSwatini (Swaziland)": "SZ",
    "Kyrgyzstan": "KG",
    "Lebanon": "LB",
    "Liberia": "LR",
    "Libya": "LY",
    "Macedonia, FYR": "MK",
    "Mali": "ML",
    "Mexico": "MX",
    "Mozambique": "MZ",
    "Myanmar (Burma)": "MM",
    "Nepal": "NP",
    "Niger": "NE",
    "Nigeria": "NG",
    "Pakistan": "PK",
    "Peru": "PE",
    "Philippines": "PH",
    "Russia (Soviet Union)": "RU",
    "Rwanda": "RW",
    "Serbia (Yugoslavia)": "RS",
    "Sierra Leone": "SL",
    "Somalia": "SO",
    "South Africa": "ZA",
    "South Sudan": "SS",
    "Sri Lanka": "LK",
    "Sudan": "SD",
    "Syria": "SY",
    "Tajikistan": "TJ",
    "Thailand": "TH",
    "Turkey": "TR",
    "Uganda": "UG",
    "Ukraine": "UA",
    "United Kingdom": "GB",
    "Venezuela": "VE",
    "Yemen (North Yemen)": "YE",
}

# Generic first-level unit words GED appends to adm_1 ("Aleppo governorate",
# "Donetsk oblast").  One of them is removed from the end of the name,
# case-insensitively, longest first, when a name remains.  Names that are
# not "<name> <unit word>" ("Gaza Strip", "West Bank", "Northern Ireland",
# "Federally Administered Tribal Areas", "Distrito Federal") are kept whole.
REGION_SUFFIXES = sorted(
    [
        "governorate",
        "province",
        "region",
        "state",
        "oblast",
        "district",
        "department",
        "zone",
        "republic",
        "autonomous republic",
        "autonomous region",
        "autonomous oblast",
        "autonomous okrug",
        "okrug",
        "prefecture",
        "county",
        "krai",
        "kray",
        "municipality",
        "territory",
        "capital territory",
        "independent city",
        "division",
        "parish",
        "canton",
        "emirate",
    ],
    key=lambda s: (-len(s), s),
)

REQUIRED = ("id", "country", "adm_1", "date_start", "date_end", "best")
DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$")
HEADER = ("country", "region", "year", "month", "events", "deaths")


def fail(msg):
    sys.exit("conflict_calendar: error: " + msg)


def clean(text):
    """NFC, trimmed, single-spaced; no tabs or newlines survive."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def region_name(adm_1):
    name = clean(adm_1)
    low = name.lower()
    for suffix in REGION_SUFFIXES:
        if low.endswith(" " + suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix) - 1].rstrip()
    return name


def parse_date(text, where):
    m = DATE_RE.match(text.strip())
    if not m:
        fail("%s: unreadable date %r" % (where, text))
    year, month, day = (int(g) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        fail("%s: impossible date %r" % (where, text))
    return year, month, day


def parse_int(text, where, column):
    t = text.strip()
    if re.fullmatch(r"-?\d+", t):
        return int(t)
    if re.fullmatch(r"-?\d+\.0*", t):
        return int(t.split(".")[0])
    fail("%s: %s is not a whole number: %r" % (where, column, text))


def read_events(paths):
    """id -> (iso2, region, year, month, best); first file wins on conflict."""
    events = {}
    conflicts = 0
    for path in paths:
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                fail("%s: missing column(s) %s" % (path, ", ".join(missing)))
            rows = dups = multi_month = 0
            for lineno, row in enumerate(reader, start=2):
                where = "%s:%d" % (path, lineno)
                rows += 1
                event_id = parse_int(row["id"], where, "id")
                country = clean(row["country"])
                if country not in COUNTRY_ISO2:
                    fail(
                        "%s: unknown country %r; add it to COUNTRY_ISO2 in %s"
                        % (where, country, os.path.basename(__file__))
                    )
                year, month, day = parse_date(row["date_start"], where)
                end = parse_date(row["date_end"], where)
                if end < (year, month, day):
                    fail("%s: date_end before date_start" % where)
                if end[:2] != (year, month):
                    multi_month += 1
                best = parse_int(row["best"], where, "best")
                if best < 0:
                    fail("%s: negative best %d" % (where, best))
                record = (COUNTRY_ISO2[country], region_name(row["adm_1"]),
                          year, month, best)
                if event_id in events:
                    dups += 1
                    if events[event_id] != record:
                        conflicts += 1
                        print("conflict_calendar: id %d differs between files; "
                              "keeping the first: %r, not %r"
                              % (event_id, events[event_id], record),
                              file=sys.stderr)
                    continue
                events[event_id] = record
            print("conflict_calendar: %s: %d rows, %d already seen by id, "
                  "%d ending in a later month (counted in the start month)"
                  % (path, rows, dups, multi_month), file=sys.stderr)
    return events, conflicts


def build(events):
    table = {}
    for iso2, region, year, month, best in events.values():
        key = (iso2, region, year, month)
        n, d = table.get(key, (0, 0))
        table[key] = (n + 1, d + best)
    return sorted(table.items())


def preamble(path):
    """The lines between the header and the first row of an existing
    table: the comments, the `[conflict_calendar]` group and its examples
    (see crates/annotate/data/README.md), which a rebuild keeps."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")[1:]
    except OSError:
        return ""
    kept = []
    for line in lines:
        if line.strip() and not line.startswith(("#", "[", "ex:", "not:")):
            break
        kept.append(line + "\n")
    return "".join(kept)


def render(rows, keep=""):
    out = io.StringIO()
    out.write("\t".join(HEADER) + "\n")
    out.write(keep)
    for (iso2, region, year, month), (n, d) in rows:
        out.write("%s\t%s\t%d\t%d\t%d\t%d\n" % (iso2, region, year, month, n, d))
    return out.getvalue().encode("utf-8")


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Build the conflict calendar TSV from UCDP GED CSV files.")
    ap.add_argument("--ged", nargs="+", required=True, metavar="FILE",
                    help="GED CSV file(s); on a duplicate id the first file wins")
    ap.add_argument("--out", required=True, metavar="FILE",
                    help="TSV to write ('-' for standard output)")
    args = ap.parse_args(argv)

    events, conflicts = read_events(args.ged)
    rows = build(events)
    data = render(rows, preamble(args.out) if args.out != "-" else "")
    if args.out == "-":
        sys.stdout.buffer.write(data)
    else:
        tmp = args.out + ".tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, args.out)
    print("conflict_calendar: %d distinct events (%d conflicting duplicates), "
          "%d rows -> %s" % (len(events), conflicts, len(rows), args.out),
          file=sys.stderr)


if __name__ == "__main__":
    main()
