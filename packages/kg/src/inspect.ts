import { type Dataset, GIVEN } from './dataset';
import { WARNING_KINDS, type WarningKind } from './report';

/** The statistics a user checks first, from {@link inspectDataset}. */
export interface DatasetStats {
  name: string;
  users: number;
  items: number;
  entities: number;
  relations: number;
  triples: number;
  interactions: number;
  /** interactions / (users × items). */
  density: number;
  /** Interactions and distinct users per given split, when the source comes split. */
  givenSplit?: { train: number; valid: number; test: number; trainUsers: number; testUsers: number };
  /** Users with no training interaction (with a given split), or with no interaction at all: they cannot be trained. */
  usersWithoutTraining: number;
  /** Items aligned to a KG entity. */
  linkedItems: number;
  /** Items whose entity is in no triple (or that have no entity). */
  itemsWithoutKgNeighbours: number;
  /** Items linked to an entity that an earlier item already links to: in the CKG, that entity's edges go to the first item only. */
  itemsSharingAnEntity: number;
  itemsWithPoster: number;
  itemsWithText: number;
  /** What loading dropped or skipped, by kind. */
  dropped: Record<WarningKind, number>;
}

function entitiesInTriples(dataset: Dataset): Uint8Array {
  const used = new Uint8Array(dataset.entities.size);
  const { head, tail } = dataset.triples;
  for (let i = 0; i < head.length; i++) {
    used[head[i] as number] = 1;
    used[tail[i] as number] = 1;
  }
  return used;
}

function countGiven(given: Uint8Array, users: Int32Array, numUsers: number) {
  const counts = { train: 0, valid: 0, test: 0, trainUsers: 0, testUsers: 0 };
  const inTrain = new Uint8Array(numUsers);
  const inTest = new Uint8Array(numUsers);
  given.forEach((g, i) => {
    const user = users[i] as number;
    if (g === GIVEN.train) {
      counts.train++;
      inTrain[user] = 1;
    } else if (g === GIVEN.valid) counts.valid++;
    else if (g === GIVEN.test) {
      counts.test++;
      inTest[user] = 1;
    }
  });
  counts.trainUsers = inTrain.reduce((a, b) => a + b, 0);
  counts.testUsers = inTest.reduce((a, b) => a + b, 0);
  return counts;
}

function distinctUsers(users: Int32Array, numUsers: number): number {
  const seen = new Uint8Array(numUsers);
  for (const user of users) seen[user] = 1;
  return seen.reduce((a, b) => a + b, 0);
}

/** Counts users, items, entities, relations, triples, interactions, density, KG coverage and what was dropped. */
export function inspectDataset(dataset: Dataset): DatasetStats {
  const inTriples = entitiesInTriples(dataset);
  const linked = Array.from(dataset.itemEntity).filter((e) => e >= 0);
  const { users, items, entities, relations, interactions, content } = dataset;
  const stats: DatasetStats = {
    name: dataset.name,
    users: users.size,
    items: items.size,
    entities: entities.size,
    relations: relations.size,
    triples: dataset.triples.head.length,
    interactions: interactions.user.length,
    density: interactions.user.length / Math.max(1, users.size * items.size),
    linkedItems: linked.length,
    itemsWithoutKgNeighbours: items.size - linked.filter((e) => inTriples[e] === 1).length,
    itemsSharingAnEntity: linked.length - new Set(linked).size,
    itemsWithPoster: content?.poster.filter(Boolean).length ?? 0,
    itemsWithText: content?.text.filter(Boolean).length ?? 0,
    usersWithoutTraining: 0,
    dropped: Object.fromEntries(WARNING_KINDS.map((kind) => [kind, dataset.report.get(kind)])) as Record<WarningKind, number>,
  };
  if (interactions.given) stats.givenSplit = countGiven(interactions.given, interactions.user, users.size);
  const trained = stats.givenSplit ? stats.givenSplit.trainUsers : distinctUsers(interactions.user, users.size);
  stats.usersWithoutTraining = users.size - trained;
  return stats;
}
