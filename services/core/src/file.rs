//! Files handed in as dossier components (thành phần hồ sơ): which kinds are accepted, how a
//! file's kind is read from its bytes rather than believed from its name, where each
//! component's copy came from (Decision 1333/QĐ-BHXH, Decree 107/2021), and the rule that a
//! component received electronically signed is never asked for again on paper (Decision
//! 15/2020 Art. 19(2), Decree 45/2020).

use serde::{Deserialize, Serialize};

use crate::{DomainError, ErrorCode};

/// A file type a component may be handed in as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    /// PDF.
    Pdf,
    /// JPEG image.
    Jpeg,
    /// PNG image.
    Png,
}

impl FileKind {
    /// Every kind, in display order.
    pub const ALL: [FileKind; 3] = [FileKind::Pdf, FileKind::Jpeg, FileKind::Png];

    /// The kind the bytes are, by their signature; `None` for anything else (a ZIP renamed
    /// `.pdf`, an executable, an empty file).
    pub fn of_content(bytes: &[u8]) -> Option<Self> {
        if infer::archive::is_pdf(bytes) {
            Some(Self::Pdf)
        } else if infer::image::is_jpeg(bytes) {
            Some(Self::Jpeg)
        } else if infer::image::is_png(bytes) {
            Some(Self::Png)
        } else {
            None
        }
    }

    /// The media type, e.g. `application/pdf`.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
        }
    }

    /// The kind a declared media type names (`image/jpg` too, as some scanners write it).
    pub fn from_media_type(media_type: &str) -> Option<Self> {
        let essence = media_type.split(';').next().unwrap_or_default().trim();
        match essence.to_ascii_lowercase().as_str() {
            "application/pdf" => Some(Self::Pdf),
            "image/jpeg" | "image/jpg" | "image/pjpeg" => Some(Self::Jpeg),
            "image/png" => Some(Self::Png),
            _ => None,
        }
    }

    /// The name officers know it by.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pdf => "PDF",
            Self::Jpeg => "JPEG",
            Self::Png => "PNG",
        }
    }
}

/// The kinds written out for a message, e.g. "PDF, JPEG".
fn labels(kinds: &[FileKind]) -> String {
    kinds
        .iter()
        .map(|k| k.label())
        .collect::<Vec<_>>()
        .join(", ")
}

fn refusal(code: ErrorCode, message: String) -> DomainError {
    DomainError::File { code, message }
}

/// The kind of a file handed in for a component that accepts `accepts`: its bytes must be one
/// of the three kinds, the type its sender declared must say the same, and the component must
/// accept it. `max_bytes` caps its size.
pub fn check_upload(
    bytes: &[u8],
    declared: Option<&str>,
    accepts: &[FileKind],
    max_bytes: u64,
) -> Result<FileKind, DomainError> {
    let size = bytes.len() as u64;
    if size == 0 {
        return Err(refusal(
            ErrorCode::EmptyFile,
            "tệp rỗng (0 byte); hãy chọn lại tệp đã quét".to_owned(),
        ));
    }
    if size > max_bytes {
        return Err(refusal(
            ErrorCode::FileTooLarge,
            format!(
                "tệp {} vượt quá giới hạn {}; hãy quét lại với độ phân giải thấp hơn hoặc tách tệp",
                megabytes(size),
                megabytes(max_bytes)
            ),
        ));
    }
    let kind = FileKind::of_content(bytes).ok_or_else(|| {
        refusal(
            ErrorCode::FileTypeNotAllowed,
            "nội dung tệp không phải PDF, JPEG hay PNG; chỉ nhận ba loại tệp này".to_owned(),
        )
    })?;
    if let Some(declared) = declared
        && FileKind::from_media_type(declared) != Some(kind)
    {
        return Err(refusal(
            ErrorCode::FileTypeMismatch,
            format!(
                "tệp khai là {declared} nhưng nội dung là {}; hãy kiểm tra lại tệp",
                kind.label()
            ),
        ));
    }
    if !accepts.contains(&kind) {
        return Err(refusal(
            ErrorCode::FileKindNotAccepted,
            format!(
                "thành phần này nhận tệp {}, không nhận {}",
                labels(accepts),
                kind.label()
            ),
        ));
    }
    Ok(kind)
}

/// A size in megabytes as officers read it, e.g. "20 MB", "20,5 MB".
fn megabytes(bytes: u64) -> String {
    let tenths = (bytes * 10).div_ceil(1024 * 1024);
    if tenths.is_multiple_of(10) {
        format!("{} MB", tenths / 10)
    } else {
        format!("{},{} MB", tenths / 10, tenths % 10)
    }
}

/// Where a component's copy came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provenance {
    /// Scanned from paper at reception (số hóa).
    Scanned,
    /// Received as a file from the citizen; `signed` when it carried the citizen's (or an
    /// issuing body's) digital signature.
    Electronic {
        /// Arrived digitally signed.
        signed: bool,
    },
    /// Reused from a document already held for the same person (kho dữ liệu), by its id.
    Reused {
        /// The attachment reused.
        source: String,
    },
    /// Kept on paper only, with the reason it was not digitised.
    Paper {
        /// Why (e.g. "bản gốc khổ A3, không quét được").
        reason: String,
    },
}

impl Provenance {
    /// The stored name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Scanned => "scanned",
            Self::Electronic { signed: false } => "electronic",
            Self::Electronic { signed: true } => "electronic_signed",
            Self::Reused { .. } => "reused",
            Self::Paper { .. } => "paper",
        }
    }

    /// Whether the copy arrived digitally signed, so that paper may never be asked for.
    pub fn arrived_signed(&self) -> bool {
        matches!(self, Self::Electronic { signed: true })
    }
}

/// The longest reason for keeping a component on paper.
pub const PAPER_REASON_MAX: usize = 500;

/// A component kept on paper needs its reason.
pub fn check_paper_reason(reason: &str) -> Result<String, DomainError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(refusal(
            ErrorCode::PaperReasonRequired,
            "hãy ghi lý do thành phần này chỉ có bản giấy (ví dụ: bản gốc khổ lớn không quét được)"
                .to_owned(),
        ));
    }
    if reason.chars().count() > PAPER_REASON_MAX {
        return Err(refusal(
            ErrorCode::TextTooLong,
            format!("lý do dài quá {PAPER_REASON_MAX} ký tự"),
        ));
    }
    Ok(reason.to_owned())
}

/// A component of a dossier as a supplement request may name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldComponent<'a> {
    /// Its code in the procedure.
    pub code: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Whether a copy of it arrived digitally signed.
    pub arrived_signed: bool,
}

/// Refuses a supplement request naming (by code or by name, case and spacing aside) a
/// component whose copy arrived digitally signed: it may never be asked again on paper.
pub fn check_supplement(missing: &[String], held: &[HeldComponent<'_>]) -> Result<(), DomainError> {
    let simplified = |text: &str| {
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    for item in missing {
        let item = simplified(item);
        if let Some(component) = held.iter().find(|c| {
            c.arrived_signed && (simplified(c.code) == item || simplified(c.name) == item)
        }) {
            return Err(refusal(
                ErrorCode::SignedComponentRequested,
                format!(
                    "thành phần \"{}\" đã nhận bản điện tử có chữ ký số; không được yêu cầu công dân nộp lại (Quyết định 15/2020/QĐ-TTg, Điều 19)",
                    component.name
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n";
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    const JPEG: &[u8] = b"\xff\xd8\xff\xe0\0\x10JFIF\0";
    const ZIP: &[u8] = b"PK\x03\x04\x14\0\0\0\x08\0";

    fn code(result: Result<FileKind, DomainError>) -> Result<FileKind, &'static str> {
        result.map_err(|e| e.code())
    }

    #[test]
    fn the_kind_is_read_from_the_bytes() {
        assert_eq!(FileKind::of_content(PDF), Some(FileKind::Pdf));
        assert_eq!(FileKind::of_content(PNG), Some(FileKind::Png));
        assert_eq!(FileKind::of_content(JPEG), Some(FileKind::Jpeg));
        assert_eq!(FileKind::of_content(ZIP), None);
        assert_eq!(FileKind::of_content(b""), None);
    }

    #[test]
    fn uploads_are_checked_by_content_declaration_acceptance_and_size() {
        let all = FileKind::ALL;
        assert_eq!(
            code(check_upload(PDF, Some("application/pdf"), &all, 100)),
            Ok(FileKind::Pdf)
        );
        assert_eq!(
            code(check_upload(JPEG, Some("image/jpg"), &all, 100)),
            Ok(FileKind::Jpeg)
        );
        assert_eq!(code(check_upload(PDF, None, &all, 100)), Ok(FileKind::Pdf));
        assert_eq!(
            code(check_upload(ZIP, Some("application/pdf"), &all, 100)),
            Err("FILE_TYPE_NOT_ALLOWED")
        );
        assert_eq!(
            code(check_upload(PNG, Some("application/pdf"), &all, 100)),
            Err("FILE_TYPE_MISMATCH")
        );
        assert_eq!(
            code(check_upload(PNG, Some("image/png"), &[FileKind::Pdf], 100)),
            Err("FILE_KIND_NOT_ACCEPTED")
        );
        assert_eq!(
            code(check_upload(PDF, None, &all, 10)),
            Err("FILE_TOO_LARGE")
        );
        assert_eq!(code(check_upload(b"", None, &all, 10)), Err("EMPTY_FILE"));
    }

    #[test]
    fn sizes_read_in_megabytes() {
        assert_eq!(megabytes(20 * 1024 * 1024), "20 MB");
        assert_eq!(megabytes(21 * 1024 * 1024 + 1), "21,1 MB");
    }

    #[test]
    fn a_signed_component_is_never_asked_again_on_paper() {
        let held = [
            HeldComponent {
                code: "giay-bao-tu",
                name: "Giấy báo tử",
                arrived_signed: true,
            },
            HeldComponent {
                code: "to-khai",
                name: "Tờ khai",
                arrived_signed: false,
            },
        ];
        let ask = |items: &[&str]| {
            let items: Vec<String> = items.iter().map(|s| (*s).to_owned()).collect();
            check_supplement(&items, &held).map_err(|e| e.code())
        };
        assert_eq!(ask(&["Tờ khai", "Ảnh chân dung"]), Ok(()));
        assert_eq!(ask(&["giay-bao-tu"]), Err("SIGNED_COMPONENT_REQUESTED"));
        assert_eq!(ask(&["  giấy  báo TỬ "]), Err("SIGNED_COMPONENT_REQUESTED"));
    }

    #[test]
    fn paper_needs_a_reason() {
        assert_eq!(
            check_paper_reason("  ").map_err(|e| e.code()),
            Err("PAPER_REASON_REQUIRED")
        );
        assert_eq!(
            check_paper_reason(" khổ A3 ").ok().as_deref(),
            Some("khổ A3")
        );
    }
}
