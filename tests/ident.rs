//! Identifier checks against numbers whose check characters were computed by hand,
//! and every single-character corruption of them.
use yaojian::ident::*;

// 居民身份证号码 11010519491231002X (the GB 11643 sample):
//   digits × weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
//   = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → "10X98765432"[2] = X
// 440524188001010014:
//   = 28+36+0+25+16+16+2+8+48+0+0+9+0+5+0+0+2 = 195; 195 mod 11 = 8 → "10X98765432"[8] = 4
const VALID_IDS: [&str; 2] = ["11010519491231002X", "440524188001010014"];

// 统一社会信用代码, values in "0123456789ABCDEFGHJKLMNPQRTUWXY", weights 3^(i-1) mod 31:
// 91350100M000100Y43: 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640;
//   1640 mod 31 = 28; 31 − 28 = 3 → "3"
// 91110000600037341L: 9+3+9+27+0+0+0+0+120+0+0+0+24+168+30+120+28 = 538;
//   538 mod 31 = 11; 31 − 11 = 20 → "L"
const VALID_USCC: [&str; 2] = ["91350100M000100Y43", "91110000600037341L"];

const USCC_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

#[test]
fn hand_computed_resident_ids_are_valid() {
    for id in VALID_IDS {
        let r = validate_resident_id(id, None).unwrap_or_else(|e| panic!("{id}: {e:?}"));
        assert_eq!(r.number, id);
    }
    assert_eq!(resident_id_check_char("11010519491231002"), Some('X'));
    assert_eq!(resident_id_check_char("44052418800101001"), Some('4'));
    // lower-case x and surrounding spaces are normalised
    assert!(validate_resident_id(" 11010519491231002x ", None).is_ok());
    let r = validate_resident_id("11010519491231002X", None).unwrap();
    assert_eq!(r.birth_date.to_string(), "1949-12-31");
}

#[test]
fn every_single_character_corruption_of_a_resident_id_is_rejected() {
    let alphabet: Vec<char> = "0123456789X".chars().collect();
    let mut tried = 0;
    for id in VALID_IDS {
        for pos in 0..18 {
            for &c in &alphabet {
                let mut chars: Vec<char> = id.chars().collect();
                if chars[pos] == c {
                    continue;
                }
                chars[pos] = c;
                let bad: String = chars.into_iter().collect();
                assert!(
                    validate_resident_id(&bad, None).is_err(),
                    "corruption accepted: {bad} (position {pos})"
                );
                tried += 1;
            }
        }
    }
    assert_eq!(tried, 2 * 18 * 10);
}

#[test]
fn resident_id_errors_say_why() {
    assert_eq!(
        validate_resident_id("1101051949123100", None),
        Err(IdentError::Length)
    );
    assert_eq!(
        validate_resident_id("11010519491231002Y", None),
        Err(IdentError::Character)
    );
    assert_eq!(
        validate_resident_id("1101051949123100X2", None),
        Err(IdentError::Character)
    );
    // 1949-02-30 does not exist
    assert_eq!(
        validate_resident_id("110105194902300028", None),
        Err(IdentError::BirthDate)
    );
    // a birth date after "today"
    let today = yaojian::date::parse_date("2026-11-22").unwrap();
    let future = format!(
        "11010520270101001{}",
        resident_id_check_char("11010520270101001").unwrap()
    );
    assert_eq!(
        validate_resident_id(&future, Some(today)),
        Err(IdentError::BirthDate)
    );
    assert_eq!(
        validate_resident_id("11010519491231002X", Some(today)).map(|_| ()),
        Ok(())
    );
    assert_eq!(
        validate_resident_id("110105194912310021", None),
        Err(IdentError::Checksum)
    );
}

#[test]
fn hand_computed_credit_codes_are_valid() {
    for code in VALID_USCC {
        assert_eq!(validate_uscc(code), Ok(code.to_string()));
    }
    assert_eq!(uscc_check_char("91350100M000100Y4"), Some('3'));
    assert_eq!(uscc_check_char("91110000600037341"), Some('L'));
    assert_eq!(
        validate_uscc("91350100m000100y43"),
        Ok("91350100M000100Y43".into())
    );
}

#[test]
fn every_single_character_corruption_of_a_credit_code_is_rejected() {
    let mut tried = 0;
    for code in VALID_USCC {
        for pos in 0..18 {
            for c in USCC_ALPHABET.chars() {
                let mut chars: Vec<char> = code.chars().collect();
                if chars[pos] == c {
                    continue;
                }
                chars[pos] = c;
                let bad: String = chars.into_iter().collect();
                assert_eq!(validate_uscc(&bad), Err(IdentError::Checksum), "{bad}");
                tried += 1;
            }
        }
    }
    assert_eq!(tried, 2 * 18 * 30);
}

#[test]
fn credit_code_errors_say_why() {
    assert_eq!(validate_uscc("91350100M000100Y4"), Err(IdentError::Length));
    // I, O, S, V, Z are not in the alphabet
    assert_eq!(
        validate_uscc("91350100I000100Y43"),
        Err(IdentError::Character)
    );
    assert_eq!(
        validate_uscc("91350100M000100Y4Z"),
        Err(IdentError::Character)
    );
    // a full-width digit is one character but not in the alphabet
    assert_eq!(
        validate_uscc("９1350100M000100Y43"),
        Err(IdentError::Character)
    );
}

#[test]
fn a_region_is_six_digits_and_covers_the_areas_inside_it() {
    for bad in ["", "35000", "3500000", "35000A", "３50000", "350 00"] {
        assert_eq!(Region::parse(bad), None, "{bad:?}");
    }
    let province = Region::parse("350000").unwrap();
    let city = Region::parse("350100").unwrap();
    let district = Region::parse("350102").unwrap();
    let beijing = Region::parse("110000").unwrap();
    let country = Region::parse("000000").unwrap();
    assert_eq!(
        [
            province.prefix(),
            city.prefix(),
            district.prefix(),
            country.prefix()
        ],
        ["35", "3501", "350102", ""]
    );
    for (outer, inner, covers) in [
        (&province, &city, true),
        (&province, &district, true),
        (&city, &district, true),
        (&district, &district, true),
        (&city, &province, false),
        (&district, &city, false),
        (&beijing, &district, false),
        (&country, &beijing, true),
        (&province, &country, false),
    ] {
        assert_eq!(outer.covers(inner), covers, "{outer} covers {inner}");
    }
    // The registration authority's code inside a 统一社会信用代码 (characters 3–8).
    assert_eq!(Region::of_uscc("91350100M000100Y43"), Some(city));
    assert_eq!(
        Region::of_uscc("91110000MA0123456P").map(|r| r.to_string()),
        Some("110000".into())
    );
    assert_eq!(Region::of_uscc("9135"), None);
    assert_eq!(Region::of_uscc("91ABCDEFM000100Y43"), None);
}
