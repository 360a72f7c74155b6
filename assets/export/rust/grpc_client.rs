//! What every outgoing gRPC client shares: the channel (cleartext HTTP/2 for `http://`, TLS
//! for `https://`), the deadline, retries with backoff on UNAVAILABLE and DEADLINE_EXCEEDED,
//! the circuit breaker of the HTTP client of the same peer, the request id and credentials as
//! metadata, and gRPC status codes mapped to [`AppError`].

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use hyper_util::rt::TokioIo;
use tokio_rustls::rustls;
use tokio_rustls::rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use tokio_rustls::rustls::crypto::CryptoProvider;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use tonic::transport::{Channel, Endpoint, Uri};
use tonic::{Code, Request, Response, Status};

use crate::context::{Ctx, REQUEST_ID};
use crate::error::AppError;
use crate::http::Breaker;

/// A gRPC client for one server.
#[derive(Clone)]
pub struct GrpcClient {
    name: &'static str,
    address: String,
    ca_file: Option<String>,
    ca_var: &'static str,
    timeout: Option<Duration>,
    retries: u32,
    breaker: Option<Breaker>,
    relay_credentials: bool,
    /// Made on the first call (a channel needs the runtime), then shared.
    channel: Arc<OnceLock<Result<Channel, String>>>,
}

impl GrpcClient {
    /// A client for `address` (`http://host:port`, or `https://host:port` for TLS).
    /// `ca_file` (read from the variable `ca_var`) names a PEM file of the certificates to
    /// trust; without it a TLS server's certificate is accepted unverified, with a warning.
    /// `breaker` is the circuit breaker it shares (the HTTP client's, [`crate::http::HttpClient::breaker`]),
    /// if any; `relay_credentials` passes the caller's `authorization` and `x-api-key` on.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        name: &'static str,
        address: String,
        ca_file: Option<String>,
        ca_var: &'static str,
        timeout: Option<Duration>,
        retries: u32,
        breaker: Option<Breaker>,
        relay_credentials: bool,
    ) -> Self {
        Self {
            name,
            address,
            ca_file,
            ca_var,
            timeout,
            retries,
            breaker,
            relay_credentials,
            channel: Arc::default(),
        }
    }

    /// Calls one RPC: `send` makes the call on the channel (a tonic client's method).
    /// Retries UNAVAILABLE and DEADLINE_EXCEEDED; other statuses map to [`AppError`].
    pub async fn call<Q, R, F, Fut>(&self, ctx: &Ctx, rpc: &'static str, message: Q, send: F) -> Result<R, AppError>
    where
        Q: Clone,
        F: Fn(Channel, Request<Q>) -> Fut,
        Fut: Future<Output = Result<Response<R>, Status>>,
    {
        if self.breaker.as_ref().is_some_and(Breaker::is_open) {
            return Err(AppError::Upstream(format!("{}: circuit open", self.name)));
        }
        let channel = self.channel.get_or_init(|| self.connect()).clone().map_err(AppError::Internal)?;
        let mut attempt = 0;
        loop {
            tracing::info!(request_id = %ctx.request_id, peer = self.name, rpc, attempt, "calling");
            let mut request = Request::new(message.clone());
            let metadata = request.metadata_mut();
            if let Ok(v) = ctx.request_id.parse() {
                metadata.insert(REQUEST_ID, v);
            }
            if self.relay_credentials {
                if let Some(v) = ctx.authorization.as_deref().and_then(|a| a.parse().ok()) {
                    metadata.insert("authorization", v);
                }
                if let Some(v) = ctx.api_key.as_deref().and_then(|k| k.parse().ok()) {
                    metadata.insert("x-api-key", v);
                }
            }
            let answer = match self.timeout {
                Some(limit) => {
                    // Sent as `grpc-timeout`, which tonic enforces too, and kept here.
                    request.set_timeout(limit);
                    let late = || Status::deadline_exceeded(format!("no answer within {} ms", limit.as_millis()));
                    match tokio::time::timeout(limit, send(channel.clone(), request)).await {
                        Ok(Err(status)) if deadline_passed(&status) => Err(late()),
                        Ok(answer) => answer,
                        Err(_) => Err(late()),
                    }
                }
                None => send(channel.clone(), request).await,
            };
            let status = match answer {
                Ok(reply) => {
                    self.succeeded();
                    return Ok(reply.into_inner());
                }
                Err(status) if !matches!(status.code(), Code::Unavailable | Code::DeadlineExceeded) => {
                    self.succeeded();
                    return Err(error(self.name, &status));
                }
                Err(status) => status,
            };
            if let Some(b) = &self.breaker {
                b.failure(true);
            }
            if attempt >= self.retries {
                return Err(error(self.name, &status));
            }
            attempt += 1;
            tokio::time::sleep(Duration::from_millis(100 * 2u64.pow(attempt.min(6)))).await;
        }
    }

    /// The server answered (even with an error of its own): the breaker's count starts again.
    fn succeeded(&self) {
        if let Some(b) = &self.breaker {
            b.success();
        }
    }

    /// The channel to the address: it connects on first use and reconnects when needed.
    fn connect(&self) -> Result<Channel, String> {
        let endpoint = Endpoint::from_shared(self.address.clone())
            .map_err(|e| format!("{}: bad gRPC address {:?}: {e}", self.name, self.address))?;
        match endpoint.uri().scheme_str() {
            Some("http") => Ok(endpoint.connect_lazy()),
            Some("https") => {
                let tls = Arc::new(self.tls()?);
                Ok(endpoint.connect_with_connector_lazy(tower::service_fn(move |uri: Uri| {
                    connect_tls(Arc::clone(&tls), uri)
                })))
            }
            _ => Err(format!(
                "{}: the gRPC address {:?} must start with http:// or https://",
                self.name, self.address
            )),
        }
    }

    /// TLS for an `https://` address: the certificates of `ca_file`, or none checked.
    fn tls(&self) -> Result<rustls::ClientConfig, String> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = rustls::ClientConfig::builder_with_provider(Arc::clone(&provider))
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("{}: TLS: {e}", self.name))?;
        let mut config = match &self.ca_file {
            Some(path) => {
                let unreadable = |e: &dyn std::fmt::Display| format!("{}: cannot read the certificates in {path}: {e}", self.ca_var);
                let mut roots = rustls::RootCertStore::empty();
                for cert in CertificateDer::pem_file_iter(path).map_err(|e| unreadable(&e))? {
                    roots.add(cert.map_err(|e| unreadable(&e))?).map_err(|e| unreadable(&e))?;
                }
                if roots.is_empty() {
                    return Err(format!("{}: no certificate in {path}", self.ca_var));
                }
                builder.with_root_certificates(roots).with_no_client_auth()
            }
            None => {
                tracing::warn!(
                    peer = self.name,
                    address = %self.address,
                    "{} is not set: the gRPC server's certificate is accepted unverified",
                    self.ca_var
                );
                builder
                    .dangerous()
                    .with_custom_certificate_verifier(Arc::new(Unverified(provider)))
                    .with_no_client_auth()
            }
        };
        config.alpn_protocols = vec![b"h2".to_vec()];
        Ok(config)
    }
}

/// Opens a TCP connection to `uri` and speaks TLS on it.
async fn connect_tls(
    tls: Arc<rustls::ClientConfig>,
    uri: Uri,
) -> std::io::Result<TokioIo<tokio_rustls::client::TlsStream<tokio::net::TcpStream>>> {
    let invalid = |e: String| std::io::Error::new(std::io::ErrorKind::InvalidInput, e);
    let host = uri
        .host()
        .ok_or_else(|| invalid(format!("no host in {uri}")))?
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    let port = uri.port_u16().unwrap_or(443);
    let tcp = tokio::net::TcpStream::connect((host.as_str(), port)).await?;
    tcp.set_nodelay(true)?;
    let server = ServerName::try_from(host).map_err(|e| invalid(e.to_string()))?;
    let stream = tokio_rustls::TlsConnector::from(tls).connect(server, tcp).await?;
    Ok(TokioIo::new(stream))
}

/// Accepts any server certificate (the handshake's signatures are still checked): for a
/// server with a self-signed certificate when no certificates to trust are configured.
#[derive(Debug)]
struct Unverified(Arc<CryptoProvider>);

impl ServerCertVerifier for Unverified {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// Whether tonic ended the call at its `grpc-timeout` (it says CANCELLED, "Timeout expired").
fn deadline_passed(status: &Status) -> bool {
    let mut source = std::error::Error::source(status);
    while let Some(e) = source {
        if e.is::<tonic::TimeoutExpired>() {
            return true;
        }
        source = e.source();
    }
    false
}

/// The service error for a gRPC status from peer `name`.
fn error(name: &str, status: &Status) -> AppError {
    let message = format!("{name}: {:?}: {}", status.code(), status.message());
    match status.code() {
        Code::InvalidArgument | Code::FailedPrecondition | Code::OutOfRange => AppError::BadRequest(message),
        Code::Unauthenticated => AppError::Unauthorized(message),
        Code::PermissionDenied => AppError::Forbidden(message),
        Code::NotFound => AppError::NotFound(message),
        Code::AlreadyExists | Code::Aborted => AppError::Conflict(message),
        Code::ResourceExhausted => AppError::TooManyRequests,
        _ => AppError::Upstream(message),
    }
}

/// One message as the same-shaped message of another contract (they share the wire format).
pub fn convert<A: prost::Message, B: prost::Message + Default>(value: &A) -> Result<B, AppError> {
    B::decode(value.encode_to_vec().as_slice())
        .map_err(|e| AppError::Internal(format!("message conversion: {e}")))
}
