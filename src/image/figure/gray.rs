//! A figure's colours turned gray for `--grayscale`: the colour operators
//! of its content and of the forms inside it rewritten as DeviceGray, with
//! the weights `Color::to_gray` uses. What operators cannot change
//! (gradients, patterns, images, colours in other spaces) stays as it is
//! and is named, so the caller can warn.

use std::collections::BTreeSet;

// lopdf is the content streams' parser and writer here; the figure's
// objects are its own (`objects`).
use lopdf::content::{Content, Operation};
use lopdf::Object as Operand;

use super::objects::{self, Dictionary, Object, ObjectRef, StreamData, StringForm};
use super::Figure;

/// What a colour space's components are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Space {
    Gray,
    Rgb,
    Cmyk,
    /// Patterns, spot colours, palettes, Lab: left alone.
    Other,
}

/// Turns `figure` gray where it can; returns what stays in colour
/// (`gradients`, `images`, ...), each once, in a fixed order.
pub(super) fn to_gray(figure: &mut Figure) -> Vec<String> {
    let mut kept = BTreeSet::new();
    if let Some(content) = gray_content(&figure.content, &figure.resources, figure, &mut kept) {
        figure.content = content;
    }
    for form in streams_of(figure, b"Form") {
        let Some(stream) = figure.objects.stream(form) else {
            continue;
        };
        let Some(decoded) = objects::decoded(stream) else {
            kept.insert("forms it cannot decode");
            continue;
        };
        let resources = match stream
            .dict
            .get(b"Resources")
            .map(|o| figure.objects.resolve(o))
        {
            Some(Object::Dictionary(dict)) => dict.clone(),
            _ => Dictionary::default(),
        };
        if let Some(content) = gray_content(&decoded, &resources, figure, &mut kept) {
            if let Some(stream) = figure.objects.stream_mut(form) {
                stream.data = StreamData::Plain(content);
            }
        }
    }
    for image in streams_of(figure, b"Image") {
        if !gray_image(figure, image) {
            kept.insert("images");
        }
    }
    kept.into_iter().map(str::to_string).collect()
}

/// The streams of the figure whose `/Subtype` is `subtype`.
fn streams_of(figure: &Figure, subtype: &[u8]) -> Vec<ObjectRef> {
    figure
        .objects
        .iter()
        .filter(|(_, object)| object.as_stream().is_some_and(|s| s.is_subtype(subtype)))
        .map(|(reference, _)| reference)
        .collect()
}

/// Turns the image `image` gray: a palette's table, or 8-bit RGB samples
/// stored plainly or with zlib. Returns whether it is gray now.
fn gray_image(figure: &mut Figure, image: ObjectRef) -> bool {
    let Some(stream) = figure.objects.stream(image) else {
        return true;
    };
    if stream.dict.get(b"ImageMask").and_then(Object::as_bool) == Some(true) {
        return true;
    }
    let space = match stream.dict.get(b"ColorSpace") {
        Some(space) => figure.objects.resolve(space).clone(),
        None => Object::Null,
    };
    match space {
        Object::Name(name) if name == b"DeviceGray" => true,
        Object::Array(parts) if parts.first().and_then(Object::as_name) == Some(b"Indexed") => {
            gray_palette(figure, image, &parts)
        }
        other => gray_samples(figure, image, other),
    }
}

/// Turns the palette of the indexed image `image` gray, when its base is
/// RGB. Returns whether it is gray now.
fn gray_palette(figure: &mut Figure, image: ObjectRef, parts: &[Object]) -> bool {
    let base = parts.get(1).map_or(Space::Other, |base| match base {
        Object::Name(name) => space_named(name, &Dictionary::default(), figure),
        other => space_of(other.clone(), figure),
    });
    let table = match parts.get(3) {
        Some(Object::String(bytes, _)) => bytes,
        _ => return false,
    };
    if base != Space::Rgb || parts.len() != 4 {
        return base == Space::Gray;
    }
    let gray: Vec<u8> = table
        .chunks_exact(3)
        .map(|rgb| luma(rgb[0], rgb[1], rgb[2]))
        .collect();
    let indexed = Object::Array(vec![
        Object::name(b"Indexed"),
        Object::name(b"DeviceGray"),
        parts[2].clone(),
        Object::String(gray, StringForm::Hexadecimal),
    ]);
    if let Some(stream) = figure.objects.stream_mut(image) {
        stream.dict.set(b"ColorSpace", indexed);
    }
    true
}

/// What the colour space `space`, written in full, is.
fn space_of(space: Object, figure: &Figure) -> Space {
    let spaces = Dictionary::from_iter([(b"S", space)]);
    let resources = Dictionary::from_iter([(b"ColorSpace", Object::Dictionary(spaces))]);
    space_named(b"S", &resources, figure)
}

/// Turns the 8-bit samples of the image `image` in `space` gray, when they
/// are RGB stored plainly or with zlib. Returns whether it is gray now.
fn gray_samples(figure: &mut Figure, image: ObjectRef, space: Object) -> bool {
    if space_of(space, figure) != Space::Rgb {
        return false;
    }
    let Some(stream) = figure.objects.stream(image) else {
        return true;
    };
    let bits = stream
        .dict
        .get(b"BitsPerComponent")
        .and_then(Object::as_i64);
    let plain_or_zlib = match &stream.data {
        StreamData::Plain(_) => true,
        StreamData::Encoded { filter, parms, .. } => {
            filter.as_name() == Some(b"FlateDecode") && parms.is_none()
        }
    };
    if bits != Some(8) || !plain_or_zlib || stream.dict.has(b"Decode") {
        return false;
    }
    let Some(samples) = objects::decoded(stream) else {
        return false;
    };
    let gray: Vec<u8> = samples
        .chunks_exact(3)
        .map(|rgb| luma(rgb[0], rgb[1], rgb[2]))
        .collect();
    if let Some(stream) = figure.objects.stream_mut(image) {
        stream.dict.set(b"ColorSpace", Object::name(b"DeviceGray"));
        stream.data = StreamData::Plain(gray);
    }
    true
}

/// The gray of an 8-bit RGB colour, as `Color::to_gray` computes it.
fn luma(r: u8, g: u8, b: u8) -> u8 {
    let level = 0.2126 * f64::from(r) + 0.7152 * f64::from(g) + 0.0722 * f64::from(b);
    level.round().clamp(0.0, 255.0) as u8
}

/// `content` with its colour operators gray, or `None` when it cannot be
/// parsed or rewritten (inline images are left as they are).
fn gray_content(
    content: &[u8],
    resources: &Dictionary,
    figure: &Figure,
    kept: &mut BTreeSet<&'static str>,
) -> Option<Vec<u8>> {
    let Ok(decoded) = Content::decode(content) else {
        kept.insert("content it cannot parse");
        return None;
    };
    if decoded.operations.iter().any(|op| op.operator == "BI") {
        kept.insert("inline images");
        return None;
    }
    // The fill and stroke spaces, saved and restored with the state.
    let mut state = (Space::Gray, Space::Gray);
    let mut saved = Vec::new();
    let mut operations = Vec::with_capacity(decoded.operations.len());
    for op in decoded.operations {
        let operator = op.operator.as_str();
        let stroke = operator
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase());
        let replaced = match operator {
            "q" => {
                saved.push(state);
                None
            }
            "Q" => {
                state = saved.pop().unwrap_or(state);
                None
            }
            "rg" | "RG" => gray_of(Space::Rgb, &op.operands).map(|level| set_gray(stroke, level)),
            "k" | "K" => gray_of(Space::Cmyk, &op.operands).map(|level| set_gray(stroke, level)),
            "cs" | "CS" => {
                let space = op
                    .operands
                    .first()
                    .and_then(|name| name.as_name().ok())
                    .map_or(Space::Other, |name| space_named(name, resources, figure));
                if stroke {
                    state.1 = space;
                } else {
                    state.0 = space;
                }
                if space == Space::Other {
                    kept.insert("colours in other spaces or patterns");
                    None
                } else {
                    let name = Operand::Name(b"DeviceGray".to_vec());
                    Some(Operation::new(operator, vec![name]))
                }
            }
            "sc" | "scn" | "SC" | "SCN" => {
                let space = if stroke { state.1 } else { state.0 };
                match space {
                    Space::Other => None,
                    _ => gray_of(space, &op.operands)
                        .map(|level| Operation::new(operator, vec![Operand::Real(level as f32)])),
                }
            }
            "sh" => {
                kept.insert("gradients");
                None
            }
            _ => None,
        };
        operations.push(replaced.unwrap_or(op));
    }
    Content { operations }.encode().ok()
}

fn set_gray(stroke: bool, level: f64) -> Operation {
    let operator = if stroke { "G" } else { "g" };
    Operation::new(operator, vec![Operand::Real(level as f32)])
}

fn number(operand: &Operand) -> Option<f64> {
    match operand {
        Operand::Integer(i) => Some(*i as f64),
        Operand::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// The gray level of the components in `operands`, read in `space`.
fn gray_of(space: Space, operands: &[Operand]) -> Option<f64> {
    let values: Vec<f64> = operands.iter().map(number).collect::<Option<_>>()?;
    let level = match (space, values.as_slice()) {
        (Space::Gray, [gray]) => *gray,
        (Space::Rgb, [r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b,
        (Space::Cmyk, [c, m, y, k]) => {
            let rgb = [c, m, y].map(|v| (1.0 - v) * (1.0 - k));
            0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
        }
        _ => return None,
    };
    Some((level.clamp(0.0, 1.0) * 10_000.0).round() / 10_000.0)
}

/// What the colour space `name` of `resources` is.
fn space_named(name: &[u8], resources: &Dictionary, figure: &Figure) -> Space {
    match name {
        b"DeviceGray" | b"G" => return Space::Gray,
        b"DeviceRGB" | b"RGB" => return Space::Rgb,
        b"DeviceCMYK" | b"CMYK" => return Space::Cmyk,
        _ => {}
    }
    let objects = &figure.objects;
    let spaces = resources.get(b"ColorSpace").map(|o| objects.resolve(o));
    let Some(Object::Dictionary(spaces)) = spaces else {
        return Space::Other;
    };
    match spaces.get(name).map(|o| objects.resolve(o)) {
        Some(Object::Name(device)) => space_named(device, &Dictionary::default(), figure),
        Some(Object::Array(parts)) => match parts.first().and_then(Object::as_name) {
            Some(b"ICCBased") => {
                let components = parts
                    .get(1)
                    .and_then(|profile| objects.resolve(profile).as_stream())
                    .and_then(|profile| profile.dict.get(b"N")?.as_i64());
                match components {
                    Some(1) => Space::Gray,
                    Some(3) => Space::Rgb,
                    Some(4) => Space::Cmyk,
                    _ => Space::Other,
                }
            }
            Some(b"CalRGB") => Space::Rgb,
            Some(b"CalGray") => Space::Gray,
            _ => Space::Other,
        },
        _ => Space::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::figure::objects::ObjectIds;

    fn figure(content: &str) -> Figure {
        Figure {
            bbox: [0.0, 0.0, 10.0, 10.0],
            quarter_turns: 0,
            content: content.as_bytes().to_vec(),
            resources: Dictionary::from_iter([(
                "ColorSpace",
                Object::Dictionary(Dictionary::from_iter([(
                    "CS0",
                    Object::Array(vec![Object::Name(b"CalRGB".to_vec())]),
                )])),
            )]),
            group: None,
            objects: Default::default(),
        }
    }

    #[test]
    fn colour_operators_become_gray() {
        let mut gray = figure("1 0 0 rg 0 0 1 RG 0 0 0 1 k /CS0 cs 0 1 0 sc 0 0 5 5 re f");
        assert!(to_gray(&mut gray).is_empty());
        let text = String::from_utf8(gray.content).unwrap();
        assert_eq!(
            text,
            "0.2126 g\n0.0722 G\n0 g\n/DeviceGray cs\n0.7152 sc\n0 0 5 5 re\nf"
        );
    }

    #[test]
    fn palettes_and_rgb_samples_become_gray() {
        use lopdf::{Dictionary as LoDictionary, Object as LoObject};
        let table = vec![255, 0, 0, 0, 0, 255];
        let indexed = LoObject::Array(vec![
            LoObject::Name(b"Indexed".to_vec()),
            LoObject::Name(b"DeviceRGB".to_vec()),
            LoObject::Integer(1),
            LoObject::String(table, lopdf::StringFormat::Hexadecimal),
        ]);
        let image = |space: LoObject, data: Vec<u8>| {
            let dict = LoDictionary::from_iter([
                ("Subtype", LoObject::Name(b"Image".to_vec())),
                ("ColorSpace", space),
                ("BitsPerComponent", LoObject::Integer(8)),
            ]);
            LoObject::Stream(lopdf::Stream::new(dict, data))
        };
        let rgb = LoObject::Name(b"DeviceRGB".to_vec());
        let copied = [
            ((1, 0), image(indexed, vec![0, 1])),
            ((2, 0), image(rgb, vec![0, 255, 0, 255, 255, 255])),
        ];
        let (objects, _) = ObjectIds::table(copied.into_iter().collect());
        let mut figure = Figure {
            objects,
            ..figure("/Im0 Do")
        };
        assert!(to_gray(&mut figure).is_empty());
        let mut streams = figure.objects.iter().filter_map(|(_, o)| o.as_stream());
        let palette = streams.next().unwrap();
        assert_eq!(
            palette.dict.get(b"ColorSpace"),
            Some(&Object::Array(vec![
                Object::name(b"Indexed"),
                Object::name(b"DeviceGray"),
                Object::Integer(1),
                Object::String(vec![54, 18], StringForm::Hexadecimal),
            ]))
        );
        let samples = streams.next().unwrap();
        assert_eq!(samples.data, StreamData::Plain(vec![182, 255]));
    }

    #[test]
    fn gradients_and_unknown_spaces_are_named() {
        let mut shaded = figure("/Sh0 sh /Sep cs 1 scn");
        assert_eq!(
            to_gray(&mut shaded),
            ["colours in other spaces or patterns", "gradients"]
        );
        assert_eq!(
            String::from_utf8(shaded.content).unwrap(),
            "/Sh0 sh\n/Sep cs\n1 scn"
        );
    }
}
