//! Figures as each output writes them, and ranges of them.
//!
//! Three ways on purpose: [`grouped`] for lines and pages people read
//! (`100,000`), [`typographic`] for the printed report (a true minus,
//! fractions to two places, `?` for what is not a number), [`plain`] for
//! the CSV columns machines read (`100000`).

/// `100,000`; a fraction as Rust writes it (`2.5`).
pub fn grouped(v: f64) -> String {
    if v.fract() != 0.0 {
        return format!("{v}");
    }
    let mut out = group(&format!("{}", v.abs() as u64));
    if v < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// `100,000`, `−3`, `13.5`; fractions keep up to two decimals.
pub fn typographic(v: f64) -> String {
    if !v.is_finite() {
        return "?".into();
    }
    let neg = v < 0.0;
    let a = v.abs();
    let text = if (a - a.round()).abs() < 1e-9 || a >= 1e15 {
        format!("{:.0}", a.round())
    } else {
        let s = format!("{a:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let grouped = group(int);
    let mut out = if neg { format!("−{grouped}") } else { grouped };
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// `12`, not `12.0`; `2.5` as it is.
pub fn plain(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        (v as i64).to_string()
    } else {
        v.to_string()
    }
}

/// Digits with a comma every three from the right.
fn group(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    // Digits left before the next comma: the first group may be short.
    let mut left = match digits.len() % 3 {
        0 => 3,
        n => n,
    };
    for c in digits.chars() {
        if left == 0 {
            out.push(',');
            left = 3;
        }
        out.push(c);
        left -= 1;
    }
    out
}

/// Whether a range's bounds are one number.
pub fn same(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// `80,000–100,000 (best 90,000)`, or one number when the bounds agree.
pub fn range_with_best(low: f64, best: f64, high: f64, number: fn(f64) -> String) -> String {
    if same(low, high) {
        number(best)
    } else {
        format!("{}–{} (best {})", number(low), number(high), number(best))
    }
}

/// `80,000–100,000`, or the best when the bounds agree: for a line that
/// shows the best beside it.
pub fn range_bounds(low: f64, best: f64, high: f64, number: fn(f64) -> String) -> String {
    if same(low, high) {
        number(best)
    } else {
        format!("{}–{}", number(low), number(high))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_ways_of_writing_a_number() {
        for (v, g, t, p) in [
            (100_000.0, "100,000", "100,000", "100000"),
            (1_234_567.0, "1,234,567", "1,234,567", "1234567"),
            (999.0, "999", "999", "999"),
            (0.0, "0", "0", "0"),
            (13.5, "13.5", "13.5", "13.5"),
            (-3.0, "-3", "−3", "-3"),
            (12_345.0, "12,345", "12,345", "12345"),
            (-1_000_000.0, "-1,000,000", "−1,000,000", "-1000000"),
        ] {
            assert_eq!((grouped(v).as_str(), typographic(v).as_str(), plain(v).as_str()), (g, t, p), "{v}");
        }
        assert_eq!(typographic(2.0 / 3.0), "0.67");
        assert_eq!(typographic(f64::NAN), "?");
    }

    #[test]
    fn ranges() {
        assert_eq!(range_with_best(80_000.0, 90_000.0, 100_000.0, typographic), "80,000–100,000 (best 90,000)");
        assert_eq!(range_with_best(7.0, 7.0, 7.0, grouped), "7");
        assert_eq!(range_bounds(12.0, 13.0, 15.0, grouped), "12–15");
        assert_eq!(range_bounds(12.0, 12.0, 12.0, grouped), "12");
    }
}
