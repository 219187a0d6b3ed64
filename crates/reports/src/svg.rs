//! Small, dependency-free SVG figures: bar charts and series over time, the latest figures side
//! by side, the relationship network of an economy, the power/interest grid, the stage × economy
//! heat map, grouped score bars and the roadmap's Gantt chart. Each figure has a `<title>` and
//! `<desc>` so that screen readers get the same information, and the tables beside them carry
//! the exact numbers.

use std::fmt::Write;

pub use crate::measure::{nice_step, wrap};

use pathways_domain::entity::PracticeStatus;

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub use pathways_domain::number::thousands;

/// How a chart writes its figures (`50,397`, `50.397`, `50 397`): the reader's locale's way,
/// chosen by the caller, so that a chart reads like the page or document around it.
pub type Number<'a> = &'a dyn Fn(f64) -> String;

/// The baseline and the value axis of a vertical bar chart, with ticks at round values (1, 2 or
/// 5 times a power of ten) up to the first one above the data, and the axis title saying what is
/// counted; `(w, left, top, base)` place the plot. Returns the axis maximum.
fn value_axis(s: &mut String, (w, left, top, base): (f64, f64, f64, f64), max: f64, unit: &str, number: Number) -> f64 {
    let _ = write!(
        s,
        r##"<line x1="{left}" y1="{base}" x2="{}" y2="{base}" stroke="#98a2b3"/>"##,
        w - 10.0
    );
    let tick = nice_step(max / 4.0);
    let max = (max / tick).ceil() * tick;
    let mut v = 0.0;
    while v <= max + tick / 2.0 {
        let y = base - (base - top) * v / max;
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" font-size="11" text-anchor="end" fill="#5b6573">{}</text><line x1="{left}" y1="{y}" x2="{}" y2="{y}" stroke="#eef1f5"/>"##,
            left - 6.0,
            y + 4.0,
            number(v),
            w - 10.0
        );
        v += tick;
    }
    let _ = write!(
        s,
        r##"<text x="14" y="{:.1}" font-size="11" fill="#5b6573" transform="rotate(-90 14 {:.1})" text-anchor="middle">{}</text>"##,
        (top + base) / 2.0,
        (top + base) / 2.0,
        esc(unit)
    );
    max
}

/// A vertical bar chart of `(label, value)` in the given order.
pub fn bars(title: &str, unit: &str, points: &[(String, f64)], number: Number) -> String {
    if points.is_empty() {
        return String::new();
    }
    let (w, h, left, bottom, top) = (640.0, 260.0, 70.0, 50.0, 20.0);
    let max = points.iter().map(|p| p.1).fold(0.0_f64, f64::max).max(1.0);
    let step = (w - left - 10.0) / points.len() as f64;
    let bw = (step * 0.6).min(60.0);
    let mut s = open(
        w,
        h,
        title,
        &points
            .iter()
            .map(|(l, v)| format!("{l}: {} {unit}", number(*v)))
            .collect::<Vec<_>>()
            .join("; "),
    );
    let base = h - bottom;
    let max = value_axis(&mut s, (w, left, top, base), max, unit, number);
    for (i, (label, v)) in points.iter().enumerate() {
        let x = left + step * i as f64 + (step - bw) / 2.0;
        let bh = (base - top) * v / max;
        let _ = write!(
            s,
            r##"<rect x="{x:.1}" y="{:.1}" width="{bw:.1}" height="{bh:.1}" fill="#0b5cad"><title>{}: {}</title></rect><text x="{:.1}" y="{:.1}" font-size="11" text-anchor="middle">{}</text><text x="{:.1}" y="{}" font-size="11" text-anchor="middle" fill="#1b2430">{}</text>"##,
            base - bh,
            esc(label),
            number(*v),
            x + bw / 2.0,
            base - bh - 4.0,
            number(*v),
            x + bw / 2.0,
            base + 16.0,
            esc(label)
        );
    }
    s.push_str("</svg>");
    s
}

/// A series over time, each bar placed and sized by its period on a time axis to scale (a
/// half-year is half as wide as a year, a gap of years shows as a gap), with a tick per year.
/// `points` are (period as recorded — `2023`, `2024-S1`, `2024-02/2025-01` —, value); when a
/// period cannot be read the series is drawn as plain bars in the given order.
pub fn series(
    title: &str,
    unit: &str,
    points: &[(String, f64)],
    words: impl Fn(&str) -> String,
    number: Number,
) -> String {
    use pathways_domain::period::period_months;
    let spans: Option<Vec<(u32, u32, f64)>> = points
        .iter()
        .map(|(p, v)| period_months(p).map(|(a, b)| (a, b + 1, *v)))
        .collect();
    let Some(spans) = spans.filter(|s| !s.is_empty()) else {
        let labelled: Vec<(String, f64)> = points.iter().map(|(p, v)| (words(p), *v)).collect();
        return bars(title, unit, &labelled, number);
    };
    // Whole years from the first to the last period, so that ticks fall on 1 January.
    let first = spans.iter().map(|s| s.0).min().unwrap_or(0) / 12 * 12;
    let last = spans.iter().map(|s| s.1).max().unwrap_or(12).div_ceil(12) * 12;
    let (w, h, left, bottom, top) = (640.0, 260.0, 70.0, 40.0, 20.0);
    let plot = w - left - 10.0;
    let months = f64::from((last - first).max(1));
    let x = |m: u32| left + plot * f64::from(m - first) / months;
    let max = spans.iter().map(|s| s.2).fold(0.0_f64, f64::max).max(1.0);
    let mut s = open(
        w,
        h,
        title,
        &points
            .iter()
            .map(|(p, v)| format!("{}: {} {unit}", words(p), number(*v)))
            .collect::<Vec<_>>()
            .join("; "),
    );
    let base = h - bottom;
    let max = value_axis(&mut s, (w, left, top, base), max, unit, number);
    // A tick per year; a label per year while they fit, else every few years.
    let years = (last - first) / 12;
    let every = years.div_ceil(12).max(1);
    for k in 0..=years {
        let m = first + 12 * k;
        let _ = write!(
            s,
            r##"<line x1="{0:.1}" y1="{base}" x2="{0:.1}" y2="{1}" stroke="#98a2b3"/>"##,
            x(m),
            base + 5.0
        );
        if k < years && k % every == 0 {
            let _ = write!(
                s,
                r##"<text x="{:.1}" y="{}" font-size="11" text-anchor="middle" fill="#1b2430">{}</text>"##,
                (x(m) + x(m + 12)) / 2.0,
                base + 18.0,
                m / 12
            );
        }
    }
    for ((p, _), (a, b, v)) in points.iter().zip(&spans) {
        // A bar spans its period, less a small gap, and is never thinner than 4 px.
        let (x0, x1) = (x(*a), x(*b));
        let gap = ((x1 - x0) * 0.12).min(6.0);
        let bw = (x1 - x0 - 2.0 * gap).max(4.0);
        let bx = (x0 + x1) / 2.0 - bw / 2.0;
        let bh = (base - top) * v / max;
        let _ = write!(
            s,
            r##"<rect x="{bx:.1}" y="{:.1}" width="{bw:.1}" height="{bh:.1}" fill="#0b5cad"><title>{}: {}</title></rect><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle">{}</text>"##,
            base - bh,
            esc(&words(p)),
            number(*v),
            bx + bw / 2.0,
            base - bh - 4.0,
            number(*v),
        );
    }
    s.push_str("</svg>");
    s
}

/// One economy's row in a cross-economy comparison: its name, its own figure (none where no
/// figure is published) and what that figure counts, over which period.
#[derive(Debug, Clone)]
pub struct CompareRow {
    pub name: String,
    pub value: Option<f64>,
    pub what: String,
}

/// Horizontal bars, one per economy, each under its own series and period written beside it, so
/// that no bar is read without its definition; a row without a figure says so (`gap`) instead of
/// drawing a zero. Nothing is added up.
pub fn compare_bars(title: &str, rows: &[CompareRow], gap: &str, number: Number) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let (left, top, width, row_h) = (170.0, 24.0, 330.0, 44.0);
    // The bar's own value needs about 70 px; its series, wrapped at 40 characters, about 240.
    let w = left + width + 70.0 + 240.0;
    let h = top + row_h * rows.len() as f64 + 10.0;
    let max = rows.iter().filter_map(|r| r.value).fold(0.0_f64, f64::max).max(1.0);
    let tick = nice_step(max / 4.0);
    let max = (max / tick).ceil() * tick;
    let mut s = open(
        w,
        h,
        title,
        &rows
            .iter()
            .map(|r| match r.value {
                Some(v) => format!("{}: {} ({})", r.name, number(v), r.what),
                None => format!("{}: {gap}", r.name),
            })
            .collect::<Vec<_>>()
            .join("; "),
    );
    let x = |v: f64| left + width * v / max;
    let mut v = 0.0;
    while v <= max + tick / 2.0 {
        let _ = write!(
            s,
            r##"<line x1="{:.1}" y1="{top}" x2="{:.1}" y2="{:.1}" stroke="#eef1f5"/><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="middle" fill="#5b6573">{}</text>"##,
            x(v),
            x(v),
            h - 8.0,
            x(v),
            top - 8.0,
            number(v)
        );
        v += tick;
    }
    for (i, r) in rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        for (k, line) in wrap(&r.name, 24).iter().enumerate() {
            let _ = write!(
                s,
                r##"<text x="{}" y="{:.1}" font-size="12" text-anchor="end" fill="#1b2430">{}</text>"##,
                left - 8.0,
                y + 18.0 + 13.0 * k as f64,
                esc(line)
            );
        }
        let what = wrap(&r.what, 40);
        match r.value {
            Some(v) => {
                let end = x(v);
                let _ = write!(
                    s,
                    r##"<rect x="{left}" y="{:.1}" width="{:.1}" height="16" fill="#0b5cad"><title>{}: {} ({})</title></rect><text x="{:.1}" y="{:.1}" font-size="11" font-weight="600" fill="#1b2430">{}</text>"##,
                    y + 6.0,
                    end - left,
                    esc(&r.name),
                    number(v),
                    esc(&r.what),
                    end + 6.0,
                    y + 18.0,
                    number(v)
                );
            }
            None => {
                let _ = write!(
                    s,
                    r##"<text x="{}" y="{:.1}" font-size="11" font-style="italic" fill="#b42318">{}</text>"##,
                    left + 4.0,
                    y + 18.0,
                    esc(gap)
                );
            }
        }
        for (k, line) in what.iter().enumerate() {
            let _ = write!(
                s,
                r##"<text x="{:.1}" y="{:.1}" font-size="10" fill="#5b6573">{}</text>"##,
                left + width + 70.0,
                y + 14.0 + 12.0 * k as f64,
                esc(line)
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// A node of the network: id, label, whether it belongs to the economy (others are drawn apart).
pub struct Node {
    pub id: String,
    pub label: String,
    pub local: bool,
}

/// The relationship network, nodes on a circle, edges labelled by kind.
pub fn network(title: &str, nodes: &[Node], edges: &[(String, String, String)]) -> String {
    if nodes.is_empty() {
        return String::new();
    }
    let (w, h) = (760.0, 560.0);
    let (cx, cy, r) = (w / 2.0, h / 2.0, 200.0);
    let n = nodes.len() as f64;
    let pos = |i: usize| {
        let a = std::f64::consts::TAU * i as f64 / n - std::f64::consts::FRAC_PI_2;
        (cx + r * a.cos(), cy + r * a.sin())
    };
    let index = |id: &str| nodes.iter().position(|x| x.id == id);
    let mut s = String::new();
    let desc: Vec<String> = edges
        .iter()
        .filter_map(|(f, t, k)| {
            let (a, b) = (index(f)?, index(t)?);
            Some(format!("{} → {} ({k})", nodes[a].label, nodes[b].label))
        })
        .collect();
    s.push_str(&open(w, h, title, &desc.join("; ")));
    s.push_str(
        r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#5b6573"/></marker></defs>"##,
    );
    for (f, t, k) in edges {
        let (Some(a), Some(b)) = (index(f), index(t)) else {
            continue;
        };
        let ((x1, y1), (x2, y2)) = (pos(a), pos(b));
        // Stop the arrow short of the node circle.
        let (dx, dy) = (x2 - x1, y2 - y1);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let (ex, ey) = (x2 - dx / len * 14.0, y2 - dy / len * 14.0);
        let _ = write!(
            s,
            r##"<line x1="{x1:.1}" y1="{y1:.1}" x2="{ex:.1}" y2="{ey:.1}" stroke="#5b6573" stroke-width="1.4" marker-end="url(#arrow)"/><text x="{:.1}" y="{:.1}" font-size="10" fill="#5b6573" text-anchor="middle">{}</text>"##,
            (x1 + x2) / 2.0,
            (y1 + y2) / 2.0 - 3.0,
            esc(k)
        );
    }
    for (i, node) in nodes.iter().enumerate() {
        let (x, y) = pos(i);
        let fill = if node.local { "#0b5cad" } else { "#b54708" };
        let anchor = if x < cx - 5.0 {
            "end"
        } else if x > cx + 5.0 {
            "start"
        } else {
            "middle"
        };
        let tx = if anchor == "end" {
            x - 14.0
        } else if anchor == "start" {
            x + 14.0
        } else {
            x
        };
        let ty = if anchor == "middle" {
            if y < cy { y - 16.0 } else { y + 24.0 }
        } else {
            y + 4.0
        };
        // The whole name, on up to three lines, never cut.
        let lines = wrap(&node.label, 26);
        let first_y = if anchor == "middle" && y < cy {
            ty - 13.0 * (lines.len() as f64 - 1.0)
        } else {
            ty - 6.5 * (lines.len() as f64 - 1.0)
        };
        let spans: String = lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                format!(
                    r#"<tspan x="{tx:.1}" y="{:.1}">{}</tspan>"#,
                    first_y + 13.0 * i as f64,
                    esc(l)
                )
            })
            .collect();
        let _ = write!(
            s,
            r##"<circle cx="{x:.1}" cy="{y:.1}" r="10" fill="{fill}"><title>{}</title></circle><text font-size="11" text-anchor="{anchor}">{spans}</text>"##,
            esc(&node.label),
        );
    }
    s.push_str("</svg>");
    s
}

/// The power/interest (Mendelow) grid: 1–5 on both axes, points jittered where they coincide.
pub fn power_interest(title: &str, labels: [&str; 6], points: &[(String, u8, u8)]) -> String {
    // A short label (an acronym) is written beside its point; a longer one would run into the
    // next cell, so its point carries a number and the name is in the key under the grid.
    const SHORT: usize = 10;
    let long: Vec<&str> = points
        .iter()
        .map(|(l, _, _)| l.as_str())
        .filter(|l| l.chars().count() > SHORT)
        .collect();
    let key_lines: Vec<Vec<String>> = long
        .iter()
        .enumerate()
        .map(|(n, l)| wrap(&format!("{} {l}", n + 1), 48))
        .collect();
    // Two columns of key entries, each entry as tall as its lines.
    let key_rows = key_lines
        .chunks(2)
        .map(|c| c.iter().map(Vec::len).max().unwrap_or(1))
        .sum::<usize>();
    let key_h = if long.is_empty() {
        0.0
    } else {
        16.0 + 13.0 * key_rows as f64 + 6.0 * key_lines.len().div_ceil(2) as f64
    };
    let (w, grid_h, m) = (640.0, 480.0, 50.0);
    let h = grid_h + key_h;
    let sx = |v: f64| m + (w - 2.0 * m) * (v - 0.5) / 5.0;
    let sy = |v: f64| grid_h - m - (grid_h - 2.0 * m) * (v - 0.5) / 5.0;
    let mut s = open(
        w,
        h,
        title,
        &points
            .iter()
            .map(|(l, p, i)| format!("{l}: power {p}, interest {i}"))
            .collect::<Vec<_>>()
            .join("; "),
    );
    let (midx, midy) = (sx(3.0), sy(3.0));
    let _ = write!(
        s,
        r##"<rect x="{m}" y="{m}" width="{}" height="{}" fill="#fff" stroke="#98a2b3"/><line x1="{midx}" y1="{m}" x2="{midx}" y2="{}" stroke="#d6dbe1"/><line x1="{m}" y1="{midy}" x2="{}" y2="{midy}" stroke="#d6dbe1"/>"##,
        w - 2.0 * m,
        grid_h - 2.0 * m,
        grid_h - m,
        w - m
    );
    // Quadrants: keep satisfied (high power, low interest), manage closely (high, high),
    // monitor (low, low), keep informed (low power, high interest).
    let quads = [
        (m + 6.0, m + 16.0, labels[0]),
        (midx + 6.0, m + 16.0, labels[1]),
        (m + 6.0, grid_h - m - 8.0, labels[2]),
        (midx + 6.0, grid_h - m - 8.0, labels[3]),
    ];
    for (x, y, t) in quads {
        let _ = write!(
            s,
            r##"<text x="{x}" y="{y}" font-size="12" fill="#5b6573" font-style="italic">{}</text>"##,
            esc(t)
        );
    }
    // The axes' arrows are drawn, not typed: not every font a document embeds has "→".
    let arrow = |x: f64, y: f64| {
        format!(
            r##"<path d="M{x:.1},{y:.1} l22,0 m-6,-4 l6,4 l-6,4" fill="none" stroke="#1b2430" stroke-width="1.2"/>"##
        )
    };
    let _ = write!(
        s,
        r##"<text x="{}" y="{}" font-size="12" text-anchor="end">{}</text>{}<g transform="rotate(-90 18 {})"><text x="14" y="{}" font-size="12" text-anchor="end">{}</text>{}</g>"##,
        w / 2.0 + 20.0,
        grid_h - 14.0,
        esc(labels[4]),
        arrow(w / 2.0 + 26.0, grid_h - 18.0),
        grid_h / 2.0,
        grid_h / 2.0 + 4.0,
        esc(labels[5]),
        arrow(18.0, grid_h / 2.0)
    );
    for v in 1..=5 {
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="#5b6573">{v}</text><text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end" fill="#5b6573">{v}</text>"##,
            sx(v as f64),
            grid_h - m + 14.0,
            m - 6.0,
            sy(v as f64) + 4.0
        );
    }
    let mut seen: std::collections::HashMap<(u8, u8), usize> = std::collections::HashMap::new();
    let mut number = 0;
    for (label, p, i) in points {
        let k = seen.entry((*p, *i)).or_insert(0);
        let (x, y) = (sx(*i as f64), sy(*p as f64) + *k as f64 * 14.0 - 14.0);
        *k += 1;
        let shown = if label.chars().count() > SHORT {
            number += 1;
            number.to_string()
        } else {
            label.clone()
        };
        let _ = write!(
            s,
            r##"<circle cx="{x:.1}" cy="{y:.1}" r="5" fill="#0b5cad"><title>{}: power {p}, interest {i}</title></circle><text x="{:.1}" y="{:.1}" font-size="10">{}</text>"##,
            esc(label),
            x + 8.0,
            y + 3.0,
            esc(&shown)
        );
    }
    // The key: two columns under the grid.
    let mut y = grid_h + 10.0;
    for pair in key_lines.chunks(2) {
        for (col, lines) in pair.iter().enumerate() {
            for (j, line) in lines.iter().enumerate() {
                let _ = write!(
                    s,
                    r##"<text x="{:.1}" y="{:.1}" font-size="10" fill="#1b2430">{}</text>"##,
                    m + col as f64 * (w - 2.0 * m) / 2.0,
                    y + 13.0 * j as f64,
                    esc(line)
                );
            }
        }
        y += 13.0 * pair.iter().map(Vec::len).max().unwrap_or(1) as f64 + 6.0;
    }
    s.push_str("</svg>");
    s
}

/// The colour of a status, as in the web UI; grey where none is recorded.
fn status_colour(status: Option<PracticeStatus>) -> &'static str {
    match status {
        Some(PracticeStatus::Complete) => "#12b76a",
        Some(PracticeStatus::Partial) => "#f79009",
        Some(PracticeStatus::Absent) => "#d92d20",
        Some(PracticeStatus::Unknown) | None => "#98a2b3",
    }
}

/// One cell of a heat map: the status it is coloured by (none where no practice is recorded) and
/// the words it shows, in the reader's language.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatCell {
    pub status: Option<PracticeStatus>,
    pub label: String,
}

/// A heat map: one row per stage or theme, one column per economy, each cell coloured by its
/// status and labelled with it (so that it reads in black and white too). The colour follows the
/// code, never the words, so that a translated or reworded label keeps its colour.
/// `desc` says to a screen reader what the chart holds, in the reader's language.
pub fn heatmap(title: &str, desc: &str, rows: &[String], cols: &[String], cells: &[Vec<HeatCell>]) -> String {
    let (left, top, cw, ch) = (230.0, 52.0, 96.0, 26.0);
    let w = left + cw * cols.len() as f64 + 10.0;
    let h = top + ch * rows.len() as f64 + 10.0;
    let mut s = open(w, h, title, desc);
    for (j, c) in cols.iter().enumerate() {
        // Long names on two or three lines, so that columns stay narrow.
        let lines = wrap(c, 14);
        let x = left + cw * j as f64 + cw / 2.0;
        for (k, line) in lines.iter().enumerate() {
            let y = top - 8.0 - 13.0 * (lines.len() - 1 - k) as f64;
            let _ = write!(
                s,
                r##"<text x="{x:.1}" y="{y:.1}" font-size="11" font-weight="600" text-anchor="middle" fill="#1b2430">{}</text>"##,
                esc(line)
            );
        }
    }
    for (i, r) in rows.iter().enumerate() {
        let y = top + ch * i as f64;
        let _ = write!(
            s,
            r##"<text x="{}" y="{:.1}" font-size="12" text-anchor="end" fill="#1b2430">{}</text>"##,
            left - 8.0,
            y + ch / 2.0 + 4.0,
            esc(r)
        );
        for (j, v) in cells.get(i).into_iter().flatten().enumerate() {
            let x = left + cw * j as f64;
            let _ = write!(
                s,
                r##"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="{}" stroke="#fff"><title>{} · {}: {}</title></rect><text x="{:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="#fff">{}</text>"##,
                cw - 2.0,
                ch - 2.0,
                status_colour(v.status),
                esc(r),
                esc(cols.get(j).map_or("", String::as_str)),
                esc(&v.label),
                x + cw / 2.0,
                y + ch / 2.0 + 4.0,
                esc(&v.label)
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// Grouped horizontal bars: for each group (a dimension), one bar per series (an economy) on a
/// 0–100 scale; a missing value is drawn as `none` ("no evidence"), not as zero. `desc` says to a
/// screen reader what the chart holds.
pub fn grouped_bars(
    title: &str,
    desc: &str,
    none: &str,
    groups: &[String],
    series: &[String],
    values: &[Vec<Option<f64>>],
) -> String {
    let (left, top, bar, gap) = (250.0, 20.0, 11.0, 12.0);
    let width = 380.0;
    let group_h = bar * series.len() as f64 + gap;
    let w = left + width + 60.0;
    let h = top + group_h * groups.len() as f64 + 30.0;
    let palette = ["#0b5cad", "#6941c6", "#12b76a", "#f79009", "#d92d20", "#475467"];
    let mut s = open(w, h, title, desc);
    for (g, label) in groups.iter().enumerate() {
        let y0 = top + group_h * g as f64;
        let _ = write!(
            s,
            r##"<text x="{}" y="{:.1}" font-size="12" text-anchor="end" fill="#1b2430">{}</text>"##,
            left - 8.0,
            y0 + group_h / 2.0,
            esc(label)
        );
        for (k, name) in series.iter().enumerate() {
            let y = y0 + bar * k as f64;
            match values.get(g).and_then(|v| v.get(k)).copied().flatten() {
                Some(v) => {
                    let _ = write!(
                        s,
                        r##"<rect x="{left}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="{}"><title>{}: {:.0}</title></rect>"##,
                        // A score of 0 is evidence, unlike a missing score: a hairline keeps it visible.
                        (width * v.clamp(0.0, 100.0) / 100.0).max(1.0),
                        bar - 2.0,
                        palette[k % palette.len()],
                        esc(name),
                        v
                    );
                }
                None => {
                    let _ = write!(
                        s,
                        r##"<text x="{}" y="{:.1}" font-size="9" fill="#5b6573">{}: {}</text>"##,
                        left + 2.0,
                        y + bar - 3.0,
                        esc(name),
                        esc(none)
                    );
                }
            }
        }
    }
    // Legend.
    let ly = h - 12.0;
    for (k, name) in series.iter().enumerate() {
        let x = left + 70.0 * k as f64 - 180.0;
        let _ = write!(
            s,
            r##"<rect x="{x:.1}" y="{:.1}" width="10" height="10" fill="{}"/><text x="{:.1}" y="{ly}" font-size="11" fill="#1b2430">{}</text>"##,
            ly - 9.0,
            palette[k % palette.len()],
            x + 14.0,
            esc(name)
        );
    }
    s.push_str("</svg>");
    s
}

/// An `<svg>` opening whose title and description a screen reader reads for the figure.
fn open(w: f64, h: f64, title: &str, desc: &str) -> String {
    format!(
        r#"<svg viewBox="0 0 {w} {h}" width="100%" style="max-width:{w}px" role="img" xmlns="http://www.w3.org/2000/svg"><title>{}</title><desc>{}</desc>"#,
        esc(title),
        esc(desc)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_tick_at_round_values_and_say_what_they_count() {
        let svg = bars(
            "Permits",
            "permits",
            &[("2023".into(), 9_100.0), ("2024".into(), 12_599.0)],
            &thousands,
        );
        for tick in [">0<", ">5,000<", ">10,000<", ">15,000<"] {
            assert!(svg.contains(tick), "{tick}");
        }
        assert!(!svg.contains(">3,150<") && svg.contains("rotate(-90"), "an axis title");
        assert_eq!(nice_step(3_149.75), 5_000.0);
        assert_eq!(nice_step(12.0), 20.0);
    }

    /// The x and width of each bar drawn, in order.
    fn bar_boxes(svg: &str) -> Vec<(f64, f64)> {
        svg.split("<rect x=\"")
            .skip(1)
            .map(|r| {
                let x: f64 = r.split('"').next().unwrap().parse().unwrap();
                let w: f64 = r
                    .split("width=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap();
                (x, w)
            })
            .collect()
    }

    #[test]
    fn grid_points_with_long_names_are_numbered_with_a_key() {
        let svg = power_interest(
            "Grid",
            ["a", "b", "c", "d", "interest", "power"],
            &[
                ("MUP".into(), 5, 5),
                ("Ministry of Foreign Affairs of Montenegro".into(), 3, 2),
                ("Administration for Inspection Affairs".into(), 3, 3),
            ],
        );
        assert!(svg.contains(">MUP<"), "an acronym stays beside its point");
        assert!(svg.contains(">1<") && svg.contains(">2<"), "long names are numbered");
        assert!(svg.contains(">1 Ministry of Foreign Affairs of Montenegro<"));
        assert!(svg.contains(">2 Administration for Inspection Affairs<"));
        assert!(
            !svg.contains(">Ministry of Foreign Affairs of Montenegro<"),
            "not beside the point"
        );
    }

    #[test]
    fn a_series_is_drawn_on_a_time_axis_to_scale() {
        let words = |p: &str| format!("period {p}");
        // 2015, 2016, then nothing until 2019 and 2024; a half-year is half a year wide.
        let svg = series(
            "Quota",
            "permits",
            &[
                ("2015".into(), 10.0),
                ("2016".into(), 10.0),
                ("2019".into(), 10.0),
                ("2024-S1".into(), 10.0),
            ],
            words,
            &thousands,
        );
        let b = bar_boxes(&svg);
        assert_eq!(b.len(), 4);
        let step = b[1].0 - b[0].0;
        assert!(
            (b[2].0 - b[1].0 - 3.0 * step).abs() < 0.5,
            "2016 to 2019 is three years: {b:?}"
        );
        assert!((b[3].1 - b[0].1 / 2.0).abs() < 3.5, "half a year, half as wide: {b:?}");
        for year in [">2015<", ">2019<", ">2024<"] {
            assert!(svg.contains(year), "{year}");
        }
        assert!(svg.contains("period 2024-S1: 10"), "the title speaks in words");
        // Unreadable periods: plain bars in the given order.
        let plain = series(
            "x",
            "u",
            &[("sometime".into(), 1.0), ("later".into(), 2.0)],
            words,
            &thousands,
        );
        assert!(plain.contains(">period sometime<"));
    }

    #[test]
    fn heat_cells_take_their_colour_from_the_status_not_the_words() {
        let cell = |status, label: &str| HeatCell {
            status,
            label: label.into(),
        };
        let svg = heatmap(
            "Stage × economy",
            "1 row by 3 columns",
            &["Entry".into()],
            &["Serbia".into(), "Albania".into(), "Montenegro".into()],
            &[vec![
                cell(Some(PracticeStatus::Complete), "potpuno"),
                cell(Some(PracticeStatus::Absent), "Absent"),
                cell(None, "no evidence"),
            ]],
        );
        assert!(svg.contains(r##"fill="#12b76a""##), "a translated label keeps green");
        assert!(svg.contains(r##"fill="#d92d20""##), "a capitalised label keeps red");
        assert!(svg.contains(r##"fill="#98a2b3""##) && svg.contains(">no evidence<"));
        assert!(svg.contains("Serbia · potpuno") || svg.contains("Entry · Serbia: potpuno"));
    }

    #[test]
    fn compared_figures_keep_their_own_definition_and_a_missing_one_is_a_gap() {
        let row = |name: &str, value, what: &str| CompareRow {
            name: name.into(),
            value,
            what: what.into(),
        };
        let svg = compare_bars(
            "Latest figures",
            &[
                row("Serbia", Some(50_397.0), "Work permits issued (NSZ), 2023"),
                row("Kosovo*", None, ""),
                row("Albania", Some(9_825.0), "Foreigners with work permits, 2023"),
            ],
            "no figure published",
            &thousands,
        );
        assert!(svg.contains(">50,397<") && svg.contains(">9,825<"));
        assert!(svg.contains("Work permits issued (NSZ), 2023") && svg.contains("Foreigners with work"));
        assert!(svg.contains(">no figure published<") && svg.contains(">Kosovo*<"));
        assert_eq!(svg.matches("<rect").count(), 2, "no bar for the gap");
        assert!(!svg.contains("60,247"), "never a sum");
        assert_eq!(compare_bars("x", &[], "gap", &thousands), "");
        // In another language's writing, chosen by the caller.
        let dots = |v: f64| thousands(v).replace(',', ".");
        let de = compare_bars("x", &[row("Serbia", Some(50_397.0), "")], "gap", &dots);
        assert!(de.contains(">50.397<"), "{de}");
    }

    #[test]
    fn names_wrap_instead_of_being_cut() {
        let name = "Ministry of Interior – Police Directorate, Administration for Foreigners";
        let lines = wrap(name, 26);
        assert_eq!(lines.join(" "), name);
        assert!(lines.iter().all(|l| l.chars().count() <= 26), "{lines:?}");
        let svg = network(
            "Network",
            &[Node {
                id: "a".into(),
                label: name.into(),
                local: true,
            }],
            &[],
        );
        assert!(
            svg.contains(">Foreigners</tspan>") || svg.contains("Foreigners</tspan>"),
            "{svg}"
        );
    }

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(50397.0), "50,397");
        assert_eq!(thousands(100.0), "100");
        assert_eq!(thousands(1234567.0), "1,234,567");
        assert_eq!(thousands(2.5), "2.5");
    }

    #[test]
    fn figures_escape_text_and_describe_themselves() {
        let s = bars("A <b>", "permits", &[("2023".into(), 10.0)], &thousands);
        assert!(s.contains("A &lt;b&gt;") && s.contains("<desc>2023: 10 permits</desc>"));
        let n = network(
            "N",
            &[
                Node {
                    id: "a".into(),
                    label: "A&B".into(),
                    local: true,
                },
                Node {
                    id: "b".into(),
                    label: "B".into(),
                    local: false,
                },
            ],
            &[("a".into(), "b".into(), "consent".into())],
        );
        assert!(n.contains("A&amp;B → B (consent)"));
    }
}

/// One bar of a Gantt chart: an intervention from `start` to `end` (`YYYY-MM-DD`), the scopes
/// it is planned for, how many of them stand at each status of the completion scale, and its
/// milestones (due date, reached or not).
#[derive(Debug, Clone)]
pub struct GanttRow {
    pub label: String,
    /// Who the bar is for, shown under its label (e.g. "Regional, Albania, Serbia").
    pub detail: String,
    pub start: String,
    pub end: String,
    /// (status code, its words, how many of the bar's actions stand there), in scale order.
    pub statuses: Vec<(String, String, usize)>,
    pub milestones: Vec<(String, String, bool)>,
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (proleptic Gregorian).
fn day_number(d: &str) -> Option<i64> {
    let y: i64 = d.get(..4)?.parse().ok()?;
    let m: i64 = d.get(5..7)?.parse().ok()?;
    let day: i64 = d.get(8..10)?.parse().ok()?;
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

fn status_fill(s: &str) -> &'static str {
    match s {
        "complete" => "#12b76a",
        "substantial" => "#2e90fa",
        "limited" => "#f79009",
        _ => "#98a2b3",
    }
}

/// A timeline of actions: one bar per row, split by status (and labelled with it, for black and
/// white), the row's label wrapped over as many lines as it needs with its scopes under it,
/// milestones as diamonds (filled when reached), a line for `today`, and year ticks.
pub fn gantt(title: &str, rows: &[GanttRow], today: &str) -> String {
    let (left, top, line_h, width) = (300.0, 34.0, 13.0, 520.0);
    let days: Vec<i64> = rows
        .iter()
        .flat_map(|r| [day_number(&r.start), day_number(&r.end)])
        .flatten()
        .chain(day_number(today))
        .collect();
    let (lo, hi) = match (days.iter().min(), days.iter().max()) {
        (Some(a), Some(b)) if b > a => (*a, *b),
        (Some(a), _) => (*a, *a + 365),
        _ => (0, 365),
    };
    let x = |d: i64| left + (d - lo) as f64 / (hi - lo) as f64 * width;
    let labels: Vec<(Vec<String>, Vec<String>)> =
        rows.iter().map(|r| (wrap(&r.label, 46), wrap(&r.detail, 52))).collect();
    let heights: Vec<f64> = labels
        .iter()
        .map(|(l, d)| (line_h * (l.len() + d.len()) as f64 + 10.0).max(24.0))
        .collect();
    let h = top + heights.iter().sum::<f64>() + 30.0;
    let w = left + width + 20.0;
    let mut s = open(
        w,
        h,
        title,
        &format!(
            "{} bars on a time axis; each bar is split and labelled by status; diamonds are milestones, filled when reached",
            rows.len()
        ),
    );
    let first_year: i64 = lo.div_euclid(365) + 1970;
    for year in first_year..=first_year + 40 {
        let Some(d) = day_number(&format!("{year:04}-01-01")) else {
            continue;
        };
        if d > hi {
            break;
        }
        if d < lo {
            continue;
        }
        let xx = x(d);
        let _ = write!(
            s,
            r##"<line x1="{xx:.1}" y1="{}" x2="{xx:.1}" y2="{:.1}" stroke="#eef1f5"/><text x="{xx:.1}" y="{}" font-size="11" text-anchor="middle" fill="#5b6573">{year}</text>"##,
            top - 6.0,
            h - 24.0,
            top - 12.0
        );
    }
    let mut y = top;
    for ((r, (label, detail)), row_h) in rows.iter().zip(&labels).zip(&heights) {
        let first = y + (row_h - line_h * (label.len() + detail.len()) as f64) / 2.0 + 10.0;
        for (k, line) in label.iter().enumerate() {
            let _ = write!(
                s,
                r##"<text x="{}" y="{:.1}" font-size="11" text-anchor="end" fill="#1b2430">{}</text>"##,
                left - 8.0,
                first + line_h * k as f64,
                esc(line)
            );
        }
        for (k, line) in detail.iter().enumerate() {
            let _ = write!(
                s,
                r##"<text x="{}" y="{:.1}" font-size="10" text-anchor="end" fill="#5b6573">{}</text>"##,
                left - 8.0,
                first + line_h * (label.len() + k) as f64,
                esc(line)
            );
        }
        let bar_y = y + row_h / 2.0 - 8.0;
        if let (Some(a), Some(b)) = (day_number(&r.start), day_number(&r.end)) {
            let (x1, x2) = (x(a), x(b).max(x(a) + 2.0));
            let total: usize = r.statuses.iter().map(|(_, _, n)| n).sum::<usize>().max(1);
            let mut sx = x1;
            for (code, words, n) in &r.statuses {
                let sw = (x2 - x1) * *n as f64 / total as f64;
                let _ = write!(
                    s,
                    r##"<rect x="{sx:.1}" y="{bar_y:.1}" width="{sw:.1}" height="16" fill="{}"><title>{}: {} to {}, {n} {}</title></rect>"##,
                    status_fill(code),
                    esc(&r.label),
                    esc(&r.start),
                    esc(&r.end),
                    esc(words)
                );
                sx += sw;
            }
            let words = match r.statuses.as_slice() {
                [(_, one, _)] => one.clone(),
                many => many
                    .iter()
                    .map(|(_, w, n)| format!("{n} {w}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            let _ = write!(
                s,
                r##"<text x="{:.1}" y="{:.1}" font-size="10" fill="#fff">{}</text>"##,
                x1 + 4.0,
                bar_y + 11.5,
                esc(&words)
            );
        }
        for (name, due, done) in &r.milestones {
            if let Some(d) = day_number(due) {
                let (cx, cy) = (x(d), bar_y + 8.0);
                let _ = write!(
                    s,
                    r##"<path d="M{cx:.1},{:.1} L{:.1},{cy:.1} L{cx:.1},{:.1} L{:.1},{cy:.1} Z" fill="{}" stroke="#1b2430" stroke-width="1"><title>{}: {}{}</title></path>"##,
                    cy - 6.0,
                    cx + 6.0,
                    cy + 6.0,
                    cx - 6.0,
                    if *done { "#1b2430" } else { "#fff" },
                    esc(name),
                    esc(due),
                    if *done { " (reached)" } else { "" }
                );
            }
        }
        y += row_h;
    }
    if let Some(t) = day_number(today) {
        let xx = x(t);
        let _ = write!(
            s,
            r##"<line x1="{xx:.1}" y1="{top}" x2="{xx:.1}" y2="{:.1}" stroke="#b42318" stroke-dasharray="4 3"/><text x="{xx:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="#b42318">today</text>"##,
            h - 24.0,
            h - 10.0
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod gantt_tests {
    use super::*;

    #[test]
    fn day_numbers_are_civil_days() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        assert_eq!(
            day_number("2028-02-29")
                .zip(day_number("2028-03-01"))
                .map(|(a, b)| b - a),
            Some(1)
        );
    }

    #[test]
    fn gantt_draws_a_bar_per_action_with_its_status_and_milestones() {
        let rows = vec![GanttRow {
            label: "Vet employers <before> hiring".into(),
            detail: "Serbia".into(),
            start: "2027-01-01".into(),
            end: "2027-12-31".into(),
            statuses: vec![("limited".into(), "limited".into(), 1)],
            milestones: vec![("Criteria".into(), "2027-04-01".into(), true)],
        }];
        let svg = gantt("Timeline", &rows, "2027-06-01");
        assert!(svg.contains("&lt;before&gt;") && !svg.contains("<before>"));
        assert!(svg.contains(">limited</text>") && svg.contains("Criteria: 2027-04-01 (reached)"));
        assert!(svg.contains(">2027</text>") && svg.contains(">today</text>") && svg.contains(">Serbia</text>"));
    }

    #[test]
    fn a_bar_shared_by_several_scopes_is_split_by_status_and_never_cut() {
        let long = "Joint verification of demand letters and employment contracts with the Countries of Origin";
        let rows = vec![GanttRow {
            label: long.into(),
            detail: "Regional, Albania, Bosnia and Herzegovina, Kosovo*, Montenegro".into(),
            start: "2027-01-01".into(),
            end: "2028-06-30".into(),
            statuses: vec![
                ("not_started".into(), "not started".into(), 3),
                ("limited".into(), "limited".into(), 2),
            ],
            milestones: vec![],
        }];
        let svg = gantt("Timeline", &rows, "2027-06-01");
        assert!(svg.contains(">3 not started, 2 limited</text>"), "{svg}");
        assert_eq!(svg.matches("<rect").count(), 2, "one segment per status");
        for word in long.split(' ').chain(["Kosovo*,", "Montenegro"]) {
            assert!(svg.contains(word), "{word} is shown");
        }
        assert!(!svg.contains('…'), "nothing is cut");
    }
}
