//! `sitrep gazetteer import`: a country's GeoNames dump and OCHA's
//! boundaries table, written here for an invented country, are kept in the
//! archive; `extract` and `reextract` then find places only they know, with
//! their P-codes; bad rows are named by row and column and lose nothing.

mod common;

use common::*;
use serde_json::Value;

/// An invented country (`XZ`, assigned to no country), its names checked
/// to name no built-in place but loosely: alone in a text they are no
/// places until the analyst's gazetteer has them.
const GEONAMES: &str = "\
99100001\tDravonia\tDravonia\tRepublic of Dravonia,درافونيا\t12.5\t40.25\tA\tPCLI\tXZ\t\t00\t\t\t\t2100000\t\t412\tAfrica/Djibouti\t2025-01-15
99100002\tHarrowmere Province\tHarrowmere Province\tHarrowmere,هاروومير\t12.61\t40.11\tA\tADM1\tXZ\t\t01\t\t\t\t\t\t388\tAfrica/Djibouti\t2025-01-15
99100003\tQuorvalin\tQuorvalin\tKorvalin,كورفالين\t12.65\t40.17\tP\tPPLC\tXZ\t\t01\t\t\t\t412000\t\t401\tAfrica/Djibouti\t2025-01-15
99100004\tYzdrahel\tYzdrahel\t\tnorth\t40.0\tP\tPPL\tXZ\t\t01\t\t\t\t500\t\t\tAfrica/Djibouti\t2025-01-15
99100005\tPelmor Ridge\tPelmor Ridge\t\t12.9\t40.4\tT\tRDGE\tXZ\t\t01\t\t\t\t\t1240\t1228\tAfrica/Djibouti\t2025-01-15
";

const OCHA: &str = "\
ADM0_EN,ADM0_AR,ADM0_PCODE,ADM1_EN,ADM1_AR,ADM1_PCODE,ADM2_EN,ADM2_AR,ADM2_PCODE,ADM2ALT1EN,date
Dravonia,درافونيا,XZ,Harrowmere,هاروومير,XZ01,Tesmirak,تسميراك,XZ0103,Tesmirac,2024-06-30
Dravonia,درافونيا,XZ,Harrowmere,هاروومير,XZ01,Ostrivane,أوستريفان,XZ0104,,2024-06-30
";

const REPORT: &str = "Dravonia, 3 March 2025\n\n\
    Families fled from Tesmirak to Quorvalin after shelling on Monday, residents said.\n";

fn places(record: &Value) -> Vec<(String, String, Option<String>)> {
    record["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["text"].as_str().unwrap().to_string(),
                p["id"].as_str().unwrap().to_string(),
                p["pcode"].as_str().map(String::from),
            )
        })
        .collect()
}

fn has(record: &Value, text: &str, id: &str, pcode: Option<&str>) -> bool {
    places(record).iter().any(|(t, i, p)| t == text && i == id && p.as_deref() == pcode)
}

#[test]
fn imported_gazetteers_give_places_only_they_know_to_extract_and_reextract() {
    let s = Scratch::new();
    let report = s.write("report.txt", REPORT);
    let geonames = s.write("XZ.txt", GEONAMES);
    let ocha = s.write("xz_adminboundaries_tabulardata.csv", OCHA);
    let extract = |s: &Scratch| -> Value {
        let r = s.run(&["extract", "--format", "json", "--no-text", report.to_str().unwrap()]);
        assert_eq!(r.code(), 0, "{}", r.stderr());
        serde_json::from_str(&r.stdout()).unwrap()
    };

    // Before: an archive with the report, which names no place it knows.
    assert_eq!(s.run(&["add", report.to_str().unwrap()]).code(), 0);
    let id = sitrep_record::DocId::of(REPORT.as_bytes()).into_hex();
    let before = s.json(&["show", &id[..8], "--facts", "--json"]);
    assert!(places(&before).iter().all(|(t, _, _)| t != "Quorvalin" && t != "Tesmirak"), "{:?}", places(&before));

    // The import: the bad row is named by row and column, the rest kept.
    let r = s.run_paths(&["gazetteer", "import"], &[&geonames, &ocha]);
    assert_eq!(r.code(), 1, "a row was left out: {}", r.stderr());
    assert!(r.stderr().contains("row 4, column 5 (latitude): \"north\" is not a coordinate"), "{}", r.stderr());
    let list = s.json(&["gazetteer", "list", "--json"]);
    let imports = list.as_array().unwrap();
    assert_eq!(imports.len(), 2);
    assert_eq!(imports[0]["format"], "geonames");
    assert_eq!(imports[0]["places"], 3, "the country, its province and its capital; the ridge is no place");
    assert_eq!(imports[1]["format"], "ocha-csv");

    // extract: the GeoNames-only city and the OCHA-only district, with its P-code.
    let now = extract(&s);
    assert!(has(&now, "Quorvalin", "gn:99100003", None), "{:?}", places(&now));
    assert!(has(&now, "Tesmirak", "ocha:XZ0103", Some("XZ0103")), "{:?}", places(&now));
    let tesmirak = now["places"].as_array().unwrap().iter().find(|p| p["text"] == "Tesmirak").unwrap();
    assert_eq!(tesmirak["within"], serde_json::json!(["Harrowmere", "Dravonia"]));
    assert!(tesmirak["evidence"].as_array().unwrap().iter().any(|e| e == "imported"), "{tesmirak}");
    assert!(now["extractor"].as_str().unwrap().contains("+ gazetteer "), "{}", now["extractor"]);

    // reextract: the stored record was made without them, so it is stale.
    let v = s.json(&["reextract", "--json"]);
    assert_eq!(v["reextracted"], 1, "{v}");
    let stored = s.json(&["show", &id[..8], "--facts", "--json"]);
    assert!(has(&stored, "Tesmirak", "ocha:XZ0103", Some("XZ0103")), "{:?}", places(&stored));
    assert!(has(&stored, "Quorvalin", "gn:99100003", None), "{:?}", places(&stored));
    assert_eq!(s.json(&["reextract", "--json"])["reextracted"], 0);

    // Nothing already imported is lost: the same file again stores nothing,
    // a file that is no gazetteer fails alone.
    let again = s.run_paths(&["gazetteer", "import", "--json"], &[&ocha]);
    assert_eq!(again.code(), 0, "{}", again.stderr());
    let again: Value = serde_json::from_str(&again.stdout()).unwrap();
    assert_eq!(again[0]["already"], true);
    let junk = s.write("notes.txt", "nothing to see here\n");
    let r = s.run_paths(&["gazetteer", "import"], &[&junk]);
    assert_eq!(r.code(), 1);
    assert!(r.stderr().contains("notes.txt"), "{}", r.stderr());
    assert_eq!(s.json(&["gazetteer", "list", "--json"]).as_array().unwrap().len(), 2);
    let last = extract(&s);
    assert!(has(&last, "Tesmirak", "ocha:XZ0103", Some("XZ0103")), "{:?}", places(&last));
    assert_eq!(s.run(&["verify"]).code(), 0);
}
