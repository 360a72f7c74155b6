//! Generated models of any size, for benchmarks and stress tests.
//!
//! Deterministic (a fixed seed gives the same model) and plausible: a mix of every kind with
//! endpoints, entities and topics, connections of the types those kinds allow, groups, and a
//! layout on a grid, so every subsystem has realistic work to do.

use super::{
    ApiSpec, Architecture, Auth, CallSpec, Component, Connection, ConnectionKind, DatabaseSpec,
    Endpoint, Field, FieldType, Group, GroupKind, Id, Kind, Method, Placement, QueueSpec, Schema,
    Spec, Topic,
};

/// A small, fast, deterministic pseudo-random generator (xorshift64*).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (0 is replaced by a fixed non-zero value).
    pub fn new(seed: u64) -> Self {
        Self(if seed == 0 {
            0x9E37_79B9_7F4A_7C15
        } else {
            seed
        })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

/// A model with `components` components and about `connections` connections.
pub fn generate(components: usize, connections: usize, seed: u64) -> Architecture {
    let mut rng = Rng::new(seed);
    let mut arch = Architecture::new(format!("Generated {components}"));
    arch.description = "A generated model for benchmarks.".into();
    let mut ids = Vec::with_capacity(components);
    let mut kinds = Vec::with_capacity(components);
    let columns = (components as f32).sqrt().ceil().max(1.0) as usize;
    for i in 0..components {
        let kind = pick_kind(&mut rng);
        let id =
            Id::new(format!("{}-{i}", kind.keyword())).unwrap_or_else(|_| Id::slugify("x", "x"));
        let mut c = Component::new(id.clone(), format!("{} {i}", kind.label()), kind);
        c.description = format!("Generated {} number {i}.", kind.label());
        fill_spec(&mut c.spec, i);
        arch.layout.insert(
            id.clone(),
            Placement::at((i % columns) as f32 * 240.0, (i / columns) as f32 * 160.0),
        );
        arch.components.insert(c);
        ids.push(id);
        kinds.push(kind);
    }
    let mut made = 0;
    let mut attempts = 0;
    while made < connections && attempts < connections * 10 && components > 1 {
        attempts += 1;
        let a = rng.below(components);
        // Mostly local edges (neighbours on the grid), some long ones.
        let b = if rng.below(4) == 0 {
            rng.below(components)
        } else {
            (a + 1 + rng.below(columns.min(components - 1).max(1))) % components
        };
        if a == b {
            continue;
        }
        let (Some(from), Some(to)) = (ids.get(a), ids.get(b)) else {
            continue;
        };
        let (Some(&ka), Some(&kb)) = (kinds.get(a), kinds.get(b)) else {
            continue;
        };
        let Some(kind) = plausible_connection(ka, kb, made) else {
            continue;
        };
        let id = Id::new(format!("c{made}")).unwrap_or_else(|_| Id::slugify("c", "c"));
        let mut conn = Connection::new(id, from.clone(), to.clone(), kind);
        if made % 3 == 0 {
            conn.label = format!("link {made}");
        }
        arch.connections.insert(conn);
        made += 1;
    }
    let group_size = 25;
    for (g, chunk) in ids
        .chunks(group_size)
        .enumerate()
        .filter(|(g, _)| g % 2 == 0)
    {
        let Ok(id) = Id::new(format!("group-{g}")) else {
            continue;
        };
        let mut group = Group::new(id, format!("Context {g}"), GroupKind::BoundedContext);
        group.members = chunk.iter().cloned().collect();
        arch.groups.insert(group);
    }
    arch
}

fn pick_kind(rng: &mut Rng) -> Kind {
    match rng.below(20) {
        0..=6 => Kind::Service,
        7..=8 => Kind::Api,
        9..=11 => Kind::Database,
        12..=13 => Kind::Queue,
        14 => Kind::Cache,
        15..=16 => Kind::Worker,
        17 => Kind::Client,
        18 => Kind::External,
        _ => Kind::Storage,
    }
}

fn fill_spec(spec: &mut Spec, i: usize) {
    match spec {
        Spec::Service(s) => {
            s.port = Some(8000 + (i % 1000) as u16);
            s.replicas = 1 + (i % 3) as u32;
        }
        Spec::Api(ApiSpec {
            endpoints,
            auth,
            public,
            ..
        }) => {
            *public = i.is_multiple_of(2);
            *auth = Auth::Jwt;
            for (n, method) in [Method::Get, Method::Post, Method::Delete]
                .into_iter()
                .enumerate()
            {
                endpoints.push(Endpoint {
                    method,
                    path: format!("/items-{i}/{{id}}/part-{n}"),
                    summary: format!("Operation {n}"),
                    auth: true,
                    ..Endpoint::default()
                });
            }
        }
        Spec::Database(DatabaseSpec { entities, .. }) => {
            if let Ok(name) = Id::new(format!("entity-{i}")) {
                let mut e = Schema::new(name);
                let mut key = Field::new("id", FieldType::Uuid);
                key.primary_key = true;
                e.fields = vec![
                    key,
                    Field::new("name", FieldType::String),
                    Field::new("created_at", FieldType::Timestamp),
                ];
                entities.push(e);
            }
        }
        Spec::Queue(QueueSpec { topics, .. }) => {
            topics.push(Topic {
                name: format!("topic.{i}"),
                ..Topic::default()
            });
        }
        _ => {}
    }
}

fn plausible_connection(from: Kind, to: Kind, n: usize) -> Option<ConnectionKind> {
    use Kind::*;
    Some(match (from, to) {
        (Client | Api | Service | Worker | External, Api | Service) => {
            ConnectionKind::Calls(CallSpec {
                timeout_ms: n.is_multiple_of(2).then_some(1000),
                retries: (n % 3) as u32,
                ..CallSpec::default()
            })
        }
        (Service | Worker, External) => ConnectionKind::Calls(CallSpec::default()),
        (Service | Worker, Database) => {
            if n.is_multiple_of(2) {
                ConnectionKind::Writes
            } else {
                ConnectionKind::Reads
            }
        }
        (Service | Worker, Cache | Storage) => ConnectionKind::Reads,
        (Service | Api, Queue) => ConnectionKind::Publishes {
            topic: String::new(),
        },
        (Worker, Queue) => ConnectionKind::Consumes {
            topic: String::new(),
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_determinism() {
        let a = generate(300, 450, 7);
        assert_eq!(a.components.len(), 300);
        assert_eq!(a.connections.len(), 450);
        assert_eq!(a, generate(300, 450, 7));
        assert_ne!(a, generate(300, 450, 8));
        // Every connection joins two existing components.
        for c in a.connections.iter() {
            assert!(a.components.contains(c.from.as_str()) && a.components.contains(c.to.as_str()));
        }
    }
}
