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
        .map(|candidate| {
            (
                strsim::levenshtein(&input, &candidate.to_lowercase()),
                *candidate,
            )
        })
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
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
    fn formats_the_hint() {
        assert_eq!(
            did_you_mean("cover ", &["cover", "contain"]),
            " (did you mean `cover`?)"
        );
        assert_eq!(did_you_mean("stretch", &["cover", "contain"]), "");
    }
}
