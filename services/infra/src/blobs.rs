//! Object storage behind the app's `BlobStore` port, through Apache Arrow's `object_store`:
//! any S3-compatible server (AWS, MinIO, Ceph, Viettel/VNPT clouds) in production, a local
//! folder in the embedded default, memory in tests. Buckets stay private; bytes leave only
//! through the gateway after an authorization check.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use ansinh_app::AppError;
use ansinh_app::ports::BlobStore;
use async_trait::async_trait;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::memory::InMemory;
use object_store::path::Path as ObjectPath;
use object_store::{
    Attribute, Attributes, BackoffConfig, ClientOptions, ObjectStore, ObjectStoreExt, PutOptions,
    PutPayload, RetryConfig,
};

/// Makes ring the process's TLS crypto provider (once; later calls do nothing). reqwest's
/// rustls comes without one, to keep aws-lc-rs's C build out of the tree: every process that
/// builds an HTTP client calls this first.
pub fn install_tls_provider() {
    // An `Err` means a provider is installed already, which is all that is needed.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// Where an S3-compatible store is and how to sign in to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Target {
    /// Endpoint URL, e.g. `https://s3.ap-southeast-1.amazonaws.com` or `http://127.0.0.1:9000`.
    pub endpoint: String,
    /// Bucket (private).
    pub bucket: String,
    /// Region name the server signs with.
    pub region: String,
    /// Access key id.
    pub access_key_id: String,
    /// Secret access key.
    pub secret_access_key: String,
}

/// An object store as the app's blob port.
#[derive(Clone)]
pub struct ObjectBlobs {
    store: Arc<dyn ObjectStore>,
    what: &'static str,
    /// Whether objects carry their media type (S3 does; a folder cannot).
    typed: bool,
}

impl std::fmt::Debug for ObjectBlobs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ObjectBlobs")
            .field("store", &self.what)
            .finish()
    }
}

impl ObjectBlobs {
    /// Files under a local folder (created if missing).
    pub fn local(folder: &Path) -> Result<Self, String> {
        std::fs::create_dir_all(folder)
            .map_err(|e| format!("creating {}: {e}", folder.display()))?;
        let store = LocalFileSystem::new_with_prefix(folder)
            .map_err(|e| format!("{}: {e}", folder.display()))?;
        Ok(Self {
            store: Arc::new(store),
            what: "local folder",
            typed: false,
        })
    }

    /// Objects in memory (tests).
    pub fn in_memory() -> Self {
        Self {
            store: Arc::new(InMemory::new()),
            what: "memory",
            typed: true,
        }
    }

    /// An S3-compatible server, path-style, with short timeouts and two retries so that a
    /// server that is down answers `STORAGE_UNAVAILABLE` within seconds, not minutes.
    pub fn s3(target: &S3Target) -> Result<Self, String> {
        install_tls_provider();
        let options = ClientOptions::new()
            .with_allow_http(target.endpoint.starts_with("http://"))
            .with_connect_timeout(Duration::from_secs(3))
            .with_timeout(Duration::from_secs(60));
        let retry = RetryConfig {
            backoff: BackoffConfig {
                init_backoff: Duration::from_millis(100),
                max_backoff: Duration::from_secs(1),
                base: 2.0,
            },
            max_retries: 2,
            retry_timeout: Duration::from_secs(10),
        };
        let store = AmazonS3Builder::new()
            .with_endpoint(&target.endpoint)
            .with_bucket_name(&target.bucket)
            .with_region(&target.region)
            .with_access_key_id(&target.access_key_id)
            .with_secret_access_key(&target.secret_access_key)
            .with_virtual_hosted_style_request(false)
            .with_client_options(options)
            .with_retry(retry)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Self {
            store: Arc::new(store),
            what: "S3",
            typed: true,
        })
    }
}

fn unavailable(error: &object_store::Error) -> AppError {
    tracing::warn!(%error, "the object store failed");
    AppError::StorageUnavailable(error.to_string())
}

#[async_trait]
impl BlobStore for ObjectBlobs {
    async fn put(&self, key: &str, bytes: Vec<u8>, media_type: &str) -> Result<(), AppError> {
        let mut attributes = Attributes::new();
        if self.typed {
            attributes.insert(Attribute::ContentType, media_type.to_owned().into());
        }
        let options = PutOptions {
            attributes,
            ..PutOptions::default()
        };
        self.store
            .put_opts(&ObjectPath::from(key), PutPayload::from(bytes), options)
            .await
            .map_err(|e| unavailable(&e))?;
        Ok(())
    }

    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, AppError> {
        let found = match self.store.get(&ObjectPath::from(key)).await {
            Ok(found) => found,
            Err(object_store::Error::NotFound { .. }) => return Ok(None),
            Err(error) => return Err(unavailable(&error)),
        };
        let bytes = found.bytes().await.map_err(|e| unavailable(&e))?;
        Ok(Some(bytes.to_vec()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn round_trip(blobs: &ObjectBlobs) {
        let key = "tenants/04/files/0123456789abcdef0123456789abcdef";
        let put = blobs
            .put(key, b"%PDF-1.7".to_vec(), "application/pdf")
            .await;
        assert!(put.is_ok(), "{put:?}");
        let read = blobs.get(key).await.ok().flatten();
        assert_eq!(read.as_deref(), Some(&b"%PDF-1.7"[..]));
        let missing = blobs.get("tenants/04/files/missing").await;
        assert!(matches!(missing, Ok(None)), "{missing:?}");
    }

    #[tokio::test]
    async fn memory_and_a_local_folder_keep_and_give_back_objects() {
        round_trip(&ObjectBlobs::in_memory()).await;
        let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let local = ObjectBlobs::local(folder.path()).unwrap_or_else(|e| panic!("{e}"));
        round_trip(&local).await;
        assert!(folder.path().join("tenants/04/files").is_dir());
    }

    #[tokio::test]
    async fn a_server_that_is_down_answers_storage_unavailable() {
        let target = S3Target {
            endpoint: "http://127.0.0.1:9".to_owned(),
            bucket: "ansinh".to_owned(),
            region: "us-east-1".to_owned(),
            access_key_id: "test".to_owned(),
            secret_access_key: "test".to_owned(),
        };
        let blobs = ObjectBlobs::s3(&target).unwrap_or_else(|e| panic!("{e}"));
        let put = blobs.put("k", b"x".to_vec(), "application/pdf").await;
        assert_eq!(put.map_err(|e| e.code()), Err("STORAGE_UNAVAILABLE"));
        let get = blobs.get("k").await;
        assert_eq!(get.map_err(|e| e.code()), Err("STORAGE_UNAVAILABLE"));
    }
}
