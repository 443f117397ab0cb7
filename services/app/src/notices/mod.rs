//! Background work of the application: the outbox read back into messages, scheduled
//! warnings (step due soon, step late, the daily digest of late dossiers), delivery of
//! messages with retries and a dead-letter state, and what officers chose not to receive.
//!
//! The worker (`ansinh-jobs`) calls these use cases per tenant with the tick it runs; nothing
//! here sleeps or reads the wall clock but through the clock port.

mod admin;
mod compose;
mod deliver;
mod expand;
mod ports;
mod recipients;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
mod waiting;
#[cfg(test)]
mod waiting_tests;
mod warnings;

use std::sync::Arc;

pub use admin::{BackgroundStatus, JobStatus, NoticeSetting, QueueFigures};
pub use deliver::{Delivered, DeliveryPolicy, message_id};
pub use expand::Expanded;
pub use ports::{
    Attempt, ClaimedEvent, Composed, Deadline, DeadlineWatch, DeliveryError, Mailer,
    MessageComposer, MessageCounts, MessageRepo, MessageStatus, NewMessage, NoticePreferences,
    OutboxRepo, OutgoingMail, StoredMessage, TextSender, TickRecord, TickRepo,
};
pub use recipients::{APPLICANT_EMAIL, APPLICANT_PHONE};
pub use warnings::JobRun;

/// The notices area.
#[derive(Debug, Clone)]
pub struct Notices {
    pub(crate) outbox: Arc<dyn OutboxRepo>,
    pub(crate) messages: Arc<dyn MessageRepo>,
    pub(crate) ticks: Arc<dyn TickRepo>,
    pub(crate) preferences: Arc<dyn NoticePreferences>,
    pub(crate) watch: Arc<dyn DeadlineWatch>,
    pub(crate) mailer: Arc<dyn Mailer>,
    pub(crate) texts: Arc<dyn TextSender>,
    pub(crate) composer: Arc<dyn MessageComposer>,
    pub(crate) documents: crate::documents::Documents,
    pub(crate) policy: DeliveryPolicy,
    pub(crate) clock: Arc<dyn crate::Clock>,
}

/// The adapters of the notices area.
#[derive(Debug, Clone)]
pub struct NoticePorts {
    /// The outbox read back.
    pub outbox: Arc<dyn OutboxRepo>,
    /// Messages.
    pub messages: Arc<dyn MessageRepo>,
    /// Claimed ticks.
    pub ticks: Arc<dyn TickRepo>,
    /// Opt-outs.
    pub preferences: Arc<dyn NoticePreferences>,
    /// Dossiers by deadline.
    pub watch: Arc<dyn DeadlineWatch>,
    /// E-mail.
    pub mailer: Arc<dyn Mailer>,
    /// SMS and Zalo.
    pub texts: Arc<dyn TextSender>,
    /// Template filling.
    pub composer: Arc<dyn MessageComposer>,
    /// Retries, leases, links.
    pub policy: DeliveryPolicy,
}
