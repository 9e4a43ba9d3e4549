//! Pandoc's attributes, `{#id .class key=value}`, where they follow a
//! picture (`![](chart.png){width=50%}`) or a span: read, never printed.

/// The length of the attribute group `text` starts with, or `None` when it
/// does not start with one: `{`, then only `#id`, `.class` and
/// `key=value` (or `key="value"`) words, then `}`.
pub(crate) fn leading(text: &str) -> Option<usize> {
    let inner = text.strip_prefix('{')?;
    let end = inner.find('}')?;
    let words = &inner[..end];
    let mut rest = words.trim();
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let word_end = if let Some(quote) = rest.find("=\"") {
            match rest[..quote].contains(char::is_whitespace) {
                true => rest.find(char::is_whitespace).unwrap_or(rest.len()),
                false => rest[quote + 2..].find('"').map(|q| quote + 2 + q + 1)?,
            }
        } else {
            rest.find(char::is_whitespace).unwrap_or(rest.len())
        };
        let word = &rest[..word_end];
        let name = |name: &str| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        };
        let ok = match word.split_once('=') {
            Some((key, _)) => name(key),
            None => word
                .strip_prefix('.')
                .or_else(|| word.strip_prefix('#'))
                .is_some_and(name),
        };
        if !ok {
            return None;
        }
        rest = rest[word_end..].trim_start();
    }
    Some(1 + end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_groups_are_found() {
        assert_eq!(leading("{width=50%} and"), Some(11));
        assert_eq!(leading("{#fig .wide height=\"3 cm\"}"), Some(26));
        assert_eq!(leading("{.plain}"), Some(8));
        assert_eq!(leading("{a set}"), None);
        assert_eq!(leading("{}"), None);
        assert_eq!(leading("{x: 1}"), None);
        assert_eq!(leading("no"), None);
    }
}
