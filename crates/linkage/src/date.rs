//! Dates as registers write them: a date in one of the configured formats, a year alone (`1990`,
//! `00.00.1990`), or a value that is no date — of which the year is kept where one can be read
//! (`1945-04-93` is compared by 1945).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub y: u16,
    pub m: u8,
    pub d: u8,
}

impl Date {
    /// A date of which only the year is known (month and day 0).
    pub fn year_only(y: u16) -> Date {
        Date { y, m: 0, d: 0 }
    }

    /// Only the year is known: written so (`1990`, `00.00.1990`) or all that could be read.
    pub fn is_year_only(&self) -> bool {
        self.m == 0
    }

    /// 1 January, the date registers put when only the year is known.
    pub fn is_placeholder(&self) -> bool {
        self.m == 1 && self.d == 1
    }
}

/// What a date cell holds beyond a date in one of the formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateCell {
    Empty,
    Date(Date),
    /// A year alone, or with zeros for day and month (`1990`, `00.00.1990`, `1990-00-00`): the
    /// usual ways of writing that only the year is known.
    Year(Date),
    /// Not a date; the year where one can still be read (`1945-04-93` → 1945).
    Unreadable(Option<Date>),
}

/// Reads a date cell: a date in one of the formats, or what registers write instead.
pub fn read_date(s: &str, formats: &[String]) -> DateCell {
    let s = s.trim();
    if s.is_empty() {
        return DateCell::Empty;
    }
    if let Some(d) = parse_date(s, formats) {
        return DateCell::Date(d);
    }
    let plausible = |y: u32| (1800..=2100).contains(&y).then(|| Date::year_only(y as u16));
    let groups: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .collect();
    let zeros = |g: &str| g.bytes().all(|b| b == b'0');
    let number = |g: &str| g.parse::<u32>().ok();
    let only_digits = s.bytes().all(|b| b.is_ascii_digit() || b"-./ ".contains(&b));
    let year = match groups.as_slice() {
        [y] if y.len() == 4 && only_digits => {
            return number(y)
                .and_then(plausible)
                .map_or(DateCell::Unreadable(None), DateCell::Year);
        }
        [a, b, y] | [y, a, b] if y.len() == 4 && zeros(a) && zeros(b) && only_digits => {
            return match number(y).and_then(plausible) {
                Some(d) => DateCell::Year(d),
                // 0000-00-00 and its kind: a placeholder for an unknown date.
                None => DateCell::Unreadable(None),
            };
        }
        // 19451393: the year is the first four digits.
        [g] if g.len() == 8 => g.get(..4).and_then(number).and_then(plausible),
        _ => {
            let years: Vec<Date> = groups
                .iter()
                .filter(|g| g.len() == 4)
                .filter_map(|g| number(g).and_then(plausible))
                .collect();
            match years.as_slice() {
                [one] => Some(*one),
                _ => None,
            }
        }
    };
    DateCell::Unreadable(year)
}

/// Parses a date with the given `%Y %m %d` patterns (any separators as written).
pub fn parse_date(s: &str, formats: &[String]) -> Option<Date> {
    let s = s.trim();
    for f in formats {
        if let Some(d) = parse_with(s, f) {
            return Some(d);
        }
    }
    None
}

fn parse_with(s: &str, format: &str) -> Option<Date> {
    let (mut y, mut m, mut d) = (None, None, None);
    let sb = s.as_bytes();
    let fb = format.as_bytes();
    let (mut i, mut j) = (0, 0);
    while j < fb.len() {
        if fb[j] == b'%' && j + 1 < fb.len() {
            let width = match fb[j + 1] {
                b'Y' => 4,
                b'm' | b'd' => 2,
                _ => return None,
            };
            // Day and month may be written with one digit when a separator follows.
            let mut end = (i + width).min(sb.len());
            while end > i && !sb[i..end].iter().all(u8::is_ascii_digit) {
                end -= 1;
            }
            if end == i {
                return None;
            }
            // At most four digits, checked above.
            let v = sb[i..end].iter().fold(0u32, |v, &c| v * 10 + u32::from(c - b'0'));
            match fb[j + 1] {
                b'Y' if end - i == 4 => y = Some(v as u16),
                b'm' => m = Some(v as u8),
                b'd' => d = Some(v as u8),
                _ => return None,
            }
            i = end;
            j += 2;
        } else {
            if sb.get(i) != Some(&fb[j]) {
                return None;
            }
            i += 1;
            j += 1;
        }
    }
    if i != sb.len() {
        return None;
    }
    let date = Date { y: y?, m: m?, d: d? };
    let days = match date.m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if date.y.is_multiple_of(4) && (!date.y.is_multiple_of(100) || date.y.is_multiple_of(400)) => 29,
        2 => 28,
        _ => return None,
    };
    (date.d >= 1 && date.d <= days && (1800..=2100).contains(&date.y)).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_registers_write_for_a_date_is_read_as_a_date_a_year_or_unreadable() {
        let f = crate::config::Config::default_worker().fields[1].formats.clone();
        let day = |y, m, d| Date { y, m, d };
        for (s, want) in [
            ("", DateCell::Empty),
            ("  ", DateCell::Empty),
            ("1990-03-07", DateCell::Date(day(1990, 3, 7))),
            ("1990", DateCell::Year(Date::year_only(1990))),
            ("00.00.1990", DateCell::Year(Date::year_only(1990))),
            ("1990-00-00", DateCell::Year(Date::year_only(1990))),
            ("0000-00-00", DateCell::Unreadable(None)),
            ("1945-04-93", DateCell::Unreadable(Some(Date::year_only(1945)))),
            ("31.02.1990", DateCell::Unreadable(Some(Date::year_only(1990)))),
            ("19451393", DateCell::Unreadable(Some(Date::year_only(1945)))),
            ("about 1990", DateCell::Unreadable(Some(Date::year_only(1990)))),
            ("1990 or 1991", DateCell::Unreadable(None)),
            ("0990", DateCell::Unreadable(None)),
            ("yesterday", DateCell::Unreadable(None)),
        ] {
            assert_eq!(read_date(s, &f), want, "{s}");
        }
        assert!(Date::year_only(1990).is_year_only() && !Date::year_only(1990).is_placeholder());
    }

    #[test]
    fn dates_in_the_usual_formats() {
        let f: Vec<String> = ["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y%m%d"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let want = Some(Date { y: 1990, m: 3, d: 7 });
        for s in ["1990-03-07", "07.03.1990", "7.3.1990", "07/03/1990", "19900307"] {
            assert_eq!(parse_date(s, &f), want, "{s}");
        }
        for s in ["1990-02-30", "31/13/1990", "yesterday", "1990-03"] {
            assert_eq!(parse_date(s, &f), None, "{s}");
        }
        assert!(parse_date("1990-01-01", &f).unwrap().is_placeholder());
    }
}
