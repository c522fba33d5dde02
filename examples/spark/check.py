#!/usr/bin/env python3
"""CI's check of the Spark job, in Spark's local mode.

    python3 examples/spark/check.py --sitrep target/debug/sitrep [--documents 300]

Writes made-up inputs (make_inputs.py), runs sitrep_extract.py over them on
``local[2]``, stores its records with ``sitrep add --records`` into a fresh
archive and checks that every input line and WARC page gave one output
line, that each document was stored with the record Spark made (none made
again), and that ``sitrep verify --deep`` makes the same records from the
raw bytes. Exits non-zero on the first thing that does not hold.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, **kw):
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    return done.returncode, done.stdout, done.stderr


def fail(why):
    print(f"spark check: FAILED: {why}", file=sys.stderr)
    sys.exit(1)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sitrep", required=True)
    ap.add_argument("--documents", type=int, default=300)
    args = ap.parse_args()
    sitrep = os.path.abspath(args.sitrep)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    # Spark's Python workers run the Python this check runs on (the one with pyspark).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    with tempfile.TemporaryDirectory(prefix="sitrep-spark-check-") as tmp:
        inp, out, db = os.path.join(tmp, "in"), os.path.join(tmp, "out"), os.path.join(tmp, "a.db")
        code, made, err = run([sys.executable, os.path.join(HERE, "make_inputs.py"), "--output", inp,
                               "--documents", str(args.documents)])
        if code != 0:
            fail(f"make_inputs.py: {err}")
        made = json.loads(made)
        code, _, err = run([sys.executable, os.path.join(HERE, "sitrep_extract.py"), "--input", inp, "--output", out,
                            "--sitrep", sitrep, "--master", "local[2]"])
        if code != 0:
            fail(f"sitrep_extract.py exited {code}:\n{err[-3000:]}")
        lines = []
        for name in sorted(os.listdir(out)):
            if name.startswith("part-"):
                with open(os.path.join(out, name), encoding="utf-8") as f:
                    lines += [json.loads(line) for line in f if line.strip()]
        records = [r for r in lines if r.get("schema") == "sitrep.extract/1"]
        errors = [r for r in lines if r.get("schema") == "sitrep.error/1"]
        if len(lines) != made["lines"] + made["warc_pages"]:
            fail(f"{len(lines)} lines out for {made['lines']} lines and {made['warc_pages']} pages in")
        if len(errors) != made["bad_lines"]:
            fail(f"{len(errors)} error lines for {made['bad_lines']} bad lines")
        echoed = [r for r in records if r.get("input", {}).get("id")]
        if len(echoed) != made["lines"] - made["bad_lines"]:
            fail(f"{len(echoed)} records echo their line's id")

        code, _, err = run([sitrep, "--archive", db, "add", "--records", out, inp])
        documents = len(records)
        if f"added {documents}, already present 0, failed {made['bad_lines']}" not in err:
            fail(f"add --records said: {err[-2000:]}")
        if f"records: {documents} of {documents} stored" not in err:
            fail(f"add --records did not store every record: {err[-2000:]}")
        code, out_re, err = run([sitrep, "--archive", db, "reextract", "--json"])
        if code != 0 or json.loads(out_re)["reextracted"] != 0:
            fail(f"reextract found documents without records: {out_re} {err}")
        code, out_v, err = run([sitrep, "--archive", db, "verify", "--deep"])
        if code != 0:
            fail(f"verify --deep: {out_v[-2000:]} {err[-2000:]}")
        print(f"spark check: {len(lines)} lines from Spark for {made['lines']} feed lines and {made['warc_pages']} "
              f"WARC pages; {documents} documents stored with Spark's records; verify --deep agrees")


if __name__ == "__main__":
    main()
