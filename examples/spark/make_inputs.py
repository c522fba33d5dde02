#!/usr/bin/env python3
"""Write made-up inputs for trying the Spark job: JSONL feeds and a WARC.

    python3 examples/spark/make_inputs.py --output DIR --documents 300

The reports are short dispatches in English and Arabic written for this
example (tolls, places, dates, quotes), their numbers and places varied by
a fixed seed, so every run writes the same bytes. One feed line in a
hundred is not JSON, as real feeds have, to show the error lines. About one
document in ten goes into ``crawl.warc.gz`` as an HTML page.
"""

import argparse
import gzip
import json
import os
import random

PLACES_EN = ["Aleppo", "Idlib", "Douma", "Homs", "Mosul", "Raqqa", "Deir ez-Zor", "Taiz", "Hodeidah", "Kharkiv"]
PLACES_AR = ["حلب", "إدلب", "دوما", "حمص", "الموصل", "الرقة", "دير الزور", "تعز", "الحديدة"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]

ENGLISH = [
    "Shelling killed at least {n} people in {p} on {d}, according to the civil defence.",
    "Residents said dozens of shells fell on the market, and {m} families fled towards the river.",
    "An estimated {n},000 people remain trapped in the besieged districts of {p}, the United Nations said.",
    "Two barrel bombs hit a clinic in {p}, wounding {m} patients; it had reopened a week earlier.",
    "\u201cWe could not reach the wounded,\u201d said a volunteer with the civil defence in {p}.",
    "The convoy of {m} trucks waited at the crossing until Thursday, officials said.",
]
ARABIC = [
    "قتل {n} مدنياً على الأقل في قصف على {p} يوم الثلاثاء، بحسب الدفاع المدني.",
    "أفاد ناشطون بنزوح أكثر من {m} عائلة من {p} أمس.",
    "شنت الطائرات أربع غارات على {p}، ما أدى إلى إصابة {m} أشخاص.",
]


def report(rng, i):
    """A title and a text of a few paragraphs."""
    arabic = i % 4 == 3
    day = rng.randint(1, 28)
    month = rng.randint(1, 12)
    date = f"{day} {MONTHS[month - 1]} 2016"
    places = PLACES_AR if arabic else PLACES_EN
    lines = ARABIC if arabic else ENGLISH
    paras = []
    for _ in range(rng.randint(2, 5)):
        sentences = [
            rng.choice(lines).format(n=rng.randint(2, 90), m=rng.randint(10, 400), p=rng.choice(places), d=date)
            for _ in range(rng.randint(2, 4))
        ]
        paras.append(" ".join(sentences))
    place = rng.choice(places)
    title = f"{place}: تقرير {i}" if arabic else f"{place}: report {i}"
    dateline = f"{place}، {day:02d}/{month:02d}/2016" if arabic else f"{place}, {date}"
    return title, f"2016-{month:02d}-{day:02d}", dateline + "\n\n" + "\n\n".join(paras)


def warc_record(n, uri, date, html):
    body = html.encode("utf-8")
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    head = (
        "WARC/1.1\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: {date}T12:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012d}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--output", required=True)
    ap.add_argument("--documents", type=int, default=300)
    ap.add_argument("--feeds", type=int, default=4)
    args = ap.parse_args()
    os.makedirs(args.output, exist_ok=True)
    rng = random.Random(17)
    feeds = [[] for _ in range(args.feeds)]
    warc = []
    bad = 0
    for i in range(args.documents):
        title, published, text = report(rng, i)
        url = f"https://reports.example.org/2016/{i}"
        if i % 10 == 5:
            html = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>" + "".join(
                f"<p>{p}</p>" for p in text.split("\n\n")
            ) + "</article></body></html>"
            warc.append(warc_record(i, url, published, html))
            continue
        feeds[i % args.feeds].append(
            json.dumps({"id": f"doc-{i}", "url": url, "title": title, "published": published, "text": text},
                       ensure_ascii=False)
        )
        if i % 100 == 42:
            feeds[i % args.feeds].append("{this line is not JSON")
            bad += 1
    for n, lines in enumerate(feeds):
        with open(os.path.join(args.output, f"feed-{n:02d}.jsonl"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    # One gzip member per record, as crawlers write them.
    with open(os.path.join(args.output, "crawl.warc.gz"), "wb") as f:
        for r in warc:
            f.write(gzip.compress(r, mtime=0))
    lines = sum(len(f) for f in feeds)
    print(json.dumps({"lines": lines, "bad_lines": bad, "warc_pages": len(warc)}))


if __name__ == "__main__":
    main()
