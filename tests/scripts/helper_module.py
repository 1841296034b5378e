CONSTANT = 99
print("helper_module imported as", __name__)
def double(x):
    return x * 2
