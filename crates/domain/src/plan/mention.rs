//! Who a comment mentions: `@` right before a member's name ("@Åsa Öberg"; a member may be given
//! under more than one name, each its own entry with the same id), their first name when
//! no other member shares it ("@Åsa"), or their e-mail address's local part ("@asa.oberg"), in
//! any letter case, ending where the name ends (not inside a longer word).

use uuid::Uuid;

/// A member who may be mentioned, with the names they go by.
#[derive(Debug, Clone)]
pub struct Mentionable<'a> {
    pub id: Uuid,
    pub name: &'a str,
    pub email: &'a str,
}

/// Whether `text` holds `@` followed by `handle`, the handle ending at a word's end.
fn holds(text: &str, handle: &str) -> bool {
    let handle = handle.trim().to_lowercase();
    if handle.is_empty() {
        return false;
    }
    let needle = format!("@{handle}");
    let lower = text.to_lowercase();
    lower.match_indices(&needle).any(|(at, _)| {
        let next = lower[at + needle.len()..].chars().next();
        let before = lower[..at].chars().next_back();
        !next.is_some_and(|c| c.is_alphanumeric() || c == '_') && !before.is_some_and(|c| c.is_alphanumeric())
    })
}

/// The members `text` mentions, each once, in the order given.
pub fn mentioned(text: &str, members: &[Mentionable]) -> Vec<Uuid> {
    if !text.contains('@') {
        return Vec::new();
    }
    let first = |m: &Mentionable| m.name.split_whitespace().next().unwrap_or("").to_lowercase();
    let mut out = Vec::new();
    for m in members {
        let local = m.email.split('@').next().unwrap_or("");
        // A member may be listed under two names (account and directory): only others count.
        let unique_first = !members.iter().any(|o| o.id != m.id && first(o) == first(m));
        let hit = holds(text, m.name)
            || (unique_first && holds(text, &first(m)))
            || (!local.is_empty() && holds(text, local));
        if hit && !out.contains(&m.id) {
            out.push(m.id);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people() -> Vec<Mentionable<'static>> {
        vec![
            Mentionable {
                id: Uuid::from_u128(1),
                name: "Åsa Öberg",
                email: "asa.oberg@ekby.se",
            },
            Mentionable {
                id: Uuid::from_u128(2),
                name: "Per Lind",
                email: "per@ekby.se",
            },
            Mentionable {
                id: Uuid::from_u128(3),
                name: "Per Holm",
                email: "holm@ekby.se",
            },
        ]
    }

    fn ids(text: &str) -> Vec<u128> {
        mentioned(text, &people())
            .into_iter()
            .map(|u| u.as_u128())
            .collect()
    }

    #[test]
    fn full_names_first_names_and_mail_handles_mention() {
        assert_eq!(ids("Kan @Åsa Öberg titta?"), vec![1]);
        assert_eq!(ids("@åsa, se nedan"), vec![1]);
        assert_eq!(ids("fråga @asa.oberg"), vec![1]);
        assert_eq!(ids("@Per Lind och @per holm"), vec![2, 3]);
        assert_eq!(ids("@holm!"), vec![3]);
    }

    #[test]
    fn a_member_under_two_names_is_mentioned_by_either() {
        let both = vec![
            Mentionable {
                id: Uuid::from_u128(7),
                name: "Demo",
                email: "demo@norrvik.example",
            },
            Mentionable {
                id: Uuid::from_u128(7),
                name: "Åsa Lindström",
                email: "demo@norrvik.example",
            },
        ];
        for text in ["@Åsa Lindström, titta", "@åsa", "@demo"] {
            assert_eq!(mentioned(text, &both), vec![Uuid::from_u128(7)], "{text}");
        }
    }

    #[test]
    fn a_shared_first_name_or_a_longer_word_is_no_mention() {
        assert_eq!(ids("@Per kan du?"), vec![2], "per@ is Per Lind's own handle");
        assert_eq!(ids("@Perssons bil"), Vec::<u128>::new());
        assert_eq!(ids("asa@ekby.se och x@holm"), Vec::<u128>::new());
        assert_eq!(ids("ingen nämnd"), Vec::<u128>::new());
        assert_eq!(ids("@Åsa @Åsa Öberg"), vec![1], "once each");
    }
}
