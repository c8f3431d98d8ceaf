//! Today's date in UTC for `source.json`, without a date-time dependency.

use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};

/// Today as `YYYY-MM-DD` in UTC.
pub fn today_utc() -> Result<String> {
    let secs =
        SystemTime::now().duration_since(UNIX_EPOCH).context("the system clock is before 1970")?.as_secs();
    let days = i64::try_from(secs / 86_400).context("the system clock is out of range")?;
    let (y, m, d) = civil_from_days(days);
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

/// Proleptic Gregorian (year, month, day) of a day count since 1970-01-01
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Both are small and positive by construction.
    (year, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn known_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(59), (1970, 3, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(20_657), (2026, 7, 23));
    }

    #[test]
    fn consecutive_days_never_skip_or_repeat() {
        let mut prev = civil_from_days(-800);
        for n in -799..80_000 {
            let next = civil_from_days(n);
            assert!(next > prev, "{prev:?} -> {next:?}");
            assert!((1..=12).contains(&next.1) && (1..=31).contains(&next.2));
            prev = next;
        }
    }
}
