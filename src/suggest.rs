//! "Did you mean …?" for names the user mistyped.

use std::path::{Component, Path, PathBuf};

/// The candidate closest to `input` by edit distance, if it is within 2 edits
/// (1 for words of up to three letters, 3 for long words), compared
/// case-insensitively.
pub fn closest<'a>(input: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let input = input.to_lowercase();
    let limit = match input.chars().count() {
        0..=3 => 1,
        4..=8 => 2,
        _ => 3,
    };
    candidates
        .iter()
        .map(|candidate| (distance(&input, candidate), *candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Up to `count` of `candidates`, nearest to `input` first (by edit
/// distance, case-insensitively; ties in name order), however far.
pub fn nearest(input: &str, candidates: Vec<String>, count: usize) -> Vec<String> {
    let input = input.to_lowercase();
    let mut scored: Vec<(usize, String)> = candidates
        .into_iter()
        .map(|candidate| (distance(&input, &candidate), candidate))
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(count)
        .map(|(_, candidate)| candidate)
        .collect()
}

/// The edit distance from `lowercase_input` to `candidate`, ignoring case.
fn distance(lowercase_input: &str, candidate: &str) -> usize {
    strsim::levenshtein(lowercase_input, &candidate.to_lowercase())
}

/// ` (did you mean `x`?)` or nothing, ready to append to a message.
pub fn did_you_mean(input: &str, candidates: &[&str]) -> String {
    closest(input, candidates)
        .map(|hit| format!(" (did you mean `{hit}`?)"))
        .unwrap_or_default()
}

/// The path the user may have meant when `path` (written in the deck as
/// `written`) names nothing: each missing name in it replaced by the one
/// in its folder that differs only in case (the file's own name also by a
/// near miss), written as the deck wrote it. A deck made on a file system
/// that ignores case breaks on one that does not; this says why.
pub fn meant_path(path: &Path, written: &str) -> Option<String> {
    let components: Vec<Component> = path.components().collect();
    let last = components.len().checked_sub(1)?;
    let mut found = PathBuf::new();
    let mut replaced: Vec<(String, String)> = Vec::new();
    for (index, component) in components.iter().enumerate() {
        let Component::Normal(name) = component else {
            found.push(component);
            continue;
        };
        if found.join(name).exists() {
            found.push(name);
            continue;
        }
        let name = name.to_str()?;
        let folder = if found.as_os_str().is_empty() {
            Path::new(".")
        } else {
            found.as_path()
        };
        let entries: Vec<String> = std::fs::read_dir(folder)
            .ok()?
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .collect();
        let same_but_case = entries
            .iter()
            .find(|entry| entry.to_lowercase() == name.to_lowercase());
        let hit = match same_but_case {
            Some(hit) => hit.clone(),
            None if index == last => {
                let candidates: Vec<&str> = entries.iter().map(String::as_str).collect();
                closest(name, &candidates)?.to_string()
            }
            None => return None,
        };
        found.push(&hit);
        replaced.push((name.to_string(), hit));
    }
    // The deck's folder exists, so every replaced name is one `written` gave.
    let mut replaced = replaced.into_iter().peekable();
    let mut meant = PathBuf::new();
    for component in Path::new(written).components() {
        match (component, replaced.peek()) {
            (Component::Normal(name), Some((old, new))) if name.to_str() == Some(old) => {
                meant.push(new);
                replaced.next();
            }
            _ => meant.push(component),
        }
    }
    replaced
        .peek()
        .is_none()
        .then(|| meant.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let keys = ["caption", "image", "title", "notes"];
        assert_eq!(closest("captoin", &keys), Some("caption"));
        assert_eq!(closest("imgae", &keys), Some("image"));
        assert_eq!(closest("Title", &keys), Some("title"));
        assert_eq!(closest("background", &keys), None);
    }

    #[test]
    fn ranks_the_nearest_first() {
        let families = ["Noto Serif", "Noto Sans", "DejaVu Sans", "Noto Sans Math"];
        let families = families.map(String::from).to_vec();
        assert_eq!(
            nearest("noto sanz", families, 2),
            ["Noto Sans", "Noto Serif"]
        );
    }

    #[test]
    fn finds_a_path_that_differs_in_case() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::create_dir(folder.path().join("Images")).unwrap();
        std::fs::write(folder.path().join("Images/Chart.png"), b"").unwrap();
        let meant = |written: &str| meant_path(&folder.path().join(written), written);
        assert_eq!(
            meant("images/chart.PNG").as_deref(),
            Some("Images/Chart.png")
        );
        assert_eq!(
            meant("Images/Chrat.png").as_deref(),
            Some("Images/Chart.png")
        );
        assert_eq!(
            meant("./images/Chart.png").as_deref(),
            Some("./Images/Chart.png")
        );
        assert_eq!(meant("Images/photo.jpg"), None);
        assert_eq!(meant("pictures/Chart.png"), None);
    }

    #[test]
    fn formats_the_hint() {
        assert_eq!(
            did_you_mean("cover ", &["cover", "contain"]),
            " (did you mean `cover`?)"
        );
        assert_eq!(did_you_mean("stretch", &["cover", "contain"]), "");
    }
}
