//! The heavy renderings of a Pathways document, kept in their own crate so that everyday builds do
//! not recompile Typst: the PDF (Typst with the fonts embedded in the binary and no packages, so
//! nothing is downloaded), and PNG pictures of the SVG figures for the DOCX (resvg, same fonts).
//! Pure: the document comes in as a value and the bytes go out.

use std::sync::Arc;

use pathways_reports::docx::Picture;
use pathways_reports::model::Document;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

const TEMPLATE: &str = include_str!("../templates/document.typ");

/// Open Sans 1.11 (Apache-2.0, see `fonts/README.md`): Latin with the diacritics of the region and
/// Cyrillic, in the weights the template uses.
static FONT_FILES: [&[u8]; 5] = [
    include_bytes!("../fonts/OpenSans-Regular.ttf"),
    include_bytes!("../fonts/OpenSans-Italic.ttf"),
    include_bytes!("../fonts/OpenSans-Semibold.ttf"),
    include_bytes!("../fonts/OpenSans-Bold.ttf"),
    include_bytes!("../fonts/OpenSans-BoldItalic.ttf"),
];
/// The family the SVG figures are drawn in, in the PDF and in the PNGs alike.
const FAMILY: &str = "Open Sans";

/// The four formats every document comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Pdf,
    Docx,
    Xlsx,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Html, Format::Pdf, Format::Docx, Format::Xlsx];
    pub fn ext(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
        }
    }
    pub fn parse(ext: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.ext() == ext)
    }
    pub fn mime(self) -> &'static str {
        match self {
            Format::Html => "text/html; charset=utf-8",
            Format::Pdf => "application/pdf",
            Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the document could not be laid out as PDF: {0}")]
    Typst(String),
    #[error("the document could not be serialised for the PDF template: {0}")]
    Data(String),
    #[error("the office file could not be written: {0}")]
    Office(String),
    #[error("a figure could not be drawn as PNG: {0}")]
    Figure(String),
}

/// Holds what every PDF needs (the standard library, the fonts); build it once and render many
/// documents with it, from several threads if need be.
pub struct Renderer {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    fontdb: Arc<resvg::usvg::fontdb::Database>,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer").field("fonts", &self.fonts.len()).finish()
    }
}

impl Default for Renderer {
    fn default() -> Self {
        Self::new()
    }
}

fn file_id(path: &str) -> Result<FileId, RenderError> {
    let vpath = VirtualPath::new(path).map_err(|e| RenderError::Typst(format!("{path}: {e:?}")))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl Renderer {
    pub fn new() -> Renderer {
        let fonts: Vec<Font> = FONT_FILES.iter().flat_map(|b| Font::iter(Bytes::new(*b))).collect();
        let mut db = resvg::usvg::fontdb::Database::new();
        for b in FONT_FILES {
            db.load_font_data(b.to_vec());
        }
        db.set_sans_serif_family(FAMILY);
        Renderer {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            fontdb: Arc::new(db),
        }
    }

    /// The document in one format.
    pub fn render(&self, doc: &Document, format: Format) -> Result<Vec<u8>, RenderError> {
        match format {
            Format::Html => Ok(pathways_reports::html::render(doc).into_bytes()),
            Format::Pdf => self.pdf(doc),
            Format::Docx => self.docx(doc),
            Format::Xlsx => pathways_reports::xlsx::render(doc).map_err(|e| RenderError::Office(e.to_string())),
        }
    }

    /// The document as PDF: cover (with the Draft mark while findings are not validated), notes,
    /// contents, numbered chapters and pages, tables that run over pages with their header
    /// repeated, figures, and the Kosovo* footnote at its first mention.
    pub fn pdf(&self, doc: &Document) -> Result<Vec<u8>, RenderError> {
        let mut printable = doc.clone();
        for s in &mut printable.sections {
            print_figures(s);
        }
        let data = serde_json::to_vec(&printable).map_err(|e| RenderError::Data(e.to_string()))?;
        let world = DocWorld {
            r: self,
            main: Source::new(file_id("/main.typ")?, TEMPLATE.to_string()),
            data_id: file_id("/data.json")?,
            data: Bytes::new(data),
            today: parse_date(&doc.date),
        };
        let compiled = typst::compile::<PagedDocument>(&world).output;
        // Typst memoises across compilations; keep the cache from growing with every document.
        comemo::evict(10);
        let paged = compiled.map_err(|errs| RenderError::Typst(diagnostics(&errs)))?;
        typst_pdf::pdf(&paged, &typst_pdf::PdfOptions::default()).map_err(|errs| RenderError::Typst(diagnostics(&errs)))
    }

    /// An SVG figure as PNG at `scale` times its own size (2 gives a sharp picture in Word).
    pub fn png(&self, svg: &str, scale: f32) -> Result<Picture, RenderError> {
        let opts = resvg::usvg::Options {
            font_family: FAMILY.to_string(),
            fontdb: self.fontdb.clone(),
            ..Default::default()
        };
        let tree =
            resvg::usvg::Tree::from_str(&for_print(svg), &opts).map_err(|e| RenderError::Figure(e.to_string()))?;
        let natural = tree.size().to_int_size();
        let size = natural
            .scale_by(scale)
            .ok_or_else(|| RenderError::Figure("empty figure".into()))?;
        let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
            .ok_or_else(|| RenderError::Figure("figure too large".into()))?;
        pixmap.fill(resvg::tiny_skia::Color::WHITE);
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        Ok(Picture {
            png: pixmap.encode_png().map_err(|e| RenderError::Figure(e.to_string()))?,
            width_px: natural.width(),
            height_px: natural.height(),
        })
    }

    /// The document as DOCX with its figures as PNG pictures.
    /// A figure that cannot be drawn is an error, not a picture silently left out.
    pub fn docx(&self, doc: &Document) -> Result<Vec<u8>, RenderError> {
        let mut svgs = vec![];
        for s in &doc.sections {
            figures(s, &mut svgs);
        }
        let mut pictures = std::collections::HashMap::new();
        for svg in svgs {
            if !pictures.contains_key(svg) {
                pictures.insert(svg, self.png(svg, 2.0)?);
            }
        }
        pathways_reports::docx::render_with_figures(doc, &|svg| pictures.get(svg).cloned())
            .map_err(|e| RenderError::Office(e.to_string()))
    }
}

fn diagnostics(errs: &[typst::diag::SourceDiagnostic]) -> String {
    errs.iter()
        .map(|e| e.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

fn parse_date(s: &str) -> Option<Datetime> {
    let mut it = s.split('-').map(|p| p.parse::<u32>().ok());
    let (y, m, d) = (it.next()??, it.next()??, it.next()??);
    Datetime::from_ymd(i32::try_from(y).ok()?, u8::try_from(m).ok()?, u8::try_from(d).ok()?)
}

/// The SVG of every figure of a section and its subsections, in order.
fn figures<'a>(s: &'a pathways_reports::model::Section, out: &mut Vec<&'a str>) {
    for b in &s.blocks {
        if let pathways_reports::model::Block::Figure { svg, .. } = b {
            out.push(svg);
        }
    }
    for sub in &s.subsections {
        figures(sub, out);
    }
}

fn print_figures(s: &mut pathways_reports::model::Section) {
    for b in &mut s.blocks {
        if let pathways_reports::model::Block::Figure { svg, .. } = b {
            *svg = for_print(svg);
        }
    }
    for sub in &mut s.subsections {
        print_figures(sub);
    }
}

/// The charts are drawn for the browser (`width="100%"`, a CSS max-width, the page's font); on
/// paper they need their own size in user units and the embedded font.
pub fn for_print(svg: &str) -> String {
    let Some(end) = svg.find('>') else {
        return svg.to_string();
    };
    let root = &svg[..end];
    let view = root
        .split("viewBox=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .map(|v| v.split_whitespace().collect::<Vec<_>>());
    let (w, h) = match view.as_deref() {
        Some([_, _, w, h]) => (w.to_string(), h.to_string()),
        _ => return svg.to_string(),
    };
    let mut root = root.replace(" width=\"100%\"", "");
    if let Some(i) = root.find(" style=\"")
        && let Some(j) = root[i + 8..].find('"')
    {
        root.replace_range(i..i + 8 + j + 1, "");
    }
    format!(
        "{root} width=\"{w}\" height=\"{h}\" font-family=\"{FAMILY}\"{}",
        &svg[end..]
    )
}

struct DocWorld<'a> {
    r: &'a Renderer,
    main: Source,
    data_id: FileId,
    data: Bytes,
    today: Option<Datetime>,
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.r.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.r.book
    }
    fn main(&self) -> FileId {
        self.main.id()
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else if id == self.main.id() {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(FileError::AccessDenied)
        }
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.r.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // The evidence date, not the clock: the same evidence gives the same document.
        self.today
    }
}
