#!/usr/bin/env python3
"""A network link with latency and loss, for kernels without `tc netem`.

Joins two interfaces at layer 2, frame by frame, through raw packet sockets: every frame from
one side is sent out of the other after DELAY_MS, unless it is dropped with probability LOSS.
SIGUSR1 switches the impairment on, SIGUSR2 off (frames then pass straight through).

    delayline.py IFACE_A IFACE_B --delay-ms 50 --loss 0.01

Run it in a namespace of its own that holds both interfaces (deploy/netns/run.sh does), with
segmentation offloads off on the link so that every frame fits the MTU.
"""

import argparse
import heapq
import random
import select
import signal
import socket
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--delay-ms", type=float, default=50)
    parser.add_argument("--loss", type=float, default=0.01)
    args = parser.parse_args()

    impaired = [False]
    signal.signal(signal.SIGUSR1, lambda *_: impaired.__setitem__(0, True))
    signal.signal(signal.SIGUSR2, lambda *_: impaired.__setitem__(0, False))

    sockets = {}
    for name in (args.a, args.b):
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        s.bind((name, ETH_P_ALL))  # Python puts it in network order
        s.setblocking(False)
        sockets[name] = s
    other = {sockets[args.a]: sockets[args.b], sockets[args.b]: sockets[args.a]}
    pending = []  # (due, sequence, socket, frame)
    sequence = 0
    while True:
        timeout = max(0.0, pending[0][0] - time.monotonic()) if pending else 1.0
        try:
            readable, _, _ = select.select(list(other), [], [], timeout)
        except InterruptedError:
            continue
        for s in readable:
            while True:
                try:
                    frame, address = s.recvfrom(65535)
                except BlockingIOError:
                    break
                if address[2] == PACKET_OUTGOING:
                    continue  # our own transmission, seen on the way out
                if impaired[0]:
                    if random.random() < args.loss:
                        continue
                    sequence += 1
                    heapq.heappush(pending, (time.monotonic() + args.delay_ms / 1000, sequence, other[s], frame))
                else:
                    try:
                        other[s].send(frame)
                    except OSError:
                        pass
        now = time.monotonic()
        while pending and pending[0][0] <= now:
            _, _, target, frame = heapq.heappop(pending)
            try:
                target.send(frame)
            except OSError:
                pass


if __name__ == "__main__":
    main()
