# subprocess on ftpy's _posixsubprocess.fork_exec (src/modules/
# posixsubprocess.cc): pipes, input, text mode, environment, working
# directory, umask, descriptors passed and closed, timeouts, signals and
# CPython's errors for children that cannot start. Output compared with
# CPython 3.11.
import os
import subprocess
import sys
import tempfile

run = subprocess.run
PIPE = subprocess.PIPE

print(run(["echo", "hello", "world"], capture_output=True))
print(run(["sh", "-c", "echo out; echo err >&2; exit 3"], capture_output=True, text=True))
print(run(["sh", "-c", "echo out; echo err >&2"], stdout=PIPE, stderr=subprocess.STDOUT).stdout)
print(run(["cat"], input=b"some input\n", stdout=PIPE).stdout)
print(run(["tr", "a-z", "A-Z"], input="text mode", capture_output=True, text=True).stdout)
print(subprocess.check_output("echo $GREETING; exit 0", shell=True, env={"GREETING": "hi", "PATH": os.environ["PATH"]}))
print(subprocess.call(["true"]), subprocess.call(["false"]))
print(run(["pwd"], cwd="/", capture_output=True, text=True).stdout.strip())
print(run(["sh", "-c", "umask"], umask=0o077, capture_output=True, text=True).stdout.strip())
print(run(["sh", "-c", "exit 7"]).returncode)

try:
    subprocess.check_output(["sh", "-c", "echo partial; exit 2"])
except subprocess.CalledProcessError as e:
    print("CalledProcessError:", e, e.returncode, e.output)

# Children that cannot start: the error comes back through the error pipe.
for args, kwargs in (
    (["/nonexistent/program"], {}),
    (["no-such-program-on-path-xyz"], {}),
    (["ls"], {"cwd": "/nonexistent-directory"}),
):
    try:
        run(args, **kwargs)
    except OSError as e:
        print(type(e).__name__, e.errno, e.strerror, e.filename)

with tempfile.TemporaryDirectory() as d:
    script = os.path.join(d, "not-executable")
    with open(script, "w") as f:
        f.write("#!/bin/sh\necho never\n")
    try:
        run([script])
    except PermissionError as e:
        print("PermissionError", e.errno, e.strerror, e.filename == script)
    os.chmod(script, 0o755)
    print(run([script], capture_output=True).stdout)

for bad in ([1, 2], ["echo", None]):
    try:
        run(bad)
    except TypeError as e:
        print("TypeError:", e)

# Descriptors: pass_fds reaches the child; other descriptors are closed.
r, w = os.pipe()
run(["sh", "-c", f"echo through-fd >&{w}"], pass_fds=(w,))
os.close(w)
print(os.read(r, 100))
os.close(r)
r, w = os.pipe()
print(run(["sh", "-c", f"echo leaked >&{w}"], stderr=subprocess.DEVNULL).returncode != 0)
os.close(w)
os.close(r)

# Timeouts, signals, Popen.
try:
    run(["sleep", "5"], timeout=0.2)
except subprocess.TimeoutExpired as e:
    print("TimeoutExpired:", e.cmd, 0 < e.timeout <= 0.2)
p = subprocess.Popen(["sleep", "5"])
print(p.poll())
p.kill()
print(p.wait())
with subprocess.Popen(["sh", "-c", "read x; echo got $x"], stdin=PIPE, stdout=PIPE) as p:
    out, _ = p.communicate(b"line\n")
print(out, p.returncode)

# The wait-status functions subprocess uses.
p = subprocess.Popen(["sh", "-c", "exit 5"])
status = os.waitpid(p.pid, 0)[1]
print(os.WIFEXITED(status), os.WEXITSTATUS(status), os.WIFSIGNALED(status), os.WIFSTOPPED(status),
      os.waitstatus_to_exitcode(status))
p = subprocess.Popen(["sleep", "5"])
p.terminate()
status = os.waitpid(p.pid, 0)[1]
print(os.WIFSIGNALED(status), os.WTERMSIG(status), os.WCOREDUMP(status), os.waitstatus_to_exitcode(status))
