//! The gRPC side of a Go project, with the standard library only (Debian's Go 1.19, no module
//! downloads): `net/http` serves HTTP/2 over TLS by itself, `internal/platform/grpc.go` frames
//! unary calls and writes the `grpc-status` trailers, and each contract gets a package of
//! message types with their protobuf wire encoding (`internal/pb/<name>pb`), generated here from
//! the same names as the `.proto` file.
//!
//! A call drawn over gRPC gets a `platform.GrpcClient` in the caller's client type (the same
//! message packages, for the contracts it only calls too): net/http over TLS and HTTP/2, with
//! the HTTP client's retries and breaker. An `http://` address (a server in another language,
//! which speaks cleartext HTTP/2) cannot be called with Go 1.19's standard library, so the
//! client refuses it with the variable to fix instead of hanging.

use std::fmt::Write;

use super::super::contracts::proto::{field_names, field_type};
use super::super::escape::{comment, go_str};
use super::super::names::{Case, Lang, Scope, ident, to_case};
use super::super::project::{Client, Project};
use super::super::rpc::{GRPC_PORT_VAR, GrpcService, GrpcTarget, RpcRef};
use super::super::wiring::Host;
use super::after_colon_or_stop;
use super::naming::{GrpcClientNames, Naming, grpc_client_names};
use crate::model::{Auth, Field};

/// The variable holding the TLS certificate of the gRPC server (a self-signed one without it).
pub const GRPC_TLS_CERT_VAR: &str = "GRPC_TLS_CERT";
/// The variable holding the certificate's private key.
pub const GRPC_TLS_KEY_VAR: &str = "GRPC_TLS_KEY";

/// The package of one contract's messages (`driverspb`).
pub fn package(s: &GrpcService) -> String {
    format!(
        "{}pb",
        to_case(s.file.trim_end_matches(".proto"), Case::Snake).replace('_', "")
    )
}

/// `(package, import path)` of every contract's messages, served or called.
pub fn packages(p: &Project) -> Vec<(String, String)> {
    p.contracts()
        .into_iter()
        .map(|s| (package(s), format!("internal/pb/{}", package(s))))
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Wire {
    Int32,
    Int64,
    Bool,
    Double,
    Str,
    Bytes,
    Message,
}

fn wire(proto: &str, is_message: bool) -> Wire {
    match proto {
        _ if is_message => Wire::Message,
        "int32" => Wire::Int32,
        "int64" => Wire::Int64,
        "bool" => Wire::Bool,
        "double" => Wire::Double,
        "bytes" => Wire::Bytes,
        _ => Wire::Str,
    }
}

/// The Go field of one message field: its type and its encode and decode statements.
fn field_code(f: &Field, name: &str, num: usize, s: &GrpcService) -> (String, String, String) {
    let proto = field_type(&f.ty, &s.contract.messages);
    let w = wire(&proto, s.contract.messages.values().any(|m| m == &proto));
    let base = match w {
        Wire::Int32 => "int32".to_owned(),
        Wire::Int64 => "int64".to_owned(),
        Wire::Bool => "bool".to_owned(),
        Wire::Double => "float64".to_owned(),
        Wire::Str => "string".to_owned(),
        Wire::Bytes => "[]byte".to_owned(),
        Wire::Message => format!("*{proto}"),
    };
    let optional = f.nullable && !f.list && !matches!(w, Wire::Message | Wire::Bytes);
    let ty = if f.list {
        format!("[]{base}")
    } else if optional {
        format!("*{base}")
    } else {
        base.clone()
    };
    let f_ = format!("m.{name}");
    // Numbers: how a value becomes wire bits and back.
    let (to_bits, from_bits, wt) = match w {
        Wire::Int32 => ("uint64(int64(x))", "int32(x)", 0),
        Wire::Int64 => ("uint64(x)", "int64(x)", 0),
        Wire::Bool => ("boolBits(x)", "x != 0", 0),
        Wire::Double => ("math.Float64bits(x)", "math.Float64frombits(x)", 1),
        _ => ("", "", 2),
    };
    let append_num = |target: &str, value: &str| {
        if wt == 1 {
            format!(
                "{target} = platform.AppendFixed64({target}, {})",
                to_bits.replace('x', value)
            )
        } else {
            format!(
                "{target} = platform.AppendVarint({target}, {})",
                to_bits.replace('x', value)
            )
        }
    };
    let (encode, decode) = match w {
        Wire::Message if f.list => (
            format!(
                "\tfor _, v := range {f_} {{\n\t\tb = platform.AppendLen(b, {num}, v.Marshal())\n\t}}\n"
            ),
            format!(
                "\t\t\tif wt == 2 {{\n\t\t\t\tx := &{proto}{{}}\n\t\t\t\tif err := x.Unmarshal(data); err != nil {{\n\t\t\t\t\treturn err\n\t\t\t\t}}\n\t\t\t\t{f_} = append({f_}, x)\n\t\t\t}}\n"
            ),
        ),
        Wire::Message => (
            format!(
                "\tif {f_} != nil {{\n\t\tb = platform.AppendLen(b, {num}, {f_}.Marshal())\n\t}}\n"
            ),
            format!(
                "\t\t\tif wt == 2 {{\n\t\t\t\tif {f_} == nil {{\n\t\t\t\t\t{f_} = &{proto}{{}}\n\t\t\t\t}}\n\t\t\t\tif err := {f_}.Unmarshal(data); err != nil {{\n\t\t\t\t\treturn err\n\t\t\t\t}}\n\t\t\t}}\n"
            ),
        ),
        Wire::Str | Wire::Bytes => {
            let (to, from) = if w == Wire::Str {
                ("[]byte(v)", "string(data)")
            } else {
                ("v", "append([]byte{}, data...)")
            };
            if f.list {
                (
                    format!(
                        "\tfor _, v := range {f_} {{\n\t\tb = platform.AppendLen(b, {num}, {to})\n\t}}\n"
                    ),
                    format!("\t\t\tif wt == 2 {{\n\t\t\t\t{f_} = append({f_}, {from})\n\t\t\t}}\n"),
                )
            } else if optional {
                (
                    format!(
                        "\tif {f_} != nil {{\n\t\tv := *{f_}\n\t\tb = platform.AppendLen(b, {num}, {to})\n\t}}\n"
                    ),
                    format!(
                        "\t\t\tif wt == 2 {{\n\t\t\t\tx := {from}\n\t\t\t\t{f_} = &x\n\t\t\t}}\n"
                    ),
                )
            } else {
                let present = if w == Wire::Str {
                    format!("{f_} != \"\"")
                } else if f.nullable {
                    format!("{f_} != nil")
                } else {
                    format!("len({f_}) > 0")
                };
                (
                    format!(
                        "\tif {present} {{\n\t\tv := {f_}\n\t\tb = platform.AppendLen(b, {num}, {to})\n\t}}\n"
                    ),
                    format!("\t\t\tif wt == 2 {{\n\t\t\t\t{f_} = {from}\n\t\t\t}}\n"),
                )
            }
        }
        _ => {
            // The conversions name their variable `x` and no other `x`.
            let conv = |var: &str| from_bits.replace('x', var);
            if f.list {
                let unpack = if wt == 1 { "Fixed64s" } else { "Varints" };
                (
                    format!(
                        "\tif len({f_}) > 0 {{\n\t\tvar p []byte\n\t\tfor _, x := range {f_} {{\n\t\t\t{}\n\t\t}}\n\t\tb = platform.AppendLen(b, {num}, p)\n\t}}\n",
                        append_num("p", "x")
                    ),
                    format!(
                        "\t\t\tif wt == 2 {{\n\t\t\t\tvalues, err := platform.{unpack}(data)\n\t\t\t\tif err != nil {{\n\t\t\t\t\treturn err\n\t\t\t\t}}\n\t\t\t\tfor _, x := range values {{\n\t\t\t\t\t{f_} = append({f_}, {})\n\t\t\t\t}}\n\t\t\t}} else if wt == {wt} {{\n\t\t\t\t{f_} = append({f_}, {})\n\t\t\t}}\n",
                        conv("x"),
                        conv("v")
                    ),
                )
            } else if optional {
                (
                    format!(
                        "\tif {f_} != nil {{\n\t\tx := *{f_}\n\t\tb = platform.AppendTag(b, {num}, {wt})\n\t\t{}\n\t}}\n",
                        append_num("b", "x")
                    ),
                    format!(
                        "\t\t\tif wt == {wt} {{\n\t\t\t\tx := {}\n\t\t\t\t{f_} = &x\n\t\t\t}}\n",
                        conv("v")
                    ),
                )
            } else {
                let present = match w {
                    Wire::Bool => f_.clone(),
                    _ => format!("{f_} != 0"),
                };
                (
                    format!(
                        "\tif {present} {{\n\t\tx := {f_}\n\t\tb = platform.AppendTag(b, {num}, {wt})\n\t\t{}\n\t}}\n",
                        append_num("b", "x")
                    ),
                    format!(
                        "\t\t\tif wt == {wt} {{\n\t\t\t\t{f_} = {}\n\t\t\t}}\n",
                        conv("v")
                    ),
                )
            }
        }
    };
    (ty, encode, decode)
}

/// `internal/pb/<name>pb/messages.go`: one contract's messages and their wire encoding.
pub fn messages_go(s: &GrpcService, header: &str) -> String {
    let c = &s.contract;
    let mut body = String::new();
    let mut all: Vec<(String, Vec<(String, Field)>)> = Vec::new();
    for schema in &c.schemas {
        let Some(name) = c.messages.get(&schema.name) else {
            continue;
        };
        all.push((
            name.clone(),
            schema
                .fields
                .iter()
                .cloned()
                .zip(field_names(schema))
                .map(|(f, n)| (n, f))
                .collect(),
        ));
    }
    for (item, list) in &c.lists {
        let Some(schema) = c
            .messages
            .iter()
            .find(|(_, m)| *m == item)
            .map(|(id, _)| id.clone())
        else {
            continue;
        };
        let field = Field {
            name: "items".into(),
            ty: crate::model::FieldType::Object(schema),
            list: true,
            ..Field::default()
        };
        all.push((list.clone(), vec![("items".to_owned(), field)]));
    }
    if c.needs_empty {
        all.push(("Empty".to_owned(), Vec::new()));
    }
    for (name, fields) in &all {
        let mut scope = Scope::with_taken(["Marshal", "Unmarshal"]);
        let mut decl = String::new();
        let mut enc = String::new();
        let mut dec = String::new();
        for (i, (proto_name, f)) in fields.iter().enumerate() {
            let go = scope.claim(ident(Lang::Go, proto_name, Case::Pascal), Case::Pascal);
            let (ty, e, d) = field_code(f, &go, i + 1, s);
            let _ = writeln!(decl, "\t{go} {ty} // {} = {}", proto_name, i + 1);
            enc.push_str(&e);
            let _ = write!(dec, "\t\tcase {}:\n{d}", i + 1);
        }
        let _ = writeln!(
            body,
            "\n// {name} is the message `{}.{name}`.\ntype {name} struct {{\n{decl}}}\n\n// Marshal encodes the message in the protobuf wire format.\nfunc (m *{name}) Marshal() []byte {{\n\tif m == nil {{\n\t\treturn nil\n\t}}\n\tvar b []byte\n{enc}\treturn b\n}}",
            c.package
        );
        if fields.is_empty() {
            let _ = writeln!(
                body,
                "\n// Unmarshal decodes the message (it has no fields; unknown ones are skipped).\nfunc (m *{name}) Unmarshal(b []byte) error {{\n\treturn platform.SkipAll(b)\n}}"
            );
        } else {
            let _ = writeln!(
                body,
                "\n// Unmarshal decodes the message; unknown fields are skipped.\nfunc (m *{name}) Unmarshal(b []byte) error {{\n\tfor len(b) > 0 {{\n\t\tnum, wt, v, data, n := platform.ReadField(b)\n\t\tif n < 0 {{\n\t\t\treturn platform.ErrMalformed\n\t\t}}\n\t\tb = b[n:]\n\t\t_, _ = v, data\n\t\tswitch num {{\n{dec}\t\t}}\n\t}}\n\treturn nil\n}}"
            );
        }
    }
    let math = body.contains("math.");
    let mut out = format!(
        "{header}\n// Package {pkg} holds the messages of `{}` (proto/{}) with their protobuf wire encoding.\npackage {pkg}\n\nimport (\n",
        c.package,
        s.file,
        pkg = package(s)
    );
    if math {
        out.push_str("\t\"math\"\n\n");
    }
    let _ = writeln!(out, "\t\"__MODULE__/internal/platform\"\n)");
    out.push_str(&body);
    if body.contains("boolBits(") {
        out.push_str(
            "\nfunc boolBits(v bool) uint64 {\n\tif v {\n\t\treturn 1\n\t}\n\treturn 0\n}\n",
        );
    }
    out
}

/// The service-layer methods, one per RPC: a forwarding one calls its client RPC (the
/// request and the answer recoded between the two contracts' types), the others are TODOs.
pub fn service_methods(p: &Project, n: &Naming, clients: &[Option<ClientNames>]) -> String {
    let mut out = String::new();
    for (si, s) in p.grpc.iter().enumerate() {
        let pkg = package(s);
        for (ri, r) in s.contract.rpcs.iter().enumerate() {
            let name = n
                .rpcs
                .get(si)
                .and_then(|v| v.get(ri))
                .cloned()
                .unwrap_or_default();
            let summary = comment(&r.endpoint.summary);
            let body = forward_body(p, n, clients, RpcRef { service: si, rpc: ri }, &pkg)
                .unwrap_or_else(|| {
                    format!(
                        "\t_ = request\n\t// TODO: the business logic of this RPC.\n\treturn &{pkg}.{}{{}}, nil\n",
                        r.response
                    )
                });
            let _ = writeln!(
                out,
                "\n// {name} is `rpc {}` of `{}.{}`{}\nfunc (s *Service) {name}(ctx platform.Ctx, request *{pkg}.{}) (*{pkg}.{}, error) {{\n\tplatform.Log(\"debug\", \"service layer\", \"request_id\", ctx.RequestID, \"operation\", {})\n{body}}}",
                r.name,
                s.contract.package,
                s.contract.service,
                after_colon_or_stop(&summary),
                r.request,
                r.response,
                go_str(&name),
            );
        }
    }
    out
}

/// The body of served RPC `served` when it forwards: the request recoded into the called
/// contract's type, the client's RPC, the answer recoded back.
fn forward_body(
    p: &Project,
    n: &Naming,
    clients: &[Option<ClientNames>],
    served: RpcRef,
    pkg: &str,
) -> Option<String> {
    let f = p.rpc_forward(served)?;
    let r = p.grpc.get(served.service)?.contract.rpcs.get(served.rpc)?;
    let client = p.clients.get(f.client)?;
    let target = client.grpc.as_ref()?;
    let to_service = target.services.get(f.to.service)?;
    let to = to_service.contract.rpcs.get(f.to.rpc)?;
    let names = clients.get(f.client)?.as_ref()?;
    let method = names.methods.get(f.to.service)?.get(f.to.rpc)?;
    let (field, _) = n.clients.get(f.client)?;
    let to_pkg = package(to_service);
    Some(format!(
        "\t// Forwards to `rpc {}` of `{}.{}` on {}.\n\tvar forward {to_pkg}.{}\n\tif err := platform.Recode(request, &forward); err != nil {{\n\t\treturn nil, err\n\t}}\n\tanswer, err := s.{field}.{method}(ctx, &forward)\n\tif err != nil {{\n\t\treturn nil, err\n\t}}\n\tout := &{pkg}.{}{{}}\n\tif err := platform.Recode(answer, out); err != nil {{\n\t\treturn nil, err\n\t}}\n\treturn out, nil\n",
        to.name,
        to_service.contract.package,
        to_service.contract.service,
        comment(client.peer.as_str()),
        to.request,
        r.response
    ))
}

/// The Go names of one gRPC client (see [`grpc_client_names`]).
pub type ClientNames = GrpcClientNames;

/// Per client of `p`, the names of its gRPC side (none for an HTTP-only client). Methods
/// never clash with the client's HTTP methods, nor config fields with the other settings.
pub fn client_names(p: &Project, n: &Naming) -> Vec<Option<ClientNames>> {
    grpc_client_names(
        p,
        n,
        (Lang::Go, Case::Pascal),
        &[
            "Port",
            "LogLevel",
            "JWTSecret",
            "APIKeys",
            "GRPCPort",
            "GRPCCert",
            "GRPCKey",
        ],
        &["New", "Send", "Call"],
    )
}

/// The `Config` fields of the gRPC clients' addresses and certificates.
pub fn client_config_fields(p: &Project, clients: &[Option<ClientNames>]) -> String {
    let mut out = String::new();
    for (c, names) in p.clients.iter().zip(clients) {
        let (Some(t), Some(names)) = (&c.grpc, names) else {
            continue;
        };
        let _ = writeln!(
            out,
            "\t// {} is {}: the gRPC address of {} ({}://host:port).\n\t{} string\n\t// {} is {}: a PEM file of the certificates to trust for it (unset: any, with a warning).\n\t{} string",
            names.url,
            t.var,
            c.peer,
            if t.tls { "https" } else { "http" },
            names.url,
            names.ca,
            t.ca_var,
            names.ca
        );
    }
    out
}

/// The fields of the `Config` literal for the gRPC clients (the address defaults to the
/// server's local one).
pub fn client_config_values(p: &Project, clients: &[Option<ClientNames>]) -> String {
    let mut out = String::new();
    for (c, names) in p.clients.iter().zip(clients) {
        let (Some(t), Some(names)) = (&c.grpc, names) else {
            continue;
        };
        let _ = writeln!(
            out,
            "\t\t{}: read({}, {}),\n\t\t{}: lookup({}),",
            names.url,
            go_str(&t.var),
            go_str(&t.address(Host::Local)),
            names.ca,
            go_str(&t.ca_var)
        );
    }
    out
}

/// The type and constructor of a client that calls `t` over gRPC (and the peer's HTTP
/// endpoints over HTTP); `timeout`, `retries`, `breaker` and `relay` as for HTTP.
pub fn client_type(c: &Client, t: &GrpcTarget, ty: &str, timeout: &str) -> String {
    let args = format!(
        "{timeout}, {}, {}, {}",
        c.call.retries, c.call.circuit_breaker, !c.external
    );
    format!(
        "\n// {ty} calls `{}` ({}): its RPCs over gRPC at {}, its HTTP endpoints over HTTP.\ntype {ty} struct {{\n\thttp *platform.HTTPClient\n\tgrpc *platform.GrpcClient\n}}\n\n// New{ty} makes a client for base (http://host:port) and grpcBase (https://host:port: Go's\n// standard library speaks gRPC over TLS only, an http:// address is refused), trusting the\n// PEM certificates in grpcCA (any certificate if empty).\nfunc New{ty}(base, grpcBase, grpcCA string) *{ty} {{\n\treturn &{ty}{{\n\t\thttp: platform.NewHTTPClient({peer}, base, {args}),\n\t\tgrpc: platform.NewGrpcClient({peer}, {}, grpcBase, {}, grpcCA, {args}),\n\t}}\n}}",
        c.peer,
        comment(&c.name),
        t.var,
        go_str(&t.var),
        go_str(&t.ca_var),
        peer = go_str(c.peer.as_str()),
    )
}

/// One method per RPC of `t`, each a unary call with the called contract's messages.
pub fn client_methods(t: &GrpcTarget, names: &ClientNames, ty: &str) -> String {
    let mut out = String::new();
    for (si, s) in t.services.iter().enumerate() {
        let pkg = package(s);
        for (ri, r) in s.contract.rpcs.iter().enumerate() {
            let Some(name) = names.methods.get(si).and_then(|v| v.get(ri)) else {
                continue;
            };
            let summary = comment(&r.endpoint.summary);
            let _ = writeln!(
                out,
                "\n// {name} calls `rpc {}` of `{}.{}`{}\nfunc (c *{ty}) {name}(ctx platform.Ctx, request *{pkg}.{}) (*{pkg}.{}, error) {{\n\tout := &{pkg}.{}{{}}\n\terr := c.grpc.Invoke(ctx, {}, request, out)\n\treturn out, err\n}}",
                r.name,
                s.contract.package,
                s.contract.service,
                after_colon_or_stop(&summary),
                r.request,
                r.response,
                r.response,
                go_str(&format!(
                    "/{}.{}/{}",
                    s.contract.package, s.contract.service, r.name
                ))
            );
        }
    }
    out
}

fn scheme(auth: Auth) -> &'static str {
    match auth {
        Auth::ApiKey => "apiKey",
        Auth::Mtls => "mtls",
        _ => "jwt",
    }
}

/// The body of `internal/rpc/rpc.go` (its imports are added by the caller).
pub fn rpc_go_body(p: &Project, n: &Naming, uses_auth: bool) -> String {
    let mut body = String::from(
        "\n// Handler serves every gRPC service of the project (over HTTP/2; see platform.ServeGRPC).\nfunc Handler(cfg config.Config, svc *services.Service) http.Handler {\n\ts := platform.NewGrpcServer()\n",
    );
    for (si, s) in p.grpc.iter().enumerate() {
        let pkg = package(s);
        let _ = writeln!(
            body,
            "\t// {}.{}, from proto/{}.",
            s.contract.package, s.contract.service, s.file
        );
        for (ri, r) in s.contract.rpcs.iter().enumerate() {
            let name = n
                .rpcs
                .get(si)
                .and_then(|v| v.get(ri))
                .cloned()
                .unwrap_or_default();
            let check = if uses_auth && r.endpoint.auth {
                format!(
                    "\t\tif err := platform.CheckAuth(\"{}\", cfg.JWTSecret, cfg.APIKeys, r); err != nil {{\n\t\t\treturn nil, err\n\t\t}}\n",
                    scheme(p.auth)
                )
            } else {
                String::new()
            };
            let _ = writeln!(
                body,
                "\ts.Handle({}, func(ctx platform.Ctx, r *http.Request, body []byte) ([]byte, error) {{\n\t\tplatform.Log(\"info\", \"request received\", \"request_id\", ctx.RequestID, \"operation\", {})\n{check}\t\tvar in {pkg}.{}\n\t\tif err := in.Unmarshal(body); err != nil {{\n\t\t\treturn nil, platform.Err(\"bad_request\", err.Error())\n\t\t}}\n\t\tout, err := svc.{name}(ctx, &in)\n\t\tif err != nil {{\n\t\t\treturn nil, err\n\t\t}}\n\t\treturn out.Marshal(), nil\n\t}})",
                go_str(&format!(
                    "/{}.{}/{}",
                    s.contract.package, s.contract.service, r.name
                )),
                go_str(&r.name),
                r.request
            );
        }
    }
    body.push_str("\t_ = cfg\n\treturn s\n}\n");
    body
}

/// `internal/rpc/rpc_test.go`: the first RPC that does not forward answers through an HTTP/2
/// client on an `httptest` TLS server (and, if it requires auth, refuses a call without
/// credentials). When every RPC forwards, the first one answers UNAVAILABLE with its server's
/// address pointing nowhere (port 1): the forward was tried and its failure mapped.
pub fn rpc_test(p: &Project, module: &str, uses_auth: bool) -> Option<String> {
    let all = p.grpc.iter().enumerate().flat_map(|(si, s)| {
        (0..s.contract.rpcs.len()).map(move |ri| RpcRef {
            service: si,
            rpc: ri,
        })
    });
    let chosen = all
        .clone()
        .find(|r| p.rpc_forward(*r).is_none())
        .or_else(|| all.clone().next())?;
    let forwards = p.rpc_forward(chosen).is_some();
    let s = p.grpc.get(chosen.service)?;
    let r = s.contract.rpcs.get(chosen.rpc)?;
    let pkg = package(s);
    let needs_auth = uses_auth && r.endpoint.auth;
    let (lookup, header) = match p.auth {
        _ if !needs_auth => ("return \"\"".to_owned(), String::new()),
        Auth::ApiKey => (
            "if name == \"API_KEYS\" {\n\t\t\treturn \"test-key\"\n\t\t}\n\t\treturn \"\"".to_owned(),
            "\"X-Api-Key\", \"test-key\"".to_owned(),
        ),
        Auth::Mtls => (
            "return \"\"".to_owned(),
            "\"X-Client-Verify\", \"SUCCESS\"".to_owned(),
        ),
        _ => (
            "if name == \"JWT_SECRET\" {\n\t\t\treturn \"test-secret\"\n\t\t}\n\t\treturn \"\"".to_owned(),
            "\"Authorization\", \"Bearer \"+platform.SignJWT(map[string]interface{}{\"sub\": \"test\", \"exp\": 4102444800}, \"test-secret\")".to_owned(),
        ),
    };
    let nowhere: String = p
        .clients
        .iter()
        .filter_map(|c| c.grpc.as_ref())
        .map(|t| {
            format!(
                "if name == {} {{\n\t\t\treturn \"https://127.0.0.1:1\"\n\t\t}}\n\t\t",
                go_str(&t.var)
            )
        })
        .collect();
    let lookup = if forwards {
        format!("{nowhere}{lookup}")
    } else {
        lookup
    };
    let (status, test, check) = if forwards {
        (
            "14",
            format!(
                "{}ForwardsAndAnswersUnavailableWithoutItsServer",
                to_case(&r.name, Case::Pascal)
            ),
            "\t_ = body\n}\n".to_owned(),
        )
    } else {
        (
            "0",
            format!("{}Answers", to_case(&r.name, Case::Pascal)),
            format!(
                "\tmessage, err := platform.Unframe(body)\n\tif err != nil {{\n\t\tt.Fatal(err)\n\t}}\n\tvar reply {pkg}.{resp}\n\tif err := reply.Unmarshal(message); err != nil {{\n\t\tt.Fatal(err)\n\t}}\n\tif !bytes.Equal(reply.Marshal(), (&{pkg}.{resp}{{}}).Marshal()) {{\n\t\tt.Fatalf(\"unexpected reply %+v\", reply)\n\t}}\n}}\n",
                resp = r.response
            ),
        )
    };
    let refused = if needs_auth {
        "\tif resp, _ := call(nil); resp.Trailer.Get(\"Grpc-Status\") != \"16\" {\n\t\tt.Fatalf(\"a call without credentials answered grpc-status %q\", resp.Trailer.Get(\"Grpc-Status\"))\n\t}\n"
    } else {
        ""
    };
    let credentials = if header.is_empty() {
        "nil".to_owned()
    } else {
        format!("[]string{{{header}}}")
    };
    let full = format!("{}.{}", s.contract.package, s.contract.service);
    Some(format!(
        "// `rpc {rpc}` of `{full}` answers over TLS and HTTP/2 on an httptest server.\npackage rpc\n\nimport (\n\t\"bytes\"\n\t\"io\"\n\t\"net/http\"\n\t\"net/http/httptest\"\n\t\"testing\"\n\n\t\"{module}/internal/config\"\n\t\"{module}/internal/pb/{pkg}\"\n\t\"{module}/internal/platform\"\n\t\"{module}/internal/services\"\n)\n\nfunc Test{test}(t *testing.T) {{\n\tcfg, err := config.FromLookup(func(name string) string {{\n\t\t{lookup}\n\t}})\n\tif err != nil {{\n\t\tt.Fatal(err)\n\t}}\n\tsrv := httptest.NewUnstartedServer(Handler(cfg, services.New(cfg)))\n\tsrv.EnableHTTP2 = true\n\tsrv.StartTLS()\n\tdefer srv.Close()\n\tcall := func(header []string) (*http.Response, []byte) {{\n\t\trequest := (&{pkg}.{req}{{}}).Marshal()\n\t\treq, err := http.NewRequest(http.MethodPost, srv.URL+{path}, bytes.NewReader(platform.Frame(request)))\n\t\tif err != nil {{\n\t\t\tt.Fatal(err)\n\t\t}}\n\t\treq.Header.Set(\"Content-Type\", \"application/grpc\")\n\t\treq.Header.Set(\"Te\", \"trailers\")\n\t\tfor i := 0; i+1 < len(header); i += 2 {{\n\t\t\treq.Header.Set(header[i], header[i+1])\n\t\t}}\n\t\tresp, err := srv.Client().Do(req)\n\t\tif err != nil {{\n\t\t\tt.Fatal(err)\n\t\t}}\n\t\tdefer resp.Body.Close()\n\t\tbody, err := io.ReadAll(resp.Body)\n\t\tif err != nil {{\n\t\t\tt.Fatal(err)\n\t\t}}\n\t\treturn resp, body\n\t}}\n{refused}\tresp, body := call({credentials})\n\tif resp.ProtoMajor != 2 {{\n\t\tt.Fatalf(\"served over %s, not HTTP/2\", resp.Proto)\n\t}}\n\tif status := resp.Trailer.Get(\"Grpc-Status\"); status != \"{status}\" {{\n\t\tt.Fatalf(\"grpc-status %q: %s\", status, resp.Trailer.Get(\"Grpc-Message\"))\n\t}}\n{check}",
        rpc = r.name,
        req = r.request,
        path = go_str(&format!(
            "/{}.{}/{}",
            s.contract.package, s.contract.service, r.name
        )),
    ))
}

/// The `Config` fields.
pub fn config_fields() -> String {
    format!(
        "\t// GRPCPort is {GRPC_PORT_VAR}: the port the gRPC server listens on (TLS, HTTP/2).\n\tGRPCPort int\n\t// GRPCCert is {GRPC_TLS_CERT_VAR}: the server certificate's file (self-signed without it).\n\tGRPCCert string\n\t// GRPCKey is {GRPC_TLS_KEY_VAR}: the certificate's private key file.\n\tGRPCKey string"
    )
}

/// The lines of `FromLookup` that read the gRPC port (before `var keys`).
pub fn config_read(p: &Project) -> String {
    format!(
        "\tgrpcPort, err := strconv.Atoi(read(\"{GRPC_PORT_VAR}\", \"{}\"))\n\tif err != nil || grpcPort < 1 || grpcPort > 65535 {{\n\t\treturn Config{{}}, fmt.Errorf(\"{GRPC_PORT_VAR} must be a port number\")\n\t}}\n",
        p.grpc_port()
    )
}

/// The fields of the `Config` literal.
pub fn config_values() -> String {
    format!(
        "\t\tGRPCPort: grpcPort,\n\t\tGRPCCert: lookup(\"{GRPC_TLS_CERT_VAR}\"),\n\t\tGRPCKey:  lookup(\"{GRPC_TLS_KEY_VAR}\"),\n"
    )
}

/// The lines of `main` that start the gRPC server.
pub fn main_lines(p: &Project) -> String {
    format!(
        "\tgo func() {{\n\t\tplatform.Log(\"info\", \"gRPC listening\", \"service\", {}, \"port\", cfg.GRPCPort)\n\t\tif err := platform.ServeGRPC(done, fmt.Sprintf(\":%d\", cfg.GRPCPort), cfg.GRPCCert, cfg.GRPCKey, rpc.Handler(cfg, svc)); err != nil {{\n\t\t\tplatform.Log(\"error\", \"gRPC server stopped\", \"error\", err.Error())\n\t\t}}\n\t}}()\n",
        go_str(p.id.as_str())
    )
}
