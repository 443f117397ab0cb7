//! Civil time in Vietnam: UTC+7 all year (no daylight saving). Working calendars and SLA clocks
//! count in local time; instants are stored in UTC.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};

/// Vietnam's offset from UTC.
pub fn vietnam() -> FixedOffset {
    // 7 h is within ±24 h, so the constructor cannot fail; UTC is a harmless unreachable fallback.
    FixedOffset::east_opt(7 * 3600)
        .unwrap_or_else(|| FixedOffset::east_opt(0).unwrap_or_else(|| unreachable!()))
}

/// An instant as local civil time in Vietnam.
pub fn to_local<Tz: TimeZone>(instant: &DateTime<Tz>) -> NaiveDateTime {
    instant.with_timezone(&vietnam()).naive_local()
}

/// The local day of an instant in Vietnam.
pub fn local_day<Tz: TimeZone>(instant: &DateTime<Tz>) -> NaiveDate {
    to_local(instant).date()
}

/// A local civil time in Vietnam as an instant with its offset.
pub fn from_local(local: NaiveDateTime) -> DateTime<FixedOffset> {
    DateTime::from_naive_utc_and_offset(local - chrono::Duration::hours(7), vietnam())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    #[test]
    fn round_trip() {
        let utc = Utc
            .with_ymd_and_hms(2026, 2, 13, 9, 30, 0)
            .single()
            .unwrap_or_default();
        let local = to_local(&utc);
        assert_eq!(local.to_string(), "2026-02-13 16:30:00");
        assert_eq!(from_local(local).to_rfc3339(), "2026-02-13T16:30:00+07:00");
        assert_eq!(from_local(local).with_timezone(&Utc), utc);
    }
}
