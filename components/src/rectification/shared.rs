//! The board's part when the list is on the server (`endpoint`): the page on show and
//! the cursors before it, each item's revision, the rows being saved, and the events
//! that change them (`answers.rs` applies them). The server decides every change with
//! the engine; the board shows its answer.

use super::remote::{Answer, Counted, LoadFailed, Page, Stored};
use super::issued::NoticeOf;
use super::outbox::Queued;
use std::rc::Rc;
use yaojian::sorted::{SortedMap, SortedSet};
use yaojian::checklist::{self as cl, Party};
use yaojian::date::Date;
use yaojian::Lang;

/// What the board knows of the list on the server beyond the rows of the page.
#[derive(Clone, Default, PartialEq, Debug)]
pub struct Shared {
    /// The revision of each item on the page, which a change names in `If-Match`.
    pub revisions: SortedMap<String, i64>,
    /// The enterprise (统一社会信用代码) of each item on the page.
    pub orgs: SortedMap<String, String>,
    /// The notices issued for an item, as its history (read with its details) says.
    pub notices: SortedMap<String, Vec<String>>,
    /// The notice on show, issued by the server or read back from it.
    pub notice: Option<Rc<NoticeOf>>,
    /// Changes the server has not answered, by item: sent again while they wait.
    pub outbox: SortedMap<String, Queued>,
    /// Moves at each try of the changes waiting.
    pub tries: u32,
    /// What became of changes sent again after the network lost them, when no form of
    /// theirs is open to say it: refused or met with a conflict, with what was typed.
    pub retry_notes: Vec<String>,
    /// Items whose change is on its way: their buttons send nothing more.
    pub saving: SortedSet<String>,
    /// The cursors of the pages up to the one on show (`None`: the first page).
    pub cursors: Vec<Option<String>>,
    /// The cursor of the page after this one, when there is one.
    pub next: Option<String>,
    /// The counts of every item the filters let through, as the server's report gives.
    pub counts: cl::Counts,
    /// Every responsible unit the server's reports have named since the sign-in: what
    /// the unit filter offers (a filtered report names fewer, so they are kept).
    pub units: SortedSet<String>,
    pub loading: bool,
    pub load_failed: Option<LoadFailed>,
    /// The sign-in has expired: said until a new token comes.
    pub signed_out: bool,
    /// Moves whenever the page must be asked for again.
    pub loads: u32,
    /// Moves whenever another person (or nobody) is signed in: an answer to a request
    /// made for the person before is not shown.
    pub person: u32,
}

impl Shared {
    pub fn new() -> Shared {
        Shared {
            cursors: vec![None],
            ..Shared::default()
        }
    }

    /// The cursor of the page on show.
    pub fn cursor(&self) -> Option<String> {
        self.cursors.last().cloned().flatten()
    }

    /// Ask again from the first page (new filters, a new sign-in).
    pub fn restart(&mut self) {
        self.cursors = vec![None];
        self.loads += 1;
    }
}

/// What happens to the list on the server.
pub enum ServerEvent {
    Loading,
    Loaded(Page),
    /// The counts of the filters on show came.
    Counted(Counted),
    LoadFailed(LoadFailed),
    /// A change to this item was sent.
    Saving(String),
    /// The server's answer to the change (an edit, or an action) of an item, told in
    /// this language, on this day; asked for the person of that count.
    Answered {
        person: u32,
        id: String,
        answer: Box<Answer>,
        edit: bool,
        lang: Lang,
        today: Date,
        /// The change, as kept for a retry (none for a new item).
        queued: Option<Box<Queued>>,
        /// Sent again after the network lost it.
        retried: bool,
    },
    /// The changes this person left waiting on the device: to send again.
    Kept(Vec<Queued>),
    /// Try the changes waiting again now.
    Retry,
    /// The user has read the retry note `n`.
    DismissRetryNote(usize),
    /// An item read again, with its whole history (its details were opened), for the
    /// person of that count.
    Fetched(u32, Box<Stored>),
    /// Another person, or nobody, is signed in: the rows, counts and revisions go.
    Forget,
    /// The next page (`true`) or the one before.
    Turn(bool),
    /// Ask for the page again.
    Reload,
    /// Show a notice from the server (issue it, or read one issued before), or none.
    Notice(Option<NoticeOf>),
}

/// Which parties' actions a role may take: an enterprise rectifies, an inspector
/// re-inspects and closes out, an admin does both. `None` (no token to read, as with a
/// cookie): every action is offered and the server decides.
pub fn parties_of_role(role: Option<&str>) -> Option<Vec<Party>> {
    Some(match role? {
        "enterprise" => vec![Party::Rectifying],
        "inspector" => vec![Party::Bureau],
        "admin" => vec![Party::Rectifying, Party::Bureau],
        _ => vec![],
    })
}
