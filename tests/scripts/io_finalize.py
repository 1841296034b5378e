# Finalizers of io objects and of classes derived from them: a dropped
# stream is closed through its own close(), unless the class defines
# __del__, which then runs instead (checked against python3).
import io
class S(io.StringIO):
    def close(self):
        print('closing', self.getvalue()); super().close()
class T(io.RawIOBase):
    def close(self):
        print('raw closing'); super().close()
s = S('x'); del s
t = T(); del t
class U(io.BytesIO):
    def __del__(self): print('own del')
    def close(self): print('never'); super().close()
u = U(); del u
print('end')
