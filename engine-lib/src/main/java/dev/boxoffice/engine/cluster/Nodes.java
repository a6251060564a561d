package dev.boxoffice.engine.cluster;

import java.util.List;

/**
 * The nodes sharing the engine's stores: every engine on the same database reports its consumer instances and the
 * duties it holds, so that any node can show all of them. On the embedded default (SQLite files) there is one.
 */
public interface Nodes {

    /** This node's id. */
    String self();

    /** Every node that reported into the stores, this one first, then by id. */
    List<NodeStatus> list();

    /**
     * This run of this node: an id that changes each time the engine is built, for an application that records which
     * run did something (a claim on a request, say) and must later tell whether that run is still going.
     */
    String run();

    /** Whether a run of some node is still going: this run always, another while it reports into the stores. */
    boolean isRunning(String run);
}
