package io.kevents.scheduler.framework;

/**
 * Why one node was rejected in a cycle: the first failing filter's status.
 *
 * @param node   the node as the cycle saw it
 * @param status the rejection
 */
public record NodeStatus(NodeInfo node, Status status) {
}
