"""pymemcache placement oracle for continuum's compat tests (run with Debian's /usr/bin/python3).

Reads a script on standard input and prints, for every key, the index of the node pymemcache
picks (0-based, in the order the nodes were given). No server is contacted.

  via RendezvousHash|HashClient <seed>
  node <host> <port>     (RendezvousHash gets the node "host:port"; HashClient the server (host, port))
  rawnode <hex>          (RendezvousHash only: any node name, as the hex of its UTF-8 bytes)
  keys                   (every following line is one key: its UTF-8 bytes as lowercase hex)
"""
import functools
import sys

from pymemcache.client.hash import HashClient
from pymemcache.client.rendezvous import RendezvousHash


def main():
    lines = sys.stdin.read().split("\n")
    via, seed = None, 0
    nodes = []
    raw = []
    at = 0
    while at < len(lines):
        line = lines[at]
        at += 1
        if line == "keys":
            break
        parts = line.split(" ")
        if parts[0] == "via" and len(parts) == 3:
            via, seed = parts[1], int(parts[2])
        elif parts[0] == "node" and len(parts) == 3:
            nodes.append((parts[1], int(parts[2])))
        elif parts[0] == "rawnode" and len(parts) == 2:
            raw.append(bytes.fromhex(parts[1]).decode("utf-8"))
        else:
            sys.exit("pymemcache_oracle: cannot parse: %r" % line)
    keys = lines[at:]
    if keys and keys[-1] == "":
        keys.pop()  # the final newline
    if raw and (nodes or via != "RendezvousHash"):
        sys.exit("pymemcache_oracle: rawnode lines are for RendezvousHash alone")
    names = raw or ["%s:%d" % n for n in nodes]
    index = {name: i for i, name in enumerate(names)}
    if via == "RendezvousHash":
        ring = RendezvousHash(seed=seed)
        for name in names:
            ring.add_node(name)
        pick = ring.get_node
    elif via == "HashClient":
        client = HashClient(nodes, hasher=functools.partial(RendezvousHash, seed=seed),
                            allow_unicode_keys=True)
        pick = lambda key: client._get_client(key).server  # the (host, port) it would talk to
        index.update({n: i for i, n in enumerate(nodes)})
    else:
        sys.exit("pymemcache_oracle: unknown via %r" % via)
    out = []
    for hexkey in keys:
        key = bytes.fromhex(hexkey).decode("utf-8")
        out.append(str(index[pick(key)]))
    sys.stdout.write("\n".join(out) + ("\n" if out else ""))


main()
