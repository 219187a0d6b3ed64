//! Numbers as readers see them in documents and pages.

/// Thousands separators for display (`50397` → `50,397`); a figure with decimals is shown as it is.
pub fn thousands(v: f64) -> String {
    if v.fract() != 0.0 || v.abs() >= 1e15 {
        return format!("{v}");
    }
    let digits = format!("{}", v.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated_and_decimals_kept() {
        assert_eq!(thousands(50_397.0), "50,397");
        assert_eq!(thousands(-1_234_567.0), "-1,234,567");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(12.5), "12.5");
    }
}
