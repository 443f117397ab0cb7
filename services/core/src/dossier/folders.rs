//! Where dossiers show up: the status groups (open, terminal, the step's clock running or
//! paused), the folders of an officer's queue (DOMAIN.md) and the SLA state of the current
//! step. Written once here; the application, the store's SQL and the API derive from it.

use super::model::Status;

/// The folders of an officer's queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Folder {
    /// Chờ tiếp nhận: drafts the officer created.
    ToReceive,
    /// Đang xử lý: held, rework included.
    InProgress,
    /// Yêu cầu bổ sung / đang bổ sung: held, waiting for the citizen.
    Supplement,
    /// Có kết quả chờ trả: held, the result back at the commune.
    ResultArrived,
    /// Đã tiếp nhận chưa trả kết quả: received by the officer, still open.
    NotReturned,
    /// Không đủ điều kiện / lãnh đạo từ chối: received by the officer, ended so.
    IneligibleOrRejected,
}

/// Whose dossiers a folder shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FolderOwner {
    /// The officer created them.
    Creator,
    /// The officer holds them now.
    Holder,
    /// The officer received them (or created them, if nobody received them yet).
    Receiver,
}

/// The people a dossier is with: who created it, holds it, received it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DossierPeople<'a> {
    /// The account that created it.
    pub created_by: &'a str,
    /// The account holding it now.
    pub holder: Option<&'a str>,
    /// The account that received it.
    pub received_by: Option<&'a str>,
}

impl FolderOwner {
    /// Whether the dossier is the account's in this sense (the store's queue SQL says the
    /// same).
    pub fn owns(self, account: &str, people: DossierPeople<'_>) -> bool {
        match self {
            Self::Creator => people.created_by == account,
            Self::Holder => people.holder == Some(account),
            Self::Receiver => match people.received_by {
                Some(receiver) => receiver == account,
                None => people.created_by == account,
            },
        }
    }
}

/// The folders a status appears in. Exhaustive on purpose: a new status does not compile
/// until it is placed in its folders (or, like a completed dossier, in none).
pub fn folders_of(status: Status) -> &'static [Folder] {
    use Folder::*;
    match status {
        Status::Draft => &[ToReceive],
        Status::InProgress | Status::ReworkRequested => &[InProgress, NotReturned],
        Status::AwaitingSupplement => &[Supplement, NotReturned],
        Status::ResultArrived => &[ResultArrived, NotReturned],
        Status::ReturnedIneligible | Status::Rejected | Status::SupplementLapsed => {
            &[IneligibleOrRejected]
        }
        Status::Completed | Status::Withdrawn | Status::Deleted => &[],
    }
}

impl Folder {
    /// Every folder, in the order of the guides' menu.
    pub const ALL: [Folder; 6] = [
        Self::ToReceive,
        Self::InProgress,
        Self::Supplement,
        Self::ResultArrived,
        Self::NotReturned,
        Self::IneligibleOrRejected,
    ];

    /// Stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ToReceive => "to_receive",
            Self::InProgress => "in_progress",
            Self::Supplement => "supplement",
            Self::ResultArrived => "result_arrived",
            Self::NotReturned => "not_returned",
            Self::IneligibleOrRejected => "ineligible_or_rejected",
        }
    }

    /// Whose dossiers it shows.
    pub fn owner(self) -> FolderOwner {
        match self {
            Self::ToReceive => FolderOwner::Creator,
            Self::InProgress | Self::Supplement | Self::ResultArrived => FolderOwner::Holder,
            Self::NotReturned | Self::IneligibleOrRejected => FolderOwner::Receiver,
        }
    }

    /// The statuses it shows.
    pub fn statuses(self) -> Vec<Status> {
        Status::ALL
            .into_iter()
            .filter(|status| folders_of(*status).contains(&self))
            .collect()
    }
}

impl Status {
    /// Someone holds it and must act: received, not ended.
    pub fn is_open(self) -> bool {
        !self.is_terminal() && self != Self::Draft
    }

    /// The open statuses.
    pub fn open() -> Vec<Status> {
        Self::ALL.into_iter().filter(|s| s.is_open()).collect()
    }

    /// The current step's clock runs: it is not due, due soon or late.
    pub fn step_clock_runs(self) -> bool {
        self.is_open() && self != Self::AwaitingSupplement
    }

    /// The statuses whose step clock runs.
    pub fn step_clock_running() -> Vec<Status> {
        Self::ALL
            .into_iter()
            .filter(|s| s.step_clock_runs())
            .collect()
    }
}

/// SLA state of an open dossier's current step, as queues filter on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StepSla {
    /// More than the warning threshold left (chưa đến hạn).
    NotDue,
    /// Within the warning threshold (sắp đến hạn).
    DueSoon,
    /// Past due (trễ hạn).
    Late,
    /// Paused, waiting for the citizen's supplement (tạm dừng).
    Paused,
}

/// The current step's SLA state at `now` from the instants kept on the dossier (`None` when
/// the dossier is not being processed, or its due instant is unknown).
pub fn step_sla<T: Ord>(
    status: Status,
    due: Option<T>,
    warn: Option<T>,
    now: T,
) -> Option<StepSla> {
    if status == Status::AwaitingSupplement {
        return Some(StepSla::Paused);
    }
    if !status.step_clock_runs() {
        return None;
    }
    let due = due?;
    Some(if due < now {
        StepSla::Late
    } else if warn.is_some_and(|warn| warn <= now) {
        StepSla::DueSoon
    } else {
        StepSla::NotDue
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_received_dossier_is_its_receivers_a_draft_its_creators() {
        let draft = DossierPeople {
            created_by: "tn",
            holder: Some("tn"),
            received_by: None,
        };
        let handed_on = DossierPeople {
            holder: Some("xh"),
            received_by: Some("tn2"),
            ..draft
        };
        let owners = |people| {
            ["tn", "tn2", "xh"].map(|account| {
                [
                    FolderOwner::Creator,
                    FolderOwner::Holder,
                    FolderOwner::Receiver,
                ]
                .map(|owner| owner.owns(account, people))
            })
        };
        assert_eq!(
            owners(draft),
            [
                [true, true, true],
                [false, false, false],
                [false, false, false]
            ]
        );
        assert_eq!(
            owners(handed_on),
            [
                [true, false, false],
                [false, false, true],
                [false, true, false]
            ]
        );
    }

    #[test]
    fn every_status_is_listed_and_placed() {
        // `Status::ALL` must hold every status: each appears once, and the exhaustive match
        // of `folders_of` has placed it.
        let mut seen = std::collections::BTreeSet::new();
        for status in Status::ALL {
            assert!(seen.insert(status.as_str()), "{status:?} twice");
            let _ = folders_of(status);
        }
        assert_eq!(
            Folder::InProgress.statuses(),
            [Status::InProgress, Status::ReworkRequested]
        );
        assert_eq!(
            Folder::NotReturned.statuses(),
            [
                Status::InProgress,
                Status::AwaitingSupplement,
                Status::ReworkRequested,
                Status::ResultArrived
            ]
        );
        assert_eq!(Folder::NotReturned.statuses(), Status::open());
        // Every open status is in a folder of its holder.
        for status in Status::open() {
            assert!(
                folders_of(status)
                    .iter()
                    .any(|f| f.owner() == FolderOwner::Holder),
                "{status:?}"
            );
        }
    }

    #[test]
    fn the_step_sla_follows_the_kept_instants() {
        let state = |status, due, warn, now| step_sla(status, due, warn, now);
        assert_eq!(
            state(Status::InProgress, Some(10), Some(8), 11),
            Some(StepSla::Late)
        );
        assert_eq!(
            state(Status::InProgress, Some(10), Some(8), 9),
            Some(StepSla::DueSoon)
        );
        assert_eq!(
            state(Status::InProgress, Some(10), Some(8), 7),
            Some(StepSla::NotDue)
        );
        assert_eq!(
            state(Status::AwaitingSupplement, None, None, 7),
            Some(StepSla::Paused)
        );
        assert_eq!(state(Status::Completed, Some(10), None, 11), None);
        assert_eq!(state(Status::Draft, None, None, 11), None);
    }
}
