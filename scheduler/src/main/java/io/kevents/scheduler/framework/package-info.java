/** The plugin framework: plugin interfaces, statuses, the pod and node views plugins read, and the algorithm that filters, scores and picks a node. */
package io.kevents.scheduler.framework;
