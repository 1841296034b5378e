def classify(exc):
    try:
        raise exc
    except (KeyError, IndexError) as e:
        return f"lookup:{type(e).__name__}"
    except ArithmeticError as e:
        return f"arith:{type(e).__name__}"
    except Exception as e:
        return f"other:{type(e).__name__}"
for e in [KeyError("k"), IndexError(), ZeroDivisionError(), OverflowError(), ValueError(), TypeError()]:
    print(classify(e))
def cleanup_order():
    log = []
    try:
        try:
            log.append("try")
            raise ValueError("x")
        except ValueError:
            log.append("except")
            raise
        finally:
            log.append("inner finally")
    except ValueError:
        log.append("outer except")
    finally:
        log.append("outer finally")
    return log
print(cleanup_order())
def nested_reraise():
    try:
        try:
            1 / 0
        except ZeroDivisionError as e:
            raise ValueError("wrapped") from e
    except ValueError as e:
        return type(e.__cause__).__name__, str(e)
print(nested_reraise())
try:
    try:
        raise KeyError("first")
    finally:
        print("finally with pending exception")
except KeyError as e:
    print("caught after finally", e)
def swallow():
    try:
        raise RuntimeError("gone")
    finally:
        return "finally return wins"
print(swallow())
errors = []
for value in ["1", "x", None, "3"]:
    try:
        errors.append(int(value))
    except (ValueError, TypeError) as e:
        errors.append(type(e).__name__)
print(errors)
