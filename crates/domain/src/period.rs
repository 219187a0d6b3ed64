//! Reporting periods as SDMX writes them (`YYYY`, `YYYY-MM`, `YYYY-S1`, `YYYY-Q1`, an interval
//! `A/B`): whether a text is one, the months it covers, how a reader says it, and whether
//! several overlap (which makes them unfit to sum).

/// SDMX-style reporting periods: `YYYY`, `YYYY-MM`, `YYYY-S1|S2`, `YYYY-Q1..Q4`, or an interval
/// `A/B` of two such periods.
pub fn is_period(s: &str) -> bool {
    fn one(s: &str) -> bool {
        let (y, rest) = s.split_at(s.len().min(4));
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        match rest {
            "" => true,
            r => {
                let Some(r) = r.strip_prefix('-') else {
                    return false;
                };
                matches!(r, "S1" | "S2" | "Q1" | "Q2" | "Q3" | "Q4")
                    || (r.len() == 2 && r.parse::<u8>().is_ok_and(|m| (1..=12).contains(&m)))
            }
        }
    }
    match s.split_once('/') {
        Some((a, b)) => one(a) && one(b) && a < b,
        None => one(s),
    }
}

/// The months a period covers, as (first, last) counted from January of year 0; `None` for
/// text that is no period.
pub fn period_months(s: &str) -> Option<(u32, u32)> {
    fn one(s: &str) -> Option<(u32, u32)> {
        if !is_period(s) {
            return None;
        }
        let year: u32 = s.get(..4)?.parse().ok()?;
        let base = year * 12;
        Some(match s.get(5..) {
            None | Some("") => (base, base + 11),
            Some("S1") => (base, base + 5),
            Some("S2") => (base + 6, base + 11),
            Some(q) if q.starts_with('Q') => {
                let n: u32 = q[1..].parse().ok()?;
                (base + 3 * (n - 1), base + 3 * n - 1)
            }
            Some(m) => {
                let m: u32 = m.parse().ok()?;
                (base + m - 1, base + m - 1)
            }
        })
    }
    match s.split_once('/') {
        Some((a, b)) => Some((one(a)?.0, one(b)?.1)),
        None => one(s),
    }
}

/// A reporting period in words — `2023`, `January 2026`, `January–June 2025`, `February 2024 –
/// January 2025` — with the months named by `month` (1–12, in the reader's language); text that
/// is no period is returned as it is.
pub fn period_in_words(s: &str, month: impl Fn(u32) -> String) -> String {
    let Some((a, b)) = period_months(s) else {
        return s.to_string();
    };
    let (ya, yb) = (a / 12, b / 12);
    let name = |m: u32| month(m % 12 + 1);
    if a % 12 == 0 && b == a + 11 {
        ya.to_string()
    } else if a == b {
        format!("{} {ya}", name(a))
    } else if ya == yb {
        format!("{}–{} {ya}", name(a), name(b))
    } else {
        format!("{} {ya} – {} {yb}", name(a), name(b))
    }
}

/// Whether any two of the periods share a month (cumulative figures such as "Feb 2024 to Nov
/// 2024" and "Feb 2024 to Jan 2025"): such figures are not side by side on a time axis, since a
/// later bar would read as growth.
pub fn periods_overlap<'a>(periods: impl IntoIterator<Item = &'a str>) -> bool {
    let mut spans: Vec<(u32, u32)> = periods.into_iter().filter_map(period_months).collect();
    spans.sort_unstable();
    spans.windows(2).any(|w| w[1].0 <= w[0].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_read_as_words() {
        let month = |m: u32| {
            [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ][m as usize - 1]
                .to_string()
        };
        assert_eq!(period_in_words("2023", month), "2023");
        assert_eq!(period_in_words("2026-01", month), "Jan 2026");
        assert_eq!(period_in_words("2024-S1", month), "Jan–Jun 2024");
        assert_eq!(period_in_words("2024-Q4", month), "Oct–Dec 2024");
        assert_eq!(period_in_words("2024-02/2025-01", month), "Feb 2024 – Jan 2025");
        assert_eq!(period_in_words("2021/2023", month), "Jan 2021 – Dec 2023");
        assert_eq!(period_in_words("about 2020", month), "about 2020");
    }

    #[test]
    fn overlapping_periods_are_recognised() {
        assert!(periods_overlap(["2024-02/2024-11", "2024-02/2025-01"]));
        assert!(periods_overlap(["2024", "2024-S1"]));
        assert!(!periods_overlap(["2021", "2022", "2023"]));
        assert!(!periods_overlap(["2024-S1", "2024-S2", "2025-Q1"]));
        assert_eq!(period_months("2025-01/2025-06"), Some((2025 * 12, 2025 * 12 + 5)));
        assert_eq!(period_months("H1"), None);
    }

    #[test]
    fn periods() {
        for ok in ["2024", "2024-01", "2024-S1", "2024-Q4", "2024-02/2025-01"] {
            assert!(is_period(ok), "{ok}");
        }
        for bad in ["24", "2024-13", "2024-S3", "2025/2024", "2024-", "H1 2024"] {
            assert!(!is_period(bad), "{bad}");
        }
    }
}
