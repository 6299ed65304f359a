"""Link analysis at scale: a graph of 1,000,000 nodes and 5,000,000 edges.

    .venv/bin/python bench/network.py [--nodes 1000000] [--edges 5000000] [--seed 1]

The graph is shaped like Vigie's: people in small groups that share identifiers and travel
(most edges fall within blocks of 50 nodes, where the candidate rings live), a sparse web of
links between blocks, and 2,000 hubs (agencies, flights, airports) that take 5% of the edges.
It prints the time to build the ``Network`` (nodes, edges and the igraph graph over them, as
``vigie.network.build`` does once it has read the store), the 2-hop neighbourhood query
(``vigie.network.query.reach``) p50 and p95 over 1,000 random entities, unfiltered and as the
chart asks it (at most 300 entities), the shortest-path p95 over 200 random pairs, and the time
of Leiden (``vigie.network.community.leiden``, igraph's C implementation). Targets (issue 7):
2-hop p95 < 100 ms, Leiden < 60 s.

Build and Leiden print wall-clock and CPU seconds: on a machine shared with other work the CPU
time is what the step costs one idle core (both run on one thread).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from rich.console import Console

from vigie.network.community import leiden
from vigie.network.graph import Edge, Network, Node
from vigie.network.query import reach, shortest_path

console = Console()
BLOCK = 50
HUBS = 2_000
HUB_SHARE = 0.05
LOCAL_SHARE = 0.8


def edges_of(nodes: int, edges: int, rng: random.Random) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    hubs = rng.sample(range(nodes), HUBS)
    for _ in range(int(edges * HUB_SHARE)):
        pairs.append((rng.choice(hubs), rng.randrange(nodes)))
    for _ in range(int(edges * LOCAL_SHARE)):
        first = rng.randrange(nodes)
        start = first - first % BLOCK
        pairs.append((first, min(nodes - 1, start + rng.randrange(BLOCK))))
    while len(pairs) < edges:
        pairs.append((rng.randrange(nodes), rng.randrange(nodes)))
    return pairs


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, default=1_000_000)
    parser.add_argument("--edges", type=int, default=5_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pairs = edges_of(args.nodes, args.edges, rng)
    kinds = ("shared-phone", "co-travel", "Associate", "involved")

    started, cpu = time.perf_counter(), time.process_time()
    nodes = [Node(f"e{i}", "Person", f"Person {i}") for i in range(args.nodes)]
    links = [
        Edge(f"e{a}", f"e{b}", kinds[n % 4], "", 1.0 + (n % 3)) for n, (a, b) in enumerate(pairs)
    ]
    network = Network(nodes, links)
    built, built_cpu = time.perf_counter() - started, time.process_time() - cpu
    console.print(
        f"build: {built:.1f} s ({built_cpu:.1f} s CPU) for {network.graph.vcount():,} nodes "
        f"and {network.graph.ecount():,} edges"
    )

    starts = [f"e{rng.randrange(args.nodes)}" for _ in range(1_000)]
    for label, limit in (("2-hop", None), ("2-hop, chart (300)", 300)):
        times, sizes = [], []
        for entity in starts:
            began = time.perf_counter()
            sizes.append(len(reach(network, entity, 2, limit=limit)))
            times.append((time.perf_counter() - began) * 1000)
        console.print(
            f"{label}: p50 {percentile(times, 0.5):.2f} ms, p95 {percentile(times, 0.95):.2f} ms "
            f"(median {statistics.median(sizes):,.0f} entities reached)"
        )

    times = []
    for _ in range(200):
        first, second = rng.randrange(args.nodes), rng.randrange(args.nodes)
        began = time.perf_counter()
        shortest_path(network, f"e{first}", f"e{second}")
        times.append((time.perf_counter() - began) * 1000)
    console.print(
        f"shortest path: p50 {percentile(times, 0.5):.2f} ms, p95 {percentile(times, 0.95):.2f} ms"
    )

    began, cpu = time.perf_counter(), time.process_time()
    membership = leiden(network.graph, [e.weight for e in network.edges])
    console.print(
        f"Leiden: {time.perf_counter() - began:.1f} s ({time.process_time() - cpu:.1f} s CPU), "
        f"{len(set(membership)):,} communities"
    )


if __name__ == "__main__":
    main()
