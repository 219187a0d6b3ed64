//! The report model: what a document says, independent of its format.

use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "block", rename_all = "snake_case")]
pub enum Block {
    Paragraph {
        text: String,
    },
    List {
        items: Vec<String>,
    },
    /// A table with its caption; `notes` are printed under it (definitions, sources).
    Table {
        caption: String,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        notes: Vec<String>,
    },
    /// An SVG figure with its caption and the definition of what it shows.
    Figure {
        caption: String,
        svg: String,
        definition: String,
    },
    /// A boxed remark (a caveat, a definition).
    Note {
        text: String,
    },
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Section {
    pub title: String,
    pub blocks: Vec<Block>,
    pub subsections: Vec<Section>,
}

impl Section {
    pub fn new(title: impl Into<String>) -> Section {
        Section {
            title: title.into(),
            blocks: vec![],
            subsections: vec![],
        }
    }
    pub fn para(mut self, text: impl Into<String>) -> Section {
        self.blocks.push(Block::Paragraph { text: text.into() });
        self
    }
    pub fn block(mut self, b: Block) -> Section {
        self.blocks.push(b);
        self
    }
    pub fn subsection(mut self, s: Section) -> Section {
        self.subsections.push(s);
        self
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Document {
    /// File stem: `country-RS`, `regional`.
    pub name: String,
    pub title: String,
    pub subtitle: String,
    /// Shown as a "Draft" mark until the findings are validated.
    pub draft: bool,
    /// The date of the newest evidence the document rests on (its data cut-off): `YYYY`,
    /// `YYYY-MM` or `YYYY-MM-DD`; for the roadmap's documents, the day they were read.
    pub date: String,
    pub sections: Vec<Section>,
    /// Footnotes printed at the end of the document and wherever a marked name appears (the
    /// Kosovo* designation).
    pub footnotes: Vec<String>,
    /// The figures the document rests on, one per row, for the data sheet of its XLSX annex.
    pub data: Vec<Datum>,
}

/// One published figure in long ("tidy") format: everything needed to reuse it without the
/// document — what it counts, under which definition, from which source — in words.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Datum {
    pub economy: String,
    pub indicator: String,
    /// Flow, stock or quota.
    pub measure: String,
    pub unit: String,
    /// The period in words ("January–June 2024") and as recorded (`2024-01/2024-06`).
    pub period: String,
    pub period_code: String,
    /// The breakdown in words; "Total" where the figure is not broken down.
    pub citizenship: String,
    pub sector: String,
    pub sex: String,
    pub value: f64,
    /// The qualifier in words (estimate, provisional, break in series); empty for none.
    pub flag: String,
    pub note: String,
    pub source: String,
    pub source_date: String,
    pub confidence: String,
    pub definition: String,
}

impl Section {
    /// Every piece of text a reader sees in this section and below it: titles, paragraphs, list
    /// items, tables (caption, header, cells, notes), figures (caption, definition and the words
    /// drawn in the SVG).
    pub fn texts<'a>(&'a self, out: &mut Vec<&'a str>) {
        out.push(&self.title);
        for b in &self.blocks {
            match b {
                Block::Paragraph { text } | Block::Note { text } => out.push(text),
                Block::List { items } => out.extend(items.iter().map(String::as_str)),
                Block::Table {
                    caption,
                    header,
                    rows,
                    notes,
                } => {
                    out.push(caption);
                    out.extend(
                        header
                            .iter()
                            .chain(rows.iter().flatten())
                            .chain(notes)
                            .map(String::as_str),
                    );
                }
                Block::Figure {
                    caption,
                    svg,
                    definition,
                } => {
                    out.push(caption);
                    out.push(definition);
                    // The words drawn: what lies between a tag's end and the next tag.
                    out.extend(
                        svg.split('>')
                            .skip(1)
                            .filter_map(|piece| piece.split('<').next())
                            .map(str::trim)
                            .filter(|w| !w.is_empty()),
                    );
                }
            }
        }
        for sub in &self.subsections {
            sub.texts(out);
        }
    }
}

impl Document {
    /// Every piece of text a reader sees in the document, footnotes included.
    pub fn texts(&self) -> Vec<&str> {
        let mut out = vec![self.title.as_str(), self.subtitle.as_str()];
        out.extend(self.footnotes.iter().map(String::as_str));
        for s in &self.sections {
            s.texts(&mut out);
        }
        out
    }

    /// Whether `needle` appears anywhere a reader sees in the document.
    pub fn mentions(&self, needle: &str) -> bool {
        self.texts().iter().any(|t| t.contains(needle))
    }
}
