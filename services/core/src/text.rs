//! Text rules for Vietnamese input: NFC normalisation, the characters and lengths stored text
//! may have (it is printed on decisions and lists), and diacritic folding for search.

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// What a free-text input may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRule {
    /// Most characters after trimming and NFC.
    pub max_chars: usize,
    /// Whether line breaks (and tabs) are allowed: notes and reasons, not names.
    pub multiline: bool,
}

impl TextRule {
    /// Names of people and units.
    pub const NAME: Self = Self::line(200);
    /// Search texts.
    pub const SEARCH: Self = Self::line(200);
    /// Notes, reasons and other paragraphs an officer writes.
    pub const PARAGRAPH: Self = Self {
        max_chars: 2000,
        multiline: true,
    };

    /// A one-line text of at most `max_chars` characters.
    pub const fn line(max_chars: usize) -> Self {
        Self {
            max_chars,
            multiline: false,
        }
    }
}

/// Why a text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    /// Longer than the rule allows (characters counted after NFC).
    TooLong {
        /// The maximum.
        max_chars: usize,
    },
    /// A character that is never stored: control characters (C0 and C1, DEL; tab and line
    /// breaks except in multi-line texts) and bidirectional overrides and isolates, which make
    /// printed text read differently from what was typed.
    Forbidden {
        /// The character.
        found: char,
        /// Its position, counted in characters from 1.
        position: usize,
    },
}

/// Whether `c` may never appear in stored text, whatever the field.
pub fn is_forbidden(c: char, multiline: bool) -> bool {
    match c {
        '\n' | '\t' | '\r' => !multiline,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// The first character of `text` that is never stored, with its position (from 1).
pub fn first_forbidden(text: &str, multiline: bool) -> Option<(char, usize)> {
    text.chars()
        .enumerate()
        .find(|(_, c)| is_forbidden(*c, multiline))
        .map(|(i, c)| (c, i + 1))
}

/// Free text as stored: trimmed, NFC, line breaks as `\n`, checked against `rule`.
pub fn clean(text: &str, rule: TextRule) -> Result<String, TextProblem> {
    let text = nfc(text.trim()).replace("\r\n", "\n");
    if let Some((found, position)) = first_forbidden(&text, rule.multiline) {
        return Err(TextProblem::Forbidden { found, position });
    }
    if text.chars().count() > rule.max_chars {
        return Err(TextProblem::TooLong {
            max_chars: rule.max_chars,
        });
    }
    Ok(text)
}

/// Normalises user text to NFC, the form we store and compare.
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// Folds text for diacritic-insensitive search: lower case, combining marks removed, `đ` to `d`,
/// runs of whitespace collapsed. "Xã Hòa An" and "xa hoa  an" fold to the same key.
pub fn fold(text: &str) -> String {
    let stripped: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect();
    stripped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A name shortened to its initials, for readers who may not see personal data: "Nông Thị
/// Mai" gives "N. T. M.".
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().next())
        .map(|first| format!("{}.", first.to_uppercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A folder-name slug: folded, words joined by `-`, only ASCII letters and digits kept
/// ("Cao Bằng" gives `cao-bang`).
pub fn slug(text: &str) -> String {
    fold(text)
        .split(' ')
        .map(|word| {
            word.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        })
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Xã Hòa An"), "xa hoa an");
        assert_eq!(fold("  Phường   Đề Thám "), "phuong de tham");
        assert_eq!(fold("THỊ TRẤN NƯỚC HAI"), "thi tran nuoc hai");
    }

    #[test]
    fn initials_keep_one_letter_a_word() {
        assert_eq!(initials("Nông Thị Mai"), "N. T. M.");
        assert_eq!(initials("  đặng   văn  "), "Đ. V.");
        assert_eq!(initials(""), "");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Cao Bằng"), "cao-bang");
        assert_eq!(slug("Thừa Thiên - Huế"), "thua-thien-hue");
    }

    #[test]
    fn nfc_composes() {
        // "ệ" written as e + combining circumflex + combining dot below.
        assert_eq!(nfc("Vi\u{0065}\u{0302}\u{0323}t"), "Việt");
        assert_eq!(nfc("Nông Va\u{0306}n A"), "Nông Văn A");
    }

    #[test]
    fn control_and_bidi_characters_are_refused() {
        let name = TextRule::NAME;
        assert_eq!(clean("  Nông Văn A ", name), Ok("Nông Văn A".to_owned()));
        assert_eq!(
            clean("Nông\u{0}Văn", name),
            Err(TextProblem::Forbidden {
                found: '\u{0}',
                position: 5
            })
        );
        assert_eq!(
            clean("abc\u{202e}fed", name),
            Err(TextProblem::Forbidden {
                found: '\u{202e}',
                position: 4
            })
        );
        assert_eq!(
            clean("a\u{2066}b", name),
            Err(TextProblem::Forbidden {
                found: '\u{2066}',
                position: 2
            })
        );
        assert_eq!(
            clean("a\u{85}b", name),
            Err(TextProblem::Forbidden {
                found: '\u{85}',
                position: 2
            })
        );
        assert_eq!(
            clean("hai\ndòng", name),
            Err(TextProblem::Forbidden {
                found: '\n',
                position: 4
            })
        );
        assert_eq!(
            clean("hai\r\ndòng\tcột", TextRule::PARAGRAPH),
            Ok("hai\ndòng\tcột".to_owned())
        );
        assert_eq!(
            clean(&"a".repeat(201), name),
            Err(TextProblem::TooLong { max_chars: 200 })
        );
        // Counted in characters after NFC, not bytes: 200 "ệ" fit.
        assert!(clean(&"e\u{0302}\u{0323}".repeat(200), name).is_ok());
    }

    proptest! {
        #[test]
        fn cleaned_text_never_holds_a_forbidden_character(s in "\\PC{0,40}|[\\x00-\\x{9f}\\x{202a}-\\x{202e}]{0,10}") {
            if let Ok(cleaned) = clean(&s, TextRule::PARAGRAPH) {
                prop_assert!(cleaned.chars().all(|c| !is_forbidden(c, true)));
            }
        }

        #[test]
        fn fold_is_idempotent(s in "\\PC{0,40}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone());
        }
    }
}
