"""Watches core/v1 events of one namespace with the official Python client and prints what it sees.

Usage: /usr/bin/python3 watch_events.py SERVER_URL NAMESPACE TIMEOUT_SECONDS

Prints "LISTED <resourceVersion> <names>" after an initial list, then one line per watch event,
"<TYPE> <name> <reason> <count>", then "END" when the server ends the stream after TIMEOUT_SECONDS.
Every line is flushed at once, so a test can act on it while the watch runs.
"""
import sys

from kubernetes import client, watch


def main():
    server, namespace, timeout_seconds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    configuration = client.Configuration()
    configuration.host = server
    api = client.CoreV1Api(client.ApiClient(configuration))

    listed = api.list_namespaced_event(namespace)
    names = ",".join(sorted(event.metadata.name for event in listed.items)) or "-"
    print("LISTED", listed.metadata.resource_version, names, flush=True)

    stream = watch.Watch().stream(api.list_namespaced_event, namespace=namespace,
                                  resource_version=listed.metadata.resource_version,
                                  timeout_seconds=timeout_seconds)
    for event in stream:
        obj = event["object"]
        print(event["type"], obj.metadata.name, obj.reason, obj.count, flush=True)
    print("END", flush=True)


if __name__ == "__main__":
    main()
