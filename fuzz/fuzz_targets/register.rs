//! Fuzzes the reading of a register for record linkage (CSV with the worker schema): any text
//! gives prepared records or an error naming a line, never a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pathways_linkage::Preparer;
use pathways_linkage::config::Config;

fuzz_target!(|data: &[u8]| {
    let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(data);
    let Ok(header) = rdr.headers() else { return };
    let header: Vec<String> = header.iter().map(str::to_string).collect();
    let Ok(preparer) = Preparer::new(&Config::default_worker(), &header) else { return };
    let mut rows = vec![];
    for (i, rec) in rdr.records().enumerate().take(10_000) {
        let Ok(rec) = rec else { return };
        rows.push((i as u64 + 2, rec));
    }
    let mut out = preparer.records_of_len(0);
    if preparer.prepare(&rows, &mut out).is_ok() {
        assert_eq!(out.len(), rows.len());
    }
});
