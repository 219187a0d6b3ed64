//! Rows of the accounts tables: users, their personal API tokens (only a token's digest is
//! stored) and their browser sessions.

use serde::Serialize;
use sqlx::{FromRow, Row};

use crate::{Result, Tx, now};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct User {
    pub id: String,
    pub email: String,
    pub role: String,
    pub economy: Option<String>,
    #[serde(skip)]
    pub password_hash: Option<String>,
    pub created_at: String,
    #[sqlx(try_from = "crate::columns::Flag")]
    pub disabled: bool,
    /// The interface language the user chose (a locale tag), if any.
    #[sqlx(default)]
    pub locale: Option<String>,
}

/// A one-time link to set a password (an invitation or a reset); only its digest is kept.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct PasswordLink {
    #[serde(skip)]
    pub token_hash: String,
    pub user_id: String,
    /// `invite` or `reset`.
    pub purpose: String,
    pub created_by: String,
    pub created_at: String,
    pub expires_at: String,
    pub used_at: Option<String>,
}

/// A token to store: only its digest, never the token.
#[derive(Debug, Clone)]
pub struct NewToken<'a> {
    pub id: &'a str,
    pub user_id: &'a str,
    pub token_hash: &'a str,
    pub expires_at: &'a str,
    pub label: &'a str,
}

/// What may be shown of a token: never the token or its digest.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, sqlx::FromRow)]
pub struct TokenInfo {
    pub id: String,
    pub user_id: String,
    pub label: String,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Session {
    pub user_id: String,
    pub csrf_token: String,
    pub expires_at: String,
}

fn user_from(row: &sqlx::any::AnyRow) -> Result<User> {
    Ok(User::from_row(row)?)
}

impl Tx {
    pub async fn user_count(&mut self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT count(*) FROM users")
            .fetch_one(&mut *self.tx)
            .await?)
    }

    pub async fn insert_user(&mut self, u: &User) -> Result<()> {
        self.refusable(sqlx::query("INSERT INTO users (id, email, role, economy, password_hash, created_at, disabled) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(&u.id)
            .bind(&u.email)
            .bind(&u.role)
            .bind(&u.economy)
            .bind(&u.password_hash)
            .bind(&u.created_at)
            .bind(u.disabled as i64), "email").await?;
        Ok(())
    }

    pub async fn set_password(&mut self, user_id: &str, hash: &str) -> Result<()> {
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(user_id)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Records the user's interface language (`None`: the browser's decides).
    pub async fn set_user_locale(&mut self, user_id: &str, locale: Option<&str>) -> Result<()> {
        sqlx::query("UPDATE users SET locale = $1 WHERE id = $2")
            .bind(locale)
            .bind(user_id)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    pub async fn user_by_email(&mut self, email: &str) -> Result<Option<User>> {
        self.one("SELECT * FROM users WHERE lower(email) = lower($1)", email)
            .await
    }

    pub async fn user(&mut self, id: &str) -> Result<Option<User>> {
        self.one("SELECT * FROM users WHERE id = $1", id).await
    }

    pub async fn users(&mut self) -> Result<Vec<User>> {
        self.all("SELECT * FROM users ORDER BY lower(email), email", &[]).await
    }

    pub async fn insert_token(&mut self, t: &NewToken<'_>) -> Result<()> {
        sqlx::query(
            "INSERT INTO api_tokens (id, user_id, token_hash, created_at, expires_at, label) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(t.id)
        .bind(t.user_id)
        .bind(t.token_hash)
        .bind(now())
        .bind(t.expires_at)
        .bind(t.label)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// The user of a live token (not revoked, not expired at `at`, its user not disabled), the
    /// token's id and when it was last used.
    pub async fn user_by_token(
        &mut self,
        token_hash: &str,
        at: &str,
    ) -> Result<Option<(User, String, Option<String>)>> {
        let row = sqlx::query(
            "SELECT u.*, t.id AS token_id, t.last_used_at AS token_used FROM users u JOIN api_tokens t ON t.user_id = u.id
             WHERE t.token_hash = $1 AND u.disabled = 0 AND t.revoked_at IS NULL AND t.expires_at > $2",
        )
        .bind(token_hash)
        .bind(at)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref()
            .map(|r| Ok((user_from(r)?, r.try_get("token_id")?, r.try_get("token_used")?)))
            .transpose()
    }

    /// Records a use of the token, at most once a minute (`stale_before`), so that reads do not
    /// each become a write.
    pub async fn touch_token(&mut self, id: &str, at: &str, stale_before: &str) -> Result<bool> {
        let n = sqlx::query(
            "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $3)",
        )
        .bind(at)
        .bind(id)
        .bind(stale_before)
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        Ok(n > 0)
    }

    /// A user's tokens, newest first.
    pub async fn tokens(&mut self, user_id: &str) -> Result<Vec<TokenInfo>> {
        self.all(
            "SELECT id, user_id, label, created_at, expires_at, last_used_at, revoked_at FROM api_tokens
             WHERE user_id = $1 ORDER BY created_at DESC, id DESC",
            &[user_id],
        )
        .await
    }

    pub async fn token(&mut self, id: &str) -> Result<Option<TokenInfo>> {
        self.one(
            "SELECT id, user_id, label, created_at, expires_at, last_used_at, revoked_at FROM api_tokens WHERE id = $1",
            id,
        )
        .await
    }

    pub async fn revoke_token(&mut self, id: &str, at: &str) -> Result<bool> {
        let n = sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(at)
            .bind(id)
            .execute(&mut *self.tx)
            .await?
            .rows_affected();
        Ok(n > 0)
    }

    pub async fn set_user_disabled(&mut self, user_id: &str, disabled: bool) -> Result<bool> {
        let n = sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2 AND disabled <> $3")
            .bind(disabled as i64)
            .bind(user_id)
            .bind(disabled as i64)
            .execute(&mut *self.tx)
            .await?
            .rows_affected();
        Ok(n > 0)
    }

    /// Changes a user's role and economy (the schema keeps an economy for focal points only).
    pub async fn set_user_role(&mut self, user_id: &str, role: &str, economy: Option<&str>) -> Result<()> {
        sqlx::query("UPDATE users SET role = $1, economy = $2 WHERE id = $3")
            .bind(role)
            .bind(economy)
            .bind(user_id)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Removes a user's password: they can no longer sign in with it (until a link sets another).
    pub async fn clear_password(&mut self, user_id: &str) -> Result<()> {
        sqlx::query("UPDATE users SET password_hash = NULL WHERE id = $1")
            .bind(user_id)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// When each user last signed in (from the audit log), by user id.
    pub async fn last_sign_ins(&mut self) -> Result<Vec<(String, String)>> {
        Ok(sqlx::query_as(
            "SELECT actor_id, max(at) FROM audit WHERE action = 'login' AND actor_id IS NOT NULL GROUP BY actor_id",
        )
        .fetch_all(&mut *self.tx)
        .await?)
    }

    /// Stores a link; earlier unused links of the same user stop working (only the newest counts).
    pub async fn insert_password_link(&mut self, l: &PasswordLink) -> Result<()> {
        sqlx::query("UPDATE password_links SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
            .bind(&l.created_at)
            .bind(&l.user_id)
            .execute(&mut *self.tx)
            .await?;
        sqlx::query(
            "INSERT INTO password_links (token_hash, user_id, purpose, created_by, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&l.token_hash)
        .bind(&l.user_id)
        .bind(&l.purpose)
        .bind(&l.created_by)
        .bind(&l.created_at)
        .bind(&l.expires_at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// A link by its digest, used or not.
    pub async fn password_link(&mut self, token_hash: &str) -> Result<Option<PasswordLink>> {
        self.one("SELECT * FROM password_links WHERE token_hash = $1", token_hash)
            .await
    }

    /// Marks a link used if it was not; `false` when it already was (it works once).
    pub async fn use_password_link(&mut self, token_hash: &str, at: &str) -> Result<bool> {
        let n = sqlx::query("UPDATE password_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL")
            .bind(at)
            .bind(token_hash)
            .execute(&mut *self.tx)
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    /// Ends every session of a user; returns how many there were.
    pub async fn delete_sessions_of(&mut self, user_id: &str) -> Result<u64> {
        Ok(sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *self.tx)
            .await?
            .rows_affected())
    }

    pub async fn insert_session(&mut self, id_hash: &str, user_id: &str, csrf: &str, expires_at: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id_hash)
        .bind(user_id)
        .bind(csrf)
        .bind(now())
        .bind(expires_at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    pub async fn session(&mut self, id_hash: &str) -> Result<Option<Session>> {
        Ok(sqlx::query_as::<_, Session>(
            "SELECT user_id, csrf_token, expires_at FROM sessions WHERE id_hash = $1 AND expires_at > $2",
        )
        .bind(id_hash)
        .bind(now())
        .fetch_optional(&mut *self.tx)
        .await?)
    }

    pub async fn delete_session(&mut self, id_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1 OR expires_at <= $2")
            .bind(id_hash)
            .bind(now())
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }
}
