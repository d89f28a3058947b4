//! A loopback TCP proxy of the benchmark's own in front of the real sync server: holds every
//! connection until `open` (so a fresh app's bootstrap starts when the page's timing loop does),
//! then relays bytes both ways, delaying each client→server chunk that starts a request by a
//! fixed time (a slow link). A chunk starts a request when it is the connection's first or the
//! server has answered since the client last sent: keep-alive connections get the delay per
//! request, a request body in several chunks only once. It counts the requests by method and
//! path, so a printout can say what the app asked while the page was timed.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

/// A running proxy; stops (dropping every connection) when dropped.
pub struct Proxy {
    /// `http://127.0.0.1:PORT`, for the app's `CLIENTELE_SYNC_SERVER`.
    pub url: String,
    gate: watch::Sender<bool>,
    task: JoinHandle<()>,
    requests: Requests,
}

/// Requests seen, by `METHOD /path`.
type Requests = Arc<Mutex<BTreeMap<String, u32>>>;

impl Proxy {
    /// Listens on a free port of 127.0.0.1 in front of `upstream` (`http://HOST:PORT`), adding
    /// `delay` to every request; connections wait until `open`.
    pub async fn start(upstream: &str, delay: Duration) -> Proxy {
        let upstream: SocketAddr = upstream
            .strip_prefix("http://")
            .and_then(|address| address.parse().ok())
            .unwrap_or_else(|| panic!("the proxy needs http://IP:PORT, not {upstream}"));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (gate, opened) = watch::channel(false);
        let requests = Requests::default();
        let counted = requests.clone();
        let task = tokio::spawn(async move {
            // Dropped with the accepting task: aborts every connection still relaying.
            let mut connections = JoinSet::new();
            while let Ok((client, _)) = listener.accept().await {
                let (opened, counted) = (opened.clone(), counted.clone());
                connections.spawn(async move {
                    let _ = relay(client, upstream, delay, opened, counted).await;
                });
                // Forget the connections already finished.
                while connections.try_join_next().is_some() {}
            }
        });
        Proxy {
            url,
            gate,
            task,
            requests,
        }
    }

    /// The requests relayed so far, as `N × METHOD /path` by path.
    pub fn requests(&self) -> String {
        let requests = self.requests.lock().unwrap();
        let counts: Vec<String> = requests
            .iter()
            .map(|(request, count)| format!("{count} × {request}"))
            .collect();
        counts.join(", ")
    }

    /// Lets the waiting and later connections through.
    pub fn open(&self) {
        self.gate.send_replace(true);
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Relays one client connection once the gate is open.
async fn relay(
    client: TcpStream,
    upstream: SocketAddr,
    delay: Duration,
    mut opened: watch::Receiver<bool>,
    requests: Requests,
) -> std::io::Result<()> {
    if opened.wait_for(|open| *open).await.is_err() {
        return Ok(());
    }
    let server = TcpStream::connect(upstream).await?;
    client.set_nodelay(true)?;
    server.set_nodelay(true)?;
    let (mut client_read, mut client_write) = client.into_split();
    let (mut server_read, mut server_write) = server.into_split();
    // Whether the server has sent anything since the client last did: the client's next chunk
    // starts a new request (the app's HTTP client does not pipeline).
    let answered = Arc::new(AtomicBool::new(true));
    let answers = answered.clone();
    let to_client = async move {
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            let read = server_read.read(&mut buffer).await?;
            if read == 0 {
                return client_write.shutdown().await;
            }
            answers.store(true, Ordering::SeqCst);
            client_write.write_all(&buffer[..read]).await?;
        }
    };
    let to_server = async move {
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            let read = client_read.read(&mut buffer).await?;
            if read == 0 {
                return server_write.shutdown().await;
            }
            if answered.swap(false, Ordering::SeqCst) {
                *requests
                    .lock()
                    .unwrap()
                    .entry(request_line(&buffer[..read]))
                    .or_default() += 1;
                if !delay.is_zero() {
                    tokio::time::sleep(delay).await;
                }
            }
            server_write.write_all(&buffer[..read]).await?;
        }
    };
    tokio::try_join!(to_client, to_server).map(|_| ())
}

/// `METHOD /path` of the request starting `chunk` (its query left out).
fn request_line(chunk: &[u8]) -> String {
    let line = chunk.split(|&b| b == b'\r').next().unwrap_or_default();
    let line = String::from_utf8_lossy(line);
    let mut words = line.split_whitespace();
    let method = words.next().unwrap_or("?");
    let path = words.next().unwrap_or("?");
    format!("{method} {}", path.split('?').next().unwrap_or(path))
}
