//! The response form: pages of questions built from the form's evaluation, saving answers
//! (merged with what others saved meanwhile) and submission.
//!
//! Handlers list their axum extractors and page structs their askama fields one a line, as every
//! feature does: alike with other features on purpose (the framework's shape, not shared logic).

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use pathways_app::AppError;
use pathways_app::rounds::{Changes, answers_of};
use pathways_xlsform::model::text_in;

use super::view::{FormView, form_view, page_of};
use crate::AppState;
use crate::auth::MaybeAuth;
use crate::routes::Routes;
use crate::ui::{OrBack, Page, SignedIn, UiResult, fail, page, render};
use crate::ui::{form_get as first, form_pairs as pairs};

pub(super) fn routes() -> Routes {
    Routes::new()
        .get("/responses/{id}", response_page)
        .post("/responses/{id}/save", save)
        .post("/responses/{id}/submit", submit)
}

#[derive(Template)]
#[template(path = "rounds/response.html")]
struct ResponsePage<'a> {
    page: Page<'a>,
    f: FormView,
}

#[derive(Template)]
#[template(path = "rounds/response_fragment.html")]
struct ResponseFragment<'a> {
    page: Page<'a>,
    f: FormView,
}

#[derive(serde::Deserialize, Default)]
struct PageQuery {
    page: Option<String>,
    /// The questionnaire's language shown (not the interface's, which is `lang`).
    #[serde(rename = "form_lang")]
    lang: Option<String>,
    /// Set after a refused submission: missing answers are shown on every page.
    check: Option<String>,
}

async fn response_page(
    State(s): State<AppState>,
    auth: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> UiResult {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let f = form_view(&s, &p, &id, q.page.as_deref(), q.lang.as_deref(), q.check.is_some())
        .await
        .back("/rounds")?;
    Ok(render(ResponsePage {
        page: page(&s, &mauth),
        f,
    }))
}

/// Saves what a page posted: with htmx, only the answer that changed (`only`); without, every
/// answer of the page whose value differs from the stored one. Answers arrive as `a:PATH`.
async fn save(
    State(s): State<AppState>,
    auth: SignedIn,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: String,
) -> UiResult {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let f = pairs(&body);
    let htmx = headers.contains_key("hx-request");
    let page_name = first(&f, "page").map(str::to_string);
    let lang = first(&f, "form_lang").map(str::to_string);
    let version: i64 = first(&f, "version").and_then(|v| v.parse().ok()).unwrap_or(0);
    let mut posted: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, v) in &f {
        if let Some(path) = k.strip_prefix("a:") {
            posted.entry(path.to_string()).or_default().push(v.clone());
        }
    }
    let touched: Vec<String> = match first(&f, "only") {
        Some(one) => vec![one.to_string()],
        None => f
            .iter()
            .filter(|(k, _)| k == "touched")
            .map(|(_, v)| v.clone())
            .collect(),
    };
    let current = s.app.response(&p, &id).await.back("/rounds")?;
    let mut changes = Changes::default();
    for path in &touched {
        let new = posted
            .get(path)
            .map(|v| {
                v.iter()
                    .map(|x| x.trim())
                    .filter(|x| !x.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        let old = current
            .state
            .question(path)
            .map(|q| q.value.clone())
            .unwrap_or_default();
        if new != old {
            changes.set.insert(path.clone(), new);
        }
    }
    if let Some(r) = first(&f, "add") {
        changes.add.push(r.to_string());
    }
    if let Some((r, i)) = first(&f, "remove").and_then(|x| x.rsplit_once('|'))
        && let Ok(i) = i.parse()
    {
        changes.remove.push((r.to_string(), i));
    }
    let mut problems = vec![];
    let mut conflict = vec![];
    let mut saved = false;
    if !changes.set.is_empty() || !changes.add.is_empty() || !changes.remove.is_empty() {
        match s.app.save_answers(&p, &id, version, &changes).await {
            Ok(_) => saved = true,
            Err(AppError::ResponseConflict {
                current, overlapping, ..
            }) => {
                let theirs = answers_of(&current.answers).unwrap_or_default();
                for k in overlapping {
                    let their = theirs.values.get(&k).cloned().unwrap_or_default();
                    let yours = changes
                        .set
                        .get(&k)
                        .cloned()
                        .unwrap_or_else(|| s.i18n.t("response-repeat-change"));
                    conflict.push((k, their, yours));
                }
            }
            Err(AppError::Invalid(ps)) => problems = ps.iter().map(crate::i18n::problem).collect(),
            Err(e) => return fail(e, format!("/responses/{id}")),
        }
    }
    if !htmx && problems.is_empty() && conflict.is_empty() {
        let mut url = format!(
            "/responses/{id}?page={}",
            crate::ui::urlencode(page_name.as_deref().unwrap_or(""))
        );
        if let Some(l) = &lang {
            url.push_str(&format!("&form_lang={}", crate::ui::urlencode(l)));
        }
        return Ok(Redirect::to(&url).into_response());
    }
    let checking = first(&f, "check").is_some();
    let mut fv = form_view(&s, &p, &id, page_name.as_deref(), lang.as_deref(), checking)
        .await
        .back("/rounds")?;
    fv.problems = problems;
    fv.conflict = conflict;
    fv.saved = saved;
    let status = if fv.conflict.is_empty() && fv.problems.is_empty() {
        StatusCode::OK
    } else if fv.conflict.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::CONFLICT
    };
    Ok(if htmx {
        // htmx swaps only 2xx answers by default; the refusal is part of the page, so send 200.
        render(ResponseFragment {
            page: page(&s, &mauth),
            f: fv,
        })
    } else {
        (
            status,
            render(ResponsePage {
                page: page(&s, &mauth),
                f: fv,
            }),
        )
            .into_response()
    })
}

async fn submit(State(s): State<AppState>, auth: SignedIn, Path(id): Path<String>, body: String) -> UiResult {
    let p = auth.0.principal.clone();
    let mauth = MaybeAuth(Some(auth.0));
    let f = pairs(&body);
    let version: i64 = first(&f, "version").and_then(|v| v.parse().ok()).unwrap_or(0);
    Ok(match s.app.submit(&p, &id, version).await {
        Ok(_) => Redirect::to(&format!("/responses/{id}")).into_response(),
        Err(AppError::Invalid(ps)) => {
            let mut fv = form_view(&s, &p, &id, first(&f, "page"), first(&f, "form_lang"), true)
                .await
                .back("/rounds")?;
            // Each problem names its question and links to the page it is on.
            if let Ok(view) = s.app.response(&p, &id).await
                && let Ok(loaded) = s.app.form(&view.round.questionnaire_id).await
            {
                let form = &loaded.form;
                let lang = fv.lang.clone();
                for pr in &ps {
                    let path = pr.field.clone().unwrap_or_default();
                    let name = path
                        .rsplit('/')
                        .next()
                        .unwrap_or("")
                        .split('[')
                        .next()
                        .unwrap_or("")
                        .to_string();
                    let label = form
                        .questions()
                        .find(|q| q.name == name)
                        .and_then(|q| text_in(&q.cells, "label", &lang))
                        .unwrap_or(&name)
                        .to_string();
                    let href = format!(
                        "/responses/{id}?page={}&form_lang={}&check=1#q-{path}",
                        crate::ui::urlencode(&page_of(&path, form)),
                        fv.lang_q
                    );
                    fv.missing.push((href, label, pr.message.clone()));
                }
            } else {
                fv.problems = ps.iter().map(crate::i18n::problem).collect();
            }
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                render(ResponsePage {
                    page: page(&s, &mauth),
                    f: fv,
                }),
            )
                .into_response()
        }
        Err(e) => return fail(e, format!("/responses/{id}")),
    })
}
