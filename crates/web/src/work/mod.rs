//! "My work", the signed-in home: what is waiting for the user (responses to fill in, fix or
//! review, ratings due, exercises between rounds, overdue roadmap milestones, invitations not taken
//! up) and their unread notifications. Signing in lands here.

use askama::Template;
use axum::extract::State;
use pathways_app::work::WorkItem;

use crate::AppState;
use crate::auth::MaybeAuth;
use crate::routes::Routes;
use crate::ui::{OrBack, Page, SignedIn, UiResult, page, render, when};

pub fn routes() -> Routes {
    Routes::new().get("/work", work)
}

/// A waiting item as the page shows it.
struct Row {
    /// What to do, in words.
    task: String,
    title: String,
    link: String,
    due: String,
    late: bool,
}

#[derive(Template)]
#[template(path = "work/work.html")]
struct WorkPage<'a> {
    page: Page<'a>,
    rows: Vec<Row>,
    /// Unread notifications: (when, text, link).
    unread: Vec<(String, String, String)>,
}

fn row(s: &AppState, w: WorkItem) -> Row {
    let key = format!("work-{}", w.task.as_str());
    let task = match w.task {
        // The title of an "invited" item is how many there are.
        pathways_app::work::Task::Invited => s.i18n.fmt(&key, &[("n", w.title.clone())]),
        _ => s.i18n.t(&key),
    };
    Row {
        task,
        title: if w.task == pathways_app::work::Task::Invited {
            String::new()
        } else {
            w.title
        },
        link: w.link,
        due: w.due.unwrap_or_default(),
        late: w.late,
    }
}

async fn work(State(s): State<AppState>, auth: SignedIn) -> UiResult {
    let p = auth.0.principal.clone();
    let items = s.app.my_work(&p).await.back("/")?;
    let notes = s.app.notifications(&p).await.back("/")?;
    Ok(render(WorkPage {
        page: page(&s, &MaybeAuth(Some(auth.0))),
        rows: items.into_iter().map(|w| row(&s, w)).collect(),
        unread: notes
            .into_iter()
            .filter(|n| n.read_at.is_none())
            .map(|n| (when(&n.created_at), n.text, n.link))
            .collect(),
    }))
}
