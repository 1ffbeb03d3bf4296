import { Kg4recError } from '@kg4rec/core';

/** Items per user in CSR form: user u's items are `items[indptr[u] … indptr[u + 1])`. */
export interface UserItems {
  indptr: Int32Array;
  items: Int32Array;
}

/** Groups (user, item) pairs by user into a {@link UserItems}, in pair order within each user. */
export function userItems(numUsers: number, users: ArrayLike<number>, items: ArrayLike<number>): UserItems {
  if (users.length !== items.length) {
    throw new Kg4recError('SHAPE_MISMATCH', `userItems: ${users.length} users but ${items.length} items`);
  }
  const indptr = new Int32Array(numUsers + 1);
  for (let i = 0; i < users.length; i++) {
    const user = users[i] as number;
    if (!(user >= 0 && user < numUsers))
      throw new Kg4recError('INVALID_ARGUMENT', `userItems: user ${user} at ${i} is out of range [0, ${numUsers})`);
    indptr[user + 1] = (indptr[user + 1] as number) + 1;
  }
  for (let u = 0; u < numUsers; u++) indptr[u + 1] = (indptr[u + 1] as number) + (indptr[u] as number);
  const cursor = indptr.slice(0, numUsers);
  const grouped = new Int32Array(users.length);
  for (let i = 0; i < users.length; i++) {
    const user = users[i] as number;
    const at = cursor[user] as number;
    cursor[user] = at + 1;
    grouped[at] = items[i] as number;
  }
  return { indptr, items: grouped };
}

/** The number of items of each user. */
export function counts(lists: UserItems): Int32Array {
  return Int32Array.from({ length: lists.indptr.length - 1 }, (_, u) => (lists.indptr[u + 1] as number) - (lists.indptr[u] as number));
}

/** User u's items. */
export function itemsOf(lists: UserItems, user: number): Int32Array {
  return lists.items.subarray(lists.indptr[user], lists.indptr[user + 1]);
}

/** The same lists keeping only the items whose flag is set. */
export function keepItems(lists: UserItems, keep: Uint8Array): UserItems {
  const numUsers = lists.indptr.length - 1;
  const indptr = new Int32Array(numUsers + 1);
  const items: number[] = [];
  for (let u = 0; u < numUsers; u++) {
    for (const item of itemsOf(lists, u)) if (keep[item] === 1) items.push(item);
    indptr[u + 1] = items.length;
  }
  return { indptr, items: Int32Array.from(items) };
}
