// peak_rss_mb: the largest resident set of any process of the Cue server's process group
// (npx → next start → the server itself), sampled every 200 ms from /proc.
import { readFileSync, readdirSync } from "node:fs";

function groupRssMb(pgid: number): number {
  let largest = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      // Fields after the command (which may hold spaces): state ppid pgrp …
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (pgrp !== pgid) continue;
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
      largest = Math.max(largest, kb / 1024);
    } catch {
      // the process ended while we looked
    }
  }
  return largest;
}

export function rssSampler(pgid: number) {
  let peak = groupRssMb(pgid);
  const timer = setInterval(() => (peak = Math.max(peak, groupRssMb(pgid))), 200);
  return {
    peakMb: () => Math.max(peak, groupRssMb(pgid)),
    stop: () => clearInterval(timer),
  };
}
