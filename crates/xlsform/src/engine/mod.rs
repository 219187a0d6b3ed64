//! Running a form: given the answers of a response, which questions are relevant, what the
//! calculations give, which answers break a `required` or `constraint` rule or their type, and
//! which choices a filtered select offers. The web form calls this on every change and renders
//! the result; nothing here keeps state between calls.
//!
//! Answers are kept by *instance path*: container and question names joined by `/`, each repeat
//! followed by its 1-based instance number, e.g. `institutions/inst[2]/mandate[1]/sector`. The
//! number of instances of a repeat is kept under the repeat's own path (`institutions/inst`).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use crate::eval::{Value, eval, parse_date};
use crate::expr::{Expr, parse};
use crate::model::{Choice, ContainerKind, Form, Item, Kind, text_in};

pub use crate::answers::Answers;

mod scope;
use scope::{At, ChoiceCtx, Work, container_key, parse_indices};

/// What the evaluation needs from outside: the date and time, and an identifier for `uuid()`.
#[derive(Debug, Clone)]
pub struct Env {
    /// Days since 1970-01-01.
    pub today: i64,
    /// Seconds since 1970-01-01 (UTC).
    pub now: f64,
    pub uuid: String,
    /// Language for messages (as in the form's `::Language (code)` columns; "" for default).
    pub language: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Flag {
    No,
    Yes,
    When(Expr),
}

#[derive(Debug, Clone)]
enum NodeKind {
    Question(Kind),
    Container(ContainerKind),
}

#[derive(Debug, Clone)]
struct Node {
    name: String,
    kind: NodeKind,
    parent: Option<usize>,
    children: Vec<usize>,
    /// Repeat containers above this node, outermost first (not the node itself).
    repeats: Vec<usize>,
    relevant: Option<Expr>,
    constraint: Option<Expr>,
    calculation: Option<Expr>,
    choice_filter: Option<Expr>,
    repeat_count: Option<Expr>,
    required: Flag,
    read_only: Flag,
    default: Option<String>,
    /// For a loop, the choice list it goes over.
    list: Option<String>,
    cells: BTreeMap<String, String>,
}

/// A form prepared for evaluation: expressions parsed once, names resolved.
#[derive(Debug, Clone)]
pub struct Engine {
    nodes: Vec<Node>,
    roots: Vec<usize>,
    by_name: HashMap<String, usize>,
    choices: HashMap<String, Vec<Choice>>,
}

/// The state of one question instance after evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionState {
    pub path: String,
    pub name: String,
    pub relevant: bool,
    pub required: bool,
    pub read_only: bool,
    /// The answer, or the calculation's result.
    pub value: String,
    /// Why the answer is not accepted, in the form's words where it has them.
    pub error: Option<String>,
}

/// The result of evaluating a response.
#[derive(Debug, Clone, Default, Serialize)]
pub struct State {
    /// Every question instance in document order.
    pub questions: Vec<QuestionState>,
    /// Instances per repeat path, after `repeat_count`.
    pub repeats: BTreeMap<String, usize>,
    /// Relevance of every container instance, by path.
    pub containers: BTreeMap<String, bool>,
}

impl State {
    pub fn question(&self, path: &str) -> Option<&QuestionState> {
        self.questions.iter().find(|q| q.path == path)
    }
    /// Relevant questions with an error.
    pub fn errors(&self) -> impl Iterator<Item = &QuestionState> {
        self.questions.iter().filter(|q| q.relevant && q.error.is_some())
    }
    /// Share of relevant, answerable questions that have an answer.
    pub fn answered_share(&self) -> f64 {
        let answerable: Vec<&QuestionState> = self.questions.iter().filter(|q| q.relevant && !q.read_only).collect();
        if answerable.is_empty() {
            return 1.0;
        }
        answerable.iter().filter(|q| !q.value.is_empty()).count() as f64 / answerable.len() as f64
    }
}

fn expr_of(cells: &BTreeMap<String, String>, col: &str) -> Option<Expr> {
    cells.get(col).and_then(|v| parse(v).ok())
}

fn flag_of(cells: &BTreeMap<String, String>, col: &str) -> Flag {
    match cells.get(col).map(|v| v.trim()) {
        None => Flag::No,
        Some(v) => match v.to_ascii_lowercase().as_str() {
            "" | "no" | "false" | "false()" | "0" => Flag::No,
            "yes" | "true" | "true()" | "1" => Flag::Yes,
            _ => parse(v).map_or(Flag::No, Flag::When),
        },
    }
}

/// One instance of a node: the node and the instance numbers of its repeats.
type Instance = (usize, Vec<usize>);

impl Engine {
    /// Prepares a form that [`crate::read`] accepted.
    pub fn new(form: &Form) -> Engine {
        let mut e = Engine {
            nodes: vec![],
            roots: vec![],
            by_name: HashMap::new(),
            choices: form
                .choices
                .iter()
                .map(|l| (l.name.clone(), l.choices.clone()))
                .collect(),
        };
        fn add(e: &mut Engine, items: &[Item], parent: Option<usize>, repeats: &[usize]) -> Vec<usize> {
            let mut ids = vec![];
            for it in items {
                let id = e.nodes.len();
                let cells = it.cells().clone();
                let kind = match it {
                    Item::Question(q) => NodeKind::Question(q.kind.clone()),
                    Item::Container(c) => NodeKind::Container(c.kind),
                };
                e.nodes.push(Node {
                    name: it.name().to_string(),
                    kind,
                    parent,
                    children: vec![],
                    repeats: repeats.to_vec(),
                    relevant: expr_of(&cells, "relevant"),
                    constraint: expr_of(&cells, "constraint"),
                    calculation: expr_of(&cells, "calculation"),
                    choice_filter: expr_of(&cells, "choice_filter"),
                    repeat_count: expr_of(&cells, "repeat_count"),
                    required: flag_of(&cells, "required"),
                    read_only: flag_of(&cells, "read_only"),
                    default: cells.get("default").cloned(),
                    list: match it {
                        Item::Container(c) => c.list.clone(),
                        Item::Question(_) => None,
                    },
                    cells,
                });
                e.by_name.entry(it.name().to_string()).or_insert(id);
                if let Item::Container(c) = it {
                    let mut inner = repeats.to_vec();
                    if c.kind != ContainerKind::Group {
                        inner.push(id);
                    }
                    let children = add(e, &c.children, Some(id), &inner);
                    e.nodes[id].children = children;
                }
                ids.push(id);
                // `or_other` brings a text question `NAME_other`, asked when "other" is chosen,
                // as pyxform generates it.
                if let Item::Question(q) = it
                    && matches!(
                        q.kind,
                        Kind::SelectOne { or_other: true, .. } | Kind::SelectMultiple { or_other: true, .. }
                    )
                {
                    let other = format!("{}_other", q.name);
                    let oid = e.nodes.len();
                    e.nodes.push(Node {
                        name: other.clone(),
                        kind: NodeKind::Question(Kind::Text),
                        parent,
                        children: vec![],
                        repeats: repeats.to_vec(),
                        relevant: parse(&format!("selected(${{{}}}, 'other')", q.name)).ok(),
                        constraint: None,
                        calculation: None,
                        choice_filter: None,
                        repeat_count: None,
                        required: Flag::Yes,
                        read_only: Flag::No,
                        default: None,
                        list: None,
                        cells: BTreeMap::from([("label".to_string(), "Specify other.".to_string())]),
                    });
                    e.by_name.entry(other).or_insert(oid);
                    ids.push(oid);
                }
            }
            ids
        }
        let roots = add(&mut e, &form.items, None, &[]);
        e.roots = roots;
        e
    }

    /// The instance path of a node instance.
    fn path(&self, node: usize, idx: &[usize]) -> String {
        let mut chain = vec![node];
        let mut p = self.nodes[node].parent;
        while let Some(x) = p {
            chain.push(x);
            p = self.nodes[x].parent;
        }
        chain.reverse();
        let mut out = String::new();
        let mut k = 0;
        for (i, n) in chain.iter().enumerate() {
            if i > 0 {
                out.push('/');
            }
            out.push_str(&self.nodes[*n].name);
            let is_repeat = matches!(
                self.nodes[*n].kind,
                NodeKind::Container(ContainerKind::Repeat | ContainerKind::Loop)
            );
            if is_repeat && *n != node {
                if let Some(ix) = idx.get(k) {
                    out.push_str(&format!("[{ix}]"));
                }
                k += 1;
            }
        }
        out
    }

    /// Fills the defaults of unanswered questions under `prefix` (a new response is `""`, a new
    /// repeat instance its path): what a form shows before anyone has typed.
    pub fn apply_defaults(&self, answers: &mut Answers, prefix: &str) {
        let state = self.state_with(answers, None);
        for (node, idx) in &state.1 {
            let n = &self.nodes[*node];
            if let (Some(d), NodeKind::Question(_)) = (&n.default, &n.kind) {
                let path = self.path(*node, idx);
                if path.starts_with(prefix) && !answers.values.contains_key(&path) && !d.contains("${") {
                    answers.values.insert(path, d.clone());
                }
            }
        }
    }

    /// Enumerates node instances in document order with the repeat counts in `counts`.
    fn instances(&self, counts: &dyn Fn(&str, usize) -> usize) -> Vec<Instance> {
        fn go(
            e: &Engine,
            ids: &[usize],
            idx: &mut Vec<usize>,
            counts: &dyn Fn(&str, usize) -> usize,
            out: &mut Vec<Instance>,
        ) {
            for &id in ids {
                out.push((id, idx.clone()));
                if let NodeKind::Container(kind) = e.nodes[id].kind {
                    if kind == ContainerKind::Group {
                        go(e, &e.nodes[id].children, idx, counts, out);
                    } else {
                        let n = counts(&e.path(id, idx), id);
                        for i in 1..=n {
                            idx.push(i);
                            go(e, &e.nodes[id].children, idx, counts, out);
                            idx.pop();
                        }
                    }
                }
            }
        }
        let mut out = vec![];
        go(self, &self.roots, &mut vec![], counts, &mut out);
        out
    }

    /// Evaluates the whole response.
    pub fn evaluate(&self, answers: &Answers, env: &Env) -> State {
        self.state_with(answers, Some(env)).0
    }

    fn state_with(&self, answers: &Answers, env: Option<&Env>) -> (State, Vec<Instance>) {
        let fallback = Env {
            today: 0,
            now: 0.0,
            uuid: String::new(),
            language: String::new(),
        };
        let env = env.unwrap_or(&fallback);
        let mut w = Work {
            engine: self,
            values: answers.values.clone(),
            hidden: HashSet::new(),
            counts: answers.repeats.clone(),
            env,
        };
        // Calculations may feed relevance, repeat counts and other calculations that come before
        // them in the form: evaluate until nothing changes (a few passes for real forms).
        let mut instances = vec![];
        for _ in 0..4 {
            let before = (w.values.clone(), w.hidden.clone(), w.counts.clone());
            // Repeat counts from `repeat_count`, evaluated in the repeat's parent context.
            let counts = w.counts.clone();
            let computed: std::cell::RefCell<BTreeMap<String, usize>> = std::cell::RefCell::new(BTreeMap::new());
            instances = self.instances(&|path, id| {
                let n = &self.nodes[id];
                match &n.repeat_count {
                    Some(e) => {
                        let idx = parse_indices(path);
                        let c = w.eval_at(e, id, &idx).as_number();
                        let c = if c.is_finite() && c > 0.0 {
                            (c as usize).min(1000)
                        } else {
                            0
                        };
                        computed.borrow_mut().insert(path.to_string(), c);
                        c
                    }
                    // A loop makes one pass per choice of its list.
                    None if matches!(n.kind, NodeKind::Container(ContainerKind::Loop)) => {
                        n.list.as_ref().and_then(|l| self.choices.get(l)).map_or(0, Vec::len)
                    }
                    None => counts.get(path).copied().unwrap_or(0),
                }
            });
            w.counts.extend(computed.into_inner());
            w.hidden.clear();
            for (id, idx) in &instances {
                let n = &self.nodes[*id];
                let path = self.path(*id, idx);
                let parent_hidden = w.is_hidden_above(&path);
                let relevant = !parent_hidden && n.relevant.as_ref().is_none_or(|e| w.eval_at(e, *id, idx).as_bool());
                if !relevant {
                    w.hidden.insert(match n.kind {
                        NodeKind::Container(_) => container_key(&path),
                        NodeKind::Question(_) => path.clone(),
                    });
                    continue;
                }
                if let (NodeKind::Question(_), Some(calc)) = (&n.kind, &n.calculation) {
                    let v = w.eval_at(calc, *id, idx);
                    let s = match v {
                        Value::Num(x) if !x.is_finite() => String::new(),
                        other => other.as_string(),
                    };
                    w.values.insert(path, s);
                }
            }
            if (w.values.clone(), w.hidden.clone(), w.counts.clone()) == before {
                break;
            }
        }
        let mut state = State {
            repeats: w.counts.clone(),
            ..State::default()
        };
        for (id, idx) in &instances {
            let n = &self.nodes[*id];
            let path = self.path(*id, idx);
            match &n.kind {
                NodeKind::Container(_) => {
                    let key = container_key(&path);
                    state.containers.insert(path, !w.hidden.contains(&key));
                }
                NodeKind::Question(kind) => {
                    let relevant = !w.hidden.contains(&path);
                    let value = w.values.get(&path).cloned().unwrap_or_default();
                    let required = relevant && w.flag(&n.required, *id, idx);
                    let read_only = matches!(kind, Kind::Calculate | Kind::Note) || w.flag(&n.read_only, *id, idx);
                    let error = if relevant {
                        self.check(&w, *id, idx, kind, &value, required)
                    } else {
                        None
                    };
                    state.questions.push(QuestionState {
                        path,
                        name: n.name.clone(),
                        relevant,
                        required,
                        read_only,
                        value,
                        error,
                    });
                }
            }
        }
        (state, instances)
    }

    fn message(&self, id: usize, col: &str, lang: &str) -> Option<String> {
        text_in(&self.nodes[id].cells, col, lang).map(str::to_string)
    }

    fn check(&self, w: &Work, id: usize, idx: &[usize], kind: &Kind, value: &str, required: bool) -> Option<String> {
        let lang = &w.env.language;
        if value.trim().is_empty() {
            return required.then(|| {
                self.message(id, "required_message", lang)
                    .unwrap_or_else(|| "This answer is required.".into())
            });
        }
        let type_error = match kind {
            Kind::Integer => (value.trim().parse::<i64>().is_err()).then(|| "Enter a whole number.".to_string()),
            Kind::Decimal => {
                (!Value::Str(value.to_string()).as_number().is_finite()).then(|| "Enter a number.".to_string())
            }
            Kind::Date => parse_date(value)
                .is_none()
                .then(|| "Enter a date as YYYY-MM-DD.".to_string()),
            Kind::Range => {
                let v = Value::Str(value.to_string()).as_number();
                let (lo, hi) = self.range_bounds(id);
                (!v.is_finite() || v < lo || v > hi).then(|| format!("Enter a number from {lo} to {hi}."))
            }
            Kind::SelectOne { or_other, .. } | Kind::SelectMultiple { or_other, .. } => {
                let offered: HashSet<String> = self
                    .choices_for(w, id, idx)
                    .into_iter()
                    .map(|c| c.name.clone())
                    .collect();
                let picked: Vec<&str> = value.split_whitespace().collect();
                let bad: Vec<&str> = picked
                    .iter()
                    .copied()
                    .filter(|p| !(offered.contains(*p) || (*or_other && *p == "other")))
                    .collect();
                if matches!(kind, Kind::SelectOne { .. }) && picked.len() > 1 {
                    Some("Choose one answer.".into())
                } else if !bad.is_empty() {
                    Some(format!("Not a choice of this question: {}.", bad.join(", ")))
                } else {
                    None
                }
            }
            _ => None,
        };
        if type_error.is_some() {
            return type_error;
        }
        let n = &self.nodes[id];
        let c = n.constraint.as_ref()?;
        if w.eval_at(c, id, idx).as_bool() {
            return None;
        }
        Some(self.message(id, "constraint_message", lang).unwrap_or_else(|| {
            format!(
                "This answer is not accepted ({}).",
                n.cells.get("constraint").cloned().unwrap_or_default()
            )
        }))
    }

    fn range_bounds(&self, id: usize) -> (f64, f64) {
        let params = self.nodes[id].cells.get("parameters").cloned().unwrap_or_default();
        let mut lo = 1.0;
        let mut hi = 10.0;
        for p in params.split([' ', ';', ',']) {
            if let Some((k, v)) = p.split_once('=') {
                let v: f64 = v.trim().parse().unwrap_or(f64::NAN);
                match k.trim() {
                    "start" if v.is_finite() => lo = v,
                    "end" if v.is_finite() => hi = v,
                    _ => {}
                }
            }
        }
        (lo.min(hi), lo.max(hi))
    }

    fn choices_for<'a>(&'a self, w: &Work, id: usize, idx: &[usize]) -> Vec<&'a Choice> {
        let n = &self.nodes[id];
        let list = match &n.kind {
            NodeKind::Question(k) => k.list(),
            _ => None,
        };
        let Some(all) = list.and_then(|l| self.choices.get(l)) else {
            return vec![];
        };
        match &n.choice_filter {
            None => all.iter().collect(),
            Some(f) => all
                .iter()
                .filter(|c| {
                    let ctx = ChoiceCtx {
                        at: At { w, node: id, idx },
                        choice: c,
                    };
                    eval(f, &ctx).is_ok_and(|v| v.as_bool())
                })
                .collect(),
        }
    }

    /// The choices a select offers at an instance (its `choice_filter` applied).
    pub fn choices(&self, answers: &Answers, env: &Env, path: &str) -> Vec<Choice> {
        let Some((id, idx)) = self.instance_of(path) else {
            return vec![];
        };
        let state = self.state_with(answers, Some(env)).0;
        let values = state
            .questions
            .iter()
            .map(|q| (q.path.clone(), q.value.clone()))
            .collect();
        let hidden = state
            .questions
            .iter()
            .filter(|q| !q.relevant)
            .map(|q| q.path.clone())
            .collect();
        let w = Work {
            engine: self,
            values,
            hidden,
            counts: state.repeats.clone(),
            env,
        };
        self.choices_for(&w, id, &idx).into_iter().cloned().collect()
    }

    fn instance_of(&self, path: &str) -> Option<Instance> {
        let last = path.rsplit('/').next()?;
        let name = last.split('[').next()?;
        let id = *self.by_name.get(name)?;
        Some((id, parse_indices(path)))
    }
}
