//! What every uploaded file goes through before it is kept, whatever it is attached to (an
//! event's minutes, a work-permit case's documents): a size limit, the name it is kept under, and
//! the content type it is stored and served with, read from its bytes.

use pathways_domain::wording::say;

/// The largest file kept.
pub const MAX_FILE: usize = 10 * 1024 * 1024;

/// Why a file of `len` bytes is not kept, in the uploader's terms: empty, or over [`MAX_FILE`].
pub fn size_refusal(file_name: &str, len: usize) -> Option<String> {
    if len == 0 {
        Some(say("file-empty", &[("file", file_name)]))
    } else if len > MAX_FILE {
        Some(say(
            "file-too-large",
            &[
                ("file", file_name),
                ("size", &format!("{:.1}", len as f64 / 1_048_576.0)),
                ("max", &(MAX_FILE / 1_048_576).to_string()),
            ],
        ))
    } else {
        None
    }
}

/// The name a file is kept under: its last path segment, without control characters, at most
/// 200 characters; `file` when nothing is left.
pub fn kept_name(file_name: &str) -> String {
    let name: String = file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    if name.trim().is_empty() { "file".into() } else { name }
}

/// The content type an attachment is stored and served with, read from its first bytes and
/// its name, never from what the uploader's browser claimed: a file that would be shown inline
/// as HTML or SVG (and run its scripts on our origin) is kept as bytes to download.
pub fn stored_type(file_name: &str, bytes: &[u8]) -> &'static str {
    let ext = file_name.rsplit('.').next().unwrap_or_default().to_ascii_lowercase();
    if bytes.starts_with(b"%PDF-") {
        return "application/pdf";
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return "image/png";
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return "image/jpeg";
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return "image/gif";
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return match ext.as_str() {
            "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "odt" => "application/vnd.oasis.opendocument.text",
            "ods" => "application/vnd.oasis.opendocument.spreadsheet",
            _ => "application/zip",
        };
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return match ext.as_str() {
            "doc" => "application/msword",
            "xls" => "application/vnd.ms-excel",
            "ppt" => "application/vnd.ms-powerpoint",
            _ => "application/octet-stream",
        };
    }
    let text = std::str::from_utf8(bytes).is_ok_and(|t| !t.contains('\0'));
    match ext.as_str() {
        "txt" | "md" if text => "text/plain; charset=utf-8",
        "csv" if text => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_kept_under_its_last_path_segment() {
        assert_eq!(kept_name("C:\\scans\\passport.pdf"), "passport.pdf");
        assert_eq!(kept_name("../../etc/passwd"), "passwd");
        assert_eq!(kept_name("a\u{0}b\n.pdf"), "ab.pdf");
        assert_eq!(kept_name("/"), "file");
    }

    #[test]
    fn an_empty_or_oversized_file_is_refused_by_name() {
        assert!(size_refusal("a.pdf", 0).is_some_and(|w| w.starts_with("a.pdf")));
        assert!(size_refusal("a.pdf", MAX_FILE + 1).is_some_and(|w| w.contains("10 MB")));
        assert_eq!(size_refusal("a.pdf", MAX_FILE), None);
    }
}
