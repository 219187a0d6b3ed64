//! The shipped reference dataset, embedded in the binary from `data/` at build time so that the
//! platform starts anywhere with its facts; `--data DIR` reads a working copy instead.

use std::collections::BTreeMap;

use pathways_domain::dataset::Dataset;
use pathways_storage::NewRecord;
use sha2::{Digest, Sha256};

use crate::map::records::audit_for;
use crate::{App, OpenReport, Result};

/// The actor recorded in the audit log for records that come from the shipped dataset.
pub const LOADER: &str = "reference-dataset";

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../../../data/", $name)))),*]
    };
}

/// The embedded files, by name relative to `data/`.
pub const EMBEDDED: &[(&str, &str)] = pathways_domain::with_data_files!(embed);

pub fn embedded_files() -> BTreeMap<String, String> {
    EMBEDDED.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// A digest of the dataset's files, to recognise a version already loaded.
pub fn hash(files: &BTreeMap<String, String>) -> String {
    let mut h = Sha256::new();
    for (name, text) in files {
        h.update(name.as_bytes());
        h.update([0]);
        h.update(text.as_bytes());
        h.update([0]);
    }
    hex::encode(h.finalize())
}

/// Loads the dataset into the store, idempotently: a version already loaded is skipped; a record
/// is inserted if its id was never seen (a record a user deleted stays deleted); a record that no
/// user has touched is refreshed to the shipped version; a record users have edited is kept as
/// edited and reported.
pub(crate) async fn load(app: &App, files: &BTreeMap<String, String>, data: &Dataset) -> Result<OpenReport> {
    let digest = hash(files);
    let mut report = OpenReport::default();
    let mut tx = app.store.write().await?;
    if tx.dataset_loaded(&digest).await? {
        return Ok(report);
    }
    let loader = crate::auth::system(LOADER);
    for e in &data.entries {
        let kind = e.record.kind();
        let body = e.record.to_json();
        let key = e.record.natural_key();
        match tx.record(&e.id).await? {
            None => {
                tx.insert_record(&NewRecord {
                    id: &e.id,
                    kind: kind.as_str(),
                    owner: e.record.owner(),
                    natural_key: key.as_deref(),
                    body: &body,
                    origin: "reference",
                })
                .await?;
                if let Some(stored) = tx.record(&e.id).await? {
                    let mut a = audit_for(&loader, "create", &stored);
                    a.after = Some(body);
                    a.note = Some(format!("{}:{}", e.file, e.line));
                    tx.append_audit(&a).await?;
                }
                report.reference_inserted += 1;
            }
            Some(stored) if stored.body != body && stored.deleted_at.is_none() => {
                let history = tx
                    .audit(&pathways_storage::AuditQuery {
                        entity_id: Some(e.id.clone()),
                        limit: 1000,
                        ..Default::default()
                    })
                    .await?;
                if history.iter().all(|h| h.entry.actor_email == LOADER) {
                    if tx
                        .update_record(&e.id, stored.version, e.record.owner(), key.as_deref(), &body)
                        .await?
                        .is_some()
                    {
                        let mut a = audit_for(&loader, "update", &stored);
                        a.version = Some(stored.version + 1);
                        a.before = Some(stored.body.clone());
                        a.after = Some(body);
                        a.note = Some(format!("{}:{}", e.file, e.line));
                        tx.append_audit(&a).await?;
                        report.reference_updated += 1;
                    }
                } else {
                    report.reference_kept.push(e.id.clone());
                }
            }
            Some(_) => {}
        }
    }
    tx.mark_dataset_loaded(&digest, report.reference_inserted as i64)
        .await?;
    tx.commit().await?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pathways_domain::dataset;

    #[test]
    fn shipped_dataset_is_valid() {
        if let Err(problems) = dataset::parse(&embedded_files()) {
            let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            panic!("{} problems:\n{}", text.len(), text.join("\n"));
        }
    }
}
