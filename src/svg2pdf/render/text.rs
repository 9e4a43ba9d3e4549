use crate::svg2pdf::render::path;
use crate::svg2pdf::util::allocate::RefAllocator;
use crate::svg2pdf::util::context::Context;
use crate::svg2pdf::util::helper::{deflate, ContentExt, TransformExt};
use crate::svg2pdf::util::resources::ResourceContainer;
use crate::svg2pdf::ConversionError::{InvalidFont, SubsetError};
use crate::svg2pdf::Result;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, TextRenderingMode, UnicodeCmap};
use pdf_writer::writers::{FontDescriptor, WMode};
use pdf_writer::{Chunk, Content, Filter, Finish, Name, Ref, Str};
use siphasher::sip128::{Hasher128, SipHasher13};
use skrifa::prelude::{LocationRef, Size};
use skrifa::raw::types::Tag;
use skrifa::raw::TableProvider;
use skrifa::{FontRef, GlyphId, MetadataProvider};
use std::collections::BTreeMap;
use std::hash::Hash;
use std::rc::Rc;
use std::sync::Arc;
use subsetter::GlyphRemapper;

use crate::pdf::fonts::postscript_name;
use usvg::fontdb;
use usvg::layout::Span;
use usvg::{Fill, Group, ImageKind, Node, PaintOrder, Rect, Stroke, Transform};

const CFF: Tag = Tag::new(b"CFF ");
const CFF2: Tag = Tag::new(b"CFF2");

const SUBSET_TAG_LEN: usize = 6;
const IDENTITY_H: &str = "Identity-H";

const CMAP_NAME: Name = Name(b"Custom");
const SYSTEM_INFO: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// Write all font objects into the chunk.
pub fn write_font(chunk: &mut Chunk, alloc: &mut RefAllocator, font: &mut Font) -> Result<()> {
    // We've already parsed all fonts when creating the font objects, so each font
    // should be valid.
    let ttf = FontRef::from_index(&font.face_data, font.face_index).map_err(|_| InvalidFont)?;

    let type0_ref = font.reference;
    let cid_ref = alloc.alloc_ref();
    let descriptor_ref = alloc.alloc_ref();
    let cmap_ref = alloc.alloc_ref();
    let data_ref = alloc.alloc_ref();

    let glyph_set = &mut font.glyph_set;
    let glyph_remapper = &font.glyph_remapper;

    // Do we have a TrueType or CFF font?
    //
    // FIXME: CFF2 must be handled differently and requires PDF 2.0
    // (or we have to convert it to CFF).
    let is_cff = ttf
        .table_data(CFF)
        .or_else(|| ttf.table_data(CFF2))
        .is_some();

    let base_font = base_font_name(&font.face_data, font.face_index, glyph_set);
    let base_font_type0 = if is_cff {
        format!("{base_font}-{IDENTITY_H}")
    } else {
        base_font.clone()
    };

    chunk
        .type0_font(type0_ref)
        .base_font(Name(base_font_type0.as_bytes()))
        .encoding_predefined(Name(IDENTITY_H.as_bytes()))
        .descendant_font(cid_ref)
        .to_unicode(cmap_ref);

    let base_font = Name(base_font.as_bytes());
    write_cid_font(
        chunk,
        cid_ref,
        descriptor_ref,
        base_font,
        is_cff,
        &ttf,
        glyph_remapper,
    );

    let mut font_descriptor = chunk.font_descriptor(descriptor_ref);
    describe_font(
        &mut font_descriptor,
        base_font,
        &ttf,
        &font.face_data,
        font.face_index,
    );
    if is_cff {
        font_descriptor.font_file3(data_ref);
    } else {
        font_descriptor.font_file2(data_ref);
    }
    font_descriptor.finish();

    let cmap = create_cmap(glyph_set, glyph_remapper).ok_or(SubsetError)?;
    chunk
        .cmap(cmap_ref, &cmap.finish())
        .writing_mode(WMode::Horizontal);

    // Subset and write the font's bytes.
    let data = subset_font(&font.face_data, font.face_index, glyph_remapper)?;

    let mut stream = chunk.stream(data_ref, &data);
    stream.filter(Filter::FlateDecode);
    if is_cff {
        stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    }

    stream.finish();
    Ok(())
}

/// Write the CID font referencing the font descriptor, with the widths of
/// the glyphs the subset keeps.
fn write_cid_font(
    chunk: &mut Chunk,
    cid_ref: Ref,
    descriptor_ref: Ref,
    base_font: Name,
    is_cff: bool,
    ttf: &FontRef,
    glyph_remapper: &GlyphRemapper,
) {
    let mut cid = chunk.cid_font(cid_ref);
    cid.subtype(if is_cff {
        CidFontType::Type0
    } else {
        CidFontType::Type2
    });
    cid.base_font(base_font);
    cid.system_info(SYSTEM_INFO);
    cid.font_descriptor(descriptor_ref);
    cid.default_width(0.0);
    if !is_cff {
        cid.cid_to_gid_map_predefined(Name(b"Identity"));
    }

    let units_per_em = ttf
        .metrics(Size::unscaled(), LocationRef::default())
        .units_per_em;
    let mut widths = vec![];
    let advances = ttf.glyph_metrics(Size::unscaled(), LocationRef::default());
    for old_gid in glyph_remapper.remapped_gids() {
        let width = advances
            .advance_width(GlyphId::from(old_gid))
            .unwrap_or(0.0);
        let units = (width as f64 / units_per_em as f64) * 1000.0;
        widths.push(units as f32);
    }

    // Write all non-zero glyph widths.
    let mut first = 0;
    let mut width_writer = cid.widths();
    for (w, group) in widths.group_by_key(|&w| w) {
        let end = first + group.len();
        if w != 0.0 {
            let last = end - 1;
            width_writer.same(first as u16, last as u16, w);
        }
        first = end;
    }

    width_writer.finish();
    cid.finish();
}

/// Write the font descriptor's metrics about the font (all but its file),
/// face `face_index` of `face_data`.
fn describe_font(
    descriptor: &mut FontDescriptor,
    base_font: Name,
    ttf: &FontRef,
    face_data: &[u8],
    face_index: u32,
) {
    let metrics = ttf.metrics(Size::unscaled(), LocationRef::default());
    let units_per_em = metrics.units_per_em;

    let mut flags = FontFlags::empty();
    let attributes = ttf.attributes();
    flags.set(
        FontFlags::SERIF,
        postscript_name(face_data, face_index).is_some_and(|name| name.contains("Serif")),
    );
    flags.set(FontFlags::FIXED_PITCH, metrics.is_monospace);
    flags.set(
        FontFlags::ITALIC,
        attributes.style != skrifa::attribute::Style::Normal,
    );
    flags.insert(FontFlags::SYMBOLIC);
    flags.insert(FontFlags::SMALL_CAP);

    let convert = |val| (val / units_per_em as f32) * 1000.0;

    let global_bbox = metrics.bounds.unwrap_or_default();
    let bbox = pdf_writer::Rect::new(
        convert(global_bbox.x_min),
        convert(global_bbox.y_min),
        convert(global_bbox.x_max),
        convert(global_bbox.y_max),
    );

    // The typographic (OS/2) ascender and descender where the font has
    // them, else the horizontal header's, as ttf-parser gave them.
    let os2 = ttf.os2().ok();
    let hhea = ttf.hhea().ok();
    let italic_angle = metrics.italic_angle;
    let ascender = convert(f32::from(
        os2.as_ref()
            .map(|t| t.s_typo_ascender())
            .or(hhea.as_ref().map(|t| t.ascender().to_i16()))
            .unwrap_or(0),
    ));
    let descender = convert(f32::from(
        os2.as_ref()
            .map(|t| t.s_typo_descender())
            .or(hhea.as_ref().map(|t| t.descender().to_i16()))
            .unwrap_or(0),
    ));
    let cap_height = metrics
        .cap_height
        .filter(|&h| h > 0.0)
        .map(convert)
        .unwrap_or(ascender);
    let stem_v = 10.0 + 0.244 * (attributes.weight.value() - 50.0);

    descriptor
        .name(base_font)
        .flags(flags)
        .bbox(bbox)
        .italic_angle(italic_angle)
        .ascent(ascender)
        .descent(descender)
        .cap_height(cap_height)
        .stem_v(stem_v);
}

/// Create a /ToUnicode CMap.
fn create_cmap(
    glyph_set: &mut BTreeMap<u16, String>,
    glyph_remapper: &GlyphRemapper,
) -> Option<UnicodeCmap> {
    // Produce a reverse mapping from glyphs' CIDs to unicode strings.
    let mut cmap = UnicodeCmap::new(CMAP_NAME, SYSTEM_INFO);
    for (&g, text) in glyph_set.iter() {
        let new_gid = glyph_remapper.get(g)?;
        if !text.is_empty() {
            cmap.pair_with_multiple(new_gid, text.chars());
        }
    }

    Some(cmap)
}

fn subset_font(font_data: &[u8], index: u32, glyph_remapper: &GlyphRemapper) -> Result<Vec<u8>> {
    let data = font_data;
    let subsetted = subsetter::subset(data, index, glyph_remapper).map_err(|_| SubsetError)?;
    let mut data = subsetted.as_ref();

    // Extract the standalone CFF font program if applicable.
    let face = FontRef::new(data).map_err(|_| SubsetError)?;
    if let Some(cff) = face.table_data(CFF) {
        data = cff.as_bytes();
    }

    Ok(deflate(data))
}

/// Render some text into a content stream.
pub fn render(
    text: &usvg::Text,
    chunk: &mut Chunk,
    content: &mut Content,
    ctx: &mut Context,
    rc: &mut ResourceContainer,
    accumulated_transform: Transform,
) -> Result<()> {
    let font_names = font_names(text, ctx, rc);

    // TODO: Don't clone here...
    let fonts = ctx.fonts.clone();

    for span in text.layouted() {
        if !span.visible {
            continue;
        }

        let glyphs = |content: &mut Content| show_glyphs(span, &fonts, &font_names, content);

        if let Some(overline) = &span.overline {
            path::render(overline, chunk, content, ctx, rc, accumulated_transform)?;
        }

        if let Some(underline) = &span.underline {
            path::render(underline, chunk, content, ctx, rc, accumulated_transform)?;
        }

        content.save_state_checked()?;
        let bbox = text.bounding_box();
        paint_span(
            span,
            glyphs,
            bbox,
            chunk,
            content,
            ctx,
            rc,
            accumulated_transform,
        )?;
        content.restore_state();

        if let Some(line_through) = &span.line_through {
            path::render(line_through, chunk, content, ctx, rc, accumulated_transform)?;
        }
    }

    Ok(())
}

/// The resource name of each font the glyphs of `text` use, added to `rc`.
fn font_names(
    text: &usvg::Text,
    ctx: &Context,
    rc: &mut ResourceContainer,
) -> BTreeMap<Ref, Rc<String>> {
    let mut font_names = BTreeMap::new();
    for span in text.layouted() {
        for glyph in &span.positioned_glyphs {
            let Some(font) = ctx.font_ref(glyph.font) else {
                continue;
            };
            font_names
                .entry(font.reference)
                .or_insert_with(|| rc.add_font(font.reference));
        }
    }
    font_names
}

/// Show each glyph of `span` at its place, in its font.
fn show_glyphs(
    span: &Span,
    fonts: &BTreeMap<fontdb::ID, Option<Font>>,
    font_names: &BTreeMap<Ref, Rc<String>>,
    content: &mut Content,
) -> Result<()> {
    for glyph in &span.positioned_glyphs {
        let Some(font) = fonts.get(&glyph.font).and_then(|f| f.as_ref()) else {
            continue;
        };

        let name = font_names.get(&font.reference).unwrap();

        // TODO: Remove unwraps and switch to error-based handling.
        // NOTE(laurmaedje): If it can't happen, I think a panic is
        // better. There is no way to handle it as a consumer of
        // svg2pdf.
        // usvg's glyph ids are 32-bit; a font's are 16-bit.
        let Some(cid) = u16::try_from(glyph.id.0)
            .ok()
            .and_then(|id| font.glyph_remapper.get(id))
        else {
            continue;
        };
        let ts = glyph
            .outline_transform()
            .pre_scale(font.units_per_em as f32, font.units_per_em as f32)
            // The glyphs in usvg are already scaled according the font size, but
            // we want to leverage the native PDF font size feature instead, so we downscale
            // it to a font size of 1.
            .pre_scale(1.0 / span.font_size.get(), 1.0 / span.font_size.get());
        content.save_state_checked()?;
        content.begin_text();
        content.set_text_matrix(ts.to_pdf_transform());
        content.set_font(Name(name.as_bytes()), span.font_size.get());
        content.show(Str(&[(cid >> 8) as u8, (cid & 0xff) as u8]));
        content.end_text();
        content.restore_state();
    }

    Ok(())
}

/// Fill and stroke the `glyphs` of `span` in its paint order, or show
/// them invisibly when it has neither paint.
#[allow(clippy::too_many_arguments)]
fn paint_span(
    span: &Span,
    glyphs: impl Fn(&mut Content) -> Result<()>,
    bbox: Rect,
    chunk: &mut Chunk,
    content: &mut Content,
    ctx: &mut Context,
    rc: &mut ResourceContainer,
    accumulated_transform: Transform,
) -> Result<()> {
    let stroke_operation = |content: &mut Content, _: &Stroke| -> Result<()> {
        content.set_text_rendering_mode(TextRenderingMode::Stroke);
        glyphs(content)
    };

    let fill_operation = |content: &mut Content, _: &Fill| -> Result<()> {
        content.set_text_rendering_mode(TextRenderingMode::Fill);
        glyphs(content)
    };

    if span.fill.is_none() && span.stroke.is_none() {
        content.set_text_rendering_mode(TextRenderingMode::Invisible);
        return glyphs(content);
    }

    enum Paint<'a> {
        Fill(&'a Fill),
        Stroke(&'a Stroke),
    }
    let fill = span.fill.as_ref().map(Paint::Fill);
    let stroke = span.stroke.as_ref().map(Paint::Stroke);
    let order = match span.paint_order {
        PaintOrder::FillAndStroke => [fill, stroke],
        PaintOrder::StrokeAndFill => [stroke, fill],
    };
    for paint in order.into_iter().flatten() {
        match paint {
            Paint::Fill(fill) => path::fill(
                fill,
                chunk,
                content,
                ctx,
                rc,
                fill_operation,
                accumulated_transform,
                bbox,
            )?,
            Paint::Stroke(stroke) => path::stroke(
                stroke,
                chunk,
                content,
                ctx,
                rc,
                stroke_operation,
                accumulated_transform,
                bbox,
            )?,
        }
    }
    Ok(())
}

/// Creates the base font name for a font with a specific glyph subset.
/// Consists of a subset tag and the PostScript name of the font.
///
/// Returns a string of length maximum 116, so that even with `-Identity-H`
/// added it does not exceed the maximum PDF/A name length of 127.
fn base_font_name<T: Hash>(data: &[u8], index: u32, glyphs: &T) -> String {
    const MAX_LEN: usize = 127 - REST_LEN;
    const REST_LEN: usize = SUBSET_TAG_LEN + 1 + 1 + IDENTITY_H.len();

    let postscript_name = postscript_name(data, index);
    let name = postscript_name.as_deref().unwrap_or("unknown");
    let trimmed = &name[..name.len().min(MAX_LEN)];

    // Hash the full name (we might have trimmed) and the glyphs to produce
    // a fairly unique subset tag.
    let subset_tag = subset_tag(&(name, glyphs));

    format!("{subset_tag}+{trimmed}")
}

/// Produce a unique 6 letter tag for a glyph set.
fn subset_tag<T: Hash>(glyphs: &T) -> String {
    const BASE: u128 = 26;
    let mut hash = hash128(&glyphs);
    let mut letter = [b'A'; SUBSET_TAG_LEN];
    for l in letter.iter_mut() {
        *l = b'A' + (hash % BASE) as u8;
        hash /= BASE;
    }
    std::str::from_utf8(&letter).unwrap().into()
}

/// Calculate a 128-bit siphash of a value.
pub fn hash128<T: Hash + ?Sized>(value: &T) -> u128 {
    let mut state = SipHasher13::new();
    value.hash(&mut state);
    state.finish128().as_u128()
}

/// Extra methods for [`[T]`](slice).
pub trait SliceExt<T> {
    /// Split a slice into consecutive runs with the same key and yield for
    /// each such run the key and the slice of elements with that key.
    fn group_by_key<K, F>(&self, f: F) -> GroupByKey<'_, T, F>
    where
        F: FnMut(&T) -> K,
        K: PartialEq;
}

impl<T> SliceExt<T> for [T] {
    fn group_by_key<K, F>(&self, f: F) -> GroupByKey<'_, T, F> {
        GroupByKey { slice: self, f }
    }
}

/// This struct is created by [`SliceExt::group_by_key`].
pub struct GroupByKey<'a, T, F> {
    slice: &'a [T],
    f: F,
}

impl<'a, T, K, F> Iterator for GroupByKey<'a, T, F>
where
    F: FnMut(&T) -> K,
    K: PartialEq,
{
    type Item = (K, &'a [T]);

    fn next(&mut self) -> Option<Self::Item> {
        let mut iter = self.slice.iter();
        let key = (self.f)(iter.next()?);
        let count = 1 + iter.take_while(|t| (self.f)(t) == key).count();
        let (head, tail) = self.slice.split_at(count);
        self.slice = tail;
        Some((key, head))
    }
}

#[derive(Clone)]
pub struct Font {
    pub glyph_set: BTreeMap<u16, String>,
    pub glyph_remapper: GlyphRemapper,
    pub reference: Ref,
    pub face_data: Arc<Vec<u8>>,
    pub units_per_em: u16,
    pub face_index: u32,
}

pub fn fill_fonts(group: &Group, ctx: &mut Context, fontdb: &fontdb::Database) -> Result<()> {
    for child in group.children() {
        match child {
            Node::Text(t) => {
                let allocator = &mut ctx.ref_allocator;
                for span in t.layouted() {
                    for g in &span.positioned_glyphs {
                        let font = ctx.fonts.entry(g.font).or_insert_with(|| {
                            fontdb
                                .with_face_data(g.font, |data, face_index| {
                                    // TODO: Currently, we are parsing each font twice, once here
                                    // and once again when writing the fonts. We should probably
                                    // improve on that...
                                    if let Ok(ttf) = FontRef::from_index(data, face_index) {
                                        let reference = allocator.alloc_ref();
                                        let glyph_set = BTreeMap::new();
                                        let glyph_remapper = GlyphRemapper::new();
                                        return Some(Font {
                                            reference,
                                            face_data: Arc::new(Vec::from(data)),
                                            units_per_em: ttf
                                                .head()
                                                .map(|head| head.units_per_em())
                                                .unwrap_or(1000),
                                            glyph_set,
                                            glyph_remapper,
                                            face_index,
                                        });
                                    }

                                    None
                                })
                                .flatten()
                        });

                        if let (Some(ref mut font), Ok(id)) = (font, u16::try_from(g.id.0)) {
                            font.glyph_set.insert(id, g.text.clone());
                            font.glyph_remapper.remap(id);
                        }
                    }
                }
            }
            Node::Group(group) => fill_fonts(group, ctx, fontdb)?,
            Node::Image(image) => {
                if let ImageKind::SVG(svg) = image.kind() {
                    fill_fonts(svg.root(), ctx, fontdb)?;
                }
            }
            _ => {}
        }

        let mut result = Ok(());
        child.subroots(|subroot| {
            result = result.and(fill_fonts(subroot, ctx, fontdb));
        });
        result?;
    }

    Ok(())
}
