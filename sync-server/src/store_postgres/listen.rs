//! Wake-ups across instances: every instance LISTENs for the cursor that pushes to any instance
//! NOTIFY at commit, and wakes its own long-polling devices.

use postgres::fallible_iterator::FallibleIterator as _;
use postgres::NoTls;
use std::time::Duration;

use super::{with_causes, CURSOR_CHANNEL};
use crate::store::CursorWaker;

/// Listens for other instances' pushes until the process ends, reconnecting after a lost
/// connection; after each (re)connection it reports the latest cursor, so nothing committed
/// while it was away goes unheard.
pub(super) fn listen_for_cursors(config: postgres::Config, target: String, wake: CursorWaker) {
    let mut pause = Duration::from_millis(200);
    loop {
        let listened = (|| -> Result<(), postgres::Error> {
            let mut client = config.connect(NoTls)?;
            client.batch_execute(&format!("LISTEN {CURSOR_CHANNEL}"))?;
            let latest: i64 = client
                .query_one("SELECT coalesce(max(seq), 0)::BIGINT FROM entries", &[])?
                .get(0);
            wake(latest as u64);
            let mut notifications = client.notifications();
            let mut arriving = notifications.blocking_iter();
            while let Some(notification) = arriving.next()? {
                if let Ok(cursor) = notification.payload().parse::<u64>() {
                    wake(cursor);
                }
            }
            Ok(())
        })();
        if let Err(error) = listened {
            tracing::warn!(
                "listening for other instances' pushes on {target} failed ({}); retrying",
                with_causes(&error)
            );
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_secs(10));
    }
}
