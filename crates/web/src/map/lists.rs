//! Lists of a kind of record with their filters, and their exports (CSV, XLSX, SDMX-CSV, the
//! whole map as one workbook, the stakeholders as a Kumu workbook).
//!
//! Handlers list their axum extractors one a line, as every handler does; the likeness with other
//! handlers is that of the framework, on purpose.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use pathways_app::AppError;
use pathways_app::domain::Kind;

use super::api::{filter_fields, kind_of, list_filter};
use super::labels::{self, Labels, options};
use crate::AppState;
use crate::auth::MaybeAuth;
use crate::routes::Routes;
use crate::ui::{OrBack, Page, UiResult, XLSX, download, page, render, text};

pub(super) fn routes() -> Routes {
    Routes::new()
        .get("/export/all.xlsx", export_all)
        .get("/export/stakeholders.xlsx", export_kumu)
        .get("/{plural}", list)
        .get("/{plural}/export.csv", export_csv)
        .get("/{plural}/export.xlsx", export_xlsx)
        .get("/{plural}/export.sdmx.csv", export_sdmx)
}

// ---- lists and exports ------------------------------------------------------------------------

/// The columns a list shows for a kind (the first links to the record).
fn list_columns(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Institution => &["name", "acronym", "kind", "stages"],
        Kind::Relationship => &["kind", "from", "to", "description"],
        Kind::Pathway => &["name", "permit_type", "legal_basis", "validity"],
        Kind::Observation => &["indicator", "period", "citizenship", "sector", "pathway", "value"],
        Kind::Practice => &["check", "stage", "status", "responsible"],
        Kind::AgencyRegulation => &["scope", "licensing", "authority"],
        Kind::CooSystem => &["name", "purpose", "operator"],
        Kind::Framework => &["name", "category", "content"],
    }
}

/// Coded choices of a select: `(code, label)`.
type Options = Vec<(String, String)>;

struct Row {
    id: String,
    owner: String,
    cells: Vec<String>,
    confidence: String,
    date: String,
}

#[derive(Template)]
#[template(path = "map/list.html")]
struct ListPage<'a> {
    page: Page<'a>,
    title: String,
    plural: String,
    owners: Vec<(String, String)>,
    economy: String,
    /// (field, its label, its options, the chosen value).
    filters: Vec<(String, String, Options, String)>,
    q: String,
    query: String,
    columns: Vec<String>,
    rows: Vec<Row>,
}

async fn list(
    State(s): State<AppState>,
    auth: MaybeAuth,
    Path(plural): Path<String>,
    Query(params): Query<BTreeMap<String, String>>,
) -> UiResult {
    let back = format!("/{plural}");
    let kind = kind_of(&plural).back("/")?;
    let f = list_filter(kind, &params).back(&back)?;
    let records = s.app.list(&auth.reader(), kind, &f).await.back(&back)?;
    let cols = list_columns(kind);
    let labels = Labels::load(&s, &auth.reader(), kind).await;
    let mut rows: Vec<Row> = records
        .iter()
        .map(|r| Row {
            id: r.id.clone(),
            owner: r.owner.as_deref().map(|o| labels.owner(o)).unwrap_or_default(),
            cells: cols.iter().map(|c| labels.of(c, &r.body[*c])).collect(),
            confidence: s.i18n.confidence(&r.body["provenance"]["confidence"]),
            date: text(&r.body["provenance"]["date"]),
        })
        .collect();
    // In the reader's alphabetical order (č after c, ë after e, Cyrillic in its own): by
    // economy, then by the first column.
    let order = s.i18n.formats();
    fn first(r: &Row) -> &str {
        r.cells.first().map_or("", String::as_str)
    }
    rows.sort_by(|a, b| {
        order
            .compare(&a.owner, &b.owner)
            .then_with(|| order.compare(first(a), first(b)))
    });
    let v = s.vocab();
    let mut owners: Vec<(String, String)> = v
        .economies
        .iter()
        .map(|e| (e.code.clone(), e.display_name.clone()))
        .collect();
    if matches!(kind, Kind::Institution | Kind::CooSystem | Kind::Relationship) {
        owners.extend(
            v.origins
                .iter()
                .map(|c| (c.clone(), v.owner_name(c).unwrap_or(c).to_string())),
        );
    }
    if kind == Kind::Observation {
        owners.push((pathways_app::domain::vocab::REGION.into(), s.i18n.t("opt-region")));
    }
    let filters = filter_fields(kind)
        .iter()
        .filter_map(|field| {
            let opts = options(&s, kind, field)?;
            Some((
                field.to_string(),
                labels::field(&s.i18n, field),
                opts,
                params.get(*field).cloned().unwrap_or_default(),
            ))
        })
        .collect();
    let query = serde_urlencoded::to_string(&params).unwrap_or_default();
    Ok(render(ListPage {
        page: page(&s, &auth),
        title: s.i18n.t(&format!("kind-{}", kind.as_str())),
        plural,
        owners,
        economy: f.owner.unwrap_or_default(),
        filters,
        q: f.text.unwrap_or_default(),
        query,
        columns: cols.iter().map(|c| labels::field(&s.i18n, c)).collect(),
        rows,
    }))
}

/// The export formats of a list.
#[derive(Clone, Copy)]
enum ExportFormat {
    Csv,
    Xlsx,
    Sdmx,
}

/// A list's records as a download, with the list's filters.
async fn export_list(
    s: &AppState,
    auth: &MaybeAuth,
    plural: &str,
    params: &BTreeMap<String, String>,
    format: ExportFormat,
) -> UiResult {
    let r = async {
        let kind = kind_of(plural)?;
        let f = list_filter(kind, params)?;
        match format {
            ExportFormat::Csv => s.app.export_csv(&auth.reader(), kind, &f).await,
            ExportFormat::Xlsx => s.app.export_xlsx(&auth.reader(), &[kind], &f).await,
            ExportFormat::Sdmx if kind == Kind::Observation => s.app.export_observations_sdmx(&auth.reader(), &f).await,
            ExportFormat::Sdmx => Err(AppError::NotFound {
                kind: "export".into(),
                id: format!("{plural}/export.sdmx.csv"),
            }),
        }
    }
    .await
    .back(format!("/{plural}"))?;
    Ok(match format {
        ExportFormat::Csv => download(r, "text/csv; charset=utf-8", &format!("{plural}.csv")),
        ExportFormat::Xlsx => download(r, XLSX, &format!("{plural}.xlsx")),
        ExportFormat::Sdmx => download(r, "text/csv; charset=utf-8", &format!("{plural}.sdmx.csv")),
    })
}

async fn export_csv(
    State(s): State<AppState>,
    auth: MaybeAuth,
    Path(plural): Path<String>,
    Query(q): Query<BTreeMap<String, String>>,
) -> UiResult {
    export_list(&s, &auth, &plural, &q, ExportFormat::Csv).await
}

async fn export_xlsx(
    State(s): State<AppState>,
    auth: MaybeAuth,
    Path(plural): Path<String>,
    Query(q): Query<BTreeMap<String, String>>,
) -> UiResult {
    export_list(&s, &auth, &plural, &q, ExportFormat::Xlsx).await
}

async fn export_sdmx(
    State(s): State<AppState>,
    auth: MaybeAuth,
    Path(plural): Path<String>,
    Query(q): Query<BTreeMap<String, String>>,
) -> UiResult {
    export_list(&s, &auth, &plural, &q, ExportFormat::Sdmx).await
}

async fn export_all(
    State(s): State<AppState>,
    auth: MaybeAuth,
    Query(params): Query<BTreeMap<String, String>>,
) -> UiResult {
    let f = pathways_app::map::records::ListFilter::of_owner(
        params.get("economy").map(|e| e.to_ascii_uppercase()).as_deref(),
    );
    let b = s
        .app
        .export_xlsx(&auth.reader(), &Kind::ALL, &f)
        .await
        .back("/import")?;
    Ok(download(b, XLSX, "pathways.xlsx"))
}

async fn export_kumu(
    State(s): State<AppState>,
    auth: MaybeAuth,
    Query(params): Query<BTreeMap<String, String>>,
) -> UiResult {
    let owner = params.get("economy").map(|e| e.to_ascii_uppercase());
    let b = s
        .app
        .export_kumu(&auth.reader(), owner.as_deref())
        .await
        .back("/import")?;
    Ok(download(b, XLSX, "stakeholders.xlsx"))
}
