//! A CSV answer written in parts: what a producer task sends on a channel, streamed to
//! the client as it comes, so memory stays flat however long the export is.

use axum::body::Body;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use tokio::sync::mpsc::Receiver;

/// The parts of a CSV; a part that failed ends the body with an error.
pub type Parts = Receiver<Result<String, std::io::Error>>;

/// A `text/csv` answer, downloaded as `file_name`, of the parts `rx` brings.
pub fn csv_response(file_name: &str, rx: Parts) -> Response {
    // poll_fn over the channel keeps answering None once it is done, however often the
    // body (the compression layer, for one) polls after the end.
    let mut rx = rx;
    let stream = futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx));
    let disposition = format!("attachment; filename=\"{file_name}\"");
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        Body::from_stream(stream),
    )
        .into_response()
}
