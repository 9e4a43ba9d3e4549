//! The words deckgen writes by itself (a divider's "Section 2", "Agenda",
//! "page 3 of 10"), in the deck's language, each overridable in
//! `theme.strings`.

/// One of the words, by its key in `theme.strings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StringKey {
    /// A divider's label; `{n}` is the section's number.
    Section,
    /// The agenda slide's title.
    Agenda,
    /// A handout's page count; `{n}` the page, `{of}` the pages.
    PageOf,
    /// The head of a notes page that goes on; `{n}` is the slide's page label.
    NotesContinued,
    /// The title slide's page label, shown by viewers instead of a number.
    Title,
    /// The mark that opens a quotation (the `quote` layout).
    OpenQuote,
    /// The mark that closes a quotation.
    CloseQuote,
}

impl StringKey {
    /// Every word, in the order of [`TABLE`]'s columns.
    pub const ALL: [StringKey; 7] = [
        StringKey::Section,
        StringKey::Agenda,
        StringKey::PageOf,
        StringKey::NotesContinued,
        StringKey::Title,
        StringKey::OpenQuote,
        StringKey::CloseQuote,
    ];
}

/// The languages with built-in words (the first subtag of `language`), and
/// the words in the order of [`StringKey::ALL`].
const TABLE: [(&str, [&str; 7]); 22] = [
    (
        "en",
        [
            "Section {n}",
            "Agenda",
            "page {n} of {of}",
            "Notes for page {n}, continued",
            "Title",
            "“",
            "”",
        ],
    ),
    (
        "de",
        [
            "Abschnitt {n}",
            "Agenda",
            "Seite {n} von {of}",
            "Notizen zu Seite {n}, Fortsetzung",
            "Titel",
            "„",
            "“",
        ],
    ),
    (
        "fr",
        [
            "Partie {n}",
            "Sommaire",
            "page {n} sur {of}",
            "Notes de la page {n}, suite",
            "Titre",
            "«\u{a0}",
            "\u{a0}»",
        ],
    ),
    (
        "es",
        [
            "Sección {n}",
            "Agenda",
            "página {n} de {of}",
            "Notas de la página {n}, continuación",
            "Título",
            "«",
            "»",
        ],
    ),
    (
        "it",
        [
            "Sezione {n}",
            "Agenda",
            "pagina {n} di {of}",
            "Note della pagina {n}, continua",
            "Titolo",
            "«",
            "»",
        ],
    ),
    (
        "pt",
        [
            "Seção {n}",
            "Agenda",
            "página {n} de {of}",
            "Notas da página {n}, continuação",
            "Título",
            "“",
            "”",
        ],
    ),
    (
        "nl",
        [
            "Deel {n}",
            "Agenda",
            "pagina {n} van {of}",
            "Notities bij pagina {n}, vervolg",
            "Titel",
            "“",
            "”",
        ],
    ),
    (
        "pl",
        [
            "Część {n}",
            "Plan",
            "strona {n} z {of}",
            "Notatki do strony {n}, ciąg dalszy",
            "Tytuł",
            "„",
            "”",
        ],
    ),
    (
        "sv",
        [
            "Avsnitt {n}",
            "Agenda",
            "sida {n} av {of}",
            "Anteckningar till sida {n}, fortsättning",
            "Titel",
            "”",
            "”",
        ],
    ),
    (
        "da",
        [
            "Afsnit {n}",
            "Dagsorden",
            "side {n} af {of}",
            "Noter til side {n}, fortsat",
            "Titel",
            "“",
            "”",
        ],
    ),
    (
        "fi",
        [
            "Osa {n}",
            "Sisältö",
            "sivu {n}/{of}",
            "Sivun {n} muistiinpanot, jatkuu",
            "Otsikko",
            "”",
            "”",
        ],
    ),
    (
        "cs",
        [
            "Oddíl {n}",
            "Program",
            "strana {n} z {of}",
            "Poznámky ke straně {n}, pokračování",
            "Titul",
            "„",
            "“",
        ],
    ),
    (
        "ru",
        [
            "Раздел {n}",
            "План",
            "страница {n} из {of}",
            "Заметки к странице {n}, продолжение",
            "Титул",
            "«",
            "»",
        ],
    ),
    (
        "uk",
        [
            "Розділ {n}",
            "План",
            "сторінка {n} з {of}",
            "Нотатки до сторінки {n}, продовження",
            "Титул",
            "«",
            "»",
        ],
    ),
    (
        "tr",
        [
            "Bölüm {n}",
            "Gündem",
            "sayfa {n}/{of}",
            "Sayfa {n} notları, devamı",
            "Başlık",
            "“",
            "”",
        ],
    ),
    (
        "el",
        [
            "Ενότητα {n}",
            "Ατζέντα",
            "σελίδα {n} από {of}",
            "Σημειώσεις σελίδας {n}, συνέχεια",
            "Τίτλος",
            "«",
            "»",
        ],
    ),
    (
        "ar",
        [
            "القسم {n}",
            "جدول الأعمال",
            "صفحة {n} من {of}",
            "ملاحظات الصفحة {n}، تابع",
            "العنوان",
            "”",
            "“",
        ],
    ),
    (
        "he",
        [
            "חלק {n}",
            "סדר היום",
            "עמוד {n} מתוך {of}",
            "הערות לעמוד {n}, המשך",
            "כותרת",
            "”",
            "”",
        ],
    ),
    (
        "hi",
        [
            "खंड {n}",
            "कार्यसूची",
            "पृष्ठ {n} / {of}",
            "पृष्ठ {n} के नोट्स, जारी",
            "शीर्षक",
            "“",
            "”",
        ],
    ),
    (
        "ja",
        [
            "セクション {n}",
            "アジェンダ",
            "{n} / {of} ページ",
            "{n} ページのノート（続き）",
            "タイトル",
            "「",
            "」",
        ],
    ),
    (
        "zh",
        [
            "第 {n} 部分",
            "议程",
            "第 {n} 页，共 {of} 页",
            "第 {n} 页备注（续）",
            "标题",
            "“",
            "”",
        ],
    ),
    (
        "ko",
        [
            "섹션 {n}",
            "목차",
            "{n} / {of}쪽",
            "{n}쪽 노트 (계속)",
            "제목",
            "“",
            "”",
        ],
    ),
];

/// The built-in words of one deck: its language's, with the deck's own in
/// their place where `theme.strings` sets them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strings {
    words: [String; 7],
    right_to_left: bool,
}

/// Languages written right to left (first subtags).
const RIGHT_TO_LEFT: [&str; 6] = ["ar", "he", "fa", "ur", "yi", "ps"];

impl Default for Strings {
    fn default() -> Strings {
        Strings::builtin("en").expect("English is in the table")
    }
}

impl Strings {
    /// The words for `language` (a BCP 47 tag; only its first subtag counts),
    /// or `None` when deckgen has none for it.
    pub fn builtin(language: &str) -> Option<Strings> {
        let primary = language.split('-').next()?.to_ascii_lowercase();
        let (_, words) = TABLE.iter().find(|(tag, _)| *tag == primary)?;
        Some(Strings {
            words: words.map(String::from),
            right_to_left: RIGHT_TO_LEFT.contains(&primary.as_str()),
        })
    }

    /// Whether the deck's language is written right to left, so the page
    /// chrome runs right to left too (the page number on the left).
    pub fn right_to_left(&self) -> bool {
        self.right_to_left
    }

    /// Puts `text` in place of `word`.
    pub fn set(&mut self, word: StringKey, text: String) {
        self.words[word as usize] = text;
    }

    fn get(&self, word: StringKey) -> &str {
        &self.words[word as usize]
    }

    /// A divider's label for section `n` (from 1).
    pub fn section(&self, n: usize) -> String {
        self.get(StringKey::Section).replace("{n}", &n.to_string())
    }

    /// The agenda slide's title.
    pub fn agenda(&self) -> &str {
        self.get(StringKey::Agenda)
    }

    /// A handout's "page `n` of `of`".
    pub fn page_of(&self, n: usize, of: usize) -> String {
        self.get(StringKey::PageOf)
            .replace("{n}", &n.to_string())
            .replace("{of}", &of.to_string())
    }

    /// The head of a notes page continuing the notes of page `label`.
    pub fn notes_continued(&self, label: &str) -> String {
        self.get(StringKey::NotesContinued).replace("{n}", label)
    }

    /// The title slide's page label.
    pub fn title(&self) -> &str {
        self.get(StringKey::Title)
    }

    /// `text` between the language's quotation marks.
    pub fn quoted(&self, text: &str) -> String {
        let (open, close) = self.quotation_marks();
        format!("{open}{text}{close}")
    }

    /// The language's opening and closing quotation marks.
    pub fn quotation_marks(&self) -> (&str, &str) {
        (
            self.get(StringKey::OpenQuote),
            self.get(StringKey::CloseQuote),
        )
    }

    /// Every word as written (placeholders included), for choosing fonts.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_word_with_its_placeholders() {
        for (tag, words) in TABLE {
            assert!(words[0].contains("{n}"), "{tag}");
            assert!(
                words[2].contains("{n}") && words[2].contains("{of}"),
                "{tag}"
            );
            assert!(words[3].contains("{n}"), "{tag}");
        }
    }

    #[test]
    fn the_first_subtag_picks_the_words() {
        let german = Strings::builtin("de-CH").unwrap();
        assert_eq!(german.section(2), "Abschnitt 2");
        assert_eq!(german.page_of(3, 10), "Seite 3 von 10");
        assert_eq!(Strings::builtin("ES").unwrap().agenda(), "Agenda");
        assert!(Strings::builtin("tlh").is_none());
        assert_eq!(
            Strings::default().notes_continued("4"),
            "Notes for page 4, continued"
        );
        assert!(Strings::builtin("he").unwrap().right_to_left());
        assert!(!Strings::builtin("de").unwrap().right_to_left());
    }

    #[test]
    fn the_deck_overrides_a_word() {
        let mut words = Strings::default();
        words.set(StringKey::Agenda, "Outline".into());
        assert_eq!(words.agenda(), "Outline");
        assert_eq!(words.title(), "Title");
    }

    #[test]
    fn quotation_marks_follow_the_language() {
        assert_eq!(Strings::default().quoted("a"), "“a”");
        assert_eq!(Strings::builtin("en-GB").unwrap().quoted("a"), "“a”");
        assert_eq!(Strings::builtin("de-CH").unwrap().quoted("a"), "„a“");
        assert_eq!(
            Strings::builtin("fr").unwrap().quoted("a"),
            "«\u{a0}a\u{a0}»"
        );
        assert_eq!(Strings::builtin("ja").unwrap().quoted("a"), "「a」");
        let mut words = Strings::default();
        words.set(StringKey::OpenQuote, "»".into());
        words.set(StringKey::CloseQuote, "«".into());
        assert_eq!(words.quoted("a"), "»a«");
    }
}
