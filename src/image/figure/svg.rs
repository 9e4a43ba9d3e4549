//! SVG files made into a one-page PDF: parsed with usvg (the files an SVG
//! names resolve beside it; nothing comes from a network) and converted
//! with svg2pdf, its text set with the deck's own fonts and the built-in
//! ones only, so a build never depends on what a machine has installed.

use std::path::Path;
use std::sync::{Arc, Mutex};

use usvg::fontdb;

use super::{svg_losses, tspans, Problem, MAX_SIDE};

/// The deepest nesting of SVG elements taken: far beyond any drawing
/// program's output, well short of what the converters' recursion survives.
const MAX_DEPTH: usize = 256;
/// The most XML nodes an SVG may have.
const MAX_NODES: u32 = 1_000_000;
/// The most pixels an SVG filter is drawn with (it becomes an image).
const MAX_FILTER_PIXELS: f64 = 16.0 * 1024.0 * 1024.0;
/// Filters are drawn at this many pixels per CSS pixel (144 ppi at the
/// SVG's own size) unless that passes `MAX_FILTER_PIXELS`.
const FILTER_SCALE: f64 = 1.5;
/// The largest image file an SVG may show, in bytes.
pub(in crate::image) const MAX_REFERENCED: u64 = 256 * 1024 * 1024;

/// The font files an SVG's text may use: the deck's faces and the built-in
/// ones, each with its index in a collection. The first is the regular
/// face, which stands in for every family the SVG names but the set lacks.
#[derive(Debug, Clone, Default)]
pub struct FontFiles(pub Vec<(Arc<[u8]>, u32)>);

/// The SVG in `bytes` as a one-page PDF, and notes on what it loses on
/// the way (each for a warning naming the figure).
pub(super) fn to_pdf(
    bytes: &[u8],
    dir: &Path,
    fonts: &FontFiles,
    max_image_pixels: u64,
) -> Result<(Vec<u8>, Vec<String>), Problem> {
    let text = decompressed(bytes)?;
    let xml = read_xml(&text)?;
    check_depth(&xml)?;
    let refused = Arc::new(Mutex::new(Vec::new()));
    let dropped = Arc::new(Mutex::new(Vec::new()));
    let options = usvg::Options {
        resources_dir: Some(dir.to_path_buf()),
        fontdb: Arc::new(font_database(fonts)),
        font_family: String::new(),
        image_href_resolver: resolver(max_image_pixels, Arc::clone(&refused), Arc::clone(&dropped)),
        ..usvg::Options::default()
    };
    let parsed = tspans::parse(&text, &xml, &options)?;
    if let Some(image) = refused.lock().ok().and_then(|list| list.first().cloned()) {
        return Err(Problem::UnreadableSvg(image));
    }
    let mut notes: Vec<String> = dropped.lock().map(|list| list.clone()).unwrap_or_default();
    let tree = match parsed {
        tspans::Parsed::AsIs(tree) => tree,
        tspans::Parsed::WithoutTspans(tree) => {
            notes.push(tspans::NOTE.to_string());
            tree
        }
    };
    notes.extend(svg_losses::missing_glyphs(&tree, fonts));
    notes.extend(svg_losses::foreign_objects(&xml));
    notes.extend(svg_losses::spread_gradients(&tree));
    // An image named twice (or met by both parses) is one note.
    let mut seen = std::collections::BTreeSet::new();
    notes.retain(|note| seen.insert(note.clone()));
    let size = tree.size();
    let (width, height) = (f64::from(size.width()), f64::from(size.height()));
    if !(width > 0.0 && height > 0.0 && width <= MAX_SIDE && height <= MAX_SIDE) {
        return Err(Problem::BadSize {
            width,
            height,
            unit: "CSS pixels",
        });
    }
    let css_pixels = f64::from(size.width()) * f64::from(size.height());
    let mut raster_scale = FILTER_SCALE.min((MAX_FILTER_PIXELS / css_pixels).sqrt());
    // svg2pdf draws a filtered group as a bitmap of its filter region at
    // `raster_scale`, and a region far larger than the figure (resvg's
    // huge-region test: 100000 units a side) would ask for tens of
    // gigabytes, and abort: the scale comes down until it fits the budget.
    if let Some((width, height)) = largest_filter_region(tree.root()) {
        if width * height * raster_scale * raster_scale > MAX_FILTER_PIXELS {
            raster_scale = (MAX_FILTER_PIXELS / (width * height)).sqrt();
            notes.push(format!(
                "a filter's region is {width:.0} x {height:.0} units, far larger than the figure; \
                 its effect is drawn at {raster_scale:.2} pixels a unit, blurred"
            ));
        }
    }
    let conversion = crate::svg2pdf::ConversionOptions {
        raster_scale: raster_scale as f32,
        ..crate::svg2pdf::ConversionOptions::default()
    };
    // One CSS pixel to one unit of the page: svg2pdf draws gradients and
    // patterns at the wrong scale under any other `dpi`. The form's matrix
    // maps whatever its units to the placed box.
    let page = crate::svg2pdf::PageOptions { dpi: 72.0 };
    let pdf = crate::svg2pdf::to_pdf(&tree, conversion, page)
        .map_err(|err| Problem::UnreadableSvg(lowercase(&err.to_string())))?;
    Ok((pdf, notes))
}

/// The SVG's XML, within the bounds of [`MAX_NODES`].
pub(super) fn read_xml(text: &str) -> Result<roxmltree::Document<'_>, Problem> {
    roxmltree::Document::parse_with_options(
        text,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            nodes_limit: MAX_NODES,
            ..roxmltree::ParsingOptions::default()
        },
    )
    .map_err(|err| Problem::UnreadableSvg(err.to_string()))
}

/// What a refusal of usvg's says to the user.
pub(super) fn usvg_problem(err: usvg::Error) -> Problem {
    match err {
        usvg::Error::InvalidSize => {
            Problem::UnreadableSvg("its width, height or view box is zero or negative".into())
        }
        other => Problem::UnreadableSvg(other.to_string()),
    }
}

/// Calls `visit` on every text node under `group`, in clip paths, masks
/// and patterns too.
pub(super) fn for_each_text(group: &usvg::Group, visit: &mut dyn FnMut(&usvg::Text)) {
    for node in group.children() {
        match node {
            usvg::Node::Group(group) => for_each_text(group, visit),
            usvg::Node::Text(text) => visit(text),
            _ => {}
        }
        node.subroots(|subroot| for_each_text(subroot, visit));
    }
}

/// The width and height of the largest region a filter is drawn in under
/// `group`, as svg2pdf sizes its bitmap: the group's layer in its parent's
/// units.
fn largest_filter_region(group: &usvg::Group) -> Option<(f64, f64)> {
    let mut largest: Option<(f64, f64)> = None;
    let area = |region: (f64, f64)| region.0 * region.1;
    if !group.filters().is_empty() {
        largest = group
            .layer_bounding_box()
            .transform(group.transform())
            .map(|rect| (f64::from(rect.width()), f64::from(rect.height())));
    }
    let mut consider = |found: Option<(f64, f64)>| {
        if let Some(found) = found {
            if largest.is_none_or(|known| area(found) > area(known)) {
                largest = Some(found);
            }
        }
    };
    for node in group.children() {
        if let usvg::Node::Group(child) = node {
            consider(largest_filter_region(child));
        }
        node.subroots(|subroot| consider(largest_filter_region(subroot)));
    }
    largest
}

/// The SVG's text; a gzipped SVG (`.svgz`) inflated within bounds.
fn decompressed(bytes: &[u8]) -> Result<String, Problem> {
    use std::io::Read;
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        let limit = 64 * 1024 * 1024;
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .take(limit + 1)
            .read_to_end(&mut out)
            .map_err(|err| Problem::UnreadableSvg(format!("cannot inflate it ({err})")))?;
        if out.len() as u64 > limit {
            return Err(Problem::UnreadableSvg(
                "it inflates to more than 64 MiB".into(),
            ));
        }
        out
    } else {
        bytes.to_vec()
    };
    String::from_utf8(bytes).map_err(|_| Problem::UnreadableSvg("it is not UTF-8 text".into()))
}

fn lowercase(text: &str) -> String {
    let trimmed = text.trim_end_matches('.');
    let mut chars = trimmed.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Refuses elements nested deeper than `MAX_DEPTH`.
fn check_depth(xml: &roxmltree::Document) -> Result<(), Problem> {
    let mut stack = vec![(xml.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            let at = xml.text_pos_at(node.range().start);
            return Err(Problem::UnreadableSvg(format!(
                "elements are nested more than {MAX_DEPTH} deep at {}:{}",
                at.row, at.col
            )));
        }
        stack.extend(
            node.children()
                .filter(|c| c.is_element())
                .map(|c| (c, depth + 1)),
        );
    }
    Ok(())
}

/// A database of `fonts` alone, every generic family (`serif`,
/// `sans-serif`, ...) and every unknown one mapped to the first.
fn font_database(fonts: &FontFiles) -> fontdb::Database {
    let mut db = fontdb::Database::new();
    for (data, _) in &fonts.0 {
        let source = fontdb::Source::Binary(
            Arc::new(Arc::clone(data)) as Arc<dyn AsRef<[u8]> + Send + Sync>
        );
        db.load_font_source(source);
    }
    let first = db
        .faces()
        .next()
        .and_then(|face| face.families.first())
        .map(|(name, _)| name.clone());
    if let Some(family) = first {
        db.set_serif_family(family.clone());
        db.set_sans_serif_family(family.clone());
        db.set_monospace_family(family.clone());
        db.set_cursive_family(family.clone());
        db.set_fantasy_family(family);
    }
    db
}

/// usvg's resolver of `<image>` references, refusing a raster image that
/// declares more than `max_pixels` pixels before it is decoded. A file is
/// read only when it is a regular file (a FIFO or a device would block the
/// build) of at most [`MAX_REFERENCED`] bytes. An image left out (missing,
/// on the network, undecodable) is a note in `dropped`.
fn resolver(
    max_pixels: u64,
    refused: Arc<Mutex<Vec<String>>>,
    dropped: Arc<Mutex<Vec<String>>>,
) -> usvg::ImageHrefResolver<'static> {
    let refuse = move |problem: String| {
        if let Ok(mut list) = refused.lock() {
            list.push(problem);
        }
    };
    let refuse_data = refuse.clone();
    let leave_out = move |note: String| {
        if let Ok(mut list) = dropped.lock() {
            list.push(note);
        }
    };
    let leave_out_data = leave_out.clone();
    let default_data = usvg::ImageHrefResolver::default_data_resolver();
    let read_data = usvg::ImageHrefResolver::default_data_resolver();
    let too_large = move |data: &[u8]| -> Option<String> {
        let reader = image::ImageReader::new(std::io::Cursor::new(data))
            .with_guessed_format()
            .ok()?;
        let (width, height) = reader.into_dimensions().ok()?;
        (u64::from(width) * u64::from(height) > max_pixels).then(|| {
            let pixels = u64::from(width) * u64::from(height);
            format!(
                "it shows an image of {width}x{height} pixels ({} megapixels), more than the {} deckgen takes",
                crate::image::megapixels(pixels),
                crate::image::megapixels(max_pixels)
            )
        })
    };
    usvg::ImageHrefResolver {
        resolve_data: Box::new(move |mime, data, options| {
            if let Some(problem) = too_large(&data) {
                refuse_data(problem);
                return None;
            }
            let image = default_data(mime, data, options);
            if image.is_none() {
                leave_out_data(
                    "an image it holds (a `data:` URL) cannot be decoded, so it is left out".into(),
                );
            }
            image
        }),
        resolve_string: Box::new(move |href, options| {
            if is_web_address(href) {
                leave_out(format!(
                    "the image `{href}` it links to is left out: deckgen reads nothing from the network (save the image beside the SVG and link to the file)"
                ));
                return None;
            }
            let path = options.get_abs_path(Path::new(href));
            let data = match std::fs::metadata(&path) {
                Ok(meta) if meta.is_file() && meta.len() > MAX_REFERENCED => {
                    refuse(format!(
                        "the image `{href}` it shows is larger than {} MiB",
                        MAX_REFERENCED >> 20
                    ));
                    return None;
                }
                Ok(meta) if !meta.is_file() => {
                    refuse(format!("the image `{href}` it shows is not a regular file"));
                    return None;
                }
                Ok(_) => crate::files::read(&path, crate::files::FileKind::Picture).ok()?,
                Err(_) => {
                    leave_out(format!(
                        "the image `{href}` it links to is missing, so it is left out"
                    ));
                    return None;
                }
            };
            if let Some(problem) = too_large(&data) {
                refuse(problem);
                return None;
            }
            // Raster data is told by its signature, anything else is read
            // as an SVG: what usvg's own file resolver does.
            let image = read_data("text/plain", Arc::new(data), options);
            if image.is_none() {
                leave_out(format!(
                    "the image `{href}` it links to is not a PNG, JPEG, GIF, WebP or SVG file deckgen can read, so it is left out"
                ));
            }
            image
        }),
    }
}

/// Whether `href` names something on the network (`http:`, `https:`,
/// `ftp:`, or a scheme-relative `//host/...`).
fn is_web_address(href: &str) -> bool {
    let lower = href.trim_start().to_ascii_lowercase();
    ["http:", "https:", "ftp:", "//"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}
