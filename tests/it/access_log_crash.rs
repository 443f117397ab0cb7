//! A server killed while officers read applicants' ID numbers loses no access-log entry: the
//! entry is appended to the request's own transaction, and the answer leaves only after it
//! commits. Every answer that reached a client with an ID number has its entry; at most one
//! entry per client was committed for an answer the kill cut off.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use ansinh_app::TenantScope;
use ansinh_app::identity::AccessLog;
use ansinh_core::TenantId;
use ansinh_store::SeaStore;
use ansinh_testkit::{TestServer, require_postgres};
use serde_json::{Value, json};

const CLIENTS: usize = 8;
const ID_NUMBER: &str = "004123456789";
const CREATE: &str = "mutation($u: ID!, $i: String) { createDossier(procedure: \"2.000286\",
    unitId: $u, applicantName: \"Nông Thị Mai\", applicantIdNumber: $i) { id } }";
const READ: &str = "query($id: ID!) { dossier(id: $id) { applicantIdNumber } }";

/// Reads the ID number until the server stops answering: how many answers carried it.
async fn read_until_gone(url: String, token: String, id: Value, shown: Arc<AtomicUsize>) {
    let client = ansinh_testkit::http_client();
    let body = json!({ "query": READ, "variables": { "id": id } });
    loop {
        let sent = client
            .post(&url)
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await;
        let Ok(response) = sent else { return };
        let Ok(answer) = response.json::<Value>().await else {
            return;
        };
        if answer["data"]["dossier"]["applicantIdNumber"] == json!(ID_NUMBER) {
            shown.fetch_add(1, Ordering::SeqCst);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "PostgreSQL only: run by scripts/test.sh with --include-ignored"]
async fn a_killed_server_loses_no_access_log_entry_of_an_answer_it_gave() {
    require_postgres();
    let server = TestServer::start().await;
    let token = server.token("04", "tiepnhan.01290").await;
    let (_, created) = server
        .graphql_with(
            Some(&token),
            CREATE,
            json!({"u": "01290@2025-07-01", "i": ID_NUMBER}),
        )
        .await;
    let id = created["data"]["createDossier"]["id"].clone();
    assert!(id.is_string(), "{created}");

    let mut replica = server.replica();
    let shown = Arc::new(AtomicUsize::new(0));
    let readers: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let url = format!("{}/graphql", replica.base_url);
            tokio::spawn(read_until_gone(
                url,
                token.clone(),
                id.clone(),
                shown.clone(),
            ))
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    replica.kill();
    for reader in readers {
        reader.await.unwrap_or_else(|e| panic!("{e}"));
    }

    let shown = shown.load(Ordering::SeqCst);
    assert!(shown > 0, "no answer arrived before the kill");
    let store = SeaStore::connect(&server.database.app_url, 1)
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let scope = TenantScope::new(TenantId::parse("04").unwrap_or_else(|e| panic!("{e}")));
    let logged = store
        .access_log(&scope, "dossier", id.as_str().unwrap_or_default())
        .await
        .unwrap_or_else(|e| panic!("{e:?}"))
        .len();
    assert!(
        shown <= logged && logged <= shown + CLIENTS,
        "{shown} answers showed the ID number, {logged} entries were logged"
    );
}
