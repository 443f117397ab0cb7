//! Text rules for Vietnamese input: NFC normalisation and diacritic folding for search.

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

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

    proptest! {
        #[test]
        fn fold_is_idempotent(s in "\\PC{0,40}") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once.clone());
        }
    }
}
