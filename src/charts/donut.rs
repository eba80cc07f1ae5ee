//! Donut charts for splits of a whole (basic/project, personnel/public, 三公, income sources).
//!
//! Written as SVG by hand rather than with plotters: plotters draws circles and sectors as
//! polygons of many points, while an SVG arc path needs two `A` commands per slice, which
//! keeps a donut to a few hundred bytes and exact at any zoom.
//!
//! Every part gets a legend row below the ring with its name, amount and share; the ring
//! carries the share inside a slice where the label fits, and outside with a leader line
//! where it does not (small slices, under about 8%).

use super::layout::{Anchor, TextBox, num, wrap};
use super::svg::{MUTED, Paint, Svg};
use super::{Series, fill_for, legend_columns};
use crate::derive::figures::{percent, shares};
use std::f64::consts::{PI, TAU};

pub const WIDTH: f64 = 360.0;
const PAD: f64 = 12.0;
const R_OUT: f64 = 84.0;
const R_IN: f64 = 46.0;
/// Room above and below the ring for outside labels.
const BAND: f64 = 22.0;
const LABEL: f64 = 12.0;
const LEGEND: f64 = 13.0;

/// A point at `angle` (clockwise from 12 o'clock) and radius `r` around (`cx`, `cy`).
fn at(cx: f64, cy: f64, angle: f64, r: f64) -> (f64, f64) {
    (cx + r * angle.sin(), cy - r * angle.cos())
}

/// The angle of (`x`, `y`) around the centre, clockwise from 12 o'clock, in [0, 2π).
fn angle_of(cx: f64, cy: f64, x: f64, y: f64) -> f64 {
    let a = (x - cx).atan2(cy - y);
    if a < 0.0 { a + TAU } else { a }
}

/// One ring segment from `a0` to `a1` as an arc path.
fn slice_path(cx: f64, cy: f64, a0: f64, a1: f64) -> String {
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
        p(a1, R_IN),
        num(R_IN),
        num(R_IN),
        p(a0, R_IN),
    )
}

/// Whether a label box lies inside the slice between `a0` and `a1` (with a small margin).
fn fits_in_slice(cx: f64, cy: f64, a0: f64, a1: f64, b: &TextBox) -> bool {
    b.corners().iter().all(|&(x, y)| {
        let r = ((x - cx).powi(2) + (y - cy).powi(2)).sqrt();
        let a = angle_of(cx, cy, x, y);
        (R_IN + 1.5..=R_OUT - 1.5).contains(&r) && (a0..=a1).contains(&a)
    })
}

/// Draws the donut of `series` and returns the SVG.
pub fn donut(series: &Series) -> String {
    let mut svg = Svg::new(&series.id, WIDTH);
    let amounts: Vec<_> = series.parts.iter().map(|p| p.amount).collect();
    let share = shares(&amounts, series.whole);
    let cx = WIDTH / 2.0;
    let cy = PAD + BAND + R_OUT;
    let band_top = PAD;
    let band_bottom = cy + R_OUT + BAND;

    // Angles follow the amounts themselves, so the ring always closes.
    let total: f64 = series.parts.iter().map(|p| p.f64()).sum();
    let mut angles = Vec::new();
    let mut acc = 0.0;
    for p in &series.parts {
        let a0 = if total > 0.0 { acc / total * TAU } else { 0.0 };
        acc += p.f64();
        let a1 = if total > 0.0 { acc / total * TAU } else { 0.0 };
        angles.push((a0, a1));
    }

    let mut ring = String::new();
    for (i, p) in series.parts.iter().enumerate() {
        let (a0, a1) = angles[i];
        if p.amount.is_zero() {
            continue;
        }
        let fill = fill_for(&mut svg, i, p.other);
        if a1 - a0 >= TAU - 1e-9 {
            // A single part: a full ring is two half rings.
            ring.push_str(&format!(
                "<path d=\"{}{}\" fill=\"{fill}\" stroke=\"#fff\" stroke-width=\"1\"/>\n",
                slice_path(cx, cy, 0.0, PI),
                slice_path(cx, cy, PI, TAU)
            ));
        } else {
            ring.push_str(&format!(
                "<path d=\"{}\" fill=\"{fill}\" stroke=\"#fff\" stroke-width=\"1\"/>\n",
                slice_path(cx, cy, a0, a1)
            ));
        }
    }
    svg.shape(&ring);

    // The whole in the hole: a caption, the amount, the unit; shrunk until each line fits.
    let hole = R_IN - 4.0;
    let amount = series.whole.table();
    let lines: [(&str, f64, f64, Paint); 3] = [
        (&series.center, -14.0, 12.0, Paint::MUTED),
        (&amount, 6.0, 16.0, Paint::BOLD),
        (series.unit, 22.0, 12.0, Paint::MUTED),
    ];
    for (text, dy, size, paint) in lines {
        let mut size = size;
        loop {
            let b = TextBox::of(text, cx, cy + dy, size, Anchor::Middle);
            let fits = b
                .corners()
                .iter()
                .all(|&(x, y)| ((x - cx).powi(2) + (y - cy).powi(2)).sqrt() <= hole);
            if fits || size <= 8.0 {
                break;
            }
            size -= 0.5;
        }
        svg.text(cx, cy + dy, size, Anchor::Middle, text, paint);
    }

    // Shares on the ring: inside where they fit, else outside with a leader line.
    let mut outside: Vec<(usize, f64)> = Vec::new();
    for (i, p) in series.parts.iter().enumerate() {
        if p.amount.is_zero() {
            continue;
        }
        let (a0, a1) = angles[i];
        let label = percent(share[i]);
        let style = super::style_for(i, p.other);
        // Try the middle of the slice first, then nearby spots, then a smaller size.
        let mut placed = false;
        'search: for size in [LABEL, LABEL - 1.0] {
            for t in [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8] {
                for dr in [0.0, -3.0, 3.0, -6.0, 6.0] {
                    let (x, y) = at(cx, cy, a0 + t * (a1 - a0), (R_IN + R_OUT) / 2.0 + dr);
                    let y = y + 0.35 * size;
                    let b = TextBox::of(&label, x, y, size, Anchor::Middle);
                    if fits_in_slice(cx, cy, a0, a1, &b) && !svg.collides(&b) {
                        let paint = Paint {
                            fill: if style.dark {
                                "#ffffff"
                            } else {
                                super::svg::INK
                            },
                            bold: true,
                            halo: Some(style.base),
                        };
                        svg.text(x, y, size, Anchor::Middle, &label, paint);
                        placed = true;
                        break 'search;
                    }
                }
            }
        }
        if !placed {
            outside.push((i, (a0 + a1) / 2.0));
        }
    }
    place_outside(
        &mut svg,
        &outside,
        &share,
        (cx, cy),
        (band_top, band_bottom),
    );

    // Legend: swatch, name (wrapped), amount and share in two right-aligned columns.
    let cols = legend_columns(&series.parts, series.unit, LEGEND, WIDTH - PAD);
    let label_x = PAD + 18.0;
    let label_max = (cols.value_left - 10.0 - label_x).max(4.0 * LEGEND);
    let step = (LEGEND * 1.45).round();
    let mut y = band_bottom + 8.0 + LEGEND * 0.9;
    let mut legend = String::new();
    for (i, p) in series.parts.iter().enumerate() {
        let fill = fill_for(&mut svg, i, p.other);
        legend.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{fill}\" stroke=\"{}\" stroke-width=\"0.5\"/>\n",
            num(PAD),
            num(y - 10.5),
            MUTED
        ));
        let lines = wrap(&p.label, LEGEND, label_max);
        for (k, line) in lines.iter().enumerate() {
            svg.text(
                label_x,
                y + step * k as f64,
                LEGEND,
                Anchor::Start,
                line,
                Paint::INK,
            );
        }
        svg.text(
            cols.value_right,
            y,
            LEGEND,
            Anchor::End,
            &format!("{}{}", p.amount.table(), series.unit),
            Paint::INK,
        );
        svg.text(
            cols.share_right,
            y,
            LEGEND,
            Anchor::End,
            &percent(share[i]),
            Paint::MUTED,
        );
        y += step * lines.len() as f64 + 4.0;
    }
    svg.shape(&legend);

    let bottom = super::table_link(&mut svg, &series.table, PAD, y + 4.0, WIDTH - 2.0 * PAD);
    let desc = super::describe(series, &share);
    svg.finish(bottom + PAD, &series.title, &desc)
}

/// Puts the shares of slices too small to hold them beside the ring, each with a leader
/// line, pushed apart vertically on each side so that no two overlap.
fn place_outside(
    svg: &mut Svg,
    items: &[(usize, f64)],
    share: &[rust_decimal::Decimal],
    (cx, cy): (f64, f64),
    (top, bottom): (f64, f64),
) {
    let gap = LABEL * 1.25;
    for right in [true, false] {
        let mut side: Vec<(usize, f64, f64)> = items
            .iter()
            .filter(|(_, mid)| (mid.sin() >= 0.0) == right)
            .map(|&(i, mid)| (i, mid, at(cx, cy, mid, R_OUT + 8.0).1))
            .collect();
        side.sort_by(|a, b| a.2.total_cmp(&b.2).then(a.0.cmp(&b.0)));
        // Centre lines of the labels: wanted positions, pushed down, then up if needed.
        let min = top + ASC_HALF;
        let max = bottom - ASC_HALF;
        let mut ys: Vec<f64> = side.iter().map(|s| s.2.clamp(min, max)).collect();
        for k in 1..ys.len() {
            ys[k] = ys[k].max(ys[k - 1] + gap);
        }
        if let Some(last) = ys.last().copied().filter(|l| *l > max) {
            let shift = last - max;
            for y in ys.iter_mut() {
                *y -= shift;
            }
            for k in (0..ys.len().saturating_sub(1)).rev() {
                ys[k] = ys[k].min(ys[k + 1] - gap);
            }
        }
        for (k, &(i, mid, _)) in side.iter().enumerate() {
            let (x0, y0) = at(cx, cy, mid, R_OUT);
            let (x1, y1) = at(cx, cy, mid, R_OUT + 8.0);
            let lx = if right {
                cx + R_OUT + 16.0
            } else {
                cx - R_OUT - 16.0
            };
            let ly = ys[k];
            svg.shape(&format!(
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
                &percent(share[i]),
                Paint::INK,
            );
        }
    }
}

/// Half the height of an outside label around its centre line.
const ASC_HALF: f64 = LABEL * 0.6;
