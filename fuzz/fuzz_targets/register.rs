//! Fuzzes the reading of a register for record linkage (CSV with the worker schema): any text
//! gives prepared records (every unreadable value counted, never refused) or, read strictly, an
//! error naming a line — never a panic; and the person index takes any such rows and answers a
//! query about each.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pathways_linkage::Preparer;
use pathways_linkage::config::Config;
use pathways_linkage::index::{Index, Params};

fuzz_target!(|data: &[u8]| {
    let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(data);
    let Ok(header) = rdr.headers() else { return };
    let header: Vec<String> = header.iter().map(str::to_string).collect();
    let config = Config::default_worker();
    let Ok(preparer) = Preparer::new(&config, &header) else { return };
    let mut rows = vec![];
    for (i, rec) in rdr.records().enumerate().take(10_000) {
        let Ok(rec) = rec else { return };
        rows.push((i as u64 + 2, rec));
    }
    let mut out = preparer.records_of_len(0);
    let unreadable = preparer.prepare(&rows, &mut out).expect("a lenient read refuses nothing");
    assert_eq!(out.len(), rows.len());
    let strict = preparer.clone().strict(true);
    let mut again = strict.records_of_len(0);
    assert_eq!(strict.prepare(&rows, &mut again).is_ok(), unreadable.is_empty());
    // The same rows in the index's column order.
    let (Ok(mut index), Ok(params)) = (Index::new(&config), Params::default_worker()) else { return };
    let at: Vec<Option<usize>> = index.header().iter().map(|c| header.iter().position(|h| h == c)).collect();
    let ordered: Vec<(u64, csv::StringRecord)> = rows
        .iter()
        .map(|(line, r)| (*line, at.iter().map(|k| k.and_then(|k| r.get(k)).unwrap_or("")).collect()))
        .collect();
    index.upsert(&ordered).expect("the index takes any rows");
    for (_, row) in ordered.iter().take(100) {
        let found = index.query(row, &params, 0.5, 10, &|_| false).expect("a query of any row");
        assert!(found.hits.iter().all(|h| h.probability >= 0.5));
    }
});
