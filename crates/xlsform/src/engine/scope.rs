//! What an expression sees while a form is evaluated: the answers of the instance it is in (so
//! that `${name}` inside a repeat means the sibling in the same instance), the values computed so
//! far in this pass, and for a choice filter the choice being tested.

use std::collections::{BTreeMap, HashSet};

use super::{Engine, Env, Flag, NodeKind};
use crate::eval::{Context, Value, eval, parse_date};
use crate::expr::Expr;
use crate::model::{Choice, ContainerKind, Kind, text_in};

/// Instance numbers written in a path, in order.
pub(super) fn parse_indices(path: &str) -> Vec<usize> {
    path.split('/')
        .filter_map(|seg| {
            seg.split_once('[')
                .and_then(|(_, r)| r.trim_end_matches(']').parse().ok())
        })
        .collect()
}

/// Hidden containers are recorded under their path with a trailing `/`, so that no question path
/// can collide with them.
pub(super) fn container_key(path: &str) -> String {
    format!("{path}/")
}

pub(super) struct Work<'a> {
    pub(super) engine: &'a Engine,
    pub(super) values: BTreeMap<String, String>,
    pub(super) hidden: HashSet<String>,
    pub(super) counts: BTreeMap<String, usize>,
    pub(super) env: &'a Env,
}

impl Work<'_> {
    pub(super) fn eval_at(&self, e: &Expr, node: usize, idx: &[usize]) -> Value {
        eval(e, &At { w: self, node, idx }).unwrap_or(Value::Str(String::new()))
    }

    pub(super) fn flag(&self, f: &Flag, node: usize, idx: &[usize]) -> bool {
        match f {
            Flag::No => false,
            Flag::Yes => true,
            Flag::When(e) => self.eval_at(e, node, idx).as_bool(),
        }
    }

    pub(super) fn is_hidden(&self, path: &str) -> bool {
        self.hidden.contains(path) || self.is_hidden_above(path)
    }

    /// Whether a container above `path` is not relevant. A repeat's relevance is recorded under
    /// the repeat's path (`g/inst`), its instances' contents under `g/inst[2]/...`.
    pub(super) fn is_hidden_above(&self, path: &str) -> bool {
        let mut p = path;
        while let Some((head, _)) = p.rsplit_once('/') {
            if self.hidden.contains(&container_key(head)) {
                return true;
            }
            if let Some((bare, _)) = head.rsplit_once('[')
                && self.hidden.contains(&container_key(bare))
            {
                return true;
            }
            p = head;
        }
        false
    }

    /// A question's answer as a typed value (empty when not relevant).
    pub(super) fn typed(&self, node: usize, path: &str) -> Value {
        if self.is_hidden(path) {
            return Value::Str(String::new());
        }
        let raw = self.values.get(path).cloned().unwrap_or_default();
        if raw.is_empty() {
            return Value::Str(raw);
        }
        match &self.engine.nodes[node].kind {
            NodeKind::Question(Kind::Integer | Kind::Decimal | Kind::Range) => {
                let n = Value::Str(raw.clone()).as_number();
                if n.is_finite() { Value::Num(n) } else { Value::Str(raw) }
            }
            NodeKind::Question(Kind::Date) => parse_date(&raw).map_or(Value::Str(raw), Value::Date),
            _ => Value::Str(raw),
        }
    }

    /// All instances of `node` below the instance numbers `fixed` (a prefix of its repeats).
    pub(super) fn all_instances(&self, node: usize, fixed: &[usize]) -> Vec<Vec<usize>> {
        let repeats = &self.engine.nodes[node].repeats;
        let mut out = vec![fixed.to_vec()];
        for (k, r) in repeats.iter().enumerate().skip(fixed.len()) {
            let mut next = vec![];
            for idx in &out {
                let n = self.counts.get(&self.engine.path(*r, &idx[..k])).copied().unwrap_or(0);
                for i in 1..=n {
                    let mut v = idx.clone();
                    v.push(i);
                    next.push(v);
                }
            }
            out = next;
        }
        out
    }
}

pub(super) struct At<'a> {
    pub(super) w: &'a Work<'a>,
    pub(super) node: usize,
    pub(super) idx: &'a [usize],
}

impl Context for At<'_> {
    fn reference(&self, name: &str) -> Value {
        let e = self.w.engine;
        let Some(&target) = e.by_name.get(name) else {
            return Value::Str(String::new());
        };
        let t = &e.nodes[target];
        let here = &e.nodes[self.node].repeats;
        // The current instance numbers: a repeat's own expressions (repeat_count, relevant) are
        // evaluated with its parent's numbers.
        let here_idx = &self.idx[..here.len().min(self.idx.len())];
        let common = t.repeats.iter().zip(here.iter()).take_while(|(a, b)| a == b).count();
        let fixed = &here_idx[..common.min(here_idx.len())];
        let is_repeat = matches!(t.kind, NodeKind::Container(ContainerKind::Repeat | ContainerKind::Loop));
        if is_repeat {
            // A repeat: one node per instance (what count() counts).
            let n: usize = self
                .w
                .all_instances(target, fixed)
                .iter()
                .map(|idx| self.w.counts.get(&e.path(target, idx)).copied().unwrap_or(0))
                .sum();
            return Value::Nodes(vec![Value::Str(String::new()); n]);
        }
        if common == t.repeats.len() {
            return self.w.typed(target, &e.path(target, fixed));
        }
        Value::Nodes(
            self.w
                .all_instances(target, fixed)
                .iter()
                .map(|idx| self.w.typed(target, &e.path(target, idx)))
                .collect(),
        )
    }

    fn current(&self) -> Value {
        let e = self.w.engine;
        let idx = &self.idx[..e.nodes[self.node].repeats.len().min(self.idx.len())];
        self.w.typed(self.node, &e.path(self.node, idx))
    }

    fn position(&self) -> Option<usize> {
        self.idx.last().copied()
    }

    fn today(&self) -> i64 {
        self.w.env.today
    }

    fn now(&self) -> f64 {
        self.w.env.now
    }

    fn uuid(&self) -> String {
        self.w.env.uuid.clone()
    }

    fn choice_label(&self, question: &str, value: &str) -> Option<String> {
        let e = self.w.engine;
        let id = e.by_name.get(question)?;
        let list = match &e.nodes[*id].kind {
            NodeKind::Question(k) => k.list()?,
            _ => return None,
        };
        let c = e.choices.get(list)?.iter().find(|c| c.name == value)?;
        text_in(&c.cells, "label", &self.w.env.language).map(str::to_string)
    }
}

/// Context of a `choice_filter`: bare names are the choice's columns (`name` included).
pub(super) struct ChoiceCtx<'a> {
    pub(super) at: At<'a>,
    pub(super) choice: &'a Choice,
}

impl Context for ChoiceCtx<'_> {
    fn reference(&self, name: &str) -> Value {
        self.at.reference(name)
    }
    fn path(&self, name: &str) -> Value {
        if name == "name" {
            return Value::Str(self.choice.name.clone());
        }
        Value::Str(self.choice.cells.get(name).cloned().unwrap_or_default())
    }
    fn current(&self) -> Value {
        self.at.current()
    }
    fn position(&self) -> Option<usize> {
        self.at.position()
    }
    fn today(&self) -> i64 {
        self.at.today()
    }
    fn now(&self) -> f64 {
        self.at.now()
    }
    fn uuid(&self) -> String {
        self.at.uuid()
    }
}
