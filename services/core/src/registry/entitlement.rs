//! Entitlements as a history of changes (biến động), each effective from a month and with its
//! source (a decision of a dossier, or a manual change with its reason). The state of any
//! month, and what it pays, is derived from the changes effective by then; a correction is a
//! new change, never an edit of an old one.

use chrono::NaiveDate;

use super::Month;
use crate::allowance::{Coefficient, monthly_allowance};
use crate::money::Vnd;
use crate::{DomainError, ErrorCode};
use crate::{DossierId, UnitId};

/// What is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scheme {
    /// Trợ cấp xã hội hằng tháng (Decree 20/2021, Art. 5 groups).
    MonthlyAllowance,
    /// Trợ cấp hưu trí xã hội (Decree 176/2025), kept apart from the monthly allowance.
    SocialPension,
    /// Hỗ trợ chi phí mai táng: one amount, once.
    BurialSupport,
}

impl Scheme {
    /// Whether it pays every month (burial support is paid once).
    pub fn is_monthly(self) -> bool {
        !matches!(self, Self::BurialSupport)
    }
}

/// A group of the national catalogue a person falls in, with its coefficient then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Catalogue code, e.g. `nct-80`.
    pub code: String,
    /// Name, e.g. "Người cao tuổi từ đủ 80 tuổi".
    pub name: String,
    /// Coefficient of the standard level.
    pub coefficient: Coefficient,
}

/// Where a change comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// An issued decision of a dossier.
    Decision {
        /// The dossier.
        dossier: DossierId,
        /// Its number, e.g. `12/QĐ-UBND`.
        number: String,
    },
    /// An officer's change, with the reason.
    Manual {
        /// Why.
        reason: String,
    },
}

/// One change of an entitlement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Thêm mới: the entitlement starts at a commune with its groups (burial support with
    /// its one amount).
    Start {
        /// The scheme.
        scheme: Scheme,
        /// The commune that pays.
        unit: UnitId,
        /// The groups (at least one for a monthly scheme).
        groups: Vec<Group>,
        /// The one-off amount of a burial support.
        one_off: Option<Vnd>,
    },
    /// Điều chỉnh: other groups or coefficients from this month.
    Adjust {
        /// The groups now.
        groups: Vec<Group>,
    },
    /// Chuyển vùng within the province: another commune pays from this month.
    Move {
        /// The commune that pays now.
        to: UnitId,
    },
    /// Tạm dừng: nothing is paid until resumed.
    Suspend,
    /// Đang xét duyệt: nothing is paid while the case is reviewed.
    Review,
    /// Payment resumes.
    Resume,
    /// Thôi hưởng.
    Stop,
    /// Cắt chết: the person died on that day (the change is effective the month after).
    Death {
        /// Day of death.
        died_on: NaiveDate,
    },
    /// Xóa chính sách: the entitlement was recorded by mistake; it never paid from this month.
    Delete,
    /// Khôi phục: a stopped or deleted entitlement, or a death recorded by mistake, as it was
    /// before (the application first checks that nothing was derived from a death).
    Restore,
}

impl Change {
    /// Stable name, as stored.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Start { .. } => "start",
            Self::Adjust { .. } => "adjust",
            Self::Move { .. } => "move",
            Self::Suspend => "suspend",
            Self::Review => "review",
            Self::Resume => "resume",
            Self::Stop => "stop",
            Self::Death { .. } => "death",
            Self::Delete => "delete",
            Self::Restore => "restore",
        }
    }

    /// What officers call it.
    pub fn title_vi(&self) -> &'static str {
        match self {
            Self::Start { .. } => "thêm mới",
            Self::Adjust { .. } => "điều chỉnh chính sách",
            Self::Move { .. } => "chuyển vùng",
            Self::Suspend => "tạm dừng",
            Self::Review => "chuyển sang đang xét duyệt",
            Self::Resume => "hưởng lại",
            Self::Stop => "thôi hưởng",
            Self::Death { .. } => "cắt chết",
            Self::Delete => "xóa chính sách",
            Self::Restore => "khôi phục",
        }
    }
}

/// A change as recorded: its order of recording, the month it is effective from, its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// 1, 2, 3, … in the order changes were recorded.
    pub seq: u32,
    /// Effective from this month.
    pub effective: Month,
    /// The change.
    pub change: Change,
    /// Where it comes from.
    pub source: Source,
}

/// Where an entitlement stands in a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Standing {
    /// Nothing recorded yet.
    NotStarted,
    /// Paid.
    Active,
    /// Suspended.
    Suspended,
    /// Under review.
    UnderReview,
    /// Stopped.
    Stopped,
    /// The person died.
    Dead,
    /// Recorded by mistake.
    Deleted,
}

/// An entitlement in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthState {
    /// Where it stands.
    pub standing: Standing,
    /// The scheme, once started.
    pub scheme: Option<Scheme>,
    /// The commune that pays.
    pub unit: Option<UnitId>,
    /// The groups in force.
    pub groups: Vec<Group>,
    /// The one-off amount of a burial support.
    pub one_off: Option<Vnd>,
    /// The change that set the groups, and its month.
    pub basis: Option<(Month, Source)>,
    /// The standing before the last stop or deletion (what a restore brings back).
    before_end: Option<Standing>,
}

impl MonthState {
    fn new() -> Self {
        Self {
            standing: Standing::NotStarted,
            scheme: None,
            unit: None,
            groups: Vec::new(),
            one_off: None,
            basis: None,
            before_end: None,
        }
    }
}

/// Changes in the order they apply: by effective month, then as recorded.
fn in_order(changes: &[Recorded]) -> Vec<&Recorded> {
    let mut ordered: Vec<&Recorded> = changes.iter().collect();
    ordered.sort_by_key(|r| (r.effective, r.seq));
    ordered
}

fn refuse(message: String) -> DomainError {
    DomainError::Flow {
        code: ErrorCode::ChangeNotAllowed,
        message,
    }
}

/// `change` applied to `state`, or why it does not apply there.
fn apply(state: &mut MonthState, recorded: &Recorded) -> Result<(), DomainError> {
    use Standing::*;
    let not_now = |state: &MonthState| {
        refuse(format!(
            "không thể {} từ tháng {}: chế độ đang {}",
            recorded.change.title_vi(),
            recorded.effective,
            standing_vi(state.standing)
        ))
    };
    match (&recorded.change, state.standing) {
        (
            Change::Start {
                scheme,
                unit,
                groups,
                one_off,
            },
            NotStarted,
        ) => {
            if scheme.is_monthly() == groups.is_empty() || scheme.is_monthly() == one_off.is_some()
            {
                return Err(refuse(
                    "chế độ hằng tháng cần nhóm đối tượng và hệ số; hỗ trợ mai táng cần số tiền"
                        .to_owned(),
                ));
            }
            state.standing = Active;
            state.scheme = Some(*scheme);
            state.unit = Some(unit.clone());
            state.groups.clone_from(groups);
            state.one_off = *one_off;
            state.basis = Some((recorded.effective, recorded.source.clone()));
        }
        (Change::Adjust { groups }, Active | Suspended | UnderReview) if !groups.is_empty() => {
            state.groups.clone_from(groups);
            state.basis = Some((recorded.effective, recorded.source.clone()));
        }
        (Change::Move { to }, Active | Suspended | UnderReview)
            if state.unit.as_ref() != Some(to) =>
        {
            state.unit = Some(to.clone());
        }
        (Change::Suspend, Active | UnderReview) => state.standing = Suspended,
        (Change::Review, Active | Suspended) => state.standing = UnderReview,
        (Change::Resume, Suspended | UnderReview) => state.standing = Active,
        (Change::Stop, Active | Suspended | UnderReview) => {
            state.before_end = Some(state.standing);
            state.standing = Stopped;
        }
        (Change::Death { .. }, Active | Suspended | UnderReview | Stopped) => {
            state.before_end = Some(state.standing);
            state.standing = Dead;
        }
        (Change::Delete, Active | Suspended | UnderReview | Stopped) => {
            state.before_end = Some(state.standing);
            state.standing = Deleted;
        }
        (Change::Restore, Stopped | Deleted | Dead) => {
            state.standing = state.before_end.take().unwrap_or(Active);
        }
        _ => return Err(not_now(state)),
    }
    Ok(())
}

fn standing_vi(standing: Standing) -> &'static str {
    match standing {
        Standing::NotStarted => "chưa có",
        Standing::Active => "được hưởng",
        Standing::Suspended => "tạm dừng",
        Standing::UnderReview => "đang xét duyệt",
        Standing::Stopped => "đã thôi hưởng",
        Standing::Dead => "đã cắt do đối tượng chết",
        Standing::Deleted => "đã xóa",
    }
}

/// The entitlement in `month`: the changes effective by then applied in order (a change
/// that no longer applies after a correction before it is skipped, as `check` would refuse it
/// now).
pub fn state_in(changes: &[Recorded], month: Month) -> MonthState {
    let mut state = MonthState::new();
    for recorded in in_order(changes) {
        if recorded.effective > month {
            break;
        }
        let mut next = state.clone();
        if apply(&mut next, recorded).is_ok() {
            state = next;
        }
    }
    state
}

/// Whether `new` may be recorded after `changes`: it must apply at its month, and every
/// later change must still apply after it (no correction that would leave a later change
/// meaningless).
pub fn check(changes: &[Recorded], new: &Recorded) -> Result<(), DomainError> {
    let mut all: Vec<Recorded> = changes.to_vec();
    all.push(new.clone());
    let mut state = MonthState::new();
    for recorded in in_order(&all) {
        apply(&mut state, recorded)?;
    }
    Ok(())
}

/// The month a change decided in `month` takes effect: the month after a death or the loss of
/// eligibility (Decree 20 as amended by Decree 147/2025).
pub fn from_month_after(month: Month) -> Month {
    month.next()
}

/// What one month pays, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthAmount {
    /// The month.
    pub month: Month,
    /// The amount.
    pub amount: Vnd,
    /// The standard level then.
    pub level: Vnd,
    /// The group whose coefficient is paid (the highest).
    pub group: Group,
    /// The change that set it, and its month.
    pub basis: (Month, Source),
}

impl MonthAmount {
    /// "500.000 × 2,5 = 1.250.000 đồng, nhóm …, từ quyết định số …".
    pub fn explained(&self) -> String {
        let level = Vnd(self.level.0).to_string();
        let amount = self.amount.to_string();
        let from = match &self.basis.1 {
            Source::Decision { number, .. } => format!("theo quyết định số {number}"),
            Source::Manual { reason } => format!("điều chỉnh thủ công: {reason}"),
        };
        format!(
            "{} × {} = {} đồng, nhóm {}, từ tháng {} {from}",
            level.trim_end_matches(" ₫"),
            self.group.coefficient.written(),
            amount.trim_end_matches(" ₫"),
            self.group.name,
            self.basis.0,
        )
    }
}

/// What a monthly entitlement pays in `month` at the standard `level` of that month: the
/// level times the highest coefficient of its groups; nothing unless active.
pub fn amount_in(changes: &[Recorded], month: Month, level: Vnd) -> Option<MonthAmount> {
    let state = state_in(changes, month);
    if state.standing != Standing::Active || !state.scheme?.is_monthly() {
        return None;
    }
    let group = state.groups.iter().max_by_key(|g| g.coefficient).cloned()?;
    Some(MonthAmount {
        month,
        amount: monthly_allowance(level, group.coefficient),
        level,
        group,
        basis: state.basis?,
    })
}
