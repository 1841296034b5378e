# A character that cannot be part of an identifier, after a valid one.
é€ = 1
