//! The pass rule of the speaker golden cases (`tests/golden/speakers_*.jsonl`),
//! shared by the tests that run them and by `sitrep-eval`'s attribution
//! report, so both count a case the same way.
//!
//! A gold quote passes when some quote of the record overlaps it (the
//! folded words of one contain the other's) and its speaker fits: a null
//! gold speaker wants none; an interviewer's question passes on the role
//! `interviewer`; otherwise the speaker must match as the example corpus's
//! scorer matches names (equal, or one contains the other) and must not be
//! merely one of the case's `not_speaker` traps. A case with no gold
//! quotes passes when the record has none.

use sitrep_record::Quote;
use sitrep_text::fold::fold_key;

/// A quote a golden case expects.
#[derive(Clone, Debug, Default)]
pub struct GoldQuote {
    pub quote: String,
    pub speaker: Option<String>,
    pub role: Option<String>,
    /// Names a nearest-name rule would pick, which must not be the speaker.
    pub not_speaker: Vec<String>,
}

/// Text folded for comparing: quotation marks and dashes of every kind as
/// one, Arabic letter variants and marks folded, lowercase, single spaces.
pub fn norm(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| match c {
            '‘' | '’' => '\'',
            '“' | '”' | '«' | '»' | '„' => '"',
            '–' | '—' => '-',
            '\u{a0}' => ' ',
            c => c,
        })
        .collect();
    let folded = fold_key(&mapped.replace('…', "...")).to_lowercase();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Does `pred` name one of `accepted`: equal, or one containing the other
/// (three characters at least)?
pub fn name_match(pred: &str, accepted: &[&str]) -> bool {
    let p = norm(pred);
    if p.chars().count() < 2 {
        return false;
    }
    accepted
        .iter()
        .map(|a| norm(a))
        .filter(|a| !a.is_empty())
        .any(|a| p == a || (p.chars().count() >= 3 && a.contains(&p)) || (a.chars().count() >= 3 && p.contains(&a)))
}

/// Do two texts overlap: the folded words of one contain the other's?
pub fn overlaps(a: &str, b: &str) -> bool {
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

/// Does the record's quote `q` give the gold quote's speaker?
pub fn speaker_ok(g: &GoldQuote, q: &Quote) -> bool {
    let pred = q.speaker.as_deref().unwrap_or("").trim();
    let role = q.speaker_role.as_deref().unwrap_or("").to_lowercase();
    if g.role.as_deref() == Some("interviewer") && role == "interviewer" {
        return true;
    }
    let Some(gold) = &g.speaker else { return pred.is_empty() };
    if !name_match(pred, &[gold]) {
        return false;
    }
    let np = norm(pred);
    !g.not_speaker.iter().map(|n| norm(n)).any(|n| !n.is_empty() && (np == n || n.contains(&np)))
}

/// Does some quote of the record pass for the gold quote?
pub fn quote_passes(g: &GoldQuote, quotes: &[Quote]) -> bool {
    quotes.iter().filter(|q| overlaps(&q.text, &g.quote)).any(|q| speaker_ok(g, q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_as_the_scorer_matches_them() {
        assert!(name_match("Omar a-Rifai", &["a-Rifai"]));
        assert!(name_match("أبوغيث", &["أبوغيث"]));
        assert!(name_match("الهيئة العامة للإسعاف", &["الهيئه العامه للاسعاف"]), "folded letters");
        assert!(!name_match("x", &["x"]), "too short");
        assert!(!name_match("Lena Varga", &["Tomas Ruiz"]));
    }

    #[test]
    fn a_trap_is_not_the_speaker() {
        let g = GoldQuote {
            quote: "the words".into(),
            speaker: Some("a nurse at the Al-Amal clinic".into()),
            not_speaker: vec!["the BBC".into()],
            ..Default::default()
        };
        let q = |s: &str| Quote { text: "the words".into(), speaker: Some(s.into()), ..Default::default() };
        assert!(quote_passes(&g, &[q("a nurse at the Al-Amal clinic")]));
        assert!(!quote_passes(&g, &[q("BBC")]));
        assert!(!quote_passes(&g, &[]), "a quote not found does not pass");
    }
}
