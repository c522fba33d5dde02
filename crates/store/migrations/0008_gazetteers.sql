-- Version 8: gazetteers the analyst imports (`sitrep gazetteer import`):
-- a country's GeoNames dump or OCHA's administrative boundaries table,
-- used beside the built-in gazetteer by every extraction. Each import is
-- kept whole under its own row, so a later file never overwrites what an
-- earlier one brought; where two imports hold the same place id, the
-- newer one answers.

CREATE TABLE gazetteer_imports (
    rowid          INTEGER PRIMARY KEY,
    file           TEXT NOT NULL,         -- the file as the analyst named it
    sha256         TEXT NOT NULL UNIQUE,  -- of its bytes: the same file twice is one import
    format         TEXT NOT NULL,         -- geonames | ocha-csv | ocha-xlsx
    places         INTEGER NOT NULL,      -- rows kept
    problems       TEXT NOT NULL,         -- JSON: the rows left out, each with its row, column and why
    imported_at    TEXT NOT NULL,
    sitrep_version TEXT NOT NULL
);

CREATE TABLE gazetteer_places (
    import     INTEGER NOT NULL REFERENCES gazetteer_imports (rowid),
    id         TEXT NOT NULL,             -- gn:<geonameid> | ocha:<P-code>
    kind       TEXT NOT NULL,             -- country | region | city | town | village | neighbourhood | camp | facility | road | other
    name       TEXT NOT NULL,
    lat        REAL,
    lon        REAL,
    pcode      TEXT,
    country    TEXT NOT NULL,             -- ISO 3166-1 alpha-2
    within     TEXT NOT NULL,             -- JSON: parents, most specific first
    population INTEGER,
    names      TEXT NOT NULL,             -- JSON: every name, the preferred first
    source     TEXT NOT NULL,             -- geonames | ocha
    PRIMARY KEY (import, id)
);
-- The newest import of an id is found by this.
CREATE INDEX gazetteer_places_by_id ON gazetteer_places (id, import);
