//! Questionnaire versions: an XLSForm file imported once (the same file twice is stored once),
//! checked by the form reader with every problem named, and parsed once per process into the
//! form and its engine that rounds run.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use pathways_domain::wording::say;
use pathways_domain::{Action, Principal, Problem};
use pathways_storage::StoredQuestionnaire;
use pathways_xlsform::engine::Engine;
use pathways_xlsform::{Form, FormError};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::denied;
use crate::map::records::{audit, not_found};
use crate::{App, AppError, Result};

/// A questionnaire ready to run.
#[derive(Debug)]
pub struct LoadedForm {
    pub form: Form,
    pub engine: Engine,
    /// What deserves a second look in the form (older spellings, missing labels…), as text.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct FormCache(Arc<Mutex<HashMap<String, Arc<LoadedForm>>>>);

fn form_problems(file: &str, e: FormError) -> AppError {
    match e {
        FormError::TooLarge(e) => AppError::Invalid(vec![Problem {
            file: file.to_string(),
            line: None,
            field: None,
            message: e.to_string(),
        }]),
        FormError::Unreadable(m) => AppError::Invalid(vec![Problem {
            file: file.to_string(),
            line: None,
            field: None,
            message: m,
        }]),
        FormError::Invalid(problems) => AppError::Invalid(
            problems
                .into_iter()
                .map(|p| Problem {
                    file: format!("{file} [{}]", p.sheet),
                    line: p.row.map(u64::from),
                    field: p.column.map(|(name, letter)| format!("{letter} {name}")),
                    message: p.message,
                })
                .collect(),
        ),
    }
}

/// Whether `p` may add questionnaires: asked before an uploaded form is read.
pub fn may_add_questionnaire(p: &Principal) -> Result<()> {
    if p.may(Action::ManageRounds, None) {
        Ok(())
    } else {
        Err(denied("refuse-add-questionnaires", None, p))
    }
}

impl App {
    /// Adds a questionnaire version from an XLSForm file. The same file again returns the version
    /// already stored; a different file with the same form id and version is refused.
    pub async fn import_questionnaire(
        &self,
        p: &Principal,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<StoredQuestionnaire> {
        may_add_questionnaire(p)?;
        let form = pathways_xlsform::read(bytes).map_err(|e| form_problems(file_name, e))?;
        let sha256 = hex::encode(Sha256::digest(bytes));
        let mut tx = self.store.write().await?;
        if let Some(existing) = tx.questionnaire_by_sha(&sha256).await? {
            return Ok(existing);
        }
        let stem = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
        let stem = stem.split('.').next().unwrap_or(stem);
        let q = StoredQuestionnaire {
            id: uuid::Uuid::now_v7().to_string(),
            form_id: if form.id().is_empty() {
                stem.to_string()
            } else {
                form.id().to_string()
            },
            // A form without a version is told apart by its content.
            version: if form.version().is_empty() {
                sha256[..12].to_string()
            } else {
                form.version().to_string()
            },
            title: if form.title().is_empty() {
                stem.to_string()
            } else {
                form.title().to_string()
            },
            file_name: file_name.to_string(),
            xlsx: bytes.to_vec(),
            sha256,
            created_by: p.email.clone(),
            created_at: pathways_storage::now(),
        };
        tx.insert_questionnaire(&q).await.map_err(|e| match e {
            pathways_storage::StorageError::Duplicate { .. } => AppError::invalid(
                "version",
                say(
                    "form-version-stored",
                    &[("form", q.form_id.as_str()), ("version", q.version.as_str())],
                ),
            ),
            other => other.into(),
        })?;
        let mut a = audit(p, "questionnaire.import", "questionnaire", &q.id, None);
        a.after = Some(
            json!({"form_id": q.form_id, "version": q.version, "title": q.title, "file": q.file_name, "sha256": q.sha256}),
        );
        tx.append_audit(&a).await?;
        tx.commit().await?;
        Ok(q)
    }

    pub async fn questionnaires(&self, p: &Principal) -> Result<Vec<StoredQuestionnaire>> {
        if !p.may(Action::ManageRounds, None) {
            return Err(denied("refuse-list-questionnaires", None, p));
        }
        Ok(self.store.read().await?.questionnaires().await?)
    }

    /// The stored XLSForm file of a questionnaire (anyone may read a form).
    pub async fn questionnaire(&self, id: &str) -> Result<StoredQuestionnaire> {
        self.store
            .read()
            .await?
            .questionnaire(id)
            .await?
            .ok_or_else(|| not_found("questionnaire", id))
    }

    /// The XForm of a questionnaire, for ODK Collect and KoboCollect: its file name and text.
    /// Readable exactly when the questionnaire's workbook is.
    pub async fn questionnaire_xform(&self, id: &str) -> Result<(String, String)> {
        let q = self.questionnaire(id).await?;
        let loaded = self.form(id).await?;
        let xml = pathways_xlsform::xform::xform(&loaded.form, &q.form_id)
            .map_err(|e| AppError::invalid("form", format!("{}: {e}", q.file_name)))?;
        Ok((format!("{}-{}.xml", q.form_id, q.version), xml))
    }

    /// The parsed form of a questionnaire, from the cache.
    pub async fn form(&self, questionnaire_id: &str) -> Result<Arc<LoadedForm>> {
        if let Ok(cache) = self.forms.0.lock()
            && let Some(f) = cache.get(questionnaire_id)
        {
            return Ok(f.clone());
        }
        let q = self.questionnaire(questionnaire_id).await?;
        let (form, warnings) =
            pathways_xlsform::read_with_warnings(&q.xlsx).map_err(|e| form_problems(&q.file_name, e))?;
        let loaded = Arc::new(LoadedForm {
            engine: pathways_xlsform::engine::Engine::new(&form),
            form,
            warnings: warnings.iter().map(ToString::to_string).collect(),
        });
        if let Ok(mut cache) = self.forms.0.lock() {
            cache.insert(questionnaire_id.to_string(), loaded.clone());
        }
        Ok(loaded)
    }
}
