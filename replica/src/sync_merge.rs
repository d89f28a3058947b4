//! Merging what the server sent into this replica's documents, on the merging cores: each
//! incoming document loaded or merged, its heads taken, and a customer read there too, so the
//! thread writing SQLite only writes.

use automerge::AutoCommit;
use base64::Engine as _;

use crate::document::{self, CustomerDocument, CUSTOMER_CLASS};
use crate::sync::{heads_bytes, SyncError};
use crate::ReplicaError;

/// A page's documents after merging, each merged or refused.
pub(crate) type MergedPage = Vec<Result<Option<Merged>, SyncError>>;

/// A bootstrap page being merged: the merging thread, the meta to store with it, the total.
pub(crate) type InFlight<'scope> = (
    std::thread::ScopedJoinHandle<'scope, MergedPage>,
    Vec<(&'static str, String)>,
    Option<u64>,
);

/// The merged page a merging thread hands back.
pub(crate) fn join(
    handle: std::thread::ScopedJoinHandle<'_, MergedPage>,
) -> Result<MergedPage, SyncError> {
    handle.join().map_err(|_| {
        SyncError::Replica(ReplicaError::Document {
            id: String::new(),
            reason: "a merging thread failed".into(),
        })
    })
}

/// A document's pulled entries and what this replica holds of it.
pub(crate) struct Incoming {
    pub(crate) id: String,
    pub(crate) class: String,
    pub(crate) data: Vec<String>,
    pub(crate) local: Option<(String, Vec<u8>, bool)>,
}

/// A document after merging what was pulled, ready to store and project.
pub(crate) struct Merged {
    pub(crate) id: String,
    pub(crate) class: String,
    pub(crate) bytes: Vec<u8>,
    pub(crate) dirty: bool,
    pub(crate) heads: Vec<u8>,
    /// The merged document, until it is read (a customer's is dropped on the merging core).
    pub(crate) doc: Option<AutoCommit>,
    /// A customer read on the merging core, so the writer only writes.
    pub(crate) customer: Option<CustomerDocument>,
    /// New on this device: nothing of it to replace in the projection.
    pub(crate) fresh: bool,
}

impl Merged {
    fn read(mut self) -> Merged {
        if self.class == CUSTOMER_CLASS
            && self.doc.as_ref().is_some_and(|doc| {
                document::class_of(&self.id, doc).is_ok_and(|c| c == CUSTOMER_CLASS)
            })
        {
            self.customer = self
                .doc
                .as_ref()
                .and_then(|doc| document::read_customer(&self.id, doc).ok());
            if self.customer.is_some() {
                self.doc = None;
            }
        }
        self
    }
}

/// Merges pulled entries into the local document; `None` when nothing changed or the class
/// disagrees (a document's class never changes).
pub(crate) fn merge(
    incoming: Incoming,
    actor: &automerge::ActorId,
) -> Result<Option<Merged>, SyncError> {
    let unreadable = |e: String| SyncError::Refused {
        status: 0,
        code: "bad_changes".into(),
        message: format!(
            "the server sent unreadable changes for {}: {e}",
            incoming.id
        ),
        document: Some(incoming.id.clone()),
    };
    let mut data = Vec::with_capacity(incoming.data.len());
    for text in &incoming.data {
        data.push(
            base64::engine::general_purpose::STANDARD
                .decode(text)
                .map_err(|e| unreadable(e.to_string()))?,
        );
    }
    match &incoming.local {
        Some((class, _, _)) if class != &incoming.class => {
            tracing::warn!(doc = %incoming.id, local = %class, remote = %incoming.class, "class mismatch: ignored");
            return Ok(None);
        }
        None if data.len() == 1 => {
            // A document new here, sent whole: keep its bytes as they are.
            if let Ok(mut doc) = AutoCommit::load(&data[0]) {
                if doc.get_missing_deps(&[]).is_empty() {
                    let heads = heads_bytes(&doc.get_heads());
                    doc.set_actor(actor.clone());
                    let bytes = data.pop().unwrap_or_default();
                    return Ok(Some(
                        Merged {
                            id: incoming.id,
                            class: incoming.class,
                            bytes,
                            dirty: false,
                            heads,
                            doc: Some(doc),
                            customer: None,
                            fresh: true,
                        }
                        .read(),
                    ));
                }
            }
        }
        _ => {}
    }
    let (mut doc, dirty) = match &incoming.local {
        Some((_, bytes, dirty)) => (document::load(&incoming.id, bytes)?, *dirty),
        None => (AutoCommit::new(), false),
    };
    let before = doc.get_heads();
    for chunk in &data {
        doc.load_incremental(chunk)
            .map_err(|e| unreadable(e.to_string()))?;
    }
    let heads = doc.get_heads();
    if heads == before && incoming.local.is_some() {
        return Ok(None);
    }
    doc.set_actor(actor.clone());
    let bytes = doc.save();
    let fresh = incoming.local.is_none();
    Ok(Some(
        Merged {
            id: incoming.id,
            class: incoming.class,
            bytes,
            dirty,
            heads: heads_bytes(&heads),
            doc: Some(doc),
            customer: None,
            fresh,
        }
        .read(),
    ))
}
