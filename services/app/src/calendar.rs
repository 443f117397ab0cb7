//! Working calendars of offices, built from the published configuration and cached: a due-date
//! computation reuses the precomputed calendar until a new configuration version is published.

use std::sync::Arc;

use ansinh_config::calendar::calendar_layers;
use ansinh_core::TenantId;
use ansinh_core::calendar::WorkingCalendar;
use ansinh_core::calendar::lunar::SUPPORTED_YEARS;
use chrono::NaiveTime;

use crate::AppError;
use crate::model::TenantScope;
use crate::reference::Reference;
use ansinh_core::ErrorCode;

/// What a cached calendar was built from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct CalendarKey {
    tenant: TenantId,
    office: String,
    national_version: i32,
    province_version: i32,
    first_year: i32,
}

/// Calendars kept at most; beyond this the cache starts afresh (they rebuild in milliseconds).
const CACHE_LIMIT: usize = 512;

/// An office's working calendar with the settings that go with it.
#[derive(Debug)]
pub struct OfficeCalendar {
    /// Office code.
    pub office: String,
    /// Office name.
    pub office_name: String,
    /// The calendar, covering the year asked for, the one before and the two after.
    pub calendar: WorkingCalendar,
    /// Receipts after this time of day count from the next working day.
    pub receipt_cutoff: NaiveTime,
    /// Legal basis of each official year used.
    pub legal_basis: Vec<(i32, Vec<String>)>,
}

impl Reference {
    /// The working calendar of `office` in the scope's province around `year`.
    pub async fn office_calendar(
        &self,
        scope: &TenantScope,
        office: &str,
        year: i32,
    ) -> Result<Arc<OfficeCalendar>, AppError> {
        if !SUPPORTED_YEARS.contains(&year) {
            return Err(AppError::invalid(
                ErrorCode::InvalidYear,
                format!(
                    "năm {year} nằm ngoài khoảng hỗ trợ {}–{}",
                    SUPPORTED_YEARS.start(),
                    SUPPORTED_YEARS.end()
                ),
            ));
        }
        // The year before and the two after, as far as lunar dates are computed.
        let first_year = (year - 1).max(*SUPPORTED_YEARS.start());
        let last_year = (year + 2).min(*SUPPORTED_YEARS.end());
        let (province_version, province) = self.province_config_versioned(scope).await?;
        let (national_version, national) = self.national_config_versioned().await?;
        let key = CalendarKey {
            tenant: scope.tenant().clone(),
            office: office.to_owned(),
            national_version,
            province_version,
            first_year,
        };
        if let Some(found) = self.calendars.read().await.get(&key) {
            return Ok(found.clone());
        }
        let config = province
            .offices
            .by_code(office)
            .ok_or_else(|| AppError::not_found("bộ phận tiếp nhận", office))?;
        let layers = calendar_layers(&national, &province, config);
        let legal_basis = (first_year..=last_year)
            .filter_map(|y| layers.official.get(&y).map(|o| (y, o.legal_basis.clone())))
            .collect();
        let built = Arc::new(OfficeCalendar {
            office: config.code.clone(),
            office_name: config.name.clone(),
            calendar: WorkingCalendar::build(&layers, first_year..=last_year),
            receipt_cutoff: province.calendar.receipt_cutoff,
            legal_basis,
        });
        let mut cache = self.calendars.write().await;
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(key, built.clone());
        Ok(built)
    }
}
