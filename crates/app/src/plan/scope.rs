//! What an initiative can aim at: the engines of the organisation's maturity models (the latest
//! round's model first, the shipped nine engines before any round exists), its leadership
//! groups and the competences of its frameworks; and the check that an initiative names only
//! those.

use crate::plan::initiatives::InitiativeInput;
use crate::{Actor, Invalid, Result};
use mognad_domain::ids::GroupId;
use mognad_domain::role::Role;
use mognad_store::plan::Initiative;
use mognad_store::{groups, rounds};
use serde::Serialize;
use std::collections::HashSet;
use uuid::Uuid;

/// An engine or a competence, by key, with its names.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Choice {
    pub key: String,
    pub name_sv: String,
    pub name_en: String,
}

/// A framework's competences, as an initiative's form offers them.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct CompetenceChoices {
    pub framework: Choice,
    pub competences: Vec<Choice>,
}

impl Choice {
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

impl super::Plan<'_> {
    /// The engines an initiative may aim at, by key, each once.
    #[tracing::instrument(skip_all)]
    pub async fn engine_choices(&self, actor: &Actor) -> Result<Vec<Choice>> {
        actor.require(Role::Member)?;
        let mut tx = self.db.read().await?;
        let list = rounds::list(&mut tx, actor.org).await?;
        let mut out: Vec<Choice> = Vec::new();
        let add = |out: &mut Vec<Choice>, m: &mognad_domain::model::Model| {
            for e in &m.engines {
                if !out.iter().any(|x| x.key == e.id) {
                    out.push(Choice {
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

    /// The competences of the organisation's frameworks (the latest version of each), framework
    /// by framework; a competence in two frameworks is offered under the first.
    #[tracing::instrument(skip_all)]
    pub async fn competence_choices(&self, actor: &Actor) -> Result<Vec<CompetenceChoices>> {
        let mut infos = self.competence().frameworks(actor).await?;
        infos.sort_by(|a, b| {
            (&a.key, std::cmp::Reverse(a.version)).cmp(&(&b.key, std::cmp::Reverse(b.version)))
        });
        infos.dedup_by(|b, a| a.key == b.key);
        let mut out: Vec<CompetenceChoices> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        for info in infos {
            let f = self.competence().framework(actor, info.id).await?;
            let competences = f
                .areas
                .iter()
                .flat_map(|a| &a.competences)
                .filter(|c| seen.insert(c.id.clone()))
                .map(|c| Choice {
                    key: c.id.clone(),
                    name_sv: c.name.sv.clone(),
                    name_en: c.name.en.clone(),
                })
                .collect();
            out.push(CompetenceChoices {
                framework: Choice {
                    key: info.key,
                    name_sv: info.name_sv,
                    name_en: info.name_en,
                },
                competences,
            });
        }
        Ok(out)
    }

    /// The engines, groups and competences of an initiative's input, checked against what the
    /// organisation has; what `before` (the initiative as stored) already holds stays allowed,
    /// since a model or framework may have gone out of use since.
    pub(crate) async fn initiative_scope(
        &self,
        actor: &Actor,
        input: &InitiativeInput,
        before: Option<&Initiative>,
        errors: &mut Vec<Invalid>,
    ) -> Result<Scope> {
        let kept = |f: fn(&Initiative) -> &str| before.map(|b| keys(f(b))).unwrap_or_default();
        let engines = chosen(
            "engines",
            &input.engines,
            &kept(|i| &i.engines),
            &self
                .engine_choices(actor)
                .await?
                .into_iter()
                .map(|c| c.key)
                .collect(),
            errors,
        );
        let offered = self
            .competence_choices(actor)
            .await?
            .into_iter()
            .flat_map(|f| f.competences)
            .map(|c| c.key)
            .collect();
        let competences = chosen(
            "competences",
            &input.competences,
            &kept(|i| &i.competences),
            &offered,
            errors,
        );
        let mut tx = self.db.read().await?;
        let known = groups::list(&mut tx, actor.org).await?;
        tx.rollback().await?;
        let mut ids: Vec<Uuid> = Vec::new();
        for raw in input.group_ids.iter().map(|g| g.trim()).filter(|g| !g.is_empty()) {
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
        Ok(Scope {
            engines,
            groups: ids.into_iter().map(GroupId).collect(),
            competences,
        })
    }
}

/// What an initiative aims at, checked.
pub(crate) struct Scope {
    pub engines: Vec<String>,
    pub groups: Vec<GroupId>,
    pub competences: Vec<String>,
}

/// At most [`MAX_KEYS`] keys from `raw`, each offered or kept; the first that is neither is
/// recorded as an error on `field`.
fn chosen(
    field: &str,
    raw: &str,
    kept: &[String],
    offered: &HashSet<String>,
    errors: &mut Vec<Invalid>,
) -> Vec<String> {
    let list = keys(raw);
    if list.len() > MAX_KEYS {
        errors.push(Invalid::new(field, "too-many", format!("at most {MAX_KEYS}")));
    }
    if let Some(bad) = list.iter().find(|k| !offered.contains(*k) && !kept.contains(k)) {
        errors.push(Invalid::new(
            field,
            "unknown-ref",
            format!("no '{bad}' in the organisation's models and frameworks"),
        ));
    }
    list.into_iter().take(MAX_KEYS).collect()
}

/// The most engines or competences one initiative names.
const MAX_KEYS: usize = 30;

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
