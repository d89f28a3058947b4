//! The background sync loop: runs rounds while online, waits for the server's wake-up (long
//! poll) or a local edit between rounds, and retries with growing pauses while offline. It holds
//! the replica's lock only for each short step of a round, never across network I/O.

use clientele_model::sync::SyncStatus;
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::sync::SyncError;
use crate::sync_http::HttpTransport;

/// Longest pause between retries while offline.
const MAX_BACKOFF: Duration = Duration::from_secs(60);

enum Signal {
    Kick,
    Stop,
}

/// Controls a running loop.
pub struct SyncHandle {
    signals: Sender<Signal>,
    thread: Option<JoinHandle<()>>,
}

impl SyncHandle {
    /// Syncs soon (after a local edit).
    pub fn kick(&self) {
        let _ = self.signals.send(Signal::Kick);
    }

    /// Stops the loop and waits for it.
    pub fn stop(mut self) {
        let _ = self.signals.send(Signal::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for SyncHandle {
    fn drop(&mut self) {
        let _ = self.signals.send(Signal::Stop);
    }
}

/// Starts syncing `replica` with the server at `base` using `token`. `on_status` hears every
/// status; what a round changed reaches subscribers as the replica's change notices.
pub fn spawn_sync_loop(
    replica: Arc<crate::SharedReplica>,
    base: &str,
    token: &str,
    on_status: impl Fn(&SyncStatus) + Send + 'static,
) -> Result<SyncHandle, SyncError> {
    let transport = HttpTransport::new(base, token)?;
    let waiter = HttpTransport::new(base, token)?;
    let (signals, inbox) = channel::<Signal>();
    let woken_tx = signals.clone();
    // The replica says when this device has something to send: every local edit or import
    // becomes a kick, whoever made it (no caller has to remember).
    let notices = replica.lock().subscribe();
    let edited_tx = signals.clone();
    std::thread::Builder::new()
        .name("clientele-sync-edits".into())
        .spawn(move || {
            for notice in notices {
                if notice.is_local() && edited_tx.send(Signal::Kick).is_err() {
                    return;
                }
            }
        })
        .map_err(|e| SyncError::Offline(format!("cannot start the sync thread: {e}")))?;
    let thread = std::thread::Builder::new()
        .name("clientele-sync".into())
        .spawn(move || {
            let mut backoff = Duration::from_secs(1);
            // A second thread long-polls the server and turns its answer into a kick.
            let cursor = Arc::new(std::sync::atomic::AtomicU64::new(0));
            let watched = cursor.clone();
            let stop_watch = Arc::new(std::sync::atomic::AtomicBool::new(false));
            let stopping = stop_watch.clone();
            std::thread::spawn(move || {
                // What the last kick was for: while a round (a long bootstrap, a slow link)
                // has not moved the cursor past it, the server answers at once again; then
                // wait for the round instead of asking the server in a busy loop.
                let mut kicked_for: Option<(u64, std::time::Instant)> = None;
                while !stopping.load(std::sync::atomic::Ordering::Relaxed) {
                    let after = watched.load(std::sync::atomic::Ordering::Relaxed);
                    if kicked_for.is_some_and(|(from, at)| {
                        from == after && at.elapsed() < Duration::from_secs(10)
                    }) {
                        std::thread::sleep(Duration::from_millis(500));
                        continue;
                    }
                    match waiter.wait(after, 25) {
                        Ok(latest) if latest > after => {
                            if woken_tx.send(Signal::Kick).is_err() {
                                return;
                            }
                            // Give the round up to 10 s to move the cursor before asking again.
                            kicked_for = Some((after, std::time::Instant::now()));
                        }
                        Ok(_) => {}
                        // A revoked token: the round that follows signs the device out.
                        Err(error) if crate::enrol::is_signed_out(&error) => {
                            if woken_tx.send(Signal::Kick).is_err() {
                                return;
                            }
                            std::thread::sleep(Duration::from_secs(2));
                        }
                        Err(_) => std::thread::sleep(Duration::from_secs(2)),
                    }
                }
            });
            loop {
                on_status(
                    &SyncStatus::Syncing {
                        pushed: 0,
                        pulled: 0,
                        total: None,
                    },
                );
                // The replica is locked for each step of the round, never across a request.
                let result = crate::sync::sync_shared(&replica, &transport, &mut |progress| {
                    on_status(&SyncStatus::Syncing {
                        pushed: progress.pushed,
                        pulled: progress.pulled,
                        total: progress.total,
                    })
                });
                let pause = match result {
                    Ok(report) => {
                        backoff = Duration::from_secs(1);
                        cursor.store(report.cursor, std::sync::atomic::Ordering::Relaxed);
                        // Refused changes are set aside (the Unsent changes panel lists them) and
                        // everything else went: the next round is clean.
                        let status = match report.refused.first() {
                            None => SyncStatus::UpToDate {
                                at: crate::store::now(),
                            },
                            Some((_, reason)) => SyncStatus::Error {
                                reason: format!(
                                    "the server refused {} change(s), set aside under Unsent changes: {reason}",
                                    report.refused.len()
                                ),
                            },
                        };
                        let refused = !report.refused.is_empty();
                        on_status(&status);
                        if refused {
                            // Soon again: the edits applied again go, the device asks who it
                            // is, and the status says up to date once nothing is refused.
                            Duration::from_secs(2)
                        } else {
                            // Wait for the server's wake-up or a local edit.
                            Duration::from_secs(3600)
                        }
                    }
                    Err(SyncError::Offline(reason)) => {
                        on_status(
                            &SyncStatus::Offline {
                                reason,
                                retry_in_seconds: backoff.as_secs(),
                            },
                        );
                        let pause = backoff;
                        backoff = (backoff * 2).min(MAX_BACKOFF);
                        pause
                    }
                    Err(error) if crate::enrol::is_signed_out(&error) => {
                        // The token was revoked or its user disabled: no retry can help. The
                        // shell signs the device out; syncing stops here.
                        tracing::warn!(%error, "the sync server no longer accepts this device's token");
                        on_status(&SyncStatus::SignedOut {
                            reason: error.to_string(),
                        });
                        stop_watch.store(true, std::sync::atomic::Ordering::Relaxed);
                        return;
                    }
                    Err(other) => {
                        on_status(
                            &SyncStatus::Error {
                                reason: other.to_string(),
                            },
                        );
                        let pause = backoff.max(Duration::from_secs(30));
                        backoff = (backoff * 2).min(MAX_BACKOFF);
                        pause
                    }
                };
                match inbox.recv_timeout(pause) {
                    Ok(Signal::Kick) | Err(RecvTimeoutError::Timeout) => {
                        // Several kicks in a row need one round.
                        while let Ok(signal) = inbox.try_recv() {
                            if matches!(signal, Signal::Stop) {
                                stop_watch.store(true, std::sync::atomic::Ordering::Relaxed);
                                return;
                            }
                        }
                    }
                    Ok(Signal::Stop) | Err(RecvTimeoutError::Disconnected) => {
                        // The watcher ends after its current wait.
                        stop_watch.store(true, std::sync::atomic::Ordering::Relaxed);
                        return;
                    }
                }
            }
        })
        .map_err(|e| SyncError::Offline(format!("cannot start the sync thread: {e}")))?;
    Ok(SyncHandle {
        signals,
        thread: Some(thread),
    })
}
