//! The beneficiary registry's rules (Phân hệ Quản lý đối tượng): who a person is (ID number,
//! birth date as records have it, what a CCCD's digits imply), the month an entitlement changes
//! from, the changes (biến động) and their sources, and the state and amount of any month
//! derived from them.

mod amounts;
mod entitlement;
mod month;
mod person;
#[cfg(test)]
mod tests;

pub use amounts::{Levels, monthly_amounts, start_from_decision};
pub use entitlement::{
    Change, Group, MonthAmount, MonthState, Recorded, Scheme, Source, Standing, amount_in, check,
    from_month_after, state_in,
};
pub use month::Month;
pub use person::{BirthDate, IdNumber, Sex, contradictions};
