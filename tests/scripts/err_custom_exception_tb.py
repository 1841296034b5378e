class ConfigError(Exception):
    def __init__(self, key):
        super().__init__(f"missing key: {key}")
        self.key = key
def load(cfg, key):
    if key not in cfg:
        raise ConfigError(key)
    return cfg[key]
def main():
    cfg = {"host": "localhost"}
    print(load(cfg, "host"))
    print(load(cfg, "port"))
main()
