//! Users, passwords, API tokens and sessions.
//!
//! Passwords are hashed with Argon2id off the async runtime. Tokens and session ids are random
//! 256-bit values of which only a SHA-256 digest is stored, so a copy of the database does not
//! let anyone sign in.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use pathways_domain::{Action, Principal, Role};
use pathways_storage::{NewAudit, User, now};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::{App, AppError, Result};

/// The minimum password length (NIST SP 800-63B asks for at least 8; we ask for 12).
pub const MIN_PASSWORD: usize = 12;

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

async fn hash_password(password: String) -> Result<String> {
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

fn check_email(email: &str) -> Result<()> {
    let ok = email.len() <= 254
        && email
            .split_once('@')
            .is_some_and(|(l, d)| !l.is_empty() && !d.is_empty() && !email.contains(char::is_whitespace));
    if ok {
        Ok(())
    } else {
        Err(AppError::invalid(
            "email",
            format!("`{email}` is not an e-mail address"),
        ))
    }
}

impl App {
    pub async fn user_count(&self) -> Result<i64> {
        Ok(self.store.read().await?.user_count().await?)
    }

    /// Adds a user. `by` must be allowed to manage users.
    pub async fn add_user(
        &self,
        by: &Principal,
        email: &str,
        role: Role,
        economy: Option<&str>,
        password: &str,
    ) -> Result<User> {
        if !by.may(Action::ManageUsers, None) {
            return Err(AppError::Forbidden("only admins may add users".into()));
        }
        let email = email.trim();
        check_email(email)?;
        let economy = match (role, economy) {
            (Role::FocalPoint, Some(e)) => {
                let e = e.trim().to_ascii_uppercase();
                if !self.vocab().is_economy(&e) {
                    return Err(AppError::invalid("economy", format!("unknown economy `{e}`")));
                }
                Some(e)
            }
            (Role::FocalPoint, None) => return Err(AppError::invalid("economy", "a focal point needs --economy")),
            (_, Some(_)) => {
                return Err(AppError::invalid(
                    "economy",
                    "only focal points are scoped to an economy",
                ));
            }
            (_, None) => None,
        };
        if password.chars().count() < MIN_PASSWORD {
            return Err(AppError::invalid(
                "password",
                format!("must be at least {MIN_PASSWORD} characters"),
            ));
        }
        let user = User {
            id: uuid::Uuid::now_v7().to_string(),
            email: email.to_string(),
            role: role.as_str().into(),
            economy,
            password_hash: Some(hash_password(password.to_string()).await?),
            created_at: now(),
            disabled: false,
        };
        let mut tx = self.store.write().await?;
        tx.insert_user(&user).await?;
        tx.append_audit(&NewAudit {
            actor_id: Some(by.user_id.clone()),
            actor_email: by.email.clone(),
            action: "user_add".into(),
            entity_kind: Some("user".into()),
            entity_id: Some(user.id.clone()),
            owner: user.economy.clone(),
            after: serde_json::to_value(&user).ok(),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        Ok(user)
    }

    pub async fn users(&self, by: &Principal) -> Result<Vec<User>> {
        if !by.may(Action::ManageUsers, None) {
            return Err(AppError::Forbidden("only admins may list users".into()));
        }
        Ok(self.store.read().await?.users().await?)
    }

    /// Creates demo accounts for every role and a focal point per economy, if missing. Returns
    /// the e-mail addresses created.
    pub async fn ensure_demo_users(&self, password: &str) -> Result<Vec<String>> {
        let mut wanted: Vec<(String, Role, Option<String>)> = vec![
            ("admin@demo".into(), Role::Admin, None),
            ("analyst@demo".into(), Role::Analyst, None),
            ("viewer@demo".into(), Role::Viewer, None),
        ];
        for e in &self.vocab().economies {
            wanted.push((
                format!("fp-{}@demo", e.code.to_ascii_lowercase()),
                Role::FocalPoint,
                Some(e.code.clone()),
            ));
        }
        let by = system("demo-setup");
        let mut created = vec![];
        for (email, role, economy) in wanted {
            let exists = self.store.read().await?.user_by_email(&email).await?.is_some();
            if !exists {
                self.add_user(&by, &email, role, economy.as_deref(), password).await?;
                created.push(email);
            }
        }
        Ok(created)
    }

    /// Issues a new personal API token for a user; only its digest is stored.
    pub async fn issue_token(&self, by: &Principal, email: &str) -> Result<String> {
        let mut tx = self.store.write().await?;
        let user = tx.user_by_email(email).await?.ok_or_else(|| AppError::NotFound {
            kind: "user".into(),
            id: email.into(),
        })?;
        if !(by.may(Action::ManageUsers, None) || by.user_id == user.id) {
            return Err(AppError::Forbidden("you may only create tokens for yourself".into()));
        }
        let token = random_token("pwt_");
        tx.insert_token(&uuid::Uuid::now_v7().to_string(), &user.id, &digest(&token))
            .await?;
        tx.append_audit(&NewAudit {
            actor_id: Some(by.user_id.clone()),
            actor_email: by.email.clone(),
            action: "token_issue".into(),
            entity_kind: Some("user".into()),
            entity_id: Some(user.id.clone()),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    pub async fn principal_for_token(&self, token: &str) -> Result<Principal> {
        let mut tx = self.store.read().await?;
        match tx.user_by_token(&digest(token)).await? {
            Some(u) => principal(&u),
            None => Err(AppError::Unauthenticated),
        }
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

    pub async fn end_session(&self, sid: &str) -> Result<()> {
        let mut tx = self.store.write().await?;
        tx.delete_session(&digest(sid)).await?;
        tx.commit().await?;
        Ok(())
    }
}
