//! Who a claim comes from.
//!
//! The origin of a figure is, in order: the body the sentence cites
//! (`according to the UN`: `cited`); the speaker of the quote the figure
//! stands in (`speaker`); a wire service the document credits at its head
//! (`(Reuters) -`, `AFP reported`: `wire`); else the publisher. Cited bodies
//! and speakers are keyed by the actor they resolve to, so "the UN" in one
//! page and "United Nations" in another are one origin. The relay chain
//! runs from the publisher to the origin.
//!
//! Two kinds of document pass on someone else's words whole. A forwarded
//! post or a repost (`DocMeta::relayed_from`) is a relay: its publisher's
//! place is taken by whoever first posted it (`relayed`). A syndicated copy
//! (`DocMeta::copy_of`, found by the archive) carries its original's story:
//! a claim in a sentence the original holds (`copies::sentence_shared`)
//! that the copy would put down to its own publisher (or relay) is put
//! down to what the original's document origin is (its wire, its
//! publisher), and such a claim's chain runs through the original's
//! publisher, so twenty outlets carrying one story count once and show as
//! `outlet B → outlet A`. What a copy adds in its own words stays its own.

use crate::keys::norm as fold_key;
use crate::model::{DocMeta, Origin};
use sitrep_record::{Actor, Record};
use std::collections::HashSet;

/// How far into a document a wire credit may stand and still credit the
/// whole story: a dateline (`BEIRUT (Reuters) -`) or a first paragraph.
const WIRE_HEAD_CHARS: usize = 400;

/// Who put a document out: its site, else its URL's host, else its author,
/// else the URL or file name its first copy came from, else the document
/// itself (an unattributed file is its own origin).
pub fn publisher(doc: &DocMeta) -> String {
    if let Some(site) = doc.site.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        return site.to_string();
    }
    if let Some(host) = doc.url.as_deref().and_then(host) {
        return host;
    }
    if let Some(author) = doc.author.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        return author.to_string();
    }
    if let Some(file) = doc.file.as_deref() {
        if let Some(host) = host(file) {
            return host;
        }
        let name = file.rsplit(['/', '\\']).next().unwrap_or(file).trim();
        if !name.is_empty() {
            return name.to_string();
        }
    }
    let hex = doc.id.strip_prefix("sha256:").unwrap_or(&doc.id);
    format!("document {}", &hex[..hex.len().min(12)])
}

fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    let host = host.split(':').next()?.trim_start_matches("www.").to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

fn publisher_origin(doc: &DocMeta) -> Origin {
    let name = publisher(doc);
    if let Some(first) = doc.relayed_from.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        if fold_key(first) != fold_key(&name) {
            return Origin {
                key: format!("pub:{}", fold_key(first)),
                name: first.to_string(),
                how: "relayed".into(),
                relay: vec![name, first.to_string()],
            };
        }
    }
    Origin { key: format!("pub:{}", fold_key(&name)), name: name.clone(), how: "publisher".into(), relay: vec![name] }
}

/// Strips what does not name the body: `the`, and trailing punctuation.
fn clean(name: &str) -> &str {
    let n = name.trim().trim_end_matches(['.', ',', ';', ':', ')', '»', '"', '”']).trim();
    n.strip_prefix("the ").or_else(|| n.strip_prefix("The ")).unwrap_or(n)
}

/// The origin of a name the text gives (a cited body or a speaker): the
/// actor it names if the record knows one inside it, else the name itself.
fn named(record: &Record, name: &str, how: &str, publisher: &str) -> Origin {
    let folded = fold_key(clean(name));
    let actor = record
        .actors
        .iter()
        .filter(|a| !a.text.is_empty() && folded.contains(&fold_key(clean(&a.text))))
        .max_by_key(|a| a.text.chars().count());
    let (key, display) = match actor {
        Some(a) if a.kind != "civilians" => (a.id.clone(), a.name.clone()),
        _ => (format!("name:{folded}"), clean(name).to_string()),
    };
    let mut relay = vec![publisher.to_string()];
    if fold_key(publisher) != fold_key(&display) {
        relay.push(display.clone());
    }
    Origin { key, name: display, how: how.into(), relay }
}

/// Origins of one document's claims.
pub struct Origins<'a> {
    doc: &'a DocMeta,
    record: &'a Record,
    publisher: String,
    wire: Option<&'a Actor>,
    /// The original's origins and shingles, when this document is a
    /// syndicated copy.
    original: Option<(Box<Origins<'a>>, HashSet<u64>)>,
}

impl<'a> Origins<'a> {
    pub fn new(doc: &'a DocMeta, record: &'a Record) -> Origins<'a> {
        let publisher = publisher(doc);
        let own = fold_key(&publisher);
        let wire = record.actors.iter().find(|a| {
            a.kind == "media"
                && a.span[0] < WIRE_HEAD_CHARS
                && !own.contains(&fold_key(&a.name))
                && !own.contains(&fold_key(&a.text))
        });
        Origins { doc, record, publisher, wire, original: None }
    }

    /// These origins for a document that copies the story of `original`,
    /// whose text is `text`.
    pub fn copying(mut self, original: Origins<'a>, text: &str) -> Origins<'a> {
        if original.doc.id != self.doc.id {
            self.original = Some((Box::new(original), sitrep_text::copies::shingle_set(text)));
        }
        self
    }

    /// Puts a claim of a copy down to its original: what the copy's own
    /// publisher would be credited with goes to the original's document
    /// origin, and the chain runs copy → original → origin.
    fn through_original(&self, own: Origin) -> Origin {
        let Some((original, _)) = &self.original else { return own };
        let mut o = if matches!(own.how.as_str(), "publisher" | "relayed") { original.document() } else { own };
        let mut relay = vec![self.publisher.clone()];
        if fold_key(&original.publisher) != fold_key(&self.publisher) {
            relay.push(original.publisher.clone());
        }
        for r in o.relay.iter() {
            if !relay.iter().any(|x| fold_key(x) == fold_key(r)) {
                relay.push(r.clone());
            }
        }
        o.relay = relay;
        o
    }

    /// The document's own origin: the wire it relays, else its publisher
    /// (or whom it relays).
    pub fn document(&self) -> Origin {
        match self.wire {
            Some(w) => Origin {
                key: w.id.clone(),
                name: w.name.clone(),
                how: "wire".into(),
                relay: vec![self.publisher.clone(), w.name.clone()],
            },
            None => publisher_origin(self.doc),
        }
    }

    /// The origin of a figure at `span` with the cited `source`, in
    /// `sentence` (which tells, in a copy, whether the words are the
    /// original's).
    pub fn of(&self, span: [usize; 2], source: Option<&str>, sentence: &str) -> Origin {
        let own = self.own(span, source);
        match &self.original {
            Some((_, shingles)) if sitrep_text::copies::sentence_shared(shingles, sentence) => {
                self.through_original(own)
            }
            _ => own,
        }
    }

    fn own(&self, span: [usize; 2], source: Option<&str>) -> Origin {
        if let Some(s) = source.filter(|s| !clean(s).is_empty()) {
            return named(self.record, s, "cited", &self.publisher);
        }
        let speaker = self
            .record
            .quotes
            .iter()
            .filter(|q| q.span[0] <= span[0] && span[1] <= q.span[1])
            .filter(|q| q.speaker_role.as_deref() != Some("interviewer"))
            .find_map(|q| q.speaker.as_deref());
        if let Some(s) = speaker {
            return named(self.record, s, "speaker", &self.publisher);
        }
        self.document()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(site: Option<&str>, url: Option<&str>) -> DocMeta {
        DocMeta {
            id: "sha256:0123456789abcdef".into(),
            site: site.map(Into::into),
            url: url.map(Into::into),
            ..Default::default()
        }
    }

    #[test]
    fn publisher_falls_back_from_site_to_host_to_the_document() {
        assert_eq!(publisher(&doc(Some("Syria Direct"), Some("https://x.org/a"))), "Syria Direct");
        assert_eq!(publisher(&doc(None, Some("https://www.Example.org:8080/a?b"))), "example.org");
        assert_eq!(publisher(&doc(None, None)), "document 0123456789ab");
    }

    fn actor(text: &str, id: &str, name: &str, kind: &str, at: usize) -> Actor {
        Actor {
            span: [at, at + text.chars().count()],
            text: text.into(),
            id: id.into(),
            name: name.into(),
            kind: kind.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_cited_body_resolves_to_its_actor() {
        let r =
            Record { actors: vec![actor("UN", "un", "United Nations", "international-org", 30)], ..Default::default() };
        let d = doc(None, Some("https://blog.example/post"));
        let o = Origins::new(&d, &r).of([0, 5], Some("the UN."), "");
        assert_eq!((o.key.as_str(), o.how.as_str()), ("un", "cited"));
        assert_eq!(o.relay, vec!["blog.example", "United Nations"]);
    }

    #[test]
    fn a_wire_credit_at_the_head_is_the_origin_of_uncited_figures() {
        let r = Record { actors: vec![actor("Reuters", "reuters", "Reuters", "media", 8)], ..Default::default() };
        let d = doc(None, Some("https://blog.example/post"));
        let o = Origins::new(&d, &r).of([100, 105], None, "");
        assert_eq!((o.key.as_str(), o.how.as_str()), ("reuters", "wire"));
        assert_eq!(o.relay, vec!["blog.example", "Reuters"]);
        // Reuters' own page is not relaying anyone.
        let own = doc(Some("Reuters"), None);
        assert_eq!(Origins::new(&own, &r).of([100, 105], None, "").how, "publisher");
    }

    #[test]
    fn a_figure_in_a_quote_comes_from_its_speaker() {
        let r = Record {
            quotes: vec![sitrep_record::Quote {
                span: [10, 80],
                speaker: Some("Abu Omar".into()),
                ..Default::default()
            }],
            ..Default::default()
        };
        let d = doc(Some("Enab Baladi"), None);
        let o = Origins::new(&d, &r).of([20, 25], None, "");
        assert_eq!((o.key.as_str(), o.name.as_str(), o.how.as_str()), ("name:abu omar", "Abu Omar", "speaker"));
    }
}
