/** The in-memory store, for fast unit tests. */
package io.kevents.storage.memory;
