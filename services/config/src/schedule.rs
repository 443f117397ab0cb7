//! Schedules of the background jobs: cron expressions read in Vietnam's time (UTC+7, no
//! daylight saving), and the ticks they give.

use std::str::FromStr;

use ansinh_core::calendar::local::vietnam;
use chrono::{DateTime, Duration, Utc};

/// A parsed schedule.
#[derive(Debug, Clone)]
pub struct JobSchedule {
    expression: String,
    schedule: cron::Schedule,
}

impl JobSchedule {
    /// Parses a six-field cron expression (seconds first).
    pub fn parse(expression: &str) -> Result<Self, String> {
        let schedule = cron::Schedule::from_str(expression).map_err(|e| e.to_string())?;
        Ok(Self {
            expression: expression.to_owned(),
            schedule,
        })
    }

    /// The expression as written.
    pub fn expression(&self) -> &str {
        &self.expression
    }

    /// The latest tick at or before `now`, looking back at most `horizon`.
    pub fn latest(&self, now: DateTime<Utc>, horizon: Duration) -> Option<DateTime<Utc>> {
        let after = (now - horizon).with_timezone(&vietnam());
        self.schedule
            .after(&after)
            .take_while(|tick| tick.with_timezone(&Utc) <= now)
            .last()
            .map(|tick| tick.with_timezone(&Utc))
    }

    /// The first tick after `instant`.
    pub fn next_after(&self, instant: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.schedule
            .after(&instant.with_timezone(&vietnam()))
            .next()
            .map(|tick| tick.with_timezone(&Utc))
    }

    /// Every tick in `(after, until]`, in order.
    pub fn between(&self, after: DateTime<Utc>, until: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        self.schedule
            .after(&after.with_timezone(&vietnam()))
            .map(|tick| tick.with_timezone(&Utc))
            .take_while(|tick| *tick <= until)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
    }

    #[test]
    fn ticks_are_read_in_vietnam_time() {
        let digest = JobSchedule::parse("0 30 7 * * Mon-Fri").unwrap_or_else(|e| panic!("{e}"));
        // Friday 4 December 2026, 10:00 in Hà Nội: the latest tick is that morning's 07:30.
        let latest = digest.latest(at("2026-12-04T03:00:00Z"), Duration::days(7));
        assert_eq!(latest, Some(at("2026-12-04T00:30:00Z")));
        // The next one skips the weekend.
        assert_eq!(
            digest.next_after(at("2026-12-04T03:00:00Z")),
            Some(at("2026-12-07T00:30:00Z"))
        );
        let minutely = JobSchedule::parse("0 * * * * *").unwrap_or_else(|e| panic!("{e}"));
        let ticks = minutely.between(at("2026-12-04T00:00:00Z"), at("2026-12-05T00:00:00Z"));
        assert_eq!(ticks.len(), 1440);
        assert_eq!(ticks.first(), Some(&at("2026-12-04T00:01:00Z")));
        assert!(JobSchedule::parse("every minute").is_err());
    }
}
