//! The files a link run writes: pairs with their probability, weight and a per-field explanation;
//! clusters (records of one person); the Dice pairs of two encoded registers. Identifiers are
//! neutralised (a spreadsheet must not run one as a formula) and every cell goes through
//! `csv::Writer`. Pairs are formatted in parallel, a window at a time, so that memory stays
//! bounded however many pairs there are.

use std::io::Write;

use pathways_domain::cells::neutralise;
use pathways_linkage::clk::Encoded;
use pathways_linkage::compare::get;
use pathways_linkage::link::Scored;
use pathways_linkage::model::Model;
use pathways_linkage::{Records, prefetch};
use rayon::prelude::*;

/// A CSV writer into a buffer, quoting only where CSV needs it.
fn csv_buffer(capacity: usize) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::with_capacity(capacity))
}

fn io(e: csv::Error) -> std::io::Error {
    std::io::Error::other(e)
}

fn finish(w: csv::Writer<Vec<u8>>) -> std::io::Result<Vec<u8>> {
    w.into_inner().map_err(|e| std::io::Error::other(e.to_string()))
}

/// `left_id,right_id,match_probability,match_weight` and a column per field: the level the pair
/// reached and its contribution in bits, as `exact (+7.25)`. `right` is `left` in dedupe mode.
pub fn write_pairs(
    out: &mut dyn Write,
    model: &Model,
    pairs: &[Scored],
    left: &Records,
    right: &Records,
) -> std::io::Result<()> {
    let mut header = csv_buffer(256);
    let mut names = vec!["left_id", "right_id", "match_probability", "match_weight"];
    names.extend(model.fields.iter().map(|f| f.name.as_str()));
    header
        .write_record(names.iter().map(|n| neutralise(n).into_owned()))
        .map_err(io)?;
    out.write_all(&finish(header)?)?;
    for window in pairs.chunks(1 << 18) {
        let parts: Vec<std::io::Result<Vec<u8>>> = window
            .par_chunks(4096)
            .map(|chunk| {
                let mut w = csv_buffer(chunk.len() * 120);
                let mut number = Vec::with_capacity(24);
                let mut cell = Vec::with_capacity(64);
                // Pairs come strongest first, so their identifiers and explanations are read at
                // random: each is requested a few rows ahead (the text of an identifier longer
                // than its inline 24 bytes once the identifier, requested further ahead, has
                // arrived).
                let ids = |p: &Scored| (&left.ids[p.left as usize], &right.ids[p.right as usize]);
                for (n, p) in chunk.iter().enumerate() {
                    if let Some(q) = chunk.get(n + 16) {
                        let (a, b) = ids(q);
                        prefetch(a);
                        prefetch(b);
                    }
                    if let Some(q) = chunk.get(n + 8) {
                        let (a, b) = ids(q);
                        for x in [a.as_bytes().first(), b.as_bytes().first()].into_iter().flatten() {
                            prefetch(x);
                        }
                        if let Some(c) = q.contributions.first() {
                            prefetch(c);
                        }
                    }
                    let (a, b) = ids(p);
                    w.write_field(neutralise(a).as_bytes()).map_err(io)?;
                    w.write_field(neutralise(b).as_bytes()).map_err(io)?;
                    number.clear();
                    push_fixed(&mut number, p.probability, 6, false);
                    w.write_field(&number).map_err(io)?;
                    number.clear();
                    push_fixed(&mut number, p.weight, 3, false);
                    w.write_field(&number).map_err(io)?;
                    for (k, field) in model.fields.iter().enumerate() {
                        cell.clear();
                        if let Some(level) = field.levels.get(get(p.levels, k) as usize) {
                            cell.extend_from_slice(neutralise(level).as_bytes());
                        }
                        cell.extend_from_slice(b" (");
                        push_fixed(&mut cell, p.contributions.get(k).copied().unwrap_or(0.0), 2, true);
                        cell.push(b')');
                        w.write_field(&cell).map_err(io)?;
                    }
                    w.write_record(None::<&[u8]>).map_err(io)?;
                }
                finish(w)
            })
            .collect();
        for part in parts {
            out.write_all(&part?)?;
        }
    }
    Ok(())
}

/// `source,record_id,cluster`: every record with the cluster of records linked to it, directly
/// or through others; a cluster is named after its first record (`L…` left, `R…` right).
/// `right` is `None` in dedupe mode.
pub fn write_clusters(
    out: &mut dyn Write,
    pairs: &[Scored],
    left: &Records,
    right: Option<&Records>,
) -> std::io::Result<()> {
    let offset = left.len();
    let n = offset + right.map_or(0, Records::len);
    let edges = pairs.iter().map(|p| {
        let r = p.right as usize;
        (p.left as usize, if right.is_some() { offset + r } else { r })
    });
    let comp = pathways_linkage::cluster::components(n, edges);
    let id = |x: usize| match right {
        Some(r) if x >= offset => ("right", &r.ids[x - offset]),
        _ => ("left", &left.ids[x]),
    };
    let mut w = csv::WriterBuilder::new().from_writer(out);
    w.write_record(["source", "record_id", "cluster"]).map_err(io)?;
    for (x, c) in comp.iter().enumerate() {
        let (source, record) = id(x);
        let (first, name) = id(*c);
        let cluster = format!("{}{name}", if first == "left" { "L" } else { "R" });
        w.write_record([source, &neutralise(record), &neutralise(&cluster)])
            .map_err(io)?;
    }
    w.flush()
}

/// `left_id,right_id,dice` for the pairs of two encoded registers.
pub fn write_dice_pairs(
    out: &mut dyn Write,
    pairs: &[(u32, u32, f64)],
    left: &Encoded,
    right: &Encoded,
) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new().from_writer(out);
    w.write_record(["left_id", "right_id", "dice"]).map_err(io)?;
    for (i, j, d) in pairs {
        w.write_record([
            neutralise(&left.ids[*i as usize]).as_ref(),
            neutralise(&right.ids[*j as usize]).as_ref(),
            &format!("{d:.4}"),
        ])
        .map_err(io)?;
    }
    w.flush()
}

/// Appends `x` with `decimals` digits after the point, as `format!("{x:.N}")` (or `{x:+.N}` with
/// `sign`) writes it, by integer arithmetic: the output holds a million such numbers and the
/// general float formatter was a tenth of the writing time.
fn push_fixed(buf: &mut Vec<u8>, x: f64, decimals: u32, sign: bool) {
    let scale = 10u64.pow(decimals);
    let scaled = (x.abs() * scale as f64).round();
    if !x.is_finite() || scaled >= 1e15 {
        let _ = if sign {
            write!(buf, "{x:+.*}", decimals as usize)
        } else {
            write!(buf, "{x:.*}", decimals as usize)
        };
        return;
    }
    let scaled = scaled as u64;
    // A value that rounds to zero keeps its sign, as the formatter does ("-0.00").
    if x.is_sign_negative() {
        buf.push(b'-');
    } else if sign {
        buf.push(b'+');
    }
    push_digits(buf, scaled / scale, 1);
    if decimals > 0 {
        buf.push(b'.');
        push_digits(buf, scaled % scale, decimals as usize);
    }
}

/// Appends `n` in decimal, zero-padded to at least `width` digits.
fn push_digits(buf: &mut Vec<u8>, mut n: u64, width: usize) {
    let mut tmp = [b'0'; 20];
    let mut at = tmp.len();
    while n > 0 || tmp.len() - at < width {
        at -= 1;
        tmp[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    buf.extend_from_slice(&tmp[at..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_point_numbers_read_as_the_formatter_writes_them() {
        let mut seed: u64 = 7;
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            0.5,
            0.999_999_7,
            -3.25159,
            15.78,
            -0.001,
            123_456.789,
            1e-9,
        ];
        for _ in 0..20_000 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            values.push(((seed >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 80.0);
        }
        for x in values {
            for (d, sign) in [(6, false), (3, false), (2, true)] {
                let mut got = vec![];
                push_fixed(&mut got, x, d, sign);
                let want = if sign {
                    format!("{x:+.*}", d as usize)
                } else {
                    format!("{x:.*}", d as usize)
                };
                assert_eq!(String::from_utf8_lossy(&got), want, "{x}");
            }
        }
        let mut big = vec![];
        push_fixed(&mut big, f64::INFINITY, 2, true);
        assert_eq!(big, b"+inf");
    }
}
