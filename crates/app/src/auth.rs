//! Users, passwords, API tokens and sessions.
//!
//! Passwords are hashed with Argon2id off the async runtime. Tokens and session ids are random
//! 256-bit values of which only a SHA-256 digest is stored, so a copy of the database does not
//! let anyone sign in.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use pathways_domain::wording::say;
use pathways_domain::{Action, Principal, Role};
use pathways_storage::{NewAudit, NewToken, TokenInfo, User, now};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::{App, AppError, Result};

/// The minimum password length (NIST SP 800-63B asks for at least 8; we ask for 12).
pub const MIN_PASSWORD: usize = 12;

/// How long a new API token is valid unless another lifetime is asked for.
pub const DEFAULT_TOKEN_DAYS: u32 = 90;
/// The longest lifetime a token may be given.
pub const MAX_TOKEN_DAYS: u32 = 366;

fn rfc3339(t: time::OffsetDateTime) -> Result<String> {
    t.format(&time::format_description::well_known::Rfc3339)
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// The principal under which the CLI and the reference loader act.
pub fn system(email: &str) -> Principal {
    Principal {
        user_id: "system".into(),
        email: email.into(),
        role: Role::Admin,
        economy: None,
    }
}

pub fn random_token(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("{prefix}{}", hex::encode(bytes))
}

pub fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

pub(crate) fn principal(u: &User) -> Result<Principal> {
    let role = Role::parse(&u.role)
        .ok_or_else(|| AppError::Internal(format!("user {} has unknown role {}", u.email, u.role)))?;
    Ok(Principal {
        user_id: u.id.clone(),
        email: u.email.clone(),
        role,
        economy: u.economy.clone(),
    })
}

pub(crate) async fn hash_password(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("password hashing failed: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
}

async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
    })
    .await
    .unwrap_or(false)
}

/// A real hash of a throw-away password, verified against when the e-mail is unknown.
async fn dummy_hash() -> Result<String> {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY.get_or_try_init(|| hash_password(random_token(""))).await.cloned()
}

/// The user with this e-mail (as typed, spaces around ignored), or "no user" naming it.
pub(crate) async fn user_named(tx: &mut pathways_storage::Tx, email: &str) -> Result<User> {
    if email.trim().is_empty() {
        return Err(AppError::invalid("email", say("say-which-user", &[])));
    }
    tx.user_by_email(email.trim()).await?.ok_or_else(|| AppError::NotFound {
        kind: "user".into(),
        id: email.trim().into(),
    })
}

pub(crate) fn check_email(email: &str) -> Result<()> {
    let ok = email.len() <= 254
        && email
            .split_once('@')
            .is_some_and(|(l, d)| !l.is_empty() && !d.is_empty() && !email.contains(char::is_whitespace));
    if ok {
        Ok(())
    } else {
        Err(AppError::invalid("email", say("not-email", &[("value", email)])))
    }
}

impl App {
    pub async fn user_count(&self) -> Result<i64> {
        Ok(self.store.read().await?.user_count().await?)
    }

    /// Issues a new personal API token for a user, valid for `days` days; only its digest is
    /// stored. `label` says what it is for (shown in the token list).
    pub async fn issue_token(&self, by: &Principal, email: &str, days: u32, label: &str) -> Result<String> {
        if !(1..=MAX_TOKEN_DAYS).contains(&days) {
            return Err(AppError::invalid(
                "days",
                say("token-days", &[("max", &MAX_TOKEN_DAYS.to_string())]),
            ));
        }
        let mut tx = self.store.write().await?;
        let user = user_named(&mut tx, email).await?;
        if !(by.may(Action::ManageUsers, None) || by.user_id == user.id) {
            return Err(AppError::Forbidden(say("refuse-create-token", &[])));
        }
        if user.disabled {
            return Err(AppError::invalid("email", say("user-disabled", &[("email", email)])));
        }
        let token = random_token("pwt_");
        let id = uuid::Uuid::now_v7().to_string();
        let expires_at = rfc3339(time::OffsetDateTime::now_utc() + time::Duration::days(days.into()))?;
        let label: String = label.trim().chars().take(100).collect();
        tx.insert_token(&NewToken {
            id: &id,
            user_id: &user.id,
            token_hash: &digest(&token),
            expires_at: &expires_at,
            label: &label,
        })
        .await?;
        tx.append_audit(&NewAudit {
            actor_id: Some(by.user_id.clone()),
            actor_email: by.email.clone(),
            action: "token_issue".into(),
            entity_kind: Some("user".into()),
            entity_id: Some(user.id.clone()),
            note: Some(format!("token {id} ({label}) valid until {expires_at}")),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// The principal a token stands for, while the token is neither revoked nor expired and its
    /// user not disabled. Its use is recorded (at most once a minute).
    pub async fn principal_for_token(&self, token: &str) -> Result<Principal> {
        let now = time::OffsetDateTime::now_utc();
        let at = rfc3339(now)?;
        let found = self.store.read().await?.user_by_token(&digest(token), &at).await?;
        let Some((user, token_id, last_used)) = found else {
            return Err(AppError::Unauthenticated);
        };
        let stale_before = rfc3339(now - time::Duration::minutes(1))?;
        if last_used.is_none_or(|l| l < stale_before) {
            let mut tx = self.store.write().await?;
            tx.touch_token(&token_id, &at, &stale_before).await?;
            tx.commit().await?;
        }
        principal(&user)
    }

    /// The principal of a user by e-mail, for operators who act as that user from the command
    /// line (they hold the database; no token is needed or made).
    pub async fn principal_by_email(&self, email: &str) -> Result<Principal> {
        let user = self.store.read().await?.user_by_email(email.trim()).await?;
        match user {
            Some(u) if !u.disabled => principal(&u),
            Some(_) => Err(AppError::invalid("as", say("user-disabled", &[("email", email)]))),
            None => Err(AppError::NotFound {
                kind: "user".into(),
                id: email.into(),
            }),
        }
    }

    /// A user's tokens (never the tokens themselves): the user or an admin.
    pub async fn tokens(&self, by: &Principal, email: &str) -> Result<Vec<TokenInfo>> {
        let mut tx = self.store.read().await?;
        let user = user_named(&mut tx, email).await?;
        if !(by.may(Action::ManageUsers, None) || by.user_id == user.id) {
            return Err(AppError::Forbidden(say("refuse-list-tokens", &[])));
        }
        Ok(tx.tokens(&user.id).await?)
    }

    /// Revokes a token at once: the user it belongs to or an admin. Another user's token id
    /// answers as unknown, so that ids cannot be probed.
    pub async fn revoke_token(&self, by: &Principal, id: &str) -> Result<TokenInfo> {
        let mut tx = self.store.write().await?;
        let unknown = || AppError::NotFound {
            kind: "token".into(),
            id: id.into(),
        };
        let t = tx.token(id).await?.ok_or_else(unknown)?;
        if !(by.may(Action::ManageUsers, None) || by.user_id == t.user_id) {
            return Err(unknown());
        }
        let at = now();
        tx.revoke_token(id, &at).await?;
        tx.append_audit(&NewAudit {
            actor_id: Some(by.user_id.clone()),
            actor_email: by.email.clone(),
            action: "token_revoke".into(),
            entity_kind: Some("user".into()),
            entity_id: Some(t.user_id.clone()),
            note: Some(format!("token {id} ({})", t.label)),
            ..Default::default()
        })
        .await?;
        let t = tx.token(id).await?.ok_or_else(unknown)?;
        tx.commit().await?;
        Ok(t)
    }

    /// Checks a password. The same error for an unknown e-mail and a wrong password, and the
    /// same work (a hash verification) in both cases, so that accounts cannot be enumerated.
    pub async fn authenticate(&self, email: &str, password: &str) -> Result<Principal> {
        let user = self.store.read().await?.user_by_email(email.trim()).await?;
        let hash = match user.as_ref().and_then(|u| u.password_hash.clone()) {
            Some(h) => h,
            None => dummy_hash().await?,
        };
        let ok = verify_password(password.to_string(), hash).await;
        match user {
            Some(u) if ok && !u.disabled => principal(&u),
            _ => Err(AppError::Unauthenticated),
        }
    }

    /// Starts a session: returns the session id (for the cookie) and its CSRF token.
    pub async fn start_session(&self, p: &Principal, hours: i64) -> Result<(String, String)> {
        let sid = random_token("");
        let csrf = random_token("");
        let expires = time::OffsetDateTime::now_utc() + time::Duration::hours(hours);
        let expires = expires
            .format(&time::format_description::well_known::Rfc3339)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let mut tx = self.store.write().await?;
        tx.insert_session(&digest(&sid), &p.user_id, &csrf, &expires).await?;
        tx.append_audit(&NewAudit {
            actor_id: Some(p.user_id.clone()),
            actor_email: p.email.clone(),
            action: "login".into(),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        Ok((sid, csrf))
    }

    /// The principal and CSRF token of a live session.
    pub async fn session(&self, sid: &str) -> Result<(Principal, String)> {
        let mut tx = self.store.read().await?;
        let s = tx.session(&digest(sid)).await?.ok_or(AppError::Unauthenticated)?;
        let u = tx
            .user(&s.user_id)
            .await?
            .filter(|u| !u.disabled)
            .ok_or(AppError::Unauthenticated)?;
        Ok((principal(&u)?, s.csrf_token))
    }

    /// Records that sign-in was refused for a while after too many failures, so that an admin
    /// sees password spraying in the audit log. `email` is what was typed (the account, when it
    /// exists, is named by its id too).
    pub async fn record_lockout(&self, email: &str, address: &str, scope: &str) -> Result<()> {
        let mut tx = self.store.write().await?;
        let user = tx.user_by_email(email.trim()).await?;
        tx.append_audit(&NewAudit {
            actor_id: None,
            actor_email: "sign-in limiter".into(),
            action: "login_lockout".into(),
            entity_kind: user.as_ref().map(|_| "user".to_string()),
            entity_id: user.as_ref().map(|u| u.id.clone()),
            owner: user.and_then(|u| u.economy),
            note: Some(format!(
                "too many failed sign-ins {scope}: attempts for `{}` from {address} refused for a while",
                email.trim().chars().take(254).collect::<String>()
            )),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn end_session(&self, sid: &str) -> Result<()> {
        let mut tx = self.store.write().await?;
        tx.delete_session(&digest(sid)).await?;
        tx.commit().await?;
        Ok(())
    }
}
