//! Amounts of money in Vietnamese đồng: whole numbers only (the đồng has no subunit in use),
//! written with dot thousands separators (`1.500.000 ₫`) and read out in words as decisions and
//! payment lists write them ("Một triệu năm trăm nghìn đồng").

use std::fmt;

use crate::error::DomainError;

/// An amount in đồng.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Vnd(pub i64);

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// Names of the groups of three digits below a billion, from the units up.
const GROUPS: [&str; 3] = ["", "nghìn", "triệu"];

const BILLION: u64 = 1_000_000_000;

impl Vnd {
    /// The amount in words with a capital first letter and "đồng" at the end, e.g.
    /// 2.050.000 → "Hai triệu không trăm năm mươi nghìn đồng". Zero and negative amounts have
    /// no place in a decision or a payment and are refused.
    pub fn in_words(self) -> Result<String, DomainError> {
        if self.0 <= 0 {
            return Err(DomainError::InvalidAmount(self));
        }
        let words = number_words(self.0.unsigned_abs());
        let mut chars = words.chars();
        let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
        Ok(format!(
            "{}{} đồng",
            first.unwrap_or_default(),
            chars.as_str()
        ))
    }
}

impl fmt::Display for Vnd {
    /// `1.500.000 ₫`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.0.unsigned_abs().to_string();
        let mut grouped = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push('.');
            }
            grouped.push(digit);
        }
        let sign = if self.0 < 0 { "-" } else { "" };
        write!(f, "{sign}{grouped} ₫")
    }
}

/// A positive number in words, lower case. Billions are counted like any number and followed
/// by "tỷ" ("hai nghìn năm trăm tỷ"); what follows them keeps its empty hundreds
/// ("một tỷ không trăm năm mươi triệu").
fn number_words(number: u64) -> String {
    if number < BILLION {
        return below_billion(number, true);
    }
    let mut words = format!("{} tỷ", number_words(number / BILLION));
    let rest = number % BILLION;
    if rest > 0 {
        words.push(' ');
        words.push_str(&below_billion(rest, false));
    }
    words
}

/// A number under a billion; `leading` when nothing was said before it.
fn below_billion(number: u64, leading: bool) -> String {
    let mut words: Vec<String> = Vec::new();
    for (index, name) in GROUPS.iter().enumerate().rev() {
        let group = (number / 1000u64.pow(index as u32) % 1000) as u16;
        if group == 0 {
            continue;
        }
        words.push(triple_words(group, leading && words.is_empty()));
        if !name.is_empty() {
            words.push((*name).to_owned());
        }
    }
    words.join(" ")
}

/// Three digits in words; the leading group drops its empty hundreds ("năm mươi", not
/// "không trăm năm mươi"), the others keep them.
fn triple_words(group: u16, leading: bool) -> String {
    let hundreds = usize::from(group / 100);
    let tens = usize::from(group / 10 % 10);
    let units = usize::from(group % 10);
    let mut words = Vec::new();
    if hundreds > 0 || !leading {
        words.push(format!("{} trăm", DIGITS[hundreds]));
    }
    let said_hundreds = !words.is_empty();
    match tens {
        0 if units > 0 && said_hundreds => words.push("linh".to_owned()),
        0 => {}
        1 => words.push("mười".to_owned()),
        _ => words.push(format!("{} mươi", DIGITS[tens])),
    }
    if units > 0 {
        let unit = match (units, tens) {
            (1, t) if t >= 2 => "mốt",
            (5, t) if t >= 1 => "lăm",
            (u, _) => DIGITS[u],
        };
        words.push(unit.to_owned());
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::Vnd;
    use proptest::prelude::*;

    #[test]
    fn amounts_read_as_decisions_write_them() {
        for (amount, words) in [
            (1_500_000, "Một triệu năm trăm nghìn đồng"),
            (10_000_000, "Mười triệu đồng"),
            (2_050_000, "Hai triệu không trăm năm mươi nghìn đồng"),
            (360_000, "Ba trăm sáu mươi nghìn đồng"),
            (540_000, "Năm trăm bốn mươi nghìn đồng"),
            (1_080_000, "Một triệu không trăm tám mươi nghìn đồng"),
            (7_200_000, "Bảy triệu hai trăm nghìn đồng"),
            (21_000, "Hai mươi mốt nghìn đồng"),
            (15_000, "Mười lăm nghìn đồng"),
            (105, "Một trăm linh năm đồng"),
            (1_005, "Một nghìn không trăm linh năm đồng"),
            (11, "Mười một đồng"),
            (25, "Hai mươi lăm đồng"),
            (1_000_000_000, "Một tỷ đồng"),
            (1_000_000_001, "Một tỷ không trăm linh một đồng"),
            (1_000_000_000_000, "Một nghìn tỷ đồng"),
            (2_000_500_000_000, "Hai nghìn tỷ năm trăm triệu đồng"),
            (2_500_000_000_000, "Hai nghìn năm trăm tỷ đồng"),
            (1_050_000_000, "Một tỷ không trăm năm mươi triệu đồng"),
        ] {
            assert_eq!(Vnd(amount).in_words().as_deref(), Ok(words), "{amount}");
        }
    }

    #[test]
    fn nothing_and_less_is_refused() {
        for amount in [0, -1, -1_500_000] {
            assert!(Vnd(amount).in_words().is_err(), "{amount}");
        }
    }

    #[test]
    fn amounts_are_written_with_dots_and_the_dong_sign() {
        assert_eq!(Vnd(1_500_000).to_string(), "1.500.000 ₫");
        assert_eq!(Vnd(999).to_string(), "999 ₫");
        assert_eq!(Vnd(0).to_string(), "0 ₫");
        assert_eq!(Vnd(-25_000).to_string(), "-25.000 ₫");
    }

    /// Reads words back to a number, independently of how they were produced: every group
    /// name multiplies what was said since the previous larger one.
    fn read_back(words: &str) -> u64 {
        let words = words.trim_end_matches(" đồng").to_lowercase();
        let digit = |w: &str| -> Option<u64> {
            Some(match w {
                "không" => 0,
                "một" | "mốt" => 1,
                "hai" => 2,
                "ba" => 3,
                "bốn" => 4,
                "năm" | "lăm" => 5,
                "sáu" => 6,
                "bảy" => 7,
                "tám" => 8,
                "chín" => 9,
                _ => return None,
            })
        };
        let (mut total, mut below_billion, mut group) = (0u64, 0u64, 0u64);
        let mut last_digit = 0;
        for word in words.split(' ') {
            if let Some(d) = digit(word) {
                group += d;
                last_digit = d;
                continue;
            }
            match word {
                "trăm" => group += last_digit * 99,
                "mươi" => group += last_digit * 9,
                "mười" => group += 10,
                "linh" => {}
                "nghìn" => {
                    below_billion += group * 1_000;
                    group = 0;
                }
                "triệu" => {
                    below_billion += group * 1_000_000;
                    group = 0;
                }
                "tỷ" => {
                    total += (below_billion + group) * 1_000_000_000;
                    below_billion = 0;
                    group = 0;
                }
                other => panic!("unexpected word {other:?} in {words:?}"),
            }
            last_digit = 0;
        }
        total + below_billion + group
    }

    proptest! {
        #[test]
        fn words_read_back_to_the_amount(amount in 1i64..1_000_000_000_000_000) {
            let words = Vnd(amount).in_words().unwrap_or_default();
            prop_assert!(words.ends_with(" đồng"));
            prop_assert!(words.chars().next().is_some_and(char::is_uppercase));
            prop_assert!(!words.contains("  "));
            prop_assert_eq!(read_back(&words), amount as u64, "{}", words);
        }
    }
}
