//! Notifications: written by the use cases inside the transaction of the change they tell of (a
//! response submitted or decided, a validation round opened, closed or decided, an exercise
//! closed, a roadmap action drafted, changed or reported on), so that no notice exists for a
//! change that was rolled back; and read by their user, who marks them read.
//!
//! A notice is a message of the documents' catalogue (`notice-*`) with its values, written for
//! each recipient in the language saved with their account (English for those who chose none):
//! the notification and its e-mail reach an official in Tirana in Albanian and one in Belgrade
//! in Serbian, from the same change.

use pathways_domain::locale::Locale;
use pathways_domain::{Principal, Role};
use pathways_storage::{NewAudit, Notification, Tx, User, now};

use crate::{App, Result};

/// A value a notice names, written in each recipient's language.
#[derive(Debug, Clone)]
pub(crate) enum Arg {
    /// As it is (a title someone typed, a date, a count).
    Text(String),
    /// An economy, by code: its name in the recipient's language.
    Economy(String),
    /// A country, by code.
    Country(String),
    /// Another message of the catalogue (a kind of document, an outcome).
    Word(String),
}

/// What a notification (or an e-mail's subject or text) says.
#[derive(Debug, Clone)]
pub(crate) struct Notice {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
}

impl Notice {
    pub fn new(key: &'static str) -> Notice {
        Notice { key, args: vec![] }
    }

    pub fn text(mut self, name: &'static str, v: impl ToString) -> Notice {
        self.args.push((name, Arg::Text(v.to_string())));
        self
    }

    pub fn economy(mut self, name: &'static str, code: &str) -> Notice {
        self.args.push((name, Arg::Economy(code.to_string())));
        self
    }

    pub fn country(mut self, name: &'static str, code: &str) -> Notice {
        self.args.push((name, Arg::Country(code.to_string())));
        self
    }

    pub fn word(mut self, name: &'static str, key: String) -> Notice {
        self.args.push((name, Arg::Word(key)));
        self
    }
}

/// The language a user reads notices in.
fn locale_of(u: &User) -> Locale {
    u.locale.as_deref().and_then(Locale::parse).unwrap_or_default()
}

impl App {
    /// A notice in `locale`.
    pub(crate) fn notice_in(&self, n: &Notice, locale: Locale) -> String {
        let vocab = self.vocab_in(locale);
        let args: Vec<(&str, String)> = n
            .args
            .iter()
            .map(|(k, a)| {
                let v = match a {
                    Arg::Text(t) => t.clone(),
                    Arg::Economy(code) => vocab.economy_name(code).to_string(),
                    Arg::Country(code) => pathways_domain::vocab::Vocabulary::label(&vocab.countries, code).to_string(),
                    Arg::Word(key) => self.words.fmt_in(locale, key, &[]),
                };
                (*k, v)
            })
            .collect();
        self.words.fmt_in(locale, n.key, &args)
    }
}

impl App {
    /// The user's notifications, newest first.
    pub async fn notifications(&self, p: &Principal) -> Result<Vec<Notification>> {
        Ok(self.store.read().await?.notifications(&p.user_id).await?)
    }

    /// Marks the user's notifications as read (they have seen the list); returns how many were
    /// unread.
    pub async fn mark_notifications_read(&self, p: &Principal) -> Result<u64> {
        let mut tx = self.store.write().await?;
        let n = tx.mark_notifications_read(&p.user_id, &now()).await?;
        if n > 0 {
            tx.append_audit(&NewAudit {
                note: Some(format!("{n} marked read")),
                ..crate::map::records::audit(p, "notifications.read", "user", &p.user_id, None)
            })
            .await?;
        }
        tx.commit().await?;
        Ok(n)
    }

    /// E-mail waiting to be sent (tried fewer than `max_attempts` times), for the server's mail
    /// loop.
    pub async fn outbox(&self, max_attempts: i64, limit: i64) -> Result<Vec<pathways_storage::OutgoingMail>> {
        Ok(self.store.read().await?.pending_mail(max_attempts, limit).await?)
    }

    /// Records a sending attempt of the mail loop: sent, or failed with why.
    pub async fn mail_attempted(&self, id: &str, error: Option<&str>) -> Result<()> {
        let mut tx = self.store.write().await?;
        tx.mail_attempted(id, error).await?;
        tx.commit().await?;
        Ok(())
    }

    /// How many of the user's notifications are unread (the menu's badge).
    pub async fn unread_notifications(&self, p: &Principal) -> Result<i64> {
        Ok(self.store.read().await?.unread_notifications(&p.user_id).await?)
    }
}

/// Notifies every enabled user of `role` (in `economy`, for focal points) — inside the
/// transaction of the change it reports, so that the two stand or fall together.
pub(crate) async fn notify(
    app: &App,
    tx: &mut Tx,
    role: Role,
    economy: Option<&str>,
    notice: &Notice,
    link: &str,
) -> Result<usize> {
    let users = users_of(tx, role, economy).await?;
    insert(app, tx, &users, notice, link).await
}

/// Notifies the given users (by id), inside the transaction of the change it reports.
pub(crate) async fn notify_users(app: &App, tx: &mut Tx, ids: &[String], notice: &Notice, link: &str) -> Result<usize> {
    let users: Vec<User> = tx.users().await?.into_iter().filter(|u| ids.contains(&u.id)).collect();
    insert(app, tx, &users, notice, link).await
}

/// Writes the notice for each user, in their language.
async fn insert(app: &App, tx: &mut Tx, users: &[User], notice: &Notice, link: &str) -> Result<usize> {
    let at = now();
    for u in users {
        tx.insert_notification(&Notification {
            id: uuid::Uuid::now_v7().to_string(),
            user_id: u.id.clone(),
            text: app.notice_in(notice, locale_of(u)),
            link: link.to_string(),
            created_at: at.clone(),
            read_at: None,
        })
        .await?;
    }
    Ok(users.len())
}

/// Tells everyone taking part in an exercise (delegates and observers) of a change in it.
pub(crate) async fn notify_participants(app: &App, tx: &mut Tx, exercise: &str, notice: &Notice) -> Result<usize> {
    let ids: Vec<String> = tx
        .participants(exercise)
        .await?
        .into_iter()
        .map(|x| x.user_id)
        .collect();
    notify_users(app, tx, &ids, notice, &format!("/exercises/{exercise}")).await
}

/// Notifies the enabled users in the app and by e-mail (through the outbox), each in their
/// language, inside the transaction of the change it reports. Neither the notice nor the mail
/// names a person: the mail leaves the platform, and its reader follows the link and signs in
/// to see more.
pub(crate) async fn notify_and_mail(
    app: &App,
    tx: &mut Tx,
    users: &[User],
    subject: &Notice,
    text: &Notice,
    link: &str,
) -> Result<usize> {
    let enabled: Vec<User> = users.iter().filter(|u| !u.disabled).cloned().collect();
    insert(app, tx, &enabled, text, link).await?;
    for u in &enabled {
        let l = locale_of(u);
        tx.enqueue_mail(&u.email, &app.notice_in(subject, l), &app.notice_in(text, l), link)
            .await?;
    }
    Ok(enabled.len())
}

/// The enabled users of `role`: those scoped to `scope` (an economy, or a country for
/// liaisons), or all of them when `scope` is `None`.
pub(crate) async fn users_of(tx: &mut Tx, role: Role, scope: Option<&str>) -> Result<Vec<User>> {
    Ok(tx
        .users()
        .await?
        .into_iter()
        .filter(|u| !u.disabled && u.role == role.as_str() && (scope.is_none() || u.economy.as_deref() == scope))
        .collect())
}
