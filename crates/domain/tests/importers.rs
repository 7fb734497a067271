//! The framework importers: the sample files read as expected, bad files are refused with every
//! problem named, no input makes them panic, and what they produce is always a valid framework.

use mognad_domain::competence::{self, Framework, esco, moodle};
use mognad_domain::org::Language;
use proptest::prelude::*;

const MOODLE: &str = include_str!("data/moodle-sample.csv");
const SKILLS: &str = include_str!("data/esco-skills-sv.csv");
const OCCUPATIONS: &str = include_str!("data/esco-occupations-sv.csv");
const RELATIONS: &str = include_str!("data/esco-relations.csv");

/// What every import must give: a framework that survives being written and read back.
fn valid(f: &Framework) {
    let again = competence::parse(&competence::to_toml(f)).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(&again, f);
}

#[test]
fn a_moodle_framework_becomes_areas_and_competences() {
    let f = moodle::import(MOODLE).unwrap();
    valid(&f);
    assert_eq!(f.id, "digled");
    assert_eq!(f.description.sv, "Förmågor för att leda digital utveckling.");
    assert_eq!(f.levels.len(), 4);
    assert_eq!(f.levels[3].name.en, "Kan lära andra");
    let areas: Vec<_> = f.areas.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(areas, ["strat", "ovriga"]);
    let strat: Vec<_> = f.areas[0].competences.iter().map(|c| c.id.as_str()).collect();
    // The grandchild is kept, under its top-level area.
    assert_eq!(strat, ["strat-1", "strat-1-1", "strat-2"]);
    assert_eq!(f.areas[0].competences[1].description.sv, "Trendspaning");
    assert_eq!(f.areas[1].competences[0].name.sv, "Kommunikation");
}

#[test]
fn a_bad_moodle_file_is_refused_with_every_problem() {
    let bad = MOODLE
        .replace("\"STRAT\",\"STRAT.2\"", "\"NOPE\",\"STRAT.2\"")
        .replace("\"KOMM\",\"Kommunikation\"", "\"STRAT.1\",\"\"");
    let errors = moodle::import(&bad).unwrap_err();
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 3, "{text:?}");
    assert!(
        text.iter()
            .any(|e| e.contains("line 6") && e.contains("\"NOPE\"")),
        "{text:?}"
    );
    assert!(text.iter().any(|e| e.contains("appears twice")), "{text:?}");
    assert!(text.iter().any(|e| e.contains("no short name")), "{text:?}");

    let no_framework = MOODLE.replace(",\"1\",\"competency,competency\"", ",\"0\",\"\"");
    let e = moodle::import(&no_framework).unwrap_err();
    assert!(e[0].message.contains("Is framework"), "{e:?}");
    let e = moodle::import("a,b\n1,2\n").unwrap_err();
    assert!(e.iter().any(|e| e.message.contains("Parent ID number")), "{e:?}");
}

#[test]
fn esco_skills_occupations_and_relations_make_a_framework_with_roles() {
    let f = esco::import(&[
        ("relations.csv", RELATIONS),
        ("skills.csv", SKILLS),
        ("occupations.csv", OCCUPATIONS),
    ])
    .unwrap();
    valid(&f);
    assert!(f.description.sv.contains("CC BY 4.0") && f.description.en.contains("ESCO"));
    assert_eq!(f.areas.len(), 2);
    assert_eq!(f.areas[0].competences[0].name.sv, "informationssäkerhet");
    let lead = &f.areas[1].competences[0];
    assert_eq!(
        lead.codes.esco.as_deref(),
        Some("http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000001")
    );
    // A skill without a description is described by its label.
    assert_eq!(
        f.areas[1].competences[1].description.sv,
        "kommunicera med intressenter"
    );
    assert_eq!(f.roles.len(), 1);
    assert_eq!(f.roles[0].name.sv, "IT-chef");
    // Only the essential relation is a requirement; the unselected occupation is skipped.
    assert_eq!(
        f.roles[0].requires,
        vec![(lead.id.clone(), esco::ESSENTIAL_LEVEL)]
    );

    let skills_only = esco::import(&[("skills.csv", SKILLS)]).unwrap();
    assert!(skills_only.roles.is_empty());
}

#[test]
fn bad_esco_files_are_refused_whole() {
    let broken = SKILLS.replace(
        "http://data.europa.eu/esco/skill/00000000-0000-4000-8000-000000000002",
        "nope",
    );
    let e = esco::import(&[("skills.csv", &broken)]).unwrap_err();
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].to_string().contains("line 3") && e[0].message.contains("skills.csv"),
        "{e:?}"
    );
    let e = esco::import(&[("occupations.csv", OCCUPATIONS)]).unwrap_err();
    assert!(e[0].message.contains("no file holds ESCO skills"), "{e:?}");
    let twice = format!("{SKILLS}{}", SKILLS.lines().nth(1).unwrap());
    let e = esco::import(&[("skills.csv", &twice)]).unwrap_err();
    assert!(e[0].message.contains("appears twice"), "{e:?}");
    let dangling = RELATIONS.replace("8000-000000000001", "8000-000000000042");
    let e = esco::import(&[("s", SKILLS), ("o", OCCUPATIONS), ("r", &dangling)]).unwrap_err();
    assert!(e[0].message.contains("not among the skills"), "{e:?}");
}

#[test]
fn a_moodle_export_reads_back_as_the_same_competences() {
    let shipped = competence::builtin();
    for lang in [Language::Sv, Language::En] {
        let back = moodle::import(&moodle::export(shipped, lang)).unwrap();
        assert_eq!(back.id, shipped.id);
        let names = |f: &Framework, lang| -> Vec<(String, String)> {
            f.areas
                .iter()
                .flat_map(|a| &a.competences)
                .map(|c| (c.id.clone(), c.name.get(lang).to_owned()))
                .collect()
        };
        assert_eq!(names(&back, lang), names(shipped, lang));
        assert_eq!(back.levels.len(), shipped.levels.len());
    }
    // A name that a spreadsheet would run as a formula is written defused and read back whole.
    let mut risky = shipped.clone();
    risky.areas[0].competences[0].name.sv = "=HYPERLINK(\"http://x\",\"klicka\")".into();
    risky.areas[0].competences[0].description.sv = "@SUM(A1)".into();
    let csv = moodle::export(&risky, Language::Sv);
    assert!(csv.contains("'=HYPERLINK") && csv.contains("'@SUM(A1)"), "{csv}");
    assert!(
        !csv.lines()
            .any(|l| l.split(',').any(|c| c.starts_with(['=', '@'])))
    );
    let back = moodle::import(&csv).unwrap();
    let c = &back.areas[0].competences[0];
    assert_eq!(
        (c.name.sv.as_str(), c.description.sv.as_str()),
        ("=HYPERLINK(\"http://x\",\"klicka\")", "@SUM(A1)")
    );
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("1".to_owned()),
        Just("STRAT".to_owned()),
        Just("a,b,c".to_owned()),
        "[a-zA-Z0-9 ,.<>\"åäö-]{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn moodle_never_panics_and_gives_only_valid_frameworks(src in "\\PC{0,400}") {
        if let Ok(f) = moodle::import(&src) { valid(&f); }
    }

    #[test]
    fn moodle_rows_in_any_shape(rows in prop::collection::vec(prop::collection::vec(cell(), 0..15), 0..8)) {
        let mut src = MOODLE.lines().next().unwrap().to_owned();
        for r in rows {
            src.push('\n');
            src.push_str(&r.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect::<Vec<_>>().join(","));
        }
        if let Ok(f) = moodle::import(&src) { valid(&f); }
    }

    #[test]
    fn esco_never_panics_and_gives_only_valid_frameworks(
        cut in 0usize..400,
        noise in "\\PC{0,40}",
        at in 0usize..400,
    ) {
        let mut skills: String = SKILLS.chars().take(cut).collect();
        let at = skills.char_indices().nth(at).map_or(skills.len(), |(i, _)| i);
        skills.insert_str(at, &noise);
        if let Ok(f) = esco::import(&[("s", &skills), ("o", OCCUPATIONS), ("r", RELATIONS)]) { valid(&f); }
        if let Ok(f) = esco::import(&[("s", &noise)]) { valid(&f); }
    }
}
