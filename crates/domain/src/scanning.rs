//! Environment scanning: a log of sources and the signals found in them, and a technology
//! radar placing technologies and methods in four quadrants and four rings.

use serde::{Deserialize, Serialize};

keyed!(Ring {
    Adopt = "adopt",
    Trial = "trial",
    Assess = "assess",
    Hold = "hold",
});

keyed!(Quadrant {
    Techniques = "techniques",
    Platforms = "platforms",
    Tools = "tools",
    Services = "services",
});

impl Ring {
    /// From the centre (0) outwards.
    pub fn index(self) -> usize {
        Ring::ALL.iter().position(|r| *r == self).unwrap_or(0)
    }
}

impl Quadrant {
    pub fn index(self) -> usize {
        Quadrant::ALL.iter().position(|q| *q == self).unwrap_or(0)
    }
}

/// One blip on the radar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Blip {
    pub name: String,
    pub quadrant: Quadrant,
    pub ring: Ring,
    pub note: String,
}

/// Where each blip goes on a radar of `radius`: its angle band is its quadrant, its radius
/// band its ring; blips sharing a quadrant and ring are spread evenly over the band so none
/// overlap. Returns (x, y) offsets from the centre, y upwards, in the order given.
pub fn layout(blips: &[Blip], radius: f64) -> Vec<(f64, f64)> {
    let mut counts = [[0usize; 4]; 4];
    for b in blips {
        counts[b.quadrant.index()][b.ring.index()] += 1;
    }
    let mut seen = [[0usize; 4]; 4];
    blips
        .iter()
        .map(|b| {
            let (q, r) = (b.quadrant.index(), b.ring.index());
            let k = seen[q][r];
            seen[q][r] += 1;
            let n = counts[q][r];
            let band = radius / 4.0;
            // Alternate between two radii inside the ring so neighbours do not touch.
            let dist = band * (r as f64 + if k % 2 == 0 { 0.4 } else { 0.7 });
            let quarter = std::f64::consts::FRAC_PI_2;
            let angle = quarter * q as f64 + quarter * (k as f64 + 0.5) / n as f64;
            (dist * angle.cos(), dist * angle.sin())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blips_land_in_their_quadrant_and_ring() {
        let mut blips = Vec::new();
        for (i, q) in Quadrant::ALL.iter().enumerate() {
            for r in Ring::ALL {
                for k in 0..=i {
                    blips.push(Blip {
                        name: format!("{q:?}{r:?}{k}"),
                        quadrant: *q,
                        ring: *r,
                        note: String::new(),
                    });
                }
            }
        }
        let at = layout(&blips, 400.0);
        for (b, (x, y)) in blips.iter().zip(&at) {
            let d = (x * x + y * y).sqrt();
            let ring = (d / 100.0) as usize;
            assert_eq!(ring, b.ring.index(), "{}", b.name);
            let mut angle = y.atan2(*x);
            if angle < 0.0 {
                angle += std::f64::consts::TAU;
            }
            let quadrant = (angle / std::f64::consts::FRAC_PI_2) as usize;
            assert_eq!(quadrant, b.quadrant.index(), "{}", b.name);
        }
        for (i, p) in at.iter().enumerate() {
            for q in &at[i + 1..] {
                assert!((p.0 - q.0).hypot(p.1 - q.1) > 1.0, "two blips on one spot");
            }
        }
        assert_eq!(Ring::parse("trial"), Some(Ring::Trial));
        assert_eq!(Quadrant::parse("x"), None);
    }
}
