//! What citizens reach without an account: `POST /public/result` answers the issued decision
//! of a dossier for its code and the lookup code printed on the reception receipt (a form
//! post, so no token or cookie is involved; tries are rate-limited in the use case).

use poem::web::{Data, Form};
use poem::{Request, Response, handler};
use serde::Deserialize;

use crate::files::{Served, respond, within_read};
use crate::gateway::{Gateway, client_address};

/// The form: `dossier` (the dossier's code) and `code` (the lookup code).
#[derive(Debug, Deserialize)]
pub(crate) struct ResultForm {
    dossier: String,
    code: String,
}

/// The issued decision, as a PDF attachment.
#[handler]
pub(crate) async fn result(
    req: &Request,
    Form(form): Form<ResultForm>,
    gateway: Data<&Gateway>,
) -> Response {
    let trace_id = uuid::Uuid::now_v7().simple().to_string();
    let address = client_address(req);
    let app = gateway.app.clone();
    let read = async move {
        let (record, bytes) = app
            .documents
            .public_result(&form.dossier, &form.code, &address)
            .await?;
        Ok(Served {
            media_type: "application/pdf",
            name: format!("ket-qua-{}.pdf", form.dossier.trim()),
            etag: Some(record.sha256),
            bytes,
        })
    };
    respond(within_read(&gateway.app, read).await, &trace_id)
}
