//! `ansinh calendar …`: the calendar's raw answers as JSON lines, for differential tests against
//! independent libraries and for people checking a year.

use std::io::Write;
use std::path::Path;

use ansinh_core::calendar::BreakDay;
use ansinh_core::calendar::lunar::{LunarDate, lunar_new_year, to_solar};
use ansinh_core::calendar::rules::{RuleKind, rule_days};
use anyhow::Context as _;
use chrono::NaiveDate;
use clap::Subcommand;
use serde_json::json;

/// Calendar commands.
#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Lunar new year (Tết) and Hùng Kings day of each year, one JSON object per line.
    Lunar {
        /// First year.
        #[arg(long, default_value_t = 1900)]
        from: i32,
        /// Last year.
        #[arg(long, default_value_t = 2100)]
        to: i32,
    },
    /// Holidays and official days off and make-up days, one JSON object per line.
    Holidays {
        /// First year.
        #[arg(long)]
        from: i32,
        /// Last year.
        #[arg(long)]
        to: i32,
        /// Configuration folder (its national/calendar.yaml holds the official schedules).
        #[arg(long, default_value = "config-tenants")]
        config_tenants: std::path::PathBuf,
    },
}

/// Runs a calendar command.
pub fn run(command: CalendarCommand) -> anyhow::Result<i32> {
    let mut out = std::io::stdout().lock();
    match command {
        CalendarCommand::Lunar { from, to } => {
            for year in from..=to {
                let hung_kings = to_solar(LunarDate {
                    year,
                    month: 3,
                    leap: false,
                    day: 10,
                });
                let line =
                    json!({ "year": year, "tet": lunar_new_year(year), "hung_kings": hung_kings });
                writeln!(out, "{line}")?;
            }
        }
        CalendarCommand::Holidays {
            from,
            to,
            config_tenants,
        } => {
            for line in holiday_lines(from, to, &config_tenants)? {
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(0)
}

fn holiday_lines(from: i32, to: i32, dir: &Path) -> anyhow::Result<Vec<serde_json::Value>> {
    let (set, problems) = ansinh_config::load_dir(dir);
    anyhow::ensure!(
        problems.is_empty(),
        "configuration has problems: run `ansinh config check`"
    );
    let set = set.context("configuration did not load")?;
    let official = ansinh_config::calendar::official_years(&set.national);
    let mut lines = Vec::new();
    let line = |date: NaiveDate, kind: &str, name: &str, source: &str| json!({ "date": date, "kind": kind, "name": name, "source": source });
    for year in from..=to {
        match official.get(&year) {
            None => {
                for day in rule_days(year) {
                    let kind = match day.kind {
                        RuleKind::Holiday => "holiday",
                        RuleKind::Observed => "observed",
                    };
                    lines.push(line(day.date, kind, &day.name, "rules"));
                }
            }
            Some(schedule) => {
                for (date, (kind, reason)) in &schedule.days_off {
                    let kind = match kind {
                        BreakDay::Holiday => "holiday",
                        BreakDay::Observed => "observed",
                        BreakDay::Swapped => "day_off",
                        // Weekends inside a break are not compared.
                        BreakDay::WeeklyRest => continue,
                    };
                    lines.push(line(*date, kind, reason, "official"));
                }
                for (date, reason) in &schedule.make_up {
                    lines.push(line(*date, "make_up", reason, "official"));
                }
            }
        }
    }
    lines.sort_by(|a, b| a["date"].as_str().cmp(&b["date"].as_str()));
    Ok(lines)
}
