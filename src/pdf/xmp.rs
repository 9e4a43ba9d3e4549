//! The XMP metadata packet (ISO 16684-1) on the catalog: the Info
//! dictionary's title, author, subject, creator, producer and dates, the
//! language, and, when the file claims PDF/UA-1, `pdfuaid:part 1`.

use lopdf::{Dictionary, Object, Stream};

use crate::frame::DocInfo;

use super::metadata::xmp_date;

/// What the packet says, beside the document's own information.
pub(super) struct Claims<'a> {
    pub creator: &'a str,
    pub timestamp: i64,
    /// Claim PDF/UA-1 (`--pdf-standard ua-1`).
    pub ua1: bool,
}

/// The `/Metadata` stream: uncompressed, as PDF/A and PDF/UA ask, so that
/// tools that do not parse PDF can still find it.
pub(super) fn metadata_stream(info: &DocInfo, claims: &Claims) -> Stream {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Metadata".to_vec()));
    dict.set("Subtype", Object::Name(b"XML".to_vec()));
    Stream::new(dict, packet(info, claims).into_bytes()).with_compression(false)
}

/// The XMP packet, with the same values as the Info dictionary.
fn packet(info: &DocInfo, claims: &Claims) -> String {
    let date = xmp_date(claims.timestamp);
    let mut fields = vec![
        format!("<dc:format>application/pdf</dc:format>"),
        format!(
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>",
            escape(&info.title)
        ),
    ];
    if let Some(author) = &info.author {
        fields.push(format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>",
            escape(author)
        ));
    }
    if let Some(subject) = &info.subject {
        fields.push(format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>",
            escape(subject)
        ));
    }
    if let Some(language) = &info.language {
        fields.push(format!(
            "<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>",
            escape(language)
        ));
    }
    fields.push(format!(
        "<xmp:CreatorTool>{}</xmp:CreatorTool>",
        escape(claims.creator)
    ));
    fields.push(format!("<xmp:CreateDate>{date}</xmp:CreateDate>"));
    fields.push(format!("<xmp:ModifyDate>{date}</xmp:ModifyDate>"));
    fields.push(format!("<xmp:MetadataDate>{date}</xmp:MetadataDate>"));
    fields.push(format!(
        "<pdf:Producer>{} (printpdf)</pdf:Producer>",
        escape(claims.creator)
    ));
    if claims.ua1 {
        fields.push("<pdfuaid:part>1</pdfuaid:part>".to_string());
    }
    let fields: String = fields.iter().map(|field| format!("   {field}\n")).collect();
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">
 <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">
  <rdf:Description rdf:about=\"\"
    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"
    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"
    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"
    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">
{fields}  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end=\"r\"?>"
    )
}

/// `text` with XML's five special characters escaped.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info() -> DocInfo {
        DocInfo {
            title: "Fish & <Chips>".into(),
            author: Some("Zoë".into()),
            subject: None,
            language: Some("de-CH".into()),
            fullscreen: false,
        }
    }

    #[test]
    fn the_packet_says_what_the_info_dictionary_says() {
        let claims = Claims {
            creator: "deckgen 1.0",
            timestamp: 1_795_000_000,
            ua1: false,
        };
        let packet = packet(&info(), &claims);
        assert!(packet.contains(
            "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Fish &amp; &lt;Chips&gt;</rdf:li></rdf:Alt></dc:title>"
        ));
        assert!(packet.contains("<rdf:li>Zoë</rdf:li>"));
        assert!(packet.contains("<rdf:li>de-CH</rdf:li>"));
        assert!(packet.contains("<xmp:CreateDate>2026-11-18T11:06:40Z</xmp:CreateDate>"));
        assert!(packet.contains("<pdf:Producer>deckgen 1.0 (printpdf)</pdf:Producer>"));
        assert!(!packet.contains("dc:description"));
        assert!(!packet.contains("<pdfuaid:part>"));
        let claimed = packet_of_ua1();
        assert!(claimed.contains("<pdfuaid:part>1</pdfuaid:part>"));
    }

    fn packet_of_ua1() -> String {
        let claims = Claims {
            creator: "deckgen 1.0",
            timestamp: 0,
            ua1: true,
        };
        packet(&info(), &claims)
    }
}
