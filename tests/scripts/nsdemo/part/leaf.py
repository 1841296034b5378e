print("nsdemo.part.leaf:", __name__, __package__)
LEAF = "leaf"
