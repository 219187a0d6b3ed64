//! Notifications: written by the use cases inside the transaction of the change they tell of (a
//! response submitted or decided, a validation round opened, closed or decided, an exercise
//! closed, a roadmap action drafted, changed or reported on), so that no notice exists for a
//! change that was rolled back; and read by their user, who marks them read.

use pathways_domain::{Principal, Role};
use pathways_storage::{NewAudit, Notification, Tx, User, now};

use crate::{App, Result};

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
pub(crate) async fn notify(tx: &mut Tx, role: Role, economy: Option<&str>, text: &str, link: &str) -> Result<usize> {
    let users: Vec<String> = users_of(tx, role, economy).await?.into_iter().map(|u| u.id).collect();
    notify_users(tx, &users, text, link).await
}

/// Notifies the given users (by id), inside the transaction of the change it reports.
pub(crate) async fn notify_users(tx: &mut Tx, users: &[String], text: &str, link: &str) -> Result<usize> {
    let at = now();
    for user_id in users {
        tx.insert_notification(&Notification {
            id: uuid::Uuid::now_v7().to_string(),
            user_id: user_id.clone(),
            text: text.to_string(),
            link: link.to_string(),
            created_at: at.clone(),
            read_at: None,
        })
        .await?;
    }
    Ok(users.len())
}

/// Tells everyone taking part in an exercise (delegates and observers) of a change in it.
pub(crate) async fn notify_participants(tx: &mut Tx, exercise: &str, text: &str) -> Result<usize> {
    let ids: Vec<String> = tx
        .participants(exercise)
        .await?
        .into_iter()
        .map(|x| x.user_id)
        .collect();
    notify_users(tx, &ids, text, &format!("/exercises/{exercise}")).await
}

/// Notifies the enabled users in the app and by e-mail (through the outbox), inside the
/// transaction of the change it reports. Neither the notice nor the mail names a person: the
/// mail leaves the platform, and its reader follows the link and signs in to see more.
pub(crate) async fn notify_and_mail(
    tx: &mut Tx,
    users: &[User],
    subject: &str,
    text: &str,
    link: &str,
) -> Result<usize> {
    let enabled: Vec<&User> = users.iter().filter(|u| !u.disabled).collect();
    let ids: Vec<String> = enabled.iter().map(|u| u.id.clone()).collect();
    notify_users(tx, &ids, text, link).await?;
    for u in &enabled {
        tx.enqueue_mail(&u.email, subject, text, link).await?;
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
