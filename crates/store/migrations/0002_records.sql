-- Version 2: extraction records. One per document and extractor version,
-- so a record can be reproduced, compared with an older one, and re-made
-- when the extractor improves. The JSON is a sitrep.extract/1 record
-- without its text (the text is in documents).

CREATE TABLE records (
    doc       INTEGER NOT NULL REFERENCES documents(rowid),
    extractor TEXT NOT NULL,
    record    TEXT NOT NULL,
    made_at   TEXT NOT NULL,
    PRIMARY KEY (doc, extractor)
);
