//! Reading a competence framework file, every rule checked and reported at its line.

use super::{Area, Codes, Competence, Framework, Level, RoleProfile};
use crate::source::{RawText, Report, SourceError};
use serde::Deserialize;
use std::collections::HashSet;
use toml::Spanned;

pub const FORMAT: &str = "mognad-framework-1";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    name: RawText,
    description: RawText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCompetence {
    id: Spanned<String>,
    name: RawText,
    description: RawText,
    #[serde(default)]
    interfaces: Vec<RawText>,
    esco: Option<Spanned<String>>,
    ecf: Option<String>,
    sfia: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArea {
    id: Spanned<String>,
    name: RawText,
    description: RawText,
    #[serde(default)]
    competence: Vec<RawCompetence>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    id: Spanned<String>,
    name: RawText,
    description: RawText,
    #[serde(default)]
    works_with: Vec<RawText>,
    requires: Spanned<std::collections::BTreeMap<String, i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFramework {
    format: Spanned<String>,
    id: Spanned<String>,
    version: Spanned<i64>,
    name: RawText,
    description: RawText,
    #[serde(default)]
    level: Vec<RawLevel>,
    #[serde(default)]
    area: Vec<Spanned<RawArea>>,
    #[serde(default)]
    role: Vec<RawRole>,
}

/// Parses and validates a framework file; every error found is returned.
pub fn parse(src: &str) -> Result<Framework, Vec<SourceError>> {
    let mut report = Report::new(src);
    let Some(raw) = report.toml::<RawFramework>() else {
        return Err(report.errors);
    };
    if raw.format.get_ref() != FORMAT {
        report.said(
            raw.format.span().start,
            "format",
            &[("format", FORMAT)],
            &format!("format must be \"{FORMAT}\""),
        );
    }
    let version = u32::try_from(*raw.version.get_ref()).ok().filter(|v| *v >= 1);
    if version.is_none() {
        report.said(
            raw.version.span().start,
            "version",
            &[],
            "version must be a whole number from 1",
        );
    }
    let id = report.id(raw.id, &mut HashSet::new(), "framework");
    let name = report.text(raw.name, "name");
    let description = report.text(raw.description, "description");
    if !(2..=9).contains(&raw.level.len()) {
        let count = raw.level.len().to_string();
        report.said(
            src.len(),
            "levels-count",
            &[("count", &count)],
            &format!("a framework needs 2 to 9 [[level]]s, this has {count}"),
        );
    }
    let levels: Vec<Level> = raw
        .level
        .into_iter()
        .map(|l| Level {
            name: report.text(l.name, "level name"),
            description: report.text(l.description, "level description"),
        })
        .collect();
    if raw.area.is_empty() {
        report.said(src.len(), "no-area", &[], "the framework has no [[area]]");
    }
    let (mut area_ids, mut competence_ids) = (HashSet::new(), HashSet::new());
    let mut areas = Vec::new();
    for a in raw.area {
        let start = a.span().start;
        let a = a.into_inner();
        let area_id = report.id(a.id, &mut area_ids, "area");
        if a.competence.is_empty() {
            report.said(
                start,
                "area-no-competence",
                &[("id", &area_id)],
                &format!("area '{area_id}' has no [[area.competence]]"),
            );
        }
        let competences = a
            .competence
            .into_iter()
            .map(|c| {
                let esco = c.esco.map(|e| {
                    if !e.get_ref().starts_with("http://") && !e.get_ref().starts_with("https://") {
                        report.said(
                            e.span().start,
                            "esco-uri",
                            &[],
                            "an ESCO code is the competence's URI (http…)",
                        );
                    }
                    e.into_inner()
                });
                Competence {
                    id: report.id(c.id, &mut competence_ids, "competence"),
                    name: report.text(c.name, "competence name"),
                    description: report.text(c.description, "competence description"),
                    interfaces: c
                        .interfaces
                        .into_iter()
                        .map(|t| report.text(t, "interfaces"))
                        .collect(),
                    codes: Codes {
                        esco,
                        ecf: c.ecf,
                        sfia: c.sfia,
                    },
                }
            })
            .collect();
        areas.push(Area {
            id: area_id,
            name: report.text(a.name, "area name"),
            description: report.text(a.description, "area description"),
            competences,
        });
    }
    let level_count = levels.len() as i64;
    let order: Vec<String> = areas
        .iter()
        .flat_map(|a| &a.competences)
        .map(|c| c.id.clone())
        .collect();
    let mut role_ids = HashSet::new();
    let mut roles = Vec::new();
    for r in raw.role {
        let at = r.requires.span().start;
        let mut requires = Vec::new();
        for (competence, level) in r.requires.into_inner() {
            if !order.contains(&competence) {
                report.said(
                    at,
                    "role-unknown",
                    &[("id", &competence)],
                    &format!("role requires '{competence}', which is no competence of this framework"),
                );
            } else if !(1..=level_count).contains(&level) {
                let (l, n) = (level.to_string(), level_count.to_string());
                report.said(
                    at,
                    "role-level",
                    &[("id", &competence), ("level", &l), ("count", &n)],
                    &format!("'{competence}' = {level}: a level is 1 to {level_count}"),
                );
            } else {
                requires.push((competence, level as u8));
            }
        }
        requires.sort_by_key(|(c, _)| order.iter().position(|o| o == c));
        roles.push(RoleProfile {
            id: report.id(r.id, &mut role_ids, "role"),
            name: report.text(r.name, "role name"),
            description: report.text(r.description, "role description"),
            works_with: r
                .works_with
                .into_iter()
                .map(|t| report.text(t, "works_with"))
                .collect(),
            requires,
        });
    }
    if !report.errors.is_empty() {
        return Err(report.errors);
    }
    Ok(Framework {
        id,
        version: version.unwrap_or(1),
        name,
        description,
        levels,
        areas,
        roles,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::competence::{builtin, builtin_source};

    fn to_toml_and_back(f: &Framework) -> Framework {
        parse(&crate::competence::to_toml(f)).unwrap()
    }

    #[test]
    fn the_shipped_framework_covers_the_it_strategist_and_the_leader() {
        let f = builtin();
        assert_eq!(f.levels.len(), 5);
        let ids: Vec<&str> = f
            .areas
            .iter()
            .flat_map(|a| &a.competences)
            .map(|c| c.id.as_str())
            .collect();
        for want in [
            "strategiskt-tankande",
            "resultatfokus",
            "samarbete-och-produktivitet",
            "personligt-engagemang",
            "kommunikation",
            "omvarldsbevakning",
            "empati",
            "nyfikenhet",
            "odmjukhet",
            "mojliggorande",
            "samarbete",
            "kreativitet",
        ] {
            assert!(ids.contains(&want), "{want}");
        }
        // Every capability of the strategist names whom it is used with.
        let strategist = &f.areas[0];
        assert_eq!(strategist.competences.len(), 6);
        assert!(strategist.competences.iter().all(|c| !c.interfaces.is_empty()));
        let scanning = f.competence("omvarldsbevakning").unwrap();
        assert!(scanning.interfaces.iter().any(|i| i.en.contains("Conferences")));
        assert_eq!(to_toml_and_back(f), *f, "interfaces survive writing the file");
        assert!(
            f.competence("empati")
                .is_some_and(|c| !c.description.en.is_empty())
        );
        assert!(parse(builtin_source()).is_ok());
        let roles: Vec<&str> = f.roles.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            roles,
            ["it-strateg", "it-chef", "cio", "digital-forandringsledare"]
        );
        let strateg = &f.roles[0];
        assert_eq!(strateg.requires.len(), 12);
        assert_eq!(strateg.requires[0], ("strategiskt-tankande".to_string(), 5));
        assert!(!strateg.works_with.is_empty());
    }

    #[test]
    fn roles_may_only_require_known_competences_at_known_levels() {
        let src = builtin_source();
        let unknown = src.replacen(
            "requires = { strategiskt-tankande = 5",
            "requires = { ledarskap = 5, strategiskt-tankande = 5",
            1,
        );
        assert!(parse(&unknown).unwrap_err()[0].message.contains("'ledarskap'"));
        let too_high = src.replacen(
            "requires = { strategiskt-tankande = 5",
            "requires = { strategiskt-tankande = 6",
            1,
        );
        assert!(
            parse(&too_high).unwrap_err()[0]
                .message
                .contains("a level is 1 to 5")
        );
    }

    #[test]
    fn rule_breaks_are_reported_at_their_lines() {
        let src = builtin_source();
        let line_of = |needle: &str| src[..src.find(needle).unwrap()].matches('\n').count() + 1;
        let twice = src.replace("id = \"resultatfokus\"", "id = \"strategiskt-tankande\"");
        let errs = parse(&twice).unwrap_err();
        assert_eq!(errs[0].line, line_of("id = \"resultatfokus\""));
        assert!(errs[0].message.contains("used twice"));
        let bad_esco = src.replace("id = \"empati\"", "id = \"empati\"\nesco = \"not-a-uri\"");
        assert!(parse(&bad_esco).unwrap_err()[0].message.contains("ESCO"));
        let empty = src.replace(
            "name = { sv = \"Empati\", en = \"Empathy\" }",
            "name = { sv = \"\", en = \"Empathy\" }",
        );
        assert!(parse(&empty).unwrap_err()[0].message.contains("sv text is empty"));
        assert!(parse("format = 1").is_err());
        for cut in (0..src.len()).step_by(97).filter(|i| src.is_char_boundary(*i)) {
            let _ = parse(&src[..cut]);
        }
    }
}
