//! Claim groups: figures that speak of one quantity.
//!
//! The grouping rule, in order:
//!
//! 1. Same category (`trapped`, `killed`, …).
//! 2. Same settlement: a figure's place (else its document's main place) is
//!    taken up to the town or city it lies in. Within one settlement, a
//!    figure about the city and a figure about one of its neighbourhoods
//!    join, unless figures speak of two or more different neighbourhoods:
//!    then each neighbourhood and the city keep groups of their own, since
//!    100 trapped in one quarter and 80 in another are two quantities.
//! 3. Near dates: counts of something that lasts (trapped, displaced,
//!    detained, missing, disappeared) join within `window_days` of the
//!    group's first date; counts of happenings (killed, air strikes, …)
//!    only on the same day. Undated figures group apart.
//! 4. One claim per thing said: the same value said again in one document
//!    (a headline over the article, the answer that repeats the quote) is
//!    one claim, kept under its most specific origin (who the text cites,
//!    else the speaker, else a wire, else the publisher) with the other
//!    places it is said listed as `repeats`.
//! 5. One origin in one document gives one value to a group: when it gives
//!    several, the largest is its claim (a day's toll holds one strike's,
//!    "about 150 shells" holds "dozens of shells") and the smaller are
//!    kept, marked `partial`, but not counted. Values the document puts in
//!    different mouths (its own and a witness's) are claims of their own.
//!
//! So there is one group per category, place and day (or window).

use crate::model::{Claim, ClaimGroup, Contradiction, Range, Rule};
use crate::places::Places;
use sitrep_present::numbers::grouped;
use sitrep_record::{Category, Qualifier};
use std::collections::BTreeMap;

/// A figure ready for grouping.
pub struct Pending {
    pub claim: Claim,
    pub category: Category,
    pub unit: String,
    /// Document order, then figure index: what names a group.
    pub order: (i64, usize),
    /// Where the figure's group id goes back to in the caller.
    pub slot: usize,
}

pub fn group(pending: Vec<Pending>, places: &Places, rule: Rule, window_days: i64) -> (Vec<ClaimGroup>, Vec<String>) {
    let slots = pending.len();
    // Step 1 and 2: buckets by category and settlement.
    let mut buckets: BTreeMap<(Category, String), Vec<Pending>> = BTreeMap::new();
    for p in pending {
        let settlement = p.claim.place.as_deref().map(|id| places.settlement_key(id)).unwrap_or_default();
        buckets.entry((p.category.clone(), settlement)).or_default().push(p);
    }
    let mut made: Vec<(ClaimGroup, Vec<usize>)> = Vec::new();
    for ((category, _), members) in buckets {
        for by_place in split_quarters(members, places) {
            for g in split_dates(by_place, if category.lasts() { window_days } else { 0 }) {
                let slots: Vec<usize> = g.iter().map(|p| p.slot).collect();
                made.push((finish(g, places, rule), slots));
            }
        }
    }
    // Two groups named alike (their oldest claims from one document, with
    // one value, place and date, in two quarters) get a counter, in a
    // fixed order.
    made.sort_by(|a, b| (&a.0.id, &a.0.claims[0].evidence.span).cmp(&(&b.0.id, &b.0.claims[0].evidence.span)));
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut slot_ids = vec![String::new(); slots];
    let mut groups = Vec::with_capacity(made.len());
    for (mut g, members) in made {
        let n = seen.entry(g.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            g.id = format!("{}-{n}", g.id);
        }
        for s in members {
            slot_ids[s] = g.id.clone();
        }
        groups.push(g);
    }
    groups.sort_by(|a, b| (&a.category, &a.from, &a.id).cmp(&(&b.category, &b.from, &b.id)));
    (groups, slot_ids)
}

/// Step 2's exception: several neighbourhoods of one settlement.
fn split_quarters(members: Vec<Pending>, places: &Places) -> Vec<Vec<Pending>> {
    let quarter = |p: &Pending| {
        p.claim
            .place
            .as_deref()
            .and_then(|id| places.get(id))
            .filter(|pl| crate::places::rank(&pl.kind) == 0)
            .map(|pl| pl.id.clone())
    };
    let mut quarters: Vec<String> = members.iter().filter_map(quarter).collect();
    quarters.sort();
    quarters.dedup();
    if quarters.len() < 2 {
        return vec![members];
    }
    let mut by: BTreeMap<Option<String>, Vec<Pending>> = BTreeMap::new();
    for m in members {
        by.entry(quarter(&m)).or_default().push(m);
    }
    by.into_values().collect()
}

fn day_number(date: &str) -> Option<i64> {
    let d: jiff::civil::Date = date.get(..10)?.parse().ok()?;
    Some(d.since(jiff::civil::date(1970, 1, 1)).ok()?.get_days() as i64)
}

/// Step 3.
fn split_dates(mut members: Vec<Pending>, window: i64) -> Vec<Vec<Pending>> {
    members.sort_by(|a, b| (&a.claim.date, a.order).cmp(&(&b.claim.date, b.order)));
    let mut out: Vec<Vec<Pending>> = Vec::new();
    let mut first: Option<Option<i64>> = None;
    for m in members {
        // Month-only dates group with the month's other month-only dates.
        let day = m.claim.date.as_deref().and_then(day_number);
        let key = m.claim.date.as_deref().map(|d| d.len() >= 10);
        let joins = match (first, day) {
            (Some(Some(f)), Some(d)) => key == Some(true) && d - f <= window,
            (Some(None), None) => out.last().and_then(|g| g.last()).map(|l| &l.claim.date) == Some(&m.claim.date),
            _ => false,
        };
        if joins {
            out.last_mut().unwrap().push(m);
        } else {
            first = Some(day.filter(|_| key == Some(true)));
            out.push(vec![m]);
        }
    }
    out
}

/// How specific an origin is: who the text cites, a speaker, a credited
/// wire, then the publisher.
fn specificity(how: &str) -> u8 {
    match how {
        "cited" => 0,
        "speaker" => 1,
        "wire" => 2,
        _ => 3,
    }
}

/// Steps 4 and 5, on a group's claims in document order.
fn one_claim_per_saying(claims: Vec<Claim>) -> Vec<Claim> {
    let mut kept: Vec<Claim> = Vec::with_capacity(claims.len());
    for c in claims {
        let repeat = kept.iter().position(|k| {
            k.evidence.doc == c.evidence.doc
                && k.value == c.value
                && k.qualifier == c.qualifier
                && (k.origin.key == c.origin.key || k.origin.how == "publisher" || c.origin.how == "publisher")
        });
        match repeat {
            Some(i) => {
                let k = &mut kept[i];
                if specificity(&c.origin.how) < specificity(&k.origin.how) {
                    // The more specific saying stands; the other repeats it.
                    let mut c = c;
                    c.repeats = std::mem::take(&mut k.repeats);
                    let old = std::mem::replace(k, c);
                    k.repeats.insert(0, old.evidence);
                } else {
                    k.repeats.push(c.evidence);
                }
            }
            None => kept.push(c),
        }
    }
    for i in 0..kept.len() {
        let same = |o: &Claim| o.evidence.doc == kept[i].evidence.doc && o.origin.key == kept[i].origin.key;
        let larger = kept.iter().any(|o| same(o) && o.value > kept[i].value);
        kept[i].partial = larger;
    }
    kept
}

fn finish(mut members: Vec<Pending>, places: &Places, rule: Rule) -> ClaimGroup {
    members.sort_by_key(|m| m.order);
    let oldest = &members[0];
    let category = oldest.category.clone();
    let unit = oldest.unit.clone();
    // The widest place names the group.
    let place = members
        .iter()
        .filter_map(|m| m.claim.place.as_deref())
        .max_by_key(|id| (places.get(id).map_or(0, |p| crate::places::rank(&p.kind)), std::cmp::Reverse(*id)))
        .map(str::to_string);
    let id = crate::keys::stable_id(
        "cg",
        &[
            &oldest.claim.evidence.doc,
            category.as_str(),
            oldest.claim.place.as_deref().unwrap_or(""),
            oldest.claim.date.as_deref().unwrap_or(""),
            &oldest.claim.value.to_string(),
        ],
    );
    let claims = one_claim_per_saying(members.into_iter().map(|m| m.claim).collect());
    let from = claims.iter().filter_map(|c| c.date.clone()).min();
    let to = claims.iter().filter_map(|c| c.date.clone()).max();
    let range = range(&claims, rule);
    let mut origins: Vec<&str> = claims.iter().filter(|c| !c.partial).map(|c| c.origin.key.as_str()).collect();
    origins.sort();
    origins.dedup();
    let contradictions = contradictions(&claims);
    ClaimGroup { id, category, unit, place, from, to, range, origins: origins.len(), contradictions, claims }
}

fn bounds(c: &Claim) -> (f64, f64) {
    let lo = c.low.unwrap_or(c.value).min(c.value);
    let hi = c.high.unwrap_or(c.value).max(c.value);
    (lo, hi)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Low, best and high by the rule. Each origin counts once: its own
/// claims are first reduced to their median. Partial claims do not count.
pub fn range(claims: &[Claim], rule: Rule) -> Range {
    let counted: Vec<Claim>;
    let claims = if claims.iter().any(|c| c.partial) {
        counted = claims.iter().filter(|c| !c.partial).cloned().collect();
        &counted[..]
    } else {
        claims
    };
    let mut by_origin: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for c in claims {
        by_origin.entry(c.origin.key.as_str()).or_default().push(c.value);
    }
    let values: Vec<f64> = by_origin.into_values().map(median).collect();
    let low = claims.iter().map(|c| bounds(c).0).fold(f64::INFINITY, f64::min);
    let high = claims.iter().map(|c| bounds(c).1).fold(f64::NEG_INFINITY, f64::max);
    if claims.is_empty() {
        return Range::default();
    }
    match rule {
        Rule::Median => Range { low, best: median(values), high },
        Rule::Conservative => {
            let least = values.iter().copied().fold(f64::INFINITY, f64::min);
            Range { low: least.min(low).max(low), best: least, high }
        }
    }
}

/// What a claim allows, widened for the way reporters round: an exact
/// round number by 5 %, an approximate one by 10 %. `over` has no upper
/// bound, `under` no lower one.
fn allowed(c: &Claim) -> (f64, f64) {
    let v = c.value;
    let round = v >= 100.0 && (v % 10f64.powi((v.log10().floor() as i32 - 1).max(1))) == 0.0;
    match c.qualifier {
        Qualifier::Over | Qualifier::AtLeast => (v, f64::INFINITY),
        Qualifier::Under | Qualifier::AtMost => (0.0, v),
        Qualifier::About => (v * 0.9, v * 1.1),
        Qualifier::Range | Qualifier::Vague => bounds(c),
        _ if round => (v * 0.95, v * 1.05),
        _ => (v, v),
    }
}

/// Pairs of claims from different origins, about the same day, whose
/// allowed ranges do not meet. Claims on different days may differ
/// because the world changed; those are not contradictions.
fn contradictions(claims: &[Claim]) -> Vec<Contradiction> {
    let mut out: Vec<Contradiction> = Vec::new();
    // One pair of origins on one day is one contradiction, however often
    // (or in however many languages) their documents repeat it: the first
    // pair of their claims that cannot both be true stands for it.
    let mut seen: std::collections::HashSet<(&str, &str, &str)> = std::collections::HashSet::new();
    // Claims by day, so that only claims of the same day are compared.
    let mut by_day: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate().filter(|(_, c)| !c.partial) {
        if let Some(d) = c.date.as_deref() {
            by_day.entry(d).or_default().push(i);
        }
    }
    for (day, members) in by_day {
        for (n, &a) in members.iter().enumerate() {
            for &b in &members[n + 1..] {
                let (x, y) = (&claims[a], &claims[b]);
                if x.origin.key == y.origin.key {
                    continue;
                }
                let pair = if x.origin.key < y.origin.key {
                    (x.origin.key.as_str(), y.origin.key.as_str(), day)
                } else {
                    (y.origin.key.as_str(), x.origin.key.as_str(), day)
                };
                if seen.contains(&pair) {
                    continue;
                }
                let (xl, xh) = allowed(x);
                let (yl, yh) = allowed(y);
                if xh < yl || yh < xl {
                    seen.insert(pair);
                    out.push(Contradiction {
                        a,
                        b,
                        why: format!(
                            "{} gives {} ({}), {} gives {} ({}), for the same place on {day}",
                            x.origin.name,
                            grouped(x.value),
                            x.qualifier,
                            y.origin.name,
                            grouped(y.value),
                            y.qualifier,
                        ),
                    });
                }
            }
        }
    }
    out.sort_by_key(|c| (c.a, c.b));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, Origin};

    fn claim(doc: &str, value: f64, qualifier: &str, origin: &str, date: &str) -> Claim {
        Claim {
            evidence: Evidence { doc: doc.into(), ..Default::default() },
            value,
            qualifier: qualifier.parse().unwrap(),
            date: Some(date.into()),
            origin: Origin { key: origin.into(), name: origin.into(), ..Default::default() },
            ..Default::default()
        }
    }

    #[test]
    fn median_of_origins_counts_each_origin_once() {
        let c = vec![
            claim("a", 100_000.0, "exact", "un", "2016-12-01"),
            claim("b", 100_000.0, "exact", "un", "2016-12-01"),
            claim("c", 80_000.0, "exact", "sarc", "2016-12-02"),
        ];
        let r = range(&c, Rule::Median);
        assert_eq!((r.low, r.best, r.high), (80_000.0, 90_000.0, 100_000.0));
        let r = range(&c, Rule::Conservative);
        assert_eq!((r.low, r.best, r.high), (80_000.0, 80_000.0, 100_000.0));
    }

    #[test]
    fn contradictions_need_the_same_day_and_disjoint_ranges() {
        let same_day =
            vec![claim("a", 100_000.0, "exact", "un", "2016-12-01"), claim("b", 80_000.0, "exact", "x", "2016-12-01")];
        assert_eq!(contradictions(&same_day).len(), 1);
        let rounding =
            vec![claim("a", 100_000.0, "exact", "un", "2016-12-01"), claim("b", 97_000.0, "exact", "x", "2016-12-01")];
        assert!(contradictions(&rounding).is_empty(), "5 % of a round number is rounding");
        let over =
            vec![claim("a", 100_000.0, "over", "un", "2016-12-01"), claim("b", 120_000.0, "exact", "x", "2016-12-01")];
        assert!(contradictions(&over).is_empty());
        let later =
            vec![claim("a", 100_000.0, "exact", "un", "2016-12-01"), claim("b", 50_000.0, "exact", "x", "2016-12-05")];
        assert!(contradictions(&later).is_empty(), "a week apart the world may have changed");
    }
}
