//! The one calendar-date parser: every date a user or a file gives (event dates, due dates,
//! roadmap milestones, a source's date) is read here, so that `2024-02-30` is refused everywhere
//! alike.

/// A calendar date `YYYY-MM-DD` that exists (`2024-02-29` does, `2023-02-29` does not).
pub fn parse(s: &str) -> Option<(u32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse::<u32>().ok())?
    };
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    (1..=days_in_month(y, m)?).contains(&d).then_some((y, m, d))
}

/// Whether `s` is a real calendar date written `YYYY-MM-DD`.
pub fn is_date(s: &str) -> bool {
    parse(s).is_some()
}

/// `YYYY`, `YYYY-MM` or a real `YYYY-MM-DD`, in the years 1900–2100 (the precision a source's
/// date is known to).
pub fn is_partial_date(s: &str) -> bool {
    let year = |y: &str| {
        y.len() == 4
            && y.bytes().all(|b| b.is_ascii_digit())
            && y.parse::<u32>().is_ok_and(|v| (1900..=2100).contains(&v))
    };
    let month = |m: &str| {
        m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()) && m.parse::<u32>().is_ok_and(|v| (1..=12).contains(&v))
    };
    match s.len() {
        4 => year(s),
        7 => s.get(..4).is_some_and(year) && s.get(4..5) == Some("-") && s.get(5..).is_some_and(month),
        10 => s.get(..4).is_some_and(year) && is_date(s),
        _ => false,
    }
}

/// The days of month `m` of year `y` in the Gregorian calendar; `None` for no such month.
pub fn days_in_month(y: u32, m: u32) -> Option<u32> {
    let leap = y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
    Some(match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_dates() {
        for ok in ["2024-02-29", "2000-02-29", "2025-12-31", "2025-01-01"] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in [
            "2024-02-30",
            "2023-02-29",
            "1900-02-29",
            "2024-04-31",
            "2024-13-01",
            "2024-00-10",
            "2024-1-01",
            "2024/01/01",
            "+024-01-01",
            "2024-01-0a",
            "2024-01-01 ",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }

    #[test]
    fn partial_dates() {
        for ok in ["2024", "2024-02", "2024-02-29"] {
            assert!(is_partial_date(ok), "{ok}");
        }
        for bad in [
            "",
            "24",
            "2024-13",
            "2024-1",
            "2024-02-32",
            "2024-02-30",
            "2023-02-29",
            "abcd",
            "2024-02-01-01",
            "1899",
            "2024/02",
        ] {
            assert!(!is_partial_date(bad), "{bad}");
        }
    }
}
