//! A deterministic generator of two worker registers (left: e.g. permits issued by one economy;
//! right: e.g. another economy's register, partly the same people) with ground truth.
//!
//! People are drawn with nationality-specific name pools whose frequencies are skewed, so that a
//! few names ("Md Rahman", "Ram Bahadur Thapa", ...) are very common, as in the real registers.
//! The right register then renders each returning person with the noise real registers show.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use pathways_linkage::model::Rng;
use rayon::prelude::*;

mod pools;

use pools::{POOLS, SYLLABLES, VARIANTS};

#[derive(Clone)]
struct Person {
    given: Vec<String>,
    surname: String,
    y: u16,
    m: u8,
    d: u8,
    placeholder: bool,
    sex: &'static str,
    nat: &'static str,
    passport: String,
    /// The father's given name: some registers write it as the surname, or its initial.
    father: String,
}

/// Skewed choice: index drawn with probability ∝ 1 / (rank + 1)^1.1, so the first entries of a
/// pool are very common.
fn zipf(rng: &mut Rng, n: usize) -> usize {
    let weights: Vec<f64> = (0..n).map(|r| 1.0 / ((r + 1) as f64).powf(1.1)).collect();
    let total: f64 = weights.iter().sum();
    let mut x = rng.unit() * total;
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    n - 1
}

/// A name from the pool (its head: the real, very common names) or, with probability `tail`,
/// from the long tail of rarer names real registers are mostly made of.
fn pick(rng: &mut Rng, pool: &[&'static str], tail: f64) -> String {
    if rng.unit() < tail {
        let n = 2 + rng.below(2);
        let mut s: String = (0..n).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect();
        if let Some(first) = s.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        s
    } else {
        pool[zipf(rng, pool.len())].to_string()
    }
}

fn person(rng: &mut Rng, serial: usize) -> Person {
    let mut x = rng.unit();
    let pool = POOLS
        .iter()
        .find(|p| {
            if x < p.share {
                return true;
            }
            x -= p.share;
            false
        })
        .unwrap_or(&POOLS[0]);
    let mut given = vec![];
    if !pool.prefix.0.is_empty() && rng.unit() < pool.prefix.1 {
        given.push(pool.prefix.0.to_string());
    }
    // Half the given names and a third of the surnames come from the long tail.
    let g = pick(rng, pool.given, 0.5);
    given.push(g.clone());
    if pool.code == "NP" && rng.unit() < 0.3 {
        given.push("Bahadur".to_string());
    }
    let female = matches!(
        g.as_str(),
        "Nasrin"
            | "Shirin"
            | "Rokeya"
            | "Taslima"
            | "Sita"
            | "Gita"
            | "Sarita"
            | "Laxmi"
            | "Manju"
            | "Priya"
            | "Pooja"
            | "Sunita"
            | "Anita"
            | "Ayesha"
            | "Fatima"
            | "Sana"
            | "Dilani"
            | "Nadeesha"
            | "Kumari"
            | "Maria"
            | "Ana"
            | "Grace"
            | "Joy"
            | "Rowena"
    );
    let surname = if female && pool.code == "BD" && rng.unit() < 0.5 {
        "Akter".to_string()
    } else {
        pick(rng, pool.surnames, 0.35)
    };
    let father = pick(rng, pool.given, 0.5);
    let y = 1965 + rng.below(40) as u16;
    // About one in ten records carries 1 January because the true date is unknown.
    let placeholder = rng.unit() < 0.10;
    let (m, d) = if placeholder {
        (1, 1)
    } else {
        (1 + rng.below(12) as u8, 1 + rng.below(28) as u8)
    };
    Person {
        given,
        surname,
        y,
        m,
        d,
        placeholder,
        sex: if female { "F" } else { "M" },
        nat: pool.code,
        passport: format!(
            "{}{:08}",
            pool.passport_letter,
            (serial as u64 * 7_919 + rng.below(7_000) as u64) % 100_000_000
        ),
        father,
    }
}

/// A namesake of `p`: another person of the same name, nationality and year of birth, born on
/// another day, with another passport (the pairs a linkage must not join).
fn namesake(rng: &mut Rng, p: &Person, serial: usize) -> Person {
    let mut q = person(rng, serial);
    q.given = p.given.clone();
    q.surname = p.surname.clone();
    q.nat = p.nat;
    q.sex = p.sex;
    q.y = p.y;
    while (q.m, q.d) == (p.m, p.d) {
        q.m = 1 + rng.below(12) as u8;
        q.d = 1 + rng.below(28) as u8;
    }
    q.placeholder = false;
    q
}

fn typo(rng: &mut Rng, s: &str) -> String {
    let mut c: Vec<char> = s.chars().collect();
    if c.len() < 3 {
        return s.to_string();
    }
    let i = 1 + rng.below(c.len() - 1);
    match rng.below(3) {
        0 => {
            c.remove(i);
        }
        1 => {
            let last = c.len() - 1;
            c.swap(i - 1, i.min(last));
        }
        _ => c[i] = (b'a' + rng.below(26) as u8) as char,
    }
    c.into_iter().collect()
}

fn cyrillic(s: &str) -> String {
    let mut out = String::new();
    let lower = s.to_lowercase();
    let b: Vec<char> = lower.chars().collect();
    let mut i = 0;
    let mut first = true;
    while i < b.len() {
        let two: String = b[i..(i + 2).min(b.len())].iter().collect();
        let (piece, step) = match two.as_str() {
            "sh" => ("ш", 2),
            "ch" => ("ч", 2),
            "zh" => ("ж", 2),
            "kh" => ("х", 2),
            "lj" => ("љ", 2),
            "nj" => ("њ", 2),
            _ => (
                match b[i] {
                    'a' => "а",
                    'b' => "б",
                    'v' | 'w' => "в",
                    'g' => "г",
                    'd' => "д",
                    'e' => "е",
                    'z' => "з",
                    'i' | 'y' => "и",
                    'j' => "џ",
                    'k' | 'q' => "к",
                    'l' => "л",
                    'm' => "м",
                    'n' => "н",
                    'o' => "о",
                    'p' => "п",
                    'r' => "р",
                    's' => "с",
                    't' => "т",
                    'u' => "у",
                    'f' => "ф",
                    'h' => "х",
                    'c' => "к",
                    'x' => "кс",
                    ' ' => " ",
                    '.' => ".",
                    _ => "",
                },
                1,
            ),
        };
        let piece = if first { piece.to_uppercase() } else { piece.to_string() };
        first = b[i] == ' ';
        out.push_str(&piece);
        i += step;
    }
    out
}

fn variant(rng: &mut Rng, token: &str) -> String {
    match VARIANTS.iter().find(|(k, _)| *k == token) {
        Some((_, forms)) => forms[rng.below(forms.len())].to_string(),
        None => token.to_string(),
    }
}

/// One register row: record_id,given_name,surname,full_name,date_of_birth,sex,nationality,passport_number,employer.
type Row = [String; 9];

fn render_left(id: String, p: &Person, rng: &mut Rng) -> Row {
    [
        id,
        p.given.join(" "),
        p.surname.clone(),
        String::new(),
        format!("{:04}-{:02}-{:02}", p.y, p.m, p.d),
        p.sex.to_string(),
        p.nat.to_string(),
        p.passport.clone(),
        format!("EMP{:05}", rng.below(20_000)),
    ]
}

/// What a right record's rendering did to its person: the corruptions recall is reported by.
pub type Tags = Vec<&'static str>;

fn render_right(id: String, p: &Person, rng: &mut Rng) -> (Row, Tags) {
    let mut tags: Tags = vec![];
    let mut given: Vec<String> = p
        .given
        .iter()
        .map(|t| {
            if rng.unit() < 0.35 {
                let v = variant(rng, t);
                if v != *t {
                    tags.push("name_variant");
                }
                v
            } else {
                t.to_string()
            }
        })
        .collect();
    let mut surname = if rng.unit() < 0.35 {
        let v = variant(rng, &p.surname);
        if v != p.surname {
            tags.push("name_variant");
        }
        v
    } else {
        p.surname.clone()
    };
    if rng.unit() < 0.12 {
        let k = rng.below(given.len());
        given[k] = typo(rng, &given[k]);
        tags.push("typo_given");
    }
    if rng.unit() < 0.10 {
        surname = typo(rng, &surname);
        tags.push("typo_surname");
    }
    if rng.unit() < 0.05 && given.len() > 1 {
        // A given name dropped (e.g. "Muhammad" left out).
        given.remove(0);
        tags.push("given_dropped");
    }
    let r = rng.unit();
    if r < 0.03 {
        // The father's name written as the surname (South Asian naming without a family name).
        surname = p.father.clone();
        tags.push("father_as_surname");
    } else if r < 0.05 {
        // The surname reduced to its initial.
        surname = surname.chars().take(1).collect();
        tags.push("surname_initial");
    }
    let r = rng.unit();
    if r < 0.04 && given.len() > 1 {
        // Two given names written as one ("Rambahadur", "Abdurrahman").
        let joined = format!("{}{}", given[0], given[1].to_lowercase());
        given.splice(0..2, [joined]);
        tags.push("joined_names");
    } else if r < 0.07
        && let Some(k) = given.iter().position(|t| t.chars().count() >= 7)
    {
        // One given name written as two ("Shafi Qul").
        let cut: String = given[k].chars().take(given[k].chars().count() / 2).collect();
        let rest: String = given[k].chars().skip(cut.chars().count()).collect();
        let mut rest = rest;
        if let Some(first) = rest.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        given.splice(k..=k, [cut, rest]);
        tags.push("split_names");
    }
    let (mut g, mut s, mut full) = (given.join(" "), surname, String::new());
    let form = rng.unit();
    if form < 0.08 {
        std::mem::swap(&mut g, &mut s);
        tags.push("fields_swapped");
    } else if form < 0.25 {
        tags.push("full_name_only");
        full = if rng.unit() < 0.5 {
            format!("{} {}", s.to_uppercase(), g)
        } else {
            format!("{g} {s}")
        };
        g.clear();
        s.clear();
    }
    // Part of this register is written in Serbian Cyrillic.
    if rng.unit() < 0.12 {
        tags.push("cyrillic");
        g = cyrillic(&g);
        s = cyrillic(&s);
        full = cyrillic(&full);
    }
    let (mut y, mut m, mut d) = (p.y, p.m, p.d);
    let mut year_only = false;
    let r = rng.unit();
    if !p.placeholder && r < 0.05 && d <= 12 && d != m {
        std::mem::swap(&mut m, &mut d);
        tags.push("day_month_swapped");
    } else if r < 0.08 {
        y = if rng.unit() < 0.5 { y + 1 } else { y - 1 };
        tags.push("year_off");
    } else if !p.placeholder && r < 0.12 {
        // The other register only knew the year: 1 January, or the year alone.
        if rng.unit() < 0.5 {
            year_only = true;
            tags.push("year_only");
        } else {
            m = 1;
            d = 1;
            tags.push("placeholder_1_january");
        }
    } else if r < 0.14 && !p.placeholder {
        d = 1 + rng.below(28) as u8;
        tags.push("day_changed");
    }
    let r = rng.unit();
    let date = if r < 0.02 {
        tags.push("date_missing");
        String::new()
    } else if r < 0.035 {
        // A date field filled with a placeholder for "unknown".
        tags.push("placeholder_date");
        if rng.unit() < 0.5 { "00.00.0000" } else { "1900-01-01" }.to_string()
    } else if year_only {
        if rng.unit() < 0.5 {
            format!("{y:04}")
        } else {
            format!("00.00.{y:04}")
        }
    } else if rng.unit() < 0.3 {
        format!("{d:02}.{m:02}.{y:04}")
    } else {
        format!("{y:04}-{m:02}-{d:02}")
    };
    let r = rng.unit();
    let passport = if r < 0.15 {
        // A renewed passport: a new number.
        tags.push("renewed_passport");
        format!("{}{:08}", &p.passport[..1], rng.below(100_000_000))
    } else if r < 0.20 {
        tags.push("ocr_passport");
        p.passport
            .replacen('0', "O", 1)
            .replacen('1', "I", 1)
            .replacen('8', "B", 1)
    } else if r < 0.23 {
        tags.push("passport_digit");
        let mut c: Vec<char> = p.passport.chars().collect();
        let i = 1 + rng.below(c.len() - 1);
        c[i] = (b'0' + rng.below(10) as u8) as char;
        c.into_iter().collect()
    } else if r < 0.26 {
        tags.push("passport_missing");
        String::new()
    } else if r < 0.30 {
        // Another document in the passport's column: a national identity card.
        tags.push("other_document");
        format!("NID{:010}", rng.below(1_000_000_000))
    } else {
        p.passport.clone()
    };
    let sex = if rng.unit() < 0.02 {
        String::new()
    } else {
        p.sex.to_string()
    };
    tags.dedup();
    (
        [
            id,
            g,
            s,
            full,
            date,
            sex,
            p.nat.to_string(),
            passport,
            format!("EMP{:05}", rng.below(20_000)),
        ],
        tags,
    )
}

pub fn write(size: usize, seed: u64, overlap: f64, out: &Path) -> Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let chunk = 50_000;
    let people: Vec<Person> = (0..size.div_ceil(chunk))
        .into_par_iter()
        .flat_map_iter(|c| {
            let mut rng = Rng::stream(seed, c as u64);
            (c * chunk..((c + 1) * chunk).min(size))
                .map(move |i| person(&mut rng, i))
                .collect::<Vec<_>>()
        })
        .collect();
    let shared = ((size as f64) * overlap) as usize;
    // Right: `shared` left people (the first ones of a shuffled order), then new people.
    let mut rng = Rng::stream(seed, u64::MAX);
    let mut order: Vec<usize> = (0..size).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.below(i + 1));
    }
    // A twentieth of the newcomers are namesakes of a left person: same name, nationality and
    // year of birth, another day and passport.
    let newcomers: Vec<(Person, Option<usize>)> = (0..size - shared)
        .into_par_iter()
        .map(|k| {
            let mut rng = Rng::stream(seed, (1 << 40) + k as u64);
            if rng.unit() < 0.05 {
                let of = rng.below(size);
                (namesake(&mut rng, &people[of], size + k), Some(of))
            } else {
                (person(&mut rng, size + k), None)
            }
        })
        .collect();
    let left_rows: Vec<Row> = (0..size)
        .into_par_iter()
        .map(|i| {
            render_left(
                format!("L{i}"),
                &people[i],
                &mut Rng::stream(seed, (2 << 40) + i as u64),
            )
        })
        .collect();
    // Each right row: its rendering and tags, the left person it is (if any), the left person
    // it is a namesake of (if any).
    type Rendered = ((Row, Tags), Option<usize>, Option<usize>);
    let mut right_rows: Vec<Rendered> = (0..size)
        .into_par_iter()
        .map(|k| {
            let mut rng = Rng::stream(seed, (3 << 40) + k as u64);
            if k < shared {
                let i = order[k];
                (render_right(String::new(), &people[i], &mut rng), Some(i), None)
            } else {
                let (p, of) = &newcomers[k - shared];
                (render_right(String::new(), p, &mut rng), None, *of)
            }
        })
        .collect();
    for i in (1..right_rows.len()).rev() {
        right_rows.swap(i, rng.below(i + 1));
    }
    let header = [
        "record_id",
        "given_name",
        "surname",
        "full_name",
        "date_of_birth",
        "sex",
        "nationality",
        "passport_number",
        "employer",
    ];
    let mut w = csv::Writer::from_path(out.join("left.csv"))?;
    w.write_record(header)?;
    for r in &left_rows {
        w.write_record(r)?;
    }
    w.flush()?;
    let mut w = csv::Writer::from_path(out.join("right.csv"))?;
    let mut t = std::io::BufWriter::new(std::fs::File::create(out.join("truth.csv"))?);
    writeln!(t, "left_id,right_id")?;
    // What was done to each right record, and whose namesake it is: recall per corruption and
    // namesakes wrongly linked (`linkage-bench score --cases`).
    let mut c = std::io::BufWriter::new(std::fs::File::create(out.join("cases.csv"))?);
    writeln!(c, "right_id,left_id,namesake_of,tags")?;
    w.write_record(header)?;
    for (k, ((mut row, tags), source, of)) in right_rows.into_iter().enumerate() {
        row[0] = format!("R{k}");
        if let Some(i) = source {
            writeln!(t, "L{i},R{k}")?;
        }
        let id = |x: Option<usize>| x.map(|i| format!("L{i}")).unwrap_or_default();
        writeln!(c, "R{k},{},{},{}", id(source), id(of), tags.join(";"))?;
        w.write_record(&row)?;
    }
    w.flush()?;
    t.flush()?;
    c.flush()?;
    println!(
        "wrote {} ({size} left, {size} right, {shared} true links)",
        out.display()
    );
    Ok(())
}
