#!/usr/bin/env python3
"""Extract sitrep.extract/1 records on a Spark cluster.

    spark-submit examples/spark/sitrep_extract.py --input DIR --output DIR

Every JSONL file under --input (``*.jsonl``, ``*.ndjson``) is read as lines
and each partition is piped through one ``sitrep extract --format jsonl -``
process on its worker: one line in, one record (or one ``sitrep.error/1``
line naming the input) out. Every WARC file (``*.warc``, ``*.warc.gz``) is
read on a worker and given to ``sitrep extract --format jsonl FILE`` there.
The records are written to --output as Spark text files (``part-00000`` …),
which ``sitrep add --records OUTPUT INPUT`` stores for the documents added
from the same inputs without extracting them again.

The sitrep binary must be on every worker: give its path with --sitrep (a
path every worker has), or ship it with ``spark-submit --files
target/release/sitrep`` and pass ``--sitrep sitrep``. The README's "Scaling
out" section says more.

Lines are handed to sitrep as the bytes the file holds (no decoding in
Python), so a document's id, the SHA-256 of its line, is the one ``sitrep
add`` computes from the same file.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading

JSONL = (".jsonl", ".ndjson")
WARC = (".warc", ".warc.gz")


def inputs(root):
    """The JSONL and WARC files under root, in name order."""
    jsonl, warc = [], []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.abspath(os.path.join(folder, name))
            lower = name.lower()
            if lower.endswith(JSONL):
                jsonl.append(path)
            elif lower.endswith(WARC):
                warc.append(path)
    return jsonl, warc


def binary(name):
    """The sitrep binary on this worker: a path, a file shipped with
    spark-submit --files, or a program on PATH."""
    if os.path.isfile(name):
        return name
    try:
        from pyspark import SparkFiles

        shipped = SparkFiles.get(os.path.basename(name))
        if os.path.isfile(shipped):
            # --files may drop the executable bit.
            os.chmod(shipped, 0o755)
            return shipped
    except Exception:
        pass
    found = shutil.which(name)
    if found:
        return found
    raise FileNotFoundError(f"no sitrep binary {name!r} on this worker (see --sitrep)")


def command(sitrep, max_seconds, *args):
    cmd = [binary(sitrep), "extract", "--format", "jsonl"]
    if max_seconds is not None:
        cmd += ["--max-extract-seconds", str(max_seconds)]
    return cmd + list(args)


def pipe_lines(sitrep, max_seconds):
    """A partition of JSONL lines (bytes) through one sitrep process."""

    def run(lines):
        proc = subprocess.Popen(
            command(sitrep, max_seconds, "-"),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        failure = []

        def feed():
            try:
                for line in lines:
                    if line.strip():
                        proc.stdin.write(line.rstrip(b"\r\n") + b"\n")
            except Exception as e:  # the reader below reports the exit
                failure.append(e)
            finally:
                proc.stdin.close()

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        for out in proc.stdout:
            yield out.decode("utf-8").rstrip("\n")
        writer.join()
        code = proc.wait()
        # 1 is "some lines gave no record": each has its error line.
        if failure or code not in (0, 1):
            raise RuntimeError(f"sitrep extract exited {code} {failure}")

    return run


def extract_files(sitrep, max_seconds):
    """(path, bytes) pairs of WARC files, each extracted on this worker."""

    def run(files):
        for path, content in files:
            name = os.path.basename(path.rstrip("/"))
            with tempfile.TemporaryDirectory(prefix="sitrep-spark-") as tmp:
                # The name keeps its extension: it tells sitrep the format.
                local = os.path.join(tmp, name)
                with open(local, "wb") as f:
                    f.write(content)
                done = subprocess.run(
                    command(sitrep, max_seconds, local), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
                )
                if done.returncode not in (0, 1):
                    raise RuntimeError(f"sitrep extract exited {done.returncode} on {path}")
                for out in done.stdout.decode("utf-8").splitlines():
                    yield out

    return run


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", required=True, help="folder of JSONL and WARC files")
    ap.add_argument("--output", required=True, help="folder to write the records to (must not exist)")
    ap.add_argument("--sitrep", default=os.environ.get("SITREP_BIN", "sitrep"), help="the sitrep binary")
    ap.add_argument("--master", default=None, help="Spark master (spark-submit's --master when not given)")
    ap.add_argument("--partitions", type=int, default=None, help="at least this many partitions of JSONL lines")
    ap.add_argument("--max-extract-seconds", type=int, default=None, help="sitrep's per-document time limit")
    args = ap.parse_args(argv)

    jsonl, warc = inputs(args.input)
    if not jsonl and not warc:
        print(f"sitrep_extract: no .jsonl or .warc(.gz) files under {args.input}", file=sys.stderr)
        return 2

    from pyspark import SparkConf, SparkContext

    conf = SparkConf().setAppName("sitrep extract")
    if args.master:
        conf = conf.setMaster(args.master)
    sc = SparkContext.getOrCreate(conf)
    sc.setLogLevel("WARN")
    sitrep = args.sitrep if not os.path.isfile(args.sitrep) else os.path.abspath(args.sitrep)
    parts = []
    if jsonl:
        lines = sc.textFile(",".join(jsonl), minPartitions=args.partitions, use_unicode=False)
        parts.append(lines.mapPartitions(pipe_lines(sitrep, args.max_extract_seconds)))
    if warc:
        files = sc.binaryFiles(",".join(warc))
        parts.append(files.mapPartitions(extract_files(sitrep, args.max_extract_seconds)))
    records = parts[0] if len(parts) == 1 else sc.union(parts)
    records.saveAsTextFile(args.output)
    sc.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
