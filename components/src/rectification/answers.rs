//! What the board makes of the server's events (`shared::ServerEvent`): a page that
//! came, a change accepted, a conflict told in the engine's words (`what_changed`), a
//! refusal or an expired sign-in told at the form, keeping what was typed.

use super::board::{Board, Open, Outcome};
use super::outbox::Queued;
use super::remote::{Answer, LoadFailed, Stored};
use super::shared::{ServerEvent, Shared};
use crate::common::server::said;
use crate::common::{t, tf};
use yaojian::checklist as cl;
use yaojian::date::Date;
use yaojian::{FieldError, Lang};

/// How an answer is told: in what language, on what day, and whether to the edit form
/// (each error at its field) or to the action form (one message).
#[derive(Clone, Copy)]
struct Told {
    lang: Lang,
    today: Date,
    edit: bool,
}

/// The words of a refusal: the server's messages.
fn refusal(errs: &[FieldError], lang: Lang) -> FieldError {
    said(crate::common::server::refusal_text(errs, lang))
}

impl Board {
    /// The board with the server's event applied (a board not on the server ignores it).
    pub(super) fn apply_server_event(&mut self, e: ServerEvent, prefix: &str) {
        let Some(mut s) = self.shared.take() else {
            return;
        };
        match e {
            ServerEvent::Loading => s.loading = true,
            ServerEvent::Loaded(page) => {
                s.loading = false;
                s.load_failed = None;
                s.signed_out = false;
                s.next = page.next;
                s.revisions = (page.items.iter())
                    .map(|x| (x.item.id.clone(), x.revision))
                    .collect();
                s.orgs = (page.items.iter())
                    .map(|x| (x.item.id.clone(), x.org.clone()))
                    .collect();
                self.list.borrow_mut().items = page.items.into_iter().map(|x| x.item).collect();
                self.reloaded();
                // The server answers: what waits on the device goes now.
                if !s.outbox.is_empty() {
                    s.tries += 1;
                }
            }
            ServerEvent::Counted(c) => {
                s.counts = c.counts;
                s.units.extend(c.units);
            }
            ServerEvent::LoadFailed(f) => {
                s.loading = false;
                s.signed_out = f == LoadFailed::SignedOut;
                s.load_failed = Some(f);
            }
            ServerEvent::Saving(id) => {
                s.saving.insert(id);
            }
            ServerEvent::Answered { person, .. } | ServerEvent::Fetched(person, _)
                if person != s.person => {}
            ServerEvent::Answered {
                id,
                answer,
                edit,
                lang,
                today,
                queued,
                retried,
                ..
            } => {
                s.saving.remove(&id);
                // Without an answer the change waits on the device; any answer settles it.
                match (&*answer, &queued) {
                    (Answer::Unreachable, Some(q)) => drop(s.outbox.insert(id.clone(), (**q).clone())),
                    _ => drop(s.outbox.remove(&id)),
                }
                match queued {
                    Some(q) if retried && !self.form_is_for(&id) => self.retried(&mut s, *q, *answer, lang),
                    _ => self.answered(&mut s, &id, *answer, Told { lang, today, edit }, prefix),
                }
            }
            // Sent once the page has come: the server answers again, and a conflict can
            // say what changed on the row.
            ServerEvent::Kept(kept) => {
                for q in kept {
                    s.outbox.insert(q.id.clone(), q);
                }
            }
            ServerEvent::Retry => s.tries += 1,
            ServerEvent::DismissRetryNote(n) if n < s.retry_notes.len() => {
                s.retry_notes.remove(n);
            }
            ServerEvent::DismissRetryNote(_) => {}
            // Read for its details: shown only while its row is.
            ServerEvent::Fetched(_, now) => self.put_if_shown(&mut s, *now),
            // One notice at a time: another is asked for once this one is closed, so a
            // second click never spends a second number.
            ServerEvent::Notice(Some(_)) if s.notice.is_some() => {}
            ServerEvent::Notice(of) => s.notice = of.map(std::rc::Rc::new),
            ServerEvent::Forget => {
                s = Shared {
                    loads: s.loads,
                    person: s.person + 1,
                    ..Shared::new()
                };
                self.list.borrow_mut().items.clear();
                self.expanded.clear();
                self.open = None;
                self.error = None;
                self.reloaded();
            }
            ServerEvent::Turn(forward) => {
                if forward {
                    if let Some(n) = s.next.clone() {
                        s.cursors.push(Some(n));
                    }
                } else if s.cursors.len() > 1 {
                    s.cursors.pop();
                }
                s.loads += 1;
            }
            ServerEvent::Reload => s.loads += 1,
        }
        self.shared = Some(s);
    }

    /// The server's answer to a change of item `id`.
    fn answered(&mut self, s: &mut Shared, id: &str, answer: Answer, told: Told, prefix: &str) {
        let lang = told.lang;
        let refused = |b: &mut Board, errs: Vec<FieldError>| {
            if told.edit {
                b.changed(Outcome::Invalid(errs), told.today, prefix);
            } else {
                let one = refusal(&errs, lang);
                b.changed(Outcome::Refused(one), told.today, prefix);
            }
        };
        match answer {
            Answer::Done(now) => {
                let id = now.item.id.clone();
                let status = super::label(lang, "checklist.status.", &now.item.status);
                // A new item is shown at once; the page asked for again puts it in place.
                let text = if self.put_item(s, now) {
                    tf(lang, "cl.added", &[("id", &id)])
                } else {
                    tf(lang, "cl.done", &[("id", &id), ("status", &status)])
                };
                // The counts move with the change: ask for the page again.
                s.loads += 1;
                let done = Outcome::Changed(Some(id), text, false);
                self.changed(done, told.today, prefix);
            }
            Answer::Conflict(now, _) => {
                let changes = self.changes_to(&now, lang);
                let text = tf(lang, "cl.conflict", &[("changes", &changes)]);
                self.put_item(s, now);
                self.reloaded();
                refused(self, vec![said(text)]);
            }
            Answer::SignedOut => {
                s.signed_out = true;
                refused(self, vec![said(t(lang, "cl.signed_out"))]);
            }
            Answer::Refused(errs) => refused(self, errs),
            Answer::Unreachable if s.outbox.contains_key(id) => {
                refused(self, vec![said(t(lang, "cl.kept_for_retry"))])
            }
            Answer::Unreachable => refused(self, vec![said(t(lang, "cl.unreachable"))]),
        }
    }

    /// The server's answer to a change sent again while no form of its item is open: a
    /// change applied is announced; a conflict or a refusal is noted with what was
    /// typed, so that nothing of it is lost.
    fn retried(&mut self, s: &mut Shared, q: Queued, answer: Answer, lang: Lang) {
        let what = t(lang, &format!("cl.action.{}", q.what));
        let note = |key: &str, reason: &str| {
            let typed = q.typed();
            let words = [("id", q.id.as_str()), ("what", &what), ("reason", reason), ("typed", &typed)];
            tf(lang, key, &words)
        };
        match answer {
            Answer::Done(now) => {
                self.put_if_shown(s, now);
                s.loads += 1;
                self.announce = tf(lang, "cl.retry_done", &[("id", &q.id), ("what", &what)]);
            }
            Answer::Conflict(now, errs) => {
                let mut changes = self.changes_to(&now, lang);
                if changes.is_empty() {
                    changes = crate::common::server::refusal_text(&errs, lang);
                }
                self.put_if_shown(s, now);
                s.retry_notes.push(note("cl.retry_conflict", &changes));
            }
            Answer::Refused(errs) => {
                let reason = crate::common::server::refusal_text(&errs, lang);
                s.retry_notes.push(note("cl.retry_refused", &reason));
            }
            Answer::SignedOut => s.signed_out = true,
            Answer::Unreachable => {}
        }
    }

    /// The item as the server holds it now, in place of its row when one shows it (a
    /// change sent again may be of an item on another page).
    fn put_if_shown(&mut self, s: &mut Shared, now: Stored) {
        if self.has_row(&now.item.id) {
            self.put_item(s, now);
            self.reloaded();
        }
    }

    /// What another person changed, from the row on show to the item as it is `now`.
    fn changes_to(&self, now: &Stored, lang: Lang) -> String {
        let list = self.list.borrow();
        let before = list.items.iter().find(|i| i.id == now.item.id);
        before.map(|b| cl::what_changed(b, &now.item, lang).join("、")).unwrap_or_default()
    }

    /// Whether the form open is one of item `id` (its action or its edit).
    fn form_is_for(&self, id: &str) -> bool {
        matches!(&self.open, Some(Open::Action { id: x, .. }) | Some(Open::Edit(x)) if x == id)
    }

    fn has_row(&self, id: &str) -> bool {
        self.list.borrow().items.iter().any(|i| i.id == id)
    }

    /// The item as the server holds it now, in place of the row's (first, when no row
    /// has it: a new item); whether it is new.
    fn put_item(&mut self, s: &mut Shared, now: Stored) -> bool {
        s.revisions.insert(now.item.id.clone(), now.revision);
        s.orgs.insert(now.item.id.clone(), now.org);
        if !now.notices.is_empty() {
            s.notices.insert(now.item.id.clone(), now.notices);
        }
        let mut list = self.list.borrow_mut();
        match list.items.iter_mut().find(|i| i.id == now.item.id) {
            Some(i) => {
                *i = now.item;
                false
            }
            None => {
                list.items.insert(0, now.item);
                true
            }
        }
    }
}
