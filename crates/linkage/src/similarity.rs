//! String similarities on ASCII bytes: Jaro-Winkler (the standard definition, prefix scale 0.1,
//! prefix up to 4) and a bounded Levenshtein distance.

/// Jaro similarity of two byte strings.
pub fn jaro(a: &[u8], b: &[u8]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let window = (b.len() / 2).saturating_sub(1);
    // Names are short; 64-bit masks avoid allocation for strings up to 64 bytes.
    if b.len() <= 64 {
        let mut b_used: u64 = 0;
        let mut a_match: u64 = 0;
        let mut m = 0usize;
        for (i, &ca) in a.iter().enumerate() {
            let lo = i.saturating_sub(window);
            let hi = (i + window + 1).min(b.len());
            for (j, &cb) in b.iter().enumerate().take(hi).skip(lo) {
                if b_used & (1 << j) == 0 && cb == ca {
                    b_used |= 1 << j;
                    a_match |= 1 << i;
                    m += 1;
                    break;
                }
            }
        }
        if m == 0 {
            return 0.0;
        }
        let mut t = 0usize;
        let mut j = 0usize;
        for (i, &ca) in a.iter().enumerate() {
            if a_match & (1 << i) != 0 {
                while b_used & (1 << j) == 0 {
                    j += 1;
                }
                if ca != b[j] {
                    t += 1;
                }
                j += 1;
            }
        }
        let m = m as f64;
        return (m / a.len() as f64 + m / b.len() as f64 + (m - t as f64 / 2.0) / m) / 3.0;
    }
    let mut b_used = vec![false; b.len()];
    let mut a_match = vec![false; a.len()];
    let mut m = 0usize;
    for (i, &ca) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        for j in lo..hi {
            if !b_used[j] && b[j] == ca {
                b_used[j] = true;
                a_match[i] = true;
                m += 1;
                break;
            }
        }
    }
    if m == 0 {
        return 0.0;
    }
    let mut t = 0usize;
    let mut j = 0usize;
    for (i, &ca) in a.iter().enumerate() {
        if a_match[i] {
            while !b_used[j] {
                j += 1;
            }
            if ca != b[j] {
                t += 1;
            }
            j += 1;
        }
    }
    let m = m as f64;
    (m / a.len() as f64 + m / b.len() as f64 + (m - t as f64 / 2.0) / m) / 3.0
}

pub fn jaro_winkler(a: &[u8], b: &[u8]) -> f64 {
    let j = jaro(a, b);
    let prefix = a.iter().zip(b).take(4).take_while(|(x, y)| x == y).count() as f64;
    j + prefix * 0.1 * (1.0 - j)
}

/// Levenshtein distance, or `None` when it exceeds `max` (computed in a band, so cheap).
pub fn levenshtein_within(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let n = b.len();
    // Document numbers are short: rows on the stack, no allocation per comparison.
    if n < 64 {
        let (mut prev, mut cur) = ([0usize; 64], [0usize; 64]);
        banded(a, b, max, &mut prev[..=n], &mut cur[..=n])
    } else {
        banded(a, b, max, &mut vec![0; n + 1], &mut vec![0; n + 1])
    }
}

/// The Levenshtein rows in the two buffers given (each `b.len() + 1` long), stopping as soon as a
/// whole row exceeds `max`.
fn banded<'r>(a: &[u8], b: &[u8], max: usize, mut prev: &'r mut [usize], mut cur: &'r mut [usize]) -> Option<usize> {
    let n = b.len();
    for (j, p) in prev.iter_mut().enumerate() {
        *p = j;
    }
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for j in 0..n {
            let cost = usize::from(ca != b[j]);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[n] <= max).then_some(prev[n])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Golden scores from the Winkler (1990) paper and common implementations.
    #[test]
    fn jaro_winkler_golden_scores() {
        for (a, b, want) in [
            ("martha", "marhta", 0.961),
            ("dwayne", "duane", 0.840),
            ("dixon", "dicksonx", 0.813),
            ("jellyfish", "smellyfish", 0.896),
            ("abc", "abc", 1.0),
            ("abc", "xyz", 0.0),
        ] {
            let got = jaro_winkler(a.as_bytes(), b.as_bytes());
            assert!((got - want).abs() < 0.001, "{a}/{b}: {got}");
        }
        let long_a = "a".repeat(70) + "b";
        let long_b = "a".repeat(70) + "c";
        assert!(jaro_winkler(long_a.as_bytes(), long_b.as_bytes()) > 0.98);
    }

    #[test]
    fn bounded_levenshtein() {
        assert_eq!(levenshtein_within(b"N1234567", b"N1234576", 2), Some(2));
        assert_eq!(levenshtein_within(b"N1234567", b"N1234567", 2), Some(0));
        assert_eq!(levenshtein_within(b"N1234567", b"X9999999", 2), None);
        assert_eq!(levenshtein_within(b"AB", b"ABCDE", 2), None);
        // Beyond the stack buffer.
        let (long_a, long_b) = ("A".repeat(80), format!("{}B", "A".repeat(79)));
        assert_eq!(levenshtein_within(long_a.as_bytes(), long_b.as_bytes(), 2), Some(1));
    }
}
