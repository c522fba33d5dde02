//! Syndicated copies: the same story carried by several outlets, each with
//! its own headline, standfirst, "read more" lines and footer, sometimes
//! lightly edited. Counting each as an independent source is the mistake
//! linking exists to prevent, so the archive finds them when they are
//! added (`Archive::add`) and linking counts a copy's claims as its
//! original's where the copy's sentence is the original's
//! ([`sentence_shared`]: a claim in words the copy added stays its own).
//!
//! **Shingles.** A text's shingles are its runs of [`SHINGLE`] words,
//! words being runs of letters and digits, lowercased, Arabic letter
//! variants, marks and digits folded ([`crate::fold::fold_key`]), so
//! punctuation, line breaks and spelling of hamza do not tell copies apart.
//! An edited word changes only the shingles that hold it.
//!
//! **MinHash.** Each shingle is hashed (FNV-1a, 64 bits, fixed here so
//! signatures stored by one build compare with the next), and a signature
//! keeps, for each of [`HASHES`] independent mixes of that hash, the
//! smallest value over the text. The share of positions where two
//! signatures agree estimates the Jaccard similarity J of the two shingle
//! sets (±0.04 at J = 0.5). With each set's size kept beside its
//! signature, the shingles the two share are I = J(|A| + |B|) / (1 + J).
//!
//! **The rule.** Headers, standfirsts and footers make copies differ at
//! their ends, and outlets cut stories short, so what is compared is the
//! share of the *shorter* text's shingles found in the other,
//! I / min(|A|, |B|): a document is a copy of an earlier one from another
//! publisher when that share is at least [`THRESHOLD`] (50 %), the shorter
//! has at least a quarter of the shingles of the longer ([`MIN_RATIO`], so
//! a brief quoted inside a long feature is not its copy, nor the feature
//! the brief's), and both have at least [`MIN_SHINGLES`] shingles (short
//! posts alike in a few words are not copies: a forwarded post says whom
//! it relays). Half is low enough for a four-paragraph wire story under
//! another outlet's headline, standfirst and footer, with a sentence
//! reworded and the last paragraph cut (66 % in the tests), and far above
//! two reports of the same shelling written apart (4 %). The share, in
//! whole percent, is what `show`, `list` and the desk call "66% the same".
//! The publisher rule is the archive's: a channel's or site's own
//! boilerplate repeated under every post makes them alike, not copies.
//!
//! ```
//! use sitrep_text::copies::Signature;
//! let story = "Shelling struck the market in the old city on Tuesday morning, killing six people \
//!     and wounding at least twenty others, the civil defence said in a statement. Rescuers were \
//!     still searching the rubble of two buildings in the afternoon.";
//! let a = Signature::of(&format!("Morning Post\n\n{story}\n\nRead more on our site.")).unwrap();
//! let b = Signature::of(&format!("Evening Herald | World\n\n{story}\n\nShare this article")).unwrap();
//! assert!(a.same_story(&b).unwrap() >= 0.5);
//! ```

use crate::fold::fold_key;
use std::collections::HashSet;

/// Words in a shingle.
pub const SHINGLE: usize = 4;
/// Values in a signature.
pub const HASHES: usize = 128;
/// Fewest shingles a text needs to be compared.
pub const MIN_SHINGLES: u32 = 20;
/// Least share of the shorter text's shingles found in the other for a copy.
pub const THRESHOLD: f64 = 0.5;
/// Least ratio of the shorter text's shingles to the longer's.
pub const MIN_RATIO: f64 = 0.25;
/// Least share of a sentence's shingles found in the original for a
/// copy's claim in it to be the original's.
pub const SENTENCE_SHARED: f64 = 0.5;

/// A text's MinHash signature and the number of distinct shingles it has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    pub shingles: u32,
    pub mins: Vec<u32>,
}

/// FNV-1a over a shingle's words, a space between them.
fn fnv(words: &[String]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            h ^= u64::from(b' ');
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        for b in w.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The `i`-th mix of a shingle hash: a multiply–xorshift of the hash with
/// a seed of its own (splitmix64's finalizer), top 32 bits kept.
fn mix(h: u64, i: usize) -> u32 {
    let mut z = h ^ (i as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    (z >> 32) as u32
}

/// The words of a text as shingles see them.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && !crate::fold::is_arabic_mark(c))
        .filter(|w| !w.is_empty())
        .map(|w| fold_key(&w.to_lowercase()))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The hashes of a text's shingles, for telling which sentences of a copy
/// its original holds.
pub fn shingle_set(text: &str) -> HashSet<u64> {
    words(text).windows(SHINGLE).map(fnv).collect()
}

/// Whether the original (its [`shingle_set`]) holds the sentence: at least
/// [`SENTENCE_SHARED`] of the sentence's shingles. A sentence of fewer
/// than [`SHINGLE`] words is never held: too short to tell.
pub fn sentence_shared(original: &HashSet<u64>, sentence: &str) -> bool {
    let words = words(sentence);
    if words.len() < SHINGLE {
        return false;
    }
    let shingles: HashSet<u64> = words.windows(SHINGLE).map(fnv).collect();
    let found = shingles.iter().filter(|h| original.contains(h)).count();
    found as f64 >= SENTENCE_SHARED * shingles.len() as f64
}

impl Signature {
    /// The signature of a text; `None` when it has fewer than
    /// [`MIN_SHINGLES`] shingles.
    pub fn of(text: &str) -> Option<Signature> {
        let words = words(text);
        if words.len() < SHINGLE {
            return None;
        }
        let mut hashes: Vec<u64> = words.windows(SHINGLE).map(fnv).collect();
        hashes.sort_unstable();
        hashes.dedup();
        if (hashes.len() as u32) < MIN_SHINGLES {
            return None;
        }
        let mut mins = vec![u32::MAX; HASHES];
        for h in &hashes {
            for (i, m) in mins.iter_mut().enumerate() {
                *m = (*m).min(mix(*h, i));
            }
        }
        Some(Signature { shingles: hashes.len() as u32, mins })
    }

    /// The estimated Jaccard similarity of the two shingle sets.
    pub fn jaccard(&self, other: &Signature) -> f64 {
        let n = self.mins.len().min(other.mins.len());
        if n == 0 {
            return 0.0;
        }
        let same = self.mins.iter().zip(&other.mins).filter(|(a, b)| a == b).count();
        same as f64 / n as f64
    }

    /// The share of the shorter text's shingles found in the other, when
    /// the two are alike enough in size to be copies at all (see the
    /// module's rule).
    pub fn same_story(&self, other: &Signature) -> Option<f64> {
        let (small, large) = (self.shingles.min(other.shingles) as f64, self.shingles.max(other.shingles) as f64);
        if small < MIN_SHINGLES as f64 || small / large < MIN_RATIO {
            return None;
        }
        let j = self.jaccard(other);
        let shared = j * (small + large) / (1.0 + j);
        Some((shared / small).min(1.0))
    }

    /// Whether `other` and this are one story by the rule, and how much.
    pub fn copy_share(&self, other: &Signature) -> Option<f64> {
        self.same_story(other).filter(|&s| s >= THRESHOLD)
    }

    /// The signature as stored: its values, little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.mins.iter().flat_map(|m| m.to_le_bytes()).collect()
    }

    pub fn from_bytes(shingles: u32, bytes: &[u8]) -> Signature {
        let mins = bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        Signature { shingles, mins }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_case_punctuation_and_arabic_variants() {
        assert_eq!(words("Al-Shaar, hit!"), ["al", "shaar", "hit"]);
        assert_eq!(words("قصفٌ على حلبَ"), words("قصف علي حلب"));
    }

    #[test]
    fn short_texts_have_no_signature_and_bytes_round_trip() {
        assert!(Signature::of("Breaking: an explosion was heard in the city centre.").is_none());
        // Thirty words, but only ten distinct shingles.
        assert!(Signature::of(&"one two three four five six seven eight nine ten ".repeat(3)).is_none());
        let s = Signature::of(&(1..40).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ")).unwrap();
        assert_eq!(s.shingles, 36);
        assert_eq!(Signature::from_bytes(s.shingles, &s.to_bytes()), s);
    }
}
