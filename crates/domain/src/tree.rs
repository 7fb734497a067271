//! Rules for the unit tree.

use crate::DomainError;
use crate::ids::UnitId;
use std::collections::HashMap;

/// Checks that giving `unit` the parent `new_parent` keeps the tree a tree.
///
/// `parents` maps every unit of the organisation to its current parent.
pub fn check_parent(
    parents: &HashMap<UnitId, Option<UnitId>>,
    unit: UnitId,
    new_parent: Option<UnitId>,
) -> Result<(), DomainError> {
    let mut cursor = new_parent;
    // Bounded walk: a corrupt table with a cycle must not hang the check.
    for _ in 0..=parents.len() {
        match cursor {
            None => return Ok(()),
            Some(p) if p == unit => return Err(DomainError::UnitCycle),
            Some(p) => cursor = parents.get(&p).copied().flatten(),
        }
    }
    Err(DomainError::UnitCycle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_cannot_move_under_its_descendant() {
        let (a, b, c) = (UnitId::new(), UnitId::new(), UnitId::new());
        let parents = HashMap::from([(a, None), (b, Some(a)), (c, Some(b))]);
        assert_eq!(check_parent(&parents, a, Some(c)), Err(DomainError::UnitCycle));
        assert_eq!(check_parent(&parents, a, Some(a)), Err(DomainError::UnitCycle));
        assert!(check_parent(&parents, c, Some(a)).is_ok());
        assert!(check_parent(&parents, b, None).is_ok());
    }
}
