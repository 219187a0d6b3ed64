//! The roadmap's timeline: its actions as the bars of a Gantt chart.

use std::collections::BTreeMap;

use pathways_domain::roadmap::status_label;
use pathways_domain::vocab::REGION;
use pathways_reports::svg::GanttRow;

use crate::roadmap::ActionView;

/// The timeline's bars: one per intervention and period, earliest first. The same intervention
/// drafted for the region and for several economies with the same dates is one bar naming its
/// scopes, split by how many of them stand at each status, rather than a column of identical bars.
pub fn gantt_rows(actions: &[&ActionView], scope_name: impl Fn(&str) -> String) -> Vec<GanttRow> {
    let mut groups: BTreeMap<(&str, &str, &str), Vec<&ActionView>> = BTreeMap::new();
    for a in actions {
        let x = &a.action;
        groups
            .entry((x.start.as_str(), x.end.as_str(), x.title.as_str()))
            .or_default()
            .push(a);
    }
    groups
        .into_iter()
        .map(|((start, end, title), mut members)| {
            // The region first, then the economies in their usual order.
            members.sort_by_key(|a| (a.action.scope != REGION, a.action.scope.clone()));
            let statuses = pathways_domain::roadmap::STATUSES
                .iter()
                .map(|st| {
                    let count = members.iter().filter(|a| a.action.status == *st).count();
                    (st.to_string(), status_label(st).to_lowercase(), count)
                })
                .filter(|(_, _, n)| *n > 0)
                .collect();
            let n = members.len();
            let mut milestones: Vec<(String, String, usize)> = vec![];
            for m in members.iter().flat_map(|a| &a.action.milestones) {
                let reached = usize::from(m.done_on.is_some());
                match milestones.iter_mut().find(|(t, d, _)| *t == m.title && *d == m.due) {
                    Some(found) => found.2 += reached,
                    None => milestones.push((m.title.clone(), m.due.clone(), reached)),
                }
            }
            GanttRow {
                label: title.to_string(),
                detail: members
                    .iter()
                    .map(|a| scope_name(&a.action.scope))
                    .collect::<Vec<_>>()
                    .join(", "),
                start: start.to_string(),
                end: end.to_string(),
                statuses,
                milestones: milestones
                    .into_iter()
                    .map(|(t, d, k)| match k {
                        k if k == n => (t, d, true),
                        0 => (t, d, false),
                        k => (format!("{t} (reached in {k} of {n})"), d, false),
                    })
                    .collect(),
            }
        })
        .collect()
}
