//! One accessible field layout for every widget, as GOV.UK's form-group macros and
//! patternfly-yew's `FormGroup` do it: a label (a legend for a group of controls), a
//! hint, the error message with its hidden "错误：" prefix, and the ids that tie them to
//! the control (`aria-describedby`, `aria-invalid`). The control itself is the caller's:
//! it takes `id`, [`Field::described_by`] and [`Field::aria_invalid`] from here.

use super::t;
use yaojian::Lang;
use yew::prelude::*;

/// One field: its control's id, label, hint and error.
#[derive(Clone, PartialEq)]
pub struct Field {
    /// The control's id. The hint is `{id}-hint` and the error `{id}-error`.
    pub id: String,
    pub label: Html,
    pub hint: Option<String>,
    /// The error message shown, if any.
    pub error: Option<String>,
    /// Classes on the wrapper besides `yj-field`.
    pub class: Classes,
}

impl Field {
    pub fn new(id: impl Into<String>, label: impl Into<Html>) -> Field {
        Field {
            id: id.into(),
            label: label.into(),
            hint: None,
            error: None,
            class: Classes::new(),
        }
    }

    pub fn hint(mut self, hint: Option<String>) -> Field {
        self.hint = hint;
        self
    }

    pub fn error(mut self, error: Option<String>) -> Field {
        self.error = error;
        self
    }

    pub fn class(mut self, class: impl Into<Classes>) -> Field {
        self.class = class.into();
        self
    }

    pub fn hint_id(&self) -> Option<String> {
        self.hint.as_ref().map(|_| format!("{}-hint", self.id))
    }

    pub fn error_id(&self) -> Option<String> {
        self.error.as_ref().map(|_| format!("{}-error", self.id))
    }

    pub fn invalid(&self) -> bool {
        self.error.is_some()
    }

    /// `aria-invalid` of the control.
    pub fn aria_invalid(&self) -> AttrValue {
        AttrValue::Static(if self.invalid() { "true" } else { "false" })
    }

    /// `aria-describedby` of the control: the hint, then the error.
    pub fn described_by(&self) -> Option<AttrValue> {
        described_by(&[self.hint_id(), self.error_id()])
    }

    /// `yj-input` with its error state, for a text input, select or textarea.
    pub fn input_class(&self) -> Classes {
        classes!("yj-input", self.invalid().then_some("yj-input--error"))
    }

    fn wrapper_class(&self) -> Classes {
        classes!(
            "yj-field",
            self.class.clone(),
            self.invalid().then_some("yj-field--error")
        )
    }

    fn hint_and_error(&self, lang: Lang) -> Html {
        html! {
            <>
                if let (Some(h), Some(id)) = (&self.hint, self.hint_id()) {
                    <span class="yj-hint" {id}>{ h.clone() }</span>
                }
                if let (Some(m), Some(id)) = (&self.error, self.error_id()) {
                    { error_message(&id, m, lang) }
                }
            </>
        }
    }

    /// Label, hint, error and then `control`, in a `div.yj-field`.
    pub fn view(&self, lang: Lang, control: Html) -> Html {
        html! {
            <div class={self.wrapper_class()}>
                <label class="yj-label" for={self.id.clone()}>{ self.label.clone() }</label>
                { self.hint_and_error(lang) }
                { control }
            </div>
        }
    }

    /// A group of controls (radios, checkboxes, rows): a `fieldset` whose legend is the
    /// label and which the hint and the error describe.
    pub fn group(&self, lang: Lang, controls: Html) -> Html {
        html! {
            <fieldset class={self.wrapper_class()} aria-describedby={self.described_by()}
                      aria-invalid={self.invalid().then_some("true")}>
                <legend class="yj-label">{ self.label.clone() }</legend>
                { self.hint_and_error(lang) }
                { controls }
            </fieldset>
        }
    }
}

/// An error message with its id and the hidden prefix screen readers announce.
pub fn error_message(id: &str, message: &str, lang: Lang) -> Html {
    html! {
        <span class="yj-error-message" id={id.to_string()}>
            <span class="yj-visually-hidden">{ t(lang, "common.error_prefix") }</span>{ message.to_string() }
        </span>
    }
}

/// `aria-describedby` from the ids there are, in order; none when there are none.
pub fn described_by(ids: &[Option<String>]) -> Option<AttrValue> {
    let ids: Vec<&str> = ids.iter().flatten().map(String::as_str).collect();
    (!ids.is_empty()).then(|| AttrValue::from(ids.join(" ")))
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use crate::common::testing::{self, text};
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[derive(Properties, PartialEq)]
    struct Props {
        hint: bool,
        error: bool,
        group: bool,
    }

    #[function_component(Shown)]
    fn shown(p: &Props) -> Html {
        let f = Field::new("fld-name", "姓名")
            .hint(p.hint.then(|| "与身份证一致".to_string()))
            .error(p.error.then(|| "请填写姓名".to_string()));
        let control = html! {
            <input id={f.id.clone()} aria-invalid={f.aria_invalid()} aria-describedby={f.described_by()} />
        };
        if p.group {
            f.group(Lang::ZhCn, control)
        } else {
            f.view(Lang::ZhCn, control)
        }
    }

    fn attr(root: &web_sys::Element, sel: &str, name: &str) -> Option<String> {
        root.query_selector(sel)
            .unwrap()
            .unwrap()
            .get_attribute(name)
    }

    #[wasm_bindgen_test]
    async fn a_field_ties_its_label_hint_and_error_to_the_control() {
        let root = testing::mount::<Shown>(Props {
            hint: true,
            error: true,
            group: false,
        })
        .await;
        assert_eq!(text(&root, "label[for=fld-name]"), "姓名");
        assert_eq!(text(&root, "#fld-name-hint"), "与身份证一致");
        assert_eq!(text(&root, "#fld-name-error"), "错误：请填写姓名");
        assert_eq!(
            attr(&root, "#fld-name", "aria-describedby").as_deref(),
            Some("fld-name-hint fld-name-error")
        );
        assert_eq!(
            attr(&root, "#fld-name", "aria-invalid").as_deref(),
            Some("true")
        );
        assert!(root
            .query_selector(".yj-field.yj-field--error")
            .unwrap()
            .is_some());
        root.remove();
    }

    #[wasm_bindgen_test]
    async fn a_field_without_hint_or_error_describes_nothing() {
        let root = testing::mount::<Shown>(Props {
            hint: false,
            error: false,
            group: false,
        })
        .await;
        assert_eq!(attr(&root, "#fld-name", "aria-describedby"), None);
        assert_eq!(
            attr(&root, "#fld-name", "aria-invalid").as_deref(),
            Some("false")
        );
        assert!(root
            .query_selector(".yj-hint, .yj-error-message, .yj-field--error")
            .unwrap()
            .is_none());
        root.remove();
    }

    #[wasm_bindgen_test]
    async fn a_group_is_a_fieldset_its_hint_and_error_describe() {
        let root = testing::mount::<Shown>(Props {
            hint: true,
            error: true,
            group: true,
        })
        .await;
        assert_eq!(text(&root, "fieldset > legend"), "姓名");
        assert_eq!(
            attr(&root, "fieldset", "aria-describedby").as_deref(),
            Some("fld-name-hint fld-name-error")
        );
        assert_eq!(
            attr(&root, "fieldset", "aria-invalid").as_deref(),
            Some("true")
        );
        assert!(root.query_selector("label").unwrap().is_none());
        root.remove();
    }
}
