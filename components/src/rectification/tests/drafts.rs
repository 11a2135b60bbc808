//! Browser tests of the list kept as a draft in `localStorage`.
use super::*;

#[wasm_bindgen_test]
async fn the_list_is_kept_as_a_draft_under_the_storage_key() {
    let storage = crate::common::local_storage().unwrap();
    storage.remove_item("yaojian:checklist:cl-test").unwrap();
    let mount_keyed = || {
        let on_emit = Callback::from(|v: Value| EMITTED.with(|e| e.borrow_mut().push(v)));
        testing::mount::<Rectification>(RectificationProps {
            lang: Lang::ZhCn,
            on_emit,
            today: Some(day()),
            storage_key: Some("cl-test".into()),
            ..RectificationProps::default()
        })
    };
    let root = mount_keyed().await;
    settled().await;
    assert!(
        storage
            .get_item("yaojian:checklist:cl-test")
            .unwrap()
            .is_none(),
        "the list as loaded is not a draft"
    );
    press(&root, "开始整改 ZG-2026-002").await;
    press(&root, "确认").await;
    settled().await;
    let saved = EMITTED
        .with(|e| {
            e.borrow()
                .iter()
                .rev()
                .find(|v| v["type"] == "checklist.draft_saved")
                .cloned()
        })
        .expect("a draft_saved event");
    assert_eq!(saved["storage_key"], "yaojian:checklist:cl-test");
    root.remove();

    // Back again: the draft, said so, with the change in it.
    let root = mount_keyed().await;
    assert!(text(&root, ".yj-cl__draft").contains("已恢复"));
    assert_eq!(text(&root, "[data-testid=cl-status-ZG-2026-002]"), "整改中");
    assert!(root.query_selector(".yj-sample-notice").unwrap().is_none());
    press(&root, "放弃草稿").await;
    assert_eq!(text(&root, "[data-testid=cl-status-ZG-2026-002]"), "待整改");
    settled().await;
    assert!(storage
        .get_item("yaojian:checklist:cl-test")
        .unwrap()
        .is_none());
    root.remove();
}

/// Issue 14.3: a storage key that arrives after the board has read its first state
/// (an attribute set by the page) must show the list kept under it, not the sample,
/// and the next change must not overwrite the kept list.
#[wasm_bindgen_test]
async fn a_storage_key_set_after_mount_restores_the_kept_list() {
    let storage = crate::common::local_storage().unwrap();
    let mut kept = list_of(serde_json::from_str(SAMPLE).unwrap());
    kept.items.truncate(2);
    kept.items[0].problem = "保存过的问题".into();
    let k = "yaojian:checklist:late-key";
    storage
        .set_item(k, &serde_json::to_string(&kept).unwrap())
        .unwrap();
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let props = RectificationProps {
        lang: Lang::ZhCn,
        today: Some(day()),
        ..RectificationProps::default()
    };
    let mut app =
        yew::Renderer::<Rectification>::with_root_and_props(root.clone(), props.clone()).render();
    yew::scheduler::flush().await;
    assert!(root.query_selector(".yj-sample-notice").unwrap().is_some());
    app.update(RectificationProps {
        storage_key: Some("late-key".into()),
        ..props
    });
    yew::scheduler::flush().await;
    settled().await;
    assert_eq!(rows(&root), 2, "the kept list, not the sample");
    assert!(root.text_content().unwrap().contains("保存过的问题"));
    assert!(text(&root, ".yj-cl__draft").contains("已恢复"));
    let id = kept.items[1].id.clone();
    press(&root, &format!("开始整改 {id}")).await;
    press(&root, "确认").await;
    settled().await;
    let now = ItemList::from_json(&storage.get_item(k).unwrap().unwrap()).unwrap();
    assert_eq!(now.items.len(), 2, "the kept list, changed, not the sample");
    assert_eq!(now.items[0].problem, "保存过的问题");
    assert_eq!(now.items[1].status, Status::InProgress);
    app.destroy();
    storage.remove_item(k).unwrap();
    root.remove();
}

/// Issue 14.8: a kept list that cannot be read is set aside and said so, not dropped.
#[wasm_bindgen_test]
async fn an_unreadable_kept_list_is_set_aside_and_reported() {
    let storage = crate::common::local_storage().unwrap();
    let k = "yaojian:checklist:broken";
    storage
        .set_item(k, "{\"schema\": \"yaojian/checklist/1\", \"items\": [")
        .unwrap();
    EMITTED.with(|e| e.borrow_mut().clear());
    let on_emit = Callback::from(|v: Value| EMITTED.with(|e| e.borrow_mut().push(v)));
    let root = testing::mount::<Rectification>(RectificationProps {
        lang: Lang::ZhCn,
        on_emit,
        today: Some(day()),
        storage_key: Some("broken".into()),
        ..RectificationProps::default()
    })
    .await;
    settled().await;
    let aside = format!("{k}:unreadable");
    assert!(
        storage
            .get_item(&aside)
            .unwrap()
            .unwrap()
            .ends_with("\"items\": ["),
        "kept as it was"
    );
    assert!(
        root.text_content().unwrap().contains(&aside),
        "said in words"
    );
    let told = EMITTED.with(|e| {
        e.borrow()
            .iter()
            .any(|v| v["type"] == "draft.unreadable" && v["kept_as"] == aside.as_str())
    });
    assert!(told, "the host hears of it");
    // The next change is saved under the key; the unreadable copy stays.
    press(&root, "开始整改 ZG-2026-002").await;
    press(&root, "确认").await;
    settled().await;
    assert!(ItemList::from_json(&storage.get_item(k).unwrap().unwrap()).is_ok());
    assert!(storage.get_item(&aside).unwrap().is_some());
    storage.remove_item(k).unwrap();
    storage.remove_item(&aside).unwrap();
    root.remove();
}
