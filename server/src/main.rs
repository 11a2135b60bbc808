//! `yaojian-server serve | token | migrate`: see docs/server.md.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;
use yaojian_server::listen::Limits;
use yaojian_server::token::{now_secs, Claims, Key, Role};
use yaojian_server::{store::Db, AppState, Options};

#[derive(Parser)]
#[command(
    name = "yaojian-server",
    version,
    about = "Receives, re-validates and stores what the yaojian widgets produce."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API under /api/v1 (and the widgets' files with --dist).
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
        /// sqlite:PATH (created when missing) or postgres://user@host:port/db.
        #[arg(long)]
        database: String,
        /// The shared secret tokens are signed with; created (mode 0600) when missing.
        #[arg(long)]
        key: PathBuf,
        /// A folder of widget files (dist/ of scripts/release.sh) served at /.
        #[arg(long)]
        dist: Option<PathBuf>,
        /// A folder of pages served at / before --dist (the demo portal).
        #[arg(long)]
        site: Option<PathBuf>,
        /// Offer the demo portal's labelled sample sign-in (never in production).
        #[arg(long)]
        demo: bool,
        /// How the request lines on standard error are written: text or json.
        #[arg(long, default_value = "text")]
        log: String,
        #[command(flatten)]
        limits: LimitArgs,
        /// The document-number pattern of the 责令改正通知书, e.g. 闽药监责改〔{year}〕{seq:3}号
        /// ({year}, {seq}, {seq:N}); without it, numbers come from a labelled sample pattern.
        #[arg(long)]
        notice_pattern: Option<String>,
        /// The issuing bureau its notices name, e.g. 福州市市场监督管理局; without it, the
        /// printed notice leaves a line to fill in.
        #[arg(long)]
        bureau: Option<String>,
    },
    /// Print a signed token (JWT, HS256) for the given identity.
    Token {
        #[arg(long)]
        key: PathBuf,
        /// enterprise | representative | inspector | admin
        #[arg(long)]
        role: String,
        /// 统一社会信用代码 of the enterprise.
        #[arg(long)]
        org: Option<String>,
        /// 行政区划代码 (six digits).
        #[arg(long)]
        region: Option<String>,
        /// The subject; default: the role and organisation.
        #[arg(long)]
        sub: Option<String>,
        /// Lifetime in seconds.
        #[arg(long, default_value_t = 3600)]
        ttl: i64,
    },
    /// Bring the database's schema up to date and exit.
    Migrate {
        #[arg(long)]
        database: String,
    },
}

/// What one client may hold of the server (docs/server.md, "Limits").
#[derive(clap::Args)]
struct LimitArgs {
    /// Seconds a client has to send a request's header; then the connection is closed.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    header_timeout: u64,
    /// Seconds a request may take, its body included, before it is answered 408.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    request_timeout: u64,
    /// Connections open at once; more wait in the listen queue.
    #[arg(long, default_value_t = 512, value_parser = clap::value_parser!(u64).range(1..=65536))]
    max_connections: u64,
}

impl LimitArgs {
    fn limits(&self) -> Limits {
        Limits {
            header_read: Duration::from_secs(self.header_timeout),
            request: Duration::from_secs(self.request_timeout),
            max_connections: self.max_connections as usize,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Token {
            key,
            role,
            org,
            region,
            sub,
            ttl,
        } => token(&key, &role, org, region, sub, ttl),
        Command::Migrate { database } => runtime().and_then(|rt| {
            rt.block_on(async {
                let db = Db::connect(&database).await?;
                let applied = db.migrate().await?;
                println!("migrations applied: {applied:?}");
                Ok(())
            })
        }),
        Command::Serve {
            listen,
            database,
            key,
            dist,
            site,
            demo,
            log,
            limits,
            notice_pattern,
            bureau,
        } => start_logs(&log).and_then(|_| runtime()).and_then(|rt| {
            let how = How {
                options: Options { dist, site },
                demo,
                limits: limits.limits(),
                notice_pattern,
                bureau,
            };
            rt.block_on(serve(&listen, &database, &key, how))
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("yaojian-server: {e}");
            ExitCode::FAILURE
        }
    }
}

fn start_logs(format: &str) -> Result<(), String> {
    let f = yaojian_server::log::Format::parse(format)
        .ok_or_else(|| format!("--log must be text or json, not {format:?}"))?;
    yaojian_server::log::init(f);
    Ok(())
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))
}

fn token(
    key: &std::path::Path,
    role: &str,
    org: Option<String>,
    region: Option<String>,
    sub: Option<String>,
    ttl: i64,
) -> Result<(), String> {
    let key = Key::load(key)?;
    let role = Role::parse(role).ok_or_else(|| {
        format!("--role must be enterprise, representative, inspector or admin, not {role:?}")
    })?;
    if ttl <= 0 {
        return Err("--ttl must be positive".into());
    }
    let now = now_secs();
    let claims = Claims {
        sub: sub.unwrap_or_else(|| {
            format!(
                "{}:{}",
                role.as_str(),
                org.clone().or(region.clone()).unwrap_or_default()
            )
        }),
        role,
        org,
        region,
        exp: now + ttl,
        iat: Some(now),
        nbf: None,
    };
    yaojian_server::identity::Identity::from_claims(&claims).map_err(|_| {
        "incomplete identity: enterprise and representative need a valid --org (统一社会信用代码), inspector a six-digit --region".to_string()
    })?;
    println!("{}", key.sign(&claims));
    Ok(())
}

/// How `serve` serves, beyond where and on what.
struct How {
    options: Options,
    demo: bool,
    limits: Limits,
    notice_pattern: Option<String>,
    bureau: Option<String>,
}

async fn serve(
    listen: &str,
    database: &str,
    key: &std::path::Path,
    how: How,
) -> Result<(), String> {
    let key = Key::load_or_create(key)?;
    let mut state = AppState::new(Db::open(database).await?, key, how.demo);
    if let Some(p) = &how.notice_pattern {
        state = state
            .with_notice_pattern(p)
            .map_err(|e| format!("--notice-pattern: {}", e.message(yaojian::Lang::ZhCn)))?;
    }
    if let Some(b) = &how.bureau {
        state = state
            .with_bureau(b)
            .map_err(|e| format!("--bureau: {}", e.message(yaojian::Lang::ZhCn)))?;
    }
    let (options, limits) = (how.options, how.limits);
    let app = yaojian_server::app(state, &options);
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    println!("yaojian-server listening on http://{addr}");
    let stop = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    yaojian_server::listen::serve(listener, app, limits, stop).await;
    Ok(())
}
