package dev.boxoffice.engine;

import java.time.Duration;

/**
 * Another running engine sharing the stores has the same node id: the nodes would report over each other and could
 * not tell their duties apart. Nothing was started; the running node is untouched. Give each node its own id
 * ({@link BoxOfficeBuilder#nodeId}).
 */
public class NodeIdInUseException extends BoxOfficeException {

    private final String nodeId;

    public NodeIdInUseException(String nodeId, Duration lastSeenAgo) {
        super("Node id '" + nodeId + "' is in use by a running node (it reported " + lastSeenAgo.toMillis()
                + " ms ago): give each node sharing the database its own id");
        this.nodeId = nodeId;
    }

    /** The node id that is taken. */
    public String nodeId() {
        return nodeId;
    }
}
