//! An in-process hub: what is published reaches every subscriber listening at that moment.
//! The service layer keeps one per GraphQL subscription; the subscription streams from it.

use std::pin::Pin;

use async_graphql::futures_util::{Stream, stream};
use tokio::sync::broadcast;

/// A stream of values, as a subscription's service method answers it.
pub type Values<T> = Pin<Box<dyn Stream<Item = T> + Send>>;

/// Fans published values out to its subscribers.
pub struct Hub<T> {
    sender: broadcast::Sender<T>,
}

impl<T: Clone + Send + 'static> Default for Hub<T> {
    fn default() -> Self {
        Self {
            sender: broadcast::channel(64).0,
        }
    }
}

impl<T: Clone + Send + 'static> Hub<T> {
    /// Sends `value` to every current subscriber (none listening is fine).
    pub fn publish(&self, value: T) {
        let _ = self.sender.send(value);
    }

    /// The values published from now on; dropping the stream leaves the hub.
    pub fn subscribe(&self) -> Values<T> {
        let receiver = self.sender.subscribe();
        Box::pin(stream::unfold(receiver, |mut receiver| async move {
            loop {
                match receiver.recv().await {
                    Ok(value) => return Some((value, receiver)),
                    Err(broadcast::error::RecvError::Lagged(missed)) => {
                        tracing::warn!(missed, "a subscriber is too slow; values dropped");
                    }
                    Err(broadcast::error::RecvError::Closed) => return None,
                }
            }
        }))
    }

    /// How many subscribers listen now.
    pub fn len(&self) -> usize {
        self.sender.receiver_count()
    }

    /// Whether nobody listens.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
