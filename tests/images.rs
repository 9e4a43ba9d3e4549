use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use lopdf::{Document, ObjectId, Stream};

use crate::pdf::name;
use crate::util::{png_idat, Fixture};

/// Every image XObject (soft masks are not counted).
pub fn image_ids(pdf: &Document) -> Vec<ObjectId> {
    let masks: BTreeSet<ObjectId> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter_map(|s| {
            s.dict
                .get(b"SMask")
                .ok()
                .and_then(|m| m.as_reference().ok())
        })
        .collect();
    pdf.objects
        .iter()
        .filter(|(id, _)| !masks.contains(id))
        .filter(|(_, o)| {
            o.as_stream()
                .is_ok_and(|s| s.dict.get(b"Subtype").ok().map(name).as_deref() == Some("Image"))
        })
        .map(|(id, _)| *id)
        .collect()
}

fn images(pdf: &Document) -> Vec<&Stream> {
    image_ids(pdf)
        .into_iter()
        .map(|id| pdf.get_object(id).unwrap().as_stream().unwrap())
        .collect()
}

fn int(stream: &Stream, key: &[u8]) -> i64 {
    stream.dict.get(key).unwrap().as_i64().unwrap()
}

/// The formats fixture as it is, built once for every test that reads it.
fn formats_as_built() -> &'static Document {
    static BUILT: OnceLock<Document> = OnceLock::new();
    BUILT.get_or_init(|| {
        let fixture = Fixture::copy_of("formats");
        fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
        Document::load(fixture.path().join("out.pdf")).unwrap()
    })
}

/// A file of the formats fixture, from the repository.
fn formats_file(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    std::fs::read(path.join(name)).unwrap()
}

/// The image stream whose content is `content`.
fn embedded<'a>(pdf: &'a Document, content: &[u8]) -> Option<&'a Stream> {
    images(pdf).into_iter().find(|s| s.content == content)
}

fn read(fixture: &Fixture, name: &str) -> Vec<u8> {
    std::fs::read(fixture.path().join(name)).unwrap()
}

#[test]
fn every_image_format_builds() {
    let pdf = formats_as_built();
    assert_eq!(pdf.get_pages().len(), 16);
    // 15 images, two of them with a soft mask.
    assert_eq!(image_ids(pdf).len(), 15);
    let masks = images(pdf)
        .iter()
        .filter(|s| s.dict.get(b"SMask").is_ok())
        .count();
    assert_eq!(masks, 2, "the gray PNG and the WebP with alpha");
}

#[test]
fn jpegs_are_embedded_byte_for_byte() {
    let pdf = formats_as_built();
    for file in [
        "gray.jpg",
        "progressive.jpg",
        "cmyk.jpg",
        "rotated.jpg",
        "icc.jpg",
    ] {
        let jpeg = formats_file(&format!("images/{file}"));
        let stream =
            embedded(pdf, &jpeg).unwrap_or_else(|| panic!("{file} is not embedded as it is"));
        assert_eq!(
            name(stream.dict.get(b"Filter").unwrap()),
            "DCTDecode",
            "{file}"
        );
        assert_eq!(int(stream, b"BitsPerComponent"), 8);
    }
    // Adobe's CMYK is stored inverted: the PDF reads it back to front.
    let cmyk = embedded(pdf, &formats_file("images/cmyk.jpg")).unwrap();
    assert_eq!(name(cmyk.dict.get(b"ColorSpace").unwrap()), "DeviceCMYK");
    let decode: Vec<i64> = cmyk
        .dict
        .get(b"Decode")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_i64().unwrap())
        .collect();
    assert_eq!(decode, [1, 0, 1, 0, 1, 0, 1, 0]);
    let gray = embedded(pdf, &formats_file("images/gray.jpg")).unwrap();
    assert!(gray.dict.get(b"Decode").is_err());
    // EXIF orientation 6: the 96x64 file stays as it is; the page turns it.
    let rotated = embedded(pdf, &formats_file("images/rotated.jpg")).unwrap();
    assert_eq!((int(rotated, b"Width"), int(rotated, b"Height")), (96, 64));
}

#[test]
fn opaque_pngs_keep_their_compressed_data() {
    let pdf = formats_as_built();
    // (file, colours, bits per component, palette entries in the file)
    let cases = [
        ("rgb16.png", 3, 16, None),
        ("palette.png", 1, 8, Some(7)),
        ("palette4.png", 1, 4, Some(10)),
        ("gray1.png", 1, 1, None),
        ("icc16.png", 3, 16, None),
    ];
    for (file, colors, bits, palette) in cases {
        let idat = png_idat(&formats_file(&format!("images/{file}")));
        let stream =
            embedded(pdf, &idat).unwrap_or_else(|| panic!("{file}: its IDAT data is not embedded"));
        assert_eq!(name(stream.dict.get(b"Filter").unwrap()), "FlateDecode");
        let parms = stream.dict.get(b"DecodeParms").unwrap().as_dict().unwrap();
        let parm = |key: &[u8]| parms.get(key).unwrap().as_i64().unwrap();
        assert_eq!(
            (
                parm(b"Predictor"),
                parm(b"Colors"),
                parm(b"BitsPerComponent"),
                parm(b"Columns")
            ),
            (15, colors, bits, 96),
            "{file}"
        );
        assert_eq!(int(stream, b"BitsPerComponent"), bits, "{file}");
        let space = stream.dict.get(b"ColorSpace").unwrap();
        match palette {
            Some(entries) => {
                let space = space.as_array().unwrap();
                assert_eq!(name(&space[0]), "Indexed", "{file}");
                // An entry for every index the bits can hold: the ones the
                // file leaves out are black, as libpng draws them.
                let all = 1i64 << bits;
                assert_eq!(space[2].as_i64().unwrap(), all - 1, "{file}");
                let table = space[3].as_str().unwrap();
                assert_eq!(table.len() as i64, all * 3);
                assert!(table[entries as usize * 3..].iter().all(|&b| b == 0));
                assert!(table[..entries as usize * 3].iter().any(|&b| b != 0));
            }
            None if file.starts_with("icc") => assert!(space.as_array().is_ok()),
            None => assert!(["DeviceGray", "DeviceRGB"].contains(&name(space).as_str())),
        }
    }
}

#[test]
fn icc_profiles_are_kept_once() {
    let pdf = formats_as_built();
    let profile = std::fs::read("/usr/share/color/icc/ghostscript/ps_rgb.icc").ok();
    let png = embedded(pdf, &png_idat(&formats_file("images/icc16.png"))).unwrap();
    let jpeg = embedded(pdf, &formats_file("images/icc.jpg")).unwrap();
    let icc_of = |stream: &Stream| {
        let space = stream.dict.get(b"ColorSpace").unwrap().as_array().unwrap();
        assert_eq!(name(&space[0]), "ICCBased");
        space[1].as_reference().unwrap()
    };
    assert_eq!(icc_of(png), icc_of(jpeg), "one profile stream for both");
    let icc = pdf.get_object(icc_of(png)).unwrap().as_stream().unwrap();
    assert_eq!(int(icc, b"N"), 3);
    assert_eq!(name(icc.dict.get(b"Alternate").unwrap()), "DeviceRGB");
    let content = icc.decompressed_content().unwrap();
    assert_eq!(&content[36..40], b"acsp", "an ICC profile");
    if let Some(profile) = profile {
        assert_eq!(content, profile);
    }
    let plain = embedded(pdf, &png_idat(&formats_file("images/rgb16.png"))).unwrap();
    assert_eq!(name(plain.dict.get(b"ColorSpace").unwrap()), "DeviceRGB");
}

#[test]
fn each_distinct_image_is_embedded_once() {
    let fixture = Fixture::new();
    fixture.image("a.png", 40, 30);
    fixture.image("b.jpg", 30, 40);
    fixture.image("alpha.png", 20, 20);
    std::fs::copy(
        fixture.path().join("a.png"),
        fixture.path().join("copy-of-a.png"),
    )
    .unwrap();
    fixture.write(
        "deck.yaml",
        "
        title: T
        sections:
          - title: Intro
            slides:
              - image: a.png
              - image: b.jpg
              - image: a.png
                fit: cover
              - image: copy-of-a.png
              - image: alpha.png
              - image: alpha.png
        ",
    );
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    let pdf = Document::load(fixture.path().join("out.pdf")).unwrap();
    assert_eq!(image_ids(&pdf).len(), 3);
    let masks = images(&pdf)
        .iter()
        .filter(|s| s.dict.get(b"SMask").is_ok())
        .count();
    assert_eq!(masks, 1, "the translucent PNG has a soft mask");
    assert!(embedded(&pdf, &read(&fixture, "b.jpg")).is_some());
    assert!(embedded(&pdf, &png_idat(&read(&fixture, "a.png"))).is_some());
}

#[test]
fn the_same_images_give_the_same_bytes() {
    let fixture = Fixture::copy_of("formats");
    let build = |out: &str| {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_deckgen"))
            .args(["deck.yaml", "-o", out, "--source-date-epoch", "1795000000"])
            .current_dir(fixture.path())
            .status()
            .unwrap();
        assert!(status.success());
        std::fs::read(fixture.path().join(out)).unwrap()
    };
    assert!(
        build("one.pdf") == build("two.pdf"),
        "parallel loading changed the output"
    );
}

/// A deck of one 16:9 slide showing `image` twice: contained under a title,
/// and covering a slide of its own (larger).
fn two_sizes(fixture: &Fixture, theme: &str) {
    fixture.write(
        "deck.yaml",
        &format!(
            "
            title: T
            title_slide: false
            {theme}
            sections:
              - title: S
                divider: false
                slides:
                  - caption: Small
                    image: photo.jpg
                  - image: photo.jpg
                    fit: cover
                  - image: small.png
            "
        ),
    );
}

/// The width of the widest placement of each image, in points, read from
/// the pages' `cm` operators.
fn placed_widths(pdf: &Document) -> Vec<f32> {
    pdf.get_pages()
        .values()
        .filter_map(|page| {
            let content = pdf.get_and_decode_page_content(*page).unwrap();
            let matrices: Vec<f32> = content
                .operations
                .iter()
                .filter(|op| op.operator == "cm")
                .map(|op| op.operands[0].as_float().unwrap())
                .collect();
            matrices.into_iter().find(|width| *width != 1.0)
        })
        .collect()
}

/// The pixel size `max_ppi` asks for of a `width` x `height` image placed
/// `placed` points wide.
fn at_ppi(width: u32, height: u32, placed: f32, max_ppi: u32) -> (i64, i64) {
    let scale = f64::from(max_ppi) * f64::from(placed) / 72.0 / f64::from(width);
    let side = |pixels: u32| (f64::from(pixels) * scale).round() as i64;
    (side(width), side(height))
}

fn sizes(pdf: &Document) -> Vec<(i64, i64)> {
    let mut sizes: Vec<(i64, i64)> = images(pdf)
        .iter()
        .map(|s| (int(s, b"Width"), int(s, b"Height")))
        .collect();
    sizes.sort();
    sizes
}

#[test]
fn max_ppi_resamples_only_images_sharper_than_asked() {
    let fixture = Fixture::new();
    fixture.image("photo.jpg", 3000, 2000);
    fixture.image("small.png", 60, 40);
    two_sizes(&fixture, "");
    let original = read(&fixture, "photo.jpg");
    let small = png_idat(&read(&fixture, "small.png"));

    // Without the flag nothing changes.
    fixture.run(&["deck.yaml", "-o", "out.pdf"]).success();
    let pdf = Document::load(fixture.path().join("out.pdf")).unwrap();
    assert!(embedded(&pdf, &original).is_some());
    assert!(embedded(&pdf, &small).is_some());

    fixture
        .run(&["deck.yaml", "-o", "out.pdf", "--max-ppi", "100"])
        .success();
    let pdf = Document::load(fixture.path().join("out.pdf")).unwrap();
    let [contained, covering, _] = placed_widths(&pdf)[..] else {
        panic!("three placed images");
    };
    assert!(covering > contained);
    // The larger placement decides.
    assert_eq!(sizes(&pdf), [(60, 40), at_ppi(3000, 2000, covering, 100)]);
    let photo = images(&pdf)
        .into_iter()
        .find(|s| int(s, b"Width") != 60)
        .unwrap();
    assert_eq!(name(photo.dict.get(b"Filter").unwrap()), "DCTDecode");
    assert!(photo.content.starts_with(&[0xFF, 0xD8]), "a JPEG again");
    assert!(
        embedded(&pdf, &small).is_some(),
        "the small PNG stays as it is"
    );
    crate::external::pdf_check(&fixture.path().join("out.pdf"), 3, &["Small"]);
}

#[test]
fn the_deck_may_set_max_ppi_and_the_flag_overrides_it() {
    let fixture = Fixture::new();
    fixture.image("photo.jpg", 3000, 2000);
    // Noise, so that fewer pixels also take fewer bytes.
    let noise = image::RgbImage::from_fn(600, 400, |x, y| {
        let n = (x * 7919 + y * 104_729) % 65_521;
        image::Rgb([(n % 256) as u8, (n / 256) as u8, ((x ^ y) % 256) as u8])
    });
    noise.save(fixture.path().join("small.png")).unwrap();
    two_sizes(&fixture, "theme:\n              max_ppi: 50");
    let build = |args: &[&str]| {
        let mut all = vec!["deck.yaml", "-o", "out.pdf"];
        all.extend(args);
        fixture.run(&all).success();
        Document::load(fixture.path().join("out.pdf")).unwrap()
    };
    let pdf = build(&[]);
    let [_, photo, png] = placed_widths(&pdf)[..] else {
        panic!("three placed images");
    };
    let mut expected = [at_ppi(600, 400, png, 50), at_ppi(3000, 2000, photo, 50)];
    expected.sort();
    assert_eq!(sizes(&pdf), expected);
    let pdf = build(&["--max-ppi", "30"]);
    let mut expected = [at_ppi(600, 400, png, 30), at_ppi(3000, 2000, photo, 30)];
    expected.sort();
    assert_eq!(sizes(&pdf), expected);
    // The PNG is no photo: compressed with zlib, as filtered PNG rows.
    let png = images(&pdf)
        .into_iter()
        .find(|s| int(s, b"Width") == expected[0].0)
        .unwrap();
    assert_eq!(name(png.dict.get(b"Filter").unwrap()), "FlateDecode");
    let parms = png.dict.get(b"DecodeParms").unwrap().as_dict().unwrap();
    let parm = |key: &[u8]| parms.get(key).unwrap().as_i64().unwrap();
    let columns = expected[0].0;
    assert_eq!(
        (parm(b"Predictor"), parm(b"Colors"), parm(b"Columns")),
        (15, 3, columns)
    );
}

/// `kind` and `data` as a PNG chunk, with its checksum.
fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    chunk.extend(kind);
    chunk.extend(data);
    chunk.extend(crc.sum().to_be_bytes());
    chunk
}

/// A gray 8-bit PNG, `width` x `height` by its header, holding `rows`
/// (each led by its filter byte) compressed, or `zlib` as it is.
fn gray_png(width: u32, height: u32, zlib: &[u8]) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(png_chunk(b"IHDR", &ihdr));
    png.extend(png_chunk(b"IDAT", zlib));
    png.extend(png_chunk(b"IEND", b""));
    png
}

fn zlib(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// `jpeg` with its frame marker (SOF0) turned into `marker`, and its
/// sample precision set to `bits`.
fn with_frame(jpeg: &[u8], marker: u8, bits: u8) -> Vec<u8> {
    let mut out = jpeg.to_vec();
    let at = out
        .windows(2)
        .position(|pair| pair == [0xFF, 0xC0])
        .expect("a baseline frame");
    out[at + 1] = marker;
    out[at + 4] = bits;
    out
}

#[test]
fn damaged_and_unusable_pictures_are_refused_at_their_line() {
    let fixture = Fixture::new();
    // Two rows of four gray pixels, each led by filter byte 0.
    let rows = [0, 1, 2, 3, 4, 0, 5, 6, 7, 8];
    fixture.write_bytes("short.png", &gray_png(4, 3, &zlib(&rows)));
    let mut garbled = zlib(&rows);
    garbled[3] ^= 0xFF;
    fixture.write_bytes("garbled.png", &gray_png(4, 2, &garbled));
    let mut filter = rows;
    filter[5] = 7;
    fixture.write_bytes("filter.png", &gray_png(4, 2, &zlib(&filter)));
    fixture.image("photo.jpg", 64, 48);
    let jpeg = read(&fixture, "photo.jpg");
    fixture.write_bytes("cut.jpg", &jpeg[..jpeg.len() - 100]);
    fixture.write_bytes("hierarchical.jpg", &with_frame(&jpeg, 0xC5, 8));
    fixture.write_bytes("lossless4.jpg", &with_frame(&jpeg, 0xC3, 4));
    fixture.write(
        "deck.yaml",
        "
        title: T
        sections:
          - title: S
            slides:
              - image: short.png
              - image: garbled.png
              - image: filter.png
              - image: cut.jpg
              - image: hierarchical.jpg
              - image: lossless4.jpg
        ",
    );
    let run = fixture.run(&["deck.yaml", "-o", "out.pdf"]);
    let headlines: Vec<String> = run
        .stderr()
        .lines()
        .filter(|line| line.starts_with("error: "))
        .map(str::to_string)
        .collect();
    let converted = "save it as PNG, for example with `djpeg` of libjpeg-turbo 3.0 or later";
    assert_eq!(
        headlines,
        [
            "error: deck.yaml:5:16: image `short.png` is damaged (PNG image data ends before the end of the image)".to_string(),
            "error: deck.yaml:6:16: image `garbled.png` is damaged (corrupt PNG image data: corrupt deflate stream)".to_string(),
            "error: deck.yaml:7:16: image `filter.png` is damaged (corrupt PNG image data: row 2 has unknown filter type 7)".to_string(),
            "error: deck.yaml:8:16: image `cut.jpg` is damaged (JPEG data ends before the end of the image)".to_string(),
            "error: deck.yaml:9:16: image `hierarchical.jpg` is a hierarchical JPEG, which PDF readers cannot show and deckgen cannot decode (save it as a baseline JPEG or a PNG)".to_string(),
            format!("error: deck.yaml:10:16: image `lossless4.jpg` is a lossless JPEG, which PDF readers cannot show and deckgen cannot decode ({converted})"),
        ]
    );
    assert_eq!(run.code(), 1);
    assert!(fixture.pdfs().is_empty());
}

/// A heavily compressed photo re-encoded at `--jpeg-quality` would grow:
/// `--max-ppi` keeps it as it was rather than make the file larger.
#[test]
fn max_ppi_keeps_an_image_its_resampling_would_enlarge() {
    let fixture = Fixture::new();
    let pixels = image::RgbImage::from_fn(1600, 1000, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, ((x * y) % 239) as u8])
    });
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 5)
        .encode_image(&pixels)
        .unwrap();
    std::fs::write(fixture.path().join("rough.jpg"), &bytes).unwrap();
    fixture.write(
        "deck.yaml",
        "title: T\ntitle_slide: false\nsections:\n  - title: S\n    divider: false\n    slides:\n      - image: rough.jpg\n",
    );
    fixture
        .run(&[
            "deck.yaml",
            "-o",
            "out.pdf",
            "--max-ppi",
            "150",
            "--jpeg-quality",
            "100",
        ])
        .success();
    let pdf = Document::load(fixture.path().join("out.pdf")).unwrap();
    assert!(
        embedded(&pdf, &bytes).is_some(),
        "the original JPEG, unchanged"
    );
    assert_eq!(sizes(&pdf), [(1600, 1000)]);
}

/// A small baseline JPEG of noise.
fn noise_jpeg() -> Vec<u8> {
    let noise = image::RgbImage::from_fn(40, 24, |x, y| {
        image::Rgb([(x * 7) as u8, (y * 11) as u8, ((x * y) % 256) as u8])
    });
    let mut bytes = Vec::new();
    image::DynamicImage::from(noise)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    bytes
}

/// Where the first `marker` segment of `jpeg` starts.
fn segment(jpeg: &[u8], marker: u8) -> usize {
    jpeg.windows(2)
        .position(|pair| pair == [0xFF, marker])
        .unwrap()
}

/// Damaged JPEG headers are errors at the image's line and column, naming
/// what is wrong: the reasons of our own walk (src/image/scans.rs), of the
/// decoder that checks the rest (zune-jpeg) and of the lossless decoder
/// (jpeg-decoder, for a frame marked lossless).
#[test]
fn damaged_jpeg_headers_are_errors_naming_what_is_wrong() {
    let jpeg = noise_jpeg();
    let (dqt, sof, dht) = (
        segment(&jpeg, 0xDB),
        segment(&jpeg, 0xC0),
        segment(&jpeg, 0xC4),
    );
    let mut stray = jpeg.clone();
    stray.insert(dqt, 0x00);
    let mut restart = jpeg.clone();
    restart.splice(dqt..dqt, [0xFF, 0xD0]);
    let mut twice = jpeg.clone();
    let length = usize::from(jpeg[sof + 3]) + 2;
    twice.splice(sof..sof, jpeg[sof..sof + length].to_vec());
    let mut table = jpeg.clone();
    table[sof + 12] = 3;
    let mut huffman = jpeg.clone();
    huffman[dht + 4] = 0x07;
    // Scan data of all ones: a code no Huffman table has.
    let sos = segment(&jpeg, 0xDA);
    let data = sos + 2 + usize::from(jpeg[sos + 3]);
    let mut ones = jpeg.clone();
    ones.splice(data..data + 8, [0xFF, 0x00].repeat(4));
    // The second scan of a progressive file: one component, Ss 1, Se 5.
    let progressive = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats/images/progressive.jpg");
    let progressive = std::fs::read(progressive).unwrap();
    let second = segment(&progressive[230..], 0xDA) + 230;
    assert_eq!(progressive[second + 4..second + 9], [1, 1, 0, 1, 5]);
    let mut unknown = progressive.clone();
    unknown[second + 5] = 9; // a component the frame does not have
    let mut band = progressive.clone();
    band[second + 8] = 0; // a band from 1 to 0
    let fixture = Fixture::new();
    for (name, bytes) in [
        ("stray.jpg", stray),
        ("restart.jpg", restart),
        ("twice.jpg", twice),
        ("table.jpg", table),
        ("huffman.jpg", huffman),
        // Baseline scan data read as a lossless frame of 8 bits.
        ("lossless8.jpg", with_frame(&jpeg, 0xC3, 8)),
        ("ones.jpg", ones),
        ("unknown.jpg", unknown),
        ("band.jpg", band),
    ] {
        fixture.write_bytes(name, &bytes);
    }
    fixture.write(
        "deck.yaml",
        "
        title: T
        sections:
          - title: S
            slides:
              - image: stray.jpg
              - image: restart.jpg
              - caption: c
                image: twice.jpg
              - image: table.jpg
              - image: huffman.jpg
              - image: lossless8.jpg
              - image: ones.jpg
              - image: unknown.jpg
              - image: band.jpg
        ",
    );
    let run = fixture.run(&["deck.yaml", "-o", "out.pdf"]);
    let stderr = run.stderr();
    let headlines: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("error: "))
        .collect();
    assert_eq!(
        headlines,
        [
            "error: deck.yaml:5:16: image `stray.jpg` is damaged (corrupt JPEG data: stray bytes between segments)",
            "error: deck.yaml:6:16: cannot decode JPEG image `restart.jpg` (unexpected end of file)",
            "error: deck.yaml:8:16: cannot decode JPEG image `twice.jpg` (error parsing SOF segment. Reason:Two Start of Frame Markers)",
            "error: deck.yaml:9:16: image `table.jpg` is damaged (corrupt JPEG data: quantization table 3 is not defined)",
            "error: deck.yaml:10:16: cannot decode JPEG image `huffman.jpg` (error decoding huffman values: Invalid DHT index 7, expected between 0 and 3)",
            "error: deck.yaml:11:16: cannot decode JPEG image `lossless8.jpg` (invalid JPEG format: invalid quantization table index 1)",
            "error: deck.yaml:12:16: image `ones.jpg` is damaged (corrupt JPEG data: a Huffman code no table has)",
            "error: deck.yaml:13:16: image `unknown.jpg` is damaged (corrupt JPEG data: a bad scan header)",
            "error: deck.yaml:14:16: image `band.jpg` is damaged (corrupt JPEG data: bad progressive scan parameters Ss=1 Se=0 Ah=0 Al=2)",
        ]
    );
    assert_eq!(run.code(), 1);
    assert!(fixture.pdfs().is_empty());
}

#[test]
fn a_picture_named_by_a_web_address_is_never_no_such_file() {
    let fixture = Fixture::new();
    fixture.write(
        "deck.yaml",
        "title: T\nsections:\n  - title: S\n    slides:\n      - image: ftp://example.com/photo.png\n",
    );
    let run = fixture.run(&["deck.yaml", "-o", "out.pdf"]);
    let stderr = run.stderr();
    // `https://` pictures are downloaded (tests/downloads.rs); other addresses are refused.
    assert!(
        stderr.contains("error: deck.yaml:5:16: cannot read image `ftp://example.com/photo.png` (deckgen downloads only `https://` addresses; save it beside the deck and give its file name)"),
        "{stderr}"
    );
    assert!(!stderr.contains("no such file"), "{stderr}");
    assert_eq!(run.code(), 1);
}
