//! What a search box's text means: the words to look for. Anything but letters and digits
//! separates words, so no text can carry query syntax into either database's search.

/// Words kept at the most; a longer question is cut, not refused.
pub const MAX_WORDS: usize = 8;
/// Characters kept of each word.
pub const MAX_WORD: usize = 40;

/// The lower-cased words of `q`, in order, without repeats.
pub fn words(q: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in q.split(|c: char| !c.is_alphanumeric()) {
        // Lower-casing can add marks that are not letters (İ → i and a dot): dropped after it.
        let w: String = w
            .chars()
            .take(MAX_WORD)
            .collect::<String>()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        if !w.is_empty() && !out.contains(&w) && out.len() < MAX_WORDS {
            out.push(w);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_letters_and_digits_reach_the_query() {
        assert_eq!(words("Byt brandvägg!"), vec!["byt", "brandvägg"]);
        assert_eq!(
            words("e-tjänst \"OR\" * NEAR(x)"),
            vec!["e", "tjänst", "or", "near", "x"]
        );
        assert_eq!(words("  ''  "), Vec::<String>::new());
        assert_eq!(words("ÅÄÖ åäö"), vec!["åäö"]);
        assert!(
            words("İstanbul")
                .iter()
                .all(|w| w.chars().all(char::is_alphanumeric))
        );
        assert_eq!(words("a b c d e f g h i j").len(), MAX_WORDS);
        assert!(words(&"x".repeat(100))[0].len() == MAX_WORD);
    }
}
