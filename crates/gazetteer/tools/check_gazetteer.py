#!/usr/bin/env python3
"""Check that names crisis reporting uses can be found in gazetteer.tsv.

A name is found when, after folding (case, diacritics, apostrophes,
hyphens; Arabic alef/hamza forms, taa marbuta, alef maqsura) and dropping a
leading article (al-/as-/a-/el-/..., ال), it equals a folded name of some
row. Some targets also say which kind of row must hold them. Prints a table
and exits non-zero if any target is missing. Standard library only.

    python3 crates/gazetteer/tools/check_gazetteer.py [path/to/gazetteer.tsv]
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

DEFAULT = Path(__file__).resolve().parent.parent / "data" / "gazetteer.tsv"

ARTICLE_RE = re.compile(r"^(al|el|as|ad|ash|an|ar|at|az|a|ed|es|et|ez|adh|ath)[ -]+")
AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي", "ـ": None})

# (label, expected country, alternatives, condition on the row or None);
# a target counts as found only in a row of the expected country.
TARGETS = [
    ("Aleppo", "SY", ["Aleppo"], None),
    ("حلب", "SY", ["حلب"], None),
    ("Syria", "SY", ["Syria"], None),
    ("سوريا", "SY", ["سوريا"], None),
    ("Turkey", "TR", ["Turkey"], None),
    ("Russia", "RU", ["Russia"], None),
    ("Iran", "IR", ["Iran"], None),
    ("Damascus", "SY", ["Damascus"], None),
    ("دمشق", "SY", ["دمشق"], None),
    ("Homs", "SY", ["Homs"], None),
    ("Idlib", "SY", ["Idlib"], None),
    ("Afrin", "SY", ["Afrin"], None),
    ("Nubl or Nubul", "SY", ["Nubl", "Nubul"], None),
    ("Az Zahra'", "SY", ["Az Zahra'"], None),
    ("Al Fu`ah or Foua", "SY", ["Al Fu`ah", "Foua"], None),
    ("Kafraya", "SY", ["Kafraya"], None),
    ("Al-Ansari", "SY", ["Al-Ansari"], None),
    ("Sayf Ad-Dauleh", "SY", ["Sayf Ad-Dauleh"], None),
    ("Salah Ad-Deen", "SY", ["Salah Ad-Deen"], None),
    ("As-Sukkari", "SY", ["As-Sukkari"], None),
    ("Fardos", "SY", ["Fardos"], None),
    ("Jibreen", "SY", ["Jibreen"], None),
    ("Mashhad (Aleppo neighbourhood)", "SY", ["Mashhad"], lambda r: r["kind"] == "neighbourhood" and r["within"].startswith("Aleppo|")),
    ("Eastern Ghouta", "SY", ["Eastern Ghouta"], None),
    ("Khartoum", "SD", ["Khartoum"], None),
    ("الخرطوم", "SD", ["الخرطوم"], None),
    ("El Fasher", "SD", ["El Fasher"], None),
    ("Mariupol", "UA", ["Mariupol"], None),
    ("Gaza", "PS", ["Gaza"], None),
    ("غزة", "PS", ["غزة"], None),
    ("Kyiv", "UA", ["Kyiv"], None),
    ("Mosul", "IQ", ["Mosul"], None),
    ("الموصل", "IQ", ["الموصل"], None),
    ("Raqqa", "SY", ["Raqqa"], None),
    ("Darfur (region)", "SD", ["Darfur"], lambda r: r["kind"] == "region"),
    ("Sanaa", "YE", ["Sanaa"], None),
]

COLUMNS = ["id", "kind", "name", "lat", "lon", "pcode", "country", "within", "population", "names", "source"]


def fold(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.category(ch).startswith("M"))
    s = s.casefold()
    if any("\u0600" <= ch <= "\u06ff" for ch in s):
        s = s.translate(AR_FOLD)
        s = " ".join(s.split())
        if s.startswith("ال") and len(s) > 3:
            s = s[2:]
        return s
    s = re.sub(r"['’‘`ʿʾʼʻ´]", "", s)
    s = " ".join(s.replace("-", " ").split())
    s = ARTICLE_RE.sub("", s)
    return s


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    index: dict[str, list[tuple[dict, str]]] = {}
    with path.open(encoding="utf-8") as f:
        next(f)
        for line in f:
            r = dict(zip(COLUMNS, line.rstrip("\n").split("\t")))
            for n in r["names"].split("|"):
                index.setdefault(fold(n), []).append((r, n))
    missing = 0
    order = {"country": 0, "region": 1, "city": 2, "town": 3, "neighbourhood": 4, "camp": 5, "village": 6, "other": 7}
    print(f"{'target':31} {'cc':2} {'ok':3} {'hits':>4} {'in cc':>5}  best hit in cc (id, kind, name, via name, within)")
    for label, cc, alts, cond in TARGETS:
        hits = []
        for a in alts:
            for r, n in index.get(fold(a), []):
                if cond is None or cond(r):
                    hits.append((a, r, n))
        local = [h for h in hits if h[1]["country"] == cc]
        if not local:
            missing += 1
            print(f"{label:31} {cc:2} {'NO':3} {len(hits):>4} {0:>5}")
            continue
        local.sort(key=lambda h: (order[h[1]["kind"]], -int(h[1]["population"] or 0), h[1]["id"]))
        a, r, n = local[0]
        print(f"{label:31} {cc:2} {'yes':3} {len(hits):>4} {len(local):>5}  {r['id']}, {r['kind']}, {r['name']}, via '{n}', {r['within'] or '-'}")
    print(f"{len(TARGETS) - missing} found, {missing} missing")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
