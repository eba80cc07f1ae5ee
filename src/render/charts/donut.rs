//! Donut charts for splits of a whole (basic/project, personnel/public, 三公, income sources).
//!
//! Written as SVG by hand rather than with plotters: plotters draws circles and sectors as
//! polygons of many points, while an SVG arc path needs two `A` commands per slice, which
//! keeps a donut to a few hundred bytes and exact at any zoom.
//!
//! Every part gets a legend row below the ring with its name, amount and share. The ring
//! carries each share inside its slice where the label fits, and outside with a leader line
//! where it does not (slices under about 8%, so always those under 3%). The ring starts at
//! 12 o'clock unless its small slices would then crowd their outside labels; it is then
//! turned so that they sit at the sides, where labels have room to spread.

use super::layout::{Anchor, TextBox, num, wrap};
use super::svg::{INK, MUTED, Paint, Svg};
use super::{Series, fill_for, legend_columns, style_for};
use crate::derive::figures::{percent, shares};
use std::f64::consts::{PI, TAU};

pub const WIDTH: f64 = 360.0;
const PAD: f64 = 12.0;
const R_OUT: f64 = 84.0;
const R_IN: f64 = 46.0;
/// The widest hole: the ring stays at least 18 px thick.
const R_IN_MAX: f64 = R_OUT - 18.0;
/// The size the whole's amount keeps in the hole; a longer amount widens the hole instead.
const AMOUNT: f64 = 16.0;
/// Room above and below the ring for outside labels.
const BAND: f64 = 22.0;
const LABEL: f64 = 12.0;
const LEGEND: f64 = 13.0;
/// Vertical distance between two outside labels on the same side.
const GAP: f64 = LABEL * 1.25;

/// A point at `angle` (clockwise from 12 o'clock) and radius `r` around (`cx`, `cy`).
fn at(cx: f64, cy: f64, angle: f64, r: f64) -> (f64, f64) {
    (cx + r * angle.sin(), cy - r * angle.cos())
}

/// One ring segment from `a0` to `a1` as an arc path.
fn slice_path(cx: f64, cy: f64, r_in: f64, a0: f64, a1: f64) -> String {
    let large = if a1 - a0 > PI { 1 } else { 0 };
    let p = |a: f64, r: f64| {
        let (x, y) = at(cx, cy, a, r);
        format!("{},{}", num(x), num(y))
    };
    format!(
        "M{}A{},{} 0 {large} 1 {}L{}A{},{} 0 {large} 0 {}Z",
        p(a0, R_OUT),
        num(R_OUT),
        num(R_OUT),
        p(a1, R_OUT),
        p(a1, r_in),
        num(r_in),
        num(r_in),
        p(a0, r_in),
    )
}

/// Whether a label box lies inside the slice between `a0` and `a1` (with a small margin).
fn fits_in_slice(cx: f64, cy: f64, r_in: f64, a0: f64, a1: f64, b: &TextBox) -> bool {
    b.corners().iter().all(|&(x, y)| {
        let r = ((x - cx).powi(2) + (y - cy).powi(2)).sqrt();
        let a = (x - cx).atan2(cy - y);
        let into = (a - a0).rem_euclid(TAU);
        (r_in + 1.5..=R_OUT - 1.5).contains(&r) && into <= a1 - a0
    })
}

/// Where the share labels of one ring rotation go.
struct Plan {
    angles: Vec<(f64, f64)>,
    /// Part, anchor point, size.
    inside: Vec<(usize, f64, f64, f64)>,
    /// Part, angle of the slice's middle, label centre line.
    outside: Vec<(usize, f64, f64)>,
    /// How far outside labels had to move from their slices, in px.
    cost: f64,
}

struct Ring<'a> {
    series: &'a Series,
    labels: Vec<String>,
    cx: f64,
    cy: f64,
    /// The hole's radius: wider than [`R_IN`] when the whole's amount is long.
    r_in: f64,
    band: (f64, f64),
    /// Boxes already taken (the text in the hole).
    taken: Vec<TextBox>,
}

impl Ring<'_> {
    fn plan(&self, offset: f64) -> Plan {
        // Angles follow the amounts themselves, so the ring always closes.
        let total: f64 = self.series.parts.iter().map(|p| p.f64()).sum();
        let mut angles = Vec::new();
        let mut acc = 0.0;
        for p in &self.series.parts {
            let a0 = offset + if total > 0.0 { acc / total * TAU } else { 0.0 };
            acc += p.f64();
            let a1 = offset + if total > 0.0 { acc / total * TAU } else { 0.0 };
            angles.push((a0, a1));
        }
        let (cx, cy) = (self.cx, self.cy);
        let mut inside = Vec::new();
        let mut outside = Vec::new();
        let mut placed = self.taken.clone();
        for (i, p) in self.series.parts.iter().enumerate() {
            if p.amount.is_zero() {
                continue;
            }
            let (a0, a1) = angles[i];
            let label = &self.labels[i];
            // The middle of the slice first, then nearby spots, then a smaller size.
            let spot = [LABEL, LABEL - 1.0].into_iter().find_map(|size| {
                [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]
                    .into_iter()
                    .find_map(|t| {
                        [0.0, -3.0, 3.0, -6.0, 6.0].into_iter().find_map(|dr| {
                            let (x, y) =
                                at(cx, cy, a0 + t * (a1 - a0), (self.r_in + R_OUT) / 2.0 + dr);
                            let y = y + 0.35 * size;
                            let b = TextBox::of(label, x, y, size, Anchor::Middle);
                            (fits_in_slice(cx, cy, self.r_in, a0, a1, &b)
                                && !placed.iter().any(|o| o.overlaps(&b)))
                            .then_some((x, y, size, b))
                        })
                    })
            });
            match spot {
                Some((x, y, size, b)) => {
                    placed.push(b);
                    inside.push((i, x, y, size));
                }
                None => outside.push((i, (a0 + a1) / 2.0)),
            }
        }
        let mut cost = 0.0;
        let mut out = Vec::new();
        for right in [true, false] {
            let mut side: Vec<(usize, f64, f64)> = outside
                .iter()
                .filter(|(_, mid)| (mid.sin() >= 0.0) == right)
                .map(|&(i, mid)| (i, mid, at(cx, cy, mid, R_OUT + 8.0).1))
                .collect();
            side.sort_by(|a, b| a.2.total_cmp(&b.2).then(a.0.cmp(&b.0)));
            let ys = spread(
                &side.iter().map(|s| s.2).collect::<Vec<_>>(),
                self.band.0 + LABEL * 0.6,
                self.band.1 - LABEL * 0.6,
            );
            for (s, y) in side.iter().zip(ys) {
                cost += (y - s.2).abs();
                out.push((s.0, s.1, y));
            }
        }
        out.sort_by_key(|o| o.0);
        Plan {
            angles,
            inside,
            outside: out,
            cost,
        }
    }
}

/// Centre lines for labels wanted at `wanted` (sorted): pushed apart by [`GAP`] and kept
/// between `min` and `max`.
fn spread(wanted: &[f64], min: f64, max: f64) -> Vec<f64> {
    let mut ys: Vec<f64> = wanted.iter().map(|y| y.clamp(min, max)).collect();
    for k in 1..ys.len() {
        ys[k] = ys[k].max(ys[k - 1] + GAP);
    }
    if let Some(over) = ys.last().map(|l| l - max).filter(|o| *o > 0.0) {
        for y in ys.iter_mut() {
            *y -= over;
        }
        for k in (0..ys.len().saturating_sub(1)).rev() {
            ys[k] = ys[k].min(ys[k + 1] - GAP);
        }
    }
    ys
}

/// Draws the donut of `series` and returns the SVG.
pub fn donut(series: &Series) -> String {
    let mut svg = Svg::new(&series.id, WIDTH);
    let amounts: Vec<_> = series.parts.iter().map(|p| p.amount).collect();
    let share = shares(&amounts, series.whole);
    let cx = WIDTH / 2.0;
    let cy = PAD + BAND + R_OUT;

    // The whole in the hole: a caption, the amount, the unit. A long amount widens the hole
    // (a thinner ring) so that it keeps its size; only past the widest hole does it shrink.
    let amount = series.whole.table();
    let fits = |text: &str, dy: f64, size: f64, hole: f64| {
        TextBox::of(text, cx, cy + dy, size, Anchor::Middle)
            .corners()
            .iter()
            .all(|&(x, y)| ((x - cx).powi(2) + (y - cy).powi(2)).sqrt() <= hole)
    };
    let mut r_in = R_IN;
    while r_in < R_IN_MAX && !fits(&amount, 6.0, AMOUNT, r_in - 4.0) {
        r_in += 2.0;
    }
    let hole = r_in - 4.0;
    let lines: [(&str, f64, f64, Paint); 3] = [
        (&series.center, -14.0, 12.0, Paint::MUTED),
        (&amount, 6.0, AMOUNT, Paint::BOLD),
        (series.unit, 22.0, 12.0, Paint::MUTED),
    ];
    let mut taken = Vec::new();
    for (text, dy, size, paint) in lines {
        let mut size = size;
        while !fits(text, dy, size, hole) && size > 8.0 {
            size -= 0.5;
        }
        taken.push(svg.text(cx, cy + dy, size, Anchor::Middle, text, paint));
    }

    let ring = Ring {
        series,
        labels: share.iter().map(|s| percent(*s)).collect(),
        cx,
        cy,
        r_in,
        band: (PAD, cy + R_OUT + BAND),
        taken,
    };
    // 12 o'clock unless outside labels would have to move far; then the best turn in 15°
    // steps (the first of equals, so the choice is stable).
    let mut plan = ring.plan(0.0);
    if plan.cost > GAP {
        for step in 1..24 {
            let p = ring.plan(step as f64 * TAU / 24.0);
            if p.cost + 0.5 < plan.cost {
                plan = p;
            }
        }
    }

    let mut shapes = String::new();
    for (i, p) in series.parts.iter().enumerate() {
        let (a0, a1) = plan.angles[i];
        if p.amount.is_zero() {
            continue;
        }
        let fill = fill_for(&mut svg, i, p.other);
        let d = if a1 - a0 >= TAU - 1e-9 {
            // A single part: a full ring is two half rings.
            format!(
                "{}{}",
                slice_path(cx, cy, r_in, 0.0, PI),
                slice_path(cx, cy, r_in, PI, TAU)
            )
        } else {
            slice_path(cx, cy, r_in, a0, a1)
        };
        shapes.push_str(&format!(
            "<path d=\"{d}\" fill=\"{fill}\" stroke=\"#fff\" stroke-width=\"1\"/>\n"
        ));
    }
    for &(i, x, y, size) in &plan.inside {
        let style = style_for(i, series.parts[i].other);
        let paint = Paint {
            fill: if style.dark { "#ffffff" } else { INK },
            bold: true,
            halo: Some(style.base),
        };
        svg.text(x, y, size, Anchor::Middle, &ring.labels[i], paint);
    }
    for &(i, mid, ly) in &plan.outside {
        let right = mid.sin() >= 0.0;
        let (x0, y0) = at(cx, cy, mid, R_OUT);
        let (x1, y1) = at(cx, cy, mid, R_OUT + 8.0);
        let lx = if right {
            cx + R_OUT + 16.0
        } else {
            cx - R_OUT - 16.0
        };
        shapes.push_str(&format!(
            "<polyline points=\"{},{} {},{} {},{}\" fill=\"none\" stroke=\"{MUTED}\" stroke-width=\"0.8\"/>\n",
            num(x0),
            num(y0),
            num(x1),
            num(y1),
            num(if right { lx - 3.0 } else { lx + 3.0 }),
            num(ly)
        ));
        let anchor = if right { Anchor::Start } else { Anchor::End };
        svg.text(
            lx,
            ly + 0.35 * LABEL,
            LABEL,
            anchor,
            &ring.labels[i],
            Paint::INK,
        );
    }

    // Legend: swatch, name (wrapped), amount and share in two right-aligned columns.
    let cols = legend_columns(&series.parts, series.unit, LEGEND, WIDTH - PAD);
    let label_x = PAD + 18.0;
    let label_max = (cols.value_left - 10.0 - label_x).max(4.0 * LEGEND);
    let step = (LEGEND * 1.45).round();
    let mut y = ring.band.1 + 8.0 + LEGEND * 0.9;
    for (i, p) in series.parts.iter().enumerate() {
        let fill = fill_for(&mut svg, i, p.other);
        shapes.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{fill}\" stroke=\"{MUTED}\" stroke-width=\"0.5\"/>\n",
            num(PAD),
            num(y - 10.5),
        ));
        let lines = wrap(&p.label, LEGEND, label_max);
        for (k, line) in lines.iter().enumerate() {
            let ly = y + step * k as f64;
            svg.text(label_x, ly, LEGEND, Anchor::Start, line, Paint::INK);
        }
        let value = format!("{}{}", p.amount.table(), series.unit);
        svg.text(cols.value_right, y, LEGEND, Anchor::End, &value, Paint::INK);
        svg.text(
            cols.share_right,
            y,
            LEGEND,
            Anchor::End,
            &ring.labels[i],
            Paint::MUTED,
        );
        y += step * lines.len() as f64 + 4.0;
    }
    svg.shape(&shapes);

    let bottom = super::table_link(&mut svg, &series.table, PAD, y + 4.0, WIDTH - 2.0 * PAD);
    let desc = super::describe(series, &share);
    svg.finish(bottom + PAD, &series.title, &desc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quarter_slice_is_one_small_arc_each_way() {
        let d = slice_path(100.0, 100.0, R_IN, 0.0, PI / 2.0);
        assert_eq!(d, "M100,16A84,84 0 0 1 184,100L146,100A46,46 0 0 0 100,54Z");
        let big = slice_path(100.0, 100.0, R_IN, 0.0, 1.5 * PI);
        assert!(big.contains("0 1 1") && big.contains("0 1 0"), "{big}");
    }

    #[test]
    fn crowded_labels_are_spread_within_the_band() {
        let ys = spread(&[10.0, 11.0, 12.0], 0.0, 100.0);
        assert_eq!(ys, vec![10.0, 10.0 + GAP, 10.0 + 2.0 * GAP]);
        let ys = spread(&[95.0, 96.0, 97.0], 0.0, 100.0);
        assert_eq!(*ys.last().unwrap(), 100.0);
        assert!(ys.windows(2).all(|w| w[1] - w[0] >= GAP - 1e-9));
    }
}
