//! Intake forms: an admin describes the fields in plain lines, anyone with the link answers,
//! and each submission becomes a task whose title and description come from the answers.
//!
//! A field line is `label | kind | required | choice; choice`, where kind is `text`, `long`,
//! `choice` or `email` (default `text`) and `required` is `required` or blank.

use serde::{Deserialize, Serialize};

keyed!(FieldKind {
    Text = "text",
    Long = "long",
    Choice = "choice",
    Email = "email",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    /// `f1`, `f2` … in the order given; stable while the form keeps its fields.
    pub key: String,
    pub label: String,
    pub kind: FieldKind,
    pub required: bool,
    pub choices: Vec<String>,
}

pub const FIELDS_MAX: usize = 20;
pub const ANSWER_MAX: usize = 4000;

/// Reads the designer's lines; every bad line is reported.
pub fn parse_fields(text: &str) -> Result<Vec<Field>, Vec<String>> {
    let mut fields = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let label = parts[0];
        let kind = match parts.get(1).copied().unwrap_or("") {
            "" => Some(FieldKind::Text),
            k => FieldKind::parse(k),
        };
        let required = match parts.get(2).copied().unwrap_or("") {
            "" => Some(false),
            "required" | "obligatorisk" => Some(true),
            _ => None,
        };
        let choices: Vec<String> = parts
            .get(3)
            .map(|c| {
                c.split(';')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        let line_no = n + 1;
        if label.is_empty() || label.chars().count() > 200 {
            errors.push(format!("line {line_no}: a label of 1 to 200 characters"));
        }
        let (Some(kind), Some(required)) = (kind, required) else {
            errors.push(format!(
                "line {line_no}: write label | text, long, choice or email | required or blank"
            ));
            continue;
        };
        if kind == FieldKind::Choice && choices.len() < 2 {
            errors.push(format!(
                "line {line_no}: a choice field needs two or more choices separated by ';'"
            ));
        }
        fields.push(Field {
            key: format!("f{}", fields.len() + 1),
            label: label.to_owned(),
            kind,
            required,
            choices,
        });
    }
    if fields.is_empty() && errors.is_empty() {
        errors.push("the form needs at least one field".into());
    }
    if fields.len() > FIELDS_MAX {
        errors.push(format!("at most {FIELDS_MAX} fields"));
    }
    if errors.is_empty() {
        Ok(fields)
    } else {
        Err(errors)
    }
}

/// The designer's lines for fields, so a form can be edited as it was written.
pub fn write_fields(fields: &[Field]) -> String {
    fields
        .iter()
        .map(|f| {
            let req = if f.required { "required" } else { "" };
            format!(
                "{} | {} | {req} | {}",
                f.label,
                f.kind.as_str(),
                f.choices.join("; ")
            )
            .trim_end_matches([' ', '|'])
            .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Checks answers against the fields: (field key, problem) for each bad one.
pub fn check(fields: &[Field], answer: impl Fn(&str) -> String) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    for f in fields {
        let a = answer(&f.key);
        let a = a.trim();
        if a.is_empty() {
            if f.required {
                problems.push((f.key.clone(), "required".into()));
            }
            continue;
        }
        if a.chars().count() > ANSWER_MAX {
            problems.push((f.key.clone(), "too-long".into()));
        } else if f.kind == FieldKind::Choice && !f.choices.iter().any(|c| c == a) {
            problems.push((f.key.clone(), "choice".into()));
        } else if f.kind == FieldKind::Email && crate::text::Email::parse(a).is_err() {
            problems.push((f.key.clone(), "email".into()));
        }
    }
    problems
}

/// The task made from a submission: the first text answer as title, every answer as a
/// Markdown list in the description.
pub fn task_text(form_name: &str, fields: &[Field], answer: impl Fn(&str) -> String) -> (String, String) {
    let title = fields
        .iter()
        .filter(|f| matches!(f.kind, FieldKind::Text | FieldKind::Long | FieldKind::Choice))
        .map(|f| answer(&f.key).trim().to_owned())
        .find(|a| !a.is_empty())
        .unwrap_or_else(|| form_name.to_owned());
    let title: String = title.lines().next().unwrap_or("").chars().take(200).collect();
    let description = fields
        .iter()
        .map(|f| {
            format!(
                "- **{}**: {}",
                f.label.replace('*', "\\*"),
                answer(&f.key).trim().replace('\n', " ")
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    (title, description)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_checked_and_become_a_task() {
        let f = parse_fields("Vad gäller det? | text | required\nBeskriv | long\nBrådskande? | choice | | Ja; Nej\nE-post | email").unwrap();
        assert_eq!(f.len(), 4);
        assert_eq!(f[2].choices, ["Ja", "Nej"]);
        assert_eq!(parse_fields(&write_fields(&f)).unwrap(), f);
        let bad = parse_fields("| text\nX | weird\nY | choice | | bara en").unwrap_err();
        assert_eq!(bad.len(), 3, "{bad:?}");
        assert!(parse_fields("\n\n").is_err());
        let answers = |k: &str| match k {
            "f1" => "Skrivaren krånglar\nigen".into(),
            "f3" => "Kanske".into(),
            "f4" => "inte-en-adress".into(),
            _ => String::new(),
        };
        let problems = check(&f, answers);
        assert_eq!(
            problems,
            vec![("f3".into(), "choice".into()), ("f4".into(), "email".into())]
        );
        assert_eq!(
            check(&f, |_| String::new()),
            vec![("f1".to_string(), "required".to_string())]
        );
        let (title, description) = task_text("IT-hjälp", &f, answers);
        assert_eq!(title, "Skrivaren krånglar");
        assert!(description.starts_with("- **Vad gäller det?**: Skrivaren krånglar igen"));
        assert_eq!(task_text("IT-hjälp", &f, |_| String::new()).0, "IT-hjälp");
    }
}
