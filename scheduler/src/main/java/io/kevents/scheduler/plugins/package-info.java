/** The default plugins: NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit, the score plugins and preemption's message. */
package io.kevents.scheduler.plugins;
