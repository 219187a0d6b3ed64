//! Exporting the responses of a round the way KoboToolbox users expect: an XLSX workbook with the
//! questions outside repeats on one sheet (a row per economy) and one sheet per repeat, each row
//! carrying its parent's keys (`_index`, `_parent_index`, `_parent_table_name`, `_submission_id`);
//! and a wide CSV with a column per answer instance. With a language, headers are the questions'
//! labels and choices their labels in that language; without, the stable codes.

use std::collections::{BTreeMap, HashMap};

use pathways_domain::cells::neutralise_row;
use pathways_domain::{Action, Principal};
use pathways_xlsform::engine::QuestionState;
use pathways_xlsform::model::{ContainerKind, Form, Item, Kind, text_in};

use crate::map::exchange::write_text;
use crate::rounds::{LoadedForm, answers_of, env_for};
use crate::{App, AppError, Result};

/// Which table a question's answers go to: the main one, or the repeat it sits in.
struct Layout {
    /// Question name → table (`""` = main) and its label.
    tables: HashMap<String, String>,
    /// Tables in document order, each with its questions (name) in order; and each repeat's parent
    /// table.
    order: Vec<(String, Vec<String>)>,
    parent: HashMap<String, String>,
}

fn layout(form: &Form) -> Layout {
    let mut l = Layout {
        tables: HashMap::new(),
        order: vec![(String::new(), vec![])],
        parent: HashMap::new(),
    };
    fn go(items: &[Item], table: &str, l: &mut Layout) {
        for it in items {
            match it {
                Item::Question(q) => {
                    if matches!(q.kind, Kind::Note) {
                        continue;
                    }
                    l.tables.insert(q.name.clone(), table.to_string());
                    if let Some((_, qs)) = l.order.iter_mut().find(|(t, _)| t == table) {
                        qs.push(q.name.clone());
                    }
                }
                Item::Container(c) if c.kind == ContainerKind::Group => go(&c.children, table, l),
                Item::Container(c) => {
                    l.parent.insert(c.name.clone(), table.to_string());
                    l.order.push((c.name.clone(), vec![]));
                    go(&c.children, &c.name, l);
                }
            }
        }
    }
    go(&form.items, "", &mut l);
    l
}

/// The instance path of a repeat in a question path: up to and including `REPEAT[n]`.
fn instance_of(path: &str, repeat: &str) -> Option<String> {
    let mut acc = String::new();
    let mut found = None;
    for (i, seg) in path.split('/').enumerate() {
        if i > 0 {
            acc.push('/');
        }
        acc.push_str(seg);
        if seg.split('[').next() == Some(repeat) && seg.contains('[') {
            found = Some(acc.clone());
        }
    }
    found
}

struct Labeller<'a> {
    form: &'a Form,
    lang: Option<&'a str>,
    lists: HashMap<&'a str, Option<&'a str>>,
}

impl Labeller<'_> {
    fn header(&self, name: &str) -> String {
        match self.lang {
            None => name.to_string(),
            Some(l) => self
                .form
                .questions()
                .find(|q| q.name == name)
                .and_then(|q| text_in(&q.cells, "label", l))
                .unwrap_or(name)
                .to_string(),
        }
    }

    fn value(&self, q: &QuestionState) -> String {
        let (Some(lang), Some(Some(list))) = (self.lang, self.lists.get(q.name.as_str())) else {
            return q.value.clone();
        };
        let Some(l) = self.form.choice_list(list) else {
            return q.value.clone();
        };
        q.value
            .split_whitespace()
            .map(|v| {
                l.choices
                    .iter()
                    .find(|c| c.name == v)
                    .and_then(|c| text_in(&c.cells, "label", lang))
                    .unwrap_or(v)
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// A number written as one (a figure, a year), not a code that looks like one (`007`, `+381`).
fn plain_number(v: &str) -> Option<f64> {
    let x: f64 = v.parse().ok()?;
    let leading_zero = v.starts_with('0') && v.len() > 1 && !v.starts_with("0.");
    (x.is_finite() && !leading_zero && !v.starts_with('+') && !v.contains(['e', 'E'])).then_some(x)
}

/// One table: headers and rows.
type Table = (Vec<String>, Vec<Vec<String>>);

/// The files a round's responses export to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponsesFormat {
    /// A sheet for the responses and one per repeat, with parent keys.
    Xlsx,
    /// One wide CSV, repeats numbered across.
    Csv,
}

impl ResponsesFormat {
    pub fn mime(self) -> &'static str {
        match self {
            ResponsesFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ResponsesFormat::Csv => "text/csv; charset=utf-8",
        }
    }

    pub fn file_name(self) -> &'static str {
        match self {
            ResponsesFormat::Xlsx => "responses.xlsx",
            ResponsesFormat::Csv => "responses.csv",
        }
    }
}

impl App {
    async fn export_tables(
        &self,
        p: &Principal,
        round_id: &str,
        lang: Option<&str>,
    ) -> Result<(std::sync::Arc<LoadedForm>, Vec<(String, Table)>, Table)> {
        let mut tx = self.store.read().await?;
        let round = tx.round(round_id).await?.ok_or_else(|| AppError::NotFound {
            kind: "round".into(),
            id: round_id.into(),
        })?;
        let responses: Vec<_> = tx
            .responses(round_id)
            .await?
            .into_iter()
            .filter(|r| p.may(Action::ReadResponse, Some(&r.economy)))
            .collect();
        drop(tx);
        if responses.is_empty() {
            return Err(AppError::Forbidden(pathways_domain::wording::say(
                "refuse-round-responses",
                &[],
            )));
        }
        let loaded = self.form(&round.questionnaire_id).await?;
        let form = &loaded.form;
        let lang = lang.filter(|l| form.languages().iter().any(|x| x == l));
        let lab = Labeller {
            form,
            lang,
            lists: form.questions().map(|q| (q.name.as_str(), q.kind.list())).collect(),
        };
        let lay = layout(form);
        let env = env_for(form);
        let keys = [
            "_submission_id",
            "economy",
            "state",
            "version",
            "updated_by",
            "updated_at",
        ];
        // Sheets, with each instance's row number for the children's `_parent_index`.
        let mut sheets: Vec<(String, Table)> = vec![];
        let mut row_of: HashMap<String, usize> = HashMap::new();
        let mut wide_cols: Vec<String> = vec![];
        let mut wide_rows: Vec<BTreeMap<String, String>> = vec![];
        for (table, questions) in &lay.order {
            let mut headers: Vec<String> = if table.is_empty() {
                keys.iter().map(|s| s.to_string()).collect()
            } else {
                [
                    "_index",
                    "_parent_index",
                    "_parent_table_name",
                    "_submission_id",
                    "economy",
                ]
                .iter()
                .map(|s| s.to_string())
                .collect()
            };
            headers.extend(questions.iter().map(|q| lab.header(q)));
            sheets.push((
                if table.is_empty() {
                    "responses".into()
                } else {
                    table.clone()
                },
                (headers, vec![]),
            ));
        }
        for (n, r) in responses.iter().enumerate() {
            let state = loaded.engine.evaluate(&answers_of(&r.answers)?, &env);
            let meta = [
                r.id.clone(),
                r.economy.clone(),
                r.state.to_string(),
                r.version.to_string(),
                r.updated_by.clone(),
                r.updated_at.clone(),
            ];
            let mut wide: BTreeMap<String, String> =
                keys.iter().map(|k| k.to_string()).zip(meta.iter().cloned()).collect();
            // Main row.
            let mut main = meta.to_vec();
            for q in &lay.order[0].1 {
                let v = state
                    .questions
                    .iter()
                    .find(|s| s.name == *q && s.relevant && !s.path.contains('['))
                    .map(|s| lab.value(s))
                    .unwrap_or_default();
                main.push(v);
            }
            sheets[0].1.1.push(main);
            row_of.insert(format!("{}|", r.id), n + 1);
            // Repeat rows, in document order of their instances.
            for (ti, (table, questions)) in lay.order.iter().enumerate().skip(1) {
                let mut instances: Vec<String> = vec![];
                for s in &state.questions {
                    if let Some(i) = instance_of(&s.path, table)
                        && !instances.contains(&i)
                    {
                        instances.push(i);
                    }
                }
                for inst in instances {
                    let parent_table = lay.parent.get(table).cloned().unwrap_or_default();
                    let parent_key = match parent_table.as_str() {
                        "" => format!("{}|", r.id),
                        pt => format!("{}|{}", r.id, instance_of(&inst, pt).unwrap_or_default()),
                    };
                    let index = sheets[ti].1.1.len() + 1;
                    row_of.insert(format!("{}|{inst}", r.id), index);
                    let mut row = vec![
                        index.to_string(),
                        row_of.get(&parent_key).map(|x| x.to_string()).unwrap_or_default(),
                        if parent_table.is_empty() {
                            "responses".into()
                        } else {
                            parent_table.clone()
                        },
                        r.id.clone(),
                        r.economy.clone(),
                    ];
                    for q in questions {
                        let v = state
                            .questions
                            .iter()
                            .find(|s| {
                                s.name == *q
                                    && s.relevant
                                    && instance_of(&s.path, table).as_deref() == Some(inst.as_str())
                                    && s.path.rsplit_once('/').is_some_and(|(h, _)| h.starts_with(&inst))
                            })
                            .map(|s| lab.value(s))
                            .unwrap_or_default();
                        row.push(v);
                    }
                    sheets[ti].1.1.push(row);
                }
            }
            for s in &state.questions {
                if !s.relevant {
                    continue;
                }
                if !wide_cols.contains(&s.path) {
                    wide_cols.push(s.path.clone());
                }
                wide.insert(s.path.clone(), lab.value(s));
            }
            wide_rows.push(wide);
        }
        let mut headers: Vec<String> = keys.iter().map(|s| s.to_string()).collect();
        headers.extend(wide_cols.iter().cloned());
        let rows = wide_rows
            .into_iter()
            .map(|w| headers.iter().map(|h| w.get(h).cloned().unwrap_or_default()).collect())
            .collect();
        Ok((loaded, sheets, (headers, rows)))
    }

    /// The round's responses as an XLSX workbook: a sheet of responses, one per repeat, and the
    /// questions with their labels.
    /// A round's responses in `format`, with labels in `lang` (codes when `None`).
    pub async fn export_responses(
        &self,
        p: &Principal,
        round_id: &str,
        lang: Option<&str>,
        format: ResponsesFormat,
    ) -> Result<Vec<u8>> {
        match format {
            ResponsesFormat::Xlsx => self.export_responses_xlsx(p, round_id, lang).await,
            ResponsesFormat::Csv => self.export_responses_csv(p, round_id, lang).await,
        }
    }

    pub async fn export_responses_xlsx(&self, p: &Principal, round_id: &str, lang: Option<&str>) -> Result<Vec<u8>> {
        use rust_xlsxwriter::{Format, Workbook};
        let err = |e: rust_xlsxwriter::XlsxError| AppError::Internal(e.to_string());
        let (loaded, sheets, _) = self.export_tables(p, round_id, lang).await?;
        let mut wb = Workbook::new();
        let bold = Format::new().set_bold();
        let mut used: Vec<String> = vec![];
        for (name, (headers, rows)) in &sheets {
            // Sheet names: at most 31 characters, unique.
            let mut sheet_name: String = name.chars().take(31).collect();
            let mut n = 2;
            while used.contains(&sheet_name) {
                sheet_name = format!("{}-{n}", name.chars().take(28).collect::<String>());
                n += 1;
            }
            used.push(sheet_name.clone());
            let ws = wb.add_worksheet().set_name(&sheet_name).map_err(err)?;
            for (c, h) in headers.iter().enumerate() {
                ws.write_string_with_format(0, c as u16, h, &bold).map_err(err)?;
            }
            for (r, row) in rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    match plain_number(v) {
                        Some(x) => {
                            ws.write_number(r as u32 + 1, c as u16, x).map_err(err)?;
                        }
                        None => write_text(ws, r as u32 + 1, c as u16, v).map_err(err)?,
                    }
                }
            }
            ws.set_freeze_panes(1, 0).map_err(err)?;
        }
        let form = &loaded.form;
        let lang = lang.unwrap_or_else(|| form.default_language().unwrap_or(""));
        let ws = wb.add_worksheet().set_name("questions").map_err(err)?;
        for (c, h) in ["name", "type", "label", "binding"].iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &bold).map_err(err)?;
        }
        for (r, q) in form.questions().enumerate() {
            let cells = [
                q.name.clone(),
                q.kind.written(),
                text_in(&q.cells, "label", lang).unwrap_or("").to_string(),
                q.cells.get("binding").cloned().unwrap_or_default(),
            ];
            for (c, v) in cells.iter().enumerate() {
                write_text(ws, r as u32 + 1, c as u16, v).map_err(err)?;
            }
        }
        wb.save_to_buffer().map_err(err)
    }

    /// The round's responses as one wide CSV: a row per economy, a column per answer instance.
    pub async fn export_responses_csv(&self, p: &Principal, round_id: &str, lang: Option<&str>) -> Result<Vec<u8>> {
        let (_, _, (headers, rows)) = self.export_tables(p, round_id, lang).await?;
        let mut w = csv::Writer::from_writer(vec![]);
        w.write_record(neutralise_row(&headers))
            .map_err(|e| AppError::Internal(e.to_string()))?;
        for r in rows {
            w.write_record(neutralise_row(&r))
                .map_err(|e| AppError::Internal(e.to_string()))?;
        }
        w.into_inner().map_err(|e| AppError::Internal(e.to_string()))
    }
}
