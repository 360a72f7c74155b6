//! Messaging: a typed producer per topic this service publishes to, a consumer loop per topic
//! it consumes.
//!
//! [`Broker`] keeps the broker's address (from the environment) and, until a real client is
//! plugged in, carries messages inside this process and logs every one - the seam where
//! rdkafka, lapin or async-nats goes is `Broker::send` and `Broker::receive`.

use std::collections::{HashMap, VecDeque};
use std::marker::PhantomData;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::context::Ctx;
use crate::error::AppError;

/// A connection to one broker.
#[derive(Clone, Default)]
pub struct Broker {
    /// Its address.
    pub url: String,
    queues: Arc<Mutex<HashMap<String, VecDeque<Vec<u8>>>>>,
}

impl Broker {
    /// A broker at `url`.
    pub fn new(url: String) -> Self {
        Self { url, queues: Arc::default() }
    }

    /// Sends one message.
    pub async fn send(&self, topic: &str, payload: Vec<u8>) -> Result<(), AppError> {
        let mut queues = self.queues.lock().map_err(|_| AppError::Internal("broker lock poisoned".into()))?;
        queues.entry(topic.to_owned()).or_default().push_back(payload);
        Ok(())
    }

    /// Takes the next message, if any.
    pub async fn receive(&self, topic: &str) -> Result<Option<Vec<u8>>, AppError> {
        let mut queues = self.queues.lock().map_err(|_| AppError::Internal("broker lock poisoned".into()))?;
        Ok(queues.get_mut(topic).and_then(VecDeque::pop_front))
    }
}

/// Publishes messages of type `T` to one topic.
#[derive(Clone)]
pub struct Producer<T> {
    broker: Broker,
    topic: &'static str,
    _message: PhantomData<fn(T)>,
}

impl<T: Serialize> Producer<T> {
    /// A producer for `topic` on `broker`.
    pub fn new(broker: Broker, topic: &'static str) -> Self {
        Self { broker, topic, _message: PhantomData }
    }

    /// Publishes one message.
    pub async fn publish(&self, ctx: &Ctx, message: &T) -> Result<(), AppError> {
        let payload = serde_json::to_vec(message).map_err(|e| AppError::Internal(e.to_string()))?;
        tracing::info!(request_id = %ctx.request_id, topic = self.topic, broker = %self.broker.url, bytes = payload.len(), "published");
        self.broker.send(self.topic, payload).await
    }
}

/// Receives messages of type `T` from one topic and hands each to `handle`, for ever.
pub async fn consume<T, F, Fut>(broker: Broker, topic: &'static str, handle: F)
where
    T: DeserializeOwned,
    F: Fn(Ctx, T) -> Fut,
    Fut: std::future::Future<Output = Result<(), AppError>>,
{
    tracing::info!(topic, broker = %broker.url, "consuming");
    let mut idle = Duration::from_millis(100);
    loop {
        match broker.receive(topic).await {
            Ok(Some(bytes)) => {
                idle = Duration::from_millis(100);
                let ctx = Ctx::background();
                match serde_json::from_slice::<T>(&bytes) {
                    Ok(message) => {
                        if let Err(e) = handle(ctx.clone(), message).await {
                            tracing::error!(request_id = %ctx.request_id, topic, error = %e, "message failed");
                        }
                    }
                    Err(e) => tracing::error!(topic, error = %e, "undecodable message dropped"),
                }
            }
            Ok(None) => {
                tokio::time::sleep(idle).await;
                idle = (idle * 2).min(Duration::from_secs(5));
            }
            Err(e) => {
                tracing::error!(topic, error = %e, "receive failed");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}
