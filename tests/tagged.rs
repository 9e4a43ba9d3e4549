use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::util::{pdf_check_tagged, unindent, Fixture};

/// Every layout, the agenda, a link, a URL, a decorative picture, credits
/// (a slide's and a pair entry's) and notes.
const DECK: &str = "
title: Tagged & checked
author: A. Speaker
language: en
agenda: true
theme:
  footer: A footer
  progress: true
sections:
  - title: Pictures
    slides:
      - caption: Read https://example.org first
        image: photo.png
        alt: A gradient from dark to light
        credit: Me
        notes: Say hello
      - layout: full
        image: photo.png
        alt: \"\"
        caption: Decorative
        link: \"#last\"
      - layout: image-left
        image: photo.png
        alt: The same gradient, beside
        caption: Beside
  - title: Words
    slides:
      - layout: quote
        caption: General methods win
        attribution: Rich Sutton
      - id: last
        layout: statement
        caption: 42
      - layout: pair
        images:
          - image: photo.png
            alt: Left picture
          - image: photo.png
            alt: Right picture
            credit: Photo by B
            caption: Right
";

fn tagged_deck() -> Fixture {
    let fixture = Fixture::new();
    fixture.write("deck.yaml", &unindent(DECK));
    fixture.image("photo.png", 320, 180);
    fixture
}

/// A structure element as the tree has it, in reading order.
#[derive(Debug)]
struct Element {
    id: ObjectId,
    role: String,
    alt: Option<String>,
    depth: usize,
    /// Marked content it owns: (page, MCID).
    mcids: Vec<(ObjectId, i64)>,
    /// Annotations it owns.
    annotations: Vec<ObjectId>,
}

fn name(object: &Object) -> String {
    String::from_utf8_lossy(object.as_name().unwrap()).into_owned()
}

fn text(object: &Object) -> String {
    let bytes = object.as_str().unwrap();
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => String::from_utf16(
            &utf16
                .chunks(2)
                .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
                .collect::<Vec<_>>(),
        )
        .unwrap(),
        None => String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

fn dictionary<'a>(pdf: &'a Document, object: &'a Object) -> &'a Dictionary {
    match object {
        Object::Reference(id) => pdf.get_dictionary(*id).unwrap(),
        Object::Dictionary(dict) => dict,
        other => panic!("not a dictionary: {other:?}"),
    }
}

/// The structure tree under the StructTreeRoot, depth first.
fn walk(pdf: &Document) -> Vec<Element> {
    fn visit(pdf: &Document, id: ObjectId, depth: usize, found: &mut Vec<Element>) {
        let dict = pdf.get_dictionary(id).unwrap();
        let page = dict.get(b"Pg").ok().map(|pg| pg.as_reference().unwrap());
        let index = found.len();
        found.push(Element {
            id,
            role: name(dict.get(b"S").unwrap()),
            alt: dict.get(b"Alt").ok().map(text),
            depth,
            mcids: Vec::new(),
            annotations: Vec::new(),
        });
        let kids = match dict.get(b"K") {
            Ok(Object::Array(kids)) => kids.clone(),
            Ok(kid) => vec![kid.clone()],
            Err(_) => Vec::new(),
        };
        for kid in kids {
            match kid {
                Object::Integer(mcid) => found[index]
                    .mcids
                    .push((page.expect("an element with content has /Pg"), mcid)),
                Object::Reference(child) => visit(pdf, child, depth + 1, found),
                Object::Dictionary(reference) => {
                    assert_eq!(name(reference.get(b"Type").unwrap()), "OBJR");
                    let annotation = reference.get(b"Obj").unwrap().as_reference().unwrap();
                    found[index].annotations.push(annotation);
                }
                other => panic!("unexpected kid {other:?}"),
            }
        }
    }
    let catalog = pdf.catalog().unwrap();
    let root = pdf
        .get_dictionary(
            catalog
                .get(b"StructTreeRoot")
                .unwrap()
                .as_reference()
                .unwrap(),
        )
        .unwrap();
    assert_eq!(name(root.get(b"Type").unwrap()), "StructTreeRoot");
    let mut found = Vec::new();
    visit(
        pdf,
        root.get(b"K").unwrap().as_reference().unwrap(),
        0,
        &mut found,
    );
    found
}

/// Every MCID in each page's content with the tag of its sequence; asserts
/// that everything painted is inside marked content.
fn content_mcids(pdf: &Document) -> BTreeMap<(ObjectId, i64), String> {
    let mut found = BTreeMap::new();
    for (number, page) in pdf.get_pages() {
        let ops = pdf.get_and_decode_page_content(page).unwrap().operations;
        let mut depth = 0;
        for op in ops {
            match op.operator.as_str() {
                "BDC" => {
                    depth += 1;
                    let properties = dictionary(pdf, &op.operands[1]);
                    let mcid = properties.get(b"MCID").unwrap().as_i64().unwrap();
                    let tag = name(&op.operands[0]);
                    assert!(found.insert((page, mcid), tag).is_none(), "MCID twice");
                }
                "BMC" => {
                    depth += 1;
                    assert_eq!(name(&op.operands[0]), "Artifact");
                }
                "EMC" => depth -= 1,
                "Tj" | "TJ" | "Do" | "f" | "f*" | "S" | "B" => {
                    assert!(
                        depth > 0,
                        "page {number}: `{}` outside marked content",
                        op.operator
                    );
                }
                _ => {}
            }
        }
        assert_eq!(depth, 0, "page {number}: unbalanced marked content");
    }
    found
}

/// The parent tree as a map from key to its value.
fn parent_tree(pdf: &Document) -> BTreeMap<i64, Object> {
    let catalog = pdf.catalog().unwrap();
    let root = dictionary(pdf, catalog.get(b"StructTreeRoot").unwrap());
    let tree = dictionary(pdf, root.get(b"ParentTree").unwrap());
    let numbers = tree.get(b"Nums").unwrap().as_array().unwrap();
    numbers
        .chunks(2)
        .map(|pair| (pair[0].as_i64().unwrap(), pair[1].clone()))
        .collect()
}

fn build(fixture: &Fixture, args: &[&str]) -> Document {
    let mut all = vec!["deck.yaml", "-o", "out.pdf"];
    all.extend(args);
    fixture.run(&all).success();
    Document::load(fixture.path().join("out.pdf")).unwrap()
}

#[test]
fn the_tree_holds_every_page_in_reading_order_with_its_alt_texts() {
    let fixture = tagged_deck();
    let pdf = build(&fixture, &["--notes-annotations"]);
    let elements = walk(&pdf);
    let outline: Vec<String> = elements
        .iter()
        .map(|e| format!("{}{}", "  ".repeat(e.depth), e.role))
        .collect();
    let expected = [
        "Document",
        // Title slide.
        "  H1",
        "  P",
        // Agenda: its title, then a list of links.
        "  H2",
        "  L",
        "    LI",
        "      LBody",
        "        Link",
        "    LI",
        "      LBody",
        "        Link",
        // The first section: its divider.
        "  Sect",
        "    P",
        "    H2",
        // Standard: title, caption (with its URL's link), figure, credit;
        // then the notes annotation.
        "    H3",
        "    P",
        "      Link",
        "    Figure",
        "    P",
        "    Annot",
        // Full: the decorative picture is an artifact, its link a link.
        "    Link",
        "    H3",
        "    P",
        // Image-left: title, caption, figure.
        "    H3",
        "    P",
        "    Figure",
        // The second section: quote, statement, pair.
        "  Sect",
        "    P",
        "    H2",
        "    BlockQuote",
        "      P",
        "      P",
        "    H3",
        "    P",
        // Pair: each figure, then its credit and its caption.
        "    H3",
        "    Figure",
        "    Figure",
        "    P",
        "    P",
    ]
    .map(str::to_string);
    assert_eq!(outline, expected);
    let alts: Vec<&str> = elements.iter().filter_map(|e| e.alt.as_deref()).collect();
    assert_eq!(
        alts,
        [
            "A gradient from dark to light",
            "The same gradient, beside",
            "Left picture",
            "Right picture"
        ]
    );
    assert!(elements
        .iter()
        .filter(|e| e.role == "Figure")
        .all(|e| e.alt.is_some() && e.mcids.len() == 1));
    // Every heading and paragraph has text of its own.
    assert!(elements
        .iter()
        .filter(|e| ["H1", "H2", "H3", "P"].contains(&e.role.as_str()))
        .all(|e| !e.mcids.is_empty()));

    // Every MCID in the content has its element, and every element's MCID
    // is in the content, under the element's own tag.
    let in_content = content_mcids(&pdf);
    let mut in_tree = BTreeMap::new();
    for element in &elements {
        for &mcid in &element.mcids {
            assert!(in_tree.insert(mcid, element).is_none(), "{mcid:?} twice");
        }
    }
    assert_eq!(
        in_content.keys().collect::<BTreeSet<_>>(),
        in_tree.keys().collect::<BTreeSet<_>>()
    );
    for (mcid, tag) in &in_content {
        assert_eq!(tag, &in_tree[mcid].role, "{mcid:?}");
    }

    // The parent tree leads from each page's MCIDs and each annotation
    // back to the element that owns them.
    let parents = parent_tree(&pdf);
    for (&page, element) in pdf.get_pages().values().zip(0..) {
        let dict = pdf.get_dictionary(page).unwrap();
        let key = dict.get(b"StructParents").unwrap().as_i64().unwrap();
        assert_eq!(key, element);
        assert_eq!(name(dict.get(b"Tabs").unwrap()), "S");
        let owners = parents[&key].as_array().unwrap();
        let mcids: Vec<i64> = in_tree
            .keys()
            .filter(|(p, _)| *p == page)
            .map(|(_, m)| *m)
            .collect();
        assert_eq!(owners.len(), mcids.len());
        for mcid in mcids {
            let owner = owners[mcid as usize].as_reference().unwrap();
            assert_eq!(owner, in_tree[&(page, mcid)].id);
        }
        let annotations = dict.get(b"Annots").and_then(Object::as_array);
        for annotation in annotations.into_iter().flatten() {
            let id = annotation.as_reference().unwrap();
            let annotation = pdf.get_dictionary(id).unwrap();
            let key = annotation.get(b"StructParent").unwrap().as_i64().unwrap();
            let owner = parents[&key].as_reference().unwrap();
            let element = elements.iter().find(|e| e.id == owner).unwrap();
            assert!(element.annotations.contains(&id));
            assert!(["Link", "Annot"].contains(&element.role.as_str()));
            assert!(annotation.get(b"Contents").is_ok(), "{annotation:?}");
        }
    }
    let catalog = pdf.catalog().unwrap();
    let mark_info = dictionary(&pdf, catalog.get(b"MarkInfo").unwrap());
    assert_eq!(mark_info.get(b"Marked").unwrap(), &Object::Boolean(true));
    assert_eq!(text(catalog.get(b"Lang").unwrap()), "en");
    pdf_check_tagged(&fixture.path().join("out.pdf"));
}

/// The XMP packet of `pdf`, as text.
fn xmp(pdf: &Document) -> String {
    let catalog = pdf.catalog().unwrap();
    let id = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let stream = pdf.get_object(id).unwrap().as_stream().unwrap();
    assert!(
        stream.dict.get(b"Filter").is_err(),
        "XMP stays uncompressed"
    );
    String::from_utf8(stream.content.clone()).unwrap()
}

#[test]
fn ua1_claims_pdf_ua_in_xmp_and_every_pdf_has_xmp_like_its_info() {
    let fixture = tagged_deck();
    let epoch = ["--source-date-epoch", "1795000000"];
    let plain = build(&fixture, &epoch);
    let packet = xmp(&plain);
    assert!(packet.contains("<rdf:li xml:lang=\"x-default\">Tagged &amp; checked</rdf:li>"));
    assert!(
        packet.contains("<dc:creator><rdf:Seq><rdf:li>A. Speaker</rdf:li></rdf:Seq></dc:creator>")
    );
    assert!(packet.contains("<xmp:CreateDate>2026-11-18T11:06:40Z</xmp:CreateDate>"));
    assert!(
        !packet.contains("pdfuaid:part>"),
        "nothing claimed without the flag"
    );
    let info = dictionary(&plain, plain.trailer.get(b"Info").unwrap());
    assert_eq!(text(info.get(b"Title").unwrap()), "Tagged & checked");
    assert_eq!(
        text(info.get(b"CreationDate").unwrap()),
        "D:20261118110640Z"
    );
    let catalog = plain.catalog().unwrap();
    let preferences = dictionary(&plain, catalog.get(b"ViewerPreferences").unwrap());
    assert_eq!(
        preferences.get(b"DisplayDocTitle").unwrap(),
        &Object::Boolean(true)
    );

    let mut args = vec!["--pdf-standard", "ua-1"];
    args.extend(epoch);
    let claimed = build(&fixture, &args);
    assert!(xmp(&claimed).contains("<pdfuaid:part>1</pdfuaid:part>"));
    pdf_check_tagged(&fixture.path().join("out.pdf"));
    for paper in [["--handout", "6"], ["--notes-pages", "--paper"]] {
        let mut args = vec!["--pdf-standard", "ua-1"];
        args.extend(paper);
        if paper[0] == "--notes-pages" {
            args.push("letter");
        }
        let sheets = build(&fixture, &args);
        let sections = walk(&sheets).iter().filter(|e| e.role == "Sect").count();
        assert_eq!(sections, 10, "{paper:?}: a section per page of slides");
        pdf_check_tagged(&fixture.path().join("out.pdf"));
    }
}

#[test]
fn ua1_needs_an_alt_on_every_image() {
    let fixture = tagged_deck();
    fixture.write(
        "deck.yaml",
        &unindent(DECK)
            .replace("        alt: The same gradient, beside\n", "")
            .replace("            alt: Right picture\n", ""),
    );
    let run = fixture.run(&["deck.yaml", "--pdf-standard", "ua-1", "-o", "out.pdf"]);
    assert_eq!(run.code(), 1);
    let stderr = run.stderr();
    let headlines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(
        headlines,
        [
            "error: deck.yaml:22:16: image `photo.png` has no `alt` (say what it shows, or write `alt: \"\"` if it only decorates)",
            "error: deck.yaml:36:20: image `photo.png` has no `alt` (say what it shows, or write `alt: \"\"` if it only decorates)",
        ]
    );
    assert!(
        stderr.contains("= note: in section 1 `Pictures`, slide 3"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("deckgen: 2 errors; no PDF written\n"),
        "{stderr}"
    );
    assert!(!Path::new(&fixture.path().join("out.pdf")).exists());

    // A claim needs the deck's language too.
    fixture.write("deck.yaml", &unindent(DECK).replace("language: en\n", ""));
    let run = fixture.run(&["deck.yaml", "--pdf-standard", "ua-1", "-o", "out.pdf"]);
    assert_eq!(run.code(), 1);
    assert_eq!(
        run.stderr().lines().next(),
        Some("error: deck.yaml:1:1: missing required key `language` for `--pdf-standard ua-1` (PDF/UA-1 needs the document's language, such as `language: en`)")
    );
    assert!(!Path::new(&fixture.path().join("out.pdf")).exists());
    fixture.write(
        "deck.yaml",
        &unindent(DECK)
            .replace("        alt: The same gradient, beside\n", "")
            .replace("            alt: Right picture\n", ""),
    );

    // Without the claim the deck builds, and `check` notes each of them.
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    let check = fixture.run(&["check", "deck.yaml"]);
    assert_eq!(check.code(), 0);
    let notes: Vec<String> = check
        .stderr()
        .lines()
        .filter(|l| l.starts_with("note"))
        .map(str::to_string)
        .collect();
    assert_eq!(
        notes,
        [
            "note: deck.yaml:22:16: image `photo.png` has no `alt` (say what it shows, or write `alt: \"\"` if it only decorates)",
            "note: deck.yaml:36:20: image `photo.png` has no `alt` (say what it shows, or write `alt: \"\"` if it only decorates)",
        ]
    );
}

#[test]
fn no_tags_leaves_the_structure_out_and_flags_are_checked() {
    let fixture = tagged_deck();
    let pdf = build(&fixture, &["--no-tags"]);
    let catalog = pdf.catalog().unwrap();
    assert!(catalog.get(b"StructTreeRoot").is_err());
    assert!(catalog.get(b"MarkInfo").is_err());
    for page in pdf.get_pages().into_values() {
        let ops = pdf.get_and_decode_page_content(page).unwrap().operations;
        assert!(!ops
            .iter()
            .any(|op| ["BDC", "BMC", "EMC"].contains(&op.operator.as_str())));
    }
    let run = fixture.run(&["deck.yaml", "--no-tags", "--pdf-standard", "ua-1"]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr().starts_with(
            "error: the argument '--no-tags' cannot be used with '--pdf-standard <STANDARD>'"
        ),
        "{}",
        run.stderr()
    );
    let run = fixture.run(&["deck.yaml", "--pdf-standard", "ua-2"]);
    assert_eq!(run.code(), 2);
    assert_eq!(
        run.stderr(),
        "error: invalid value 'ua-2' for '--pdf-standard <STANDARD>'\n  [possible values: ua-1]\n\n  tip: a similar value exists: 'ua-1'\n\nFor more information, try '--help'.\n"
    );
}

#[test]
fn the_gallery_claims_pdf_ua_1_and_passes_the_checker() {
    let fixture = Fixture::new();
    let deck = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/gallery/deck.yaml");
    let args = [deck.to_str().unwrap(), "-o", "gallery.pdf"];
    fixture
        .run(&[&args[..], &["--pdf-standard", "ua-1", "--no-pdfpc"]].concat())
        .success();
    let pdf = Document::load(fixture.path().join("gallery.pdf")).unwrap();
    let figures = walk(&pdf).iter().filter(|e| e.role == "Figure").count();
    // Four pictures with an alt; the abstract textures (on three pictures)
    // are decorative.
    assert_eq!(figures, 4);
    pdf_check_tagged(&fixture.path().join("gallery.pdf"));
}
