//! What every rule reads: the model, its index, and the graphs built at most once per run.
//!
//! The index too is built on first use: the rules that read only the model itself (the
//! secret sieve reads every text) start at once on one thread while another builds the
//! index, instead of every rule waiting for it.

use std::sync::OnceLock;

use crate::model::Architecture;

use super::ModelIndex;
use super::groups::GroupIndex;
use super::reach_graph::ReachGraph;
use super::sync_graph::SyncGraph;
use super::topology::Topology;

/// The model and the structures derived from it for one run.
///
/// Graphs are built on first use: a run where the model turns off every rule that needs the
/// topology never builds it, and two rules that need the synchronous-call graph share one.
/// Rules run on several threads at once, so the cells are `OnceLock`s: a second rule that
/// asks for a graph while another thread builds it waits for that one.
pub(crate) struct Context<'a> {
    /// The model.
    pub arch: &'a Architecture,
    index: OnceLock<ModelIndex<'a>>,
    groups: OnceLock<GroupIndex<'a>>,
    sync: OnceLock<SyncGraph>,
    topology: OnceLock<Topology>,
    reach: OnceLock<ReachGraph>,
}

impl<'a> Context<'a> {
    /// A context for `arch`; the index and the graphs come later, on demand.
    pub fn new(arch: &'a Architecture) -> Self {
        Self {
            arch,
            index: OnceLock::new(),
            groups: OnceLock::new(),
            sync: OnceLock::new(),
            topology: OnceLock::new(),
            reach: OnceLock::new(),
        }
    }

    /// Components and connections by number.
    pub fn index(&self) -> &ModelIndex<'a> {
        self.index.get_or_init(|| ModelIndex::new(self.arch))
    }

    /// Groups by index.
    pub fn groups(&self) -> &GroupIndex<'a> {
        self.groups.get_or_init(|| GroupIndex::new(self.arch))
    }

    /// The synchronous-call graph and its strongly connected components.
    pub fn sync(&self) -> &SyncGraph {
        self.sync.get_or_init(|| SyncGraph::new(self.index()))
    }

    /// The undirected topology.
    pub fn topology(&self) -> &Topology {
        self.topology.get_or_init(|| Topology::new(self.index()))
    }

    /// The reachability graph.
    pub fn reach(&self) -> &ReachGraph {
        self.reach.get_or_init(|| ReachGraph::new(self.index()))
    }
}
