//! Files kept with a work-permit case: the application's documents (a passport scan, the demand
//! letter, a clearance), attached by the economy's case officers; and the files that go with a
//! verification request, attached by those officers (the document the Country of Origin is asked
//! about) or by that country's liaisons (their answer's evidence). Each is kept with its SHA-256,
//! at most [`MAX_CASE_FILE`] bytes, and only as a PDF, PNG or JPEG, the type read from the bytes.
//!
//! A file is readable exactly when what it is attached to is: a case's files by the case's
//! officers, a request's also by the liaisons of its country. An officer's read of a file is a
//! read of the case, logged. The audit records the file's id, size and checksum, never its name,
//! which often names the person.

use pathways_domain::screening::CaseState;
use pathways_domain::wording::say;
use pathways_domain::{Action, Principal};
use pathways_storage::{StoredCase, StoredCaseFile, StoredRequest, Tx};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::cases::Channel;
use super::verification::addressed_to;
use crate::map::records::audit;
use crate::{App, AppError, Result, upload};

/// The largest file kept with a case.
pub const MAX_CASE_FILE: usize = upload::MAX_FILE;

/// The types a case file may have: scans and documents, nothing that runs or renders as a page.
const ACCEPTED: [&str; 3] = ["application/pdf", "image/png", "image/jpeg"];

/// What a file is attached to.
#[derive(Debug, Clone, Copy)]
pub enum Attached<'a> {
    Case(&'a str),
    Request(&'a str),
}

fn unknown(kind: &str, id: &str) -> AppError {
    AppError::NotFound {
        kind: kind.into(),
        id: id.into(),
    }
}

/// The case and, for a request's file, the request; when `p` may attach files to them.
async fn target(tx: &mut Tx, p: &Principal, to: Attached<'_>) -> Result<(StoredCase, Option<StoredRequest>)> {
    let (case_id, request) = match to {
        Attached::Case(id) => (id.to_string(), None),
        Attached::Request(id) => {
            let r = tx
                .request(id)
                .await?
                .ok_or_else(|| unknown("verification request", id))?;
            (r.case_id.clone(), Some(r))
        }
    };
    let c = tx.case(&case_id).await?.ok_or_else(|| unknown("case", &case_id))?;
    let officer = p.may(Action::Screen, Some(&c.economy));
    let addressed = request.as_ref().is_some_and(|r| addressed_to(p, r));
    if !officer && !addressed {
        // As for the case itself: to anyone else it does not exist.
        return Err(match &request {
            Some(r) => unknown("verification request", &r.id),
            None => unknown("case", &case_id),
        });
    }
    if c.state == CaseState::Closed {
        return Err(AppError::invalid("file", say("case-closed-files", &[])));
    }
    if request.as_ref().is_some_and(|r| r.to_economy.is_some()) {
        return Err(AppError::invalid("file", say("query-no-documents", &[])));
    }
    Ok((c, request))
}

/// The content type a case file is kept with, or why it is not kept, in the uploader's terms.
fn accepted(file_name: &str, bytes: &[u8]) -> std::result::Result<&'static str, String> {
    if let Some(why) = upload::size_refusal(file_name, bytes.len()) {
        return Err(why);
    }
    let kind = upload::stored_type(file_name, bytes);
    if ACCEPTED.contains(&kind) {
        Ok(kind)
    } else {
        Err(say("case-file-type", &[("file", file_name)]))
    }
}

impl App {
    /// Whether `p` may attach a file there: asked before an upload is read.
    pub async fn may_attach_case_file(&self, p: &Principal, to: Attached<'_>) -> Result<()> {
        let mut tx = self.store.read().await?;
        target(&mut tx, p, to).await.map(|_| ())
    }

    /// Keeps a file with a case or one of its requests.
    pub async fn attach_case_file(
        &self,
        p: &Principal,
        to: Attached<'_>,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<StoredCaseFile> {
        let mut tx = self.store.write().await?;
        let (c, request) = target(&mut tx, p, to).await?;
        let content_type = accepted(file_name, bytes).map_err(|why| AppError::invalid("file", why))?;
        let f = StoredCaseFile {
            id: format!("file_{}", uuid::Uuid::now_v7().simple()),
            case_id: c.id.clone(),
            request_id: request.map(|r| r.id),
            file_name: upload::kept_name(file_name),
            content_type: content_type.into(),
            size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
            sha256: hex::encode(Sha256::digest(bytes)),
            bytes: bytes.to_vec(),
            uploaded_by: p.email.clone(),
            uploaded_at: pathways_storage::now(),
        };
        tx.insert_case_file(&f).await?;
        tx.append_audit(&pathways_storage::NewAudit {
            after: Some(json!({"file": f.id, "request": f.request_id, "size": f.size, "sha256": f.sha256})),
            ..audit(p, "case.file", "case", &c.id, Some(&c.economy))
        })
        .await?;
        tx.commit().await?;
        Ok(f)
    }

    /// A case's files and its requests', for its officers (a read of the case, logged: the
    /// names of files often name the person).
    pub async fn case_file_list(&self, p: &Principal, case_id: &str, channel: Channel) -> Result<Vec<StoredCaseFile>> {
        let mut tx = self.store.write().await?;
        let c = tx.case(case_id).await?.ok_or_else(|| unknown("case", case_id))?;
        if !p.may(Action::Screen, Some(&c.economy)) {
            return Err(unknown("case", case_id));
        }
        tx.log_case_read(&c, &p.user_id, &p.email, channel.as_str()).await?;
        let files = tx.case_files(case_id).await?;
        tx.commit().await?;
        Ok(files)
    }

    /// The files that go with a request, for those who may read the request.
    pub async fn request_files(&self, p: &Principal, request_id: &str) -> Result<Vec<StoredCaseFile>> {
        let mut tx = self.store.read().await?;
        let r = tx
            .request(request_id)
            .await?
            .ok_or_else(|| unknown("verification request", request_id))?;
        // A query carries no files (see `target`), but its list is read where the query is.
        if !addressed_to(p, &r) && !p.may(Action::Screen, Some(&r.economy)) {
            return Err(unknown("verification request", request_id));
        }
        Ok(tx.request_files(request_id).await?)
    }

    /// One file with its bytes, for those who may read what it is attached to; an officer's read
    /// is logged as a read of the case.
    pub async fn case_file(&self, p: &Principal, id: &str, channel: Channel) -> Result<StoredCaseFile> {
        let mut tx = self.store.write().await?;
        let f = tx.case_file(id).await?.ok_or_else(|| unknown("file", id))?;
        let c = tx.case(&f.case_id).await?.ok_or_else(|| unknown("file", id))?;
        if p.may(Action::Screen, Some(&c.economy)) {
            tx.log_case_read(&c, &p.user_id, &p.email, channel.as_str()).await?;
            tx.commit().await?;
            return Ok(f);
        }
        let request = match &f.request_id {
            Some(r) => tx.request(r).await?,
            None => None,
        };
        if request.is_some_and(|r| addressed_to(p, &r)) {
            return Ok(f);
        }
        Err(unknown("file", id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_scans_and_documents_within_the_limit_are_kept() {
        assert_eq!(accepted("letter.pdf", b"%PDF-1.7 ..."), Ok("application/pdf"));
        assert_eq!(accepted("scan.jpg", &[0xFF, 0xD8, 0xFF, 0xE0]), Ok("image/jpeg"));
        assert_eq!(accepted("scan.png", b"\x89PNG\r\n\x1a\n...."), Ok("image/png"));
        for (name, bytes) in [
            ("page.html", b"<html><script>alert(1)</script>".as_slice()),
            ("letter.pdf", b"not really a pdf"),
            ("drawing.svg", b"<svg/>"),
            ("empty.pdf", b""),
        ] {
            assert!(accepted(name, bytes).is_err_and(|w| w.starts_with(name)), "{name}");
        }
        let big = [b"%PDF-".as_slice(), &vec![0; MAX_CASE_FILE]].concat();
        assert!(accepted("big.pdf", &big).is_err_and(|w| w.contains("10 MB")));
    }
}
