//! Figures: amounts tied to what they count.
//!
//! An amount becomes a figure when the phrase around it says what it
//! counts (`data/figures.txt`): the noun it counts (`six dead`, `150
//! shells`, `شهيدان`), the verb that says what happened to it, after the
//! amount (`Four farmers … were killed`) or before it (`killing 17`, `مقتل
//! ستة`), or a toll it is the value of (`put the death toll at 23`,
//! `ارتفع عدد القتلى إلى 17`). The search follows the phrase, not a fixed
//! window: it passes over the other members of a list (`Two nurses and
//! eight drivers were killed`), an apposition (`, including a cook,`) and a
//! participle (`Two passengers sitting in the truck were injured`), and a
//! member of a list or a breakdown (`including five children`, `بينهم`,
//! `منهم`) counts what the figure before it counts. A verb of dying from
//! wounds makes the wounded dead (`succumbed to their injuries`), and two
//! harms joined over one amount make casualties (`killed or wounded`,
//! `مقتل وإصابة`).
//!
//! Ages, durations, distances, calibres, capacities and possessions (`a
//! 300-bed hospital`, `had 200 houses`), rates, shares, times, dates,
//! names (`Maria Lopez, 61,`), a partitive of things (`one of the raids`,
//! `أحد الصواريخ`), animals and negated amounts are never figures,
//! whatever stands next to them; nor is an amount the factuality layer
//! finds projected, feared, planned, asked for or denied (`could force up
//! to 300,000 people to flee`).

use crate::dates::DateMention;
use crate::factuality::{self, Class};
use crate::lexicon::figures as words;
use crate::lexicon::{FigureTrigger as Trigger, HashMap};
use crate::numbers::Number;
use crate::tokens::{trigger_bases, Kind, Token};
use sitrep_text::Span;
use std::sync::OnceLock;

#[derive(Clone, Debug, PartialEq)]
pub struct FigureMention {
    /// The amount and its trigger.
    pub span: Span,
    pub number: Number,
    pub category: &'static str,
    pub unit: &'static str,
    /// Who the sentence says reported it.
    pub source: Option<Span>,
    /// A part of a total before it (`including five children`): an event
    /// takes the total.
    pub part: bool,
}

/// Trigger words by their first key, for each side of the amount.
struct Lexicon {
    after: HashMap<&'static str, Vec<&'static Trigger>>,
    before: HashMap<&'static str, Vec<&'static Trigger>>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut lex = Lexicon { after: HashMap::default(), before: HashMap::default() };
        for t in words::TRIGGERS {
            let map = if t.after { &mut lex.after } else { &mut lex.before };
            if let Some(first) = t.words.first() {
                map.entry(first).or_default().push(t);
            }
        }
        lex
    })
}

/// The trigger whose words start at token `i`: (trigger, last token).
fn trigger_at(
    map: &HashMap<&'static str, Vec<&'static Trigger>>,
    tokens: &[Token],
    i: usize,
) -> Option<(&'static Trigger, usize)> {
    let t = tokens.get(i).filter(|t| t.kind == Kind::Word)?;
    for key in trigger_bases(&t.key) {
        if let Some(list) = map.get(key) {
            // Longest phrase first.
            let mut best: Option<(&'static Trigger, usize)> = None;
            for &tr in list {
                let n = tr.words.len();
                let rest_ok =
                    (1..n).all(|k| tokens.get(i + k).is_some_and(|x| trigger_bases(&x.key).contains(&tr.words[k])));
                if rest_ok && best.is_none_or(|b| b.0.words.len() < n) {
                    best = Some((tr, i + n - 1));
                }
            }
            if best.is_some() {
                return best;
            }
        }
    }
    None
}

/// Does one of the phrases stand at token `i` (a fused clitic off an
/// Arabic first word)? The last token of the longest.
fn phrase_at(phrases: &[&[&str]], tokens: &[Token], i: usize) -> Option<usize> {
    let t = tokens.get(i)?;
    let bases = trigger_bases(&t.key);
    phrases
        .iter()
        .filter(|p| {
            bases.contains(&p[0])
                && p[1..].iter().enumerate().all(|(k, w)| tokens.get(i + 1 + k).is_some_and(|n| n.key == *w))
        })
        .map(|p| i + p.len() - 1)
        .max()
}

/// Does one of the phrases end at token `i`?
fn phrase_ending(phrases: &[&[&str]], tokens: &[Token], i: usize) -> bool {
    phrases.iter().any(|p| i + 1 >= p.len() && phrase_at(&[p], tokens, i + 1 - p.len()) == Some(i))
}

/// Tokens that end the search for a trigger.
fn is_barrier(t: &Token) -> bool {
    t.kind == Kind::Punct && matches!(t.key.as_str(), ";" | "؛" | "(" | ")" | ":" | "\n" | "?" | "؟" | "!")
}

fn is_comma(t: &Token) -> bool {
    t.is(",") || t.is("،")
}

/// A word joining the members of a list.
fn is_join(t: &Token) -> bool {
    is_comma(t) || t.is("and") || t.is("و") || t.is("ثم")
}

/// How far a trigger may stand from its amount, in tokens of the phrase
/// (what an apposition or a participle adds is not counted).
const AFTER_WINDOW: usize = 6;
const BEFORE_WINDOW: usize = 5;
/// The longest apposition or participle passed over, in tokens.
const ASIDE: usize = 10;
/// How far back a toll's head (`the death toll … at`) may stand.
const TOLL_REACH: usize = 14;
/// The most tokens between two members of a list (`Five boys, two girls`,
/// `10 أشخاص في بلدة الخيام و6`).
const MEMBER_GAP: usize = 8;

/// What an amount was found to count.
#[derive(Clone, Copy)]
struct Found {
    trigger: &'static Trigger,
    /// The tokens of the trigger.
    s: usize,
    e: usize,
    /// How far from the amount, in tokens of the phrase.
    dist: usize,
    /// Found past other members of the amount's list.
    through: bool,
}

/// Why an amount counts nothing, or what it is besides a count.
#[derive(Clone, Copy, PartialEq)]
enum Role {
    Count,
    /// An area (`a 2km stretch`, `5 square kilometres`): the last token.
    Area(usize),
    Not,
}

pub fn find(tokens: &[Token], numbers: &[Number], dates: &[DateMention]) -> Vec<FigureMention> {
    let lex = lexicon();
    let fact = factuality::analyse(tokens);
    // Asking every date of the document for every amount was quadratic.
    let date_spans = sitrep_text::SpanSet::new(dates.iter().map(|d| d.span));
    let roles: Vec<Role> = (0..numbers.len()).map(|ni| role(tokens, numbers, ni, &date_spans)).collect();
    // Token → starts an amount that may count something.
    let mut amount_at: HashMap<usize, usize> = HashMap::default();
    for (ni, n) in numbers.iter().enumerate() {
        if roles[ni] == Role::Count {
            amount_at.insert(n.tokens.0, ni);
        }
    }
    let mut out: Vec<FigureMention> = Vec::new();
    // For each amount, the figure it made (index into `out`).
    let mut made: Vec<Option<usize>> = vec![None; numbers.len()];
    for (ni, n) in numbers.iter().enumerate() {
        let (a, b) = n.tokens;
        if let Role::Area(k) = roles[ni] {
            out.push(FigureMention {
                span: Span::new(n.span.start, tokens[k].span.end),
                number: n.clone(),
                category: "area",
                unit: "km2",
                source: source_of(tokens, a),
                part: false,
            });
            continue;
        }
        if roles[ni] != Role::Count {
            continue;
        }
        // Projected, feared, planned, asked for or denied: not a count of
        // what happened.
        if fact.at(a).is_some_and(|c| {
            matches!(
                c,
                Class::Modality
                    | Class::Fear
                    | Class::Plan
                    | Class::Conditional
                    | Class::Imagination
                    | Class::Appeal
                    | Class::Denial
            )
        }) {
            continue;
        }
        let first = (0..=a).rev().take(8).find(|&k| tokens[k].span.start == n.span.start).unwrap_or(a);
        // A dual counts itself: `شهيدان`, `قذيفتين`.
        let own = n.dual.then(|| trigger_at(&lex.after, tokens, a)).flatten().map(|(tr, e)| Found {
            trigger: tr,
            s: a,
            e,
            dist: 0,
            through: false,
        });
        let after = own.or_else(|| search_after(lex, tokens, numbers, &amount_at, ni));
        let before = search_before(lex, tokens, numbers, ni, first);
        let breakdown = breakdown_of(tokens, first, b);
        let previous = ni.checked_sub(1).and_then(|p| made[p].map(|f| (p, f)));
        // A member of a list (`وامرأتان` after `قتل ثلاثة رجال`) or of a
        // breakdown counts what the one before it counts, unless its own
        // noun says otherwise.
        let inherited = previous
            .filter(|&(p, f)| breakdown || member_of(tokens, numbers, p, ni, out[f].unit == "people"))
            .filter(|&(p, _)| tokens[numbers[p].tokens.0].sentence == tokens[a].sentence)
            .map(|(_, f)| f);
        // Its own noun or verb after it (`tens of injuries`, `40 others
        // were injured`) says what a member of a list counts; only a
        // member without one takes the list's.
        let adjacent = after.filter(|f| f.dist <= 1 && !f.through);
        let own = after.filter(|f| !f.through && inherited.is_some());
        let chosen: Option<Found> = match (after, before) {
            _ if adjacent.is_some() => adjacent,
            _ if own.is_some() => own,
            (Some(x), Some(y)) if inherited.is_none() => {
                Some(if y.dist < x.dist || x.through || toll_link(tokens, first) { y } else { x })
            }
            (x, y) if inherited.is_none() => x.or(y),
            _ => None,
        };
        let (category, unit, span) = match (chosen, inherited) {
            (Some(f), _) => {
                let span = Span::new(n.span.start.min(tokens[f.s].span.start), n.span.end.max(tokens[f.e].span.end));
                let mut category = f.trigger.category;
                let mut span = span;
                if let Some((other, s, e)) = joined_harm(lex, tokens, numbers, f) {
                    if other != category {
                        category = "casualties";
                        span = Span::new(span.start.min(tokens[s].span.start), span.end.max(tokens[e].span.end));
                    }
                }
                if category == "injured" && died_of_wounds(tokens, a) {
                    category = "killed";
                }
                (category, f.trigger.unit, span)
            }
            (None, Some(f)) => (out[f].category, out[f].unit, n.span),
            (None, None) => continue,
        };
        // `one of the raids`, `أحد الصواريخ`: one of a set of things is not
        // a count of them; `one of them killed` is a count of people.
        if partitive(tokens, n) && unit != "people" {
            continue;
        }
        // `two cows killed`: harm to animals is not a count of people.
        let head = tokens.get(b + 1).map(|t| t.key.as_str()).unwrap_or("");
        if words::NOT_PEOPLE.contains(&head) && unit == "people" {
            continue;
        }
        let mut number = n.clone();
        let mut span = span;
        // `1.663 إصابة`, `2.450 displaced`: no count of people has a
        // fraction, so a lone dot before three digits groups thousands
        // (a bigger amount, `50.144`, is read so already).
        if unit == "people" && number.numeral && number.value.fract() != 0.0 && n.tokens.0 == n.tokens.1 {
            // A numeral's key is its text.
            if let Some((int, frac)) = tokens[n.tokens.0].key.split_once('.') {
                if frac.len() == 3 && !frac.contains('.') && int.len() <= 3 && frac.chars().all(|c| c.is_ascii_digit())
                {
                    let v = number.value * 1000.0;
                    let v = v.round();
                    number.value = v;
                    number.low = Some(v);
                    number.high = number.high.map(|h| (h * 1000.0).round());
                }
            }
        }
        // `ستة قتلى على الأقل`, `23 explosions at least`: the qualifier
        // after the counted noun.
        if let Some(f) = chosen.filter(|f| f.s > b && number.qualifier == crate::numbers::Qualifier::Exact) {
            let after: Vec<&str> = tokens[f.e + 1..].iter().take(2).map(|t| t.key.as_str()).collect();
            if after == ["علي", "الاقل"] || after == ["at", "least"] {
                number.qualifier = crate::numbers::Qualifier::AtLeast;
                number.high = None;
                span.end = span.end.max(tokens[f.e + 2].span.end);
            }
        }
        // `the toll topped 2,000`, `تجاوز عدد المصابين`: more than the amount.
        if number.qualifier == crate::numbers::Qualifier::Exact && exceeded(tokens, first) {
            number.qualifier = crate::numbers::Qualifier::Over;
            number.high = None;
        }
        made[ni] = Some(out.len());
        out.push(FigureMention { span, number, category, unit, source: source_of(tokens, a), part: breakdown });
    }
    out
}

/// Decides what an amount is before anything is looked for around it.
fn role(tokens: &[Token], numbers: &[Number], ni: usize, dates: &sitrep_text::SpanSet) -> Role {
    let n = &numbers[ni];
    if n.negated || dates.overlaps(n.span) {
        return Role::Not;
    }
    let (a, b) = n.tokens;
    let first = (0..=a).rev().take(8).find(|&k| tokens[k].span.start == n.span.start).unwrap_or(a);
    let prev = |k: usize| first.checked_sub(k).map(|p| tokens[p].key.as_str()).unwrap_or("");
    // Times (10:01) and ordinals (1st).
    let next = tokens.get(b + 1);
    if next.is_some_and(|x| x.is(":") && x.span.start == tokens[b].span.end)
        || first > 0 && tokens[first - 1].is(":") && tokens[first - 1].span.end == tokens[a].span.start
        || next
            .is_some_and(|x| matches!(x.key.as_str(), "st" | "nd" | "rd" | "th") && x.span.start == tokens[b].span.end)
    {
        return Role::Not;
    }
    // The unit after the amount (skipping a hyphen: 24-year-old).
    let mut u = b + 1;
    if tokens.get(u).is_some_and(|x| x.is("-")) {
        u += 1;
    }
    // `5 consecutive days`, `ثلاثة أيام متتالية` is the unit's own word.
    if tokens.get(u).is_some_and(|x| words::UNIT_ADJECTIVES.contains(&x.key.as_str())) {
        u += 1;
    }
    let unit = tokens.get(u).map(|x| x.key.as_str()).unwrap_or("");
    if words::DISTANCE_UNITS.contains(&unit) || unit == "square" {
        // An area: square units (2km squared, 5 square kilometres, 3 كم
        // مربع), or a stretch people are confined to (`a 2km stretch of
        // land to which rebels are confined`); else a length.
        let square = |k: usize| tokens.get(k).is_some_and(|x| words::SQUARE_WORDS.contains(&x.key.as_str()));
        let area_word = |k: usize| tokens.get(k).is_some_and(|x| words::AREA_WORDS.contains(&x.key.as_str()));
        let confined = {
            let s = tokens[a].sentence;
            tokens
                .iter()
                .filter(|t| t.sentence == s)
                .any(|t| trigger_bases(&t.key).iter().any(|k| words::CONFINEMENT.contains(k)))
        };
        let at = (u..=u + 2).find(|&k| square(k) || (area_word(k) && confined));
        return match at.filter(|_| n.numeral || unit != "square") {
            Some(k) => Role::Area(k),
            None => Role::Not,
        };
    }
    // "The 2013 chemical attacks": a year used as a name.
    let year_like = n.numeral
        && tokens[a].key.len() == 4
        && (1900.0..=2100.0).contains(&n.value)
        && first > 0
        && words::YEAR_BEFORE.contains(&prev(1));
    if year_like || words::UNITS.contains(&unit) {
        return Role::Not;
    }
    // Ages: `aged 12`, `سن الـ18`, and the list after `aged` (`aged 19, 15
    // and 11`).
    let aged = words::AGE_BEFORE.contains(&prev(1))
        || matches!(prev(1), "ال" | "the" | "of" | "من") && words::AGE_BEFORE.contains(&prev(2));
    if aged || ni > 0 && age_list(tokens, numbers, ni) {
        return Role::Not;
    }
    // `خلال الساعات الـ24 الماضية`: a unit of time before the amount.
    let duration = words::DURATION_BEFORE.contains(&prev(1))
        || matches!(prev(1), "ال" | "الـ" | "ـ") && words::DURATION_BEFORE.contains(&prev(2));
    if duration {
        return Role::Not;
    }
    // `Maria Lopez, 61, died`, `Omar (24) was wounded`: an age after a name.
    if age_after_name(tokens, n, first) {
        return Role::Not;
    }
    // `had about 200 houses`, `home to 80,000`, `built for 5,000`, `بمعدل`,
    // `all but a few dozen`: a description, a rate, an exception.
    let lo = first.saturating_sub(5);
    let clause_start =
        (lo..first).rev().find(|&k| is_barrier(&tokens[k]) || is_comma(&tokens[k])).map_or(lo, |k| k + 1);
    if first > 0 && phrase_ending(words::DESCRIPTIONS, tokens, first - 1)
        || (clause_start..first).any(|k| phrase_at(words::NOT_COUNTS_BEFORE, tokens, k).is_some())
    {
        return Role::Not;
    }
    Role::Count
}

/// After `aged N`, the amounts joined to it are ages too (`aged 19, 15
/// and 11 respectively`).
fn age_list(tokens: &[Token], numbers: &[Number], ni: usize) -> bool {
    let mut k = ni;
    while k > 0 {
        let (p, n) = (&numbers[k - 1], &numbers[k]);
        let between = &tokens[p.tokens.1 + 1..n.tokens.0];
        if between.is_empty() || between.len() > 2 || !between.iter().all(is_join) {
            return false;
        }
        let pf = (0..=p.tokens.0).rev().take(8).find(|&j| tokens[j].span.start == p.span.start).unwrap_or(p.tokens.0);
        if pf > 0 && words::AGE_BEFORE.contains(&tokens[pf - 1].key.as_str()) {
            return true;
        }
        k -= 1;
    }
    false
}

/// The oldest age an apposition after a name gives.
const AGE_MAX: f64 = 120.0;

/// `Name, N,` or `Name (N)`: a small bare number set off after a word,
/// with nothing counted after it.
fn age_after_name(tokens: &[Token], n: &Number, first: usize) -> bool {
    let (_, b) = n.tokens;
    if n.value > AGE_MAX || n.value.fract() != 0.0 || n.qualifier != crate::numbers::Qualifier::Exact || first < 2 {
        return false;
    }
    let open = &tokens[first - 1];
    let word_before = tokens[first - 2].kind == Kind::Word;
    let close = tokens.get(b + 1);
    let set_off = (is_comma(open) && close.is_none_or(|c| is_comma(c) || c.is(".") || c.is("and") || c.is(")")))
        || (open.is("(") && close.is_some_and(|c| c.is(")")));
    set_off && word_before
}

/// `one of the raids`, `أحد الصواريخ`, `لأحد الصواريخ`: one out of a set.
fn partitive(tokens: &[Token], n: &Number) -> bool {
    let (a, b) = n.tokens;
    if a != b || n.value != 1.0 {
        return false;
    }
    let next = tokens.get(b + 1);
    let one = &tokens[a].key;
    if one.is_ascii() {
        return next.is_some_and(|t| t.is("of"));
    }
    let base = trigger_bases(one);
    let arabic_one = base.iter().any(|k| matches!(*k, "احد" | "احدي"));
    arabic_one && next.is_some_and(|t| trigger_bases(&t.key).iter().any(|k| k.starts_with("ال")))
}

/// Is amount `ni` the next member of a list that amount `p` starts:
/// between them at most a few words with no trigger, and a join (`Five
/// boys, two girls`, `و6 في بنت جبيل`, `، تليها إدلب بـ 190`)?
fn member(tokens: &[Token], numbers: &[Number], p: usize, ni: usize) -> bool {
    member_of(tokens, numbers, p, ni, false)
}

/// … and a list of people may say where or by what each member was hit
/// (`4 في غارة على جباليا، و3 في قصف مدفعي`): with `people`, only a
/// trigger of people between breaks it.
fn member_of(tokens: &[Token], numbers: &[Number], p: usize, ni: usize, people: bool) -> bool {
    let lex = lexicon();
    let (pe, ns) = (numbers[p].tokens.1, numbers[ni].tokens.0);
    let between = &tokens[pe + 1..ns];
    if between.len() > MEMBER_GAP || between.iter().any(is_barrier) {
        return false;
    }
    let fused = tokens[ns].key.starts_with('و') && !tokens[ns].key.is_ascii();
    let joined = fused || between.iter().any(is_join);
    let blocks = |f: Option<(&'static Trigger, usize)>| f.is_some_and(|(tr, _)| !people || tr.unit == "people");
    let trigger = (pe + 2..ns).any(|k| {
        blocks(trigger_at(&lex.after, tokens, k))
            || blocks(trigger_at(&lex.before, tokens, k))
            || words::AUXILIARIES.contains(&tokens[k].key.as_str())
    });
    joined && !trigger
}

/// Is the amount a part of a total (`including five children`, `four of
/// them`, `بينهم ستة أطفال`, `منهم 22`)?
fn breakdown_of(tokens: &[Token], first: usize, b: usize) -> bool {
    let before = first > 0 && phrase_ending(words::BREAKDOWNS, tokens, first - 1);
    let after = phrase_at(words::BREAKDOWNS_AFTER, tokens, b + 1).is_some();
    before || after
}

/// After the amount: the nearest trigger in its phrase, passing over the
/// other members of its list, an apposition and a participle.
fn search_after(
    lex: &Lexicon,
    tokens: &[Token],
    numbers: &[Number],
    amount_at: &HashMap<usize, usize>,
    ni: usize,
) -> Option<Found> {
    let (_, b) = numbers[ni].tokens;
    let sentence = tokens[b].sentence;
    let mut k = b + 1;
    let mut dist = 0;
    let mut members = 0;
    while k < tokens.len() && tokens[k].sentence == sentence && !is_barrier(&tokens[k]) && dist < AFTER_WINDOW {
        // An auxiliary is part of the verb it comes with (`were badly hurt`);
        // an article, `of` or `among` adds nothing (`were among the dead`,
        // `tens of injuries`).
        let key = tokens[k].key.as_str();
        if !words::AUXILIARIES.contains(&key) && !matches!(key, "the" | "a" | "an" | "among" | "of") {
            dist += 1;
        }
        // Another amount: a member of the same list is passed over; `among
        // the 19 dead` lends its noun; any other ends the phrase.
        if let Some(&other) = amount_at.get(&k) {
            let among = k >= 1
                && matches!(tokens[k - 1].key.as_str(), "among" | "the")
                && tokens[..k].iter().rev().take(2).any(|t| t.is("among"));
            if among {
                let end = numbers[other].tokens.1;
                return trigger_at(&lex.after, tokens, end + 1).map(|(tr, e)| Found {
                    trigger: tr,
                    s: end + 1,
                    e,
                    dist,
                    through: members > 0,
                });
            }
            let prev = amount_at.iter().filter(|(&t, _)| t < k).max_by_key(|(&t, _)| t).map(|(_, &p)| p).unwrap_or(ni);
            if members < 8 && member(tokens, numbers, prev, other) {
                members += 1;
                k = numbers[other].tokens.1 + 1;
                dist = 0;
                continue;
            }
            return None;
        }
        // `مواطنين اثنين وإصابة تسعة`: a fused `و` with a trigger that an
        // amount follows opens the next clause, whose amount it counts.
        if tokens[k].key.starts_with('و') && !tokens[k].key.is_ascii() {
            if let Some((_, e)) = trigger_at(&lex.before, tokens, k) {
                let after = tokens.get(e + 1).map_or(usize::MAX, |t| t.span.start);
                if numbers.iter().any(|n| n.span.start == after) {
                    return None;
                }
            }
        }
        if let Some((tr, end)) = trigger_at(&lex.after, tokens, k) {
            // "left" counts those who left, unless a word of its own
            // follows: "left dead", "left homeless", "left injured".
            let weak = tokens[k].key == "left" && trigger_at(&lex.after, tokens, k + 1).is_some();
            let next_only = words::NEXT_ONLY.contains(&tokens[k].key.as_str()) && dist > 1;
            // `Two gunmen killed three men`: a verb with an amount of its
            // own after it counts that amount; the one before is its doer.
            // (Without one, `250 militants killed` is a headline's passive.)
            let after_verb = tokens.get(end + 1).map_or(usize::MAX, |t| t.span.start);
            let verb = tokens[k].key.is_ascii() && (tokens[end].key.ends_with("ed") || end > k);
            let object =
                verb && numbers.iter().any(|n| n.span.start == after_verb && amount_at.contains_key(&n.tokens.0));
            if object {
                return None;
            }
            if !weak && !next_only {
                return Some(Found { trigger: tr, s: k, e: end, dist, through: members > 0 });
            }
        }
        // "wounded 30 and killed 17": a new clause with its own verb
        // starts here; its trigger belongs to the amount after it. So does
        // a toll repeated for another category (`، والجرحى إلى 4210`).
        let joins = matches!(tokens[k].key.as_str(), "and" | "," | "،" | "و");
        if joins && trigger_at(&lex.before, tokens, k + 1).is_some() {
            return None;
        }
        if joins {
            if let Some((_, e)) = trigger_at(&lex.after, tokens, k + 1) {
                if toll_link(tokens, e + 1) || toll_link_at(tokens, e + 1) {
                    return None;
                }
            }
        }
        // `, including a cook,`: an apposition is passed over.
        if is_comma(&tokens[k]) && phrase_at(words::APPOSITIONS, tokens, k + 1).is_some() {
            let close =
                (k + 1..(k + 1 + ASIDE).min(tokens.len())).find(|&j| is_comma(&tokens[j]) || is_barrier(&tokens[j]));
            match close {
                Some(j) if is_comma(&tokens[j]) => {
                    k = j + 1;
                    continue;
                }
                _ => return None,
            }
        }
        // `sitting in the truck`, `who were travelling`: a participle or
        // relative clause is passed over up to its verb.
        let t = &tokens[k];
        let participle = t.key.len() > 4 && t.key.ends_with("ing") && t.kind == Kind::Word;
        // A relative clause has a verb of its own first (`who were
        // travelling … were hurt`); what it says of its own object (`who
        // chose to remain in the town`) is not the amount's trigger.
        let relative = words::RELATIVE_STARTS.contains(&t.key.as_str());
        // … unless the relative's own verb is the trigger: `13 civilians who
        // died`, `20 fighters who were killed`.
        if relative {
            let verb = (k + 1..(k + 4).min(tokens.len()))
                .find(|&j| !words::AUXILIARIES.contains(&tokens[j].key.as_str()))
                .filter(|&j| tokens[j].sentence == sentence);
            if let Some(j) = verb {
                if let Some((tr, e)) = trigger_at(&lex.after, tokens, j) {
                    return Some(Found { trigger: tr, s: j, e, dist, through: members > 0 });
                }
            }
        }
        if participle || relative {
            let aux: Vec<usize> = (k + 1..(k + 1 + ASIDE).min(tokens.len()))
                .take_while(|&j| !is_barrier(&tokens[j]) && tokens[j].sentence == sentence)
                .filter(|&j| words::AUXILIARIES.contains(&tokens[j].key.as_str()))
                .collect();
            let main = if relative { aux.get(1).or(aux.first().filter(|&&j| j > k + 1)) } else { aux.first() };
            match main {
                Some(&j) => {
                    dist = dist.saturating_sub(1);
                    k = j;
                    continue;
                }
                None if relative => return None,
                None => {}
            }
        }
        k += 1;
    }
    None
}

/// `to`, `at`, `إلى`, `بـ` right before the amount: the value of a toll
/// or a count named before it.
fn toll_link(tokens: &[Token], first: usize) -> bool {
    first > 0 && toll_link_at(tokens, first - 1)
}

fn toll_link_at(tokens: &[Token], k: usize) -> bool {
    tokens.get(k).is_some_and(|t| words::TOLL_LINKS.contains(&t.key.as_str()))
}

/// Before the amount: the nearest trigger ending within the window
/// (`killing 17`), never reaching back into the previous amount nor across
/// a preposition that starts another phrase; else the head of a toll whose
/// value the amount is (`the death toll … at 23`, `عدد القتلى جراء
/// الغارة إلى 17`), the category its noun says.
fn search_before(lex: &Lexicon, tokens: &[Token], numbers: &[Number], ni: usize, first: usize) -> Option<Found> {
    let sentence = tokens[numbers[ni].tokens.0].sentence;
    let floor = if ni > 0 { numbers[ni - 1].tokens.1 + 1 } else { 0 };
    let mut k = first;
    while k > floor && first - k < BEFORE_WINDOW {
        k -= 1;
        if tokens[k].sentence != sentence || is_barrier(&tokens[k]) {
            break;
        }
        if words::GAP_BLOCKERS.contains(&tokens[k].key.as_str()) {
            break;
        }
        if let Some((tr, end)) = trigger_at(&lex.before, tokens, k) {
            if end < first {
                return Some(Found { trigger: tr, s: k, e: end, dist: first - end, through: false });
            }
        }
        // `من بين القتلى أربعة`, `among the dead were four`.
        if let Some((tr, end)) = trigger_at(&lex.after, tokens, k) {
            let among = (k.saturating_sub(2)..k).any(|j| phrase_at(words::AMONG, tokens, j).is_some_and(|e| e < k + 1));
            if among && end < first {
                return Some(Found { trigger: tr, s: k, e: end, dist: first - end, through: false });
            }
        }
    }
    // `شهيد واحد`, `مواطنين اثنين`: Arabic one and two follow the noun
    // they count.
    let a = numbers[ni].tokens.0;
    let after_noun = !tokens[a].key.is_ascii() && numbers[ni].value <= 2.0 && !numbers[ni].numeral && !numbers[ni].dual;
    if after_noun && a > floor {
        if let Some((tr, e)) = trigger_at(&lex.after, tokens, a - 1).filter(|(_, e)| *e + 1 == a) {
            return Some(Found { trigger: tr, s: a - 1, e, dist: 1, through: false });
        }
    }
    // `، والجرحى إلى 4210`: a toll repeated for another category.
    if toll_link(tokens, first) && first >= 2 {
        if let Some((tr, e)) = trigger_at(&lex.after, tokens, first - 2).filter(|(_, e)| *e + 2 == first) {
            if tr.unit == "people" {
                return Some(Found { trigger: tr, s: first - 2, e, dist: 2, through: false });
            }
        }
    }
    // A toll: its head within reach, the link word right before the amount
    // or the amount right after the head's noun (`تجاوز عدد المصابين
    // 154,900`).
    let lo = first.saturating_sub(TOLL_REACH).max(floor);
    for h in (lo..first).rev() {
        if tokens[h].sentence != sentence || is_barrier(&tokens[h]) {
            break;
        }
        if phrase_at(words::TOLL_HEADS, tokens, h).is_none() {
            continue;
        }
        // The noun of the toll, within a few words of its head.
        let noun = (h..(h + 5).min(first)).find_map(|j| {
            trigger_at(&lex.after, tokens, j)
                .or_else(|| trigger_at(&lex.before, tokens, j))
                .filter(|(tr, _)| tr.unit == "people")
                .map(|(tr, e)| (tr, j, e))
        });
        let linked = toll_link(tokens, first) || noun.is_some_and(|(_, _, e)| e + 1 == first);
        if !linked {
            continue;
        }
        if let Some((tr, s, e)) = noun {
            return Some(Found { trigger: tr, s, e, dist: first - e, through: false });
        }
        // `the toll`, `حصيلة` alone count the dead.
        if words::DEATH_TOLLS.iter().any(|w| trigger_bases(&tokens[h].key).contains(w)) {
            let tr = words::TRIGGERS.iter().find(|t| t.category == "killed")?;
            return Some(Found { trigger: tr, s: h, e: h, dist: first - h, through: false });
        }
    }
    None
}

/// A verb of exceeding in the toll before the amount (`topped`, `تجاوز
/// عدد المصابين`), within its clause.
fn exceeded(tokens: &[Token], first: usize) -> bool {
    let lo = first.saturating_sub(5);
    (lo..first)
        .rev()
        .take_while(|&k| !is_barrier(&tokens[k]) && !is_comma(&tokens[k]))
        .any(|k| trigger_bases(&tokens[k].key).iter().any(|b| words::EXCEEDING.contains(b)))
}

/// `killed or wounded`, `مقتل وإصابة`, `الشهداء والجرحى`, `بين شهيد
/// وجريح`: the other harm joined to a trigger, and its tokens.
fn joined_harm(lex: &Lexicon, tokens: &[Token], numbers: &[Number], f: Found) -> Option<(&'static str, usize, usize)> {
    let harm = |c: &str| c == "killed" || c == "injured";
    // `41 شهيدا وإصابة 124`: the other harm has an amount of its own.
    let starts_amount = |k: usize| numbers.iter().any(|n| n.tokens.0 == k || tokens[k].span.start == n.span.start);
    let ends_amount = |k: usize| numbers.iter().any(|n| n.tokens.1 == k);
    if !harm(f.trigger.category) {
        return None;
    }
    let any_trigger = |k: usize| trigger_at(&lex.after, tokens, k).or_else(|| trigger_at(&lex.before, tokens, k));
    // After: `and`/`or`/`و` then the other, or the other with `و` fused.
    let next = f.e + 1;
    let after = if tokens.get(next).is_some_and(|t| t.is("and") || t.is("or") || t.is("و")) {
        any_trigger(next + 1).map(|(tr, e)| (tr.category, next + 1, e))
    } else if tokens.get(next).is_some_and(|t| t.key.starts_with('و') && !t.key.is_ascii()) {
        any_trigger(next).map(|(tr, e)| (tr.category, next, e))
    } else {
        None
    };
    if let Some(x) = after.filter(|x| harm(x.0) && !(x.2 + 1 < tokens.len() && starts_amount(x.2 + 1))) {
        return Some(x);
    }
    // Before: the trigger carries a fused `و`, or a join stands before it.
    let s = f.s;
    let fused = tokens[s].key.starts_with('و') && !tokens[s].key.is_ascii();
    let joined_before = s >= 2 && (tokens[s - 1].is("and") || tokens[s - 1].is("or") || tokens[s - 1].is("و"));
    let at = if fused && s >= 1 {
        Some(s - 1)
    } else if joined_before {
        Some(s - 2)
    } else {
        None
    };
    let at = at?;
    let (tr, e) = any_trigger(at)?;
    let owned = at > 0 && ends_amount(at - 1);
    (harm(tr.category) && e < s && !owned).then_some((tr.category, at, e))
}

/// `succumbed to their injuries`, `توفي … متأثرا بجراحه`: the wounded died.
fn died_of_wounds(tokens: &[Token], a: usize) -> bool {
    let s = tokens[a].sentence;
    let lo = a.saturating_sub(4);
    let hi = (a + 10).min(tokens.len());
    (lo..hi).any(|k| tokens[k].sentence == s && phrase_at(words::DIED_OF_WOUNDS, tokens, k).is_some())
}

/// `according to the UN`, `بحسب الدفاع المدني`: who the sentence cites.
fn source_of(tokens: &[Token], at: usize) -> Option<Span> {
    let sentence = tokens[at].sentence;
    let lo = tokens[..at].iter().rposition(|t| t.sentence != sentence).map(|p| p + 1).unwrap_or(0);
    let hi = tokens[at..].iter().position(|t| t.sentence != sentence).map(|p| p + at).unwrap_or(tokens.len());
    for k in lo..hi {
        for &m in words::SOURCE_MARKERS {
            if tokens[k..hi].len() > m.len() && tokens[k..k + m.len()].iter().zip(m).all(|(t, w)| t.key == *w) {
                let start = k + m.len();
                let mut end = start;
                // Stop at punctuation, but not inside U.N. or al-Assad.
                let inner = |j: usize| {
                    let t = &tokens[j];
                    t.kind != Kind::Punct
                        || t.key == "-"
                        || t.key == "'"
                        || (t.key == "."
                            && tokens[j - 1].key.chars().count() == 1
                            && tokens.get(j + 1).is_some_and(|n| n.span.start == t.span.end && n.kind == Kind::Word))
                };
                while end + 1 < hi && end - start < 7 && inner(end + 1) {
                    end += 1;
                }
                return Some(Span::new(tokens[start].span.start, tokens[end].span.end));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn figures(text: &str) -> Vec<(String, f64, &'static str, &'static str)> {
        let tokens = tokenize(text);
        let numbers = crate::numbers::find(&tokens);
        let dates = crate::dates::find(&tokens, None);
        find(&tokens, &numbers, &dates)
            .into_iter()
            .map(|f| {
                (text[f.span.start..f.span.end].to_string(), f.number.value, f.category, f.number.qualifier.as_str())
            })
            .collect()
    }

    /// A figure as the tests state it: value, category, qualifier.
    type Expected = (f64, &'static str, &'static str);

    /// Short cases written for these tests: text, then the figures it holds.
    /// The cases that show a list's words at work are examples in
    /// `data/figures.txt` (run by `tests/data_examples.rs`); these show
    /// rules that no list holds: times, counts of things no trigger names,
    /// lists, appositions and ages after names.
    const GOLDEN: &[(&str, &[Expected])] = &[
        ("at 10:01 the interview resumed", &[]),
        ("We conducted 12 interviews and bought 30 eggs.", &[]),
        ("Nine soldiers and 14 fighters were killed.", &[(9.0, "killed", "exact"), (14.0, "killed", "exact")]),
        ("Seven farmers, including a ten-year-old boy, were wounded.", &[(7.0, "injured", "exact")]),
        ("Four guards standing at the gate were seriously injured.", &[(4.0, "injured", "exact")]),
        ("Gunmen shot Ali Hassan, 9, near the market, killing 2.", &[(2.0, "killed", "exact")]),
        ("قتل عشرين شخصا بينهم ستة أطفال.", &[(20.0, "killed", "exact"), (6.0, "killed", "exact")]),
    ];

    #[test]
    fn golden_figures() {
        for (text, want) in GOLDEN {
            let got: Vec<(f64, &str, &str)> = figures(text).into_iter().map(|f| (f.1, f.2, f.3)).collect();
            assert_eq!(&got, want, "{text}: {:?}", figures(text));
        }
    }

    #[test]
    fn source_is_the_cited_body() {
        let text = "More than 50,000 have been displaced, according to the United Nations.";
        let tokens = tokenize(text);
        let f = find(&tokens, &crate::numbers::find(&tokens), &[]);
        let s = f[0].source.unwrap();
        assert_eq!(&text[s.start..s.end], "the United Nations");
    }
}
