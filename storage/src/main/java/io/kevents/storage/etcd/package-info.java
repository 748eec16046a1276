/** The store on a real etcd cluster: grouped transactions, shared leases, etcd watches. */
package io.kevents.storage.etcd;
