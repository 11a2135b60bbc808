//! Servers as processes: `yaojian-server serve` children on free loopback ports, with
//! the tests' key, killed when dropped.

use super::http::http;
use super::{unique, SECRET};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A `yaojian-server serve` child on a free loopback port.
pub struct Process {
    pub child: Child,
    pub addr: String,
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts a server; its request log goes to a file, shown when it does not start.
pub fn start(database: &str, key: &std::path::Path, port: u16) -> Process {
    start_with(database, key, port, &[])
}

/// Starts a server with more arguments of `serve` (`--dist`, `--site`).
pub fn start_with(database: &str, key: &std::path::Path, port: u16, more: &[&str]) -> Process {
    let addr = format!("127.0.0.1:{port}");
    let log = std::env::temp_dir().join(unique("yaojian-server-log"));
    let child = Command::new(env!("CARGO_BIN_EXE_yaojian-server"))
        .args(["serve", "--listen", &addr, "--database", database, "--key"])
        .arg(key)
        .args(more)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let p = Process { child, addr };
    let deadline = Instant::now() + Duration::from_secs(30);
    while http(&p.addr, "GET", "/api/v1/healthz", None, &[]).map(|r| r.0) != Some(200) {
        let said = || std::fs::read_to_string(&log).unwrap_or_default();
        assert!(
            Instant::now() < deadline,
            "the server did not start:\n{}",
            said()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    p
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn key_file() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(unique("yaojian-key"));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("key");
    std::fs::write(&path, SECRET).unwrap();
    path
}

/// Runs `f` with the URL of a new PostgreSQL database, off the async runtime, when the
/// tests have a cluster (under CI they always do).
pub async fn on_new_postgres(f: impl FnOnce(String) + Send + 'static) {
    let Some(admin) = super::postgres_admin_url() else {
        return;
    };
    let url = super::new_postgres_database(&admin).await;
    tokio::task::spawn_blocking(move || f(url)).await.unwrap();
}
