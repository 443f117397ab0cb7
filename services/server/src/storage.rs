//! Where files are kept: a local folder (the embedded default) or an S3-compatible server,
//! with the caps on what is handed in and how long a download link lives.

use std::path::PathBuf;
use std::sync::Arc;

use ansinh_app::dossier::FileLimits;
use ansinh_app::ports::BlobStore;
use ansinh_infra::{ObjectBlobs, S3Target};
use serde::Deserialize;

use crate::settings::{Secret, SettingsError};

/// Which object store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    /// Files under `local_dir`.
    Local,
    /// An S3-compatible server (`[storage.s3]`).
    S3,
}

/// `[storage.s3]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct S3Settings {
    /// Endpoint URL, e.g. `https://s3.example.vn` (path-style requests).
    pub endpoint: String,
    /// Private bucket.
    pub bucket: String,
    /// Region the server signs with.
    #[serde(default = "default_region")]
    pub region: String,
    /// Access key id.
    pub access_key_id: String,
    /// Secret access key.
    pub secret_access_key: Secret,
}

fn default_region() -> String {
    "us-east-1".to_owned()
}

/// `[storage]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StorageSettings {
    /// `local` or `s3`.
    pub backend: Backend,
    /// Folder of the local store.
    pub local_dir: PathBuf,
    /// The S3 server when `backend = "s3"`.
    pub s3: Option<S3Settings>,
    /// Largest file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Most files per request and per component of a dossier.
    pub max_files: usize,
    /// How long a download link works, in seconds.
    pub link_ttl_secs: u64,
}

impl StorageSettings {
    /// Refuses settings that cannot work.
    pub fn validate(&self) -> Result<(), SettingsError> {
        if !(1024..=512 << 20).contains(&self.max_file_bytes) {
            return Err(SettingsError(format!(
                "storage.max_file_bytes = {} phải nằm trong khoảng / must be within 1024..=536870912",
                self.max_file_bytes
            )));
        }
        if !(1..=100).contains(&self.max_files) || !(10..=3600).contains(&self.link_ttl_secs) {
            return Err(SettingsError(
                "storage.max_files phải trong 1..=100 và storage.link_ttl_secs trong 10..=3600 / \
                 max_files must be within 1..=100 and link_ttl_secs within 10..=3600"
                    .to_owned(),
            ));
        }
        if self.backend == Backend::S3 && self.s3.is_none() {
            return Err(SettingsError(
                "storage.backend = \"s3\" cần mục [storage.s3] (endpoint, bucket, access_key_id, \
                 secret_access_key) / needs [storage.s3]"
                    .to_owned(),
            ));
        }
        Ok(())
    }

    /// The caps for the app.
    pub fn limits(&self) -> FileLimits {
        FileLimits {
            max_file_bytes: self.max_file_bytes,
            max_files: self.max_files,
        }
    }

    /// The object store to use.
    pub fn blobs(&self) -> anyhow::Result<Arc<dyn BlobStore>> {
        let blobs = match (&self.backend, &self.s3) {
            (Backend::S3, Some(s3)) => ObjectBlobs::s3(&S3Target {
                endpoint: s3.endpoint.clone(),
                bucket: s3.bucket.clone(),
                region: s3.region.clone(),
                access_key_id: s3.access_key_id.clone(),
                secret_access_key: s3.secret_access_key.expose().to_owned(),
            }),
            _ => ObjectBlobs::local(&self.local_dir),
        };
        Ok(Arc::new(
            blobs.map_err(|e| anyhow::anyhow!("storage: {e}"))?,
        ))
    }
}
