# JSON-like parsing: a recursive-descent JSON parser and a serializer
# written in Python (not the json module), run over a generated document
# of nested records. String scanning by index, dict and list building,
# str.join, isinstance dispatch. Checksum: the size of the re-serialized
# text, the number of records and a sum over parsed numbers; the parse is
# checked against the json module's.
import json

from harness import main

WHITESPACE = " \t\n\r"
ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


class Parser:
    def __init__(self, text):
        self.text = text
        self.pos = 0

    def skip(self):
        text, pos = self.text, self.pos
        while pos < len(text) and text[pos] in WHITESPACE:
            pos += 1
        self.pos = pos

    def value(self):
        self.skip()
        c = self.text[self.pos]
        if c == "{":
            return self.obj()
        if c == "[":
            return self.array()
        if c == '"':
            return self.string()
        if c in "-0123456789":
            return self.number()
        for word, result in (("true", True), ("false", False), ("null", None)):
            if self.text.startswith(word, self.pos):
                self.pos += len(word)
                return result
        raise ValueError(f"unexpected {c!r} at {self.pos}")

    def obj(self):
        self.pos += 1
        result = {}
        self.skip()
        if self.text[self.pos] == "}":
            self.pos += 1
            return result
        while True:
            self.skip()
            key = self.string()
            self.skip()
            assert self.text[self.pos] == ":"
            self.pos += 1
            result[key] = self.value()
            self.skip()
            c = self.text[self.pos]
            self.pos += 1
            if c == "}":
                return result
            assert c == ","

    def array(self):
        self.pos += 1
        result = []
        self.skip()
        if self.text[self.pos] == "]":
            self.pos += 1
            return result
        while True:
            result.append(self.value())
            self.skip()
            c = self.text[self.pos]
            self.pos += 1
            if c == "]":
                return result
            assert c == ","

    def string(self):
        text = self.text
        pos = self.pos + 1
        parts = []
        start = pos
        while True:
            c = text[pos]
            if c == '"':
                parts.append(text[start:pos])
                self.pos = pos + 1
                return "".join(parts)
            if c == "\\":
                parts.append(text[start:pos])
                e = text[pos + 1]
                if e == "u":
                    parts.append(chr(int(text[pos + 2:pos + 6], 16)))
                    pos += 6
                else:
                    parts.append(ESCAPES[e])
                    pos += 2
                start = pos
            else:
                pos += 1

    def number(self):
        text = self.text
        start = pos = self.pos
        while pos < len(text) and text[pos] in "+-0123456789.eE":
            pos += 1
        self.pos = pos
        literal = text[start:pos]
        if "." in literal or "e" in literal or "E" in literal:
            return float(literal)
        return int(literal)


def dump(value, out):
    if isinstance(value, dict):
        out.append("{")
        first = True
        for k, v in value.items():
            if not first:
                out.append(", ")
            first = False
            dump(k, out)
            out.append(": ")
            dump(v, out)
        out.append("}")
    elif isinstance(value, list):
        out.append("[")
        for i, v in enumerate(value):
            if i:
                out.append(", ")
            dump(v, out)
        out.append("]")
    elif isinstance(value, str):
        out.append('"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"')
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif value is None:
        out.append("null")
    else:
        out.append(repr(value))


def document(n):
    records = []
    for i in range(n):
        records.append({
            "id": i,
            "name": f"item \"{i}\"\n\u00e9",
            "price": round(i * 1.25 + 0.5, 2),
            "tags": ["t%d" % (i % 7), "t%d" % (i % 11)],
            "active": i % 3 == 0,
            "parent": None if i % 5 else i // 5,
            "dims": {"w": i % 13, "h": (i * 7) % 17, "scale": 1e-3 * i},
        })
    return json.dumps({"version": 2, "records": records}, indent=1)


def numbers(value):
    if isinstance(value, dict):
        return sum(numbers(v) for v in value.values())
    if isinstance(value, list):
        return sum(numbers(v) for v in value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return 0


def run(n):
    text = document(n)
    parsed = Parser(text).value()
    assert parsed == json.loads(text)
    out = []
    dump(parsed, out)
    again = "".join(out)
    assert Parser(again).value() == parsed
    return f"{len(again)},{len(parsed['records'])},{numbers(parsed):.6f}"


if __name__ == "__main__":
    main(run, 3000)
