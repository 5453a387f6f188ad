// @ts-check
// What the kernel says about a server process: CPU time and resident memory, read from /proc (Linux).
// Shared by the load generator (CPU over the send phase) and the runner (RSS, cold start).
import { readFileSync, readdirSync } from 'node:fs';

/**
 * CPU time of every thread of `pid`, in nanoseconds: the sum of `sum_exec_runtime` from
 * /proc/PID/task/TID/schedstat, which is exact where utime+stime from /proc/PID/stat counts 10 ms
 * ticks. Falls back to those ticks when schedstat is missing; NaN when the process is gone.
 * @param {number} pid
 */
export function cpuNs(pid) {
  let total = 0;
  let threads;
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    return NaN;
  }
  for (const tid of threads) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // A thread that exits between the listing and the read: its time is lost from both samples.
    }
  }
  if (total > 0) return total;
  // No schedstat (a kernel without CONFIG_SCHED_INFO): fall back to the ticks.
  try {
    // Fields after the ")" of the command name: utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e9) / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

/**
 * Resident set size of `pid` in KiB (VmRSS), NaN when the process is gone.
 * @param {number} pid
 */
export function rssKiB(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : NaN;
  } catch {
    return NaN;
  }
}
