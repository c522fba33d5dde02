#!/usr/bin/env python3
"""Write the most frequent words of English and Arabic, for the list of
frequent words that are also place names (crates/annotate/data/common_words.txt).

Step 1 of 2 (see ../data/SOURCES.md, "Frequent words"):

    /tmp/gz-venv/bin/pip install wordfreq==3.1.1
    /tmp/gz-venv/bin/python crates/gazetteer/tools/frequent_words.py --out /tmp/frequent.tsv
    cargo run --release -p sitrep-gazetteer --example common_words -- /tmp/frequent.tsv \
        > crates/annotate/data/common_words.txt

This step lists, for each language, the top N words of wordfreq's 'best'
list (rank, word); step 2 keeps those that name some place in the built-in
gazetteer, with sitrep's own match keys, and writes the data file.

wordfreq 3.1.1: code Apache-2.0, word lists CC BY-SA 4.0 (sources credited
by wordfreq: Wikipedia, OPUS OpenSubtitles 2018, SUBTLEX, NewsCrawl 2014,
GlobalVoices, Google Books Ngrams 2012, OSCAR, ParaCrawl, Twitter, Reddit).
The file made from it is CC BY-SA 4.0 too.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import sys

PINNED = "3.1.1"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="the TSV to write (outside the repository)")
    ap.add_argument("--n", type=int, default=20000, help="how many words of each language")
    args = ap.parse_args(argv)
    import wordfreq

    have = importlib.metadata.version("wordfreq")
    if have != PINNED:
        print(f"warning: wordfreq {have} installed, the list is pinned to {PINNED}", file=sys.stderr)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        for lang in ("en", "ar"):
            for rank, word in enumerate(wordfreq.top_n_list(lang, args.n, wordlist="best"), 1):
                if "\t" not in word and "\n" not in word:
                    f.write(f"{lang}\t{rank}\t{word}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
