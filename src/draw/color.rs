//! Terminal colours for the colours the settings file names.

use ratatui::style::Color;

use crate::config::color::{ColorSetting, Named};

/// The terminal colour of a setting.
#[must_use]
pub fn terminal(setting: ColorSetting) -> Color {
    match setting {
        ColorSetting::Named(named) => match named {
            Named::Reset => Color::Reset,
            Named::Black => Color::Black,
            Named::Red => Color::Red,
            Named::Green => Color::Green,
            Named::Yellow => Color::Yellow,
            Named::Blue => Color::Blue,
            Named::Magenta => Color::Magenta,
            Named::Cyan => Color::Cyan,
            Named::Gray => Color::Gray,
            Named::DarkGray => Color::DarkGray,
            Named::LightRed => Color::LightRed,
            Named::LightGreen => Color::LightGreen,
            Named::LightYellow => Color::LightYellow,
            Named::LightBlue => Color::LightBlue,
            Named::LightMagenta => Color::LightMagenta,
            Named::LightCyan => Color::LightCyan,
            Named::White => Color::White,
        },
        ColorSetting::Indexed(i) => Color::Indexed(i),
        ColorSetting::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    /// The settings file reads colours as ratatui does, so a colour that
    /// worked before the core had its own type still works.
    #[test]
    fn settings_read_colours_as_ratatui_does() {
        let names = [
            "reset",
            "black",
            "red",
            "green",
            "yellow",
            "blue",
            "magenta",
            "cyan",
            "gray",
            "grey",
            "silver",
            "dark-gray",
            "dark gray",
            "light_red",
            "bright-green",
            "LightYellow",
            "light-blue",
            "light-magenta",
            "light-cyan",
            "white",
            "light-white",
            "light-black",
            "light-gray",
            "0",
            "74",
            "255",
            "256",
            "-1",
            "#5fafd7",
            "#5FAFD7",
            "#5fafd",
            "5fafd7",
            "teal",
            "",
        ];
        for name in names {
            let ours = ColorSetting::from_str(name).ok().map(terminal);
            assert_eq!(ours, Color::from_str(name).ok(), "{name:?}");
        }
    }
}
