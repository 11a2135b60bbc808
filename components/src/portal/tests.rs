//! Browser tests of the portal shell (wasm-bindgen-test in headless Chromium).
use super::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn mount() -> web_sys::Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<Portal>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

#[wasm_bindgen_test]
async fn renders_the_bureau_header_and_json_panel_in_zh_cn() {
    let root = mount().await;
    let text = root.text_content().unwrap();
    assert!(text.contains("药品监督管理局"), "{text}");
    assert!(text.contains("组件输出（JSON）"));
    assert!(root
        .query_selector("nav[aria-label='服务导航']")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
async fn every_registered_widget_has_a_navigation_entry_and_no_placeholders() {
    let root = mount().await;
    let links = root.query_selector_all(".yj-portal__navlink").unwrap();
    // Home plus one per widget that exists.
    let pages = pages();
    // Every widget has a demo page; the self-inspection form has one per built-in template.
    assert!(
        pages.len() > crate::widgets::WIDGETS.len(),
        "{}",
        pages.len()
    );
    for spec in crate::widgets::specs() {
        assert!(
            pages.iter().any(|p| p.kind == spec.kind),
            "no demo page for {}",
            spec.kind
        );
    }
    assert_eq!(links.length() as usize, 1 + pages.len());
    for w in &pages {
        let sel = format!("a[href='#{}']", w.slug);
        assert!(
            root.query_selector(&sel).unwrap().is_some(),
            "no nav link for {}",
            w.slug
        );
    }
}
