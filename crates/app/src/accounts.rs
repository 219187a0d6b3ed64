//! Account administration: adding and inviting users, their role and economy, resetting a
//! password, disabling an account; and the one-time links an invited or reset user sets their
//! password with. Admins only, except using a link, which needs the link and nothing else.
//!
//! A link is a random 256-bit secret of which only the digest is stored; it works once, until it
//! expires, and a newer link for the same user replaces it. Resetting a password removes the old
//! one and ends the user's sessions at once (their API tokens stay; an admin revokes them apart).

use pathways_domain::locale::Locale;
use pathways_domain::states::LinkPurpose;
use pathways_domain::wording::say;
use pathways_domain::{Action, Principal, Role, Scope};
use pathways_storage::{NewAudit, PasswordLink, User, now};

use crate::auth::{MIN_PASSWORD, check_email, digest, hash_password, principal, random_token, system, user_named};
use crate::{App, AppError, Result};

/// How long an invitation link works.
pub const INVITE_DAYS: i64 = 7;
/// How long a password-reset link works.
pub const RESET_DAYS: i64 = 2;

/// A one-time link just made: its secret, shown once to the admin who passes it on.
#[derive(Debug, Clone)]
pub struct NewLink {
    pub user: User,
    pub purpose: LinkPurpose,
    /// The secret; the link is `/welcome/{token}`.
    pub token: String,
    pub expires_at: String,
}

/// A user as the admin's list shows them.
#[derive(Debug, Clone)]
pub struct Account {
    pub user: User,
    /// When they last signed in, if ever.
    pub last_sign_in: Option<String>,
    /// Whether they can sign in with a password (an invited user has none until the link is used).
    pub has_password: bool,
}

fn check_password(password: &str) -> Result<()> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(AppError::invalid(
            "password",
            say("password-short", &[("min", &MIN_PASSWORD.to_string())]),
        ));
    }
    Ok(())
}

/// Whether `by` may manage users; refused with `what` (a `refuse-*` wording) otherwise.
fn may_manage(by: &Principal, what: &str) -> Result<()> {
    if by.may(Action::ManageUsers, None) {
        Ok(())
    } else {
        Err(AppError::Forbidden(say(what, &[])))
    }
}

fn in_days(days: i64) -> Result<String> {
    (time::OffsetDateTime::now_utc() + time::Duration::days(days))
        .format(&time::format_description::well_known::Rfc3339)
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// The countries whose CoO liaisons the demo has an account for.
pub(crate) const DEMO_COUNTRIES: &[&str] = &["NP", "BD", "IN", "PK", "LK", "PH", "UZ", "TR"];

/// The one error for a link that is unknown, used or expired, so that links cannot be probed.
fn dead_link() -> AppError {
    AppError::invalid("link", say("dead-link", &[]))
}

impl App {
    /// What a user of `role` is scoped to: a known economy for a focal point or case officer, a
    /// country of the vocabulary (ISO 3166-1 alpha-2: a Country of Origin) for a CoO liaison, nothing
    /// for the others.
    fn scope(&self, role: Role, economy: Option<&str>) -> Result<Option<String>> {
        let economy = economy
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(str::to_ascii_uppercase);
        match (role.scope(), economy) {
            (Scope::Economy, Some(e)) if self.vocab().is_economy(&e) => Ok(Some(e)),
            (Scope::Economy, Some(e)) => Err(AppError::invalid("economy", say("unknown-economy", &[("code", &e)]))),
            (Scope::Economy, None) => Err(AppError::invalid(
                "economy",
                say("role-needs-economy", &[("role", &role.as_str().replace('-', " "))]),
            )),
            (Scope::Country, Some(c)) if self.vocab().countries.iter().any(|x| x.code == c) => Ok(Some(c)),
            (Scope::Country, Some(c)) => Err(AppError::invalid("economy", say("not-vocab-country", &[("code", &c)]))),
            (Scope::Country, None) => Err(AppError::invalid("economy", say("liaison-needs-country", &[]))),
            (Scope::None, Some(_)) => Err(AppError::invalid("economy", say("role-without-scope", &[]))),
            (Scope::None, None) => Ok(None),
        }
    }

    /// Creates an account (with a password hash, or none for an invitation) after checking its
    /// e-mail, scope and that the address is free.
    async fn insert_user(
        &self,
        tx: &mut pathways_storage::Tx,
        email: &str,
        role: Role,
        economy: Option<&str>,
        password_hash: Option<String>,
    ) -> Result<User> {
        let email = email.trim();
        check_email(email)?;
        let user = User {
            id: uuid::Uuid::now_v7().to_string(),
            email: email.to_string(),
            role: role.as_str().into(),
            economy: self.scope(role, economy)?,
            password_hash,
            created_at: now(),
            disabled: false,
            locale: None,
        };
        if tx.user_by_email(&user.email).await?.is_some() {
            return Err(AppError::invalid(
                "email",
                say("has-account", &[("email", &user.email)]),
            ));
        }
        tx.insert_user(&user).await?;
        Ok(user)
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
        may_manage(by, "refuse-add-users")?;
        check_password(password)?;
        let hash = hash_password(password.to_string()).await?;
        let mut tx = self.store.write().await?;
        let user = self.insert_user(&mut tx, email, role, economy, Some(hash)).await?;
        audit_user(&mut tx, by, "user_add", &user, None).await?;
        tx.commit().await?;
        Ok(user)
    }

    pub async fn users(&self, by: &Principal) -> Result<Vec<User>> {
        if !by.may(Action::ManageUsers, None) {
            return Err(AppError::Forbidden(say("refuse-list-users", &[])));
        }
        Ok(self.store.read().await?.users().await?)
    }

    /// Creates demo accounts for every role — a focal point and a case officer per economy, a
    /// liaison per main Country of Origin — if missing. Returns
    /// the e-mail addresses created.
    pub async fn ensure_demo_users(&self, password: &str) -> Result<Vec<String>> {
        let mut wanted: Vec<(String, Role, Option<String>)> = vec![
            ("admin@demo".into(), Role::Admin, None),
            ("analyst@demo".into(), Role::Analyst, None),
            ("viewer@demo".into(), Role::Viewer, None),
        ];
        for e in &self.vocab().economies {
            for (prefix, role) in [("fp", Role::FocalPoint), ("officer", Role::CaseOfficer)] {
                wanted.push((
                    format!("{prefix}-{}@demo", e.code.to_ascii_lowercase()),
                    role,
                    Some(e.code.clone()),
                ));
            }
        }
        // The liaisons of the Countries of Origin the region's workers mostly come from.
        for c in DEMO_COUNTRIES {
            if self.vocab().countries.iter().any(|x| x.code == *c) {
                wanted.push((
                    format!("coo-{}@demo", c.to_ascii_lowercase()),
                    Role::CooLiaison,
                    Some((*c).to_string()),
                ));
            }
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

    /// The interface language a user chose, if any (read at sign-in, so that the choice
    /// follows them to every browser).
    pub async fn language(&self, p: &Principal) -> Result<Option<Locale>> {
        let user = self.store.read().await?.user(&p.user_id).await?;
        Ok(user.and_then(|u| u.locale).and_then(|t| Locale::parse(&t)))
    }

    /// Records the caller's own interface language (`None`: the browser's decides). Any
    /// signed-in user may choose their own; nobody chooses for another.
    pub async fn set_language(&self, by: &Principal, locale: Option<Locale>) -> Result<()> {
        let mut tx = self.store.write().await?;
        let before = tx.user(&by.user_id).await?.ok_or(AppError::Unauthenticated)?.locale;
        let after = locale.map(|l| l.tag().to_string());
        if before == after {
            return Ok(());
        }
        tx.set_user_locale(&by.user_id, after.as_deref()).await?;
        tx.append_audit(&NewAudit {
            actor_id: Some(by.user_id.clone()),
            actor_email: by.email.clone(),
            action: "user_language".into(),
            entity_kind: Some("user".into()),
            entity_id: Some(by.user_id.clone()),
            owner: by.economy.clone(),
            note: Some(format!(
                "interface language: {} → {}",
                before.as_deref().unwrap_or("browser's"),
                after.as_deref().unwrap_or("browser's")
            )),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Disables (or enables again) a user: admins only. Disabling ends the user's sessions and
    /// stops their tokens at once.
    pub async fn set_user_disabled(&self, by: &Principal, email: &str, disabled: bool) -> Result<User> {
        if !by.may(Action::ManageUsers, None) {
            return Err(AppError::Forbidden(say("refuse-disable-users", &[])));
        }
        let mut tx = self.store.write().await?;
        let user = user_named(&mut tx, email).await?;
        if disabled && user.id == by.user_id {
            return Err(AppError::invalid("email", say("disable-self", &[])));
        }
        if tx.set_user_disabled(&user.id, disabled).await? {
            let sessions = if disabled {
                tx.delete_sessions_of(&user.id).await?
            } else {
                0
            };
            tx.append_audit(&NewAudit {
                actor_id: Some(by.user_id.clone()),
                actor_email: by.email.clone(),
                action: if disabled { "user_disable" } else { "user_enable" }.into(),
                entity_kind: Some("user".into()),
                entity_id: Some(user.id.clone()),
                owner: user.economy.clone(),
                note: disabled.then(|| format!("{sessions} session(s) ended; tokens stop working")),
                ..Default::default()
            })
            .await?;
        }
        let user = tx
            .user(&user.id)
            .await?
            .ok_or_else(|| AppError::Internal("user vanished".into()))?;
        tx.commit().await?;
        Ok(user)
    }

    /// Every account with when it last signed in: admins only.
    pub async fn accounts(&self, by: &Principal) -> Result<Vec<Account>> {
        may_manage(by, "refuse-list-users")?;
        let mut tx = self.store.read().await?;
        let last: std::collections::HashMap<String, String> = tx.last_sign_ins().await?.into_iter().collect();
        Ok(tx
            .users()
            .await?
            .into_iter()
            .map(|u| Account {
                last_sign_in: last.get(&u.id).cloned(),
                has_password: u.password_hash.is_some(),
                user: u,
            })
            .collect())
    }

    /// Invites a user: the account is created without a password, and a link (valid
    /// [`INVITE_DAYS`] days) lets them choose one.
    pub async fn invite_user(&self, by: &Principal, email: &str, role: Role, economy: Option<&str>) -> Result<NewLink> {
        may_manage(by, "refuse-invite-users")?;
        let mut tx = self.store.write().await?;
        let user = self.insert_user(&mut tx, email, role, economy, None).await?;
        let link = link(&mut tx, by, &user, LinkPurpose::Invite).await?;
        let note = format!("invitation valid until {}", link.expires_at);
        audit_user(&mut tx, by, "user_invite", &user, Some(note)).await?;
        tx.commit().await?;
        Ok(link)
    }

    /// Resets a user's password: the old one stops working, their sessions end, and a link
    /// (valid [`RESET_DAYS`] days) lets them choose a new one. Not for one's own account.
    pub async fn reset_password(&self, by: &Principal, email: &str) -> Result<NewLink> {
        may_manage(by, "refuse-reset-passwords")?;
        let mut tx = self.store.write().await?;
        let user = user_named(&mut tx, email).await?;
        if user.id == by.user_id {
            return Err(AppError::invalid("email", say("reset-self", &[])));
        }
        tx.clear_password(&user.id).await?;
        let sessions = tx.delete_sessions_of(&user.id).await?;
        let link = link(&mut tx, by, &user, LinkPurpose::Reset).await?;
        tx.append_audit(&NewAudit {
            actor_id: Some(by.user_id.clone()),
            actor_email: by.email.clone(),
            action: "password_reset".into(),
            entity_kind: Some("user".into()),
            entity_id: Some(user.id.clone()),
            owner: user.economy.clone(),
            note: Some(format!(
                "{sessions} session(s) ended; reset link valid until {}",
                link.expires_at
            )),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        Ok(link)
    }

    /// Changes a user's role and economy: admins only, and not their own (so that the last admin
    /// cannot lock everyone out). The new permissions apply from the user's next request.
    pub async fn change_role(&self, by: &Principal, email: &str, role: Role, economy: Option<&str>) -> Result<User> {
        may_manage(by, "refuse-change-roles")?;
        let economy = self.scope(role, economy)?;
        let mut tx = self.store.write().await?;
        let before = user_named(&mut tx, email).await?;
        if before.id == by.user_id {
            return Err(AppError::invalid("role", say("role-self", &[])));
        }
        tx.set_user_role(&before.id, role.as_str(), economy.as_deref()).await?;
        let after = tx
            .user(&before.id)
            .await?
            .ok_or_else(|| AppError::Internal("user vanished".into()))?;
        if (before.role.as_str(), before.economy.as_deref()) != (after.role.as_str(), after.economy.as_deref()) {
            tx.append_audit(&NewAudit {
                actor_id: Some(by.user_id.clone()),
                actor_email: by.email.clone(),
                action: "user_role".into(),
                entity_kind: Some("user".into()),
                entity_id: Some(after.id.clone()),
                owner: after.economy.clone().or_else(|| before.economy.clone()),
                before: serde_json::to_value(&before).ok(),
                after: serde_json::to_value(&after).ok(),
                ..Default::default()
            })
            .await?;
        }
        tx.commit().await?;
        Ok(after)
    }

    /// The account a link is for, while the link works (unused, unexpired, account enabled).
    pub async fn password_link(&self, token: &str) -> Result<(User, LinkPurpose)> {
        let mut tx = self.store.read().await?;
        let (user, purpose) = live_link(&mut tx, token).await?;
        Ok((user, purpose))
    }

    /// Sets the password of the link's account and uses the link up. Returns the principal, who
    /// then signs in as anyone does.
    pub async fn set_password_by_link(&self, token: &str, password: &str) -> Result<Principal> {
        check_password(password)?;
        let hash = hash_password(password.to_string()).await?;
        let mut tx = self.store.write().await?;
        let (user, purpose) = live_link(&mut tx, token).await?;
        let at = now();
        if !tx.use_password_link(&digest(token), &at).await? {
            return Err(dead_link());
        }
        tx.set_password(&user.id, &hash).await?;
        tx.append_audit(&NewAudit {
            actor_id: Some(user.id.clone()),
            actor_email: user.email.clone(),
            action: "password_set".into(),
            entity_kind: Some("user".into()),
            entity_id: Some(user.id.clone()),
            owner: user.economy.clone(),
            note: Some(format!("with a one-time link ({purpose})")),
            ..Default::default()
        })
        .await?;
        tx.commit().await?;
        principal(&user)
    }
}

/// The audit record of a new account, made by `by`.
async fn audit_user(
    tx: &mut pathways_storage::Tx,
    by: &Principal,
    action: &str,
    user: &User,
    note: Option<String>,
) -> Result<()> {
    tx.append_audit(&NewAudit {
        actor_id: Some(by.user_id.clone()),
        actor_email: by.email.clone(),
        action: action.into(),
        entity_kind: Some("user".into()),
        entity_id: Some(user.id.clone()),
        owner: user.economy.clone(),
        after: serde_json::to_value(user).ok(),
        note,
        ..Default::default()
    })
    .await?;
    Ok(())
}

/// Makes a link for `user`, replacing any earlier unused one.
async fn link(tx: &mut pathways_storage::Tx, by: &Principal, user: &User, purpose: LinkPurpose) -> Result<NewLink> {
    let token = random_token("pwl_");
    let days = match purpose {
        LinkPurpose::Invite => INVITE_DAYS,
        LinkPurpose::Reset => RESET_DAYS,
    };
    let expires_at = in_days(days)?;
    tx.insert_password_link(&PasswordLink {
        token_hash: digest(&token),
        user_id: user.id.clone(),
        purpose: purpose.as_str().into(),
        created_by: by.email.clone(),
        created_at: now(),
        expires_at: expires_at.clone(),
        used_at: None,
    })
    .await?;
    Ok(NewLink {
        user: user.clone(),
        purpose,
        token,
        expires_at,
    })
}

/// The account of a link that still works, and why the link was made.
async fn live_link(tx: &mut pathways_storage::Tx, token: &str) -> Result<(User, LinkPurpose)> {
    let l = tx.password_link(&digest(token)).await?.ok_or_else(dead_link)?;
    if l.used_at.is_some() || l.expires_at.as_str() <= now().as_str() {
        return Err(dead_link());
    }
    let user = tx
        .user(&l.user_id)
        .await?
        .filter(|u| !u.disabled)
        .ok_or_else(dead_link)?;
    let purpose = l
        .purpose
        .parse::<LinkPurpose>()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((user, purpose))
}
