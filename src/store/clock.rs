//! Wall-clock times in unix milliseconds, bookmark ids and file-name timestamps.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

static ID_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Now, in milliseconds since the unix epoch (0 if the clock is before 1970).
pub(super) fn now_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// A new bookmark id, unique across processes: `<millis>-<pid>-<counter>-<random>` in hex.
/// The counter makes ids unique within a process, the pid across concurrent processes, and the
/// time and the random part (from std's per-process random hasher keys) across pid reuse.
pub(super) fn new_id(now: u64) -> String {
    let count = ID_COUNTER.fetch_add(1, Ordering::Relaxed);
    let pid = std::process::id();
    let random = RandomState::new().hash_one((now, pid, count)) & 0xffff_ffff;
    format!("{now:x}-{pid:x}-{count:x}-{random:08x}")
}

/// A UTC timestamp for file names, like `20250301T142233Z`.
pub(super) fn file_stamp(millis: u64) -> String {
    let secs = millis / 1000;
    let (year, month, day) = civil_from_days(secs / 86_400);
    let rem = secs % 86_400;
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The UTC day of a unix time in milliseconds, `2026-12-01`.
pub fn utc_date(millis: u64) -> String {
    let (year, month, day) = civil_from_days(millis / 1000 / 86_400);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Gregorian (year, month, day) of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_even_within_one_millisecond() {
        let ids: HashSet<String> = (0..10_000).map(|_| new_id(1_700_000_000_000)).collect();
        assert_eq!(ids.len(), 10_000);
    }

    #[test]
    fn file_stamps_are_utc_calendar_times() {
        assert_eq!(file_stamp(0), "19700101T000000Z");
        assert_eq!(file_stamp(951_782_400_000), "20000229T000000Z");
        assert_eq!(file_stamp(1_740_000_000_123), "20250219T212000Z");
    }
}
