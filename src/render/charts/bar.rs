//! Bar charts: ranked lists (functions, economic items, departments) as horizontal bars,
//! and a trend across years as columns.
//!
//! plotters maps amounts to pixels and draws the bars and axis lines; the labels are laid
//! out here with the CJK-aware measure of [`super::layout`], because plotters' SVG backend
//! without a font backend would size Chinese text from its UTF-8 bytes.

use super::layout::{ASCENT, Anchor, DESCENT, text_width, wrap};
use super::svg::{Paint, Svg, plotters_body};
use super::{Part, Series, describe, legend_columns, table_link};
use crate::derive::figures::shares;
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

pub const WIDTH: f64 = 360.0;
const PAD: f64 = 12.0;
const LABEL: f64 = 13.0;
const BAR: f64 = 10.0;

const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
const LIGHT_BLUE: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
const GREY: RGBColor = RGBColor(0xBB, 0xBB, 0xBB);
const AXIS: RGBColor = RGBColor(0x55, 0x55, 0x55);

fn colour(p: &Part) -> RGBColor {
    if p.other { GREY } else { BLUE }
}

/// A bar to draw, in amount units along its length and pixels across.
struct Bar {
    from: (f64, f64),
    to: (f64, f64),
    colour: RGBColor,
}

/// Draws bars with plotters on a `width` × `height` canvas whose amount axis runs from
/// 0 to `max` between pixels `along` (x for horizontal bars, y for columns).
fn plot(
    width: f64,
    height: f64,
    horizontal: bool,
    max: f64,
    along: (i32, i32),
    bars: &[Bar],
    axis: [(f64, f64); 2],
) -> Result<String, String> {
    let (w, h) = (width as u32, height.ceil() as u32);
    let mut out = String::new();
    {
        let root: DrawingArea<SVGBackend, Shift> =
            SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
        let amount = 0.0..max.max(f64::MIN_POSITIVE);
        let err = |e: DrawingAreaErrorKind<_>| e.to_string();
        if horizontal {
            let spec = Cartesian2d::<RangedCoordf64, RangedCoordf64>::new(
                amount,
                0.0..h as f64,
                (along.0..along.1, 0..h as i32),
            );
            draw(&root.apply_coord_spec(spec), bars, axis).map_err(err)?;
        } else {
            let spec = Cartesian2d::<RangedCoordf64, RangedCoordf64>::new(
                0.0..w as f64,
                amount,
                (0..w as i32, along.0..along.1),
            );
            draw(&root.apply_coord_spec(spec), bars, axis).map_err(err)?;
        }
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(plotters_body(&out).to_owned())
}

type Area<'a> = DrawingArea<SVGBackend<'a>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

fn draw(
    area: &Area,
    bars: &[Bar],
    axis: [(f64, f64); 2],
) -> Result<(), DrawingAreaErrorKind<std::io::Error>> {
    for b in bars {
        area.draw(&Rectangle::new([b.from, b.to], b.colour.filled()))?;
    }
    area.draw(&PathElement::new(axis.to_vec(), AXIS.stroke_width(1)))?;
    Ok(())
}

/// Horizontal bars, largest first as given: each row has the name (wrapped) with amount and
/// share on its first line, and the bar below across the full width.
pub fn bars(s: &Series) -> Result<String, String> {
    let mut svg = Svg::new(&s.id, WIDTH);
    let amounts: Vec<_> = s.parts.iter().map(|p| p.amount).collect();
    let share = shares(&amounts, s.whole);
    let cols = legend_columns(&s.parts, s.unit, LABEL, WIDTH - PAD);
    let label_max = (cols.value_left - 10.0 - PAD).max(4.0 * LABEL);
    let step = (LABEL * 1.4).round();
    let max = s.parts.iter().map(Part::f64).fold(0.0, f64::max);
    let length = WIDTH - 2.0 * PAD;

    let mut bars = Vec::new();
    let mut top = PAD;
    let mut first_bar = None;
    for (i, p) in s.parts.iter().enumerate() {
        let y = top + ASCENT * LABEL;
        let lines = wrap(&p.label, LABEL, label_max);
        for (k, line) in lines.iter().enumerate() {
            svg.text(
                PAD,
                y + step * k as f64,
                LABEL,
                Anchor::Start,
                line,
                Paint::INK,
            );
        }
        let value = format!("{}{}", p.amount.table(), s.unit);
        svg.text(cols.value_right, y, LABEL, Anchor::End, &value, Paint::INK);
        let pct = crate::derive::figures::percent(share[i]);
        svg.text(cols.share_right, y, LABEL, Anchor::End, &pct, Paint::MUTED);
        let bar_top = (y + step * (lines.len() - 1) as f64 + DESCENT * LABEL + 4.0).round();
        first_bar.get_or_insert(bar_top);
        // At least one pixel, so that a small non-zero amount is still seen.
        let drawn = if p.amount.is_zero() {
            0.0
        } else {
            p.f64().max(max / length)
        };
        bars.push(Bar {
            from: (0.0, bar_top),
            to: (drawn, bar_top + BAR),
            colour: colour(p),
        });
        top = bar_top + BAR + 10.0;
    }
    let axis = [
        (0.0, first_bar.unwrap_or(PAD) - 3.0),
        (0.0, top - 10.0 + 3.0),
    ];
    let bottom = table_link(&mut svg, &s.table, PAD, top, WIDTH - 2.0 * PAD);
    let height = (bottom + PAD).ceil();
    let shapes = plot(
        WIDTH,
        height,
        true,
        max,
        (PAD as i32, (WIDTH - PAD) as i32),
        &bars,
        axis,
    )?;
    svg.shape(&shapes);
    let desc = describe(s, &share);
    Ok(svg.finish(height, &s.title, &desc))
}

/// Columns for a trend across years, oldest first, the current year emphasised. Falls back
/// to horizontal bars when the years are too many for their labels to fit side by side.
pub fn columns(s: &Series) -> Result<String, String> {
    let n = s.parts.len().max(1);
    let slot = (WIDTH - 2.0 * PAD) / n as f64;
    let values: Vec<String> = s.parts.iter().map(|p| p.amount.table()).collect();
    let fit = |texts: &[&str], size: f64| texts.iter().all(|t| text_width(t, size) <= slot - 6.0);
    let value_refs: Vec<&str> = values.iter().map(String::as_str).collect();
    let year_refs: Vec<&str> = s.parts.iter().map(|p| p.label.as_str()).collect();
    let Some(value_size) = [12.0, 11.0, 10.0, 9.0]
        .into_iter()
        .find(|z| fit(&value_refs, *z))
    else {
        return bars(s);
    };
    if !fit(&year_refs, 12.0) {
        return bars(s);
    }

    let mut svg = Svg::new(&s.id, WIDTH);
    let note = 11.0;
    svg.text(
        PAD,
        PAD + ASCENT * note,
        note,
        Anchor::Start,
        &format!("单位：{}", s.unit),
        Paint::MUTED,
    );
    let plot_top = PAD + note + 8.0 + value_size + 6.0;
    let base = (plot_top + 140.0).round();
    let max = s.parts.iter().map(Part::f64).fold(0.0, f64::max);
    let bar_w = (slot * 0.55).min(44.0);
    let mut bars = Vec::new();
    for (i, p) in s.parts.iter().enumerate() {
        let cx = PAD + slot * (i as f64 + 0.5);
        let h = if max > 0.0 {
            p.f64() / max * (base - plot_top)
        } else {
            0.0
        };
        bars.push(Bar {
            from: (cx - bar_w / 2.0, 0.0),
            to: (cx + bar_w / 2.0, p.f64()),
            colour: if p.current { BLUE } else { LIGHT_BLUE },
        });
        let paint = if p.current { Paint::BOLD } else { Paint::INK };
        svg.text(
            cx,
            base - h - 5.0,
            value_size,
            Anchor::Middle,
            &values[i],
            paint,
        );
        svg.text(
            cx,
            base + 4.0 + ASCENT * 12.0,
            12.0,
            Anchor::Middle,
            &p.label,
            paint,
        );
    }
    let axis = [(PAD, 0.0), (WIDTH - PAD, 0.0)];
    let below = base + 4.0 + 12.0 + 18.0;
    let bottom = table_link(&mut svg, &s.table, PAD, below, WIDTH - 2.0 * PAD);
    let height = (bottom + PAD).ceil();
    let shapes = plot(
        WIDTH,
        height,
        false,
        max,
        (base as i32, plot_top as i32),
        &bars,
        axis,
    )?;
    svg.shape(&shapes);
    let desc = format!(
        "{}{}。数据见各年度{}。",
        s.intro,
        s.parts
            .iter()
            .map(|p| format!("{}{}{}", p.label, p.amount.prose(), s.unit))
            .collect::<Vec<_>>()
            .join("；"),
        s.table.label
    );
    Ok(svg.finish(height, &s.title, &desc))
}
