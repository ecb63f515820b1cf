"""Which documented statuses schemathesis reached: reads the OpenAPI document and the HAR
files of its runs, prints each operation's documented statuses no request got, and a total.

    python status-coverage.py openapi.json run1.har [run2.har ...]

Only reports: a status some input cannot bring about (a 503 with the store up, a 429 within
the throttle's window) is listed, not failed. Operations left out of the run are not listed.
"""

import json
import re
import sys
from urllib.parse import urlsplit


def templates(document):
    """(method, path template, compiled regex, documented statuses) for every operation."""
    found = []
    for path, operations in document["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$")
        for method, operation in operations.items():
            if method.startswith("x-") or method == "parameters":
                continue
            statuses = {s for s in operation.get("responses", {}) if s.isdigit()}
            found.append((method.upper(), path, pattern, statuses))
    return found


def operation_of(method, url_path, operations):
    """The operation a request hit: a literal path beats a templated one."""
    matches = [op for op in operations if op[0] == method and op[2].match(url_path)]
    return min(matches, key=lambda op: op[1].count("{"), default=None)


def main(document_path, har_paths):
    operations = templates(json.load(open(document_path)))
    seen = {}
    for har_path in har_paths:
        for entry in json.load(open(har_path))["log"]["entries"]:
            url_path = urlsplit(entry["request"]["url"]).path
            operation = operation_of(entry["request"]["method"], url_path, operations)
            if operation is not None:
                seen.setdefault((operation[0], operation[1]), set()).add(
                    str(entry["response"]["status"])
                )
    documented = reached = 0
    for method, path, _, statuses in sorted(operations, key=lambda op: (op[1], op[0])):
        got = seen.get((method, path))
        if got is None:
            continue
        documented += len(statuses)
        reached += len(statuses & got)
        missing = sorted(statuses - got)
        if missing:
            print(f"  {method} {path}: never {', '.join(missing)}")
    print(f"documented statuses reached: {reached} of {documented} "
          f"({len(seen)} operations requested)")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
