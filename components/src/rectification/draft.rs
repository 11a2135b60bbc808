//! The checklist's kept draft in `localStorage`: where it lives, reading it (an
//! unreadable one is set aside, never overwritten), and what the board shows of it.

use crate::common::{read_kept, Kept};
use yaojian::checklist::ItemList;

pub(super) fn draft_key(key: &str) -> String {
    format!("yaojian:checklist:{key}")
}

/// What the board says about its kept draft.
#[derive(Clone, PartialEq, Default)]
pub(super) struct KeptDraft {
    /// The list on show is the kept draft (offer to discard it).
    pub restored: bool,
    /// The kept draft could not be read; it was set aside under this key.
    pub unreadable: Option<String>,
    /// Storage could not be read at all.
    pub failed: Option<String>,
}

/// The list kept under the host's `key`, if any, and what to say about it.
pub(super) fn read_draft(key: Option<&str>) -> (Option<ItemList>, KeptDraft) {
    let Some(key) = key else {
        return (None, KeptDraft::default());
    };
    match read_kept(&draft_key(key), |text| ItemList::from_json(text).ok()) {
        Kept::Found(list) => (
            Some(list),
            KeptDraft {
                restored: true,
                ..KeptDraft::default()
            },
        ),
        Kept::Nothing => (None, KeptDraft::default()),
        Kept::Unreadable { kept_as } => (
            None,
            KeptDraft {
                unreadable: Some(kept_as),
                ..KeptDraft::default()
            },
        ),
        Kept::Failed(e) => (
            None,
            KeptDraft {
                failed: Some(e),
                ..KeptDraft::default()
            },
        ),
    }
}
