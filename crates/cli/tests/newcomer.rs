//! What a newcomer tripped over on five pages of reporting from one city
//! (issue 19), one test per finding. The pages are written here in the
//! shapes such reporting takes: a stock-footage listing with a date line,
//! an interview page under a "3 min read" line, a blog relay with no date
//! of its own, a wire story dated by its dateline, and a page of English
//! with Arabic names on lines of their own.

mod common;

use common::*;

const LISTING: &str = "Inside the besieged district\n\n\
Syria 06 Feb 2016\n\n\
Footage filmed on February 6, 2016 in a besieged quarter of eastern Aleppo. Hundreds of families \
have fled the quarter for the border.\n\n\
10:01 (Samir, Resident)\n\
\"The road is blocked and the jets are striking every hour, there were nine dead and four injured \
at the bakery this morning.\"\n";

const INTERVIEW: &str = "3 min read\n\n\
Besieged Aleppo baker: 'we will not leave'\n\n\
\"Mortars keep landing near us as I write,\" Karim Haddad, a citizen journalist in east Aleppo, told the \
agency on Tuesday, December 13, 2016.\n\n\
An estimated 100,000 people are trapped in the eastern districts, he said.\n";

const RELAY: &str = "Rebels say the truce is already broken\n\n\
Hours after a truce took hold, mortar fire hit the city again, the blog's sources said. About 50,000 people \
are trapped in the last districts.\n";

const WIRE: &str = "Evacuation convoy waits at the crossing\n\n\
ALEPPO, Dec 14, 2016 - Buses waited at the edge of the enclave on Wednesday as shelling resumed, \
and at least 40,000 people remained trapped, the UN said.\n";

const NAMES: &str = "Shelling hits the Shaar district\n\n\
Shelling killed nine people queuing for bread in the Shaar district of Aleppo on Wednesday, \
December 14, 2016, rescuers said, and dozens were injured.\n\n\
حلب\n\n\
حي الشعار\n\n\
Rescuers said the bakery had been the only one still working in the district since the siege began.\n";

fn five_pages(s: &Scratch) {
    let files: Vec<_> = [
        ("listing.txt", LISTING),
        ("interview.txt", INTERVIEW),
        ("relay.txt", RELAY),
        ("wire.txt", WIRE),
        ("names.txt", NAMES),
    ]
    .iter()
    .map(|(n, t)| s.write(n, t))
    .collect();
    let paths: Vec<&std::path::Path> = files.iter().map(|p| p.as_path()).collect();
    let r = s.run_paths(&["add"], &paths);
    assert_eq!(r.code(), 0, "{}", r.stderr());
}

#[test]
fn list_gives_the_date_the_text_states_and_the_headline_as_title() {
    let s = Scratch::new();
    five_pages(&s);
    let list = s.json(&["list", "--json"]);
    let docs = list.as_array().unwrap();
    assert_eq!(docs.len(), 5);
    let dated = docs.iter().filter(|d| d["published"].is_string()).count();
    assert!(dated >= 4, "{list:#}");
    for d in docs {
        assert_ne!(d["title"], "3 min read");
        if d["published"].is_string() {
            assert!(d["published_source"].is_string(), "{d:#}");
        }
    }
    let interview = docs.iter().find(|d| d["source"].as_str().unwrap().ends_with("interview.txt")).unwrap();
    assert_eq!(interview["title"], "Besieged Aleppo baker: 'we will not leave'");
    assert_eq!(interview["published"], "2016-12-13");
    let names = docs.iter().find(|d| d["source"].as_str().unwrap().ends_with("names.txt")).unwrap();
    assert_eq!(names["languages"], serde_json::json!(["en"]), "two names in Arabic are not an Arabic paragraph");
    let table = s.run(&["list"]).stdout();
    assert!(table.contains("2016-12-13"), "{table}");
}

#[test]
fn categories_forgive_case_and_a_slip_is_exit_2_with_the_nearest() {
    let s = Scratch::new();
    five_pages(&s);
    let lower = s.json(&["figures", "--category", "trapped", "--json"]);
    let upper = s.json(&["figures", "--category", "Trapped", "--json"]);
    assert_eq!(lower, upper);
    assert!(!lower["claim_groups"].as_array().unwrap().is_empty());
    let r = s.run(&["figures", "--category", "trappd"]);
    assert_eq!(r.code(), 2);
    assert!(r.stderr().contains("did you mean trapped"), "{}", r.stderr());
}

#[test]
fn a_place_in_arabic_finds_what_its_english_name_finds() {
    let s = Scratch::new();
    five_pages(&s);
    let english = s.json(&["figures", "--place", "Aleppo", "--json"]);
    let arabic = s.json(&["figures", "--place", "حلب", "--json"]);
    assert!(!english["claim_groups"].as_array().unwrap().is_empty());
    assert_eq!(english["claim_groups"], arabic["claim_groups"]);
    let t_en = s.json(&["timeline", "--place", "Aleppo", "--json"]);
    let t_ar = s.json(&["timeline", "--place", "حلب", "--json"]);
    assert_eq!(t_en["events"], t_ar["events"]);
    // A neighbourhood, spelt without its article.
    let shaar = s.run(&["figures", "--place", "Shaar"]);
    assert_eq!(shaar.code(), 0, "{}", shaar.stderr());
    // A name nobody knows is exit 2, with what is near.
    let r = s.run(&["figures", "--place", "Aleppa"]);
    assert_eq!(r.code(), 2, "{}", r.stdout());
    assert!(r.stderr().contains("Aleppo"), "{}", r.stderr());
    // A place that is known but holds nothing is said, with what is near.
    let r = s.run(&["figures", "--place", "Idlib"]);
    assert_eq!(r.code(), 1);
    assert!(r.stderr().contains("nothing here is at Idlib") && r.stderr().contains("km"), "{}", r.stderr());
}

#[test]
fn a_read_command_never_creates_an_archive() {
    let s = Scratch::new();
    let missing = s.path("seeds/seeds.db");
    for args in [&["figures"][..], &["list"], &["timeline"], &["search", "x"], &["verify"], &["show", "deadbeef"]] {
        let r = Run(std::process::Command::new(BIN)
            .arg("--archive")
            .arg(&missing)
            .args(args)
            .env_remove("SITREP_ARCHIVE")
            .output()
            .unwrap());
        assert_eq!(r.code(), 3, "{args:?}");
        assert!(r.stderr().contains("seeds.db"), "{args:?}: {}", r.stderr());
        assert!(!s.path("seeds").exists(), "{args:?} made the folder");
    }
    // `add` still makes one.
    let f = s.write("a.txt", LISTING);
    let r = Run(std::process::Command::new(BIN).arg("--archive").arg(&missing).arg("add").arg(f).output().unwrap());
    assert_eq!(r.code(), 0, "{}", r.stderr());
    assert!(missing.is_file());
}

#[test]
fn show_facts_lists_quotes_and_events() {
    let s = Scratch::new();
    five_pages(&s);
    let list = s.json(&["list", "--json"]);
    let listing = list.as_array().unwrap().iter().find(|d| d["source"].as_str().unwrap().ends_with("listing.txt"));
    let id = listing.unwrap()["id"].as_str().unwrap()[..12].to_string();
    let r = s.run(&["show", &id, "--facts"]);
    assert_eq!(r.code(), 0, "{}", r.stderr());
    let out = r.stdout();
    let quote = out.lines().find(|l| l.starts_with("quote")).unwrap_or_else(|| panic!("no quote line:\n{out}"));
    assert!(quote.contains("Samir, Resident") && quote.contains("at 10:01"), "{quote}");
    assert!(out.lines().any(|l| l.starts_with("event")), "{out}");
    assert!(out.contains(" quotes, ") && out.contains(" events ("), "{out}");
}

#[test]
fn show_json_gives_paragraph_spans_in_characters() {
    let s = Scratch::new();
    let f = s.write("ar.txt", "قصف على حي الشعار\n\nقتل تسعة مدنيين في قصف على حي الشعار في حلب.\n");
    assert_eq!(s.run_paths(&["add"], &[&f]).code(), 0);
    let list = s.json(&["list", "--json"]);
    let id = list[0]["id"].as_str().unwrap()[..12].to_string();
    let doc = s.json(&["show", &id, "--json"]);
    let text: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    let second = &doc["paragraphs"][1]["span"];
    let (a, b) = (second[0].as_u64().unwrap() as usize, second[1].as_u64().unwrap() as usize);
    assert_eq!(b, text.len(), "the span ends at the last character, not byte");
    assert!(text[a..b].iter().collect::<String>().starts_with("قتل"));
}

#[test]
fn add_verbose_says_each_failure_once() {
    let s = Scratch::new();
    let ok = s.write("ok.txt", LISTING);
    let missing = s.path("missing.txt");
    let r = s.run_paths(&["add", "-v"], &[&ok, &missing]);
    assert_eq!(r.code(), 1);
    let all = format!("{}{}", r.stdout(), r.stderr());
    assert_eq!(all.matches("missing.txt").count(), 1, "{all}");
    assert!(r.stdout().contains("added"), "{}", r.stdout());
}

#[test]
fn the_demo_says_commands_that_run_as_written() {
    let s = Scratch::new();
    let at = s.path("demo.db");
    let r = Run(std::process::Command::new(BIN).arg("demo").arg("--at").arg(&at).env_remove("CARGO").output().unwrap());
    assert_eq!(r.code(), 0, "{}", r.stderr());
    let out = r.stdout();
    let tries: Vec<&str> =
        out.lines().skip_while(|l| !l.starts_with("Try next")).skip(1).take_while(|l| l.starts_with("  ")).collect();
    assert!(tries.len() >= 4, "{out}");
    // Not run by cargo and not on PATH: the binary's own path.
    for t in &tries {
        assert!(t.trim_start().starts_with(BIN), "{t}");
    }
    // Every line but `add` runs as printed (its words split as a shell would).
    for t in tries.iter().filter(|t| !t.contains(" add ") && !t.contains(" serve") && !t.contains("export")) {
        let words: Vec<&str> = t.split("   ").next().unwrap().split_whitespace().collect();
        let r = Run(std::process::Command::new(words[0]).args(&words[1..]).current_dir(s.dir.path()).output().unwrap());
        assert_eq!(r.code(), 0, "{t}: {}", r.stderr());
    }
}
