//! Every code the API can answer in `extensions.code`, with what it means, in one list. Errors
//! are built from these values (no code is a string literal anywhere else), and the catalogue
//! `graphql-schema/error-codes.md` that a web console and integrators rely on is written from
//! this list; a test fails when the two disagree.

/// Defines the codes: variant, wire code, meaning in Vietnamese, meaning in English.
macro_rules! codes {
    ($( $variant:ident = $code:literal, $vi:literal, $en:literal; )*) => {
        /// A stable error code of the API.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ErrorCode {
            $( #[doc = $en] $variant, )*
        }

        impl ErrorCode {
            /// Every code, in the catalogue's order.
            pub const ALL: &'static [ErrorCode] = &[$( Self::$variant, )*];

            /// The code as clients see it, e.g. `NOT_FOUND`.
            pub const fn as_str(self) -> &'static str {
                match self { $( Self::$variant => $code, )* }
            }

            /// What it means, in Vietnamese.
            pub fn meaning_vi(self) -> &'static str {
                match self { $( Self::$variant => $vi, )* }
            }

            /// What it means, in English.
            pub fn meaning_en(self) -> &'static str {
                match self { $( Self::$variant => $en, )* }
            }
        }
    };
}

codes! {
    // Requests and the gateway.
    MethodNotAllowed = "METHOD_NOT_ALLOWED", "chỉ nhận POST", "only POST is accepted at /graphql";
    UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE", "Content-Type phải là application/json", "the body must be application/json";
    PayloadTooLarge = "PAYLOAD_TOO_LARGE", "yêu cầu quá lớn", "the body is larger than allowed";
    BadRequestBody = "BAD_REQUEST_BODY", "nội dung yêu cầu không đọc được", "the body is not a GraphQL request in JSON";
    BatchTooLarge = "BATCH_TOO_LARGE", "gộp quá nhiều thao tác", "too many operations in one batch";
    Timeout = "TIMEOUT", "yêu cầu chạy quá lâu", "the request ran longer than allowed";
    GraphqlParseFailed = "GRAPHQL_PARSE_FAILED", "truy vấn sai cú pháp", "the query does not parse";
    GraphqlValidationFailed = "GRAPHQL_VALIDATION_FAILED", "truy vấn không hợp với lược đồ", "the query does not match the schema";
    QueryTooDeep = "QUERY_TOO_DEEP", "truy vấn lồng quá sâu", "the query nests deeper than allowed";
    QueryTooComplex = "QUERY_TOO_COMPLEX", "truy vấn quá phức tạp", "the query is more complex than allowed";
    TooManyDirectives = "TOO_MANY_DIRECTIVES", "quá nhiều chỉ thị trên một trường", "too many directives on a field";
    IntrospectionDisabled = "INTROSPECTION_DISABLED", "tra cứu lược đồ đang tắt", "introspection is off on this server";
    BadUserInput = "BAD_USER_INPUT", "giá trị đầu vào sai kiểu", "an input value does not fit its type";
    InvalidInput = "INVALID_INPUT", "giá trị chứa ký tự không được phép", "an input holds a character never stored (control, bidirectional override)";
    PageSizeInvalid = "PAGE_SIZE_INVALID", "số bản ghi mỗi trang không hợp lệ", "the page size is out of range";
    InvalidCursor = "INVALID_CURSOR", "con trỏ trang không hợp lệ", "the page cursor is not one this API gave";
    ValueRefused = "VALUE_REFUSED", "dữ liệu có giá trị không hợp lệ nên không được lưu", "the database refused a value (a rule the application did not check first); nothing was stored";
    Internal = "INTERNAL", "lỗi hệ thống (kèm mã truy vết)", "a failure inside the system (with a trace id)";
    Unavailable = "UNAVAILABLE", "hệ thống tạm thời không phục vụ được", "a dependency (database, cache) is unreachable";
    // Identity and access.
    Unauthenticated = "UNAUTHENTICATED", "cần đăng nhập, hoặc phiên đã hết hạn", "no valid login: log in (again)";
    InvalidCredentials = "INVALID_CREDENTIALS", "tên đăng nhập hoặc mật khẩu không đúng", "wrong login name or password";
    AccountLocked = "ACCOUNT_LOCKED", "tài khoản đang bị khóa", "the account is locked (failed logins or an administrator)";
    RateLimited = "RATE_LIMITED", "quá nhiều lần thử; xem thời gian chờ", "too many attempts; see retryAfterSeconds";
    WeakPassword = "WEAK_PASSWORD", "mật khẩu chưa đủ mạnh", "the password does not meet the policy";
    PasswordReused = "PASSWORD_REUSED", "mật khẩu mới trùng mật khẩu cũ", "the new password is the old one";
    Forbidden = "FORBIDDEN", "vai trò không được làm việc này", "no role of the caller may do this";
    NotFound = "NOT_FOUND", "không tìm thấy (hoặc ngoài phạm vi)", "not found, or outside the caller's tenant or units";
    InvalidUsername = "INVALID_USERNAME", "tên đăng nhập không hợp lệ", "the login name has characters it may not have";
    UsernameTaken = "USERNAME_TAKEN", "tên đăng nhập đã có người dùng", "the login name is taken";
    InvalidName = "INVALID_NAME", "thiếu họ tên", "a name is required";
    InvalidPhone = "INVALID_PHONE", "số điện thoại không hợp lệ", "not a Vietnamese phone number";
    InvalidIdNumber = "INVALID_ID_NUMBER", "số định danh phải có 12 (hoặc 9) chữ số", "an ID number has 12 digits (9 for a legacy CMND)";
    NoRole = "NO_ROLE", "cần ít nhất một vai trò", "at least one role is needed";
    RoleNotGrantable = "ROLE_NOT_GRANTABLE", "vai trò không cấp được ở cấp này", "the role is not granted at this level";
    NoUnits = "NO_UNITS", "tỉnh chưa có đơn vị hành chính", "the province has no units yet";
    // Reference data and configuration.
    InvalidTenant = "INVALID_TENANT", "mã tỉnh không hợp lệ", "not a province code nor VN";
    InvalidUnitId = "INVALID_UNIT_ID", "mã đơn vị không hợp lệ", "not a unit id (<code>@<validFrom>)";
    InvalidValidity = "INVALID_VALIDITY", "khoảng hiệu lực không hợp lệ", "a validity interval ends before it starts";
    InvalidCoefficient = "INVALID_COEFFICIENT", "hệ số không hợp lệ", "a coefficient is a positive number with at most two decimals, at most 10";
    InvalidAmount = "INVALID_AMOUNT", "số tiền không hợp lệ", "an amount of money that must be positive is not";
    InvalidMonth = "INVALID_MONTH", "tháng không hợp lệ (ghi tháng/năm, ví dụ 09/2026)", "not a month: write MM/YYYY, e.g. 09/2026";
    ChangeNotAllowed = "CHANGE_NOT_ALLOWED", "biến động không phù hợp với lịch sử chế độ", "the change does not fit the entitlement's history at its month (says why)";
    NotAProvince = "NOT_A_PROVINCE", "cấp quốc gia không có cấu hình tỉnh", "the national tenant has no province configuration";
    ConfigInvalid = "CONFIG_INVALID", "cấu hình có lỗi", "the configuration has errors (see `ansinh config check`)";
    InvalidVersion = "INVALID_VERSION", "số phiên bản không hợp lệ", "configuration versions start at 1";
    InvalidCodePattern = "INVALID_CODE_PATTERN", "mẫu mã hồ sơ không hợp lệ", "the dossier code pattern is not valid";
    // Calendar.
    InvalidYear = "INVALID_YEAR", "năm ngoài khoảng 1900–2100", "a year outside 1900-2100";
    InvalidDuration = "INVALID_DURATION", "thời hạn không hợp lệ", "a duration is written 2d, 4h or 1d4h";
    OutsideCalendar = "OUTSIDE_CALENDAR", "ngày nằm ngoài lịch làm việc", "a date outside the working calendar";
    NoOffice = "NO_OFFICE", "chưa có bộ phận tiếp nhận phục vụ đơn vị", "no office serves the unit";
    // Dossiers: input.
    TextTooLong = "TEXT_TOO_LONG", "văn bản dài quá giới hạn", "a text is longer than its field allows";
    TooManyItems = "TOO_MANY_ITEMS", "quá nhiều mục", "too many items in a list";
    TooManyFields = "TOO_MANY_FIELDS", "quá nhiều trường thông tin", "too many application fields";
    InvalidFieldName = "INVALID_FIELD_NAME", "tên trường không hợp lệ", "a field name is snake_case ASCII";
    InvalidDate = "INVALID_DATE", "ngày không hợp lệ", "not a date (YYYY-MM-DD)";
    DateInFuture = "DATE_IN_FUTURE", "ngày sau hôm nay", "a date after today";
    InvalidDateRange = "INVALID_DATE_RANGE", "khoảng ngày không hợp lệ", "a range that ends before it starts";
    ProcedureNotEnabled = "PROCEDURE_NOT_ENABLED", "thủ tục chưa áp dụng tại tỉnh", "the procedure is not enabled in the province";
    UnitNotCurrent = "UNIT_NOT_CURRENT", "đơn vị không còn tồn tại", "the unit no longer exists";
    SourceNotEnded = "SOURCE_NOT_ENDED", "hồ sơ gốc chưa kết thúc", "a copy is made of an ended dossier only";
    DailySequenceExhausted = "DAILY_SEQUENCE_EXHAUSTED", "hết số hồ sơ trong ngày", "the agency's daily sequence is exhausted";
    // Dossiers: the workflow.
    Conflict = "CONFLICT", "người khác vừa thay đổi; hãy tải lại", "changed by someone else meanwhile: reload and retry";
    DossierClosed = "DOSSIER_CLOSED", "hồ sơ đã kết thúc", "the dossier has ended";
    ActionNotAllowed = "ACTION_NOT_ALLOWED", "thao tác không được phép lúc này", "the dossier's status or step does not allow the action";
    NotHolder = "NOT_HOLDER", "chỉ người đang giữ hồ sơ được thao tác", "only the holder (or a deputy) may act";
    NotCreator = "NOT_CREATOR", "chỉ người tạo được xóa hồ sơ", "only the creator deletes a draft";
    WrongRole = "WRONG_ROLE", "bước này do vị trí khác thực hiện", "another position handles this step";
    UnknownStep = "UNKNOWN_STEP", "quy trình không có bước này", "the workflow has no such step";
    EmptyWorkflow = "EMPTY_WORKFLOW", "quy trình chưa có bước nào", "the workflow has no steps";
    StepLevelMissing = "STEP_LEVEL_MISSING", "không có đơn vị ở cấp của bước", "no unit at the step's level above the dossier's";
    HandlerRequired = "HANDLER_REQUIRED", "cần chọn cán bộ thụ lý", "choose the handler (several are assigned)";
    HandlerNotAssigned = "HANDLER_NOT_ASSIGNED", "cán bộ được chọn không được phân công", "the chosen officer is not assigned to the step";
    NoHandler = "NO_HANDLER", "không có cán bộ thụ lý (nêu vị trí, đơn vị, lý do)", "nobody can take the step (names the position, the unit and why)";
    SameHandler = "SAME_HANDLER", "cán bộ mới trùng cán bộ cũ", "the new holder is the current one";
    SeparationOfDuties = "SEPARATION_OF_DUTIES", "người chuẩn bị không tự ký duyệt", "whoever prepared it may not sign it";
    ReasonRequired = "REASON_REQUIRED", "cần ghi lý do", "a reason is required";
    MissingListRequired = "MISSING_LIST_REQUIRED", "cần ghi đủ danh sách còn thiếu", "the list of what is missing is required";
    NothingChanged = "NOTHING_CHANGED", "không có gì thay đổi", "no field changed";
    AppointmentNotDue = "APPOINTMENT_NOT_DUE", "hồ sơ còn trong hạn trả, chưa hẹn lại được", "the appointment is more than a working day away: no apology letter yet";
    AppointmentNotLater = "APPOINTMENT_NOT_LATER", "ngày hẹn mới phải sau ngày hẹn cũ", "the new appointment must be a later day than the current one";
    NotAWorkingDay = "NOT_A_WORKING_DAY", "ngày hẹn mới là ngày nghỉ", "the new appointment falls on a day the office is closed";
    // Files: dossier components and documents.
    CsrfHeaderRequired = "CSRF_HEADER_REQUIRED", "tải tệp cần tiêu đề x-ansinh-csrf", "a multipart upload must carry the x-ansinh-csrf header (no cross-site form can)";
    EmptyFile = "EMPTY_FILE", "tệp rỗng", "the file has no bytes";
    FileTooLarge = "FILE_TOO_LARGE", "tệp vượt quá dung lượng cho phép", "the file is larger than the configured cap";
    TooManyFiles = "TOO_MANY_FILES", "quá nhiều tệp", "more files than the cap, in one request or for one component";
    FileTypeNotAllowed = "FILE_TYPE_NOT_ALLOWED", "chỉ nhận tệp PDF, JPEG, PNG", "the bytes are not a PDF, JPEG or PNG";
    FileTypeMismatch = "FILE_TYPE_MISMATCH", "loại tệp khai báo khác nội dung", "the declared type does not match the bytes";
    FileKindNotAccepted = "FILE_KIND_NOT_ACCEPTED", "thành phần không nhận loại tệp này", "the component does not accept this file type";
    UnknownComponent = "UNKNOWN_COMPONENT", "thủ tục không có thành phần này", "the procedure has no component with this code";
    PaperReasonRequired = "PAPER_REASON_REQUIRED", "cần ghi lý do chỉ có bản giấy", "a component kept on paper needs its reason";
    ReuseOtherPerson = "REUSE_OTHER_PERSON", "giấy tờ tái sử dụng phải của cùng người", "a reused document must belong to the same applicant (same ID number)";
    SignedComponentRequested = "SIGNED_COMPONENT_REQUESTED", "thành phần đã nộp bản điện tử có chữ ký số", "a component received digitally signed may not be asked again on paper";
    LinkExpired = "LINK_EXPIRED", "đường dẫn tải tệp đã hết hạn", "the download link expired or is not valid: ask for a new one";
    NoTemplate = "NO_TEMPLATE", "tỉnh chưa có mẫu quyết định cho thủ tục", "the province has no decision template for the procedure";
    TemplateInvalid = "TEMPLATE_INVALID", "mẫu văn bản có lỗi", "the province's template does not parse or render (line given)";
    StorageUnavailable = "STORAGE_UNAVAILABLE", "kho lưu trữ tệp tạm thời không truy cập được", "the object store is unreachable; nothing was saved";
    SignatureInvalid = "SIGNATURE_INVALID", "chữ ký số không hợp lệ", "the CMS does not parse, does not sign the prepared file's digest, or does not verify with its certificate";
    SignerUntrusted = "SIGNER_UNTRUSTED", "chứng thư số không được tin cậy", "the signer's certificate does not chain to a trusted authority or is outside its validity";
    SignerMismatch = "SIGNER_MISMATCH", "chứng thư số không phải của cán bộ đang ký", "the certificate names someone other than the signing officer";
    SigningRequestUnknown = "SIGNING_REQUEST_UNKNOWN", "yêu cầu ký không còn hiệu lực", "the prepared signing request is unknown, someone else's, used or expired: prepare again";
    SoftwareSigningDisabled = "SOFTWARE_SIGNING_DISABLED", "máy chủ không ký thay, cần ký bằng thiết bị ký số", "the server holds no keys here: sign with a token through prepareSignature";
    DecisionNotSigned = "DECISION_NOT_SIGNED", "quyết định chưa được lãnh đạo ký số", "the decision has no leader's signature to issue";
    FileNotSignable = "FILE_NOT_SIGNABLE", "tệp PDF quét không ký số được", "a scanned PDF that is encrypted, broken or has no page cannot take the reception officer's signature";
    DecisionNotIssued = "DECISION_NOT_ISSUED", "quyết định chưa được phát hành", "a re-issue needs an issued decision";
    ResultNotReady = "RESULT_NOT_READY", "hồ sơ chưa có kết quả điện tử", "the dossier has no issued electronic result yet";
    ResultNotElectronic = "RESULT_NOT_ELECTRONIC", "hồ sơ không có kết quả điện tử để trả qua mạng", "an electronic handover needs an issued, signed decision";
    MessageNotDead = "MESSAGE_NOT_DEAD", "thư không ở trạng thái ngừng gửi", "only a dead message can be put back in line";
    NoticeMandatory = "NOTICE_MANDATORY", "thông báo bắt buộc, không thể tắt", "late warnings always reach the officers concerned";
    NoticeNotForOfficers = "NOTICE_NOT_FOR_OFFICERS", "thông báo này không gửi cho cán bộ", "the kind of message goes to applicants, not to officers";
    InvalidEmail = "INVALID_EMAIL", "địa chỉ thư điện tử không hợp lệ", "an e-mail address is name@domain with a dot in the domain";
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The catalogue as committed in `graphql-schema/error-codes.md`.
pub fn catalogue_markdown() -> String {
    let mut text = String::from(
        "# Mã lỗi / Error codes\n\n\
         Every `extensions.code` the Ansinh API answers. Messages are Vietnamese and say what to \
         fix; `extensions.field` names the input at fault when one is, `extensions.detail` keeps \
         the GraphQL engine's own text, `extensions.retryAfterSeconds` comes with `RATE_LIMITED` \
         and `extensions.traceId` with `INTERNAL`. Written from `services/core/src/codes.rs` by \
         `ansinh export-error-codes`; a test fails when they disagree.\n\n\
         | code | ý nghĩa | meaning |\n| --- | --- | --- |\n",
    );
    for code in ErrorCode::ALL {
        text.push_str(&format!(
            "| `{}` | {} | {} |\n",
            code.as_str(),
            code.meaning_vi(),
            code.meaning_en()
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_upper_snake_case() {
        let mut seen = std::collections::BTreeSet::new();
        for code in ErrorCode::ALL {
            let text = code.as_str();
            assert!(seen.insert(text), "{text} twice");
            assert!(
                text.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'),
                "{text}"
            );
            assert!(!code.meaning_vi().is_empty() && !code.meaning_en().is_empty());
        }
    }
}
