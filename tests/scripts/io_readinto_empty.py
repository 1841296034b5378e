# BufferedIOBase's default readinto()/readinto1() (through read()/read1()),
# BytesIO.readinto and struct.pack_into with empty buffers too: an empty
# bytearray has no data pointer, which the copy must not be handed (UBSan
# found it under test_io's test_BufferedIOBase_readinto).
import io
class Reader(io.BufferedIOBase):
    def __init__(self, avail):
        self.avail = avail
    def read(self, size):
        result = self.avail[:size]
        self.avail = self.avail[size:]
        return result
    def read1(self, size):
        return self.read(min(size, 5))
for method, avail, request, result in (("readinto", 10, 5, 5), ("readinto", 10, 6, 6), ("readinto", 5, 6, 5), ("readinto", 6, 7, 6), ("readinto", 10, 0, 0), ("readinto1", 10, 5, 5), ("readinto1", 10, 6, 5), ("readinto1", 5, 6, 5), ("readinto1", 6, 7, 5), ("readinto1", 10, 0, 0)):
    reader = Reader(bytes(range(avail)))
    buffer = bytearray((0x81,) * request)
    print(method, getattr(reader, method)(buffer), buffer)
import struct
b = bytearray()
print(io.BytesIO(b"abc").readinto(b), b)
struct.pack_into("", b, 0)
print(struct.calcsize(""), b)
