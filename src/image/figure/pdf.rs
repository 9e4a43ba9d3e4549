//! One page of a PDF file read as a figure: its crop box, rotation,
//! decoded content, resources and the objects they reach.

use std::collections::BTreeSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::copy::{self, MAX_INFLATED};
use super::objects::ObjectIds;
use super::untag;
use super::{Figure, Problem, MAX_SIDE};

/// The most pages counted when a page past the end is asked for.
const MAX_PAGES: usize = 100_000;
/// How far up the page tree inherited attributes are looked for.
const MAX_ANCESTORS: usize = 32;
/// US Letter, the media box readers assume for a page without one.
const LETTER: [f64; 4] = [0.0, 0.0, 612.0, 792.0];

/// Reads page `page` (1-based) of the PDF in `bytes`.
pub(super) fn read_page(bytes: &[u8], page: u32) -> Result<Figure, Problem> {
    let doc = match Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(_) if mentions_encryption(bytes) => return Err(Problem::Encrypted),
        Err(err) => return Err(Problem::UnreadablePdf(lowercase_first(&err.to_string()))),
    };
    if doc.was_encrypted() || doc.is_encrypted() {
        return Err(Problem::Encrypted);
    }
    let index = usize::try_from(page.max(1) - 1).unwrap_or(usize::MAX);
    let Some(page_id) = doc.page_iter().take(MAX_PAGES).nth(index) else {
        let pages = doc.page_iter().take(MAX_PAGES).count() as u32;
        if pages == 0 {
            return Err(Problem::UnreadablePdf("it has no pages".into()));
        }
        return Err(Problem::NoSuchPage { page, pages });
    };
    let unreadable = |cause: String| Problem::UnreadablePage { page, cause };
    let media = inherited(&doc, page_id, b"MediaBox")
        .and_then(|object| rect(&doc, object))
        .unwrap_or(LETTER);
    let bbox = inherited(&doc, page_id, b"CropBox")
        .and_then(|object| rect(&doc, object))
        .and_then(|crop| intersect(crop, media))
        .unwrap_or(media);
    let (width, height) = (bbox[2] - bbox[0], bbox[3] - bbox[1]);
    if !(width > 0.0 && height > 0.0 && width <= MAX_SIDE && height <= MAX_SIDE) {
        return Err(Problem::BadSize {
            width,
            height,
            unit: "points",
        });
    }
    let rotate = inherited(&doc, page_id, b"Rotate")
        .and_then(|object| resolve(&doc, object).as_i64().ok())
        .unwrap_or(0);
    let quarter_turns = (rotate.rem_euclid(360) / 90) as u8;
    let content = content(&doc, page_id).map_err(unreadable)?;
    // A tagged source's marked-content ids go (see `untag`) before the
    // resources the content names are gathered.
    let (content, resources) =
        match inherited(&doc, page_id, b"Resources").map(|o| resolve(&doc, o)) {
            Some(Object::Dictionary(dict)) => {
                let with_mcid = properties_with_mcid(&doc, dict);
                let content = untag::without_mcids(content, &with_mcid);
                let used = used_resources(&doc, dict, &content);
                (content, used)
            }
            _ => (content, lopdf::Dictionary::new()),
        };
    let page_dict = doc
        .get_dictionary(page_id)
        .map_err(|err| unreadable(err.to_string()))?;
    let group = match page_dict.get(b"Group").map(|o| resolve(&doc, o)) {
        Ok(Object::Dictionary(dict)) => Some(dict.clone()),
        _ => None,
    };
    let resources_object = Object::Dictionary(resources.clone());
    let group_object = group.clone().map_or(Object::Null, Object::Dictionary);
    let copied = copy::reachable(&doc, &[&resources_object, &group_object]).map_err(unreadable)?;
    let (objects, ids) = ObjectIds::table(copied);
    Ok(Figure {
        bbox,
        quarter_turns,
        content,
        resources: ids.dictionary(resources),
        group: group.map(|group| ids.dictionary(group)),
        objects,
    })
}

/// `resources` without the fonts, images, forms and other named
/// resources the page's content never names: files that give all their
/// pages one resource dictionary (matplotlib's) would otherwise bring every
/// page's pictures along with each figure.
fn used_resources(doc: &Document, resources: &Dictionary, content: &[u8]) -> Dictionary {
    // The content is read once: an SVG with a graphics state per shape (each
    // translucent one) names thousands, and looking for each in turn took
    // time quadratic in their number.
    let named = names(content);
    let mut kept = Dictionary::new();
    for (category, value) in resources.iter() {
        let dict = match resolve(doc, value) {
            Object::Dictionary(dict) if category != b"ProcSet" => dict,
            _ => {
                kept.set(category.clone(), value.clone());
                continue;
            }
        };
        let mut used = Dictionary::new();
        for (name, value) in dict.iter() {
            if named.contains(name.as_slice()) {
                used.set(name.clone(), value.clone());
            }
        }
        kept.set(category.clone(), Object::Dictionary(used));
    }
    kept
}

/// Every name (`/Name`, without its slash) `content` holds, each a whole
/// token: it runs from its slash to the next delimiter.
fn names(content: &[u8]) -> BTreeSet<&[u8]> {
    let delimiter = |byte: &u8| byte.is_ascii_whitespace() || b"/[]<>(){}%".contains(byte);
    let mut found = BTreeSet::new();
    let mut rest = content;
    while let Some(slash) = rest.iter().position(|&byte| byte == b'/') {
        let name = &rest[slash + 1..];
        let end = name.iter().position(delimiter).unwrap_or(name.len());
        found.insert(&name[..end]);
        rest = &name[end..];
    }
    found
}

/// Whether the file has an encryption dictionary: lopdf fails on some
/// encrypted files before it says they are encrypted.
fn mentions_encryption(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|window| window == b"/Encrypt")
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The object `object` refers to, through a bounded chain of references.
fn resolve<'a>(doc: &'a Document, mut object: &'a Object) -> &'a Object {
    for _ in 0..MAX_ANCESTORS {
        match object {
            Object::Reference(id) => match doc.objects.get(id) {
                Some(target) => object = target,
                None => return &Object::Null,
            },
            _ => return object,
        }
    }
    &Object::Null
}

/// `key` of the page, or of the nearest page tree node above it that has it.
fn inherited<'a>(doc: &'a Document, page: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..MAX_ANCESTORS {
        if let Ok(value) = node.get(key) {
            return Some(value);
        }
        let parent = node.get(b"Parent").ok()?;
        node = resolve(doc, parent).as_dict().ok()?;
    }
    None
}

/// The names of the property lists in `resources`' `/Properties` that
/// give an `/MCID`: what [`untag::without_mcids`] takes out.
fn properties_with_mcid(doc: &Document, resources: &Dictionary) -> BTreeSet<Vec<u8>> {
    let Ok(Object::Dictionary(named)) = resources.get(b"Properties").map(|o| resolve(doc, o))
    else {
        return BTreeSet::new();
    };
    named
        .iter()
        .filter(|(_, value)| {
            resolve(doc, value)
                .as_dict()
                .is_ok_and(|properties| properties.has(b"MCID"))
        })
        .map(|(name, _)| name.clone())
        .collect()
}

/// A rectangle's corners, lower left first.
fn rect(doc: &Document, object: &Object) -> Option<[f64; 4]> {
    let items = resolve(doc, object).as_array().ok()?;
    if items.len() != 4 {
        return None;
    }
    let mut values = [0.0; 4];
    for (value, item) in values.iter_mut().zip(items) {
        *value = match resolve(doc, item) {
            Object::Integer(i) => *i as f64,
            Object::Real(r) => f64::from(*r),
            _ => return None,
        };
        if !value.is_finite() {
            return None;
        }
    }
    let [x0, y0, x1, y1] = values;
    Some([x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)])
}

fn intersect(a: [f64; 4], b: [f64; 4]) -> Option<[f64; 4]> {
    let out = [
        a[0].max(b[0]),
        a[1].max(b[1]),
        a[2].min(b[2]),
        a[3].min(b[3]),
    ];
    (out[0] < out[2] && out[1] < out[3]).then_some(out)
}

/// The page's content streams decoded and joined.
fn content(doc: &Document, page: ObjectId) -> Result<Vec<u8>, String> {
    let mut content = Vec::new();
    for id in doc.get_page_contents(page) {
        let stream = match doc.objects.get(&id) {
            Some(Object::Stream(stream)) => stream,
            _ => return Err(format!("its content stream {} {} is missing", id.0, id.1)),
        };
        copy::check_inflated(stream)?;
        let decoded = if stream.dict.get(b"Filter").is_ok() {
            let limit = usize::try_from(MAX_INFLATED).unwrap_or(usize::MAX);
            stream
                .decompressed_content_with_limit(limit)
                .map_err(|err| format!("cannot decode its content ({err})"))?
        } else {
            stream.content.clone()
        };
        content.extend_from_slice(&decoded);
        content.push(b'\n');
        if content.len() as u64 > MAX_INFLATED {
            return Err("its content is larger than 256 MiB".into());
        }
    }
    Ok(content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_resources_the_content_names_are_kept() {
        let found = |content: &'static [u8]| {
            let mut found: Vec<&[u8]> = names(content).into_iter().collect();
            found.sort();
            found
        };
        assert_eq!(found(b"q /Im1 Do Q"), [b"Im1".as_slice()]);
        assert_eq!(found(b"/Im1"), [b"Im1".as_slice()]);
        assert_eq!(found(b"/Im10 Do"), [b"Im10".as_slice()]);
        assert_eq!(found(b"/F1 12 Tf /GS0 gs"), [b"F1".as_slice(), b"GS0"]);
        assert!(found(b"F1 12 Tf").is_empty());
        assert_eq!(found(b"/a/b[/c]"), [b"a".as_slice(), b"b", b"c"]);
    }

    #[test]
    fn crop_boxes_are_normalised_and_kept_inside_the_media_box() {
        let doc = Document::with_version("1.7");
        let array = |v: [i64; 4]| Object::Array(v.map(Object::Integer).to_vec());
        assert_eq!(
            rect(&doc, &array([100, 50, 0, 0])),
            Some([0.0, 0.0, 100.0, 50.0])
        );
        assert_eq!(rect(&doc, &Object::Array(vec![])), None);
        assert_eq!(
            intersect([-10.0, -10.0, 50.0, 50.0], [0.0, 0.0, 100.0, 100.0]),
            Some([0.0, 0.0, 50.0, 50.0])
        );
        assert_eq!(
            intersect([200.0, 0.0, 300.0, 10.0], [0.0, 0.0, 100.0, 100.0]),
            None
        );
    }
}
