//! Personal data in a wrapper that never prints it: `Debug` and `Display` show `***`, so a
//! record logged by mistake leaks nothing; the value is read with `expose`, where it is meant
//! to be read.

use std::fmt;

/// A person's data (ID number, phone number, name, what an application says about them).
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pii<T>(T);

impl<T> Pii<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The value, for the code that is meant to read it.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// The value, mutably.
    pub fn expose_mut(&mut self) -> &mut T {
        &mut self.0
    }

    /// The value, unwrapped.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl Pii<String> {
    /// Enough of an address or phone number to tell two apart without revealing either:
    /// `n•••@cb.gov.vn` for an e-mail address, `•••567` for a number.
    pub fn hint(&self) -> String {
        match self.0.split_once('@') {
            Some((local, domain)) => {
                let first: String = local.chars().take(1).collect();
                format!("{first}•••@{domain}")
            }
            None => {
                let chars: Vec<char> = self.0.chars().collect();
                let tail: String = chars[chars.len().saturating_sub(3)..].iter().collect();
                format!("•••{tail}")
            }
        }
    }
}

impl<T> From<T> for Pii<T> {
    fn from(value: T) -> Self {
        Self(value)
    }
}

impl<T> fmt::Debug for Pii<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl<T> fmt::Display for Pii<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_value_never_prints() {
        let id = Pii::new("004123456789".to_owned());
        assert_eq!(format!("{id:?} {id}"), "*** ***");
        assert_eq!(format!("{:?}", Some(id.clone())), "Some(***)");
        assert_eq!(id.expose(), "004123456789");
    }

    #[test]
    fn a_hint_shows_the_first_letter_and_domain_or_the_last_three_digits() {
        assert_eq!(
            Pii::new("nva@cb.gov.vn".to_owned()).hint(),
            "n•••@cb.gov.vn"
        );
        assert_eq!(Pii::new("0912345567".to_owned()).hint(), "•••567");
        assert_eq!(Pii::new("12".to_owned()).hint(), "•••12");
    }
}
