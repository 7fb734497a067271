//! What an initiative can aim at: the engines of the organisation's maturity models (the latest
//! round's model first, the shipped nine engines before any round exists) and its leadership
//! groups; and the check that an initiative names only those.

use crate::{Actor, App, Invalid, Result};
use mognad_domain::role::Role;
use mognad_store::{groups, rounds};
use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct EngineChoice {
    pub key: String,
    pub name_sv: String,
    pub name_en: String,
}

impl EngineChoice {
    pub fn name(&self, lang: mognad_domain::org::Language) -> &str {
        match lang {
            mognad_domain::org::Language::Sv => &self.name_sv,
            mognad_domain::org::Language::En => &self.name_en,
        }
    }
}

/// Keys from a list separated by spaces or commas, each once, in the order given.
pub fn keys(raw: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in raw.split(|c: char| c == ',' || c.is_whitespace()) {
        if !w.is_empty() && !out.iter().any(|k| k == w) {
            out.push(w.to_owned());
        }
    }
    out
}

impl App {
    /// The engines an initiative may aim at, by key, each once.
    pub async fn engine_choices(&self, actor: &Actor) -> Result<Vec<EngineChoice>> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let list = rounds::list(&mut tx, actor.org).await?;
        let mut out: Vec<EngineChoice> = Vec::new();
        let add = |out: &mut Vec<EngineChoice>, m: &mognad_domain::model::Model| {
            for e in &m.engines {
                if !out.iter().any(|x| x.key == e.id) {
                    out.push(EngineChoice {
                        key: e.id.clone(),
                        name_sv: e.name.sv.clone(),
                        name_en: e.name.en.clone(),
                    });
                }
            }
        };
        for r in list.iter().rev() {
            add(&mut out, &*self.round_model(&mut tx, r).await?);
        }
        tx.rollback().await?;
        if out.is_empty() {
            add(&mut out, &mognad_domain::model::builtin()[0]);
        }
        Ok(out)
    }

    /// Engine keys and group ids from an initiative's input, checked against what the
    /// organisation has; `kept` are keys the initiative already holds (a model may have gone
    /// out of use since), which stay allowed.
    pub(crate) async fn initiative_scope(
        &self,
        actor: &Actor,
        engines: &str,
        group_ids: &[String],
        kept: &[String],
        errors: &mut Vec<Invalid>,
    ) -> Result<(Vec<String>, Vec<Uuid>)> {
        let choices = self.engine_choices(actor).await?;
        let engines = keys(engines);
        if engines.len() > 30 {
            errors.push(Invalid::new("engines", "too-many", "at most 30 engines"));
        }
        if let Some(bad) = engines
            .iter()
            .find(|k| !choices.iter().any(|c| &c.key == *k) && !kept.contains(k))
        {
            errors.push(Invalid::new(
                "engines",
                "unknown-ref",
                format!("no engine '{bad}' in the organisation's models"),
            ));
        }
        let mut tx = self.db.read().await?;
        let known = groups::list(&mut tx, actor.org).await?;
        tx.rollback().await?;
        let mut ids: Vec<Uuid> = Vec::new();
        for raw in group_ids.iter().map(|g| g.trim()).filter(|g| !g.is_empty()) {
            match Uuid::parse_str(raw) {
                Ok(id) if known.iter().any(|g| g.id.0 == id) => {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                Ok(_) => {
                    errors.push(Invalid::new(
                        "group_ids",
                        "unknown-ref",
                        "no such leadership group",
                    ));
                    break;
                }
                Err(_) => {
                    errors.push(Invalid::new("group_ids", "bad-ref", "not a valid choice"));
                    break;
                }
            }
        }
        Ok((engines.into_iter().take(30).collect(), ids))
    }
}

#[cfg(test)]
mod tests {
    use super::keys;

    #[test]
    fn keys_split_on_spaces_and_commas_and_keep_each_once() {
        assert_eq!(
            keys(" data, strategi  data,,kontakt "),
            ["data", "strategi", "kontakt"]
        );
        assert!(keys(" , ").is_empty());
    }
}
