//! Use cases of Pathways: everything a user can do, whatever the transport.
//!
//! Each state-changing use case takes the acting [`Principal`], asks the domain whether the
//! action is allowed, validates the new state, and writes the change together with its audit
//! record in one transaction. The web UI, the JSON API and the CLI all call these functions and
//! nothing else, so they cannot disagree on who may do what.

pub mod accounts;
pub mod analysis;
pub mod auth;
pub mod demo;
pub mod error;
pub mod events;
pub mod map;
pub mod notify;
pub mod operations;
pub mod roadmap;
pub mod rounds;
pub mod screening;
pub mod upload;
pub mod words;
pub mod work;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

pub use error::AppError;
pub use pathways_domain as domain;
use pathways_domain::Vocabulary;
use pathways_domain::dataset::{self, Dataset};
use pathways_storage::Store;
pub use pathways_storage::{
    AuditChain, AuditEntry, AuditQuery, Backend, CopyOutcome, CopyReport, IndexRow, PoolUse, RegisterImport,
    StorageError, StoredAttachment, StoredCaseFile, StoredEvent, StoredQuestionnaire, StoredRecord, StoredResponse,
    StoredRound, TableCopy, TokenInfo, User,
};

/// The current time as stored (RFC 3339, UTC).
pub fn now() -> String {
    pathways_storage::now()
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    pathways_storage::now().get(..10).unwrap_or_default().to_string()
}

/// The application: the store and the vocabulary every use case validates against.
#[derive(Clone, Debug)]
pub struct App {
    pub(crate) store: Store,
    /// The vocabulary in the app's locale (see [`App::in_locale`]).
    vocab: Arc<Vocabulary>,
    /// The vocabulary of documents in every locale (English as shipped first), made once.
    vocabs: Arc<Vec<(pathways_domain::locale::Locale, Arc<Vocabulary>)>>,
    /// The locale documents are written in; English unless made [`App::in_locale`].
    locale: pathways_domain::locale::Locale,
    /// The documents' messages in every locale.
    words: Arc<pathways_intl::messages::Catalogue>,
    intl: Arc<pathways_intl::Intl>,
    /// Questionnaires parsed once per process: a form is immutable once imported.
    pub(crate) forms: rounds::FormCache,
    /// The screening rules of every economy, from the shipped data.
    pub(crate) rules: Arc<pathways_domain::checks::Rules>,
    /// The reasons a case officer may give for a decision, from the shipped data.
    reasons: Arc<Vec<pathways_domain::decision::DecisionReason>>,
    /// Each economy's person index, in memory (see `screening::identity`).
    pub(crate) persons: Arc<screening::identity::Persons>,
    pub(crate) federation: Arc<screening::federation::Federation>,
}

/// What opening the database did, for the operator.
#[derive(Debug, Clone, Default)]
pub struct OpenReport {
    /// Reference records inserted or refreshed by this start (0 when the dataset was loaded before).
    pub reference_inserted: usize,
    pub reference_updated: usize,
    /// Reference records whose shipped version changed but which users have edited: kept as edited.
    pub reference_kept: Vec<String>,
    pub users: i64,
}

/// Reads the dataset from a directory (a working copy of `data/`), or the embedded one.
pub fn read_dataset(dir: Option<&Path>) -> Result<(BTreeMap<String, String>, Dataset)> {
    let files = match dir {
        None => map::reference::embedded_files(),
        Some(dir) => {
            let mut files = BTreeMap::new();
            for name in dataset::file_names() {
                let path = dir.join(&name);
                let text = std::fs::read_to_string(&path).map_err(|e| AppError::Io {
                    path: path.display().to_string(),
                    message: e.to_string(),
                })?;
                files.insert(name, text);
            }
            files
        }
    };
    let data = dataset::parse(&files).map_err(AppError::Invalid)?;
    Ok((files, data))
}

impl App {
    /// Opens the database at `db` (creating it and applying migrations), and loads the reference
    /// dataset if this version of it has not been loaded before.
    pub async fn open(db: &str, data_dir: Option<&Path>) -> Result<(App, OpenReport)> {
        let (files, data) = read_dataset(data_dir)?;
        let store = Store::open(db).await?;
        let app = App::with(store, &data)?;
        let mut report = map::reference::load(&app, &files, &data).await?;
        report.users = app.store.read().await?.user_count().await?;
        Ok((app, report))
    }

    /// An app on a private in-memory database with the embedded dataset, for tests.
    pub async fn in_memory() -> Result<App> {
        let (files, data) = read_dataset(None)?;
        let app = App::with(Store::memory().await?, &data)?;
        map::reference::load(&app, &files, &data).await?;
        Ok(app)
    }

    fn with(store: Store, data: &Dataset) -> Result<App> {
        let economies: Vec<String> = data.vocab.economies.iter().map(|e| e.code.clone()).collect();
        let words = words::load().map_err(|e| AppError::Internal(e.to_string()))?;
        let vocabs = words::vocabularies(&data.vocab, &words);
        Ok(App {
            store,
            vocab: vocabs[0].1.clone(),
            vocabs: Arc::new(vocabs),
            locale: pathways_domain::locale::Locale::En,
            words: Arc::new(words),
            intl: Arc::new(pathways_intl::Intl::load().map_err(|e| AppError::Internal(e.to_string()))?),
            forms: rounds::FormCache::default(),
            rules: Arc::new(screening::checks::shipped_rules(&economies)?),
            reasons: Arc::new(screening::decisions::shipped_reasons()?),
            persons: Arc::default(),
            federation: Arc::default(),
        })
    }

    /// The reasons an officer may give for a decision.
    pub fn decision_reasons(&self) -> &[pathways_domain::decision::DecisionReason] {
        &self.reasons
    }

    pub fn vocab(&self) -> &Vocabulary {
        &self.vocab
    }
}
