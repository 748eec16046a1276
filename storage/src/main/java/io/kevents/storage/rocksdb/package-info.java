/** The embedded, durable store on RocksDB (chosen by measurement over SQLite and H2's MVStore). */
package io.kevents.storage.rocksdb;
