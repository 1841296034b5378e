class AppError(Exception):
    pass
class ValidationError(AppError):
    def __init__(self, field, message):
        super().__init__(f"{field}: {message}")
        self.field = field
class NotFound(AppError, LookupError):
    pass
def validate(data):
    if "name" not in data:
        raise ValidationError("name", "required")
    if data["name"] == "ghost":
        raise NotFound(data["name"])
    return True
for d in [{}, {"name": "ghost"}, {"name": "ok"}]:
    try:
        print(validate(d))
    except ValidationError as e:
        print("validation:", e, e.field, e.args)
    except LookupError as e:
        print("lookup:", repr(e), isinstance(e, AppError))
try:
    raise AppError("plain")
except Exception as e:
    print(type(e).__name__, str(e), e.args)
class WithStr(Exception):
    def __str__(self):
        return "custom message"
try:
    raise WithStr(1, 2)
except WithStr as e:
    print(e, e.args)
print(issubclass(NotFound, KeyError), issubclass(NotFound, LookupError), NotFound.__mro__[1].__name__)
raise ValidationError("age", "must be positive")
