config = {
    "name": "demo",
    "version": (1, 2, 3),
    "servers": [{"host": "a", "ports": [80, 443]}, {"host": "b", "ports": []}],
    "flags": {"debug": False, "verbose": True},
}
print(config)
print(config["servers"][0]["ports"][-1], config["version"][1:], sorted(config["flags"]))
total_ports = 0
for s in config["servers"]:
    total_ports += len(s["ports"])
print(total_ports)
tree = [1, [2, [3, [4, []]]]]
def depth(t):
    return 0 if not t else 1 + depth(t[1])
def flatten(t):
    out = []
    for x in t:
        if isinstance(x, list):
            out.extend(flatten(x))
        else:
            out.append(x)
    return out
print(depth(tree), flatten([1, [2, [3, 4], 5], [[6]]]))
grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid)
shared = [[0] * 3] * 3
shared[0][0] = 1
print(shared)
a = [1, 2]
a.append(a)
print(a)
d = {}
d["self"] = d
print(d)
