//! Across documents, through the real binary: claim groups, the timeline
//! and its versions, exports and the situation report.

mod common;

use common::Scratch;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// The example corpus beside the checkout, when it is there.
fn dev_corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/dev");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn sample(name: &str) -> PathBuf {
    samples().join(name)
}

fn add(s: &Scratch, paths: &[PathBuf]) {
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let r = s.run_paths(&["add"], &refs);
    assert_eq!(r.code(), 0, "{}", r.stderr());
}

fn all_samples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(samples()).unwrap().map(|e| e.unwrap().path()).collect();
    v.sort();
    v
}

/// The group holding the UN's figure for the besieged east of Aleppo.
fn trapped_group(groups: &[Value]) -> &Value {
    groups
        .iter()
        .find(|g| g["claims"].as_array().unwrap().iter().any(|c| c["origin"]["key"] == "un"))
        .unwrap_or_else(|| panic!("no trapped group cites the UN: {groups:#?}"))
}

#[test]
fn a_besieged_population_reported_differently_is_one_claim_group() {
    let s = Scratch::new();
    let mut docs = all_samples();
    docs.extend(dev_corpus());
    add(&s, &docs);
    let v = s.json(&["figures", "--category", "trapped", "--place", "Aleppo", "--json"]);
    assert!(v["rule_text"].as_str().unwrap().contains("median"));
    let groups = v["claim_groups"].as_array().unwrap();
    let g = trapped_group(groups);
    let claims = g["claims"].as_array().unwrap();
    let values: Vec<f64> = claims.iter().map(|c| c["value"].as_f64().unwrap()).collect();
    // The UN's briefing and the blog that relays it (100,000), and the
    // local council in Arabic, whose own English translation repeats the
    // same claim (80,000).
    assert_eq!(values.iter().filter(|v| **v == 100_000.0).count(), 2, "{values:?}");
    assert_eq!(values.iter().filter(|v| **v == 80_000.0).count(), 1, "{values:?}");
    let council = claims.iter().find(|c| c["value"] == 80_000.0).unwrap();
    assert_eq!(council["repeats"].as_array().map(Vec::len), Some(1), "the translation: {council:#}");
    assert_eq!(g["origins"], 2, "the blog relays the UN, so it does not count again: {g:#}");
    let blog = claims.iter().find(|c| c["origin"]["relay"][0] == "blog.example.net").expect("the blog's claim");
    assert_eq!(blog["origin"]["relay"][1], "United Nations");
    assert_eq!(blog["origin"]["how"], "cited");
    assert_eq!(g["range"]["low"].as_f64(), Some(80_000.0));
    assert_eq!(g["range"]["high"].as_f64(), Some(100_000.0));
    assert_eq!(g["range"]["best"].as_f64(), Some(90_000.0), "the median of two origins");
    // The blog's "about 100,000" and the council's "about 80,000" on the
    // same Saturday cannot both be true.
    assert!(!g["contradictions"].as_array().unwrap().is_empty(), "{g:#}");
    // Every claim leads back to its words.
    for c in claims {
        let ev = &c["evidence"];
        assert!(ev["doc"].as_str().unwrap().starts_with("sha256:"));
        let context = ev["context"].as_str().unwrap();
        let at = ev["at"].as_u64().unwrap() as usize;
        let text = ev["text"].as_str().unwrap();
        assert_eq!(context.chars().skip(at).take(text.chars().count()).collect::<String>(), text);
    }

    // ACLED's reading takes the lowest value as the best.
    let v = s.json(&["figures", "--category", "trapped", "--place", "Aleppo", "--rule", "conservative", "--json"]);
    let g = trapped_group(v["claim_groups"].as_array().unwrap());
    assert_eq!(g["range"]["best"].as_f64(), Some(80_000.0));

    // Out of the window, nothing.
    let v = s.json(&["figures", "--category", "trapped", "--from", "2017-01-01", "--json"]);
    assert!(v["claim_groups"].as_array().unwrap().is_empty());
}

#[test]
fn figures_print_the_rule_the_relay_chain_and_the_evidence() {
    let s = Scratch::new();
    add(&s, &all_samples());
    let r = s.run(&["figures", "--category", "trapped"]);
    assert_eq!(r.code(), 0, "{}", r.stderr());
    let out = r.stdout();
    assert!(out.contains("Range rule: low = the lowest bound"), "{out}");
    assert!(out.contains("blog.example.net → United Nations"), "{out}");
    assert!(out.contains("! contradiction"), "{out}");
    assert!(out.contains("80,000–100,000 (best 90,000)"), "{out}");
}

#[test]
fn a_new_document_changes_only_what_it_must() {
    let s = Scratch::new();
    let first: Vec<PathBuf> =
        ["un-briefing.html", "dispatch-bakery.html", "interview-rescuer.txt"].map(sample).to_vec();
    add(&s, &first);
    let before = s.json(&["timeline", "--json"]);
    assert_eq!(before["version"], 1);
    let ids = |v: &Value| -> Vec<String> {
        v["events"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_string()).collect()
    };
    let old_ids = ids(&before);
    assert!(!old_ids.is_empty());
    // Asking again records no new version.
    assert_eq!(s.json(&["timeline", "--json"])["version"], 1);

    add(&s, &[sample("blog-relay.md"), sample("council-statement-ar.md")]);
    let after = s.json(&["timeline", "--json"]);
    assert_eq!(after["version"], 2);
    let new_ids = ids(&after);
    for id in &old_ids {
        assert!(new_ids.contains(id), "event {id} was renamed by adding documents");
    }
    let changes = s.json(&["timeline", "--since", "1", "--json"]);
    let c = &changes["changes"];
    assert!(c["removed"].as_array().unwrap().is_empty(), "{c:#}");
    assert!(!c["added"].as_array().unwrap().is_empty(), "{c:#}");
    for item in c["added"].as_array().unwrap() {
        assert!(!old_ids.contains(&item["id"].as_str().unwrap().to_string()));
    }
    let r = s.run(&["timeline", "--since", "1"]);
    assert!(r.stdout().starts_with("Changes from timeline version 1 to 2:"), "{}", r.stdout());
    let r = s.run(&["timeline", "--since", "9"]);
    assert_ne!(r.code(), 0);
    assert!(r.stderr().contains("no timeline version 9"), "{}", r.stderr());
    let r = s.run(&["timeline", "--versions"]);
    assert_eq!(r.stdout().lines().count(), 2, "{}", r.stdout());
}

#[test]
fn one_strike_in_two_reports_is_one_event_with_both_sources() {
    let s = Scratch::new();
    let a = s.write(
        "a.txt",
        "Shelling hits market\n\nAleppo, 14 December 2016. Government artillery shelled the market in the Shaar \
         district of Aleppo on Wednesday, killing 12 people, rescuers said.\n",
    );
    let b = s.write(
        "b.txt",
        "Market shelled\n\nAleppo, 14 December 2016. At least 15 people were killed when shells hit a market in \
         al-Shaar on Wednesday, a monitoring group said.\n",
    );
    add(&s, &[a, b]);
    let v = s.json(&["timeline", "--place", "Aleppo", "--json"]);
    let shelling: Vec<&Value> = v["events"].as_array().unwrap().iter().filter(|e| e["type"] == "shelling").collect();
    assert_eq!(shelling.len(), 1, "{v:#}");
    let e = shelling[0];
    assert_eq!(e["date"], "2016-12-14");
    assert_eq!(e["mentions"].as_array().unwrap().len(), 2);
    assert_eq!(e["killed"]["low"].as_f64(), Some(12.0));
    assert_eq!(e["killed"]["high"].as_f64(), Some(15.0));
}

#[test]
fn exports_carry_the_evidence() {
    let s = Scratch::new();
    add(&s, &all_samples());
    let out = s.path("events.csv");
    let r = s.run(&["export", "--format", "acled", "-o", out.to_str().unwrap()]);
    assert_eq!(r.code(), 0, "{}", r.stderr());
    let csv = std::fs::read_to_string(&out).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("event_id_cnty,event_date,year,time_precision,disorder_type,event_type"), "{header}");
    assert!(csv.contains("Aleppo"));
    assert!(!s.path("events.acled.partial").exists() && !s.path("events.csv.partial").exists());

    let r = s.run(&["export", "--format", "geojson"]);
    let g: Value = serde_json::from_str(&r.stdout()).unwrap();
    assert_eq!(g["type"], "FeatureCollection");
    let f = &g["features"].as_array().unwrap()[0];
    let c = f["geometry"]["coordinates"].as_array().unwrap();
    assert!((35.0..39.0).contains(&c[0].as_f64().unwrap()), "longitude first: {c:?}");

    let r = s.run(&["export", "--format", "json"]);
    let j: Value = serde_json::from_str(&r.stdout()).unwrap();
    assert_eq!(j["schema"], "sitrep.linked/1");
    let r = s.run(&["export", "--format", "shapefile"]);
    assert_eq!(r.code(), 2);
    assert!(r.stderr().contains("not an export format"), "{}", r.stderr());
}

#[test]
fn the_report_is_one_file_with_links_to_evidence() {
    let s = Scratch::new();
    add(&s, &all_samples());
    let out = s.path("report.html");
    let r = s.run(&["report", "--out", out.to_str().unwrap(), "--place", "Aleppo"]);
    assert_eq!(r.code(), 0, "{}", r.stderr());
    assert!(r.stdout().starts_with("Situation report: "), "{}", r.stdout());
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("100,000") && html.contains("80,000"));
    // Nothing is fetched when it opens: no scripts, styles or images from elsewhere.
    assert!(!html.contains("src=\"http") && !html.contains("<link"), "the report must be self-contained");
    assert!(html.contains("dir=\"rtl\""));
}

/// A figure in indirect speech (`X told reporters that 14 people were
/// killed`, `وقال … محمود بصل، إن 20 شخصا قتلوا`) comes from the speaker,
/// and the figures page names them as its origin.
#[test]
fn a_figure_in_reported_speech_has_its_speaker_as_origin() {
    let s = Scratch::new();
    let en = s.write(
        "en.txt",
        "Aleppo, 13 December 2016\n\nHospital director Ahmad Khatib told reporters that 14 people were killed in \
         the shelling of the market in Aleppo.\n",
    );
    let ar = s.write(
        "ar.txt",
        "حلب، 13 كانون الأول 2016\n\nوقال المتحدث باسم الدفاع المدني في حلب، محمود بصل، إن 20 شخصا قتلوا في الغارة على السوق.\n",
    );
    add(&s, &[en, ar]);
    let v = s.json(&["figures", "--category", "killed", "--json"]);
    let claims: Vec<&Value> =
        v["claim_groups"].as_array().unwrap().iter().flat_map(|g| g["claims"].as_array().unwrap()).collect();
    let origin = |value: f64| {
        let c = claims
            .iter()
            .find(|c| c["value"].as_f64() == Some(value))
            .unwrap_or_else(|| panic!("no claim of {value}: {claims:#?}"));
        (c["origin"]["name"].as_str().unwrap_or("").to_string(), c["origin"]["how"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(origin(14.0), ("Ahmad Khatib".to_string(), "cited".to_string()));
    assert_eq!(origin(20.0), ("محمود بصل".to_string(), "cited".to_string()));
    let page = s.run(&["figures", "--category", "killed"]);
    assert!(page.stdout().contains("→ Ahmad Khatib (cited)"), "{}", page.stdout());
}
