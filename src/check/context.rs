//! What every rule reads: the model, its index, and the graphs built at most once per run.

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
    /// Components and connections by index.
    pub index: ModelIndex<'a>,
    groups: OnceLock<GroupIndex<'a>>,
    sync: OnceLock<SyncGraph>,
    topology: OnceLock<Topology>,
    reach: OnceLock<ReachGraph>,
}

impl<'a> Context<'a> {
    /// Indexes `arch`; graphs come later, on demand.
    pub fn new(arch: &'a Architecture) -> Self {
        Self {
            arch,
            index: ModelIndex::new(arch),
            groups: OnceLock::new(),
            sync: OnceLock::new(),
            topology: OnceLock::new(),
            reach: OnceLock::new(),
        }
    }

    /// Groups by index.
    pub fn groups(&self) -> &GroupIndex<'a> {
        self.groups.get_or_init(|| GroupIndex::new(self.arch))
    }

    /// The synchronous-call graph and its strongly connected components.
    pub fn sync(&self) -> &SyncGraph {
        self.sync.get_or_init(|| SyncGraph::new(&self.index))
    }

    /// The undirected topology.
    pub fn topology(&self) -> &Topology {
        self.topology.get_or_init(|| Topology::new(&self.index))
    }

    /// The reachability graph.
    pub fn reach(&self) -> &ReachGraph {
        self.reach.get_or_init(|| ReachGraph::new(&self.index))
    }
}
