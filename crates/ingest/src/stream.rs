//! Bounded reading primitives shared by the streaming formats.

use std::io::{self, BufRead, Read};

/// One line read with a length bound.
pub enum Line {
    Eof,
    /// The line's bytes without its `\n` (or `\r\n`).
    Text(Vec<u8>),
    /// The line was longer than the bound: its bytes were consumed and
    /// dropped, this is how many there were.
    TooLong(u64),
}

/// Reads one line of at most `max` bytes. A longer line is skipped without
/// being held in memory, so a 50 MB line costs no more than a short one.
pub fn read_line<R: BufRead + ?Sized>(r: &mut R, max: u64) -> io::Result<Line> {
    let mut buf = Vec::new();
    let mut total: u64 = 0;
    let mut too_long = false;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            if total == 0 {
                return Ok(Line::Eof);
            }
            break;
        }
        let (take, done) = match memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        total += take as u64;
        if !too_long {
            if total > max.saturating_add(2) {
                too_long = true;
                buf = Vec::new();
            } else {
                buf.extend_from_slice(&chunk[..take]);
            }
        }
        r.consume(take);
        if done {
            break;
        }
    }
    if too_long {
        return Ok(Line::TooLong(total));
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    if buf.len() as u64 > max {
        return Ok(Line::TooLong(buf.len() as u64));
    }
    Ok(Line::Text(buf))
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

/// A reader that fails once more than `limit` bytes have come through it:
/// the guard on everything that decompresses.
pub struct Capped<R> {
    inner: R,
    pub read: u64,
    limit: u64,
}

/// The error [`Capped`] raises; recognized with [`is_cap_error`].
#[derive(Debug)]
struct CapExceeded;

impl std::fmt::Display for CapExceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("decompressed size limit reached")
    }
}

impl std::error::Error for CapExceeded {}

pub fn is_cap_error(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|i| i.is::<CapExceeded>())
}

impl<R: Read> Capped<R> {
    pub fn new(inner: R, limit: u64) -> Capped<R> {
        Capped { inner, read: 0, limit }
    }
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.read >= self.limit {
            // One probe byte tells a stream that ends exactly at the limit
            // from one that goes on.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(io::Error::other(CapExceeded)),
            };
        }
        let room = (self.limit - self.read).min(buf.len() as u64) as usize;
        let n = self.inner.read(&mut buf[..room])?;
        self.read += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_skipped_and_reading_goes_on() {
        let data = format!("short\r\n{}\nnext", "x".repeat(100));
        let mut r = io::BufReader::with_capacity(16, data.as_bytes());
        assert!(matches!(read_line(&mut r, 10).unwrap(), Line::Text(t) if t == b"short"));
        assert!(matches!(read_line(&mut r, 10).unwrap(), Line::TooLong(101)));
        assert!(matches!(read_line(&mut r, 10).unwrap(), Line::Text(t) if t == b"next"));
        assert!(matches!(read_line(&mut r, 10).unwrap(), Line::Eof));
    }

    #[test]
    fn cap_stops_a_stream_past_its_limit() {
        let mut ok = Capped::new(&b"12345"[..], 5);
        let mut v = Vec::new();
        ok.read_to_end(&mut v).unwrap();
        let mut over = Capped::new(&b"123456"[..], 5);
        let err = over.read_to_end(&mut Vec::new()).unwrap_err();
        assert!(is_cap_error(&err));
    }
}
