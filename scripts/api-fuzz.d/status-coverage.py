"""Which documented statuses real requests reached: reads the OpenAPI document, then the HAR
files of schemathesis's runs (scripts/api-fuzz) and the JSONL files the server crate's API
tests write when ACCOUNT_STATUS_RECORD names a directory (one `{"method", "path", "status"}`
per answer); prints each operation's documented statuses no request got, and a total.

    python status-coverage.py [--require] openapi.json FILE.har|FILE.jsonl ...

Without --require it only reports, and operations no request reached are not listed. With
--require, every documented (operation, status) must have been answered at least once, also
those of operations never requested: it exits 1 listing what is missing.
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


def answers(path):
    """(method, URL path, status) of every answer a HAR or JSONL file holds."""
    with open(path) as file:
        if path.endswith(".jsonl"):
            for line in file:
                answer = json.loads(line)
                yield answer["method"], answer["path"], answer["status"]
        else:
            for entry in json.load(file)["log"]["entries"]:
                url_path = urlsplit(entry["request"]["url"]).path
                yield entry["request"]["method"], url_path, entry["response"]["status"]


def main(document_path, answer_paths, require):
    operations = templates(json.load(open(document_path)))
    seen = {}
    for answer_path in answer_paths:
        for method, url_path, status in answers(answer_path):
            operation = operation_of(method, url_path, operations)
            if operation is not None:
                seen.setdefault((operation[0], operation[1]), set()).add(str(status))
    documented = reached = 0
    for method, path, _, statuses in sorted(operations, key=lambda op: (op[1], op[0])):
        got = seen.get((method, path))
        if got is None and not require:
            continue
        got = got or set()
        documented += len(statuses)
        reached += len(statuses & got)
        missing = sorted(statuses - got)
        if missing:
            print(f"  {method} {path}: never {', '.join(missing)}")
    print(f"documented statuses reached: {reached} of {documented} "
          f"({len(seen)} of {len(operations)} operations requested)")
    if require and reached < documented:
        print(f"status-coverage: {documented - reached} documented statuses no request "
              "reached (above)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    require = "--require" in arguments
    arguments = [a for a in arguments if a != "--require"]
    if len(arguments) < 2:
        sys.exit(__doc__)
    sys.exit(main(arguments[0], arguments[1:], require))
