/** What the scheduler knows of the cluster: nodes, bound pods, and pods assumed while their binding is in flight. */
package io.kevents.scheduler.cache;
