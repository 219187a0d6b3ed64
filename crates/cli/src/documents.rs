//! Writing documents to files: the formats asked for, rendered in parallel, each file written
//! whole or not at all.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Context, Result};
use pathways_report_pdf::Format as DocFormat;
use rayon::prelude::*;

use crate::ReportFormat;

pub fn doc_formats(formats: &[ReportFormat]) -> Vec<DocFormat> {
    if formats.is_empty() {
        return DocFormat::ALL.to_vec();
    }
    formats
        .iter()
        .map(|f| match f {
            ReportFormat::Html => DocFormat::Html,
            ReportFormat::Pdf => DocFormat::Pdf,
            ReportFormat::Docx => DocFormat::Docx,
            ReportFormat::Xlsx => DocFormat::Xlsx,
        })
        .collect()
}

/// Renders every document in every format (all four when `formats` is empty) into `out`, in
/// parallel, each file written whole or not at all, with a progress bar.
pub fn write_documents(
    docs: &[pathways_reports::model::Document],
    formats: &[ReportFormat],
    out: &std::path::Path,
) -> Result<()> {
    let formats = doc_formats(formats);
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let bar = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new((docs.len() * formats.len()) as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let renderer = pathways_report_pdf::Renderer::new();
    let jobs: Vec<(&pathways_reports::model::Document, DocFormat)> =
        docs.iter().flat_map(|d| formats.iter().map(move |f| (d, *f))).collect();
    // Each document in each format is independent; the PDFs dominate, so spread them over the
    // cores.
    let written: Vec<anyhow::Result<(PathBuf, usize)>> = jobs
        .par_iter()
        .map(|(doc, format)| {
            let bytes = renderer
                .render(doc, *format)
                .map_err(|e| anyhow::anyhow!("{}.{}: {e}", doc.name, format.ext()))?;
            let path = out.join(format!("{}.{}", doc.name, format.ext()));
            pathways_registers::write_atomically(&path, |w| w.write_all(&bytes))?;
            bar.inc(1);
            Ok((path, bytes.len()))
        })
        .collect();
    for w in written {
        let (path, len) = w?;
        println!("{} ({len} bytes)", path.display());
    }
    bar.finish_and_clear();
    Ok(())
}
