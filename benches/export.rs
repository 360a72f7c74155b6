//! Export speed: planning (and writing) a generated model with 1 000 services.
//!
//! The budget: under 2 s for 1 000 services in a release build, external tools not
//! counted. `plan` is the pure part; `plan_and_write_*` adds writing every file (and the
//! manifest) into a fresh folder, once in memory (`/dev/shm`, what the export itself costs)
//! and once on the temporary folder's disk (where creating tens of thousands of files costs
//! what the file system makes it cost).

use archcanvas::export::{self, ExportOptions, WriteOptions};
use archcanvas::model::{
    Architecture, ConnectionKind, Endpoint, Kind, Method, Protocol, Spec, generate::generate,
};

/// What the `archcanvas` binary allocates with, so the figures are those of what ships.
#[global_allocator]
static ALLOCATOR: archcanvas::Allocator = mimalloc::MiMalloc;

fn main() {
    archcanvas::keep_freed_memory();
    divan::main();
}

/// A generated model with exactly `services` services (the generator mixes kinds, so it is
/// grown until enough of them are services).
fn model(services: usize) -> Architecture {
    let mut n = services;
    loop {
        let arch = generate(n, n * 3 / 2, 7);
        let count = arch
            .components
            .iter()
            .filter(|c| c.kind() == Kind::Service)
            .count();
        if count >= services {
            return arch;
        }
        n += services / 4 + 1;
    }
}

#[divan::bench(sample_count = 5)]
fn plan_1000_services(bencher: divan::Bencher) {
    let arch = model(1000);
    bencher.bench(|| export::plan(&arch, &ExportOptions::default()).map(|p| p.len()));
}

/// The same model with every call made over gRPC and every service serving two RPCs beside
/// its routes: gRPC servers, clients and forwards in every project.
#[divan::bench(sample_count = 5)]
fn plan_1000_services_over_grpc(bencher: divan::Bencher) {
    let mut arch = model(1000);
    for c in arch.components.iter_mut() {
        if let Spec::Service(s) = &mut c.spec {
            for name in ["GetState", "Apply"] {
                let request = s.endpoints.iter().find_map(|e| e.request.clone());
                s.endpoints.push(Endpoint {
                    method: Method::Rpc,
                    path: name.to_owned(),
                    summary: String::new(),
                    response: request.clone(),
                    request,
                    response_list: false,
                    auth: false,
                });
            }
        }
    }
    for k in arch.connections.iter_mut() {
        if let ConnectionKind::Calls(call) = &mut k.kind {
            call.protocol = Protocol::Grpc;
        }
    }
    bencher.bench(|| export::plan(&arch, &ExportOptions::default()).map(|p| p.len()));
}

fn plan_and_write(bencher: divan::Bencher, folder: fn() -> tempfile::TempDir) {
    let arch = model(1000);
    bencher.with_inputs(folder).bench_values(|dir| {
        let plan = export::plan(&arch, &ExportOptions::default()).expect("plan");
        export::write_plan(&plan, dir.path(), WriteOptions::default(), &mut |_| {})
            .map(|r| r.written())
    });
}

#[divan::bench(sample_count = 3)]
fn plan_and_write_1000_services_in_memory(bencher: divan::Bencher) {
    plan_and_write(bencher, || {
        tempfile::tempdir_in("/dev/shm")
            .or_else(|_| tempfile::tempdir())
            .expect("a temporary folder")
    });
}

#[divan::bench(sample_count = 3)]
fn plan_and_write_1000_services_on_disk(bencher: divan::Bencher) {
    plan_and_write(bencher, || tempfile::tempdir().expect("a temporary folder"));
}
