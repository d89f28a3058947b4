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
    /// The stored bytes it was merged from; if the store holds others when it is written (an
    /// edit made meanwhile, the replica not being held during a merge), it is merged again.
    pub(crate) base: Option<Vec<u8>>,
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
                            base: None,
                        }
                        .read(),
                    ));
                }
            }
        }
        _ => {}
    }
    let (mut doc, dirty, base) = match incoming.local {
        Some((_, bytes, dirty)) => (document::load(&incoming.id, &bytes)?, dirty, Some(bytes)),
        None => (AutoCommit::new(), false, None),
    };
    let before = doc.get_heads();
    for chunk in &data {
        doc.load_incremental(chunk)
            .map_err(|e| unreadable(e.to_string()))?;
    }
    let heads = doc.get_heads();
    if heads == before && base.is_some() {
        return Ok(None);
    }
    doc.set_actor(actor.clone());
    let bytes = doc.save();
    let fresh = base.is_none();
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
            base,
        }
        .read(),
    ))
}

/// `merged` merged again into `stored` (its bytes and whether they wait to be sent), the
/// document as it is now: nothing of an edit made while `merged` was merging is lost.
pub(crate) fn reconcile(merged: Merged, stored: (Vec<u8>, bool)) -> Result<Merged, SyncError> {
    let (bytes, dirty) = stored;
    let mut current = document::load(&merged.id, &bytes)?;
    let mut incoming = document::load(&merged.id, &merged.bytes)?;
    current
        .merge(&mut incoming)
        .map_err(|e| ReplicaError::Document {
            id: merged.id.clone(),
            reason: format!("cannot merge the server's changes into a local edit: {e}"),
        })?;
    let heads = heads_bytes(&current.get_heads());
    Ok(Merged {
        bytes: current.save(),
        dirty: dirty || merged.dirty,
        heads,
        doc: Some(current),
        customer: None,
        fresh: false,
        base: None,
        ..merged
    }
    .read())
}
