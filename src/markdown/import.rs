//! `deckgen import`: the raw deck a Markdown file reads into, written out
//! as the YAML deck that builds the same pages.

use serde_json::Value;

use crate::model::raw::RawDeck;

/// `raw` as deck YAML, headed by a comment naming `source`. Keys the
/// Markdown did not set are left out, as a person would write the deck.
pub(crate) fn to_yaml(raw: &RawDeck, source: &str) -> Result<String, String> {
    let mut value = serde_json::to_value(raw).map_err(|err| err.to_string())?;
    drop_nulls(&mut value);
    if raw.marp_fragments {
        // In YAML a `*` list shows at once: Marp's step by step in a div.
        let slides = value["sections"].as_array_mut().into_iter().flatten();
        let slides = slides.filter_map(|section| section["slides"].as_array_mut());
        for slide in slides.flatten() {
            if let Some(body) = slide.get_mut("body") {
                if let Some(text) = body.as_str() {
                    *body = Value::from(crate::body::marp_fragments_as_divs(text));
                }
            }
        }
    }
    let yaml = serde_saphyr::to_string(&value).map_err(|err| err.to_string())?;
    Ok(format!(
        "# Imported from {source} by `deckgen import`: builds the same pages.\n{yaml}"
    ))
}

/// Leaves out every key without a value.
fn drop_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(drop_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::path::Path;

    use crate::diag::Diagnostics;
    use crate::text::FontSources;
    use crate::{check, frame, import_markdown, Limits};

    /// The display list of the deck in `file`, which must build.
    fn pages_of(file: &Path) -> String {
        let mut diagnostics = Diagnostics::new();
        let fonts = FontSources {
            system_fonts: false,
            folders: Vec::new(),
        };
        let checked = check(file, &Limits::default(), &fonts, &mut diagnostics, &());
        let laid_out = checked.laid_out.unwrap_or_else(|| {
            let problems: Vec<String> =
                diagnostics.sorted().iter().map(|d| d.to_string()).collect();
            panic!(
                "{} does not build:\n{}",
                file.display(),
                problems.join("\n")
            )
        });
        frame::dump(&laid_out.document)
    }

    /// The imported YAML builds the same display list as the Markdown.
    #[test]
    fn imported_decks_build_the_same_pages() {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        // The talks, and the steps of Pandoc's divs and Marp's `*` lists.
        for (folder, talk, pages) in [
            ("markdown", "pandoc-talk.md", 15),
            ("markdown", "marp-talk.md", 15),
            ("steps", "pandoc.md", 5),
            ("steps", "marp.md", 5),
        ] {
            let folder = fixtures.join(folder);
            let markdown = folder.join(talk);
            let mut diagnostics = Diagnostics::new();
            let yaml = import_markdown(&markdown, &mut diagnostics).expect("an imported deck");
            assert!(yaml.starts_with(&format!("# Imported from {talk} by `deckgen import`")));
            // Beside the Markdown, so the picture paths mean the same.
            let mut imported = tempfile::Builder::new()
                .prefix(".imported-")
                .suffix(".yaml")
                .tempfile_in(&folder)
                .unwrap();
            imported.write_all(yaml.as_bytes()).unwrap();
            let from_markdown = pages_of(&markdown);
            assert!(from_markdown.matches("\npage ").count() >= pages, "{talk}");
            assert_eq!(pages_of(imported.path()), from_markdown, "{talk}");
        }
    }
}
