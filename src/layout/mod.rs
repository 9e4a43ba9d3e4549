//! From a validated deck to pages of placed items.
//!
//! Pure: reads no files and cannot fail. Text that must be cut and glyphs the
//! font lacks become warnings that name the slide.

mod agenda;
mod beside;
mod block;
mod body;
mod caption;
mod check;
mod chrome;
mod contrast;
mod divider;
mod fit;
mod found;
mod full;
mod grid;
mod handout;
mod links;
mod notes_pages;
mod pair;
mod paper;
mod place;
mod quote;
mod slide;
mod standard;
mod style;
mod tags;
mod title;

pub use check::check_page;
pub use fit::{fit_image, Placement};
pub use handout::{handout_scale, HANDOUT_SIZES};
pub use paper::{kept_pages, Paper, PaperOptions};

use std::collections::BTreeMap;
use std::ops::Range;

use crate::diag::Diagnostics;
use crate::frame::{DocInfo, Document, OutlineEntry, Page, PageTransition, Step};
use crate::image::ImageStore;
use crate::model::{Deck, Section, Slide, TransitionChoice};
use crate::text::FontSet;

use found::Found;

/// Shared by the layout of a run of pages: the inputs and what the pages
/// found. Runs are laid out on several threads, each with a context of
/// its own ([`Context::fresh`]), and their problems merged in deck order.
struct Context<'a> {
    deck: &'a Deck,
    /// The look of every page, from the deck's theme.
    style: style::Style,
    fonts: &'a FontSet,
    images: &'a ImageStore,
    /// The problems these pages found.
    found: Found,
    /// How many pages the deck numbers, for "7 / 24" and the progress
    /// bar: a slide's steps share one number.
    pages: usize,
    /// How many numbered pages come before the next one laid out.
    numbered: usize,
}

impl<'a> Context<'a> {
    fn new(deck: &'a Deck, fonts: &'a FontSet, images: &'a ImageStore) -> Context<'a> {
        Context {
            deck,
            style: style::Style::of(deck.theme()),
            fonts,
            images,
            found: Found::default(),
            pages: PagePlan::new(deck).numbered,
            numbered: 0,
        }
    }

    /// A context for pages that have found nothing yet, the first of
    /// them numbered after `numbered` others.
    fn fresh(&self, numbered: usize) -> Context<'a> {
        Context {
            found: Found::default(),
            numbered,
            ..*self
        }
    }
}

/// Where each page goes, worked out before any is laid out, so the agenda
/// and links can point forwards.
struct PagePlan {
    /// The first page of each section (its divider, or its first slide).
    section_starts: Vec<usize>,
    /// The first page of each slide with an `id`.
    slide_pages: BTreeMap<String, usize>,
    /// The pages of every slide, one per step, section by section.
    pages_of_slides: Vec<Vec<Range<usize>>>,
    pages: usize,
    /// The pages counted once per slide, whatever its steps.
    numbered: usize,
}

impl PagePlan {
    fn new(deck: &Deck) -> PagePlan {
        let mut next = usize::from(deck.title_slide()) + usize::from(deck.agenda());
        let mut numbered = next;
        let mut section_starts = Vec::new();
        let mut slide_pages = BTreeMap::new();
        let mut pages_of_slides = Vec::new();
        for section in deck.sections() {
            section_starts.push(next);
            next += usize::from(section.divider());
            numbered += usize::from(section.divider()) + section.slides().len();
            let mut pages = Vec::new();
            for slide in section.slides() {
                if let Some(id) = slide.id() {
                    slide_pages.insert(id.text.clone(), next);
                }
                let steps = slide.step_count();
                pages.push(next..next + steps);
                next += steps;
            }
            pages_of_slides.push(pages);
        }
        // A section with neither divider nor slides opens where the next one
        // starts, or on the last page when it is the last section.
        for start in &mut section_starts {
            *start = (*start).min(next.saturating_sub(1));
        }
        PagePlan {
            section_starts,
            slide_pages,
            pages_of_slides,
            pages: next,
            numbered,
        }
    }

    /// Every named destination: each section, each slide, and each slide
    /// `id`, with the page it opens (a slide's first step).
    fn destinations(self) -> BTreeMap<String, usize> {
        let sections = self.section_starts.iter().enumerate();
        let mut names: BTreeMap<String, usize> = sections
            .map(|(index, &page)| (links::section_destination(index), page))
            .collect();
        for (section, pages) in self.pages_of_slides.iter().enumerate() {
            for (slide, steps) in pages.iter().enumerate() {
                names.insert(links::slide_destination(section, slide), steps.start);
            }
        }
        names.extend(self.slide_pages);
        names
    }
}

/// The index (from 0) of the page that shows every slide of `deck` whole
/// (its last step), section by section, as [`layout`] places them.
pub fn pages_of_slides(deck: &Deck) -> Vec<Vec<usize>> {
    let sections = PagePlan::new(deck).pages_of_slides.into_iter();
    sections
        .map(|slides| slides.into_iter().map(|steps| steps.end - 1).collect())
        .collect()
}

/// One page, or the pages of one slide's steps: what one thread lays out
/// at a time.
#[derive(Debug, Clone, Copy)]
enum Part {
    Title,
    Agenda,
    /// The divider of the section at this index.
    Divider(usize),
    /// The slide at `number` (from 1) in the section at `section`.
    Slide {
        section: usize,
        number: usize,
    },
}

/// Every part of `deck`, in order, each with how many numbered pages come
/// before it: each part is one numbered page (a slide's steps share one).
fn parts(deck: &Deck) -> Vec<(Part, usize)> {
    let mut parts = Vec::new();
    if deck.title_slide() {
        parts.push(Part::Title);
    }
    if deck.agenda() {
        parts.push(Part::Agenda);
    }
    for (index, section) in deck.sections().iter().enumerate() {
        if section.divider() {
            parts.push(Part::Divider(index));
        }
        parts.extend((1..=section.slides().len()).map(|number| Part::Slide {
            section: index,
            number,
        }));
    }
    parts
        .into_iter()
        .enumerate()
        .map(|(n, part)| (part, n))
        .collect()
}

/// The pages of `part` and what they found, numbered after `numbered` others.
fn lay_out_part(deck_context: &Context, part: Part, numbered: usize) -> (Vec<Page>, Found) {
    let mut context = deck_context.fresh(numbered);
    let deck = context.deck;
    let mut pages = Vec::new();
    match part {
        Part::Title => {
            let page = title::title_page(&mut context);
            add(&mut context, &mut pages, page, deck.transition(), None);
        }
        Part::Agenda => {
            let page = agenda::agenda_page(&mut context);
            add(&mut context, &mut pages, page, deck.transition(), None);
        }
        Part::Divider(index) => {
            let section = &deck.sections()[index];
            let choice = section.transition().within(deck.transition());
            let page = divider::divider_page(&mut context, section, index);
            let name = format!("the divider of section {}", quoted_name(section));
            add(&mut context, &mut pages, page, choice, None);
            // With its footer: the page as shown.
            let shown = pages.last().expect("just added");
            context.check_contrast(shown, &name, Some(section.title().span));
        }
        Part::Slide { section, number } => {
            let section = &deck.sections()[section];
            let section_choice = section.transition().within(deck.transition());
            let slide = &section.slides()[number - 1];
            let name = slide_name(section, number);
            let steps = slide.steps();
            let count = steps.len();
            for (step, shown) in steps.iter().enumerate() {
                let page = slide::slide_page(&mut context, section, shown, number);
                let page = Page {
                    step: Step {
                        number: step + 1,
                        count,
                    },
                    ..page
                };
                // The transition plays into the first step; the others
                // appear at once.
                let choice = match step {
                    0 => slide.transition().within(section_choice),
                    _ => TransitionChoice::default(),
                };
                add(
                    &mut context,
                    &mut pages,
                    page,
                    choice,
                    slide.notes().map(str::to_string),
                );
                let shown = pages.last().expect("just added");
                context.check_contrast(shown, &name, Some(slide.span()));
            }
        }
    }
    (pages, context.found)
}

/// Lays out every page of `deck`, in order, with its outline and metadata.
/// The parts of the deck are laid out on every core; what they find is
/// told in deck order, as if one thread had laid out every page.
pub fn layout(
    deck: &Deck,
    fonts: &FontSet,
    images: &ImageStore,
    diagnostics: &mut Diagnostics,
) -> Document {
    let plan = PagePlan::new(deck);
    let context = Context::new(deck, fonts, images);
    let laid_out = crate::parallel::map(&parts(deck), |&(part, numbered)| {
        lay_out_part(&context, part, numbered)
    });
    let mut pages = Vec::with_capacity(plan.pages);
    let mut found = Found::default();
    for (part_pages, part_found) in laid_out {
        pages.extend(part_pages);
        found.then(part_found);
    }
    found.report(diagnostics);

    let outline = deck
        .sections()
        .iter()
        .enumerate()
        .map(|(index, section)| OutlineEntry {
            title: section.title().text.clone(),
            destination: links::section_destination(index),
            children: (section.slides().iter().enumerate())
                .map(|(number, slide)| OutlineEntry {
                    title: outline_label(section, slide),
                    destination: links::slide_destination(index, number),
                    children: Vec::new(),
                })
                .collect(),
        })
        .collect();
    debug_assert_eq!(
        pages.len(),
        plan.pages,
        "the page plan and the pages differ"
    );
    if cfg!(debug_assertions) {
        for (index, page) in pages.iter().enumerate() {
            let problems = check_page(page);
            assert!(problems.is_empty(), "page {}: {problems:#?}", index + 1);
        }
    }
    let destinations = plan.destinations();
    Document {
        pages,
        outline,
        destinations,
        info: DocInfo {
            title: deck.meta().title().text.clone(),
            author: deck.meta().author().map(|t| t.text.clone()),
            subject: deck.meta().subtitle().map(|t| t.text.clone()),
            language: deck.meta().language().map(str::to_string),
            fullscreen: deck.theme().fullscreen(),
        },
    }
}

/// How slides go on paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaperLayout {
    /// A handout with this many slides to a sheet (one of [`HANDOUT_SIZES`]).
    Handout(usize),
    /// One sheet per slide with its speaker notes.
    NotesPages,
}

/// The laid-out `slides` of `deck` on paper. Pure, like [`layout`]; the
/// caller makes sure `options` keep at least one page ([`kept_pages`]).
pub fn on_paper(
    slides: &Document,
    deck: &Deck,
    fonts: &FontSet,
    images: &ImageStore,
    paper_layout: PaperLayout,
    options: &PaperOptions,
    diagnostics: &mut Diagnostics,
) -> Document {
    let mut context = Context::new(deck, fonts, images);
    let document = match paper_layout {
        PaperLayout::Handout(per_page) => handout::handout(&mut context, slides, per_page, options),
        PaperLayout::NotesPages => notes_pages::notes_pages(&mut context, slides, options),
    };
    context.found.report(diagnostics);
    if cfg!(debug_assertions) {
        for (index, page) in document.pages.iter().enumerate() {
            let problems = check_page(page);
            assert!(problems.is_empty(), "sheet {}: {problems:#?}", index + 1);
        }
    }
    document
}

/// Adds `content` to `pages`, labelled and dressed: the footer and page
/// number on every page but the title slide, the transition `choice`, and
/// the slide's `notes`. The steps of a slide (`content.step`) share its
/// number and label.
fn add(
    context: &mut Context,
    pages: &mut Vec<Page>,
    content: Page,
    choice: TransitionChoice,
    notes: Option<String>,
) {
    let position = context.numbered;
    if content.step.is_last() {
        context.numbered += 1;
    }
    let title = context.deck.title_slide() && position == 0;
    let label = if title {
        context.deck.strings().title().to_string()
    } else {
        (position + 1).to_string()
    };
    let mut page = if title {
        content
    } else {
        chrome::with_chrome(context, content, &label, position)
    };
    page.label = label;
    page.transition = choice.transition.map(|transition| PageTransition {
        transition,
        duration: choice.duration,
    });
    page.notes = notes;
    pages.push(page);
}

/// A slide's bookmark: its own title, or its caption when the title is the section's.
fn outline_label(section: &Section, slide: &Slide) -> String {
    let own_title = slide.title().filter(|t| t.text != section.title().text);
    let label = own_title
        .or(slide.caption().map(|caption| &caption.text))
        .map_or(section.title().text.as_str(), |t| t.text.as_str());
    label.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How warnings name a slide: "slide 2 in section `Intro`".
fn slide_name(section: &Section, number: usize) -> String {
    format!("slide {number} in section {}", quoted_name(section))
}

/// A section's title in backticks, shortened so a message stays one readable line.
fn quoted_name(section: &Section) -> String {
    const LONGEST: usize = 40;
    let title = &section.title().text;
    if title.chars().count() <= LONGEST {
        format!("`{title}`")
    } else {
        let start: String = title.chars().take(LONGEST - 1).collect();
        format!("`{}…`", start.trim_end())
    }
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
