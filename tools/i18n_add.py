#!/usr/bin/env python3
"""Adds or updates catalog keys in all three languages at once.

Usage: tools/i18n_add.py FILE.json [CATALOG], where FILE maps key -> [zh-CN, zh-TW, en]
and CATALOG names a catalog under data/i18n/ compiled in only with a feature (`xlsform`).
Keeps the catalogs sorted so diffs stay readable."""
import json, sys, pathlib

root = pathlib.Path(__file__).resolve().parent.parent / "data" / "i18n"
if len(sys.argv) > 2:
    root = root / sys.argv[2]
new = json.load(open(sys.argv[1], encoding="utf-8"))
for i, lang in enumerate(["zh-CN", "zh-TW", "en"]):
    p = root / f"{lang}.json"
    cat = json.loads(p.read_text(encoding="utf-8"))
    for k, v in new.items():
        cat[k] = v[i]
    p.write_text(json.dumps(dict(sorted(cat.items())), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"{len(new)} keys written")
