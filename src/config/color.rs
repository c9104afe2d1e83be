//! Colours as the settings file gives them, and each dimension's default.
//!
//! Plain data: the faces turn a [`ColorSetting`] into a terminal colour.
//! The file accepts what people write in the wild: a name (`cyan`,
//! `light-blue`, `bright blue`, `grey`), a 256-colour index (`214`) or
//! `#rrggbb`.

use std::fmt;
use std::str::FromStr;

/// One of the sixteen named terminal colours, or the terminal's own default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Reset,
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    Gray,
    DarkGray,
    LightRed,
    LightGreen,
    LightYellow,
    LightBlue,
    LightMagenta,
    LightCyan,
    White,
}

/// The names as the settings file writes them, in [`Named`] order.
const NAMES: [(Named, &str); 17] = [
    (Named::Reset, "reset"),
    (Named::Black, "black"),
    (Named::Red, "red"),
    (Named::Green, "green"),
    (Named::Yellow, "yellow"),
    (Named::Blue, "blue"),
    (Named::Magenta, "magenta"),
    (Named::Cyan, "cyan"),
    (Named::Gray, "gray"),
    (Named::DarkGray, "dark-gray"),
    (Named::LightRed, "light-red"),
    (Named::LightGreen, "light-green"),
    (Named::LightYellow, "light-yellow"),
    (Named::LightBlue, "light-blue"),
    (Named::LightMagenta, "light-magenta"),
    (Named::LightCyan, "light-cyan"),
    (Named::White, "white"),
];

/// A colour from the settings file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorSetting {
    Named(Named),
    /// A colour of the 256-colour palette.
    Indexed(u8),
    /// A true colour, `#rrggbb`.
    Rgb(u8, u8, u8),
}

/// The text is not a colour motive knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAColor;

impl FromStr for ColorSetting {
    type Err = NotAColor;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // Spelling varies: "Light Blue", "light_blue", "bright-blue", "grey".
        let key = s
            .to_lowercase()
            .replace([' ', '-', '_'], "")
            .replace("bright", "light")
            .replace("grey", "gray")
            .replace("silver", "gray")
            .replace("lightblack", "darkgray")
            .replace("lightwhite", "white")
            .replace("lightgray", "white");
        if let Some((named, _)) = NAMES.iter().find(|(_, name)| name.replace('-', "") == key) {
            return Ok(Self::Named(*named));
        }
        if let Ok(index) = s.parse::<u8>() {
            return Ok(Self::Indexed(index));
        }
        hex(s).map(|(r, g, b)| Self::Rgb(r, g, b)).ok_or(NotAColor)
    }
}

fn hex(s: &str) -> Option<(u8, u8, u8)> {
    let digits = s.strip_prefix('#').filter(|d| d.len() == 6)?;
    let byte = |at: usize| u8::from_str_radix(digits.get(at..at + 2)?, 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

impl fmt::Display for ColorSetting {
    /// As the settings file writes it: `light-blue`, `74`, `#5fafd7`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Named(named) => {
                let name = NAMES
                    .iter()
                    .find(|(n, _)| n == named)
                    .map_or("reset", |(_, name)| name);
                f.write_str(name)
            }
            Self::Indexed(i) => write!(f, "{i}"),
            Self::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
        }
    }
}

/// The Okabe-Ito palette: eight colours Masataka Okabe and Kei Ito proposed
/// ("Color Universal Design", 2008) so that charts stay readable for people
/// with the common red-green (protan, deutan) and the rarer blue-yellow
/// (tritan) colour blindness. Each is the nearest colour of the 256-colour
/// terminal cube (6 x 6 x 6), which nearly every terminal shows faithfully;
/// the original sRGB value is beside it. Black is left out: it would vanish
/// on a dark terminal.
pub mod okabe_ito {
    use super::ColorSetting;

    /// #E69F00 -> #D7AF00
    pub const ORANGE: ColorSetting = ColorSetting::Indexed(178);
    /// #56B4E9 -> #5FAFD7
    pub const SKY_BLUE: ColorSetting = ColorSetting::Indexed(74);
    /// #009E73 -> #00AF87
    pub const BLUISH_GREEN: ColorSetting = ColorSetting::Indexed(36);
    /// #F0E442 -> #FFD75F
    pub const YELLOW: ColorSetting = ColorSetting::Indexed(221);
    /// #0072B2 -> #005FAF
    pub const BLUE: ColorSetting = ColorSetting::Indexed(25);
    /// #D55E00 -> #D75F00
    pub const VERMILLION: ColorSetting = ColorSetting::Indexed(166);
    /// #CC79A7 -> #D787AF
    pub const REDDISH_PURPLE: ColorSetting = ColorSetting::Indexed(175);
}

/// The colour of each dimension's line.
///
/// Well-known ids have fixed colours (see [`Default`]); every other id takes
/// the next colour of `others` in the order the dimensions are shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DimensionColors {
    /// Colours for specific dimension ids.
    pub fixed: Vec<(String, ColorSetting)>,
    /// Colours for any other id, used in turn (and cycled when exhausted).
    pub others: Vec<ColorSetting>,
}

impl Default for DimensionColors {
    /// From the Okabe-Ito palette (see [`okabe_ito`]): autonomy sky blue,
    /// mastery orange, purpose reddish purple, which differ in lightness as
    /// well as hue; other dimensions take blue and yellow in turn. Bluish
    /// green and vermillion are left out: they are the colours of a rise
    /// and a fall ([`crate::draw::direction`]), and a line in one of them
    /// would read as a direction. Colour is never the only clue: each line
    /// also has its own marker and a named entry in the legend.
    fn default() -> Self {
        Self {
            fixed: vec![
                ("autonomy".to_owned(), okabe_ito::SKY_BLUE),
                ("mastery".to_owned(), okabe_ito::ORANGE),
                ("purpose".to_owned(), okabe_ito::REDDISH_PURPLE),
            ],
            others: vec![okabe_ito::BLUE, okabe_ito::YELLOW],
        }
    }
}

impl DimensionColors {
    /// The colour of `id`, which is the `nth_other` dimension (counting from 0)
    /// without a fixed colour among those shown.
    #[must_use]
    pub fn color(&self, id: &str, nth_other: usize) -> ColorSetting {
        if let Some((_, color)) = self.fixed.iter().find(|(fixed, _)| fixed == id) {
            return *color;
        }
        if self.others.is_empty() {
            return ColorSetting::Named(Named::Reset);
        }
        self.others[nth_other % self.others.len()]
    }

    /// Whether `id` has a colour of its own (else it takes one of `others`).
    #[must_use]
    pub fn is_fixed(&self, id: &str) -> bool {
        self.fixed.iter().any(|(fixed, _)| fixed == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_indices_and_hex_read_back_as_written() {
        for (text, expected) in [
            ("cyan", ColorSetting::Named(Named::Cyan)),
            ("Light Blue", ColorSetting::Named(Named::LightBlue)),
            ("bright_red", ColorSetting::Named(Named::LightRed)),
            ("grey", ColorSetting::Named(Named::Gray)),
            ("light-gray", ColorSetting::Named(Named::White)),
            ("214", ColorSetting::Indexed(214)),
            ("#5FAFD7", ColorSetting::Rgb(0x5f, 0xaf, 0xd7)),
        ] {
            let parsed: ColorSetting = text.parse().expect(text);
            assert_eq!(parsed, expected, "{text}");
            assert_eq!(parsed.to_string().parse::<ColorSetting>(), Ok(parsed));
        }
        for bad in ["", "teal", "256", "#12345", "#1234567", "#gg0000"] {
            assert_eq!(bad.parse::<ColorSetting>(), Err(NotAColor), "{bad:?}");
        }
        assert_eq!(
            ColorSetting::Named(Named::LightBlue).to_string(),
            "light-blue"
        );
    }
}
