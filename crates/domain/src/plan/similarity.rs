//! Recurring problems: texts that look alike are grouped so IT can contact everyone affected.
//!
//! Texts are normalised (lower case, letters and digits only, words in order) and compared by
//! the Jaccard index of their character trigrams, which tolerates typos, inflection and word
//! order. Grouping is transitive (A ~ B and B ~ C put A, B and C together); candidates are
//! found through shared trigrams, so unrelated texts are never compared.

use std::collections::{BTreeSet, HashMap};

/// Lower case, letters and digits kept (å, ä, ö too), everything else a single space.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim().to_owned()
}

/// The text's character trigrams, each word padded with spaces.
pub fn trigrams(text: &str) -> BTreeSet<[char; 3]> {
    let mut set = BTreeSet::new();
    for word in normalise(text).split(' ').filter(|w| !w.is_empty()) {
        let chars: Vec<char> = std::iter::once(' ')
            .chain(word.chars())
            .chain(std::iter::once(' '))
            .collect();
        for w in chars.windows(3) {
            set.insert([w[0], w[1], w[2]]);
        }
    }
    set
}

/// Jaccard index of two trigram sets, 0–1.
pub fn similarity(a: &BTreeSet<[char; 3]>, b: &BTreeSet<[char; 3]>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let common = a.intersection(b).count();
    common as f64 / (a.len() + b.len() - common) as f64
}

/// Groups of at least two texts (by index) whose similarity reaches `threshold`, largest first.
pub fn groups(texts: &[&str], threshold: f64) -> Vec<Vec<usize>> {
    let grams: Vec<BTreeSet<[char; 3]>> = texts.iter().map(|t| trigrams(t)).collect();
    let mut index: HashMap<[char; 3], Vec<usize>> = HashMap::new();
    for (i, g) in grams.iter().enumerate() {
        for t in g {
            index.entry(*t).or_default().push(i);
        }
    }
    // Trigrams most texts share say nothing about sameness and would make every pair a
    // candidate; they still count in the similarity of the pairs found through rarer ones.
    let common = (texts.len() / 4).max(100);
    let mut parent: Vec<usize> = (0..texts.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (i, g) in grams.iter().enumerate() {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for t in g.iter().filter(|t| index[*t].len() <= common) {
            for &j in &index[t] {
                if j > i {
                    *shared.entry(j).or_default() += 1;
                }
            }
        }
        for j in shared.into_keys() {
            let jaccard = similarity(g, &grams[j]);
            if jaccard >= threshold {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..texts.len() {
        let r = root(&mut parent, i);
        by_root.entry(r).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = by_root.into_values().filter(|g| g.len() > 1).collect();
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    out
}

/// The threshold Mognad groups at: alike enough to be the same problem in other words.
pub const DEFAULT_THRESHOLD: f64 = 0.45;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alike_problems_group_and_others_do_not() {
        let texts = [
            "Skrivaren på plan 3 skriver inte ut",
            "skrivaren plan 3 skriver inte ut!!",
            "Kan inte logga in i e-tjänsten för bygglov",
            "Skrivarn på plan 3 skriver inte ut längre",
            "Kan inte logga in i e-tjänsten bygglov",
            "Beställning av ny telefon",
        ];
        let g = groups(&texts, DEFAULT_THRESHOLD);
        assert_eq!(g, vec![vec![0, 1, 3], vec![2, 4]]);
        assert_eq!(normalise("  Skrivaren—PLAN 3!! "), "skrivaren plan 3");
        assert!(similarity(&trigrams("abc"), &trigrams("abc")) == 1.0);
        assert!(groups(&[], 0.5).is_empty());
        assert!(
            groups(&["", "", "!!"], 0.5).is_empty(),
            "empty texts are not alike"
        );
    }

    #[test]
    fn candidates_through_the_index_match_comparing_every_pair() {
        let texts: Vec<String> = (0..60)
            .map(|i| {
                format!(
                    "ärende {} om {}",
                    i % 7,
                    ["nätverk", "skrivare", "lösenord"][i % 3]
                )
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let fast = groups(&refs, 0.6);
        let grams: Vec<_> = refs.iter().map(|t| trigrams(t)).collect();
        for g in &fast {
            for w in g.windows(2) {
                assert!(
                    g.iter()
                        .any(|&o| o != w[1] && similarity(&grams[o], &grams[w[1]]) >= 0.6)
                );
            }
        }
        let grouped: usize = fast.iter().map(Vec::len).sum();
        assert_eq!(grouped, 60, "every text has twins here");
    }
}
