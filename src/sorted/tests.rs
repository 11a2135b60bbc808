use super::*;
use std::collections::{BTreeMap, BTreeSet};

/// A small deterministic generator (no rand in the engine's tests).
fn numbers(seed: u64, n: usize, below: u64) -> Vec<u64> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % below
        })
        .collect()
}

#[test]
fn sort_by_key_is_stable_and_matches_std() {
    for (seed, n) in [(1, 0), (2, 1), (3, 2), (4, 17), (5, 300), (6, 1000)] {
        let keys = numbers(seed, n, 20);
        let mut ours: Vec<(u64, usize)> = keys.iter().copied().zip(0..).collect();
        let mut std_sorted = ours.clone();
        sort_by_key(&mut ours, |e| e.0);
        std_sorted.sort_by_key(|e| e.0);
        assert_eq!(ours, std_sorted, "seed {seed}, {n} items");
    }
}

#[test]
fn sort_leaves_a_sorted_slice_and_reverses_a_reversed_one() {
    let mut v: Vec<u32> = (0..50).collect();
    sort(&mut v);
    assert_eq!(v, (0..50).collect::<Vec<_>>());
    let mut r: Vec<u32> = (0..50).rev().collect();
    sort(&mut r);
    assert_eq!(r, (0..50).collect::<Vec<_>>());
}

#[test]
fn a_map_does_what_a_btree_map_does() {
    let ops = numbers(7, 2000, 64);
    let mut ours = SortedMap::new();
    let mut theirs = BTreeMap::new();
    for (i, k) in ops.iter().enumerate() {
        match i % 4 {
            0 | 1 => assert_eq!(ours.insert(*k, i), theirs.insert(*k, i)),
            2 => assert_eq!(ours.remove(k), theirs.remove(k)),
            _ => *ours.entry(*k).or_insert(0) += 1,
        }
        if i % 4 == 3 {
            *theirs.entry(*k).or_insert(0) += 1;
        }
        assert_eq!(ours.get(k), theirs.get(k));
    }
    assert_eq!(ours.len(), theirs.len());
    let ours_pairs: Vec<_> = ours.iter().collect();
    let their_pairs: Vec<_> = theirs.iter().collect();
    assert_eq!(ours_pairs, their_pairs);
}

#[test]
fn collecting_keeps_the_last_of_equal_keys_in_key_order() {
    let m: SortedMap<&str, u32> = [("b", 1), ("a", 2), ("b", 3), ("c", 4), ("a", 5)]
        .into_iter()
        .collect();
    assert_eq!(
        m.iter().collect::<Vec<_>>(),
        [(&"a", &5), (&"b", &3), (&"c", &4)]
    );
    let theirs: BTreeMap<&str, u32> = [("b", 1), ("a", 2), ("b", 3), ("c", 4), ("a", 5)]
        .into_iter()
        .collect();
    assert_eq!(
        m.into_iter().collect::<Vec<_>>(),
        theirs.into_iter().collect::<Vec<_>>()
    );
}

#[test]
fn keys_are_found_by_a_borrowed_form() {
    let mut m: SortedMap<String, u32> = SortedMap::from([("x".to_string(), 1)]);
    assert_eq!(m.get("x"), Some(&1));
    assert!(m.contains_key("x") && !m.contains_key("y"));
    *m.get_mut("x").expect("there") = 2;
    assert_eq!(m["x"], 2);
    m.entry("y".to_string())
        .and_modify(|v| *v += 10)
        .or_insert(7);
    m.entry("x".to_string())
        .and_modify(|v| *v += 10)
        .or_insert(7);
    assert_eq!(
        m.iter().collect::<Vec<_>>(),
        [(&"x".to_string(), &12), (&"y".to_string(), &7)]
    );
}

#[test]
fn a_set_does_what_a_btree_set_does() {
    let ops = numbers(11, 1500, 40);
    let mut ours = SortedSet::new();
    let mut theirs = BTreeSet::new();
    for (i, v) in ops.iter().enumerate() {
        if i % 3 == 2 {
            assert_eq!(ours.remove(v), theirs.remove(v));
        } else {
            assert_eq!(ours.insert(*v), theirs.insert(*v));
        }
        assert_eq!(ours.contains(v), theirs.contains(v));
    }
    assert!(ours.iter().eq(theirs.iter()));
    while let Some(first) = ours.pop_first() {
        assert_eq!(Some(first), theirs.pop_first());
    }
    assert!(theirs.is_empty());
}

#[test]
fn json_is_what_btree_collections_write_and_read() {
    let m: SortedMap<String, u32> = [("b".to_string(), 2), ("a".to_string(), 1)].into();
    let b: BTreeMap<String, u32> = [("b".to_string(), 2), ("a".to_string(), 1)].into();
    let text = serde_json::to_string(&m).expect("writes");
    assert_eq!(text, serde_json::to_string(&b).expect("writes"));
    let back: SortedMap<String, u32> =
        serde_json::from_str(r#"{"b":2,"a":1}"#).expect("reads a map in any order");
    assert_eq!(back, m);
    let s: SortedSet<u32> = serde_json::from_str("[3,1,2,1]").expect("reads a list");
    assert_eq!(serde_json::to_string(&s).expect("writes"), "[1,2,3]");
}

#[test]
fn range_from_starts_at_the_key_or_the_next() {
    let m: SortedMap<String, u32> = [("a", 1), ("b", 2), ("b.x", 3), ("c", 4)]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    let from_b: Vec<u32> = m.range_from("b").map(|(_, v)| *v).collect();
    assert_eq!(from_b, [2, 3, 4]);
    let below_b: Vec<u32> = m.range_from("b.").map(|(_, v)| *v).collect();
    assert_eq!(below_b, [3, 4]);
    // '.' sorts before 'a': "b.x" < "ba".
    let from_ba: Vec<u32> = m.range_from("ba").map(|(_, v)| *v).collect();
    assert_eq!(from_ba, [4]);
    assert_eq!(m.range_from("d").count(), 0);
}
