//! The command-line contract: JSON out, non-zero exit and a JSON error naming the field.
#![cfg(feature = "cli")]
use std::process::Command;

fn yaojian(args: &[&str]) -> (i32, serde_json::Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_yaojian"))
        .args(args)
        .output()
        .expect("run yaojian");
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let json = serde_json::from_str(&stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code().unwrap_or(-1), json, stdout)
}

#[test]
fn help_lists_the_subcommands() {
    let (code, _, out) = yaojian(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("money") && out.contains("id"), "{out}");
}

#[test]
fn money_prints_fen_and_both_formats() {
    let (code, v, _) = yaojian(&["money", "150万元"]);
    assert_eq!(code, 0);
    assert_eq!(v["fen"], 150_000_000);
    assert_eq!(v["display"], "¥1,500,000.00");
    assert_eq!(v["cn"], "150万元");
}

#[test]
fn a_bad_amount_exits_non_zero_naming_the_field() {
    let (code, v, _) = yaojian(&["--lang", "en", "money", "1.234"]);
    assert_eq!(code, 1);
    assert_eq!(v["errors"][0]["path"], "$.amount");
    assert_eq!(v["errors"][0]["code"], "money.too_many_decimals");
    assert!(v["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("two decimal"));
}

#[test]
fn identifiers() {
    assert_eq!(yaojian(&["id", "uscc", "91350100M000100Y43"]).0, 0);
    let (code, v, _) = yaojian(&["id", "resident-id", "110105194912310021"]);
    assert_eq!(code, 1);
    assert_eq!(v["errors"][0]["code"], "resident_id.checksum");
}
