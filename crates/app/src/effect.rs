//! The effect view, the loop from measurement through plan back to measurement: for each
//! engine, the initiatives aimed at it and how the organisation's score changed between the
//! latest round and the one before it (with its 95% interval, and only where both rounds show
//! the organisation, so nothing withheld is revealed).

use crate::compare::ChangeView;
use crate::results::AreaKind;
use crate::{Actor, App, Result};
use mognad_domain::role::Role;
use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InitiativeRef {
    pub id: Uuid,
    pub title: String,
    pub status: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EngineEffect {
    pub engine: String,
    pub name_sv: String,
    pub name_en: String,
    pub initiatives: Vec<InitiativeRef>,
    /// The organisation's change from the earlier round to the later one.
    pub change: Option<ChangeView>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Effect {
    pub before: String,
    pub after: String,
    pub engines: Vec<EngineEffect>,
}

impl App {
    /// The effect between the latest round with an earlier one of the same model and that
    /// earlier round; `None` until two such rounds exist.
    pub async fn effect(&self, actor: &Actor) -> Result<Option<Effect>> {
        actor.require(Role::Member)?;
        let rounds = self.rounds(actor).await?;
        let mut pair = None;
        for r in rounds.iter().rev() {
            if let Some(before) = self.previous_round(actor, r.id).await? {
                pair = Some((before, r.id));
                break;
            }
        }
        let Some((before, after)) = pair else {
            return Ok(None);
        };
        let cmp = self.compare(actor, before, after).await?;
        let (initiatives, _) = self.initiatives(actor).await?;
        let org = cmp
            .areas
            .iter()
            .find(|a| matches!(a.kind, AreaKind::Organisation));
        let engines = cmp
            .model
            .engines
            .iter()
            .enumerate()
            .map(|(i, e)| EngineEffect {
                engine: e.id.clone(),
                name_sv: e.name.sv.clone(),
                name_en: e.name.en.clone(),
                initiatives: initiatives
                    .iter()
                    .filter(|x| x.engines.split_whitespace().any(|k| k == e.id))
                    .map(|x| InitiativeRef {
                        id: x.id,
                        title: x.title.clone(),
                        status: x.status.clone(),
                    })
                    .collect(),
                change: org.and_then(|a| a.changes.get(i).cloned().flatten()),
            })
            .collect();
        Ok(Some(Effect {
            before: cmp.before_name,
            after: cmp.after_name,
            engines,
        }))
    }
}
