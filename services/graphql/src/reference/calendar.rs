//! Calendar queries: an office's year, working time between instants, due-date previews.

use ansinh_config::model::WorkingDuration;
use ansinh_core::calendar::{Budget, ClockEvent, SlaClock, explain};
use async_graphql::{Context, Object};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};

use crate::context::{app, scope_for};
use crate::errors::GqlResult;
use crate::paging::user_error;
use crate::reference::calendar_types::{CalendarYear, DuePreview, WorkingTime, instant, local};
use ansinh_core::Action;
use ansinh_core::ErrorCode;
use ansinh_core::Resource;

fn domain(error: ansinh_core::DomainError) -> async_graphql::Error {
    crate::errors::to_gql(error.into())
}

fn parse_duration(text: &str, field: &str) -> async_graphql::Result<WorkingDuration> {
    text.parse::<WorkingDuration>().map_err(|message| {
        user_error(
            ErrorCode::InvalidDuration,
            format!("{field}: {message} (8h = 1 ngày làm việc)"),
        )
    })
}

/// Calendar entry points, merged into the query root.
#[derive(Debug, Default)]
pub struct CalendarQuery;

/// Calendar entry points, merged into the query root.
#[Object]
impl CalendarQuery {
    /// Every day of `year` in the working calendar of one of this province's offices: national
    /// holidays and official schedule, the province's additions, the office's sessions.
    async fn calendar(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Office code (offices.yaml)")] office: String,
        year: i32,
    ) -> async_graphql::Result<CalendarYear> {
        let scope = scope_for(ctx, Resource::Config, Action::Read).await.gql()?;
        let office_calendar = app(ctx)
            .reference
            .office_calendar(&scope, &office, year)
            .await
            .gql()?;
        let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
        let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
        let days = office_calendar.calendar.days(first, last).map_err(domain)?;
        let (working_days, days) = CalendarYear::days_of(days);
        Ok(CalendarYear {
            office: office_calendar.office.clone(),
            office_name: office_calendar.office_name.clone(),
            year,
            legal_basis: office_calendar
                .legal_basis
                .iter()
                .find(|(y, _)| *y == year)
                .map(|(_, basis)| basis.clone())
                .unwrap_or_default(),
            receipt_cutoff: office_calendar.receipt_cutoff.format("%H:%M").to_string(),
            working_days,
            days,
        })
    }

    /// Working time of an office between two instants.
    async fn working_time_between(
        &self,
        ctx: &Context<'_>,
        office: String,
        from: DateTime<FixedOffset>,
        to: DateTime<FixedOffset>,
    ) -> async_graphql::Result<WorkingTime> {
        let scope = scope_for(ctx, Resource::Config, Action::Read).await.gql()?;
        let (from, to) = (local(from), local(to));
        let office_calendar = app(ctx)
            .reference
            .office_calendar(&scope, &office, from.year())
            .await
            .gql()?;
        let calendar = &office_calendar.calendar;
        Ok(WorkingTime {
            minutes: calendar.working_minutes_between(from, to).map_err(domain)?,
            working_days: calendar.working_days_between(from, to).map_err(domain)?,
        })
    }

    /// When work received at `start` by an office is due with a budget (`2d` counts working
    /// days; `4h`, `1d4h` count working hours, 8 h to a day), with the day-by-day explanation.
    async fn preview_due(
        &self,
        ctx: &Context<'_>,
        office: String,
        start: DateTime<FixedOffset>,
        #[graphql(desc = "Budget: `2d`, `4h` or `1d4h`")] budget: String,
        #[graphql(desc = "Warn this long before the due time, same notation")] warn_before: Option<
            String,
        >,
    ) -> async_graphql::Result<DuePreview> {
        let scope = scope_for(ctx, Resource::Config, Action::Read).await.gql()?;
        let duration = parse_duration(&budget, "budget")?;
        let warn = warn_before
            .as_deref()
            .map(|text| parse_duration(text, "warnBefore"))
            .transpose()?;
        let received = local(start);
        let office_calendar = app(ctx)
            .reference
            .office_calendar(&scope, &office, received.year())
            .await
            .gql()?;
        let clock = SlaClock {
            budget: Budget::from_hours(duration.hours, duration.whole_days),
            warn_minutes: warn.map_or(0, |w| i64::from(w.hours) * 60),
            receipt_cutoff: office_calendar.receipt_cutoff,
            events: vec![ClockEvent::Start { at: received }],
        };
        let calendar = &office_calendar.calendar;
        let state = clock.evaluate(calendar, received).map_err(domain)?;
        let explanation =
            explain(calendar, &state, received, clock.receipt_cutoff, received).map_err(domain)?;
        Ok(DuePreview {
            received_at: instant(received),
            effective_start: state.effective_start.map(instant),
            due: state.due.map(instant),
            warn_at: state.warn_at.map(instant),
            budget: duration.to_string(),
            counts_whole_days: duration.whole_days,
            explanation: explanation.into_iter().map(Into::into).collect(),
        })
    }
}
