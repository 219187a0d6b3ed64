//! `linkage-bench hardening`: what each hardening of the federated encoding (name, date of birth,
//! document; see `linkage::clk::Hardening`) costs in linkage quality, and what it hides. Both
//! generated registers are encoded under one key, matched by Dice (one-to-one, among the records
//! sharing a keyed blocking key) and scored against the truth at several thresholds. Two leak measures are reported beside:
//!
//! - the correlation of a filter's popcount with the length of the name it encodes (what lets an
//!   attacker tell long names from short ones, the first step of a frequency attack);
//! - the spread of bit frequencies (coefficient of variation): a plain CLK has bits set in far
//!   more filters than others (those of frequent q-grams), which a frequency alignment exploits.

use std::collections::HashSet;
use std::path::PathBuf;

use anyhow::{Result, anyhow};
use pathways_linkage::clk::{Hardening, Scheme, Secret, block_keys, encode, match_encoded};

/// A register's records prepared, and the letters of each record's name (given, surname, full).
fn records(path: &PathBuf, config: &pathways_linkage::Config) -> Result<(pathways_linkage::Records, Vec<f64>)> {
    let (header, rows, records) = crate::prepared(path, config)?;
    let at = |c: &str| header.iter().position(|h| h == c);
    let name = [at("given_name"), at("surname"), at("full_name")];
    let lengths = rows
        .iter()
        .map(|(_, r)| {
            name.iter()
                .map(|k| {
                    k.and_then(|k| r.get(k))
                        .map_or(0, |v| v.chars().filter(|c| c.is_alphabetic()).count())
                })
                .sum::<usize>() as f64
        })
        .collect();
    Ok((records, lengths))
}

fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len().min(y.len()) as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx).powi(2);
        syy += (b - my).powi(2);
    }
    if sxx == 0.0 || syy == 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

pub fn run(left: &PathBuf, right: &PathBuf, truth: &PathBuf) -> Result<()> {
    let config = pathways_linkage::Config::default_worker();
    let (l, lengths) = records(left, &config)?;
    let (r, _) = records(right, &config)?;
    let truth: HashSet<(String, String)> = {
        let mut rdr = csv::Reader::from_path(truth)?;
        rdr.records()
            .map(|x| x.map(|x| (x[0].to_string(), x[1].to_string())))
            .collect::<Result<_, _>>()?
    };
    let secret = Secret::new(&[7u8; 32]).map_err(|e| anyhow!("{e}"))?;
    println!(
        "{} × {} records, 1024-bit filters of name, date of birth and document; F1 one-to-one",
        l.len(),
        r.len()
    );
    let thresholds = [0.70, 0.75, 0.80, 0.85, 0.90];
    println!(
        "{:<9} {:>8} {}  {:>9} {:>9}",
        "hardening",
        "encode s",
        thresholds.map(|t| format!("F1@{t:.2}")).join(" "),
        "len~count",
        "bit CV"
    );
    for h in Hardening::ALL {
        let scheme = Scheme::federated(&config, h);
        let t = std::time::Instant::now();
        let (mut le, mut re) = (encode(&scheme, &secret, &l), encode(&scheme, &secret, &r));
        let secs = t.elapsed().as_secs_f64();
        // Compared where the records share a keyed blocking key, as `link match-encoded` does.
        le.blocks = Some(block_keys(&config, &secret, &l));
        re.blocks = Some(block_keys(&config, &secret, &r));
        let pairs = match_encoded(&le, &re, thresholds[0], 24, 24, 2_000);
        let mut f1s = vec![];
        for &th in &thresholds {
            let (mut ul, mut ur) = (vec![false; le.len()], vec![false; re.len()]);
            let (mut tp, mut found) = (0usize, 0usize);
            for (i, j, d) in &pairs {
                let (i, j) = (*i as usize, *j as usize);
                if *d < th || ul[i] || ur[j] {
                    continue;
                }
                ul[i] = true;
                ur[j] = true;
                found += 1;
                tp += usize::from(truth.contains(&(le.ids[i].to_string(), re.ids[j].to_string())));
            }
            let (_, _, f1) =
                pathways_linkage::precision_recall_f1(tp as f64, (found - tp) as f64, (truth.len() - tp) as f64);
            f1s.push(format!("{f1:>7.4}"));
        }
        let counts: Vec<f64> = le.counts.iter().map(|c| f64::from(*c)).collect();
        let bits = le.words * 64;
        let mut freq = vec![0f64; bits];
        for i in 0..le.len() {
            for (w, word) in le.filter(i).iter().enumerate() {
                let mut x = *word;
                while x != 0 {
                    freq[w * 64 + x.trailing_zeros() as usize] += 1.0;
                    x &= x - 1;
                }
            }
        }
        let mean = freq.iter().sum::<f64>() / bits as f64;
        let sd = (freq.iter().map(|f| (f - mean).powi(2)).sum::<f64>() / bits as f64).sqrt();
        println!(
            "{:<9} {secs:>8.2} {}  {:>9.3} {:>9.3}",
            h.as_str(),
            f1s.join(" "),
            pearson(&lengths, &counts),
            sd / mean.max(1e-9)
        );
    }
    Ok(())
}
