//! Ranks order cards in a column without renumbering: a rank is a string of base-36 digits
//! read as a fraction (0.d₁d₂…), so there is always a rank strictly between two others, and
//! moving a card writes one row. No rank ends in '0', which keeps room below every rank.

const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
const BASE: u8 = 36;

fn value(c: u8) -> Option<u8> {
    DIGITS.iter().position(|d| *d == c).map(|p| p as u8)
}

/// Whether `raw` is a rank this module could have made.
pub fn is_valid(raw: &str) -> bool {
    !raw.is_empty() && raw.len() <= 200 && !raw.ends_with('0') && raw.bytes().all(|c| value(c).is_some())
}

/// Appending and prepending step by one unit at this many digits, so a column can take
/// hundreds of thousands of cards at one end before its ranks grow longer.
const PRECISION: usize = 4;

fn digits(raw: Option<&str>) -> Option<Vec<u8>> {
    raw.filter(|r| is_valid(r))
        .map(|r| r.bytes().filter_map(value).collect())
}

fn text(d: &[u8]) -> String {
    d.iter().map(|d| DIGITS[*d as usize] as char).collect()
}

/// `d` plus (or minus) one unit in its last place, at least `PRECISION` places; `None` on
/// overflow or when nothing but zeros would remain.
fn step(d: &[u8], up: bool) -> Option<Vec<u8>> {
    let mut d = d.to_vec();
    while d.len() < PRECISION {
        d.push(0);
    }
    let mut i = d.len();
    loop {
        i = i.checked_sub(1)?;
        if up && d[i] < BASE - 1 {
            d[i] += 1;
            break;
        } else if !up && d[i] > 0 {
            d[i] -= 1;
            break;
        }
        d[i] = if up { 0 } else { BASE - 1 };
    }
    while d.last() == Some(&0) {
        d.pop();
    }
    (!d.is_empty()).then_some(d)
}

/// The rank halfway between `lo` (or 0) and `hi` (or 1).
fn midpoint(lo: &[u8], hi: Option<&[u8]>) -> Vec<u8> {
    let mut hi = hi;
    let mut out = Vec::new();
    for i in 0.. {
        let a = lo.get(i).copied().unwrap_or(0);
        let b = match hi {
            Some(h) => h.get(i).copied().unwrap_or(0),
            None => BASE,
        };
        if b > a + 1 {
            out.push(a + (b - a) / 2);
            break;
        }
        out.push(a);
        if b == a + 1 {
            // From here on we are below `hi` whatever follows.
            hi = None;
        }
    }
    out
}

/// A rank after `lo` and before `hi` (either open). Invalid or out-of-order neighbours are
/// treated as open, so a damaged neighbour never stops a move.
pub fn between(lo: Option<&str>, hi: Option<&str>) -> String {
    let lo = digits(lo);
    let mut hi = digits(hi);
    if let (Some(l), Some(h)) = (&lo, &hi)
        && h <= l
    {
        hi = None;
    }
    let out = match (&lo, &hi) {
        (None, None) => midpoint(&[], None),
        (Some(l), None) => step(l, true).unwrap_or_else(|| midpoint(l, None)),
        (None, Some(h)) => step(h, false).unwrap_or_else(|| midpoint(&[], Some(h))),
        (Some(l), Some(h)) => midpoint(l, Some(h)),
    };
    text(&out)
}

/// `n` ranks in order, evenly spread and short, for filling a column at once.
pub fn spread(n: usize) -> Vec<String> {
    let mut places = 1;
    while 36u128.pow(places) < 4 * (n as u128 + 1) {
        places += 1;
    }
    let span = 36u128.pow(places);
    (1..=n as u128)
        .map(|k| {
            let mut v = k * span / (n as u128 + 1);
            let mut d = vec![0u8; places as usize];
            for slot in d.iter_mut().rev() {
                *slot = (v % 36) as u8;
                v /= 36;
            }
            while d.last() == Some(&0) {
                d.pop();
            }
            text(&d)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ranks_fall_strictly_between() {
        assert_eq!(between(None, None), "i");
        assert!(between(None, Some("1")).as_str() < "1");
        assert_eq!(between(Some("5"), Some("5k")), "5a");
        assert_eq!(between(Some("i"), None), "i001");
        let r = between(Some("4z"), Some("5"));
        assert!(r.as_str() > "4z" && r.as_str() < "5", "{r}");
        assert!(is_valid(&between(Some("zzz"), None)));
        assert_eq!(spread(3).len(), 3);
        assert!(spread(50).windows(2).all(|w| w[0] < w[1]));
        // A damaged or out-of-order neighbour is ignored rather than trusted.
        assert!(is_valid(&between(Some("Ö!"), Some("a"))));
        assert!(between(Some("m"), Some("c")).as_str() > "m");
    }

    proptest! {
        /// Inserting anywhere, any number of times, keeps every rank valid, distinct and in
        /// the order the inserts asked for.
        #[test]
        fn any_insert_sequence_keeps_order(places in prop::collection::vec(0usize..1000, 1..300)) {
            let mut ranks: Vec<String> = Vec::new();
            for p in places {
                let at = p % (ranks.len() + 1);
                let lo = at.checked_sub(1).map(|i| ranks[i].as_str());
                let hi = ranks.get(at).map(String::as_str);
                let r = between(lo, hi);
                prop_assert!(is_valid(&r), "{r}");
                if let Some(lo) = lo { prop_assert!(lo < r.as_str()); }
                if let Some(hi) = hi { prop_assert!(r.as_str() < hi); }
                ranks.insert(at, r);
            }
            prop_assert!(ranks.windows(2).all(|w| w[0] < w[1]));
        }
    }

    #[test]
    fn cards_added_at_either_end_keep_ranks_short() {
        let mut last = between(None, None);
        let mut first = last.clone();
        for _ in 0..20_000 {
            let next = between(Some(&last), None);
            assert!(next > last);
            last = next;
            let before = between(None, Some(&first));
            assert!(before < first && is_valid(&before));
            first = before;
        }
        assert!(last.len() <= 4 && first.len() <= 4, "{first} … {last}");
        let all = spread(10_000);
        assert!(all.windows(2).all(|w| w[0] < w[1]) && all.iter().all(|r| is_valid(r) && r.len() <= 4));
    }
}
