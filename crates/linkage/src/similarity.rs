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
    if b.len() <= 64 && a.is_ascii() && b.is_ascii() {
        jaro_bits(a, b)
    } else {
        jaro_plain(a, b)
    }
}

/// Jaro for ASCII strings of at most 64 bytes (`a` the shorter), on bit masks: where each byte
/// occurs in `b` is one word, so finding a character's first free partner in the window is a
/// mask and a trailing-zero count instead of a scan. Same result as [`jaro_plain`].
fn jaro_bits(a: &[u8], b: &[u8]) -> f64 {
    POSITIONS.with_borrow_mut(|at| {
        for (j, &c) in b.iter().enumerate() {
            at[(c & 127) as usize] |= 1 << j;
        }
        let jaro = jaro_on(at, a, b);
        // Left all zeros for the next call: clearing the few entries used is cheaper than
        // zeroing the whole table each time.
        for &c in b {
            at[(c & 127) as usize] = 0;
        }
        jaro
    })
}

thread_local! {
    /// Where each byte occurs in the longer string, per worker thread (all zeros between calls).
    static POSITIONS: std::cell::RefCell<[u64; 128]> = const { std::cell::RefCell::new([0; 128]) };
}

/// [`jaro_bits`] given the positions of each byte of `b`.
fn jaro_on(at: &[u64; 128], a: &[u8], b: &[u8]) -> f64 {
    let window = (b.len() / 2).saturating_sub(1);
    let below = |n: usize| if n >= 64 { u64::MAX } else { (1u64 << n) - 1 };
    let (mut b_used, mut a_match, mut m) = (0u64, 0u64, 0u32);
    for (i, &c) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        let free = at[(c & 127) as usize] & !b_used & below(hi) & !below(lo);
        if free != 0 {
            b_used |= free & free.wrapping_neg();
            a_match |= 1 << i;
            m += 1;
        }
    }
    if m == 0 {
        return 0.0;
    }
    // The k-th matched character of `a` against the k-th matched character of `b`.
    let (mut am, mut bm, mut t) = (a_match, b_used, 0u32);
    while am != 0 {
        let (i, j) = (am.trailing_zeros() as usize, bm.trailing_zeros() as usize);
        t += u32::from(a[i] != b[j]);
        am &= am - 1;
        bm &= bm - 1;
    }
    let m = m as f64;
    (m / a.len() as f64 + m / b.len() as f64 + (m - t as f64 / 2.0) / m) / 3.0
}

/// Jaro by the textbook loops (`a` the shorter): for long or non-ASCII strings.
fn jaro_plain(a: &[u8], b: &[u8]) -> f64 {
    let window = (b.len() / 2).saturating_sub(1);
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

/// The set of bytes of a string, folded into 64 bits (bytes 64 apart share a bit): what
/// [`jaro_winkler_bound`] reads, kept with each value so that the bound costs a few operations.
pub fn byte_set(s: &[u8]) -> u64 {
    s.iter().fold(0, |m, &c| m | 1 << (c & 63))
}

/// An upper bound of [`jaro_winkler`] of two non-empty strings from their lengths, byte sets (see
/// [`byte_set`]) and common prefix: a character can only be matched if the other string holds it,
/// so each byte of one set missing from the other leaves at least one character unmatched. Most
/// pairs a blocking rule finds on dates alone have names far apart, and the bound tells so at a
/// fraction of the cost of the similarity itself.
pub fn jaro_winkler_bound((la, sa): (usize, u64), (lb, sb): (usize, u64), prefix: usize) -> f64 {
    if la == 0 || lb == 0 {
        return if la == lb { 1.0 } else { 0.0 };
    }
    let unmatched_a = (sa & !sb).count_ones() as usize;
    let unmatched_b = (sb & !sa).count_ones() as usize;
    let m = la.saturating_sub(unmatched_a).min(lb.saturating_sub(unmatched_b)) as f64;
    let j = if m == 0.0 {
        0.0
    } else {
        (m / la as f64 + m / lb as f64 + 1.0) / 3.0
    };
    winkler(j, prefix).min(1.0)
}

/// Winkler's boost of a Jaro similarity `j` for a common prefix (up to 4 bytes count).
fn winkler(j: f64, prefix: usize) -> f64 {
    j + prefix.min(4) as f64 * 0.1 * (1.0 - j)
}

/// The common prefix Jaro-Winkler rewards (at most 4 bytes).
pub fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take(4).take_while(|(x, y)| x == y).count()
}

pub fn jaro_winkler(a: &[u8], b: &[u8]) -> f64 {
    winkler(jaro(a, b), common_prefix(a, b))
}

/// Levenshtein distance, or `None` when it exceeds `max` (computed in a band, so cheap).
pub fn levenshtein_within(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    if a.len() == b.len() && max <= 2 {
        return within_two(a, b).filter(|d| *d <= max);
    }
    if a.len() <= 64 && !a.is_empty() && a.is_ascii() && b.is_ascii() {
        let d = myers(a, b);
        return (d <= max).then_some(d);
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

/// Whether two byte strings are equal, eight bytes at a time: for the short values compared
/// millions of times, a call to the library's `memcmp` costs more than the comparison.
pub fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut x, mut y) = (a.chunks_exact(8), b.chunks_exact(8));
    if !x.by_ref().zip(y.by_ref()).all(|(p, q)| {
        let word = |c: &[u8]| c.iter().fold(0u64, |w, &byte| w << 8 | u64::from(byte));
        word(p) == word(q)
    }) {
        return false;
    }
    x.remainder().iter().zip(y.remainder()).all(|(p, q)| p == q)
}

/// The distance of two strings of equal length when it is at most 2, else `None`: what comparing
/// document numbers asks of millions of pairs that mostly differ everywhere. Between equal
/// lengths, one edit is one substitution and two edits are two substitutions or one deletion and
/// one insertion, which shift the stretch between them by one place; so after the common prefix
/// and suffix are set aside, either at most two places differ or one middle is the other shifted.
fn within_two(a: &[u8], b: &[u8]) -> Option<usize> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    match a.len() {
        0 => Some(0),
        1 => Some(1),
        // Both ends differ (the prefix and suffix were taken whole): two substitutions, unless
        // all between them is equal.
        n if same(&a[1..n - 1], &b[1..n - 1]) => Some(2),
        n => (same(&a[1..], &b[..n - 1]) || same(&a[..n - 1], &b[1..])).then_some(2),
    }
}

/// Levenshtein distance by Myers' bit-vector algorithm (Hyyrö's formulation) for an ASCII
/// pattern `a` of 1 to 64 bytes: one column of the table is two words, updated per byte of `b`.
fn myers(a: &[u8], b: &[u8]) -> usize {
    let mut peq = [0u64; 128];
    for (i, &c) in a.iter().enumerate() {
        peq[(c & 127) as usize] |= 1 << i;
    }
    let last = 1u64 << (a.len() - 1);
    let (mut pv, mut mv, mut score) = (u64::MAX, 0u64, a.len());
    for &c in b {
        let eq = peq[(c & 127) as usize];
        let xv = eq | mv;
        let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
        let mut ph = mv | !(xh | pv);
        let mut mh = pv & xh;
        if ph & last != 0 {
            score += 1;
        } else if mh & last != 0 {
            score -= 1;
        }
        // The first row of the table counts insertions: a one enters from below.
        ph = (ph << 1) | 1;
        mh <<= 1;
        pv = mh | !(xv | ph);
        mv = ph & xv;
    }
    score
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
        // Far apart: the bound says so (names of one birth date, one letter in common).
        let (a, b) = (b"abdul rahman", b"karim rahman");
        assert!(jaro_winkler_bound((a.len(), byte_set(a)), (b.len(), byte_set(b)), 0) < 0.88);
        let long_a = "a".repeat(70) + "b";
        let long_b = "a".repeat(70) + "c";
        assert!(jaro_winkler(long_a.as_bytes(), long_b.as_bytes()) > 0.98);
    }

    proptest::proptest! {
        #[test]
        fn bit_parallel_jaro_agrees_with_the_loops(a in "[a-e0-2 ]{0,70}", b in "[a-e0-2 ]{0,70}") {
            let (x, y) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
            if !x.is_empty() && y.len() <= 64 {
                proptest::prop_assert_eq!(jaro_bits(x.as_bytes(), y.as_bytes()), jaro_plain(x.as_bytes(), y.as_bytes()));
            }
        }

        #[test]
        fn same_is_equality(a in "[ab]{0,20}", b in "[ab]{0,20}") {
            proptest::prop_assert_eq!(same(a.as_bytes(), b.as_bytes()), a == b);
            proptest::prop_assert!(same(a.as_bytes(), a.as_bytes()));
        }

        #[test]
        fn the_upper_bound_is_never_below_jaro_winkler(a in "[a-f ]{0,20}", b in "[a-f ]{0,20}", c in "[a-fé ]{0,70}") {
            for (x, y) in [(&a, &b), (&b, &a), (&a, &c), (&c, &b)] {
                let (x, y) = (x.as_bytes(), y.as_bytes());
                let bound = jaro_winkler_bound((x.len(), byte_set(x)), (y.len(), byte_set(y)), common_prefix(x, y));
                proptest::prop_assert!(bound >= jaro_winkler(x, y) - 1e-12);
            }
        }

        #[test]
        fn bit_parallel_levenshtein_agrees_with_the_table(a in "[A-D0-2]{1,66}", b in "[A-D0-2]{0,66}", max in 0usize..6) {
            let n = b.len();
            let (mut prev, mut cur) = (vec![0; n + 1], vec![0; n + 1]);
            let table = banded(a.as_bytes(), b.as_bytes(), usize::MAX, &mut prev, &mut cur);
            if a.len() <= 64 {
                proptest::prop_assert_eq!(Some(myers(a.as_bytes(), b.as_bytes())), table);
            }
            proptest::prop_assert_eq!(levenshtein_within(a.as_bytes(), b.as_bytes(), max), table.filter(|d| *d <= max));
        }
    }

    proptest::proptest! {
        #[test]
        fn equal_lengths_within_two_agree_with_the_table(a in "[AB0-2]{1,12}", edits in proptest::collection::vec((0usize..12, 0usize..3, "[AB0-2]"), 0..4)) {
            // `b` is `a` with a few random edits, then cut or padded back to `a`'s length, so
            // that distances of 0, 1, 2 and more all occur.
            let mut b: Vec<u8> = a.as_bytes().to_vec();
            for (at, kind, c) in edits {
                let at = at.min(b.len());
                match kind {
                    0 if at < b.len() => b[at] = c.as_bytes()[0],
                    1 => b.insert(at, c.as_bytes()[0]),
                    _ if at < b.len() => { b.remove(at); }
                    _ => {}
                }
            }
            b.resize(a.len(), b'A');
            let n = b.len();
            let (mut prev, mut cur) = (vec![0; n + 1], vec![0; n + 1]);
            let table = banded(a.as_bytes(), &b, usize::MAX, &mut prev, &mut cur);
            for max in 0..3 {
                proptest::prop_assert_eq!(levenshtein_within(a.as_bytes(), &b, max), table.filter(|d| *d <= max));
            }
        }
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
