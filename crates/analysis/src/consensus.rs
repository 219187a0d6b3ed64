//! Consensus statistics of a Delphi-style validation: per item the median and interquartile range
//! of the 1–9 ratings, a configurable consensus rule, and the panel's agreement (Kendall's W with
//! the correction for ties). Quartiles are interpolated linearly between order statistics (the
//! method of Excel's QUARTILE.INC and NumPy's default), so that analysts can check them by hand.

use serde::Serialize;

/// The value at quantile `q` (0..=1) of sorted data, interpolating linearly.
fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let pos = q * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    Some(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64))
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct ItemStats {
    pub n: usize,
    pub median: f64,
    pub q1: f64,
    pub q3: f64,
    pub iqr: f64,
}

/// Median and quartiles of one item's ratings; `None` without ratings.
pub fn item_stats(ratings: &[f64]) -> Option<ItemStats> {
    let mut v: Vec<f64> = ratings.iter().copied().filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    let (median, q1, q3) = (quantile(&v, 0.5)?, quantile(&v, 0.25)?, quantile(&v, 0.75)?);
    Some(ItemStats {
        n: v.len(),
        median,
        q1,
        q3,
        iqr: q3 - q1,
    })
}

/// The smallest panel whose ratings and comments are published by default: below it, an
/// aggregate would tell who said what.
pub const MIN_PANEL: usize = 3;

/// The rule that declares consensus: median at least `min_median` and IQR at most `max_iqr`,
/// among at least `min_panel` raters.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Rule {
    pub min_median: f64,
    pub max_iqr: f64,
    /// Below this many raters an item's aggregate and comments are withheld ("not enough
    /// responses to publish") and no consensus is declared.
    pub min_panel: usize,
}

impl Default for Rule {
    fn default() -> Rule {
        Rule {
            min_median: 7.0,
            max_iqr: 2.0,
            min_panel: MIN_PANEL,
        }
    }
}

impl Rule {
    pub fn holds(&self, s: &ItemStats) -> bool {
        self.publishable(s.n) && s.median >= self.min_median && s.iqr <= self.max_iqr
    }

    /// Whether the aggregate of `n` ratings may be shown.
    pub fn publishable(&self, n: usize) -> bool {
        n >= self.min_panel.max(1)
    }
}

/// Ranks of one rater's ratings (1 = lowest), ties sharing their average rank; with Σ(t³ − t)
/// over the tie groups.
fn ranks(row: &[f64]) -> (Vec<f64>, f64) {
    let mut idx: Vec<usize> = (0..row.len()).collect();
    idx.sort_by(|&a, &b| row[a].total_cmp(&row[b]));
    let mut out = vec![0.0; row.len()];
    let mut ties = 0.0;
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && row[idx[j + 1]] == row[idx[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for &k in &idx[i..=j] {
            out[k] = avg;
        }
        let t = (j - i + 1) as f64;
        ties += t * t * t - t;
        i = j + 1;
    }
    (out, ties)
}

/// Kendall's coefficient of concordance W for `ratings[rater][item]` (every rater rating every
/// item), corrected for ties; `None` with fewer than two raters or items, or no variation at all.
pub fn kendalls_w(ratings: &[Vec<f64>]) -> Option<f64> {
    let m = ratings.len();
    let n = ratings.first()?.len();
    if m < 2 || n < 2 || ratings.iter().any(|r| r.len() != n) {
        return None;
    }
    let mut sums = vec![0.0; n];
    let mut t_total = 0.0;
    for row in ratings {
        let (r, t) = ranks(row);
        t_total += t;
        for (s, x) in sums.iter_mut().zip(r) {
            *s += x;
        }
    }
    let mean = sums.iter().sum::<f64>() / n as f64;
    let s: f64 = sums.iter().map(|r| (r - mean).powi(2)).sum();
    let (m, n) = (m as f64, n as f64);
    let denom = m * m * (n * n * n - n) - m * t_total;
    (denom > 0.0).then(|| 12.0 * s / denom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_iqr_by_hand() {
        // 1 2 3 4 5 6 7 8: median 4.5; Q1 at position 1.75 → 2.75; Q3 at 5.25 → 6.25.
        let s = item_stats(&[8.0, 1.0, 7.0, 2.0, 6.0, 3.0, 5.0, 4.0]).unwrap();
        assert_eq!((s.median, s.q1, s.q3, s.iqr), (4.5, 2.75, 6.25, 3.5));
        // 7 7 8 9 9: median 8, Q1 7, Q3 9, IQR 2 → consensus under the default rule.
        let s = item_stats(&[9.0, 7.0, 8.0, 9.0, 7.0]).unwrap();
        assert_eq!((s.median, s.iqr), (8.0, 2.0));
        assert!(Rule::default().holds(&s));
        let s = item_stats(&[9.0, 3.0, 8.0, 9.0, 2.0]).unwrap();
        assert!(!Rule::default().holds(&s), "median 8 but IQR 6");
        assert!(item_stats(&[]).is_none());
    }

    #[test]
    fn kendalls_w_by_hand() {
        // Three raters rank four items identically: perfect agreement.
        let same = vec![vec![1.0, 2.0, 3.0, 4.0]; 3];
        assert!((kendalls_w(&same).unwrap() - 1.0).abs() < 1e-12);
        // Two raters in exactly opposite order: rank sums all 5, S = 0, W = 0.
        let opposite = vec![vec![1.0, 2.0, 3.0, 4.0], vec![4.0, 3.0, 2.0, 1.0]];
        assert_eq!(kendalls_w(&opposite), Some(0.0));
        // m = 3, n = 3, ratings with ranks (1,2,3), (1,3,2), (2,1,3): sums 4, 6, 8, mean 6,
        // S = 4 + 0 + 4 = 8, W = 12·8 / (9·24) = 96/216 = 0.444…
        let w = kendalls_w(&[vec![1.0, 2.0, 3.0], vec![1.0, 3.0, 2.0], vec![2.0, 1.0, 3.0]]).unwrap();
        assert!((w - 96.0 / 216.0).abs() < 1e-12, "{w}");
        // Ties: rater 2 rates items 1 and 2 equally (ranks 1.5, 1.5, 3; T = 2³ − 2 = 6).
        // Sums: 1+1.5 = 2.5, 2+1.5 = 3.5, 3+3 = 6; mean 4; S = 2.25 + 0.25 + 4 = 6.5;
        // W = 12·6.5 / (4·24 − 2·6) = 78/84.
        let w = kendalls_w(&[vec![1.0, 2.0, 3.0], vec![5.0, 5.0, 9.0]]).unwrap();
        assert!((w - 78.0 / 84.0).abs() < 1e-12, "{w}");
        assert_eq!(kendalls_w(&[vec![1.0, 2.0]]), None, "one rater");
        assert_eq!(kendalls_w(&[vec![5.0, 5.0], vec![5.0, 5.0]]), None, "no variation");
    }
}
