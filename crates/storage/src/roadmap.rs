//! Rows of the validation exercise (exercises, participants, ratings), in-app notifications, and
//! the roadmap (actions with versions, append-only progress updates).

use pathways_domain::states::{ExercisePart, ExerciseStatus};
use serde::Serialize;
use serde_json::Value;
use sqlx::FromRow;

use crate::docs::StoredDoc;
use crate::{Result, Tx};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct StoredExercise {
    pub id: String,
    pub title: String,
    #[sqlx(try_from = "crate::columns::JsonText")]
    pub body: Value,
    #[sqlx(try_from = "String")]
    pub status: ExerciseStatus,
    pub round: i64,
    pub version: i64,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, sqlx::FromRow)]
pub struct Participant {
    pub user_id: String,
    pub email: String,
    #[sqlx(try_from = "String")]
    pub role: ExercisePart,
    pub economy: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, sqlx::FromRow)]
pub struct StoredRating {
    pub round: i64,
    pub item: String,
    pub user_id: String,
    pub rating: i64,
    pub stance: String,
    pub amendment: String,
    pub comment: String,
    pub answered_at: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Notification {
    pub id: String,
    pub user_id: String,
    pub text: String,
    pub link: String,
    pub created_at: String,
    pub read_at: Option<String>,
}

/// A roadmap action: its body is a `domain::roadmap::RoadmapAction`.
pub type StoredAction = StoredDoc;

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct StoredUpdate {
    pub id: String,
    pub action_id: String,
    #[sqlx(try_from = "crate::columns::JsonText")]
    pub body: Value,
    pub reported_by: String,
    pub reported_at: String,
}

fn rating_from(r: &sqlx::any::AnyRow) -> Result<StoredRating> {
    Ok(StoredRating::from_row(r)?)
}

impl Tx {
    pub async fn insert_exercise(&mut self, e: &StoredExercise) -> Result<()> {
        sqlx::query(
            "INSERT INTO exercises (id, title, body, status, round, version, created_by, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&e.id)
        .bind(&e.title)
        .bind(e.body.to_string())
        .bind(e.status.as_str())
        .bind(e.round)
        .bind(e.version)
        .bind(&e.created_by)
        .bind(&e.created_at)
        .bind(&e.updated_at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Replaces an exercise still at `expected`; `false` when someone saved in between.
    pub async fn update_exercise(&mut self, e: &StoredExercise, expected: i64) -> Result<bool> {
        let n = sqlx::query(
            "UPDATE exercises SET title = $1, body = $2, status = $3, round = $4, version = version + 1, updated_at = $5
             WHERE id = $6 AND version = $7",
        )
        .bind(&e.title)
        .bind(e.body.to_string())
        .bind(e.status.as_str())
        .bind(e.round)
        .bind(&e.updated_at)
        .bind(&e.id)
        .bind(expected)
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    pub async fn exercise(&mut self, id: &str) -> Result<Option<StoredExercise>> {
        self.one("SELECT * FROM exercises WHERE id = $1", id).await
    }

    pub async fn exercises(&mut self) -> Result<Vec<StoredExercise>> {
        self.all("SELECT * FROM exercises ORDER BY created_at DESC, id", &[])
            .await
    }

    /// Adds or changes a participant's role.
    pub async fn put_participant(
        &mut self,
        exercise: &str,
        user_id: &str,
        role: ExercisePart,
        economy: Option<&str>,
        at: &str,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO exercise_participants (exercise_id, user_id, role, economy, invited_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (exercise_id, user_id) DO UPDATE SET role = excluded.role, economy = excluded.economy",
        )
        .bind(exercise)
        .bind(user_id)
        .bind(role.as_str())
        .bind(economy)
        .bind(at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    pub async fn remove_participant(&mut self, exercise: &str, user_id: &str) -> Result<bool> {
        let n = sqlx::query("DELETE FROM exercise_participants WHERE exercise_id = $1 AND user_id = $2")
            .bind(exercise)
            .bind(user_id)
            .execute(&mut *self.tx)
            .await?
            .rows_affected();
        Ok(n == 1)
    }

    pub async fn participants(&mut self, exercise: &str) -> Result<Vec<Participant>> {
        self.all(
            "SELECT p.user_id, u.email, p.role, p.economy FROM exercise_participants p JOIN users u ON u.id = p.user_id
             WHERE p.exercise_id = $1 ORDER BY p.role, p.economy, u.email",
            &[exercise],
        )
        .await
    }

    /// Saves a delegate's answer on one item of the running round (replacing an earlier one).
    pub async fn put_rating(&mut self, exercise: &str, r: &StoredRating) -> Result<()> {
        sqlx::query(
            "INSERT INTO exercise_ratings (exercise_id, round, item, user_id, rating, stance, amendment, comment, answered_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (exercise_id, round, item, user_id) DO UPDATE SET rating = excluded.rating,
               stance = excluded.stance, amendment = excluded.amendment, comment = excluded.comment,
               answered_at = excluded.answered_at",
        )
        .bind(exercise)
        .bind(r.round)
        .bind(&r.item)
        .bind(&r.user_id)
        .bind(r.rating)
        .bind(&r.stance)
        .bind(&r.amendment)
        .bind(&r.comment)
        .bind(&r.answered_at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Every rating of an exercise, or only one user's.
    pub async fn ratings(&mut self, exercise: &str, user_id: Option<&str>) -> Result<Vec<StoredRating>> {
        let rows = sqlx::query(
            "SELECT * FROM exercise_ratings WHERE exercise_id = $1 AND ($2 IS NULL OR user_id = $3)
             ORDER BY round, item, user_id",
        )
        .bind(exercise)
        .bind(user_id)
        .bind(user_id)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter().map(rating_from).collect()
    }

    pub async fn insert_notification(&mut self, n: &Notification) -> Result<()> {
        sqlx::query(
            "INSERT INTO notifications (id, user_id, text, link, created_at, read_at) VALUES ($1, $2, $3, $4, $5, NULL)",
        )
        .bind(&n.id)
        .bind(&n.user_id)
        .bind(&n.text)
        .bind(&n.link)
        .bind(&n.created_at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    pub async fn notifications(&mut self, user_id: &str) -> Result<Vec<Notification>> {
        self.all(
            "SELECT * FROM notifications WHERE user_id = $1 ORDER BY created_at DESC, id",
            &[user_id],
        )
        .await
    }

    pub async fn unread_notifications(&mut self, user_id: &str) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
                .bind(user_id)
                .fetch_one(&mut *self.tx)
                .await?,
        )
    }

    /// Marks every unread notification of a user as read; returns how many.
    pub async fn mark_notifications_read(&mut self, user_id: &str, at: &str) -> Result<u64> {
        Ok(
            sqlx::query("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL")
                .bind(at)
                .bind(user_id)
                .execute(&mut *self.tx)
                .await?
                .rows_affected(),
        )
    }

    pub async fn insert_update(&mut self, u: &StoredUpdate) -> Result<()> {
        sqlx::query(
            "INSERT INTO action_updates (id, action_id, body, reported_by, reported_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&u.id)
        .bind(&u.action_id)
        .bind(u.body.to_string())
        .bind(&u.reported_by)
        .bind(&u.reported_at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Progress updates of one action, or of all, oldest first.
    pub async fn updates(&mut self, action_id: Option<&str>) -> Result<Vec<StoredUpdate>> {
        let rows = sqlx::query_as::<_, StoredUpdate>(
            "SELECT * FROM action_updates WHERE ($1 IS NULL OR action_id = $2) ORDER BY reported_at, id",
        )
        .bind(action_id)
        .bind(action_id)
        .fetch_all(&mut *self.tx)
        .await?;
        Ok(rows)
    }
}
