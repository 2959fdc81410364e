import fs from 'node:fs';

/** CPU time (ms) of each PostgreSQL server process on this machine, by pid, from /proc. */
export function postgresCpu(): Map<string, number> {
  const byPid = new Map<string, number>();
  const tick = 1000 / 100; // USER_HZ
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (name !== 'postgres') continue;
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byPid.set(pid, (Number(f[11]) + Number(f[12])) * tick);
    } catch {
      // gone meanwhile
    }
  }
  return byPid;
}

/**
 * PostgreSQL CPU (ms) since `before`, summed over processes alive now. A backend that exited in between
 * takes its time with it, so this can undercount (pools closing idle connections), never go negative.
 */
export function postgresCpuSince(before: Map<string, number>): number {
  let total = 0;
  for (const [pid, ms] of postgresCpu()) total += ms - (before.get(pid) ?? 0);
  return total;
}
