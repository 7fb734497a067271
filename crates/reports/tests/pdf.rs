//! PDF reports read back: the text is there in reading order, pages break where the content
//! needs them, charts are figures with their alternative text, and the document is tagged
//! with its language.

use mognad_reports::pdf::{Block, Report, render};

fn text_of(pdf: &[u8]) -> (usize, String) {
    let doc = lopdf::Document::load_mem(pdf).expect("a readable PDF");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).expect("extractable text");
    (pages.len(), text)
}

/// A PDF text string: UTF-16BE after a byte-order mark, else (for what this test needs) UTF-8.
fn pdf_text(bytes: &[u8]) -> String {
    match bytes {
        [0xfe, 0xff, rest @ ..] => {
            let units: Vec<u16> = rest.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            String::from_utf16_lossy(&units)
        }
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// The kinds of structure element the document holds.
fn structure(doc: &lopdf::Document) -> Vec<String> {
    doc.objects
        .values()
        .filter_map(|o| {
            let d = o.as_dict().ok()?;
            let s = d.get(b"S").ok()?.as_name().ok()?;
            Some(String::from_utf8_lossy(s).into_owned())
        })
        .collect()
}

fn chart() -> String {
    mognad_reports::radar::render(&mognad_reports::radar::Radar {
        id: "r",
        title: "Poäng per motor",
        desc: "Radar",
        axes: &["Värderingar".into(), "Data & Analys".into(), "Processer".into()],
        series: &[mognad_reports::radar::Series {
            label: "Norrvik",
            values: &[Some(55.0), Some(31.0), Some(41.0)],
            colour: "#0b5394",
            dash: "",
        }],
    })
}

#[test]
fn a_report_reads_back_with_its_text_pages_and_structure() {
    let rows: Vec<Vec<String>> = (0..80)
        .map(|i| {
            vec![
                format!("Grupp {i}"),
                format!("{}", 30 + i % 40),
                "Koordinering".into(),
            ]
        })
        .collect();
    let report = Report {
        title: "Norrvik kommun – 0-mätning".into(),
        lang: "sv".into(),
        page_label: "Sida {n}".into(),
        blocks: vec![
            Block::Heading {
                level: 1,
                text: "Norrvik kommun – 0-mätning".into(),
            },
            Block::Paragraph("Starkast är Värderingar med 55 poäng. ".repeat(12)),
            Block::Bullets(vec![
                "236 av 279 har svarat (85 %).".into(),
                "Svagast är Data & Analys.".into(),
            ]),
            Block::Chart {
                caption: Some("Poäng per motor".into()),
                svg: chart(),
                alt: "Radardiagram: Värderingar 55, Data & Analys 31, Processer 41.".into(),
                max_width: 300.0,
            },
            Block::PageBreak,
            Block::Heading {
                level: 2,
                text: "Grupper".into(),
            },
            Block::Table {
                header: vec!["Grupp".into(), "Poäng".into(), "Fas".into()],
                rows,
            },
        ],
    };
    let pdf = render(&report).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let (pages, text) = text_of(&pdf);
    // Cover with chart, then 80 rows of a table need more than one page of their own.
    assert!(pages >= 3, "{pages} pages");
    for needle in [
        "Norrvik kommun",
        "236 av 279 har svarat",
        "Grupp 0",
        "Grupp 79",
        "Sida 1",
        "Koordinering",
    ] {
        assert!(text.contains(needle), "{needle} missing from:\n{text}");
    }
    let first = text.find("Grupp 0").unwrap();
    assert!(text[first..].find("Grupp 79").is_some(), "rows in order");

    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    assert!(
        catalog.has(b"StructTreeRoot") && catalog.has(b"MarkInfo"),
        "tagged"
    );
    let lang = catalog.get(b"Lang").and_then(|l| l.as_str()).unwrap();
    assert_eq!(lang, b"sv", "language set");
    let kinds = structure(&doc);
    for kind in [
        "H1", "H2", "P", "L", "LI", "Figure", "Caption", "Table", "TR", "TH", "TD",
    ] {
        assert!(kinds.contains(&kind.to_owned()), "{kind} missing from {kinds:?}");
    }
    let alt = doc.objects.values().find_map(|o| {
        let d = o.as_dict().ok()?;
        (d.get(b"S").ok()?.as_name().ok()? == b"Figure")
            .then(|| d.get(b"Alt").ok()?.as_str().ok().map(<[u8]>::to_vec))?
    });
    assert!(
        alt.is_some_and(|a| pdf_text(&a).contains("Värderingar 55")),
        "the figure has its text"
    );
}

#[test]
fn a_bad_chart_is_an_error_not_a_panic() {
    let report = Report {
        title: "x".into(),
        lang: "en".into(),
        page_label: "{n}".into(),
        blocks: vec![Block::Chart {
            caption: None,
            svg: "<svg".into(),
            alt: "x".into(),
            max_width: 100.0,
        }],
    };
    assert!(render(&report).is_err());
}
