//! The beneficiary registry's rules (Phân hệ Quản lý đối tượng): the month an entitlement
//! changes from, the changes (biến động) and their sources, and the state and amount of any
//! month derived from them.

mod entitlement;
mod month;
#[cfg(test)]
mod tests;

pub use entitlement::{
    Change, Group, MonthAmount, MonthState, Recorded, Scheme, Source, Standing, amount_in, check,
    from_month_after, state_in,
};
pub use month::Month;
