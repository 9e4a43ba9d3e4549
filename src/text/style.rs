//! A font named the way people write it: a family with an optional style,
//! `Noto Serif Bold`, `DejaVu Sans Oblique`.

/// Weight and slant words that may end a font name, with the weight they
/// stand for (`None`: the word sets the slant only).
const STYLE_WORDS: [(&str, Option<u16>); 20] = [
    ("thin", Some(100)),
    ("hairline", Some(100)),
    ("extralight", Some(200)),
    ("ultralight", Some(200)),
    ("light", Some(300)),
    ("regular", Some(400)),
    ("normal", Some(400)),
    ("book", Some(400)),
    ("medium", Some(500)),
    ("semibold", Some(600)),
    ("demibold", Some(600)),
    ("bold", Some(700)),
    ("extrabold", Some(800)),
    ("ultrabold", Some(800)),
    ("black", Some(900)),
    ("heavy", Some(900)),
    ("italic", None),
    ("oblique", None),
    ("upright", None),
    ("roman", None),
];

/// A family name and the style asked of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FamilyRequest {
    /// The family, as written (without the style words).
    pub family: String,
    /// 100 (thin) to 900 (black).
    pub weight: u16,
    pub italic: bool,
}

impl FamilyRequest {
    /// Every way to read `name`: the whole name as a family first, then with
    /// style words taken off its end one at a time. `weight` is the weight
    /// meant when the name gives none (400 for `font`, 700 for `bold_font`).
    pub fn readings(name: &str, weight: u16) -> Vec<FamilyRequest> {
        let words: Vec<&str> = name.split_whitespace().collect();
        let mut readings = vec![FamilyRequest {
            family: words.join(" "),
            weight,
            italic: false,
        }];
        let (mut given_weight, mut italic) = (None, false);
        for end in (1..words.len()).rev() {
            let word = words[end].to_lowercase().replace('-', "");
            let Some((_, meaning)) = STYLE_WORDS.iter().find(|(w, _)| *w == word) else {
                break;
            };
            match meaning {
                Some(w) => given_weight = given_weight.or(Some(*w)),
                None => italic = italic || matches!(word.as_str(), "italic" | "oblique"),
            }
            readings.push(FamilyRequest {
                family: words[..end].join(" "),
                weight: given_weight.unwrap_or(weight),
                italic,
            });
        }
        readings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(family: &str, weight: u16, italic: bool) -> FamilyRequest {
        FamilyRequest {
            family: family.into(),
            weight,
            italic,
        }
    }

    #[test]
    fn a_plain_family_is_read_one_way() {
        assert_eq!(
            FamilyRequest::readings("Noto  Serif", 400),
            [request("Noto Serif", 400, false)]
        );
    }

    #[test]
    fn style_words_come_off_the_end() {
        assert_eq!(
            FamilyRequest::readings("Noto Serif Bold Italic", 400),
            [
                request("Noto Serif Bold Italic", 400, false),
                request("Noto Serif Bold", 400, true),
                request("Noto Serif", 700, true),
            ]
        );
        assert_eq!(
            FamilyRequest::readings("Noto Sans Semi-Bold", 400).last(),
            Some(&request("Noto Sans", 600, false))
        );
    }

    #[test]
    fn the_weight_meant_applies_when_none_is_written() {
        assert_eq!(
            FamilyRequest::readings("DejaVu Sans Oblique", 700).last(),
            Some(&request("DejaVu Sans", 700, true))
        );
        // A family name is never all style words.
        assert_eq!(FamilyRequest::readings("Black", 400).len(), 1);
    }
}
