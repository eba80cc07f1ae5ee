//! The SVG frame every chart shares: accessible root, escaped text, recorded label boxes.
//!
//! Charts are inlined into pages with `| safe`, so this is the one place where text from data
//! (department and item names) enters markup; everything goes through [`esc`].

use super::layout::{Anchor, TextBox, num};

/// Escapes text for XML content and attribute values.
pub fn esc(s: &str) -> String {
    crate::render::xml::escape(s)
}

/// The page's own font stack, so chart labels match the text around them.
const FONT: &str =
    "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',SimSun,sans-serif";
pub const INK: &str = "#1a1a1a";
pub const MUTED: &str = "#555555";

/// How one label is painted.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    pub fill: &'static str,
    pub bold: bool,
    /// A stroke of this colour behind the glyphs keeps text readable on patterned fills.
    pub halo: Option<&'static str>,
}

impl Paint {
    pub const INK: Paint = Paint {
        fill: INK,
        bold: false,
        halo: None,
    };
    pub const MUTED: Paint = Paint {
        fill: MUTED,
        bold: false,
        halo: None,
    };
    pub const BOLD: Paint = Paint {
        fill: INK,
        bold: true,
        halo: None,
    };
}

/// A chart being drawn: shapes and labels, collected until the height is known.
pub struct Svg {
    /// Page-unique id; prefixes every id inside the chart.
    pub id: String,
    pub width: f64,
    defs: String,
    shapes: String,
    texts: String,
    boxes: Vec<TextBox>,
}

impl Svg {
    pub fn new(id: &str, width: f64) -> Svg {
        Svg {
            id: id.to_owned(),
            width,
            defs: String::new(),
            shapes: String::new(),
            texts: String::new(),
            boxes: Vec::new(),
        }
    }

    /// Adds a definition (pattern) once.
    pub fn def(&mut self, id: &str, markup: &str) {
        if !self.defs.contains(&format!("id=\"{id}\"")) {
            self.defs.push_str(markup);
        }
    }

    /// Appends shape markup (paths, plotters' output).
    pub fn shape(&mut self, markup: &str) {
        self.shapes.push_str(markup);
    }

    /// Places a label with its anchor at (`x`, baseline `y`) and returns its box.
    pub fn text(
        &mut self,
        x: f64,
        y: f64,
        size: f64,
        anchor: Anchor,
        text: &str,
        paint: Paint,
    ) -> TextBox {
        let b = TextBox::of(text, x, y, size, anchor);
        self.boxes.push(b);
        self.texts
            .push_str(&text_element(x, y, size, anchor, text, paint));
        b
    }

    /// Places the lines naming the table that holds the same numbers. They are text, not a
    /// link: content inside `role="img"` is hidden from assistive technology, so the link
    /// itself is the figure's caption (templates/charts.html).
    pub fn link(&mut self, lines: &[String], x: f64, y: f64, size: f64, step: f64) {
        for (i, line) in lines.iter().enumerate() {
            let y = y + step * i as f64;
            self.boxes
                .push(TextBox::of(line, x, y, size, Anchor::Start));
            // Muted, not link blue: inside the picture the line cannot be clicked (the
            // caption above the chart is the link).
            let paint = Paint::MUTED;
            self.texts
                .push_str(&text_element(x, y, size, Anchor::Start, line, paint));
        }
    }

    /// Closes the chart: `role="img"` with its title and a description of the figures.
    pub fn finish(self, height: f64, title: &str, desc: &str) -> String {
        let (w, h) = (num(self.width), num(height.ceil()));
        let id = esc(&self.id);
        let mut s = String::with_capacity(self.shapes.len() + self.texts.len() + 1024);
        s.push_str(&format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{FONT}\" fill=\"{INK}\">\n"
        ));
        s.push_str(&format!(
            "<title id=\"{id}-title\">{}</title>\n",
            esc(title)
        ));
        s.push_str(&format!("<desc id=\"{id}-desc\">{}</desc>\n", esc(desc)));
        if !self.defs.is_empty() {
            s.push_str(&format!("<defs>{}</defs>\n", self.defs));
        }
        s.push_str(&self.shapes);
        s.push_str(&self.texts);
        s.push_str("</svg>");
        s
    }
}

fn text_element(x: f64, y: f64, size: f64, anchor: Anchor, text: &str, p: Paint) -> String {
    // One string pushed piece by piece: charts have hundreds of labels.
    let mut t = String::with_capacity(96 + text.len());
    for (name, v) in [("<text x=\"", x), ("\" y=\"", y), ("\" font-size=\"", size)] {
        t.push_str(name);
        t.push_str(&num(v));
    }
    t.push('"');
    if anchor != Anchor::Start {
        t.push_str(" text-anchor=\"");
        t.push_str(anchor.svg());
        t.push('"');
    }
    if p.bold {
        t.push_str(" font-weight=\"bold\"");
    }
    if p.fill != INK {
        t.push_str(" fill=\"");
        t.push_str(p.fill);
        t.push('"');
    }
    if let Some(h) = p.halo {
        t.push_str(" stroke=\"");
        t.push_str(h);
        t.push_str("\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"");
    }
    t.push('>');
    t.push_str(&esc(text));
    t.push_str("</text>\n");
    t
}

/// The elements plotters drew, without its `<svg>` wrapper, so they can sit in our frame.
pub fn plotters_body(svg: &str) -> &str {
    let start = svg
        .find("<svg")
        .and_then(|i| svg[i..].find('>').map(|j| i + j + 1))
        .unwrap_or(0);
    let end = svg.rfind("</svg>").unwrap_or(svg.len()).max(start);
    svg[start..end].trim_start_matches('\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_from_data() {
        assert_eq!(esc("<script>&\"'"), "&lt;script&gt;&amp;&quot;&#39;");
    }

    #[test]
    fn unwraps_plotters_output() {
        let s = "<svg width=\"2\" height=\"2\" viewBox=\"0 0 2 2\" xmlns=\"http://www.w3.org/2000/svg\">\n<rect x=\"0\"/>\n</svg>\n";
        assert_eq!(plotters_body(s), "<rect x=\"0\"/>\n");
    }
}
