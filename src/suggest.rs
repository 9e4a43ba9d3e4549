//! "Did you mean …?" for names the user mistyped.

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
    fn formats_the_hint() {
        assert_eq!(
            did_you_mean("cover ", &["cover", "contain"]),
            " (did you mean `cover`?)"
        );
        assert_eq!(did_you_mean("stretch", &["cover", "contain"]), "");
    }
}
