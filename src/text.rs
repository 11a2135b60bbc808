//! Checks on free text from outside (names, units, explanations): characters that do
//! not show but change what a reader sees or what a machine stores. A NUL cuts a name
//! short in C back ends; a bidi override (U+202E) shows "txt.exe" for "exe.txt"; a
//! zero-width space makes two equal-looking names differ.
//!
//! Also how a search compares text ([`search_key`], [`search_matches`]).

use crate::error::FieldError;

/// The first character of `s` that must not be in a name or identifier (`single_line`)
/// or in longer text, if any. Longer text may hold tabs, line breaks and the zero-width
/// joiner (emoji sequences); nothing else listed here.
pub fn hidden_char(s: &str, single_line: bool) -> Option<char> {
    s.chars().find(|&c| {
        let layout = matches!(c, '\t' | '\n' | '\r');
        let control = c.is_control() && (single_line || !layout);
        let bidi = matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        // Invisible format characters (Unicode Cf, as far as text here meets them), the
        // tag characters used to smuggle text past a reader among them.
        let invisible = matches!(c, '\u{00ad}' | '\u{180e}' | '\u{200b}' | '\u{200c}'
            | '\u{2060}'..='\u{2064}' | '\u{206a}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}'
            | '\u{e0000}'..='\u{e007f}')
            || (single_line && matches!(c, '\u{200d}' | '\u{2028}' | '\u{2029}'));
        control || bidi || invisible
    })
}

/// [`hidden_char`] as an error at `path` (`text.hidden_char`, naming the code point).
pub fn check_hidden(s: &str, single_line: bool, path: &str) -> Result<(), FieldError> {
    match hidden_char(s, single_line) {
        Some(c) => Err(FieldError::new(path, "text.hidden_char")
            .with("code_point", format!("U+{:04X}", c as u32))),
        None => Ok(()),
    }
}

/// `s` as a search compares it: letters in lower case (Latin, with the accented ones
/// of Latin-1, and Cyrillic), and full-width letters, digits and signs (`ＡＢＣ１２３`,
/// as Chinese input methods type them) as their half-width forms, so that `abc` finds
/// `ＡＢＣ医药`. Other scripts are kept as they are: Unicode's whole case map would add
/// its tables (~10 KB) to every widget that searches, for letters these lists do not hold.
pub fn search_key(s: &str) -> String {
    s.chars()
        .map(|c| {
            let shift = match c {
                '\u{ff01}'..='\u{ff5e}' => return fold_ascii(c as u32 - 0xfee0),
                '\u{3000}' => return ' ',
                'A'..='Z' | '\u{c0}'..='\u{de}' if c != '\u{d7}' => 0x20,
                '\u{410}'..='\u{42f}' => 0x20,
                '\u{400}'..='\u{40f}' => 0x50,
                _ => 0,
            };
            char::from_u32(c as u32 + shift).unwrap_or(c)
        })
        .collect()
}

/// A full-width form's half-width character (`code` in U+0021..U+007E), lower case.
fn fold_ascii(code: u32) -> char {
    char::from_u32(code).map_or(' ', |c| c.to_ascii_lowercase())
}

/// Whether `query` (trimmed; empty finds everything) is found in any of `fields`,
/// compared as [`search_key`]s.
pub fn search_matches(query: &str, fields: &[&String]) -> bool {
    let q = search_key(query.trim());
    q.is_empty() || fields.iter().any(|f| search_key(f).contains(&q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_ignores_case_and_width() {
        assert_eq!(search_key("ＡＢＣ医药１２３－Ｘｙ"), "abc医药123-xy");
        assert_eq!(
            search_key("Société GÉNÉRALE × Ёлка ИВАНОВ"),
            "société générale × ёлка иванов"
        );
        assert_eq!(search_key("张三\u{3000}李四"), "张三 李四");
        let name = "ＡＢＣ医药有限公司".to_string();
        let unit = "Beijing Office".to_string();
        assert!(search_matches(" abc ", &[&unit, &name]));
        assert!(search_matches("OFFICE", &[&name, &unit]));
        assert!(search_matches("医药", &[&name]));
        assert!(search_matches("  ", &[&name]));
        assert!(!search_matches("上海", &[&name, &unit]));
    }

    #[test]
    fn names_refuse_what_does_not_show() {
        for bad in [
            "张\u{0}三",
            "张三\u{202e}",
            "张\u{200b}三",
            "\u{feff}张三",
            "张\u{2066}三",
            "张\n三",
            "张\u{7f}",
        ] {
            assert!(hidden_char(bad, true).is_some(), "{bad:?}");
        }
        assert_eq!(
            check_hidden("a\u{202e}b", true, "$.x").unwrap_err().params["code_point"],
            "U+202E"
        );
        for good in ["张三", "Zhang San", "欧阳·娜娜", "O'Brien-Smith"] {
            assert_eq!(hidden_char(good, true), None, "{good:?}");
        }
        assert_eq!(hidden_char("第一行\n第二行\t👨\u{200d}👩", false), None);
        assert!(hidden_char("说明\u{0}", false).is_some());
        assert!(hidden_char("说明\u{202d}", false).is_some());
    }
}
