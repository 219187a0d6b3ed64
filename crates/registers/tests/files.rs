//! Round trips of the register files a person or another program reads back: identifiers with
//! separators, quotes, line breaks and formula starts keep their meaning in every file.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use pathways_linkage::Records;
use pathways_linkage::clk::{Encoded, Scheme, Secret};
use pathways_linkage::link::Scored;
use pathways_linkage::model::{FieldModel, Model};
use pathways_registers::{RegisterError, read_encoded, write_clusters, write_encoded, write_pairs};

const AWKWARD: [&str; 6] = [
    "plain",
    "with,comma",
    "with \"quote\"",
    "line\nbreak",
    "carriage\rreturn",
    "=1+2",
];

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pathways-registers-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn rows(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn records(ids: &[&str]) -> Records {
    Records {
        ids: ids.iter().map(|&i| i.into()).collect(),
        columns: vec![],
    }
}

#[test]
fn encoded_registers_read_back_every_identifier_unchanged() {
    let secret = Secret::new(b"0123456789abcdef0123456789abcdef0123456789abcdef").unwrap();
    let scheme = Scheme {
        hardening: Default::default(),
        bits: 128,
        fields: vec![("name".into(), 2, 20)],
    };
    let mut enc = Encoded {
        words: 2,
        ..Default::default()
    };
    for (k, id) in AWKWARD.iter().enumerate() {
        enc.push(id.to_string(), &[k as u64 * 0x0101, u64::MAX - k as u64]);
    }
    let mut out = vec![];
    write_encoded(&mut out, &scheme, &secret, &enc).unwrap();
    let file = temp("clk").join("r.clk");
    std::fs::write(&file, &out).unwrap();
    let (s, key, back) = read_encoded(&file).unwrap();
    assert_eq!(s, scheme);
    assert_eq!(key, secret.fingerprint());
    assert_eq!(back.ids, enc.ids);
    assert_eq!(back.bits, enc.bits);

    // A broken line is named by its line in the file (the header is line 1).
    let text = String::from_utf8(out).unwrap();
    let broken = text.replacen("\nplain,", "\nplain,!!", 1);
    std::fs::write(&file, broken).unwrap();
    let err = read_encoded(&file).unwrap_err();
    assert!(matches!(err, RegisterError::At { line: 2, .. }), "{err}");
    assert!(err.to_string().contains("r.clk:2: the encoding is not base64"), "{err}");
}

#[test]
fn pairs_and_clusters_keep_identifiers_whole_and_formulas_inert() {
    let left = records(&AWKWARD);
    let right = records(&["R1", "R2"]);
    let model = Model {
        fields: vec![FieldModel {
            name: "surname".into(),
            levels: vec!["null".into(), "else".into(), "exact".into()],
            m: vec![0.0, 0.1, 0.9],
            u: vec![0.0, 0.9, 0.1],
            weight: vec![0.0, -3.17, 3.17],
            estimated: true,
        }],
        prior: 0.01,
        prior_weight: -6.6,
        adjust: vec![],
    };
    let pair = |l: u32, r: u32| Scored {
        left: l,
        right: r,
        weight: 7.25,
        probability: 0.993_456_7,
        levels: 2,
        contributions: vec![3.17],
    };
    let pairs = vec![pair(1, 0), pair(3, 1), pair(5, 1)];
    let mut out = vec![];
    write_pairs(&mut out, &model, &pairs, &left, &right).unwrap();
    let got = rows(&out);
    assert_eq!(
        got[0],
        ["left_id", "right_id", "match_probability", "match_weight", "surname"]
    );
    assert_eq!(got[1], ["with,comma", "R1", "0.993457", "7.250", "exact (+3.17)"]);
    assert_eq!(got[2][0], "line\nbreak");
    assert_eq!(got[3][0], "'=1+2", "a formula start is neutralised");
    assert_eq!(got.len(), 4);

    let mut out = vec![];
    write_clusters(&mut out, &pairs, &left, Some(&right)).unwrap();
    let got = rows(&out);
    assert_eq!(got[0], ["source", "record_id", "cluster"]);
    // R2 is linked to two left records: the three are one cluster, named after the first.
    let cluster_of = |id: &str| got.iter().find(|r| r[1] == id).map(|r| r[2].clone()).unwrap();
    assert_eq!(cluster_of("line\nbreak"), cluster_of("R2"));
    assert_eq!(cluster_of("'=1+2"), cluster_of("R2"));
    assert_eq!(cluster_of("R2"), "Lline\nbreak");
    assert_eq!(cluster_of("carriage\rreturn"), "Lcarriage\rreturn", "a record alone");
    assert_eq!(cluster_of("plain"), "Lplain");
    assert_eq!(got.len(), 1 + AWKWARD.len() + 2);
}

#[test]
fn a_failed_write_leaves_no_file_and_names_the_one_it_was_writing() {
    let dir = temp("atomic");
    let out = dir.join("pairs.csv");
    let err = pathways_registers::write_atomically(&out, |w| {
        w.write_all(b"left_id,right_id\n")?;
        Err(std::io::Error::other("disk full"))
    })
    .unwrap_err();
    assert!(
        err.to_string().contains("pairs.csv") && err.to_string().contains("disk full"),
        "{err}"
    );
    assert!(!out.exists() && !dir.join("pairs.csv.partial").exists());
    pathways_registers::write_atomically(&out, |w| w.write_all(b"ok\n")).unwrap();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "ok\n");
}
