//! Message templates: Markdown with the same merge fields as the documents, the first line
//! `# …` the subject. The body goes out as the merged Markdown (readable as plain text) and as
//! HTML rendered from it; HTML written in a template or carried in a value is shown as text,
//! never passed through.

use std::collections::BTreeMap;

use pulldown_cmark::{Event, Options, Parser, html};

use crate::DocumentError;
use crate::merge::merge;

/// A message filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The subject line.
    pub subject: String,
    /// The body as plain text.
    pub text: String,
    /// The body as HTML.
    pub html: String,
}

/// Fills a message template with `fields` (a field without a value is drawn as a blank).
pub fn compose(
    template: &str,
    fields: &BTreeMap<String, String>,
) -> Result<Message, DocumentError> {
    // The subject is split off the template before merging, so a value carrying a line break
    // can neither end the subject early nor smuggle a header in.
    let template = template.trim_start();
    let (first, body) = template.split_once('\n').unwrap_or((template, ""));
    let Some(subject) = first.trim_end().strip_prefix("# ") else {
        return Err(DocumentError::Template(
            "dòng đầu của mẫu thư phải là tiêu đề «# …»".to_owned(),
        ));
    };
    let subject: String = merge(subject, fields)?
        .markdown
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let body = merge(body, fields)?.markdown;
    let body = body.trim();
    let events = Parser::new_ext(body, Options::empty()).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut rendered = String::new();
    html::push_html(&mut rendered, events);
    Ok(Message {
        subject: subject.trim().to_owned(),
        text: format!("{body}\n"),
        html: format!(
            "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"></head><body>{rendered}</body></html>"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subject_text_and_html_with_values_escaped() {
        let template = "# [{{ ma }}] Hồ sơ chuyển đến\n\nKính gửi đồng chí **{{ ten }}**,\n\n<b>x</b> {{ ghi_chu }}\n";
        let fields = BTreeMap::from([
            ("ma".to_owned(), "H04-0001".to_owned()),
            ("ten".to_owned(), "Nông Văn An".to_owned()),
            ("ghi_chu".to_owned(), "<script>alert(1)</script>".to_owned()),
        ]);
        let message = compose(template, &fields).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(message.subject, "[H04-0001] Hồ sơ chuyển đến");
        assert_eq!(
            message.text,
            "Kính gửi đồng chí **Nông Văn An**,\n\n<b>x</b> <script>alert(1)</script>\n"
        );
        assert!(
            message
                .html
                .contains("<p>Kính gửi đồng chí <strong>Nông Văn An</strong>,</p>")
        );
        assert!(
            message
                .html
                .contains("&lt;b&gt;x&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;")
        );
        assert!(!message.html.contains("<script>"));
    }

    #[test]
    fn a_template_needs_its_subject_line_and_a_subject_stays_one_line() {
        assert!(compose("Kính gửi", &BTreeMap::new()).is_err());
        let fields = BTreeMap::from([("x".to_owned(), "a\r\nBcc: evil@example.com".to_owned())]);
        let message =
            compose("# Hồ sơ {{ x }}\n\nNội dung", &fields).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(message.subject, "Hồ sơ a  Bcc: evil@example.com");
    }
}
