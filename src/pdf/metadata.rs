//! The Info dictionary, the catalog's language, and dates from a timestamp.

use lopdf::{Dictionary, Object, StringFormat};

use crate::frame::DocInfo;

/// A PDF text string: literal when ASCII, otherwise UTF-16BE with a byte-order mark.
pub(super) fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        return Object::String(text.as_bytes().to_vec(), StringFormat::Literal);
    }
    Object::String(utf16_be(text), StringFormat::Hexadecimal)
}

/// `text` as a PDF text string in UTF-16BE, after its byte order mark.
pub(super) fn utf16_be(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    bytes
}

/// The Info dictionary for `info`, dated `timestamp` (Unix seconds, UTC).
pub(super) fn info_dict(info: &DocInfo, creator: &str, timestamp: i64) -> Dictionary {
    let date = Object::String(pdf_date(timestamp).into_bytes(), StringFormat::Literal);
    let mut dict = Dictionary::new();
    dict.set("Title", text_string(&info.title));
    if let Some(author) = &info.author {
        dict.set("Author", text_string(author));
    }
    if let Some(subject) = &info.subject {
        dict.set("Subject", text_string(subject));
    }
    dict.set("Creator", text_string(creator));
    dict.set("Producer", text_string(&format!("{creator} (printpdf)")));
    dict.set("CreationDate", date.clone());
    dict.set("ModDate", date);
    dict
}

/// `D:YYYYMMDDHHmmSSZ` for a Unix timestamp.
pub(super) fn pdf_date(timestamp: i64) -> String {
    let [year, month, day, hour, minute, second] = utc(timestamp);
    format!("D:{year:04}{month:02}{day:02}{hour:02}{minute:02}{second:02}Z")
}

/// `YYYY-MM-DDTHH:mm:SSZ` (XMP's date, ISO 8601) for a Unix timestamp:
/// the same instant as [`pdf_date`].
pub(super) fn xmp_date(timestamp: i64) -> String {
    let [year, month, day, hour, minute, second] = utc(timestamp);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z")
}

/// Year, month, day, hour, minute and second, in UTC.
fn utc(timestamp: i64) -> [i64; 6] {
    let days = timestamp.div_euclid(86_400);
    let seconds = timestamp.rem_euclid(86_400);
    let (year, month, day) = crate::date::civil_from_days(days);
    [
        year,
        month,
        day,
        seconds / 3600,
        seconds % 3600 / 60,
        seconds % 60,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_timestamps() {
        assert_eq!(pdf_date(0), "D:19700101000000Z");
        assert_eq!(pdf_date(1_795_000_000), "D:20261118110640Z");
        assert_eq!(pdf_date(951_782_400), "D:20000229000000Z");
        assert_eq!(pdf_date(-1), "D:19691231235959Z");
        assert_eq!(xmp_date(1_795_000_000), "2026-11-18T11:06:40Z");
    }

    #[test]
    fn non_ascii_text_is_utf16() {
        assert_eq!(
            text_string("Hi"),
            Object::String(b"Hi".to_vec(), StringFormat::Literal)
        );
        assert_eq!(
            text_string("é"),
            Object::String(vec![0xFE, 0xFF, 0x00, 0xE9], StringFormat::Hexadecimal)
        );
    }
}
