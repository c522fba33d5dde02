//! The analyst's review: corrections beside the machine's record, and an
//! audit log chained by hash.
//!
//! A review is about one item of one document, named by its kind and span
//! (`figure` at `[120, 127)`), so it outlives re-extraction: when the
//! extractor is improved and makes the record again, the analyst's decision
//! still applies to the item at those words. The newest review of an item
//! decides its state:
//!
//! | action | the reviewed record |
//! | --- | --- |
//! | `confirm` | keeps the machine's item, marked as checked |
//! | `correct` | has the analyst's item instead (added if the machine no longer finds one) |
//! | `reject` | drops the item |
//! | `add` | has an item the extractor missed |
//!
//! Events across documents are merged and split by id (`kind = "link"`).

use crate::error::{Result, StoreError};
use crate::{now, Archive};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use sitrep_record::{DocId, FactKind, Item, Record, ReviewAction};
use std::collections::BTreeMap;

/// What an analyst decided about one item, as a form or a script gives
/// it: [`Archive::review`] checks every field before anything is stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewInput {
    /// Document id (hex, as `list` prints it; `sha256:` in front is fine).
    pub doc: String,
    /// `date`, `figure`, `place`, `actor`, `quote` or `event`.
    pub kind: String,
    /// `[start, end)` in characters of the document text.
    pub span: [usize; 2],
    /// `confirm`, `correct`, `reject` or `add`.
    pub action: String,
    /// The item as the analyst has it, in the record's shape for its kind
    /// (`correct` and `add`); its span is set from `span`.
    pub value: Option<Value>,
    pub who: String,
    pub note: Option<String>,
}

/// A stored review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub id: i64,
    pub doc: String,
    pub kind: FactKind,
    pub span: [usize; 2],
    pub action: ReviewAction,
    pub value: Option<Value>,
    pub who: String,
    pub at: String,
    pub note: Option<String>,
}

/// One item of a document as the analyst sees it: what the machine found,
/// what was decided, and what stands now.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fact {
    pub kind: FactKind,
    pub span: [usize; 2],
    /// `machine` (not reviewed), `confirmed`, `corrected`, `rejected` or `added`.
    pub status: String,
    pub machine: Option<Value>,
    /// The item in the reviewed record; `None` when rejected.
    pub current: Option<Value>,
    pub review: Option<Review>,
}

/// One entry of the audit log.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub who: String,
    pub action: String,
    pub target: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub prev: String,
    pub hash: String,
}

fn entry_hash(prev: &str, at: &str, who: &str, action: &str, target: &str, before: &str, after: &str) -> String {
    let mut h = Sha256::new();
    for part in [prev, at, who, action, target, before, after] {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The newest review of each item.
fn newest(reviews: &[Review]) -> BTreeMap<(FactKind, [usize; 2]), &Review> {
    let mut out = BTreeMap::new();
    for r in reviews {
        out.insert((r.kind, r.span), r);
    }
    out
}

/// A record with its reviews applied.
pub fn apply(record: &Record, reviews: &[Review]) -> Record {
    let mut r = record.clone();
    for ((kind, span), review) in newest(reviews) {
        match kind {
            FactKind::Date => apply_to(&mut r.dates, span, review),
            FactKind::Figure => apply_to(&mut r.figures, span, review),
            FactKind::Place => apply_to(&mut r.places, span, review),
            FactKind::Actor => apply_to(&mut r.actors, span, review),
            FactKind::Quote => apply_to(&mut r.quotes, span, review),
            FactKind::Event => apply_to(&mut r.events, span, review),
        }
    }
    r
}

/// One review applied to the items of its kind, which stay in span order.
fn apply_to<T: Item>(items: &mut Vec<T>, span: [usize; 2], review: &Review) {
    let at = items.iter().position(|i| i.span() == span);
    match (review.action, at) {
        (ReviewAction::Reject, Some(i)) => {
            items.remove(i);
        }
        (ReviewAction::Correct | ReviewAction::Add, _) => {
            // An item that no longer reads as its kind is kept out; `review`
            // validates before storing, so this only happens if the
            // record's shape changes under old reviews.
            if let Some(item) = review.value.as_ref().and_then(|v| T::deserialize(v).ok()) {
                match at {
                    Some(i) => items[i] = item,
                    None => items.push(item),
                }
            }
        }
        _ => {}
    }
    items.sort_by_key(Item::span);
}

/// Checks an item the analyst gives against the record's shape for its
/// kind, and sets its span.
fn validated(kind: FactKind, span: [usize; 2], value: &Value) -> std::result::Result<Value, String> {
    fn reads<T: Item>(v: &Value) -> std::result::Result<(), serde_json::Error> {
        T::deserialize(v).map(|_| ())
    }
    let mut v = value.clone();
    let Some(obj) = v.as_object_mut() else { return Err(format!("the {kind} must be a JSON object")) };
    obj.insert("span".into(), serde_json::json!(span));
    let check = match kind {
        FactKind::Date => reads::<sitrep_record::DateFact>(&v),
        FactKind::Figure => reads::<sitrep_record::Figure>(&v),
        FactKind::Place => reads::<sitrep_record::Place>(&v),
        FactKind::Actor => reads::<sitrep_record::Actor>(&v),
        FactKind::Quote => reads::<sitrep_record::Quote>(&v),
        FactKind::Event => reads::<sitrep_record::Event>(&v),
    };
    check.map_err(|e| format!("that is not a {kind} as sitrep.extract/1 writes one: {e}"))?;
    Ok(v)
}

/// The items of one kind of a record, as JSON, with their spans.
fn items(record: &Record, kind: FactKind) -> Vec<([usize; 2], Value)> {
    fn of<T: Item>(items: &[T]) -> Vec<([usize; 2], Value)> {
        items.iter().map(|i| (i.span(), serde_json::to_value(i).expect("items serialize"))).collect()
    }
    match kind {
        FactKind::Date => of(&record.dates),
        FactKind::Figure => of(&record.figures),
        FactKind::Place => of(&record.places),
        FactKind::Actor => of(&record.actors),
        FactKind::Quote => of(&record.quotes),
        FactKind::Event => of(&record.events),
    }
}

impl Archive {
    /// Stores a review and its audit entry in one transaction.
    pub fn review(&mut self, input: &ReviewInput) -> Result<Review> {
        let doc = self.resolve(&input.doc)?;
        let kind: FactKind =
            input.kind.parse().map_err(|e: sitrep_record::UnknownWord| StoreError::Review(e.to_string()))?;
        let action: ReviewAction =
            input.action.parse().map_err(|e: sitrep_record::UnknownWord| StoreError::Review(e.to_string()))?;
        if input.who.trim().is_empty() {
            return Err(StoreError::Review("a review needs the name of who made it".into()));
        }
        let stored = self.get(&doc)?;
        let len = stored.text.chars().count();
        let [s, e] = input.span;
        if s >= e || e > len {
            return Err(StoreError::Review(format!("span [{s}, {e}) is not inside the document's {len} characters")));
        }
        let value = match (action.gives_item(), &input.value) {
            (true, Some(v)) => Some(validated(kind, input.span, v).map_err(StoreError::Review)?),
            (true, None) => return Err(StoreError::Review(format!("to {action} a {kind} give the item"))),
            (false, _) => None,
        };
        let before = self.fact(&doc, kind, input.span)?;
        if !action.gives_item() && before.as_ref().and_then(|f| f.current.as_ref()).is_none() {
            return Err(StoreError::Review(format!("there is no {kind} at [{s}, {e}) to {action}")));
        }
        let at = now();
        let after = match action {
            ReviewAction::Reject => None,
            ReviewAction::Confirm => before.as_ref().and_then(|f| f.current.clone()),
            ReviewAction::Correct | ReviewAction::Add => value.clone(),
        };
        let target = format!("{doc}:{kind}:{s}-{e}");
        let tx = self.conn_mut().transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // The entry first, so the review can name it.
        let seq = append_audit(
            &tx,
            &at,
            &input.who,
            action.as_str(),
            &target,
            before.and_then(|f| f.current).as_ref(),
            after.as_ref(),
        )?;
        tx.execute(
            "INSERT INTO reviews (doc, kind, span_start, span_end, action, value, who, at, note, audit)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                doc,
                kind.as_str(),
                s as i64,
                e as i64,
                action.as_str(),
                value.as_ref().map(Value::to_string),
                input.who,
                at,
                input.note,
                seq
            ],
        )?;
        let id = tx.last_insert_rowid();
        crate::integrity::seal(&tx, "review", id)?;
        tx.commit()?;
        Ok(Review {
            id,
            doc,
            kind,
            span: input.span,
            action,
            value,
            who: input.who.clone(),
            at,
            note: input.note.clone(),
        })
    }

    /// A document's reviews, oldest first.
    pub fn reviews(&self, doc: &str) -> Result<Vec<Review>> {
        let doc = DocId::key_of(doc);
        let mut stmt = self.conn().prepare(
            "SELECT rowid, doc, kind, span_start, span_end, action, value, who, at, note
             FROM reviews WHERE doc = ?1 AND kind != 'link' ORDER BY rowid",
        )?;
        let rows: Vec<Option<Review>> = stmt.query_map([doc], review_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows.into_iter().flatten().collect())
    }

    /// Every document's reviews, by document (hex id).
    pub(crate) fn all_reviews(&self) -> Result<BTreeMap<String, Vec<Review>>> {
        let mut stmt = self.conn().prepare(
            "SELECT rowid, doc, kind, span_start, span_end, action, value, who, at, note
             FROM reviews WHERE kind != 'link' ORDER BY rowid",
        )?;
        let mut out: BTreeMap<String, Vec<Review>> = BTreeMap::new();
        for r in stmt.query_map([], review_row)? {
            if let Some(r) = r? {
                out.entry(r.doc.clone()).or_default().push(r);
            }
        }
        Ok(out)
    }

    /// A document's newest record with its reviews applied.
    pub fn reviewed_record(&self, doc: &str) -> Result<Option<Record>> {
        let Some(record) = self.record(doc)? else { return Ok(None) };
        Ok(Some(apply(&record, &self.reviews(doc)?)))
    }

    /// Every item of a document, machine-found or added, with its review.
    pub fn facts(&self, doc: &str) -> Result<Vec<Fact>> {
        let machine = self.record(doc)?;
        let reviews = self.reviews(doc)?;
        let last = newest(&reviews);
        let mut out = Vec::new();
        for &kind in FactKind::ALL {
            let found = machine.as_ref().map(|m| items(m, kind)).unwrap_or_default();
            for (span, item) in &found {
                let review = last.get(&(kind, *span)).map(|r| (*r).clone());
                out.push(fact(kind, *span, Some(item.clone()), review));
            }
            for ((k, span), r) in &last {
                if *k == kind && !found.iter().any(|i| i.0 == *span) {
                    out.push(fact(kind, *span, None, Some((*r).clone())));
                }
            }
        }
        // By span, then by the kind's word, as pages list them.
        out.sort_by(|a, b| (a.span, a.kind.as_str()).cmp(&(b.span, b.kind.as_str())));
        Ok(out)
    }

    fn fact(&self, doc: &str, kind: FactKind, span: [usize; 2]) -> Result<Option<Fact>> {
        Ok(self.facts(doc)?.into_iter().find(|f| f.kind == kind && f.span == span))
    }

    /// Records that two linked events are one happening.
    pub fn merge_events(&mut self, a: &str, b: &str, who: &str) -> Result<()> {
        self.link_review("merge", serde_json::json!({ "events": [a, b] }), &format!("{a}+{b}"), who)
    }

    /// Records that one document's mention stands apart from the event it
    /// was merged into.
    pub fn split_event(&mut self, event: &str, doc: &str, span: [usize; 2], who: &str) -> Result<()> {
        let doc = format!("sha256:{}", DocId::key_of(doc));
        self.link_review(
            "split",
            serde_json::json!({ "event": event, "doc": doc, "span": span }),
            &format!("{event}/{doc}:{}-{}", span[0], span[1]),
            who,
        )
    }

    fn link_review(&mut self, action: &str, value: Value, target: &str, who: &str) -> Result<()> {
        if who.trim().is_empty() {
            return Err(StoreError::Review("a review needs the name of who made it".into()));
        }
        let at = now();
        let tx = self.conn_mut().transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let seq = append_audit(&tx, &at, who, action, target, None, Some(&value))?;
        tx.execute(
            "INSERT INTO reviews (doc, kind, span_start, span_end, action, value, who, at, audit)
             VALUES ('', 'link', -1, -1, ?1, ?2, ?3, ?4, ?5)",
            params![action, value.to_string(), who, at, seq],
        )?;
        crate::integrity::seal(&tx, "review", tx.last_insert_rowid())?;
        tx.commit()?;
        Ok(())
    }

    /// The analyst's merges and splits, for linking.
    pub fn link_overrides(&self) -> Result<sitrep_link::Overrides> {
        let mut stmt = self.conn().prepare("SELECT action, value FROM reviews WHERE kind = 'link' ORDER BY rowid")?;
        let mut o = sitrep_link::Overrides::default();
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (action, value) = row?;
            let v: Value = serde_json::from_str(&value).unwrap_or(Value::Null);
            match action.as_str() {
                "merge" => {
                    if let (Some(a), Some(b)) = (v["events"][0].as_str(), v["events"][1].as_str()) {
                        o.merges.push([a.to_string(), b.to_string()]);
                    }
                }
                "split" => {
                    if let (Some(doc), Some(s), Some(e)) =
                        (v["doc"].as_str(), v["span"][0].as_u64(), v["span"][1].as_u64())
                    {
                        o.splits.push((doc.to_string(), [s as usize, e as usize]));
                    }
                }
                _ => {}
            }
        }
        Ok(o)
    }

    /// The audit log, oldest first.
    pub fn audit(&self) -> Result<Vec<AuditEntry>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT seq, at, who, action, target, before, after, prev, hash FROM audit ORDER BY seq")?;
        let rows = stmt
            .query_map([], |r| {
                let json = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
                Ok(AuditEntry {
                    seq: r.get(0)?,
                    at: r.get(1)?,
                    who: r.get(2)?,
                    action: r.get(3)?,
                    target: r.get(4)?,
                    before: json(r.get(5)?),
                    after: json(r.get(6)?),
                    prev: r.get(7)?,
                    hash: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Re-computes the audit chain; each problem found, in words.
    pub fn verify_audit(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT seq, at, who, action, target, ifnull(before, ''), ifnull(after, ''), prev, hash FROM audit ORDER BY seq")?;
        let mut rows = stmt.query([])?;
        let mut problems = Vec::new();
        let mut prev = String::new();
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            let fields: Vec<String> = (1..9).map(|i| r.get::<_, String>(i)).collect::<rusqlite::Result<_>>()?;
            let [at, who, action, target, before, after, stored_prev, hash] = &fields[..] else { unreachable!() };
            if *stored_prev != prev {
                problems.push(format!(
                    "audit entry {seq} does not follow the entry before it (an entry was removed or changed)"
                ));
            }
            let expected = entry_hash(stored_prev, at, who, action, target, before, after);
            if expected != *hash {
                problems.push(format!("audit entry {seq} was changed after it was written (its hash does not match)"));
            }
            prev = hash.clone();
        }
        Ok(problems)
    }
}

fn fact(kind: FactKind, span: [usize; 2], machine: Option<Value>, review: Option<Review>) -> Fact {
    let (status, current) = match review.as_ref().map(|r| r.action) {
        None => ("machine", machine.clone()),
        Some(ReviewAction::Confirm) => ("confirmed", machine.clone()),
        Some(ReviewAction::Reject) => ("rejected", None),
        Some(ReviewAction::Correct) if machine.is_some() => {
            ("corrected", review.as_ref().and_then(|r| r.value.clone()))
        }
        Some(ReviewAction::Correct | ReviewAction::Add) => ("added", review.as_ref().and_then(|r| r.value.clone())),
    };
    Fact { kind, span, status: status.to_string(), machine, current, review }
}

/// A review row; `None` for one whose kind or action this version does
/// not know (only validated ones are written).
fn review_row(r: &rusqlite::Row) -> rusqlite::Result<Option<Review>> {
    let (Some(kind), Some(action)) =
        (FactKind::parse(&r.get::<_, String>(2)?), ReviewAction::parse(&r.get::<_, String>(5)?))
    else {
        return Ok(None);
    };
    Ok(Some(Review {
        id: r.get(0)?,
        doc: r.get(1)?,
        kind,
        span: [r.get::<_, i64>(3)? as usize, r.get::<_, i64>(4)? as usize],
        action,
        value: r.get::<_, Option<String>>(6)?.and_then(|s| serde_json::from_str(&s).ok()),
        who: r.get(7)?,
        at: r.get(8)?,
        note: r.get(9)?,
    }))
}

/// Appends an audit entry, chained to the one before; its `seq`.
fn append_audit(
    tx: &rusqlite::Transaction,
    at: &str,
    who: &str,
    action: &str,
    target: &str,
    before: Option<&Value>,
    after: Option<&Value>,
) -> Result<i64> {
    let prev: String = tx
        .query_row("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1", [], |r| r.get(0))
        .optional()?
        .unwrap_or_default();
    let before = before.map(Value::to_string);
    let after = after.map(Value::to_string);
    let hash =
        entry_hash(&prev, at, who, action, target, before.as_deref().unwrap_or(""), after.as_deref().unwrap_or(""));
    tx.execute(
        "INSERT INTO audit (at, who, action, target, before, after, prev, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![at, who, action, target, before, after, prev, hash],
    )?;
    let seq = tx.last_insert_rowid();
    crate::integrity::seal(tx, "audit", seq)?;
    Ok(seq)
}

/// The audit actions that a review row records.
const REVIEW_ACTIONS: &[&str] = &["confirm", "correct", "reject", "add", "merge", "split"];

/// What a review row says, as its audit entry must say it too.
struct ReviewRow {
    id: i64,
    at: String,
    who: String,
    action: String,
    target: Option<String>,
    value: Option<String>,
    audit: Option<i64>,
}

fn review_rows(conn: &rusqlite::Connection) -> Result<Vec<ReviewRow>> {
    let mut stmt = conn.prepare(
        "SELECT rowid, doc, kind, span_start, span_end, action, value, who, at, audit FROM reviews ORDER BY rowid",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let (doc, kind, s, e): (String, String, i64, i64) = (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
            let action: String = r.get(5)?;
            let value: Option<String> = r.get(6)?;
            Ok(ReviewRow {
                id: r.get(0)?,
                target: target_of(&doc, &kind, s, e, &action, value.as_deref()),
                action,
                value,
                who: r.get(7)?,
                at: r.get(8)?,
                audit: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The audit target a review is written under (`Archive::review`,
/// `merge_events`, `split_event`); `None` when its value does not read.
fn target_of(doc: &str, kind: &str, s: i64, e: i64, action: &str, value: Option<&str>) -> Option<String> {
    if kind != "link" {
        return Some(format!("{doc}:{kind}:{s}-{e}"));
    }
    let v: Value = serde_json::from_str(value?).ok()?;
    match action {
        "merge" => Some(format!("{}+{}", v["events"][0].as_str()?, v["events"][1].as_str()?)),
        "split" => Some(format!(
            "{}/{}:{}-{}",
            v["event"].as_str()?,
            v["doc"].as_str()?,
            v["span"][0].as_u64()?,
            v["span"][1].as_u64()?
        )),
        _ => None,
    }
}

/// One audit entry's fields a review is compared with.
struct EntryRow {
    at: String,
    who: String,
    action: String,
    target: String,
    after: Option<String>,
}

fn entry_rows(conn: &rusqlite::Connection) -> Result<BTreeMap<i64, EntryRow>> {
    let mut stmt = conn.prepare("SELECT seq, at, who, action, target, after FROM audit ORDER BY seq")?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                EntryRow { at: r.get(1)?, who: r.get(2)?, action: r.get(3)?, target: r.get(4)?, after: r.get(5)? },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Names, for each review of an archive written before reviews named
/// their audit entries, the entry written in the same transaction: the
/// first one not yet taken with the same time, name, action and target.
/// A review no entry matches keeps none, and `verify` reports it.
pub(crate) fn link_existing_reviews(conn: &rusqlite::Connection) -> Result<u64> {
    let mut free: BTreeMap<(String, String, String, String), std::collections::VecDeque<i64>> = BTreeMap::new();
    for (seq, e) in entry_rows(conn)? {
        free.entry((e.at, e.who, e.action, e.target)).or_default().push_back(seq);
    }
    let mut linked = 0;
    let mut update = conn.prepare("UPDATE reviews SET audit = ?1 WHERE rowid = ?2")?;
    for r in review_rows(conn)?.into_iter().filter(|r| r.audit.is_none()) {
        let Some(target) = r.target else { continue };
        if let Some(seq) = free.get_mut(&(r.at, r.who, r.action, target)).and_then(|q| q.pop_front()) {
            update.execute(params![seq, r.id])?;
            linked += 1;
        }
    }
    Ok(linked)
}

impl Archive {
    /// Checks every review against the audit entry it names, and that every
    /// entry of a review names one review: a review changed, deleted or
    /// forged without its entry, or an entry rewritten, shows here.
    pub fn verify_reviews(&self) -> Result<Vec<crate::Change>> {
        use crate::Change;
        let entries = entry_rows(self.conn())?;
        let mut named: BTreeMap<i64, i64> = BTreeMap::new();
        let mut out = Vec::new();
        for r in review_rows(self.conn())? {
            let key = r.id.to_string();
            let Some(seq) = r.audit else {
                out.push(Change::new(
                    "review",
                    &key,
                    "names no audit entry: it was not written by sitrep's review (forged, or older than the log)",
                ));
                continue;
            };
            let Some(e) = entries.get(&seq) else {
                out.push(Change::new(
                    "review",
                    &key,
                    &format!("names audit entry {seq}, which is not in the audit log (entries were removed)"),
                ));
                continue;
            };
            let mut differ = Vec::new();
            if e.at != r.at {
                differ.push("time");
            }
            if e.who != r.who {
                differ.push("who");
            }
            if e.action != r.action {
                differ.push("action");
            }
            if r.target.as_deref() != Some(e.target.as_str()) {
                differ.push("item");
            }
            // A confirmation's entry holds the item confirmed, which the
            // review row does not; every other entry holds the review's value.
            if r.action != "confirm" && e.after != r.value {
                differ.push("value");
            }
            if !differ.is_empty() {
                out.push(Change::new(
                    "review",
                    &key,
                    &format!(
                        "disagrees with its audit entry {seq} on its {}: one of them was changed",
                        differ.join(", ")
                    ),
                ));
            }
            if let Some(other) = named.insert(seq, r.id) {
                out.push(Change::new(
                    "review",
                    &key,
                    &format!("names audit entry {seq}, which review {other} names too: one of them was forged"),
                ));
            }
        }
        for (seq, e) in &entries {
            if REVIEW_ACTIONS.contains(&e.action.as_str()) && !named.contains_key(seq) {
                out.push(Change::new(
                    "audit",
                    &seq.to_string(),
                    &format!("records a {} of {} that no review holds: the review was deleted", e.action, e.target),
                ));
            }
        }
        Ok(out)
    }
}
