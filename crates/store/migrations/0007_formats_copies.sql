-- Version 7: what the formats read since version 1 state beyond title,
-- author and date, text read by OCR, where an attachment came from, and
-- syndicated copies. (Versions 5 and 6 are other changes.)

-- Who first published what a document passes on (a forwarded Telegram
-- post's channel, the account an X repost repeats); linking takes it as
-- the origin.
ALTER TABLE documents ADD COLUMN relayed_from TEXT;
-- JSON [[name, value], ...]: a post's channel and number, the post it
-- replies to or quotes, an e-mail's Message-ID, a Word file's creator.
ALTER TABLE documents ADD COLUMN details TEXT;
-- JSON {"engine", "languages", "confidence", "paragraphs": [[start, end,
-- confidence], ...]} (byte offsets into text, confidence 0-100) when the
-- text was read by OCR; NULL otherwise.
ALTER TABLE documents ADD COLUMN ocr TEXT;

-- The id (hex) of the document a copy was found inside: the e-mail an
-- attachment came with.
ALTER TABLE provenance ADD COLUMN parent TEXT;

-- Each document's MinHash signature over its four-word shingles
-- (sitrep_ingest::copies): `shingles` distinct shingles, `minhash` 128
-- little-endian u32. Made from the text, so it can be made again.
CREATE TABLE signatures (
    doc      INTEGER PRIMARY KEY REFERENCES documents(rowid),
    shingles INTEGER NOT NULL,
    minhash  BLOB NOT NULL
);

-- A document that carries the same story as one added before it: `of` is
-- that document (the most alike, when several are), `percent` the share of
-- the shorter text's shingles found in the other.
CREATE TABLE copies (
    doc     INTEGER PRIMARY KEY REFERENCES documents(rowid),
    of      INTEGER NOT NULL REFERENCES documents(rowid),
    percent INTEGER NOT NULL
);
CREATE INDEX copies_of ON copies (of);
