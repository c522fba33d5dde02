//! An outside witness for the head: RFC 3161 time-stamps.
//!
//! `sitrep verify` prints the archive's head, one digest over all its
//! evidence. A time-stamping authority (TSA) can sign that digest with the
//! time it saw it, so that anyone can later prove the archive held exactly
//! this at that time: [`request`] makes the `TimeStampReq` to send (its
//! message imprint is the head itself, a SHA-256 digest, as `openssl ts
//! -query -digest HEAD -sha256` would make it), and [`check`] reads the
//! `TimeStampResp` that comes back and says whether it stamps this head
//! (and this request's nonce), and when.
//!
//! The two structures are small and fixed, so they are written and read
//! here, by hand, in DER: no crate in the tree reads them, and the crates
//! that would (RustCrypto's `x509-tsp` over `cms`, `x509-cert`, `spki` and
//! `der`) bring six for two SEQUENCEs and still leave the signature to a
//! trust decision. [`check`] does **not** verify the TSA's signature or
//! certificate chain: which authorities to trust is the analyst's choice,
//! made with the TSA's certificate and `openssl ts -verify`, and the
//! command line says so with the exact command.

use std::fmt;

/// Object identifiers, DER-encoded (their content octets).
const SHA256: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
const SIGNED_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
const TST_INFO: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x01, 0x04];

const SEQUENCE: u8 = 0x30;
const SET: u8 = 0x31;
const INTEGER: u8 = 0x02;
const BOOLEAN: u8 = 0x01;
const OCTET_STRING: u8 = 0x04;
const NULL: u8 = 0x05;
const OID: u8 = 0x06;
const GENERALIZED_TIME: u8 = 0x18;
const CONTEXT_0: u8 = 0xa0;

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes: Vec<u8> = n.to_be_bytes().into_iter().skip_while(|&b| b == 0).collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(content);
    out
}

/// A non-negative INTEGER's content octets: big-endian, minimal, with a
/// leading zero when the top bit is set (else it would read as negative).
fn unsigned(bytes: &[u8]) -> Vec<u8> {
    let mut v: Vec<u8> = bytes.iter().copied().skip_while(|&b| b == 0).collect();
    if v.first().is_none_or(|&b| b & 0x80 != 0) {
        v.insert(0, 0);
    }
    v
}

/// The `TimeStampReq` (RFC 3161 §2.4.1) for a SHA-256 `digest`, with a
/// nonce and asking for the TSA's certificate in the response:
///
/// ```text
/// SEQUENCE { version 1, messageImprint SEQUENCE { SEQUENCE { sha256, NULL }, OCTET STRING digest },
///            nonce INTEGER, certReq TRUE }
/// ```
pub fn request(digest: &[u8; 32], nonce: &[u8]) -> Vec<u8> {
    let algorithm = tlv(SEQUENCE, &[tlv(OID, SHA256), tlv(NULL, &[])].concat());
    let imprint = tlv(SEQUENCE, &[algorithm, tlv(OCTET_STRING, digest)].concat());
    let body = [tlv(INTEGER, &[1]), imprint, tlv(INTEGER, &unsigned(nonce)), tlv(BOOLEAN, &[0xff])].concat();
    tlv(SEQUENCE, &body)
}

/// A nonce for a request, from the operating system's random source, so a
/// stale response cannot be passed off as the answer to this request.
pub fn nonce() -> Result<[u8; 8], NotAStamp> {
    let mut n = [0u8; 8];
    getrandom::fill(&mut n).map_err(|e| NotAStamp(format!("the operating system gave no random bytes: {e}")))?;
    Ok(n)
}

/// A head written as 64 hex digits, as bytes.
pub fn head_bytes(head: &str) -> Option<[u8; 32]> {
    let h = head.trim();
    if h.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(h.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// What a time-stamp response says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    /// The time the TSA stamped, as it wrote it (GeneralizedTime, UTC).
    pub time: String,
    /// The digest it stamped, hex.
    pub digest: String,
    /// The token's serial number, hex.
    pub serial: String,
    /// The TSA's policy, dotted.
    pub policy: String,
    /// The nonce, hex, when it sent one back.
    pub nonce: Option<String>,
}

/// Why a response could not be read, or is not a stamp.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotAStamp(pub String);

impl fmt::Display for NotAStamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotAStamp {}

fn bad(why: &str) -> NotAStamp {
    NotAStamp(format!("not an RFC 3161 time-stamp response: {why}"))
}

/// A reader of DER's tag-length-value triples, bounded by its slice.
struct Der<'a>(&'a [u8]);

impl<'a> Der<'a> {
    fn peek(&self) -> Option<u8> {
        self.0.first().copied()
    }

    fn any(&mut self) -> Result<(u8, &'a [u8]), NotAStamp> {
        let b = self.0;
        let (&tag, rest) = b.split_first().ok_or_else(|| bad("it ends early"))?;
        let (&first, rest) = rest.split_first().ok_or_else(|| bad("it ends early"))?;
        let (len, rest) = if first < 0x80 {
            (first as usize, rest)
        } else {
            let n = (first & 0x7f) as usize;
            // DER has no indefinite length, and nothing here is 4 GiB long.
            if n == 0 || n > 4 || rest.len() < n {
                return Err(bad("a length it cannot hold"));
            }
            (rest[..n].iter().fold(0usize, |acc, &x| (acc << 8) | x as usize), &rest[n..])
        };
        if rest.len() < len {
            return Err(bad("a value longer than the response"));
        }
        self.0 = &rest[len..];
        Ok((tag, &rest[..len]))
    }

    fn take(&mut self, tag: u8, what: &str) -> Result<&'a [u8], NotAStamp> {
        match self.any()? {
            (t, content) if t == tag => Ok(content),
            _ => Err(bad(&format!("{what} is not where it should be"))),
        }
    }

    fn skip_if(&mut self, tag: u8) -> Result<(), NotAStamp> {
        if self.peek() == Some(tag) {
            self.any()?;
        }
        Ok(())
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn integer(b: &[u8]) -> Option<i64> {
    if b.is_empty() || b.len() > 8 {
        return None;
    }
    Some(b.iter().fold(if b[0] & 0x80 != 0 { -1i64 } else { 0 }, |acc, &x| (acc << 8) | x as i64))
}

fn dotted(oid: &[u8]) -> String {
    let mut parts: Vec<u64> = Vec::new();
    let mut v = 0u64;
    for &b in oid {
        v = (v << 7) | (b & 0x7f) as u64;
        if b & 0x80 == 0 {
            if parts.is_empty() {
                let first = (v / 40).min(2);
                parts.push(first);
                parts.push(v - first * 40);
            } else {
                parts.push(v);
            }
            v = 0;
        }
    }
    parts.iter().map(u64::to_string).collect::<Vec<_>>().join(".")
}

/// The nonce of a request made by [`request`] (or openssl), hex.
pub fn request_nonce(req: &[u8]) -> Result<Option<String>, NotAStamp> {
    let mut outer = Der(req);
    let mut r = Der(outer.take(SEQUENCE, "the request").map_err(|_| NotAStamp("not a time-stamp request".into()))?);
    r.take(INTEGER, "the version")?;
    r.take(SEQUENCE, "the message imprint")?;
    if r.peek() == Some(OID) {
        r.any()?;
    }
    Ok(match r.peek() {
        Some(INTEGER) => Some(hex(&unsigned(r.any()?.1))),
        _ => None,
    })
}

/// Reads a `TimeStampResp` (RFC 3161 §2.4.2): the status must grant it,
/// the token must be CMS SignedData holding a `TSTInfo`, whose message
/// imprint is a SHA-256 digest. The signature is not checked (see the
/// module docs).
pub fn check(resp: &[u8]) -> Result<Stamp, NotAStamp> {
    let mut outer = Der(resp);
    let mut r = Der(outer.take(SEQUENCE, "the response")?);
    let mut status = Der(r.take(SEQUENCE, "the status")?);
    let code = integer(status.take(INTEGER, "the status code")?).ok_or_else(|| bad("a status code it cannot read"))?;
    if code != 0 && code != 1 {
        let words = ["granted", "granted with modifications", "rejection", "waiting", "revocation warning"];
        let word = usize::try_from(code).ok().and_then(|c| words.get(c)).copied().unwrap_or("unknown");
        return Err(NotAStamp(format!("the authority did not grant the time-stamp (status {code}: {word})")));
    }
    // ContentInfo { contentType signedData, [0] EXPLICIT SignedData }
    let mut info = Der(r.take(SEQUENCE, "the time-stamp token")?);
    if info.take(OID, "the token's content type")? != SIGNED_DATA {
        return Err(bad("the token is not CMS SignedData"));
    }
    let mut explicit = Der(info.take(CONTEXT_0, "the signed data")?);
    let mut signed = Der(explicit.take(SEQUENCE, "the signed data")?);
    signed.take(INTEGER, "the signed data's version")?;
    signed.take(SET, "the digest algorithms")?;
    let mut encap = Der(signed.take(SEQUENCE, "the encapsulated content")?);
    if encap.take(OID, "the content type")? != TST_INFO {
        return Err(bad("the signed content is not a TSTInfo"));
    }
    let mut wrapped = Der(encap.take(CONTEXT_0, "the TSTInfo")?);
    let mut tst_outer = Der(wrapped.take(OCTET_STRING, "the TSTInfo")?);
    let mut tst = Der(tst_outer.take(SEQUENCE, "the TSTInfo")?);
    tst.take(INTEGER, "the TSTInfo's version")?;
    let policy = dotted(tst.take(OID, "the policy")?);
    let mut imprint = Der(tst.take(SEQUENCE, "the message imprint")?);
    let mut algorithm = Der(imprint.take(SEQUENCE, "the hash algorithm")?);
    if algorithm.take(OID, "the hash algorithm")? != SHA256 {
        return Err(NotAStamp("the time-stamp is of a digest other than SHA-256, which is not a sitrep head".into()));
    }
    let digest = hex(imprint.take(OCTET_STRING, "the stamped digest")?);
    let serial = hex(tst.take(INTEGER, "the serial number")?);
    let time = String::from_utf8_lossy(tst.take(GENERALIZED_TIME, "the time")?).into_owned();
    tst.skip_if(SEQUENCE)?; // accuracy
    tst.skip_if(BOOLEAN)?; // ordering
    let nonce = match tst.peek() {
        Some(INTEGER) => Some(hex(&unsigned(tst.any()?.1))),
        _ => None,
    };
    Ok(Stamp { time, digest, serial, policy, nonce })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_der() {
        let req = request(&[0xab; 32], &[0x00, 0x9f, 0x01]);
        // SEQUENCE, version 1, imprint with SHA-256 and NULL, nonce with a
        // leading zero (its top bit is set), certReq TRUE.
        assert_eq!(&req[..5], &[0x30, 0x3e, 0x02, 0x01, 0x01]);
        assert_eq!(&req[5..11], &[0x30, 0x31, 0x30, 0x0d, 0x06, 0x09]);
        assert_eq!(&req[req.len() - 8..], &[0x02, 0x03, 0x00, 0x9f, 0x01, 0x01, 0x01, 0xff]);
        assert_eq!(request_nonce(&req).unwrap().as_deref(), Some("009f01"));
        assert_eq!(req.len(), 0x3e + 2);
    }

    #[test]
    fn lengths_and_oids() {
        assert_eq!(tlv(OCTET_STRING, &[0; 200])[..3], [0x04, 0x81, 200]);
        assert_eq!(tlv(OCTET_STRING, &[0; 300])[..4], [0x04, 0x82, 0x01, 0x2c]);
        assert_eq!(dotted(SHA256), "2.16.840.1.101.3.4.2.1");
        assert_eq!(dotted(TST_INFO), "1.2.840.113549.1.9.16.1.4");
        assert_eq!(head_bytes(&"0f".repeat(32)), Some([0x0f; 32]));
        assert_eq!(head_bytes("0f"), None);
    }

    #[test]
    fn hostile_responses_are_refused_not_panicked_on() {
        for bytes in
            [&b""[..], &[0x30], &[0x30, 0x84, 0xff, 0xff, 0xff, 0xff], &[0x30, 0x80, 0, 0], &[0x30, 0x03, 0x30, 0x01]]
        {
            assert!(check(bytes).is_err());
        }
        // Granted is 0; a rejection says so.
        let rejected = tlv(SEQUENCE, &tlv(SEQUENCE, &tlv(INTEGER, &[2])));
        assert!(check(&rejected).unwrap_err().0.contains("rejection"));
    }
}
