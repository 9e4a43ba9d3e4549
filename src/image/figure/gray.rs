//! A figure's colours turned gray for `--grayscale`: the colour operators
//! of its content and of the forms inside it rewritten as DeviceGray, with
//! the weights `Color::to_gray` uses. What operators cannot change
//! (gradients, patterns, images, colours in other spaces) stays as it is
//! and is named, so the caller can warn.

use std::collections::BTreeSet;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Object, ObjectId};

use super::copy::MAX_INFLATED;
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
    let resources = figure.resources.clone();
    if let Some(content) = gray_content(&figure.content, &resources, figure, &mut kept) {
        figure.content = content;
    }
    let forms: Vec<ObjectId> = figure
        .objects
        .iter()
        .filter(|(_, object)| is_subtype(object, b"Form"))
        .map(|(id, _)| *id)
        .collect();
    for id in forms {
        let Some(Object::Stream(stream)) = figure.objects.get(&id) else {
            continue;
        };
        let decoded = match stream.dict.get(b"Filter") {
            Err(_) => stream.content.clone(),
            Ok(_) => match stream.decompressed_content_with_limit(MAX_INFLATED as usize) {
                Ok(decoded) => decoded,
                Err(_) => {
                    kept.insert("forms it cannot decode");
                    continue;
                }
            },
        };
        let resources = match stream.dict.get(b"Resources") {
            Ok(Object::Dictionary(dict)) => dict.clone(),
            Ok(Object::Reference(id)) => match figure.objects.get(id) {
                Some(Object::Dictionary(dict)) => dict.clone(),
                _ => Dictionary::new(),
            },
            _ => Dictionary::new(),
        };
        if let Some(content) = gray_content(&decoded, &resources, figure, &mut kept) {
            if let Some(Object::Stream(stream)) = figure.objects.get_mut(&id) {
                stream.dict.remove(b"Filter");
                stream.dict.remove(b"DecodeParms");
                stream.set_content(content);
            }
        }
    }
    let images: Vec<ObjectId> = figure
        .objects
        .iter()
        .filter(|(_, object)| is_subtype(object, b"Image"))
        .map(|(id, _)| *id)
        .collect();
    for id in images {
        if !gray_image(figure, id) {
            kept.insert("images");
        }
    }
    kept.into_iter().map(str::to_string).collect()
}

/// Turns the image `id` gray: a palette's table, or 8-bit RGB samples
/// stored plainly or with zlib. Returns whether it is gray now.
fn gray_image(figure: &mut Figure, id: ObjectId) -> bool {
    let Some(Object::Stream(stream)) = figure.objects.get(&id) else {
        return true;
    };
    let space = stream
        .dict
        .get(b"ColorSpace")
        .cloned()
        .unwrap_or(Object::Null);
    let space = match space {
        Object::Reference(space_id) => figure
            .objects
            .get(&space_id)
            .cloned()
            .unwrap_or(Object::Null),
        other => other,
    };
    let image_mask = stream
        .dict
        .get(b"ImageMask")
        .and_then(Object::as_bool)
        .unwrap_or(false);
    if image_mask {
        return true;
    }
    match space {
        Object::Name(name) if name == b"DeviceGray" => true,
        Object::Array(parts)
            if parts.first().and_then(|p| p.as_name().ok()) == Some(b"Indexed") =>
        {
            gray_palette(figure, id, &parts)
        }
        other => gray_samples(figure, id, other),
    }
}

/// Turns the palette of the indexed image `id` gray, when its base is RGB.
/// Returns whether it is gray now.
fn gray_palette(figure: &mut Figure, id: ObjectId, parts: &[Object]) -> bool {
    let base = parts.get(1).map_or(Space::Other, |base| match base {
        Object::Name(name) => space_named(name, &Dictionary::new(), figure),
        other => {
            let mut spaces = Dictionary::new();
            spaces.set("B", other.clone());
            let resources = Dictionary::from_iter([("ColorSpace", Object::Dictionary(spaces))]);
            space_named(b"B", &resources, figure)
        }
    });
    let table = match parts.get(3) {
        Some(Object::String(bytes, _)) => bytes.clone(),
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
        Object::Name(b"Indexed".to_vec()),
        Object::Name(b"DeviceGray".to_vec()),
        parts[2].clone(),
        Object::String(gray, lopdf::StringFormat::Hexadecimal),
    ]);
    if let Some(Object::Stream(stream)) = figure.objects.get_mut(&id) {
        stream.dict.set("ColorSpace", indexed);
    }
    true
}

/// Turns the 8-bit samples of the image `id` in `space` gray, when they
/// are RGB stored plainly or with zlib. Returns whether it is gray now.
fn gray_samples(figure: &mut Figure, id: ObjectId, space: Object) -> bool {
    let mut spaces = Dictionary::new();
    spaces.set("S", space);
    let resources = Dictionary::from_iter([("ColorSpace", Object::Dictionary(spaces))]);
    if space_named(b"S", &resources, figure) != Space::Rgb {
        return false;
    }
    let Some(Object::Stream(stream)) = figure.objects.get(&id) else {
        return true;
    };
    let bits = stream
        .dict
        .get(b"BitsPerComponent")
        .and_then(Object::as_i64)
        .unwrap_or(0);
    let plain_or_zlib = match stream.dict.get(b"Filter") {
        Err(_) => true,
        Ok(Object::Name(name)) => name == b"FlateDecode",
        Ok(_) => false,
    };
    if bits != 8
        || !plain_or_zlib
        || stream.dict.get(b"DecodeParms").is_ok()
        || stream.dict.get(b"Decode").is_ok()
    {
        return false;
    }
    let samples = match stream.dict.get(b"Filter") {
        Err(_) => stream.content.clone(),
        Ok(_) => match stream.decompressed_content_with_limit(MAX_INFLATED as usize) {
            Ok(samples) => samples,
            Err(_) => return false,
        },
    };
    let gray: Vec<u8> = samples
        .chunks_exact(3)
        .map(|rgb| luma(rgb[0], rgb[1], rgb[2]))
        .collect();
    if let Some(Object::Stream(stream)) = figure.objects.get_mut(&id) {
        stream.dict.remove(b"Filter");
        stream
            .dict
            .set("ColorSpace", Object::Name(b"DeviceGray".to_vec()));
        stream.set_content(gray);
    }
    true
}

/// The gray of an 8-bit RGB colour, as `Color::to_gray` computes it.
fn luma(r: u8, g: u8, b: u8) -> u8 {
    let level = 0.2126 * f64::from(r) + 0.7152 * f64::from(g) + 0.0722 * f64::from(b);
    level.round().clamp(0.0, 255.0) as u8
}

fn is_subtype(object: &Object, subtype: &[u8]) -> bool {
    object.as_stream().is_ok_and(|stream| {
        stream
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|name| name == subtype)
    })
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
                    let name = Object::Name(b"DeviceGray".to_vec());
                    Some(Operation::new(operator, vec![name]))
                }
            }
            "sc" | "scn" | "SC" | "SCN" => {
                let space = if stroke { state.1 } else { state.0 };
                match space {
                    Space::Other => None,
                    _ => gray_of(space, &op.operands)
                        .map(|level| Operation::new(operator, vec![Object::Real(level as f32)])),
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
    Operation::new(operator, vec![Object::Real(level as f32)])
}

fn number(object: &Object) -> Option<f64> {
    match object {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// The gray level of the components in `operands`, read in `space`.
fn gray_of(space: Space, operands: &[Object]) -> Option<f64> {
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
    let deref = |object: &Object| match object {
        Object::Reference(id) => figure.objects.get(id).cloned().unwrap_or(Object::Null),
        other => other.clone(),
    };
    let spaces = resources.get(b"ColorSpace").map(deref);
    let Ok(Object::Dictionary(spaces)) = spaces else {
        return Space::Other;
    };
    match spaces.get(name).map(deref) {
        Ok(Object::Name(device)) => space_named(&device, &Dictionary::new(), figure),
        Ok(Object::Array(parts)) => match parts.first().and_then(|p| p.as_name().ok()) {
            Some(b"ICCBased") => {
                let components = parts.get(1).map(deref).and_then(|profile| {
                    profile
                        .as_stream()
                        .ok()
                        .and_then(|s| s.dict.get(b"N").ok().and_then(|n| n.as_i64().ok()))
                });
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
    use std::collections::BTreeMap;

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
            objects: BTreeMap::new(),
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
        let mut figure = figure("/Im0 Do");
        let table = vec![255, 0, 0, 0, 0, 255];
        let indexed = Object::Array(vec![
            Object::Name(b"Indexed".to_vec()),
            Object::Name(b"DeviceRGB".to_vec()),
            Object::Integer(1),
            Object::String(table, lopdf::StringFormat::Hexadecimal),
        ]);
        let image = |space: Object, data: Vec<u8>| {
            let dict = Dictionary::from_iter([
                ("Subtype", Object::Name(b"Image".to_vec())),
                ("ColorSpace", space),
                ("BitsPerComponent", Object::Integer(8)),
            ]);
            Object::Stream(lopdf::Stream::new(dict, data))
        };
        figure.objects.insert((1, 0), image(indexed, vec![0, 1]));
        let rgb = Object::Name(b"DeviceRGB".to_vec());
        figure
            .objects
            .insert((2, 0), image(rgb, vec![0, 255, 0, 255, 255, 255]));
        assert!(to_gray(&mut figure).is_empty());
        let palette = figure.objects[&(1, 0)].as_stream().unwrap();
        let space = palette.dict.get(b"ColorSpace").unwrap().as_array().unwrap();
        assert_eq!(space[1], Object::Name(b"DeviceGray".to_vec()));
        assert_eq!(space[3].as_str().unwrap(), [54, 18]);
        let samples = figure.objects[&(2, 0)].as_stream().unwrap();
        assert_eq!(samples.content, [182, 255]);
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
