/**
 * User groups for reports: sparsity groups as KGAT's `--report` builds them (about a quarter of
 * all interactions each), and cold-start users (few training interactions).
 */

/** A named set of users (indices into the evaluated users). */
export interface UserGroup {
  name: string;
  members: Int32Array;
}

/**
 * KGAT's sparsity split (`create_sparsity_split`): users are taken in increasing order of their
 * interaction count, users with equal counts together, and a group is closed once its own
 * interactions reach 1/`parts` of all interactions; the rest form the last group. Each name gives
 * the group's largest per-user count.
 */
export function sparsityGroups(interactions: ArrayLike<number>, parts = 4): UserGroup[] {
  const byCount = new Map<number, number[]>();
  for (let i = 0; i < interactions.length; i++) {
    const count = interactions[i] as number;
    const users = byCount.get(count);
    if (users) users.push(i);
    else byCount.set(count, [i]);
  }
  const total = Array.from(interactions).reduce((a, b) => a + b, 0);
  const groups: Array<{ members: number[]; upTo: number }> = [];
  let current: number[] = [];
  let currentTotal = 0;
  for (const count of [...byCount.keys()].sort((a, b) => a - b)) {
    const users = byCount.get(count) as number[];
    current.push(...users);
    currentTotal += count * users.length;
    if (currentTotal >= total / parts) {
      groups.push({ members: current, upTo: count });
      current = [];
      currentTotal = 0;
    }
  }
  if (current.length > 0) groups.push({ members: current, upTo: interactions[current[current.length - 1] as number] as number });
  return groups.map(({ members, upTo }, g) => ({
    name: `sparsity ${g + 1}/${groups.length} (≤ ${upTo} interactions per user)`,
    members: Int32Array.from(members),
  }));
}

/** Users with at most `maxTraining` training interactions. */
export function coldStartGroup(training: ArrayLike<number>, maxTraining = 5): UserGroup {
  const members = Array.from({ length: training.length }, (_, i) => i).filter((i) => (training[i] as number) <= maxTraining);
  return { name: `cold-start (≤ ${maxTraining} training interactions)`, members: Int32Array.from(members) };
}
