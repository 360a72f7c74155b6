//! Each kind's own properties.

use egui::{Grid, Ui};

use crate::model::{
    ApiStyle, Architecture, Auth, CacheEngine, ClientPlatform, DbEngine, Id, Language, QueueEngine,
    Spec, StorageEngine, Trigger,
};

use super::widgets::{self, parse_optional_u32, parse_port, row};
use super::{Inspector, tables};

/// Draws the editor of `spec` (the spec of component `id`).
pub fn ui(inspector: &mut Inspector, ui: &mut Ui, arch: &Architecture, id: &Id, spec: &mut Spec) {
    Grid::new("spec-grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .min_col_width(80.0)
        .show(ui, |ui| match spec {
            Spec::Service(s) => {
                widgets::combo(ui, "Language", &mut s.language, &Language::ALL, |l| {
                    l.info().display_name.to_owned()
                });
                widgets::text(ui, "Framework", &mut s.framework);
                port(inspector, ui, id, &mut s.port);
                widgets::number(ui, "Replicas", &mut s.replicas, 1);
            }
            Spec::Api(s) => {
                widgets::combo(ui, "Style", &mut s.style, &ApiStyle::ALL, |x| {
                    x.label().to_owned()
                });
                row(ui, "Public", |ui| {
                    ui.checkbox(&mut s.public, "reachable from the internet")
                });
                widgets::combo(ui, "Auth", &mut s.auth, &Auth::ALL, |x| {
                    x.label().to_owned()
                });
                let key = format!("rate:{id}");
                let current = s.rate_limit.map(|r| r.to_string()).unwrap_or_default();
                if let Some(v) =
                    inspector.validated(ui, &key, "Rate limit /min", &current, parse_optional_u32)
                {
                    s.rate_limit = v;
                }
                port(inspector, ui, id, &mut s.port);
                widgets::number(ui, "Replicas", &mut s.replicas, 1);
            }
            Spec::Database(s) => {
                widgets::combo(ui, "Engine", &mut s.engine, &DbEngine::ALL, |e| {
                    e.info().display_name.to_owned()
                });
                port(inspector, ui, id, &mut s.port);
                widgets::number(ui, "Replicas", &mut s.replicas, 1);
            }
            Spec::Queue(s) => {
                widgets::combo(ui, "Engine", &mut s.engine, &QueueEngine::ALL, |e| {
                    e.info().display_name.to_owned()
                });
                port(inspector, ui, id, &mut s.port);
                widgets::number(ui, "Replicas", &mut s.replicas, 1);
            }
            Spec::Cache(s) => {
                widgets::combo(ui, "Engine", &mut s.engine, &CacheEngine::ALL, |e| {
                    e.info().display_name.to_owned()
                });
                let key = format!("ttl:{id}");
                let current = s.ttl_seconds.map(|r| r.to_string()).unwrap_or_default();
                if let Some(v) =
                    inspector.validated(ui, &key, "TTL seconds", &current, parse_optional_u32)
                {
                    s.ttl_seconds = v;
                }
                port(inspector, ui, id, &mut s.port);
                widgets::number(ui, "Replicas", &mut s.replicas, 1);
            }
            Spec::Worker(s) => {
                widgets::combo(ui, "Language", &mut s.language, &Language::ALL, |l| {
                    l.info().display_name.to_owned()
                });
                let mut scheduled = matches!(s.trigger, Trigger::Schedule(_));
                row(ui, "Trigger", |ui| {
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut scheduled, false, "queue");
                        ui.radio_value(&mut scheduled, true, "schedule");
                    })
                });
                match (&mut s.trigger, scheduled) {
                    (Trigger::Queue, true) => s.trigger = Trigger::Schedule("0 * * * *".into()),
                    (Trigger::Schedule(_), false) => s.trigger = Trigger::Queue,
                    (Trigger::Schedule(cron), true) => widgets::text(ui, "Cron", cron),
                    (Trigger::Queue, false) => {}
                }
                port(inspector, ui, id, &mut s.port);
                widgets::number(ui, "Replicas", &mut s.replicas, 1);
            }
            Spec::Client(s) => {
                widgets::combo(ui, "Platform", &mut s.platform, &ClientPlatform::ALL, |p| {
                    p.label().to_owned()
                });
                widgets::text(ui, "Technology", &mut s.technology);
            }
            Spec::External(s) => {
                widgets::text(ui, "Provider", &mut s.provider);
                widgets::text(ui, "URL", &mut s.url);
                widgets::text(ui, "Docs", &mut s.docs);
            }
            Spec::Storage(s) => {
                widgets::combo(ui, "Engine", &mut s.engine, &StorageEngine::ALL, |e| {
                    e.info().display_name.to_owned()
                });
                port(inspector, ui, id, &mut s.port);
            }
        });
    match spec {
        Spec::Service(s) => tables::endpoints(ui, arch, "service-endpoints", &mut s.endpoints),
        Spec::Api(s) => tables::endpoints(ui, arch, "api-endpoints", &mut s.endpoints),
        Spec::Database(s) => tables::entities(inspector, ui, id, &mut s.entities),
        Spec::Queue(s) => tables::topics(ui, arch, &mut s.topics),
        Spec::Storage(s) => tables::strings(ui, "Buckets", "bucket", &mut s.buckets),
        _ => {}
    }
}

fn port(inspector: &mut Inspector, ui: &mut Ui, id: &Id, value: &mut Option<u16>) {
    let key = format!("port:{id}");
    let current = value.map(|p| p.to_string()).unwrap_or_default();
    if let Some(p) = inspector.validated(ui, &key, "Port", &current, parse_port) {
        *value = p;
    }
}
