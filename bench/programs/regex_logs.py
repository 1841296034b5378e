# Regular expressions: N generated web-server log lines parsed with `re`
# (a compiled pattern with named groups, findall, sub with a function,
# split, fullmatch validation), then aggregated per status and path.
# Checksum: counts and sums over what the patterns extracted.
import re

from harness import main

LINE = re.compile(
    r'(?P<ip>\d{1,3}(?:\.\d{1,3}){3}) - (?P<user>\w+|-) \[(?P<day>\d{2})/(?P<month>\w{3})/(?P<year>\d{4}):'
    r'(?P<time>[\d:]+) [+-]\d{4}\] "(?P<method>[A-Z]+) (?P<path>[^ ?"]+)(?:\?(?P<query>[^ "]*))? HTTP/1\.[01]" '
    r'(?P<status>\d{3}) (?P<size>\d+|-)')
PARAM = re.compile(r"(\w+)=([^&]*)")
NUMBER = re.compile(r"\d+")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
METHODS = ["GET", "POST", "PUT", "DELETE"]
PATHS = ["/", "/index.html", "/api/items", "/api/items/42", "/static/app.js", "/login", "/search"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def make_lines(n):
    lines = []
    for i in range(n):
        ip = f"{10 + i % 200}.{i % 256}.{(i * 7) % 256}.{(i * 13) % 256}"
        user = "-" if i % 4 else f"user{i % 50}"
        query = f"?q=term{i % 17}&page={i % 9}&mail=u{i % 23}@example.org" if i % 3 == 0 else ""
        status = (200, 200, 200, 304, 404, 500)[i % 6]
        size = "-" if status == 304 else str((i * 37) % 5000)
        lines.append(f'{ip} - {user} [{1 + i % 28:02d}/{MONTHS[i % 12]}/2024:{i % 24:02d}:{i % 60:02d}:{(i * 7) % 60:02d} '
                     f'+0000] "{METHODS[i % 4]} {PATHS[i % 7]}{query} HTTP/1.1" {status} {size}')
    lines.append("garbage line that does not match")
    return lines


def run(n):
    by_status = {}
    by_path = {}
    bytes_sent = 0
    params = 0
    emails = 0
    bad = 0
    digits = 0
    for line in make_lines(n):
        m = LINE.match(line)
        if m is None:
            bad += 1
            continue
        status = m.group("status")
        by_status[status] = by_status.get(status, 0) + 1
        path = m["path"]
        by_path[path] = by_path.get(path, 0) + 1
        if m["size"] != "-":
            bytes_sent += int(m["size"])
        query = m.group("query")
        if query:
            pairs = PARAM.findall(query)
            params += len(pairs)
            emails += len(EMAIL.findall(query))
        digits += sum(int(d) for d in NUMBER.findall(m["time"]))
        masked = NUMBER.sub(lambda d: "#" * len(d.group()), m["ip"])
        assert re.fullmatch(r"#{1,3}(\.#{1,3}){3}", masked)
        assert len(re.split(r"[/.]", path)) >= 2
    summary = ";".join(f"{k}:{v}" for k, v in sorted(by_status.items()))
    top = max(sorted(by_path), key=by_path.get)
    return f"{summary},{top},{bytes_sent},{params},{emails},{digits},{bad}"


if __name__ == "__main__":
    main(run, 30_000)
