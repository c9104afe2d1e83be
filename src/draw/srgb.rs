//! The sRGB value of a colour the settings file names, for drawings that
//! leave the terminal (the SVG chart): xterm's default values for the
//! sixteen named colours and the 256-colour palette.

use crate::config::color::{ColorSetting, Named};

/// xterm's default values of the sixteen colours, in palette order (0-15).
const SIXTEEN: [(u8, u8, u8); 16] = [
    (0x00, 0x00, 0x00),
    (0xcd, 0x00, 0x00),
    (0x00, 0xcd, 0x00),
    (0xcd, 0xcd, 0x00),
    (0x00, 0x00, 0xee),
    (0xcd, 0x00, 0xcd),
    (0x00, 0xcd, 0xcd),
    (0xe5, 0xe5, 0xe5),
    (0x7f, 0x7f, 0x7f),
    (0xff, 0x00, 0x00),
    (0x00, 0xff, 0x00),
    (0xff, 0xff, 0x00),
    (0x5c, 0x5c, 0xff),
    (0xff, 0x00, 0xff),
    (0x00, 0xff, 0xff),
    (0xff, 0xff, 0xff),
];

/// The levels of each channel in the 6x6x6 colour cube (16-231).
const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// The sRGB value of `setting`; `None` for the terminal's own default
/// (`reset`), which has no fixed value.
#[must_use]
pub fn srgb(setting: ColorSetting) -> Option<(u8, u8, u8)> {
    match setting {
        ColorSetting::Named(Named::Reset) => None,
        ColorSetting::Named(named) => {
            let index = match named {
                Named::Reset | Named::Black => 0,
                Named::Red => 1,
                Named::Green => 2,
                Named::Yellow => 3,
                Named::Blue => 4,
                Named::Magenta => 5,
                Named::Cyan => 6,
                Named::Gray => 7,
                Named::DarkGray => 8,
                Named::LightRed => 9,
                Named::LightGreen => 10,
                Named::LightYellow => 11,
                Named::LightBlue => 12,
                Named::LightMagenta => 13,
                Named::LightCyan => 14,
                Named::White => 15,
            };
            Some(SIXTEEN[index])
        }
        ColorSetting::Indexed(i @ 0..=15) => Some(SIXTEEN[usize::from(i)]),
        ColorSetting::Indexed(i @ 16..=231) => {
            let i = usize::from(i - 16);
            Some((CUBE[i / 36], CUBE[(i / 6) % 6], CUBE[i % 6]))
        }
        ColorSetting::Indexed(i) => {
            let level = 8 + 10 * (i - 232);
            Some((level, level, level))
        }
        ColorSetting::Rgb(r, g, b) => Some((r, g, b)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_indexed_and_hex_colours_have_xterms_values() {
        let parse = |text: &str| text.parse::<ColorSetting>().expect(text);
        assert_eq!(srgb(parse("cyan")), Some((0, 205, 205)));
        assert_eq!(srgb(parse("6")), srgb(parse("cyan")));
        assert_eq!(srgb(parse("light-blue")), Some((0x5c, 0x5c, 0xff)));
        assert_eq!(srgb(parse("74")), Some((0x5f, 0xaf, 0xd7)));
        assert_eq!(srgb(parse("231")), Some((255, 255, 255)));
        assert_eq!(srgb(parse("232")), Some((8, 8, 8)));
        assert_eq!(srgb(parse("255")), Some((238, 238, 238)));
        assert_eq!(srgb(parse("#112233")), Some((0x11, 0x22, 0x33)));
        assert_eq!(srgb(parse("reset")), None);
    }
}
