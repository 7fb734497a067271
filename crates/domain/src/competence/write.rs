//! Writes a framework as a `mognad-framework-1` file, so frameworks made by an importer are
//! stored, exported and versioned exactly like uploaded ones. `parse(to_toml(f)) == f`.

use super::Framework;
use crate::model::Text;
use std::fmt::Write;

/// A TOML basic string.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn text(t: &Text) -> String {
    format!("{{ sv = {}, en = {} }}", quoted(&t.sv), quoted(&t.en))
}

pub fn to_toml(f: &Framework) -> String {
    let mut o = String::new();
    let w = &mut o;
    let _ = writeln!(w, "format = \"{}\"", super::parse::FORMAT);
    let _ = writeln!(w, "id = {}", quoted(&f.id));
    let _ = writeln!(w, "version = {}", f.version);
    let _ = writeln!(w, "name = {}", text(&f.name));
    let _ = writeln!(w, "description = {}", text(&f.description));
    for l in &f.levels {
        let _ = writeln!(w, "\n[[level]]\nname = {}", text(&l.name));
        let _ = writeln!(w, "description = {}", text(&l.description));
    }
    for a in &f.areas {
        let _ = writeln!(w, "\n[[area]]\nid = {}", quoted(&a.id));
        let _ = writeln!(w, "name = {}", text(&a.name));
        let _ = writeln!(w, "description = {}", text(&a.description));
        for c in &a.competences {
            let _ = writeln!(w, "\n[[area.competence]]\nid = {}", quoted(&c.id));
            let _ = writeln!(w, "name = {}", text(&c.name));
            let _ = writeln!(w, "description = {}", text(&c.description));
            if !c.interfaces.is_empty() {
                let with: Vec<String> = c.interfaces.iter().map(text).collect();
                let _ = writeln!(w, "interfaces = [{}]", with.join(", "));
            }
            for (key, code) in [
                ("esco", &c.codes.esco),
                ("ecf", &c.codes.ecf),
                ("sfia", &c.codes.sfia),
            ] {
                if let Some(code) = code {
                    let _ = writeln!(w, "{key} = {}", quoted(code));
                }
            }
        }
    }
    for r in &f.roles {
        let _ = writeln!(w, "\n[[role]]\nid = {}", quoted(&r.id));
        let _ = writeln!(w, "name = {}", text(&r.name));
        let _ = writeln!(w, "description = {}", text(&r.description));
        let with: Vec<String> = r.works_with.iter().map(text).collect();
        let _ = writeln!(w, "works_with = [{}]", with.join(", "));
        let req: Vec<String> = r
            .requires
            .iter()
            .map(|(c, l)| format!("{} = {l}", quoted(c)))
            .collect();
        let _ = writeln!(w, "requires = {{ {} }}", req.join(", "));
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::competence::{builtin, parse};

    #[test]
    fn the_shipped_framework_survives_writing_and_reading() {
        let f = builtin();
        assert_eq!(&parse(&to_toml(f)).unwrap(), f);
    }

    #[test]
    fn awkward_text_is_escaped() {
        let mut f = builtin().clone();
        f.name.sv = "Citat \"här\" \\ och\nrad\tflik \u{7} slut".into();
        f.areas[0].competences[0].codes.ecf = Some("A.1 \"x\"".into());
        assert_eq!(parse(&to_toml(&f)).unwrap(), f);
    }
}
