//! Where a test server keeps files: a fresh local folder, or a fresh bucket on the S3-protocol
//! test server (`ANSINH_TEST_S3_URL`, started by `scripts/dev-services.sh`), or an S3 endpoint
//! that is down.

use std::path::PathBuf;

use ansinh_server::settings::{Secret, Settings};
use ansinh_server::storage::{Backend, S3Settings};
use futures_util::StreamExt as _;
use object_store::{ObjectStore as _, ObjectStoreExt as _};

/// The object store a test server runs on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TestStorage {
    /// A temporary folder.
    Local,
    /// A new bucket on an S3-protocol server at this endpoint.
    S3(String),
    /// An S3 endpoint where nothing listens.
    Down,
}

impl TestStorage {
    /// S3 when `ANSINH_TEST_S3_URL` is set, else a local folder.
    pub fn from_env() -> Self {
        match std::env::var("ANSINH_TEST_S3_URL") {
            Ok(url) if !url.is_empty() => Self::S3(url),
            _ => Self::Local,
        }
    }
}

/// What a server's storage holds on to (the folder is removed when dropped).
#[derive(Debug)]
pub struct Kept {
    /// The folder of a local store.
    pub folder: Option<tempfile::TempDir>,
    /// The endpoint and bucket of an S3 store.
    pub bucket: Option<(String, String)>,
}

impl Kept {
    /// Deletes an object behind the server's back (as an operator's mistake would).
    pub async fn delete_object(&self, key: &str) {
        if let Some(folder) = &self.folder {
            std::fs::remove_file(folder.path().join(key))
                .unwrap_or_else(|e| panic!("remove {key}: {e}"));
        }
        if let Some((endpoint, bucket)) = &self.bucket {
            let deleted = s3_client(endpoint, bucket).delete(&key.into()).await;
            deleted.unwrap_or_else(|e| panic!("delete {key}: {e}"));
        }
    }

    /// Every object's key, sorted.
    pub async fn object_keys(&self) -> Vec<String> {
        let mut keys = Vec::new();
        if let Some(folder) = &self.folder {
            let mut pending = vec![folder.path().to_path_buf()];
            while let Some(dir) = pending.pop() {
                for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                    let path = entry.path();
                    if path.is_dir() {
                        pending.push(path);
                    } else if let Ok(relative) = path.strip_prefix(folder.path()) {
                        keys.push(relative.to_string_lossy().into_owned());
                    }
                }
            }
        }
        if let Some((endpoint, bucket)) = &self.bucket {
            let listed: Vec<_> = s3_client(endpoint, bucket).list(None).collect().await;
            for meta in listed {
                let meta = meta.unwrap_or_else(|e| panic!("list {bucket}: {e}"));
                keys.push(meta.location.to_string());
            }
        }
        keys.sort();
        keys
    }
}

/// A client of the test bucket, signed as the server signs.
fn s3_client(endpoint: &str, bucket: &str) -> object_store::aws::AmazonS3 {
    crate::http_client();
    let settings = s3(endpoint, bucket);
    object_store::aws::AmazonS3Builder::new()
        .with_endpoint(endpoint)
        .with_bucket_name(bucket)
        .with_region(&settings.region)
        .with_access_key_id(&settings.access_key_id)
        .with_secret_access_key(settings.secret_access_key.expose())
        .with_allow_http(true)
        .build()
        .unwrap_or_else(|e| panic!("S3 client: {e}"))
}

fn s3(endpoint: &str, bucket: &str) -> S3Settings {
    S3Settings {
        endpoint: endpoint.to_owned(),
        bucket: bucket.to_owned(),
        region: "us-east-1".to_owned(),
        access_key_id: "ansinh-test".to_owned(),
        secret_access_key: Secret::new("ansinh-test-secret"),
    }
}

/// Points `settings` at the storage, creating the folder or bucket.
pub(crate) async fn prepare(storage: &TestStorage, settings: &mut Settings) -> Kept {
    match storage {
        TestStorage::Local => {
            let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
            settings.storage.backend = Backend::Local;
            settings.storage.local_dir = PathBuf::from(folder.path());
            Kept {
                folder: Some(folder),
                bucket: None,
            }
        }
        TestStorage::S3(endpoint) => {
            let bucket = format!("ansinh-t-{}", uuid::Uuid::new_v4().simple());
            // The test server (moto) takes unsigned bucket creation.
            let created = crate::http_client()
                .put(format!("{}/{bucket}", endpoint.trim_end_matches('/')))
                .send()
                .await
                .unwrap_or_else(|e| panic!("create bucket at {endpoint}: {e}"));
            assert!(
                created.status().is_success(),
                "create bucket: {}",
                created.status()
            );
            settings.storage.backend = Backend::S3;
            settings.storage.s3 = Some(s3(endpoint, &bucket));
            Kept {
                folder: None,
                bucket: Some((endpoint.clone(), bucket)),
            }
        }
        TestStorage::Down => {
            settings.storage.backend = Backend::S3;
            settings.storage.s3 = Some(s3("http://127.0.0.1:9", "ansinh-down"));
            Kept {
                folder: None,
                bucket: None,
            }
        }
    }
}
