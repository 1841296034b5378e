# PEP 3131 identifiers: NFKC-normalized, so different spellings of one
# character (µ/μ, the ﬁ ligature, fullwidth and blackletter letters) name
# one variable, in assignments, attributes and keyword arguments.
µ = 1
print(μ)
ﬁle = "ligature"
print(file)
ℌ = 3
print(H)
naïve = 5
print(naïve)
class Ω:
    ｘ = 7
print(Ω.x, [k for k in vars(Ω) if not k.startswith("_")])
def f(**kw): return sorted(kw)
print(f(ﬁle=1, µ=2))
print(globals().get("µ"), "μ" in globals())
